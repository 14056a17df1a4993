"""The consolidating office: import units' packages, the completeness board, the consolidated report."""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.dates import display_moment
from ..domain.goals import goal_text_of, measures_for
from ..domain.package import PACKAGE_SUFFIX, entry_changes
from ..domain.periods import Period
from ..domain.report import ReportHeading, ReportLine, TargetAcrossUnits
from ..domain.text import clean, name_key, same_area
from ..domain.units import Unit, UnitKind, role_for
from ..io.package_reader import PackageError, VerifiedPackage, extract_evidence, verify_package
from ..storage import received_store
from ..storage.attachment_store import intact, stored_path
from ..storage.catalogue_store import list_plans, load_catalogue
from ..storage.errors import known_errors
from ..storage.unit_store import get_unit, list_units, merge_into, merged_names, own_unit
from . import trust, workspace

if TYPE_CHECKING:  # sqlite-utils is imported only when first needed (start-up time)
    import sqlite_utils

MAX_FILES = 5000
ACCEPTED, ALREADY, REFUSED = "Nhận", "Đã có, bỏ qua", "Từ chối"  # an import's verdicts, as the lists show them


@dataclass(frozen=True)
class ImportOutcome:
    """One file's verdict, for the result list."""

    file: Path
    accepted: bool
    message: str
    unit: str = ""
    period: str = ""
    revision: int = 0
    changes: tuple[tuple[str, str, str, str], ...] = ()  # (code, what, old, new) against the superseded revision
    already: bool = False  # this very package was imported before: skipped, nothing wrong with it (not accepted)

    @property
    def verdict(self) -> str:
        """"Nhận", "Đã có, bỏ qua" or "Từ chối": a package imported again is no refusal (it read as a failure)."""
        return ACCEPTED if self.accepted else ALREADY if self.already else REFUSED


def import_summary(outcomes: list[ImportOutcome]) -> str:
    """The batch in one sentence, for the window and the command line: "Đã nhận 2 gói, từ chối 1 gói." or,
    importing a stick again, "Đã nhận 0 gói, bỏ qua 4 gói đã nhập trước đó." (refusals named only when some were
    refused, or when nothing was skipped)."""
    accepted = sum(o.accepted for o in outcomes)
    already = sum(o.already for o in outcomes)
    refused = len(outcomes) - accepted - already
    parts = [f"Đã nhận {accepted} gói"]
    if already:
        parts.append(f"bỏ qua {already} gói đã nhập trước đó")
    if refused or not already:
        parts.append(f"từ chối {refused} gói")
    return ", ".join(parts) + "."


def package_files(paths: list[Path]) -> list[Path]:
    """Files as given; folders (a USB stick) searched for *.dtipkg in any letter case (FAT sticks and copies
    made on Windows may say .DTIPKG), at most MAX_FILES: the search stops there instead of walking a whole
    drive first."""
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            inside: list[Path] = []
            for folder, dirs, files in os.walk(path):  # links to folders are not followed
                dirs.sort()
                inside.extend(Path(folder) / f for f in files if f.lower().endswith(PACKAGE_SUFFIX))
                if len(found) + len(inside) > MAX_FILES:
                    break
            found.extend(sorted(p for p in inside if p.is_file() and not p.is_symlink()))
        else:
            found.append(path)
        if len(found) > MAX_FILES:
            raise ValueError(f"Quá nhiều tệp (trên {MAX_FILES}); hãy chọn từng thư mục nhỏ hơn.")
    return found


def import_packages(db: sqlite_utils.Database, store: Path, paths: list[Path], progress=None) -> list[ImportOutcome]:
    """Verify and import each package on its own: one refusal does not stop the others.

    The batch is one transaction (one disk sync instead of one per package) and each
    package a savepoint inside it: a crash leaves the batch wholly absent, never half.
    """
    files = package_files(paths)
    office = workspace.context(db).settings.district
    cache: dict = {}
    outcomes = []
    with known_errors(db), db.atomic():
        for i, path in enumerate(files):
            outcomes.append(import_one(db, store, path, office, cache))
            if progress:
                progress(i + 1, len(files))
    return outcomes


def _refused(path: Path, reason: str, pkg: VerifiedPackage | None = None) -> ImportOutcome:
    m = pkg.manifest if pkg else None
    return ImportOutcome(path, False, reason, m.unit if m else "", m.period if m else "", m.revision if m else 0)


