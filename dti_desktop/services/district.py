"""The consolidating office: import units' packages (checked, each alone), merge names, the consolidated workbook.

The board and each target across units are in district_board; withdrawing and held packages in district_review.
"""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain import bounds
from ..domain.dates import display_moment
from ..domain.errors import BadInput
from ..domain.package import EVIDENCE_PREFIX, PACKAGE_SUFFIX, entry_changes
from ..domain.periods import Period
from ..domain.report import ReportHeading
from ..domain.settings import ADD_NEW_UNITS
from ..domain.text import name_key, names_area, same_area
from ..domain.units import Unit, UnitKind
from ..fileutil import atomic_path, sha256_of
from ..io.package_reader import PackageError, VerifiedPackage, extract_evidence, verify_package
from ..storage import held_store, received_store
from ..storage.attachment_store import intact, stored_path
from ..storage.catalogue_store import list_plans, target_ids
from ..storage.errors import StorageError, known_errors
from ..storage.unit_store import (add_unit, get_unit, learn_kind, list_units, merge_into, merged_into_of, merged_names,
                                  others_named, own_unit, similar_names, unmerge)
from . import roster, trust, workspace
from .district_board import (  # noqa: F401  (the office's views, long reached through this module)
    LATE,
    MISSING,
    NOT_DUE,
    NOT_EXPECTED,
    ON_TIME,
    STATE_LABELS,
    Board,
    BoardCell,
    board,
    consolidated,
    reporting_units,
)

if TYPE_CHECKING:  # sqlite-utils is imported only when first needed (start-up time)
    import sqlite_utils

MAX_FILES = 5000
ACCEPTED, ALREADY, REFUSED = "Nhận", "Đã có, bỏ qua", "Từ chối"  # an import's verdicts, as the lists show them
HELD = "Chờ duyệt"
log = logging.getLogger(__name__)


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
    held: bool = False  # from a unit the office does not know: kept aside for the office to accept or refuse
    follows: int = 0  # refused because revision r{follows} must come first (the batch tries it again after)

    @property
    def verdict(self) -> str:
        """"Nhận", "Đã có, bỏ qua", "Chờ duyệt" or "Từ chối": a package imported again is no refusal (it read as a
        failure), nor is one held for the office to decide."""
        return ACCEPTED if self.accepted else ALREADY if self.already else HELD if self.held else REFUSED


def import_summary(outcomes: list[ImportOutcome]) -> str:
    """The batch in one sentence, for the window and the command line: "Đã nhận 2 gói, từ chối 1 gói." or,
    importing a stick again, "Đã nhận 0 gói, bỏ qua 4 gói đã nhập trước đó." (refusals named only when some were
    refused, or when nothing was skipped)."""
    accepted = sum(o.accepted for o in outcomes)
    already = sum(o.already for o in outcomes)
    held = sum(o.held for o in outcomes)
    refused = len(outcomes) - accepted - already - held
    parts = [f"Đã nhận {accepted} gói"]
    if already:
        parts.append(f"bỏ qua {already} gói đã nhập trước đó")
    if held:
        parts.append(f"giữ lại {held} gói chờ duyệt (đơn vị chưa có trong danh sách)")
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
            raise BadInput(f"Quá nhiều tệp (trên {MAX_FILES}); hãy chọn từng thư mục nhỏ hơn.")
    return found


def import_packages(db: sqlite_utils.Database, store: Path, paths: list[Path], progress=None,
                    now: datetime | None = None) -> list[ImportOutcome]:
    """Verify and import each package on its own: one refusal does not stop the others, nor does a package that
    makes the import itself fail (it is refused, named).

    The batch is one transaction (one disk sync instead of one per package) and each package a savepoint inside
    it: a crash leaves the batch wholly absent, never half, and then the files it had added are removed too.
    A package whose earlier revision comes later in the batch (r2 before r1 on the stick) is tried again after
    it. `now`: the office's clock (tests pin it); every date a package claims is checked against it.
    """
    files = package_files(paths)
    settings = workspace.context(db).settings
    office, known = settings.district, settings.new_units == ADD_NEW_UNITS
    cache: dict = {}
    written: list[Path] = []
    outcomes: list[ImportOutcome] = []
    try:
        with known_errors(db), db.atomic():
            for i, path in enumerate(files):
                outcomes.append(import_one(db, store, path, office, cache, now=now, written=written, known=known,
                                           first_pass=True))
                if progress:
                    progress(i + 1, len(files))
            _retry_out_of_order(db, store, office, cache, now, written, outcomes, known)
    except BaseException:
        _remove(written)  # the batch is not there: neither are the files it brought
        raise
    return outcomes


