"""The roster: the units the office expects to report, year by year; what decides "Chưa gửi" and who is held.

A year not yet edited is proposed, never stored: the year before's roster when there is one, else the units of the
office's area, those the year's catalogue assigns targets to and those that sent for it. The first edit of a year
stores that proposal, then the edit; every edit is in the roster's history (who, when, what). A unit is never deleted:
it is retired from a year, with the reason. Renaming keeps the old name as another name of the unit, so a package
sent under it still counts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain import bounds
from ..domain.names import checked_name
from ..domain.text import clean, name_key, same_area
from ..domain.units import Unit, UnitKind
from ..storage import received_store, roster_store
from ..storage.catalogue_store import plan_ids
from ..storage.errors import ConflictError, NotFoundError, known_errors
from ..storage.unit_store import (
    add_unit,
    assign_plan,
    assigned_units,
    get_unit,
    list_units,
    merged_names,
    others_named,
)
from . import workspace

if TYPE_CHECKING:  # sqlite-utils is imported only when first needed (start-up time)
    import sqlite_utils

    from ..io.roster_xlsx import UnitList


@dataclass(frozen=True)
class RosterUnit:
    """A unit in a year's roster; a retired one stays listed, with when and why."""

    unit: Unit
    retired_at: str | None = None
    retire_reason: str = ""

    @property
    def active(self) -> bool:
        return self.retired_at is None


@dataclass(frozen=True)
class Roster:
    """A year's roster; `started`: stored (edited at least once), else proposed (`source` says from what)."""

    year: int
    started: bool
    source: str
    units: list[RosterUnit] = field(default_factory=list)

    def expected(self) -> list[Unit]:
        return [r.unit for r in self.units if r.active]

    def expected_ids(self) -> frozenset[int]:
        return frozenset(r.unit.id for r in self.units if r.active)


def _now(now: datetime | None) -> str:
    return (bounds.aware(now) if now is not None else datetime.now().astimezone()).isoformat(timespec="seconds")


def _office_area(db) -> str:
    return workspace.context(db, read_only=True).settings.district


# -- reading ---------------------------------------------------------------------------------
def roster(db: sqlite_utils.Database, year: int) -> Roster:
    """The year's roster, stored or proposed; a name merged into another unit shows as that unit."""
    units = {u.id: u for u in list_units(db) if not u.is_own}
    aliases = merged_names(db)
    if roster_store.started(db, year):
        rows: dict[int, RosterUnit] = {}
        for row in roster_store.entries(db, year):
            unit = units.get(aliases.get(row.unit_id, row.unit_id))
            if unit is not None and (unit.id not in rows or row.retired_at is None):
                rows[unit.id] = RosterUnit(unit, row.retired_at, row.retire_reason)
        return Roster(year, True, roster_store.source(db, year), _sorted(rows.values()))
    ids, source = _proposed(db, year, aliases, list(units.values()))
    return Roster(year, False, source, _sorted(RosterUnit(units[i]) for i in ids if i in units))


def _sorted(rows) -> list[RosterUnit]:
    from ..domain.text import fold

    return sorted(rows, key=lambda r: (not r.active, fold(r.unit.name), r.unit.id))


def _proposed(db, year: int, aliases: dict[int, int], units: list[Unit]) -> tuple[list[int], str]:
    """The proposal's unit ids among `units` (the office's units, read once by the caller) and where it comes from."""
    before = [y for y in roster_store.started_years(db) if y < year]
    if before:
        kept = [aliases.get(r.unit_id, r.unit_id) for r in roster_store.entries(db, before[-1]) if r.retired_at is None]
        return list(dict.fromkeys(kept)), f"chép từ danh sách năm {before[-1]}"
    try:
        area = _office_area(db)
    except NotFoundError:  # a database not set up: nothing to propose from
        return [], "chưa có"
    plans = plan_ids(db, year)
    assigned, sent = assigned_units(db, plans), received_store.sending_units(db, plans)
    sent = {aliases.get(s, s) for s in sent}
    ids = [u.id for u in units if not u.is_own and (same_area(u.district, area) or u.id in assigned or u.id in sent)]
    return ids, "các đơn vị của địa bàn và phân công chỉ tiêu"


def expected_ids(db: sqlite_utils.Database, year: int) -> frozenset[int]:
    return roster(db, year).expected_ids()