def _find_plan(db: sqlite_utils.Database, ref, cache: dict) -> tuple[int | None, str | None]:
    if "plans" not in cache:
        cache["plans"] = list_plans(db)
    for summary in cache["plans"]:
        p = summary.plan
        if (p.number, p.year, name_key(p.issuer)) == (ref.plan_number, ref.year, name_key(ref.issuer)):
            if summary.identity != ref.identity:
                return None, (f"danh mục chỉ tiêu của gói ({ref.plan_number}) khác với danh mục cơ quan tổng hợp "
                              "đang dùng (nội dung chỉ tiêu đã thay đổi); hãy thống nhất danh mục trước.")
            return summary.id, None
    return None, f"cơ quan tổng hợp chưa có kế hoạch {ref.plan_number} năm {ref.year} mà gói báo cáo theo."


def _check(db, pkg: VerifiedPackage, office: str, cache: dict) -> tuple[int | None, dict[str, int], str | None]:
    m = pkg.manifest
    if not office:
        return None, {}, "cơ quan tổng hợp chưa đặt “Thuộc địa bàn” trong Cài đặt nên chưa thể kiểm tra gói."
    if not same_area(m.district, office):
        return None, {}, f"gói của {m.unit} thuộc địa bàn “{m.district}”, không thuộc “{office}”."
    if "own" not in cache:
        cache["own"] = own_unit(db)
    if cache["own"] is not None and name_key(m.unit) == name_key(cache["own"].name):
        return None, {}, f"gói mang tên chính cơ quan tổng hợp ({cache['own'].name}); gói của đơn vị khác mới nhập được."
    plan_id, problem = _find_plan(db, m.catalogue, cache)
    if problem:
        return None, {}, problem
    if Period.parse(m.period).year != m.catalogue.year:
        return None, {}, f"{Period.parse(m.period).label.lower()} không thuộc năm {m.catalogue.year} của kế hoạch."
    made = datetime.fromisoformat(m.created_at).date()
    if Period.parse(m.period) > Period.of(made):  # the board would count it "Đúng hạn"
        return None, {}, (f"gói báo cáo {Period.parse(m.period).label.lower()} được lập ngày "
                          f"{made.strftime('%d/%m/%Y')}, trước khi tháng đó bắt đầu.")
    if ("codes", plan_id) not in cache:
        cache[("codes", plan_id)] = dict(db.execute("SELECT code, id FROM target WHERE plan_id = ?", [plan_id]).fetchall())
    codes = cache[("codes", plan_id)]
    unknown = [e.code for e in pkg.data.entries if e.code not in codes]
    if unknown:
        return None, {}, f"gói có chỉ tiêu không có trong danh mục: {', '.join(unknown[:5])}."
    return plan_id, codes, None


def _existing_unit_id(db, m) -> int | None:
    """The unit a package is from: its whole name (tones included, spelling aside), in the office's area however
    the area is capitalised (the area was accepted accent- and case-insensitively)."""
    for unit_id, district, merged_into in db.execute(
            "SELECT id, district, merged_into FROM unit WHERE name_folded = ? AND is_own = 0", [name_key(m.unit)]):
        if same_area(district, m.district):
            return merged_into or unit_id  # a name merged into another unit: that unit's package
    return None


_KINDS = frozenset(k.value for k in UnitKind)


def _learn_kind(db, unit_id: int, m) -> None:
    """A unit stored as "khác" because an older version of this program did not know its kind (a đặc khu before
    schema 5) takes the kind its package states, once this version knows it."""
    if m.unit_kind != UnitKind.KHAC.value and m.unit_kind in _KINDS:
        db.execute("UPDATE unit SET kind = ? WHERE id = ? AND kind = ?", [m.unit_kind, unit_id, UnitKind.KHAC.value])


def _create_unit(db, m) -> int:
    kind = m.unit_kind if m.unit_kind in _KINDS else UnitKind.KHAC.value
    return db.execute("INSERT INTO unit (name, name_folded, kind, district, is_own) VALUES (?, ?, ?, ?, 0)",
                      [clean(m.unit), name_key(m.unit), kind, clean(m.district)]).lastrowid


