"""The window's entry: leaving it (save, discard, stay), saving it, copying last month's, its evidence files.
Functions taking the window; every data access through services.workspace."""

from __future__ import annotations

from pathlib import Path

from ..domain.progress import Status
from ..domain.validation import evidence_warning
from ..services import workspace
from ..services.errors import KNOWN as KNOWN_ERRORS
from . import messages, targets_panel
from .messages import error_text


def leave_entry(window) -> bool:
    """True when it is fine to show something else: saved, discarded, or nothing to lose."""
    if window.current is None or not window.form.is_dirty():
        return True
    answer = messages.ask_unsaved(window)
    if answer == messages.SAVE:
        return window.save_entry()
    if answer == messages.DISCARD:  # what is stored shows again: discarded edits stayed on screen under the
        window.form.revert()          # month just sent, and asked to be saved at the next move
        return True
    return False


def save_entry(window) -> bool:
    """Validate, confirm a "hoàn thành" without evidence, save; True when saved (or nothing to save)."""
    if window.current is None or window.read_only:
        return True
    window.complete_start()  # Ctrl+S as the window shows: the form's fields, made now, say what there is to save
    if not window.form.is_dirty():
        if window.current.entry is not None:
            window.statusBar().showMessage("Không có thay đổi nào để lưu.", 4000)
            return True
        # An untouched form of a target with no result: Ctrl+S by mistake recorded "Chưa triển khai", took the
        # target off the banner's list of those without a result and into the next package. Asked, it still can.
        status = Status.CHUA_TRIEN_KHAI.label  # what is recorded: the box says "Chưa có kết quả" until then
        if not messages.confirm(window, "Chưa nhập gì",
                                f"Chỉ tiêu {window.current.code} chưa có kết quả {window.period.label.lower()} và "
                                f"chưa nhập gì. Ghi nhận tình trạng “{status}” cho chỉ tiêu này?", "Ghi nhận"):
            return True
    if window.form.validate():
        window.statusBar().showMessage("Chưa lưu: hãy sửa các ô báo lỗi.", 6000)
        window.detail_tabs.setCurrentIndex(0)
        return False
    draft = window.form.draft()
    warning = evidence_warning(draft.status, draft.evidence_notes, window.form.attachment_count())
    window.form.show_evidence_warning(warning)
    if warning and not messages.confirm(window, "Chưa có minh chứng", f"{warning}\nVẫn lưu?", "Vẫn lưu"):
        return False
    try:
        stored = _copy_evidence(window)  # off the GUI thread: 4 files of 49 MB froze the window 0,5 s
        if stored is None:
            window.statusBar().showMessage("Đã hủy: chưa lưu.", 6000)
            return False
        workspace.save(window.db, window.store, draft, window.current.measures, [], window.ctx.settings.who,
                       carried=window.form.carried_files(), stored=tuple(stored))
    except KNOWN_ERRORS as error:
        messages.error(window, "Không lưu được", error_text(error))
        return False
    keep, code = window.current.assignment_id, window.current.code
    window.current = None
    window.reload_rows(keep)
    window.round.saved(code)  # beside the Save button, not only in the status bar
    return True


def _copy_evidence(window) -> list | None:
    """The form's new files copied into the store (ui/evidence_copy.py); None when cancelled."""
    pending = window.form.pending_files()
    if not pending:
        return []
    from .evidence_copy import copy_into_store

    return copy_into_store(window, window.store, pending)


def copy_previous(window) -> None:
    if window.current is None:
        return
    draft = workspace.copy_previous(window.db, window.current, window.period)
    if draft is None:
        window.statusBar().showMessage(f"Chỉ tiêu {window.current.code} chưa có kết quả "
                                       f"{window.period.previous().label.lower()} để chép.", 6000)
        return
    carried = workspace.previous_attachments(window.db, window.current, window.period)  # its files too
    window.form.load_draft(draft, carried)
    text = (f"Đã chép từ {window.period.previous().label.lower()}" + (f" (kèm {len(carried)} tệp minh chứng)"
                                                                      if carried else "") + "; hãy kiểm tra rồi lưu.")
    window.form.show_done(text)
    window.statusBar().showMessage(text, 6000)


def open_attachment(window, attachment) -> None:
    if isinstance(attachment, Path):  # chosen but not saved yet: the original file
        if not attachment.is_file():
            messages.error(window, "Không mở được tệp", f"Không còn tệp {attachment}.")
            return
        messages.open_path(attachment)
        return
    try:
        path = workspace.viewing_copy(window.store, attachment, window.db_path.parent / "xem-tam")
    except OSError as error:
        messages.error(window, "Không mở được tệp", error_text(error))
        return
    messages.open_path(path)


def remove_attachment(window, attachment) -> None:
    draft = window.form.draft()  # a "hoàn thành" left with no evidence is asked about, as when saving
    warning = evidence_warning(draft.status, draft.evidence_notes, window.form.attachment_count() - 1)
    if not messages.confirm(window, "Xóa tệp minh chứng",
                            f"Xóa “{attachment.original_name}” khỏi minh chứng của chỉ tiêu này?\n"
                            "Việc xóa được ghi vào lịch sử." + (f"\n\n{warning}" if warning else ""), "Xóa"):
        return
    workspace.remove_attachment(window.db, attachment.id, window.ctx.settings.who)
    window.form.set_attachments(workspace.attachments(window.db, attachment.entry_id))
    window.form.show_evidence_warning(warning)
    window._history_of, window._history_stale = (attachment.entry_id, window.current.measures), True
    if window.detail_tabs.currentWidget() is window.history_view:
        targets_panel.load_history(window)
    row = next(r for r in workspace.rows(window.db, window.ctx, window.period)
               if r.assignment_id == window.current.assignment_id)
    window.model.replace_row(row)