def _retry_out_of_order(db, store, office, cache, now, written, outcomes: list[ImportOutcome], known: bool) -> None:
    """Packages refused because their revision's predecessor was not yet in, tried again in revision order for as
    long as that brings one in (a stick's "…_r10" sorts before "…_r2")."""
    while waiting := sorted((o.revision, i) for i, o in enumerate(outcomes) if o.follows):
        progressed = False
        for _, i in waiting:
            again = import_one(db, store, outcomes[i].file, office, cache, now=now, written=written, known=known)
            progressed |= again.accepted
            outcomes[i] = again
        if not progressed:
            return


def _remove(files: list[Path]) -> None:
    for file in files:
        try:
            file.unlink(missing_ok=True)
        except OSError:  # a file left behind is harmless (unreferenced); the error that stopped the batch is not
            log.warning("không xóa được %s", file)


def _refused(path: Path, reason: str, pkg: VerifiedPackage | None = None, follows: int = 0) -> ImportOutcome:
    m = pkg.manifest if pkg else None
    return ImportOutcome(path, False, reason, m.unit if m else "", m.period if m else "", m.revision if m else 0,
                         follows=follows)


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


def _check(db, pkg: VerifiedPackage, office: str, cache: dict,
           now: datetime) -> tuple[int | None, dict[str, int], str | None]:
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
    if problem := _time_problem(m, now):
        return None, {}, problem
    if ("codes", plan_id) not in cache:
        cache[("codes", plan_id)] = target_ids(db, plan_id)
    codes = cache[("codes", plan_id)]
    unknown = [e.code for e in pkg.data.entries if e.code not in codes]
    if unknown:
        return None, {}, f"gói có chỉ tiêu không có trong danh mục: {', '.join(unknown[:5])}."
    return plan_id, codes, None


def _time_problem(m, now: datetime) -> str | None:
    """The month and the moment a package claims, against the office's own clock: a month not begun is refused
    whatever the package says it was made on (a package of 06/2027 dated in June was taken in 2026), and so is one
    made after the office received it, beyond a day's difference between clocks."""
    period, today = Period.parse(m.period), now.date()
    if period.year != m.catalogue.year:
        return f"{period.label.lower()} không thuộc năm {m.catalogue.year} của kế hoạch."
    if period > Period.of(today):
        return (f"{period.label.lower()} chưa bắt đầu (hôm nay là {today.strftime('%d/%m/%Y')} theo đồng hồ của cơ "
                "quan tổng hợp); chưa nhận gói báo cáo của tháng này.")
    made = bounds.aware(datetime.fromisoformat(m.created_at))
    if period > Period.of(made.date()):
        return (f"gói báo cáo {period.label.lower()} được lập ngày {made.strftime('%d/%m/%Y')}, trước khi tháng "
                "đó bắt đầu.")
    if made > now + bounds.CLOCK_SKEW:
        return (f"gói ghi lập lúc {made.strftime('%d/%m/%Y %H:%M')}, sau lúc cơ quan tổng hợp nhận "
                f"({now.strftime('%d/%m/%Y %H:%M')}): đồng hồ máy gửi hoặc máy này sai; hãy kiểm tra rồi gửi lại.")
    return None


def _existing_unit_id(db, m) -> int | None:
    """The unit a package is from: its whole name (tones included, spelling aside), in the office's area however
    the area is capitalised (the area was accepted accent- and case-insensitively)."""
    for unit_id, district, merged_into in others_named(db, name_key(m.unit)):
        if same_area(district, m.district):
            return merged_into or unit_id  # a name merged into another unit: that unit's package
    return None


_KINDS = frozenset(k.value for k in UnitKind)


def _learn_kind(db, unit_id: int, m) -> None:
    """A unit stored as "khác" because an older version of this program did not know its kind (a đặc khu before
    schema 5) takes the kind its package states, once this version knows it."""
    if m.unit_kind != UnitKind.KHAC.value and m.unit_kind in _KINDS:
        learn_kind(db, unit_id, UnitKind(m.unit_kind))


def _create_unit(db, m) -> int:
    kind = m.unit_kind if m.unit_kind in _KINDS else UnitKind.KHAC.value
    return add_unit(db, Unit(m.unit, UnitKind(kind), m.district, False)).id


