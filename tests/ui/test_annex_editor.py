"""The annex editor: its dialogs (data in, a result out, checked inline) and the "Danh mục chỉ tiêu" tab driven
in the window: a new year's plan copied, targets added, edited, refused, removed, the annex exported."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QItemSelectionModel

from dti_desktop.domain.catalogue import Plan, Target
from dti_desktop.services import catalogues
from dti_desktop.ui import annex_editor, messages
from dti_desktop.ui.annex_dialogs import Heading, HeadingDialog, PlanDialog, TargetDialog
from dti_desktop.ui.main_window import MainWindow
from dti_desktop.ui.models.annex_tree_model import RAW_ROLE, AnnexTreeModel
from tests.helpers import close_window, wait_for_tasks

TODAY = date(2026, 12, 4)
PLAN_2025 = Plan("36/KH-UBND", "2025-02-06", "UBND thành phố Đông Triều", 2025, "thành phố Đông Triều",
                 title="Kế hoạch thực hiện chuyển đổi số thành phố Đông Triều năm 2025")


# -- dialogs, no database -------------------------------------------------------------------------
def test_plan_dialog_gives_the_plan_typed(qtbot):
    dialog = PlanDialog(PLAN_2025, [PLAN_2025])
    qtbot.addWidget(dialog)
    dialog.number.setText("12/KH-UBND")
    dialog.date.setText("10/01/2026")
    dialog.issuer.setText("UBND xã Đông Triều")
    dialog.issuer.textEdited.emit("UBND xã Đông Triều")
    dialog.year.setValue(2026)
    dialog.accept()
    plan = dialog.plan()
    assert (plan.number, plan.date, plan.issuer, plan.locality, plan.year) == (
        "12/KH-UBND", "2026-01-10", "UBND xã Đông Triều", "xã Đông Triều", 2026)
    assert plan.title == "Kế hoạch thực hiện chuyển đổi số thành phố Đông Triều năm 2026"


def test_plan_dialog_shows_each_problem_under_its_field(qtbot):
    dialog = PlanDialog(PLAN_2025, [PLAN_2025])
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.date.setText("31/02/2025")
    dialog.accept()
    assert dialog.plan() is None
    assert dialog.fields.errors["date"].text() == "“31/02/2025” không phải ngày hợp lệ (dd/mm/yyyy)."
    assert dialog.fields.errors["number"].text() == ("Đã có kế hoạch số 36/KH-UBND năm 2025 của "
                                                     "UBND thành phố Đông Triều.")
    assert dialog.fields.errors["date"].isVisible() and not dialog.fields.errors["issuer"].isVisible()


def test_target_dialog_reads_the_goal_as_it_is_typed_and_refuses_what_it_cannot_read(qtbot):
    dialog = TargetDialog(Target("23", ""), [(1, "PL1 — IV Về phát triển xã hội số")], 1)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.local_goal.setText("tối thiểu 95%; 1000 điểm")
    assert dialog.goal_notes["local_goal"].text() == "Đọc là: 95%; 1.000 điểm"
    dialog.local_goal.setText("150%")
    assert dialog.fields.errors["local_goal"].text() == "Mục tiêu không đọc được: tỷ lệ 150% vượt quá 100%."
    assert dialog.fields.errors["local_goal"].isVisible() and not dialog.goal_notes["local_goal"].isVisible()
    dialog.deadline.setText("31/12")
    dialog.accept()
    assert dialog.edit() is None
    assert dialog.fields.errors["text"].text() == "Nội dung chỉ tiêu không được để trống."
    assert dialog.fields.errors["local_goal"].text() == "Mục tiêu không đọc được: tỷ lệ 150% vượt quá 100%."
    assert "dd/mm/yyyy" in dialog.fields.errors["deadline"].text()
    dialog.text.setPlainText("Tỷ lệ  hồ sơ được số hóa")
    dialog.local_goal.setText("100%")
    dialog.lead.setText("Văn phòng HĐND và UBND")
    dialog.deadline.setText("31/12/2026")
    dialog.level.setCurrentText("Chỉ tiêu mới")
    dialog.accept()
    edit = dialog.edit()
    assert edit.group_id == 1 and edit.target == Target(
        "23", "Tỷ lệ hồ sơ được số hóa", lead="Văn phòng HĐND và UBND", local_goal="100%", level="Chỉ tiêu mới",
        deadline="2026-12-31")


def test_target_dialog_of_a_reported_target_keeps_its_tt_and_goals(qtbot):
    dialog = TargetDialog(Target("6", "Tỷ lệ", lead="UBND", local_goal="90%"), [(1, "II")], 1, reported=True)
    qtbot.addWidget(dialog)
    assert dialog.tt.isReadOnly() and dialog.local_goal.isReadOnly() and not dialog.lead.isReadOnly()


def test_heading_dialog_checks_a_group_number(qtbot):
    dialog = HeadingDialog("group", Heading("5", "Về hạ tầng số"))
    qtbot.addWidget(dialog)
    dialog.accept()
    assert dialog.heading() is None and "số La Mã" in dialog.fields.errors["no"].text()
    dialog.key.setText("V")
    dialog.accept()
    assert dialog.heading() == Heading("V", "Về hạ tầng số")


# -- the tab in the window ------------------------------------------------------------------------
@pytest.fixture
def office_window(qtbot, office, monkeypatch):
    db, store = office
    told = {"info": [], "error": []}
    for name in ("info", "error"):
        monkeypatch.setattr(messages, name, lambda parent, title, text, n=name: told[n].append((title, text)))
    monkeypatch.setattr(messages, "confirm", lambda *a, **k: True)
    w = MainWindow(db, store.parent / "dti.sqlite3", today=TODAY)
    w.resize(1366, 768)
    w.show()
    qtbot.waitExposed(w)
    w.told = told
    yield w
    close_window(qtbot, w)


def _answer(monkeypatch, cls, fill):
    """messages.run_dialog fills the dialog in and presses its OK button, once (a refused change reopens it:
    then Hủy)."""
    calls = []

    def run(dialog):
        assert isinstance(dialog, cls), dialog
        if calls:
            return False
        calls.append(dialog)
        fill(dialog)
        dialog.accept()
        return bool(dialog.result())

    monkeypatch.setattr(messages, "run_dialog", run)
    return calls


def _select(editor, kind: str, match) -> None:
    model = editor.model
    for item in ([p for p in model.annex().parts] + [g for _, g in model.annex().groups()] + model.target_items()):
        if model.index_of(kind, item.id).isValid() and match(item):
            editor.tree.selectionModel().setCurrentIndex(
                model.index_of(kind, item.id), QItemSelectionModel.SelectionFlag.ClearAndSelect)
            return
    raise AssertionError(kind)


def _copy_2026(window, monkeypatch):
    def fill(dialog):
        dialog.number.setText("12/KH-UBND")
        dialog.date.setText("10/01/2026")
        dialog.issuer.setText("UBND thành phố Đông Triều")
    _answer(monkeypatch, PlanDialog, fill)
    window.new_year_action.trigger()


def test_the_office_copies_last_years_annex_and_the_window_goes_on_with_it(office_window, monkeypatch):
    window = office_window
    assert window.banner.text().startswith("Chưa có kế hoạch năm 2026")
    _copy_2026(window, monkeypatch)
    editor = window.annex_editor
    assert window.tabs.currentWidget() is window.annex_page
    assert window.ctx.plan.plan.number == "12/KH-UBND" and window.ctx.plan.plan.year == 2026
    assert window.plan_combo.currentText() == "12/KH-UBND — năm 2026"
    assert window.period_combo.currentText() == "Tháng 12/2026" and "Chưa có kế hoạch" not in window.banner.text()
    assert len(editor.model.target_items()) == 27 and "12/KH-UBND" in editor.heading.text()
    assert window.told["info"][0][0] == "Đã lập danh mục năm mới"
    assert editor.history_model.index(0, editor.history_model.COL_ITEM).data() == "Kế hoạch 12/KH-UBND"
    assert catalogues.choose_plan(window.db, today=TODAY).plan.year == 2026


def test_targets_are_added_edited_refused_and_removed_in_the_tab(office_window, monkeypatch, qtbot):
    window = office_window
    _copy_2026(window, monkeypatch)
    editor = window.annex_editor
    _select(editor, "group", lambda g: g.no == "IV")

    def new(dialog):
        assert dialog.tt.text() == "23"  # the next number of the part
        dialog.text.setPlainText("Tỷ lệ hộ gia đình có địa chỉ số")
        dialog.lead.setText("Công an xã")
        dialog.local_goal.setText("80%")
    _answer(monkeypatch, TargetDialog, new)
    editor.buttons["add"].click()
    added = editor.selected()
    assert (added.code, added.target.local_goal) == ("23", "80%")
    assert editor.history_model.index(0, editor.history_model.COL_WHAT).data() == "Thêm"

    def bad(dialog):
        dialog.local_goal.setText("8O%")
    calls = _answer(monkeypatch, TargetDialog, bad)
    editor.buttons["edit"].click()
    assert calls and calls[0].fields.errors["local_goal"].text().startswith("Mục tiêu không đọc được")
    assert editor.selected().target.local_goal == "80%"  # nothing saved

    def taken(dialog):
        dialog.tt.setText("5")
    _answer(monkeypatch, TargetDialog, taken)
    editor.buttons["edit"].click()
    assert window.told["error"][-1][0] == "Không sửa được chỉ tiêu"
    assert "TT “5” đã có trong phần PL1" in window.told["error"][-1][1]

    editor.buttons["remove"].click()
    assert "23" not in [t.code for t in editor.model.target_items()]
    assert editor.history_model.index(0, editor.history_model.COL_WHAT).data() == "Xóa"


def test_the_annex_goes_out_as_the_workbook(office_window, monkeypatch, qtbot, tmp_path):
    window = office_window
    _copy_2026(window, monkeypatch)
    out = tmp_path / "danh-muc-2026.xlsx"
    monkeypatch.setattr(messages, "save_file", lambda parent, title, suggested, *a: str(out))
    window.annex_editor.buttons["export"].click()
    wait_for_tasks(qtbot, window)
    assert any(t == "Đã xuất danh mục" for t, _ in window.told["info"])
    from openpyxl import load_workbook

    assert "NĂM 2026" in load_workbook(out)["Phụ lục"]["A1"].value


def test_a_reported_target_cannot_be_removed_and_the_officer_is_told_why(qtbot, mao_khe, monkeypatch):
    errors = []
    monkeypatch.setattr(messages, "error", lambda parent, title, text: errors.append(text))
    monkeypatch.setattr(messages, "confirm", lambda *a, **k: pytest.fail("asked before refusing"))
    window = MainWindow(mao_khe.db, mao_khe.path, today=date(2025, 3, 10))
    window.show()
    window.show_annex_editor()
    editor = window.annex_editor
    _select(editor, "target", lambda t: t.code == "6")
    assert editor.model.index_of("target", editor.selected().id).siblingAtColumn(
        AnnexTreeModel.COL_REPORTED).data() == "Đã có"
    editor.buttons["remove"].click()
    assert errors == ["Chỉ tiêu 6 đã có kết quả báo cáo nên không thể xóa khỏi danh mục (kết quả đã ghi hoặc đã "
                      "nhận của các đơn vị phải giữ nguyên)."]
    assert "6" in [t.code for t in editor.model.target_items()]
    close_window(qtbot, window)


def test_a_read_only_window_shows_the_annex_without_editing(qtbot, mao_khe):
    window = MainWindow(mao_khe.db, mao_khe.path, today=date(2025, 3, 10), read_only=True)
    window.show_annex_editor()
    editor = window.annex_editor
    assert not window.new_year_action.isEnabled()
    assert [n for n, b in editor.buttons.items() if b.isEnabled()] == ["export"]
    assert editor.model.rowCount() == 2
    close_window(qtbot, window)


def test_unsaved_entry_is_asked_about_before_the_annex_tab(qtbot, mao_khe, monkeypatch):
    window = MainWindow(mao_khe.db, mao_khe.path, today=date(2025, 3, 10))
    window.show()
    window.form.difficulties.setPlainText("Thiếu máy quét")
    monkeypatch.setattr(messages, "ask_unsaved", lambda parent: messages.CANCEL)
    window.show_annex_editor()
    assert window.tabs.currentIndex() == 0 and window.form.is_dirty()
    monkeypatch.setattr(messages, "ask_unsaved", lambda parent: messages.DISCARD)
    close_window(qtbot, window)


def test_editor_model_is_the_raw_items(office_window):
    editor = office_window.annex_editor
    editor.show_plan(office_window.ctx.plan.id)
    assert editor.model.index(0, 0).data(RAW_ROLE).key == "PL1"
    assert annex_editor.KNOWN_ERRORS


def test_correcting_the_new_plans_year_moves_the_window_to_that_year(office_window, monkeypatch):
    window = office_window
    _copy_2026(window, monkeypatch)

    def fill(dialog):
        dialog.year.setValue(2027)
        dialog.date.setText("15/12/2026")
    _answer(monkeypatch, PlanDialog, fill)
    window.annex_editor.buttons["plan"].click()
    assert window.ctx.plan.plan.year == 2027 and window.period_combo.currentText() == "Tháng 01/2027"
    assert window.plan_combo.currentText() == "12/KH-UBND — năm 2027"
    history = window.annex_editor.history_model
    assert {history.index(r, history.COL_WHAT).data() for r in range(3)} >= {"Sửa năm", "Sửa ngày ban hành"}


def test_on_a_narrow_screen_the_agencies_give_way_to_the_targets_text(office_window, qtbot):
    window = office_window
    window.show_annex_editor()
    tree = window.annex_editor.tree
    assert not tree.isColumnHidden(AnnexTreeModel.COL_COORDINATING)  # 1366 px: every column
    window.resize(1093, 614)  # 1366x768 at 125 %
    qtbot.waitUntil(lambda: tree.isColumnHidden(AnnexTreeModel.COL_COORDINATING))
    text = tree.columnWidth(AnnexTreeModel.COL_TEXT)
    assert text >= 40 * tree.fontMetrics().averageCharWidth() and not tree.isColumnHidden(AnnexTreeModel.COL_LEAD)
    window.resize(1366, 768)
    qtbot.waitUntil(lambda: not tree.isColumnHidden(AnnexTreeModel.COL_COORDINATING))
