"""Settings, the data folder, this computer's signing key and the About box, from the window. Functions taking
the window."""

from __future__ import annotations

from .. import __version__
from ..domain.numbers import format_number
from ..services import workspace
from ..services.errors import KNOWN as KNOWN_ERRORS
from . import messages, plan_banner
from .messages import error_text


def edit_settings(window) -> None:
    from .dialogs import SettingsDialog

    settings = window.ctx.settings
    while True:  # refused (a unit name already taken, …): the dialog again with what was typed, not lost
        dialog = SettingsDialog(settings, window.ctx.unit.kind, window,
                                office_tools=workspace.office_tools_shown(window.db, window.ctx))
        if not dialog.exec() or not dialog.settings():
            return
        settings = dialog.settings()
        if window.apply_settings(settings):
            if dialog.office_tools.isChecked() != workspace.office_tools_shown(window.db, window.ctx):
                workspace.set_office_tools(window.db, dialog.office_tools.isChecked())
                window.show_office_tools(dialog.office_tools.isChecked())
            return


def apply_settings(window, settings) -> bool:
    try:
        window.ctx = workspace.update_settings(window.db, settings)
    except KNOWN_ERRORS as error:
        messages.error(window, "Không lưu được cài đặt", error_text(error))
        return False
    window._fill_plans()
    plan_banner.update_banner(window, window.model.rows())
    if window._district is not None and window.tabs.currentWidget() is window.district_page:
        window._district.refresh(window.period, window.ctx)  # its area and reporting day may have changed
    return True


def open_data_folder(window) -> None:
    messages.open_path(window.db_path.parent)


def about_text(window) -> str:
    from ..services import trust

    size = sum(p.stat().st_size for p in window.db_path.parent.glob(window.db_path.name + "*") if p.is_file())
    return (f"DTI Desktop {__version__}\nTheo dõi chỉ tiêu chuyển đổi số — chạy ngoại tuyến.\n\n"
            f"Thư mục dữ liệu: {window.db_path.parent}\n"
            f"Mã nhận dạng khóa ký của máy này: {trust.own_fingerprint(window.db)}\n"
            f"Cơ sở dữ liệu: {format_number(size / 1024 / 1024, 1)} MB")


def show_about(window) -> None:
    messages.info(window, "Giới thiệu DTI Desktop", window.about_text())


def show_own_key(window) -> None:
    """This computer's signing key: its fingerprint, the enrolment file, a hand-over (ui/key_dialogs.py)."""
    from .key_dialogs import show_own_key as show

    show(window, window.db)