def import_one(db: sqlite_utils.Database, store: Path, path: Path, office: str, cache: dict | None = None, *,
               now: datetime | None = None, written: list[Path] | None = None, known: bool | None = None,
               received_at: str | None = None, first_pass: bool = False) -> ImportOutcome:
    """Verify, check and store one package in a savepoint of its own: whatever it makes fail (a check, an error no
    check foresaw) refuses it alone, named, leaving neither rows nor files.

    `known`: a unit the office does not know is added (a held package it accepts, or its setting "nhận ngay");
    otherwise its package is held; None: as the office's setting says. `received_at`: when the office first received
    it (a held package accepted: its own record is then no reason to skip it). `written` collects the files added,
    for the batch to remove should it fail as a whole. `first_pass`: a batch's first pass, in which a new unit's
    later revision waits for its earlier ones (the batch tries it again after them).
    """
    path = Path(path)
    moment = bounds.aware(now) if now is not None else datetime.now().astimezone()
    if known is None:
        known = workspace.context(db, read_only=True).settings.new_units == ADD_NEW_UNITS
    added: list[Path] = []
    try:
        with db.atomic():
            outcome = _import(db, store, path, office, {} if cache is None else cache, moment, added, known,
                              received_at, first_pass)
    except sqlite3.IntegrityError as error:  # what the checks should already have caught
        _remove(added)
        return _refused(path, f"gói có dữ liệu không ghi được ({error.__class__.__name__}); đã từ chối.")
    except (sqlite3.Error, StorageError):  # the environment (disk full, database locked): the batch stops, says why
        _remove(added)
        raise
    except (PackageError, OSError) as error:
        _remove(added)
        return _refused(path, f"không chép được tệp: {error}")
    except Exception as error:  # one package's content must not stop the others
        _remove(added)
        log.exception("gói %s làm lỗi khi nhập", path)
        return _refused(path, f"gói làm chương trình gặp lỗi khi kiểm tra ({error.__class__.__name__}); đã từ "
                              "chối gói này, các gói khác không bị ảnh hưởng.")
    if written is not None:
        written.extend(added)
    return outcome


def _import(db, store: Path, path: Path, office: str, cache: dict, now: datetime, added: list[Path], known: bool,
            received_at: str | None, first_pass: bool) -> ImportOutcome:
    try:
        pkg = verify_package(path)
    except PackageError as error:
        return _refused(path, error.reason)
    plan_id, codes, problem = _check(db, pkg, office, cache, now)
    if problem:
        return _refused(path, problem, pkg)
    m = pkg.manifest
    if (seen := _seen(db, pkg, held_ok=received_at is not None)) is not None:  # the same bytes: already here
        return ImportOutcome(path, False, seen, m.unit, m.period, m.revision, already=True)
    unit_id = _existing_unit_id(db, m)
    year = Period.parse(m.period).year
    expected = _expected(db, cache, year)
    retired = unit_id is not None and unit_id not in expected  # known, but not on the year's roster
    if (unit_id is None and not known) or (retired and received_at is None):
        return _hold(db, store, pkg, now, added, year if retired else None)
    previous = received_store.current(db, unit_id, plan_id, m.period) if unit_id else None
    last = previous.revision if previous else 0
    if problem := _revision_problem(m, last, unit_id is None and not first_pass):  # tried again after the others
        return _refused(path, problem, pkg, follows=last + 1 if m.revision > last + 1 else 0)
    facts = trust.sender_facts(db, unit_id, pkg)
    if problem := trust.sender_problem(db, unit_id, pkg, facts):  # a pinned unit's package signed by another key
        return _refused(path, problem, pkg)
    old = received_store.entries(db, previous.id) if previous else {}
    new = {e.code: e for e in pkg.data.entries}
    changes = tuple((code, what, a, b) for code in dict.fromkeys([*old, *new])
                    for what, a, b in entry_changes(old.get(code), new.get(code))) if previous else ()
    created = unit_id is None
    unit_id = unit_id or _create_unit(db, m)
    key_note = trust.remember_sender(db, unit_id, pkg, path.name, facts)  # the first signed package pins
    if created or retired:  # the office took it in: expected from now on
        roster.include(db, year, unit_id, cache.setdefault("who", workspace.context(db, read_only=True).settings.who),
                       "nhận gói chờ duyệt" if received_at else "đơn vị mới, nhận ngay theo Cài đặt")
        expected.add(unit_id)
    _learn_kind(db, unit_id, m)
    received_store.store_package(db, unit_id, plan_id, m, pkg.sha256, path.name,
                                 [(codes[e.code], e) for e in pkg.data.entries], previous,
                                 received_at or now.isoformat(timespec="seconds"))
    added.extend(_new_evidence(pkg, store))  # removed again should this package or its batch fail
    extract_evidence(pkg, store, stored_path, intact)  # last, once every check and every row passed
    note = f"; thay thế r{previous.revision} ({len(changes)} thay đổi)" if previous else ""
    note += key_note
    if m.reopen_reason:
        note += f"; lý do gửi lại: {m.reopen_reason}"
    if created and (alike := similar_units(db, unit_id)):
        note += (f"; lưu ý: đơn vị mới, tên gần giống “{alike[0]}” đã có: nếu là một đơn vị (tên vừa được sửa), "
                 "hãy gộp hai tên (Tổng hợp → Gộp đơn vị…)")
    return ImportOutcome(path, True, f"đã nhận {len(new)} kết quả{note}.", m.unit, m.period, m.revision, changes)


