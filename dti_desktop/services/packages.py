"""The unit's side of submission: export the month's package, lock the period, reopen it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from .. import __version__
from ..domain.package import (
    MEMBER_PDF,
    MEMBER_WORKBOOK,
    PACKAGE_SUFFIX,
    CatalogueRef,
    Manifest,
    PackageData,
    unit_file_stem,
)
from ..domain.periods import Period
from ..domain.report import ReportHeading
from ..io.package_writer import EvidenceMismatchError, write_package
from ..storage import submission_store
from ..storage.catalogue_store import load_catalogue
from ..storage.clock import now_iso
from ..storage.errors import ConflictError, known_errors
from . import workspace
from .locks import describe_lock, lock_state  # noqa: F401  (the package's API)
from .month_lines import month_lines

if TYPE_CHECKING:  # sqlite-utils is imported only when first needed (start-up time)
    import sqlite_utils

MAX_PACKAGE_EVIDENCE_BYTES = 200 * 1024 * 1024


@dataclass(frozen=True)
class ExportResult:
    path: Path
    revision: int
    entries: int
    evidence_files: int


def _check_period(ctx: workspace.WorkspaceContext, period: Period, today: date) -> None:
    if period.year != ctx.plan.plan.year:
        raise ConflictError(f"Kỳ {period.label} không thuộc năm của kế hoạch {ctx.plan.plan.number} "
                            f"({ctx.plan.plan.year}).")
    if period > Period.of(today):  # the office would count it "Đúng hạn" for a month not yet lived
        raise ConflictError(f"{period.label} chưa bắt đầu (hôm nay {today.strftime('%d/%m/%Y')}); "
                            "chưa gửi được báo cáo của tháng này.")


def heading(ctx: workspace.WorkspaceContext, period: Period) -> ReportHeading:
    return ReportHeading(
        unit=ctx.unit.name,
        title=f"KẾT QUẢ THỰC HIỆN CHỈ TIÊU CHUYỂN ĐỔI SỐ THÁNG {period.month:02d}/{period.year}",
        subtitle=f"(Theo {ctx.plan.plan.label})")


def export_package(db: sqlite_utils.Database, store: Path, period: Period, out_dir: Path) -> ExportResult:
    """Write <unit>_<period>_r<N>.dtipkg into out_dir, then mark the period submitted (locked)."""
    ctx = workspace.context(db)
    _check_period(ctx, period, date.today())
    latest = lock_state(db, ctx, period)
    if latest is not None and latest.locked:
        raise submission_store.LockedError(
            f"Kỳ {period.label} đã gửi lần r{latest.revision} (tệp {latest.file_name}). "
            "Muốn gửi lại, hãy “Mở lại” kỳ báo cáo và ghi lý do.")
    revision = 1 if latest is None else latest.revision + 1
    month = month_lines(db, store, ctx, period, since=latest.created_at if latest else None)
    lines, evidence = month.lines, month.evidence
    total = sum(p.stat().st_size for p in evidence.values())
    if total > MAX_PACKAGE_EVIDENCE_BYTES:
        raise ConflictError(f"Tệp minh chứng của {period.label} nặng {total // 1024 // 1024} MB, vượt giới hạn "
                            f"{MAX_PACKAGE_EVIDENCE_BYTES // 1024 // 1024} MB của một gói; hãy bớt hoặc nén tệp.")
    entries = tuple(line.entry for line in lines if line.entry is not None)
    catalogue = load_catalogue(db, ctx.plan.id)
    created = now_iso()
    manifest = Manifest(
        format="dti-package/1", program_version=__version__, unit=ctx.unit.name, unit_kind=ctx.unit.kind.value,
        district=ctx.unit.district, period=period.key, revision=revision, officer=ctx.settings.officer_name,
        created_at=created, catalogue=CatalogueRef(ctx.plan.plan.number, ctx.plan.plan.year, ctx.plan.plan.issuer,
                                                   catalogue.identity()), members={},
        reopen_reason=(latest.reopen_reason or "") if latest else "")
    path = _free_name(Path(out_dir), unit_file_stem(ctx.unit.name, period.key, revision),
                      lambda found: _unsent_copy(found, ctx.unit.name, period.key, revision))

    def documents(folder: Path) -> dict[str, Path]:
        """The workbook and the printed monthly report travel with the data, both made from the lines read above
        (scratch files: the package itself is synced to disk)."""
        from ..io.xlsx_report import write_unit_report
        from . import reports

        workbook = write_unit_report(folder / MEMBER_WORKBOOK, heading(ctx, period), lines, durable=False)
        pdf = folder / MEMBER_PDF
        reports.write_pdf(db, store, "month", period, pdf, durable=False, given={period: lines})
        return {MEMBER_WORKBOOK: workbook, MEMBER_PDF: pdf}

    try:
        from .trust import own_key  # every package is signed with this installation's key (docs/security.md)

        _, package_sha = write_package(path, manifest, PackageData(entries), documents, evidence, signer=own_key(db))
    except EvidenceMismatchError as error:
        code, name = next((e.code, r.name) for e in entries for r in e.evidence if r.sha256 == error.sha256)
        raise ConflictError(
            f"Tệp minh chứng “{name}” của chỉ tiêu {code} trong kho đã bị hỏng hoặc bị sửa ngoài chương trình "
            "(nội dung không còn khớp lúc đính kèm), nên chưa gửi được. Hãy gỡ tệp đó ở chỉ tiêu "
            f"{code}, đính kèm lại bản gốc rồi gửi lại.") from None
    try:
        with known_errors(db):
            submission_store.record_submission(db, ctx.unit.id, ctx.plan.id, period.key, revision, created,
                                               ctx.settings.officer_name, path.name, package_sha)
    except BaseException:
        path.unlink(missing_ok=True)  # no package may exist for a submission that was not recorded
        raise
    return ExportResult(path, revision, len(entries), len(evidence))


def _free_name(folder: Path, stem: str, replaceable) -> Path:
    """The package's file name, never another unit's package already in the folder: two units whose names
    differ only by accents (xã Hòa An, xã Hòa Ân) give the same ASCII name, and one package must not replace
    the other on the stick. A file `replaceable(path)` accepts (this very send, left by a crash before it was
    recorded) is replaced instead, so that the office never receives two different packages of one revision."""
    path = folder / (stem + PACKAGE_SUFFIX)
    n = 2
    while (path.exists() or path.is_symlink()) and not replaceable(path):
        path = folder / f"{stem} ({n}){PACKAGE_SUFFIX}"
        n += 1
    return path


def _unsent_copy(path: Path, unit: str, period: str, revision: int) -> bool:
    """A package of this unit, month and revision: the revision being exported is not recorded as sent, so
    such a file is what a crash between writing and recording left."""
    import json
    import zipfile

    from ..domain.text import name_key

    try:
        with zipfile.ZipFile(path) as archive:
            manifest = json.loads(archive.read("manifest.json")[:1_000_000])
        return (isinstance(manifest, dict) and name_key(str(manifest.get("unit"))) == name_key(unit)
                and manifest.get("period") == period and manifest.get("revision") == revision)
    except (OSError, KeyError, ValueError, zipfile.BadZipFile):
        return False


def reopen_period(db: sqlite_utils.Database, period: Period, reason: str):
    ctx = workspace.context(db)
    return submission_store.reopen(db, ctx.unit.id, ctx.plan.id, period.key, reason, ctx.settings.who)


@dataclass(frozen=True)
class CheckedPackage:
    """A package file read and checked without importing it (`package verify`): its contents and the signing
    key's fingerprint ("" when the package is unsigned, made by an older version)."""

    package: object  # io.package_reader.VerifiedPackage
    signer_fingerprint: str


def verify_file(path: Path) -> CheckedPackage:
    """Check a package as the office would (format, hashes, signature), importing nothing; PackageError when it
    is refused, a broken signature included."""
    from ..io.package_reader import PackageError, verify_package
    from .trust import fingerprint

    pkg = verify_package(path)
    if pkg.signature_problem:
        raise PackageError(path, f"chữ ký của gói không hợp lệ ({pkg.signature_problem.rstrip('.')}).")
    return CheckedPackage(pkg, fingerprint(pkg.signer) if pkg.signer else "")