def import_one(db: sqlite_utils.Database, store: Path, path: Path, office: str, cache: dict | None = None) -> ImportOutcome:
    try:
        pkg = verify_package(path)
    except PackageError as error:
        return _refused(path, error.reason)
    plan_id, codes, problem = _check(db, pkg, office, {} if cache is None else cache)
    if problem:
        return _refused(path, problem, pkg)
    m = pkg.manifest
    if (seen := received_store.by_sha(db, pkg.sha256)) is not None:  # the same bytes: already here, not refused
        when = display_moment(seen.received_at)
        return ImportOutcome(path, False, f"gói này đã được nhập lúc {when}; bỏ qua, không nhập lại.", m.unit,
                             m.period, m.revision, already=True)
    unit_id = _existing_unit_id(db, m)
    previous = received_store.current(db, unit_id, plan_id, m.period) if unit_id else None
    if previous is not None and m.revision <= previous.revision:
        kind = "trùng số lần gửi nhưng khác nội dung" if m.revision == previous.revision else "cũ hơn"
        return _refused(path, f"đã có lần gửi r{previous.revision} của {m.unit} {Period.parse(m.period).label.lower()}; "
                              f"gói r{m.revision} {kind}.",
                        pkg)
    if problem := trust.sender_problem(db, unit_id, pkg):  # a pinned unit's package signed by another key
        return _refused(path, problem, pkg)
    old = received_store.entries(db, previous.id) if previous else {}
    try:  # the package's own savepoint: whatever fails here undoes only this package
        created = unit_id is None
        with known_errors(db), db.atomic():
            unit_id = unit_id or _create_unit(db, m)
            key_note = trust.remember_sender(db, unit_id, pkg, path.name)  # the first signed package pins
            _learn_kind(db, unit_id, m)
            received_store.store_package(db, unit_id, plan_id, m, pkg.sha256, path.name,
                                         [(codes[e.code], e) for e in pkg.data.entries], previous)
            extract_evidence(pkg, store, stored_path, intact)  # last, once every check and every row passed
    except (PackageError, OSError) as error:
        return _refused(path, f"không chép được tệp minh chứng: {error}", pkg)
    except (sqlite3.IntegrityError, UnicodeError) as error:  # what the checks above should already have caught
        return _refused(path, f"gói có dữ liệu không ghi được ({error.__class__.__name__}); đã từ chối.", pkg)
    new = {e.code: e for e in pkg.data.entries}
    changes = tuple((code, what, a, b) for code in dict.fromkeys([*old, *new])
                    for what, a, b in entry_changes(old.get(code), new.get(code))) if previous else ()
    note = f"; thay thế r{previous.revision} ({len(changes)} thay đổi)" if previous else ""
    note += key_note
    if m.reopen_reason:
        note += f"; lý do gửi lại: {m.reopen_reason}"
    if created and (alike := similar_units(db, unit_id)):
        note += (f"; lưu ý: đơn vị mới, tên gần giống “{alike[0]}” đã có: nếu là một đơn vị (tên vừa được sửa), "
                 "hãy gộp hai tên (Tổng hợp → Gộp đơn vị…)")
    return ImportOutcome(path, True, f"đã nhận {len(new)} kết quả{note}.", m.unit, m.period, m.revision, changes)


# -- one unit under two names ----------------------------------------------------------
def merge_units(db: sqlite_utils.Database, from_id: int, into_id: int) -> str:
    """One unit the office knows under two names (a name corrected in the unit's settings, a commune renamed):
    `from_id`'s name now points to `into_id`, whose board, views and reports count the packages sent under either
    name, each month's newest revision current. Received packages stay as they were (never changed, never lost).
    Returns what was done, in Vietnamese; ValueError when the two cannot be one unit."""
    if from_id == into_id:
        raise ValueError("Hãy chọn hai đơn vị khác nhau.")
    with known_errors(db), db.atomic():
        old, new = get_unit(db, from_id), get_unit(db, into_id)
        aliases = merged_names(db)
        if old.is_own or new.is_own:
            raise ValueError("Không gộp đơn vị của chính cơ quan tổng hợp.")
        if from_id in aliases or into_id in aliases:
            raise ValueError("Tên này đã được gộp vào một đơn vị khác.")
        names_old = [from_id, *(a for a, into in aliases.items() if into == from_id)]
        names_new = [into_id, *(a for a, into in aliases.items() if into == into_id)]
        if both := received_store.shared_revisions(db, names_old, names_new):
            period, revision = both[0]
            raise ValueError(f"“{old.name}” và “{new.name}” đều đã gửi lần r{revision} "
                             f"{Period.parse(period).label.lower()}: đây là hai đơn vị khác nhau, không gộp được.")
        merge_into(db, from_id, into_id)
        trust.carry_on_merge(db, from_id, into_id)
        received_store.mark_superseded(db, [*names_new, *names_old])
        moved = db.execute(f"SELECT count(*) FROM received_package WHERE unit_id IN ({','.join('?' * len(names_old))})",
                           names_old).fetchone()[0]
    return f"Đã gộp “{old.name}” vào “{new.name}” ({moved} gói báo cáo đã nhận theo tên cũ được tính cho tên giữ)."


