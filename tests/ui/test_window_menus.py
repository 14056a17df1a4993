"""The window's report menus are built from the one table of report kinds (domain/report_kinds.py)."""

from __future__ import annotations

from dti_desktop.domain.report_kinds import REPORT_KINDS, with_texts
from dti_desktop.ui import messages
from tests.ui.test_main_window import window  # noqa: F401 (the officer's window fixture)


def _menu(window, title: str):
    return next(a.menu() for a in window.menuBar().actions() if a.text() == title)


def _submenu(menu, title: str):
    return next(a.menu() for a in menu.actions() if a.menu() is not None and a.text() == title)


def test_window_menus_list_every_report_kind_of_the_table_in_its_order(window):
    report = _menu(window, "&Báo cáo")
    labels = [kind.label for kind in REPORT_KINDS]
    for title in ("Xem trước và &in", "Lưu báo cáo ra &PDF", "Lưu báo cáo ra &Word (.docx)"):
        assert [a.text() for a in _submenu(report, title).actions()] == labels
    texts = _submenu(report, "&Nội dung báo cáo (đánh giá, nhiệm vụ, đề xuất)")
    assert [a.text() for a in texts.actions()] == [f"Báo cáo {k.texts_word}…" for k in with_texts()]
    assert "summary" not in window.text_actions  # the summary sheet has no texts of its own


def test_window_menus_hide_the_office_s_kinds_from_a_ward(window):
    shown = {key for actions in (window.preview_actions, window.pdf_actions, window.docx_actions,
                                 window.text_actions) for key, action in actions.items() if action.isVisible()}
    assert shown == {"month", "quarter", "year", "summary"}
    window.show_office_tools(True)
    assert window.pdf_actions["district"].isVisible() and window.text_actions["district"].isVisible()


def test_window_menus_offer_the_file_named_by_the_span_the_report_covers(window, monkeypatch):
    offered = []
    monkeypatch.setattr(messages, "save_file", lambda parent, title, name, *a: offered.append((title, name)))
    window.pdf_actions["quarter"].trigger()
    window.docx_actions["year"].trigger()
    assert offered == [("Lưu báo cáo quý ra PDF", "bao-cao-quy-I-2025.pdf"),
                       ("Lưu báo cáo năm ra Word", "bao-cao-nam-2025.docx")]