def history(db: sqlite_utils.Database, year: int | None = None) -> list[roster_store.Change]:
    return roster_store.history(db, year)


# -- editing -----------------------------------------------------------------------------------
def _ensure_started(db, year: int, at: str, who: str) -> None:
    """The year's proposal stored, as the first edit's starting point (caller holds the transaction)."""
    if roster_store.started(db, year):
        return
    proposal = roster(db, year)
    roster_store.start(db, year, at, who, proposal.source)
    for unit in proposal.expected():
        roster_store.include(db, year, unit.id, at)
    roster_store.record(db, year, at, who, roster_store.START, "",
                        f"{proposal.source}: {len(proposal.expected())} đơn vị")


def find_unit(db: sqlite_utils.Database, name: str) -> Unit | None:
    """A unit the office knows by this name (accents kept, case and spelling aside), a merged name giving the unit
    kept; one of the office's area first."""
    rows = [(unit_id, merged_into, area) for unit_id, area, merged_into in others_named(db, name_key(name))]
    if not rows:
        return None
    try:
        area = _office_area(db)
    except NotFoundError:
        area = ""
    rows.sort(key=lambda r: not same_area(r[2], area))
    return get_unit(db, rows[0][1] or rows[0][0])


def _known(db, name: str, year: int) -> Unit:
    unit = find_unit(db, name)
    if unit is None:
        raise NotFoundError(f"Không có đơn vị “{clean(name)}” trong danh sách năm {year} (xem: roster list).")
    return unit


def _find_or_add(db, name: str, kind: UnitKind | None) -> tuple[Unit, bool]:
    """The unit of that name, or a new one of the office's area (its kind from its name unless given); the new
    unit is assigned the targets of every plan it reports on."""
    from .setup import unit_kind

    name = checked_name(name)
    if (unit := find_unit(db, name)) is not None:
        return unit, False
    unit = add_unit(db, Unit(name, unit_kind(name, kind), _office_area(db), False))
    for plan_id in plan_ids(db):
        assign_plan(db, unit.id, plan_id)
    return unit, True


def add(db: sqlite_utils.Database, year: int, name: str, who: str, kind: UnitKind | None = None,
        now: datetime | None = None) -> str:
    """The unit expected from this year on (a new one is added to the office's units)."""
    at = _now(now)
    with known_errors(db), db.atomic():
        _ensure_started(db, year, at, who)
        unit, created = _find_or_add(db, name, kind)
        if not roster_store.include(db, year, unit.id, at):
            raise ConflictError(f"“{unit.name}” đã có trong danh sách năm {year}.")
        roster_store.record(db, year, at, who, roster_store.ADD, unit.name, "đơn vị mới" if created else "")
    return f"Đã thêm “{unit.name}” ({unit.kind.label.lower()}) vào danh sách đơn vị năm {year}."


def include(db: sqlite_utils.Database, year: int, unit_id: int, who: str, why: str, now: datetime | None = None) -> None:
    """A unit the office took in (a held package accepted, a new unit received at once, `unit add`) put on the
    year's roster, if it was not; caller may hold the transaction."""
    at = _now(now)
    if not roster_store.started(db, year) and unit_id in expected_ids(db, year):
        return  # the proposal has it already (a unit of the area): nothing to store
    with db.atomic():
        _ensure_started(db, year, at, who)
        if roster_store.include(db, year, unit_id, at):
            roster_store.record(db, year, at, who, roster_store.ADD, get_unit(db, unit_id).name, why)


def rename(db: sqlite_utils.Database, year: int, old: str, new: str, who: str, now: datetime | None = None) -> str:
    """The unit's name changes (a commune renamed, a name corrected) in every year; the old name stays as another
    name of the unit, so packages sent under it count. Its kind follows the new name when the name says one."""
    from ..domain.units import kind_from_name

    at = _now(now)
    new = checked_name(new)
    with known_errors(db), db.atomic():
        unit = _known(db, old, year)
        other = find_unit(db, new)
        if other is not None and other.id != unit.id:
            raise ConflictError(f"Đã có đơn vị “{other.name}”: hai đơn vị là một thì hãy gộp (roster merge).")
        roster_store.rename_unit(db, unit, new, kind_from_name(new) or unit.kind)
        _ensure_started(db, year, at, who)
        roster_store.include(db, year, unit.id, at)
        roster_store.record(db, year, at, who, roster_store.RENAME, new, f"“{unit.name}” → “{new}”")
    return f"Đã đổi tên “{unit.name}” thành “{new}” (gói gửi theo tên cũ vẫn được tính cho đơn vị này)."


