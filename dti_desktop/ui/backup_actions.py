"""Backups from the window: the automatic one (at start, after each export) in the background, one made now,
a restore; each off the window's thread. Functions taking the window."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from ..services import workspace
from . import messages
from .messages import error_text


def backup_in_background(window, after_export: bool = False) -> None:
    """The automatic backup at each start and after each export (the one policy of services/backups: after an
    export a failure is a warning, the package stays written), skipped when nothing changed. The window stays
    usable meanwhile (a note in the status bar); closing it waits for the backup to end."""
    from ..services import backups

    path = window.db_path
    busy = QLabel("Đang sao lưu tự động…")
    window.statusBar().addPermanentWidget(busy)

    def ended(message: str, ms: int) -> None:
        window.statusBar().removeWidget(busy)
        busy.deleteLater()
        window.statusBar().showMessage(message, ms)

    from .tasks import run_task  # loaded with the first long job (start-up time)

    def done(b) -> None:
        if after_export:
            if b.problem:
                ended(b.warning(), 15000)
                return
            b = b.backup
        ended(f"Đã sao lưu tự động: {b.name}" if b else
              "Dữ liệu không đổi từ bản sao lưu gần nhất: không cần sao lưu lại.", 8000)

    work = (lambda: backups.backup_after_export(path)) if after_export else (lambda: backups.start_backup(path))
    window.backup_task = run_task(window, "Đang sao lưu tự động…", work, done,
                                  lambda error: ended(f"Chưa sao lưu được: {error_text(error)}", 15000),
                                  background=True)


def backup_now(window) -> None:
    """Off the GUI thread: an office's database is hundreds of megabytes."""
    from ..services import backups
    from .tasks import run_task  # loaded with the first long job (start-up time)

    path = window.db_path
    window.backup_task = run_task(
        window, "Đang sao lưu…", lambda: backups.create_backup(path),
        lambda b: messages.info(window, "Đã sao lưu", f"Bản sao lưu {b.name} ở {b.folder}."),
        lambda error: messages.error(window, "Không sao lưu được", error_text(error)))


def restore_backup(window) -> None:
    from ..services import backups

    if not window.leave_entry():
        return
    found = backups.list_backups(window.db_path)
    if not found:
        messages.info(window, "Khôi phục", "Chưa có bản sao lưu nào.")
        return
    name = messages.choose_backup(window, found)
    if not name or not messages.confirm(
            window, "Khôi phục từ bản sao lưu",
            f"Khôi phục dữ liệu về bản {name}? Trạng thái hiện tại được sao lưu trước, nên không mất gì.",
            "Khôi phục"):
        return
    from .tasks import run_task  # loaded with the first long job (start-up time)

    path = window.db_path  # a safety backup, then the copy back: twice the database, off the GUI thread
    window.restore_task = run_task(window, "Đang khôi phục…", lambda: backups.restore_backup(path, name),
                                   lambda result: _restored(window, result),
                                   lambda error: messages.error(window, "Không khôi phục được", error_text(error)))


def _restored(window, result) -> None:
    safety, restored = result
    window.ctx = workspace.context(window.db, today=window.today)
    window.current = None
    window._fill_plans()
    window._fill_periods()
    window.reload_rows()
    before = f"trạng thái trước đó ở bản {safety.name}" if safety else "dữ liệu hỏng trước đó được để riêng"
    messages.info(window, "Đã khôi phục", f"Đã khôi phục từ {restored.name}; {before}.")
