"""An annex file imported with no window to review it (`catalogue import`): read, the office's signature checked,
rows the officer skipped left out, then saved unless a plan field is missing, a change is refused or it is a dry run.

What the window shows for review is told here as lines, in the order the officer reads them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.annex_reading import PlanInput
from ..domain.errors import BadInput

if TYPE_CHECKING:
    import sqlite_utils

    from ..domain.annex import Catalogue
    from ..storage.catalogue_store import SaveResult


@dataclass
class AnnexImport:
    """What an import found and did: `lines` to show; `refusal` when nothing was saved for a reason the officer must
    act on ("Chưa nhập: …", "Không nhập được: …"); `saved` when the catalogue was stored (None on a dry run)."""

    lines: list[str] = field(default_factory=list)
    refusal: str = ""
    catalogue: Catalogue | None = None
    saved: SaveResult | None = None


def import_annex(db: sqlite_utils.Database, path: Path, given: PlanInput, skip_rows: list[str],
                 dry_run: bool = False) -> AnnexImport:
    """Read `path`, leave out the rows numbered in `skip_rows` (BadInput for a row not read), preview against the
    stored plans and save (services.annex_intake), remembering the office that signed the file."""
    from . import annex_intake, trust
    from .annex_edit import officer

    reading = annex_intake.read_file(path)
    check = trust.check_file(db, path)  # the office's signature ("<tệp>.chuky"), told before anything else
    done = AnnexImport([check.message])
    skip = {str(s).strip() for s in skip_rows}
    if unknown := skip - {str(r.place.row) for r in reading.rows if r.place.row}:
        raise BadInput(f"--skip-row: không có dòng {', '.join(sorted(unknown))} trong bảng đã đọc.")
    reading = reading.with_rows_kept({i: False for i, r in enumerate(reading.rows) if str(r.place.row) in skip})
    result = annex_intake.preview(db, reading, given, command_line=True)
    done.lines += annex_intake.describe(result) + list(result.notes)
    if result.plan is None:
        done.refusal = "Chưa nhập: " + "; ".join(result.problems) + "."
        return done
    done.catalogue = reading.catalogue(result.plan)
    done.lines += [f"  {c.kind} chỉ tiêu {c.code}" + (f": {c.what}" if c.what else "") for c in result.changes]
    if result.blocked:
        done.refusal = "Không nhập được: " + " ".join(result.blocked) + " Chưa thay đổi gì."
    elif dry_run:
        done.lines.append(f"Chạy thử (--dry-run): chưa ghi gì. {result.plan.label}: "
                          f"{len(done.catalogue.targets())} chỉ tiêu.")
    else:
        done.saved = annex_intake.save(db, result, officer(db))
        trust.remember_file_signer(db, check, Path(path).name)
    return done
