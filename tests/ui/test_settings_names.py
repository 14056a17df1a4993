"""The Settings and first-run form refuse a unit or area name printing like another, inline (issue 18)."""

from __future__ import annotations

from dti_desktop.ui.settings_form import SettingsForm


def test_a_lookalike_name_is_refused_inline_naming_the_character(qtbot):
    form = SettingsForm()
    qtbot.addWidget(form)
    form.officer_name.setText("Nguyễn Văn An")
    form.unit_name.setCurrentText("Phòng Văn hóa và Thông tin\u200c")
    assert not form.validate() and "U+200C" in form.error.text()
    form.unit_name.setCurrentText("UBND phường Кim Sơn")
    assert not form.validate() and "U+041A CYRILLIC CAPITAL LETTER KA" in form.error.text()
    form.unit_name.setCurrentText("UBND phường Kim Sơn")
    form.district.setText("thành phố Đông Triều\u2060")
    assert not form.validate() and form.error.text().startswith("Địa bàn")
    form.district.setText("thành phố Đông Triều")
    assert form.validate() and form.error.text() == ""