def unmerge_unit(db: sqlite_utils.Database, name_id: int) -> str:
    """Undo a merge: the name stands for a unit of its own again, with the packages sent under it (they were never
    moved). Two communes whose names differ only in accents ("Hòa An", "Hòa Ân") can be merged by mistake."""
    with known_errors(db), db.atomic():
        unit = get_unit(db, name_id)
        into = db.execute("SELECT merged_into FROM unit WHERE id = ?", [name_id]).fetchone()[0]
        if into is None:
            raise ValueError(f"“{unit.name}” không được gộp vào đơn vị nào.")
        kept = get_unit(db, into)
        db.execute("UPDATE unit SET merged_into = NULL WHERE id = ?", [name_id])
    return f"Đã tách “{unit.name}” khỏi “{kept.name}”: lại là một đơn vị riêng, với các gói đã gửi theo tên này."


def merge_candidates(db: sqlite_utils.Database) -> tuple[list[Unit], tuple[int, int] | None]:
    """The units the office may merge (not its own), and a likely pair to offer first: two names differing only
    in accents or case, the one made later (by the corrected name's first package) kept."""
    from ..domain.text import fold

    units = [u for u in list_units(db) if not u.is_own]
    alike: dict[str, list[Unit]] = {}
    for unit in units:  # grouped once by the accent-free name: a province's 200 units, not 40 000 pairs
        alike.setdefault(fold(unit.name), []).append(unit)
    pairs = [(older.id, newer.id) for group in alike.values() for newer in group for older in group
             if older.id < newer.id and same_area(older.district, newer.district)]
    return units, max(pairs, key=lambda pair: pair[1], default=None)


def similar_units(db: sqlite_utils.Database, unit_id: int) -> list[str]:
    """Other units of the same area whose names differ only in accents or case ("Mạo Khe", "Mạo Khê"): likely one
    unit whose name was corrected, for the office to merge."""
    mine = db.execute("SELECT name_folded, district FROM unit WHERE id = ?", [unit_id]).fetchone()
    if mine is None:
        return []
    # name_key() begins with the accent-free form and a \x1f: the same beginning, an index range (a scan of every
    # unit for each new one made a first import of 200 units 14 ms slower)
    accent_free = mine[0].split("\x1f", 1)[0]
    rows = db.execute("SELECT name, district FROM unit WHERE name_folded >= ? AND name_folded < ? AND id != ? "
                      "AND is_own = 0 AND merged_into IS NULL", [accent_free + "\x1f", accent_free + "\x20", unit_id])
    return [name for name, district in rows if same_area(district, mine[1])]


# -- completeness board --------------------------------------------------------------
ON_TIME, LATE, MISSING, NOT_DUE = "dung_han", "muon", "chua_gui", "chua_den_han"
STATE_LABELS = {ON_TIME: "Đúng hạn", LATE: "Muộn", MISSING: "Chưa gửi", NOT_DUE: "Chưa đến hạn"}


@dataclass(frozen=True)
class BoardCell:
    """A unit's month: its state, and the current revision with when it was made and received."""

    state: str
    revision: int = 0
    created_at: str = ""
    received_at: str = ""
    superseded: int = 0  # older revisions kept in history
    reopen_reason: str = ""  # why the unit sent this month again

    def text(self) -> str:
        if not self.revision:
            return STATE_LABELS[self.state]
        received = datetime.fromisoformat(self.received_at).strftime("%d/%m/%Y")
        extra = f", thay {self.superseded} lần trước" if self.superseded else ""
        why = f"; lý do gửi lại: {self.reopen_reason}" if self.reopen_reason else ""
        return f"{STATE_LABELS[self.state]} r{self.revision} (nhận {received}{extra}{why})"


@dataclass(frozen=True)
class Board:
    units: list[Unit]
    months: list[Period]
    cells: dict[tuple[int, str], BoardCell]

    def rows(self) -> list[list[str]]:
        return [[u.name] + [self.cells[(u.id, m.key)].text() for m in self.months] for u in self.units]

    def header(self) -> list[str]:
        return ["Đơn vị"] + [f"{m.month:02d}/{m.year}" for m in self.months]