def _new_evidence(pkg: VerifiedPackage, store: Path) -> list[Path]:
    """The evidence files this package brings that the store does not hold yet (one another package shares stays)."""
    return [target for name in pkg.manifest.members if name.startswith(EVIDENCE_PREFIX)
            and not (target := stored_path(store, name[len(EVIDENCE_PREFIX):])).exists()]


def _seen(db, pkg: VerifiedPackage, held_ok: bool = False) -> str | None:
    """Why this very package (its bytes) is skipped: imported, withdrawn or held before (unless `held_ok`: it is
    the held package being accepted); None when it is new."""
    if (seen := received_store.by_sha(db, pkg.sha256)) is not None:
        if seen.withdrawn_at:
            return (f"gói này đã được nhập lúc {display_moment(seen.received_at)} và đã bị rút lúc "
                    f"{display_moment(seen.withdrawn_at)} ({seen.withdraw_reason}); bỏ qua, không nhập lại.")
        return f"gói này đã được nhập lúc {display_moment(seen.received_at)}; bỏ qua, không nhập lại."
    if not held_ok and (held := held_store.by_sha(db, pkg.sha256)) is not None:
        if held.decision is None:
            return f"gói này đang chờ duyệt từ {display_moment(held.received_at)}; bỏ qua."
        verb = "nhận" if held.decision == held_store.ACCEPT else "từ chối"
        return (f"gói này đã được cơ quan tổng hợp {verb} lúc {display_moment(held.decided_at)}"
                f"{': ' + held.decision_note if held.decision_note else ''}; bỏ qua.")
    return None


def _revision_problem(m, last: int, new_unit: bool) -> str | None:
    """A revision of a unit the office knows follows the last one accepted (r1 first, then r2 …), and from r2 says
    why the month was reopened: a forged "r999" made every real package of the month "cũ hơn", for good. A name
    the office has never seen may begin later (a ward that corrected its name sends r2 under the new one; the
    office then merges the two names)."""
    month = Period.parse(m.period).label.lower()
    if m.revision <= last:
        kind = "trùng số lần gửi nhưng khác nội dung" if m.revision == last else "cũ hơn"
        return f"đã có lần gửi r{last} của {m.unit} {month}; gói r{m.revision} {kind}."
    if m.revision > last + 1 and not new_unit:
        have = f"mới có r{last}" if last else "chưa có lần gửi nào"
        return (f"gói r{m.revision} của {m.unit} {month} không nối tiếp lần gửi đã nhận ({have}); "
                f"cần nhập lần gửi r{last + 1} trước.")
    if m.revision > 1 and not m.reopen_reason.strip():
        return f"gói r{m.revision} của {m.unit} {month} không ghi lý do mở lại kỳ báo cáo; lần gửi lại phải có lý do."
    return None


def _expected(db, cache: dict, year: int) -> set[int]:
    """The units the office's roster of `year` expects, read once a batch (services.roster)."""
    if ("roster", year) not in cache:
        cache[("roster", year)] = set(roster.expected_ids(db, year))
    return cache[("roster", year)]


def _hold(db, store: Path, pkg: VerifiedPackage, now: datetime, added: list[Path],
          retired_in: int | None = None) -> ImportOutcome:
    """A package from a unit the office does not know, or no longer expects (`retired_in`: the year its roster
    left it out): its file kept aside, recorded as held, out of the consolidation until the office accepts or
    refuses it."""
    m = pkg.manifest
    target = held_store.held_path(store, pkg.sha256)
    new = not target.exists()
    with atomic_path(target) as tmp:
        shutil.copyfile(pkg.path, tmp)
        if sha256_of(tmp) != pkg.sha256:
            raise PackageError(pkg.path, "gói thay đổi trong khi nhập; hãy nhập lại.")
    if new:
        added.append(target)
    reason = f"đơn vị “{m.unit}” chưa có trong danh sách đơn vị của cơ quan tổng hợp"
    if retired_in is not None:
        reason = f"đơn vị “{m.unit}” không có trong danh sách đơn vị năm {retired_in} của cơ quan tổng hợp (đã thôi theo dõi)"
    held_store.hold(db, pkg.sha256, pkg.path.name, m, now.isoformat(timespec="seconds"), reason)
    return ImportOutcome(pkg.path, False, f"{reason}: gói được giữ lại chờ duyệt (Tổng hợp → Gói chờ duyệt, hoặc "
                                          "lệnh district held), chưa đưa vào tổng hợp.", m.unit, m.period, m.revision,
                         held=True)


