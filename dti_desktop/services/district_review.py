"""The consolidating office's own decisions on what it received: withdraw a package; accept or refuse a held one.

Nothing a unit sent is ever deleted: a withdrawn package stays in the history with who withdrew it, when and why,
and leaves the board, the consolidation and the reports; a held package's decision is recorded the same way.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain import bounds
from ..domain.periods import Period
from ..domain.text import clean, name_key
from ..domain.validation import MAX_TEXT
from ..storage import held_store, received_store
from ..storage.errors import ConflictError, NotFoundError, known_errors
from ..storage.unit_store import folded_names, merged_names
from . import district, workspace

if TYPE_CHECKING:  # sqlite-utils is imported only when first needed (start-up time)
    import sqlite_utils


def _now(now: datetime | None) -> str:
    """The office's clock (`now` where a test pins it), as stored: local time with its offset."""
    return (bounds.aware(now) if now is not None else datetime.now().astimezone()).isoformat(timespec="seconds")


def _reason(reason: str, what: str) -> str:
    reason = clean(reason)
    if not reason:
        raise ConflictError(f"Cần ghi lý do {what}.")
    if len(reason) > MAX_TEXT:
        raise ConflictError(f"Lý do dài {len(reason)} ký tự, vượt giới hạn {MAX_TEXT} ký tự; hãy ghi ngắn gọn.")
    return reason


# -- withdrawing a received package ------------------------------------------------------
def find_received(db: sqlite_utils.Database, unit: str, period: Period, revision: int | None = None,
                  plan_id: int | None = None) -> received_store.ReceivedPackage:
    """The package a unit sent for a month (its current one unless `revision` is given), by the unit's name as the
    office lists it (case and spelling of accents aside; a package sent under a name merged into it counts);
    NotFoundError in Vietnamese."""
    plan_id = plan_id or district.plan_id_for(db, period)
    key, aliases = name_key(unit), merged_names(db)
    names = folded_names(db)
    mine = [p for p in received_store.packages(db, plan_id) if p.period == period.key
            and key in (names.get(p.unit_id), names.get(aliases.get(p.unit_id)))
            and (revision is None or p.revision == revision)]
    if not mine:
        which = f"lần gửi r{revision} " if revision else ""
        raise NotFoundError(f"Không có gói {which}của “{clean(unit)}” {period.label.lower()} đang được tính "
                            "(xem: district board).")
    return max(mine, key=lambda p: p.revision)


def withdraw(db: sqlite_utils.Database, package_id: int, reason: str, who: str, now: datetime | None = None) -> str:
    """Take a received package out of the consolidation, kept in the history with the reason; the month's previous
    revision, if any, counts again, and the revision withdrawn may be sent again. Returns what was done."""
    reason = _reason(reason, "rút gói")
    with known_errors(db), db.atomic():
        package = received_store.get(db, package_id)
        if package is None:
            raise NotFoundError("Không tìm thấy gói đã nhận này.")
        if package.withdrawn_at:
            raise ConflictError(f"Gói {package.file_name} đã được rút trước đó.")
        received_store.withdraw(db, package_id, reason, clean(who), _now(now))
        month = Period.parse(package.period).label.lower()
    return (f"Đã rút gói r{package.revision} của {package.unit} {month} ({package.file_name}): gói vẫn được lưu trong "
            f"lịch sử, không còn được tính trong tổng hợp. Lý do: {reason}")


# -- packages held for the office ---------------------------------------------------------
def held_packages(db: sqlite_utils.Database, decided: bool = False) -> list[held_store.HeldPackage]:
    return held_store.held(db, decided)


def _pending(db, held_id: int) -> held_store.HeldPackage:
    held = held_store.get(db, held_id)
    if held is None:
        raise NotFoundError(f"Không có gói chờ duyệt số {held_id} (xem: district held).")
    if held.decision is not None:
        raise ConflictError(f"Gói chờ duyệt số {held_id} ({held.file_name}) đã được quyết định: "
                            f"{held.status.lower()}.")
    return held


def accept_held(db: sqlite_utils.Database, store: Path, held_id: int, who: str,
                now: datetime | None = None) -> district.ImportOutcome:
    """The office accepts a held package: its unit is added and the package imported as any other (checked again,
    received on the day it was first held). A package refused now stays held, for the office to refuse."""
    held = _pending(db, held_id)
    path = held_store.held_path(store, held.package_sha256)
    if not path.is_file():
        raise NotFoundError(f"Tệp của gói chờ duyệt {held.file_name} không còn trong thư mục dữ liệu ({path}); "
                            "hãy từ chối gói này và nhập lại từ tệp gốc.")
    office = workspace.context(db).settings.district
    with known_errors(db), db.atomic():
        outcome = district.import_one(db, store, path, office, now=now, known=True, received_at=held.received_at)
        if outcome.accepted:
            held_store.decide(db, held.id, held_store.ACCEPT, clean(who), "", _now(now))
    if outcome.accepted:
        path.unlink(missing_ok=True)  # its content is now the received package's
    return replace(outcome, file=Path(held.file_name))  # named as it came, not as it waited


def refuse_held(db: sqlite_utils.Database, store: Path, held_id: int, reason: str, who: str,
                now: datetime | None = None) -> str:
    """The office refuses a held package: the record stays with the reason, the file goes."""
    reason = _reason(reason, "từ chối gói")
    with known_errors(db), db.atomic():
        held = _pending(db, held_id)
        held_store.decide(db, held.id, held_store.REFUSE, clean(who), reason, _now(now))
    held_store.held_path(store, held.package_sha256).unlink(missing_ok=True)
    return f"Đã từ chối gói {held.file_name} của “{held.unit}”. Lý do: {reason}"
