"""The catalogue from the window: an annex file read off the window's thread, reviewed, saved; the plan's
catalogue exported (signed) to Excel. Functions taking the window."""

from __future__ import annotations

from pathlib import Path

from ..services import catalogues, workspace
from ..services.errors import KNOWN as KNOWN_ERRORS
from . import messages
from .messages import error_text


def import_catalogue(window, path: str | None = None) -> None:
    """Read the annex off the GUI thread, show what was found for review, save only what the officer accepts."""
    if not window.leave_entry():  # the plan in use may change under the form
        return
    path = path or messages.open_file(window, "Nhập phụ lục chỉ tiêu của kế hoạch (Excel, Word, PDF)",
                                      messages.ANNEX_FILTER)
    if not path:
        return
    from ..services import annex_intake
    from .tasks import run_task  # loaded with the first long job (start-up time)

    window._annex_file = Path(path)  # its signature, if the office signed it, is checked before the review
    window.import_task = run_task(window, "Đang đọc tệp phụ lục…", lambda: annex_intake.read_file(Path(path)),
                                  lambda reading: _catalogue_read(window, reading),
                                  lambda error: _catalogue_failed(window, error))


def _catalogue_read(window, reading) -> None:
    from ..services import annex_intake
    from .annex_review import AnnexReviewDialog

    def recompute(changed, given):
        return annex_intake.preview(window.db, changed, given)

    from ..services import trust

    source = getattr(window, "_annex_file", None)
    check = trust.check_file(window.db, source) if source else None
    if check and check.warning and not messages.confirm(window, "Chữ ký của tệp danh mục",
                                                        f"{check.message}\n\nVẫn xem và nhập tệp này?", "Xem tiếp"):
        return
    try:
        dialog = AnnexReviewDialog(recompute(reading, annex_intake.PlanInput()), recompute, window)
        if not messages.run_dialog(dialog):
            return
        accepted = dialog.result_preview()
        result = annex_intake.save(window.db, accepted, window.ctx.settings.who)
        if check:
            trust.remember_file_signer(window.db, check, source.name)
    except KNOWN_ERRORS as error:
        _catalogue_failed(window, error)
        return
    catalogue = accepted.reading.catalogue(accepted.plan)
    if result.created and catalogue.plan.year == window.today.year and window.ctx.plan.plan.year != window.today.year:
        window._plan_created(result.plan_id)  # this year's plan, which the banner asked for: the window goes on
    window._fill_plans()
    if result.plan_id == window.ctx.plan.id:  # the plan in use: new wording, new targets shown at once
        window.ctx = workspace.context(window.db, plan_id=result.plan_id, read_only=window.read_only)
        keep = window.current.assignment_id if window.current else None
        window.current = None  # shown again, with its new wording
        window.reload_rows(keep)
    else:
        window.reload_rows()  # the banner: this year's plan may have just arrived
    messages.info(window, "Đã nhập danh mục",
                  f"Kế hoạch {catalogue.plan.number} năm {catalogue.plan.year}: {len(catalogue.targets())} chỉ tiêu"
                  + ("" if result.changed else " (không có gì thay đổi)") + "."
                  + (f"\n{check.message}" if check else ""))


def _catalogue_failed(window, error) -> None:
    messages.error(window, "Không nhập được danh mục", error_text(error))  # a workbook's problems, one a line


def export_catalogue(window) -> None:
    catalogue = catalogues.catalogue_of(window.db, window.ctx.plan.id)
    path = messages.save_file(window, "Xuất danh mục chỉ tiêu ra Excel",
                              f"danh-muc-chi-tieu-{catalogue.plan.year}.xlsx")
    if not path:
        return
    from ..services import trust

    try:
        signer = trust.file_signer_fields(window.db)  # read here: the workbook is written on another thread
    except KNOWN_ERRORS as error:
        messages.error(window, "Không xuất được danh mục", error_text(error))
        return
    from .tasks import run_task  # loaded with the first long job (start-up time)

    window.export_task = run_task(
        window, "Đang ghi tệp Excel…", lambda: catalogues.write_signed_workbook(catalogue, Path(path), signer),
        lambda _: messages.info(window, "Đã xuất danh mục", f"Đã ghi {len(catalogue.targets())} chỉ tiêu ra {path}."),
        lambda error: messages.error(window, "Không xuất được danh mục", error_text(error)))