# -- one unit under two names ----------------------------------------------------------
def merge_units(db: sqlite_utils.Database, from_id: int, into_id: int) -> str:
    """One unit the office knows under two names (a name corrected in the unit's settings, a commune renamed):
    `from_id`'s name now points to `into_id`, whose board, views and reports count the packages sent under either
    name, each month's newest revision current. Received packages stay as they were (never changed, never lost).
    Returns what was done, in Vietnamese; ValueError when the two cannot be one unit."""
    if from_id == into_id:
        raise BadInput("Hãy chọn hai đơn vị khác nhau.")
    with known_errors(db), db.atomic():
        old, new = get_unit(db, from_id), get_unit(db, into_id)
        aliases = merged_names(db)
        if old.is_own or new.is_own:
            raise BadInput("Không gộp đơn vị của chính cơ quan tổng hợp.")
        if from_id in aliases or into_id in aliases:
            raise BadInput("Tên này đã được gộp vào một đơn vị khác.")
        names_old = [from_id, *(a for a, into in aliases.items() if into == from_id)]
        names_new = [into_id, *(a for a, into in aliases.items() if into == into_id)]
        if both := received_store.shared_revisions(db, names_old, names_new):
            period, revision = both[0]
            raise BadInput(f"“{old.name}” và “{new.name}” đều đã gửi lần r{revision} "
                           f"{Period.parse(period).label.lower()}: đây là hai đơn vị khác nhau, không gộp được.")
        merge_into(db, from_id, into_id)
        trust.carry_on_merge(db, from_id, into_id)
        received_store.mark_superseded(db, [*names_new, *names_old])
        moved = received_store.count_for_units(db, names_old)
    return f"Đã gộp “{old.name}” vào “{new.name}” ({moved} gói báo cáo đã nhận theo tên cũ được tính cho tên giữ)."


def unmerge_unit(db: sqlite_utils.Database, name_id: int) -> str:
    """Undo a merge: the name stands for a unit of its own again, with the packages sent under it (they were never
    moved). Two communes whose names differ only in accents ("Hòa An", "Hòa Ân") can be merged by mistake."""
    with known_errors(db), db.atomic():
        unit = get_unit(db, name_id)
        into = merged_into_of(db, name_id)
        if into is None:
            raise BadInput(f"“{unit.name}” không được gộp vào đơn vị nào.")
        kept = get_unit(db, into)
        unmerge(db, name_id)
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
    area, others = similar_names(db, unit_id)
    return [name for name, district in others if same_area(district, area)]


def export_consolidated(db: sqlite_utils.Database, plan_id: int, period: Period, path: Path,
                        today: date | None = None) -> Path:
    ctx = workspace.context(db)
    plan = next(p.plan for p in list_plans(db) if p.id == plan_id)
    targets = consolidated(db, plan_id, period)
    b = board(db, plan_id, workspace.report_day(ctx), today or date.today())
    heading = ReportHeading(
        unit=ctx.unit.name,  # the office whose data this is ("Cơ quan tổng hợp" is where it sends)
        title=f"TỔNG HỢP KẾT QUẢ THỰC HIỆN CHỈ TIÊU CHUYỂN ĐỔI SỐ THÁNG {period.month:02d}/{period.year}",
        subtitle=consolidated_subtitle(plan.label, ctx.settings.district))
    from ..io.xlsx_report import write_consolidated  # openpyxl only when needed

    return write_consolidated(path, heading, targets, [u.name for u in b.units], b.rows(), b.header())


def consolidated_subtitle(plan_label: str, area: str) -> str:
    """"(Theo Kế hoạch số … của UBND thành phố Đông Triều)": the area once, named after the plan only when the plan's
    issuer does not already name it."""
    if not area or names_area(plan_label, area):
        return f"(Theo {plan_label})"
    return f"(Theo {plan_label}; các đơn vị trên địa bàn {area})"


def plan_id_for(db: sqlite_utils.Database, period: Period) -> int:
    """The plan of the period's year (the current plan when it matches; workspace.context_for)."""
    return workspace.context_for(db, period, read_only=True).plan.id