def retire(db: sqlite_utils.Database, year: int, name: str, who: str, reason: str = "",
           now: datetime | None = None) -> str:
    """The unit no longer expected this year (it stays in the history; its packages then wait for the office)."""
    at, reason = _now(now), clean(reason)
    with known_errors(db), db.atomic():
        unit = _known(db, name, year)
        _ensure_started(db, year, at, who)
        if not roster_store.retire(db, year, unit.id, at, reason):
            raise ConflictError(f"“{unit.name}” không có trong danh sách năm {year}.")
        roster_store.record(db, year, at, who, roster_store.RETIRE, unit.name, reason)
    return f"Đã cho “{unit.name}” thôi theo dõi từ danh sách năm {year}" + (f" ({reason})." if reason else ".")


def merge(db: sqlite_utils.Database, year: int, names: list[str], into: str, who: str,
          kind: UnitKind | None = None, now: datetime | None = None) -> str:
    """Units merged into one (communes merged in 2025): each retired from the year, "gộp vào …", and the unit kept
    (made if new) expected. Packages each sent before stay theirs."""
    at = _now(now)
    with known_errors(db), db.atomic():
        _ensure_started(db, year, at, who)
        kept, _ = _find_or_add(db, into, kind)
        gone = [_known(db, name, year) for name in names]
        if any(u.id == kept.id for u in gone) or len({u.id for u in gone}) != len(gone) or not gone:
            raise ConflictError("Hãy chọn các đơn vị gộp khác nhau và khác đơn vị sau khi gộp.")
        for unit in gone:
            roster_store.retire(db, year, unit.id, at, f"gộp vào “{kept.name}”")
        roster_store.include(db, year, kept.id, at)
        listed = ", ".join(f"“{u.name}”" for u in gone)
        roster_store.record(db, year, at, who, roster_store.MERGE, kept.name, f"{listed} → “{kept.name}”")
    return f"Đã gộp {listed} vào “{kept.name}” trong danh sách năm {year}."


@dataclass(frozen=True)
class RosterImport:
    """What importing a list did."""

    file: str
    sheet: str
    listed: int
    added: list[str]
    already: int
    retired: list[str]
    missing: list[str]  # on the roster, not in the file (kept, unless the import replaced the list)

    def summary(self) -> str:
        text = (f"Đã nhập {self.listed} đơn vị từ {self.file} (trang tính “{self.sheet}”): thêm {len(self.added)}, "
                f"đã có {self.already}")
        if self.retired:
            text += f", thôi theo dõi {len(self.retired)} đơn vị không có trong tệp ({', '.join(self.retired)})"
        elif self.missing:
            text += f"; {len(self.missing)} đơn vị trong danh sách không có trong tệp, vẫn giữ ({', '.join(self.missing)})"
        return text + "."


def import_list(db: sqlite_utils.Database, year: int, path: Path, who: str, replace: bool = False,
                now: datetime | None = None) -> RosterImport:
    """The units of a clerk's .xlsx expected this year; `replace`: those not in it retired. The file is read whole
    first: a refused file (WorkbookError) changes nothing."""
    from ..io.roster_xlsx import read_unit_list

    listed = read_unit_list(Path(path))
    return _apply_list(db, year, listed, who, replace, _now(now))


def _apply_list(db, year: int, listed: UnitList, who: str, replace: bool, at: str) -> RosterImport:
    added, already, ids = [], 0, set()
    with known_errors(db), db.atomic():
        _ensure_started(db, year, at, who)
        for item in listed.units:
            unit, _ = _find_or_add(db, item.name, item.kind)
            ids.add(unit.id)
            if roster_store.include(db, year, unit.id, at):
                added.append(unit.name)
            else:
                already += 1
        others = [r.unit for r in roster(db, year).units if r.active and r.unit.id not in ids]
        retired = []
        for unit in others if replace else []:
            roster_store.retire(db, year, unit.id, at, f"không có trong danh sách {listed.path.name}")
            retired.append(unit.name)
        result = RosterImport(listed.path.name, listed.sheet, len(listed.units), added, already, retired,
                              [u.name for u in others])
        roster_store.record(db, year, at, who, roster_store.IMPORT, "", result.summary())
    return result