def reporting_units(db: sqlite_utils.Database, plan_id: int) -> list[Unit]:
    """Units of the office's area (its own unit excepted) and any unit that sent a package."""
    office = workspace.context(db).settings.district
    aliases = merged_names(db)
    sent = {aliases.get(r[0], r[0]) for r in db.execute("SELECT DISTINCT unit_id FROM received_package "
                                                        "WHERE plan_id = ?", [plan_id])}
    return [u for u in list_units(db) if not u.is_own and (u.id in sent or same_area(u.district, office))]


def board(db: sqlite_utils.Database, plan_id: int, report_day: int, today: date) -> Board:
    plan = next(p.plan for p in list_plans(db) if p.id == plan_id)
    months = [Period(plan.year, m) for m in range(1, 13)]
    units = reporting_units(db, plan_id)
    aliases = merged_names(db)  # a name merged into another unit: its packages are that unit's
    by_cell: dict[tuple[int, str], list] = {}
    for p in received_store.packages(db, plan_id):  # grouped once: the board has units × 12 cells
        by_cell.setdefault((aliases.get(p.unit_id, p.unit_id), p.period), []).append(p)
    cells = {}
    for unit in units:
        for month in months:
            mine = by_cell.get((unit.id, month.key), [])
            due = month.due_date(report_day)
            if not mine:
                cells[(unit.id, month.key)] = BoardCell(MISSING if today > due else NOT_DUE)
                continue
            latest = max(mine, key=lambda p: p.revision)
            # On time when the month was first sent by its day: a correction sent later (r2) does not make a unit
            # that reported on time "Muộn"; the cell still says it was replaced.
            made = datetime.fromisoformat(min(mine, key=lambda p: p.revision).created_at).date()
            cells[(unit.id, month.key)] = BoardCell(ON_TIME if made <= due else LATE, latest.revision,
                                                    latest.created_at, latest.received_at, len(mine) - 1,
                                                    latest.reopen_reason)
    return Board(units, months, cells)


# -- consolidated view ------------------------------------------------------------------
def consolidated(db: sqlite_utils.Database, plan_id: int, period: Period) -> list[TargetAcrossUnits]:
    """Every target, with each reporting unit's current entry for the month."""
    catalogue = load_catalogue(db, plan_id)
    units = reporting_units(db, plan_id)
    current = {}
    for unit in units:
        package = received_store.current(db, unit.id, plan_id, period.key)
        current[unit.id] = received_store.entries(db, package.id) if package else {}
    result = []
    for (_part, group, target), code in zip(catalogue.located_targets(), catalogue.codes()):
        # results keep every figure's place ("-; 96%"): the office's goal column is shared by units of both levels
        lines = tuple((u.name, ReportLine(code, group.no, group.title, target, current[u.id].get(code)))
                      for u in units)
        unassigned = frozenset(u.name for u in units if role_for(u, target) is None)
        goal = goal_text_of(measures_for(target.goal, target.text, None), target.goal_text)  # "trên 80%"
        result.append(TargetAcrossUnits(code, target.text, goal, lines,
                                        unassigned))
    return result


def export_consolidated(db: sqlite_utils.Database, plan_id: int, period: Period, path: Path,
                        today: date | None = None) -> Path:
    ctx = workspace.context(db)
    plan = next(p.plan for p in list_plans(db) if p.id == plan_id)
    targets = consolidated(db, plan_id, period)
    b = board(db, plan_id, workspace.report_day(ctx), today or date.today())
    heading = ReportHeading(
        unit=ctx.unit.name,  # the office whose data this is ("Cơ quan tổng hợp" is where it sends)
        title=f"TỔNG HỢP KẾT QUẢ THỰC HIỆN CHỈ TIÊU CHUYỂN ĐỔI SỐ THÁNG {period.month:02d}/{period.year}",
        subtitle=f"(Theo {plan.label}; {ctx.settings.district})")
    from ..io.xlsx_report import write_consolidated  # openpyxl only when needed

    return write_consolidated(path, heading, targets, [u.name for u in b.units], b.rows(), b.header())


def plan_id_for(db: sqlite_utils.Database, period: Period) -> int:
    """The plan of the period's year (the current plan when it matches; workspace.context_for)."""
    return workspace.context_for(db, period, read_only=True).plan.id
