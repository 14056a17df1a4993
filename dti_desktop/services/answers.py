"""The office answers the packages it received: accepted, or returned with a reason and comments per target.

Each answer is recorded (answer_sent, append-only, the signed bytes kept) and written as a file the office signs with
its installation's key, one per unit and month (io/answer_file.py); the unit takes it in (services/answer_intake.py).
The office's view of a month: each unit not sent, received and waiting for an answer, accepted, returned, or sent
again after a return. A setting makes the consolidation count accepted packages only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain import answer as answers
from ..domain.dates import display_date, display_moment
from ..domain.periods import Period
from ..domain.text import clean
from ..storage import answer_store, received_store
from ..storage.catalogue_store import target_texts
from ..storage.errors import ConflictError, NotFoundError, known_errors
from ..storage.unit_store import get_unit, merged_names
# the setting of what the consolidation counts, long reached through this module
from .answer_counting import ACCEPTED_ONLY, accepted_only, counted_package, set_accepted_only  # noqa: F401

if TYPE_CHECKING:  # sqlite-utils is imported only when first needed (start-up time)
    import sqlite_utils

NOT_SENT, WAITING, RESENT, ACCEPTED, RETURNED = "chua_gui", "cho_tra_loi", "gui_lai", answers.ACCEPTED, answers.RETURNED
STATE_LABELS = {NOT_SENT: "Chưa gửi", WAITING: "Đã nhận, chờ trả lời", RESENT: "Gửi lại sau khi trả lại",
                ACCEPTED: "Đã tiếp nhận", RETURNED: "Đã trả lại"}
WAITING_STATES = (WAITING, RESENT)


@dataclass(frozen=True)
class Written:
    """An answer written: the file, the unit, the month, the revision and the state."""

    path: Path
    unit: str
    period: str
    revision: int
    state: str

    def text(self) -> str:
        verb = "tiếp nhận" if self.state == ACCEPTED else "trả lại"
        return f"{self.unit}, {Period.parse(self.period).label.lower()}, r{self.revision}: {verb} — {self.path}"


# -- answering ---------------------------------------------------------------------------------------------
def answer_package(db: sqlite_utils.Database, package_id: int, state: str, note: str, comments: dict[str, str],
                   out_dir: Path, now: datetime | None = None) -> Written:
    """Record the office's answer to a package (the month's current one) and write its signed file into out_dir, in
    one transaction: no file without its record, no record without its file."""
    from ..io.answer_file import answer_bytes, write_bytes
    from .trust import own_key

    note, comments = clean(note) if state == ACCEPTED else note.strip(), {c.strip(): t.strip() for c, t in
                                                                           comments.items() if t.strip()}
    if (why := answers.problem(state, note, comments)) is not None:
        raise ConflictError(why)
    with known_errors(db), db.atomic():
        package, plan, sha = _answerable(db, package_id)
        codes = [code for code, _ in target_texts(db, plan["id"])]
        if unknown := [c for c in comments if c not in codes]:
            raise ConflictError(f"Chỉ tiêu {', '.join(unknown[:5])} không có trong danh mục của kế hoạch.")
        office, area, who = _office(db)
        unit_area = get_unit(db, package.unit_id).district
        moment = (now or datetime.now().astimezone()).isoformat(timespec="seconds")
        answer = answers.Answer(office, area, own_key(db).public_key, package.unit, unit_area, plan["number"],
                                plan["year"], plan["issuer"], package.period, package.revision, sha,
                                package.received_at, moment, state, note,
                                tuple((c, comments[c]) for c in codes if c in comments))
        content = answer_bytes(own_key(db), answer)
        path = Path(out_dir) / answers.file_name(package.unit, package.period, package.revision)
        answer_store.record_sent(db, package.id, state, note, answer.comments, moment, who, path.name, content)
        write_bytes(path, content)
    return Written(path, package.unit, package.period, package.revision, state)


def _answerable(db, package_id: int):
    package = received_store.get(db, package_id)
    if package is None:
        raise NotFoundError("Không có gói đã nhận này.")
    if package.withdrawn_at:
        raise ConflictError(f"Gói r{package.revision} của {package.unit} đã bị rút khỏi tổng hợp; không trả lời được.")
    if package.superseded_by is not None:
        raise ConflictError(f"Gói r{package.revision} của {package.unit} đã có lần gửi mới hơn; hãy trả lời lần gửi đó.")
    plan, sha = received_store.plan_and_sha(db, package_id)
    return package, plan, sha


def _office(db) -> tuple[str, str, str]:
    from ..storage.unit_store import own_unit
    from . import workspace

    unit, settings = own_unit(db), workspace.context(db, read_only=True).settings
    if unit is None:
        raise ConflictError("Chưa thiết lập cơ quan tổng hợp (Cài đặt) nên chưa ký được tệp trả lời.")
    area = settings.district or unit.district
    if not area:
        raise ConflictError("Cơ quan tổng hợp chưa đặt “Thuộc địa bàn” trong Cài đặt.")
    return unit.name, area, settings.who


def answer_unit(db: sqlite_utils.Database, unit: str, period: Period, state: str, note: str,
                comments: dict[str, str], out_dir: Path, now: datetime | None = None) -> Written:
    """The command line's answer: the unit named, the month's current package."""
    from . import district, trust

    unit_id = trust.find_unit(db, unit)
    package = received_store.current(db, unit_id, district.plan_id_for(db, period), period.key)
    if package is None:
        raise NotFoundError(f"Chưa nhận gói nào của {unit} {period.label.lower()} (hoặc gói đã bị rút).")
    return answer_package(db, package.id, state, note, comments, out_dir, now)


def accept_all(db: sqlite_utils.Database, period: Period, out_dir: Path, package_ids: list[int] | None = None,
               now: datetime | None = None) -> tuple[list[Written], list[Written]]:
    """Batch: every current package of the month (or of `package_ids`, an import's) not answered yet is accepted, and
    every one already answered has its latest answer written again; all into one folder, one file per unit.
    Returns (accepted now, written again)."""
    from . import district

    rows = [r for r in month_rows(db, district.plan_id_for(db, period), period)
            if r.package_id and (package_ids is None or r.package_id in package_ids)]
    accepted, again = [], []
    for row in rows:
        if row.state in WAITING_STATES:
            accepted.append(answer_package(db, row.package_id, ACCEPTED, "", {}, out_dir, now))
        else:
            again.append(rewrite(db, row.package_id, out_dir))
    return accepted, again


def accept_all_in(db_path: Path, period: Period, out_dir: Path) -> tuple[list[Written], list[Written]]:
    """accept_all on a connection of its own: a worker thread's (sqlite connections belong to one thread)."""
    from ..storage.database import open_database

    own = open_database(Path(db_path))
    try:
        return accept_all(own, period, out_dir)
    finally:
        own.close()


def targets(db: sqlite_utils.Database, plan_id: int) -> list[tuple[str, str]]:
    """(code, text) of the plan's targets in the catalogue's order: what the office may comment on."""
    return [(code, text) for code, text in target_texts(db, plan_id)]


def rewrite(db: sqlite_utils.Database, package_id: int, out_dir: Path) -> Written:
    """The package's latest answer written again, byte for byte (a stick lost, another unit's folder)."""
    from ..io.answer_file import write_bytes

    last = answer_store.latest_sent(db, package_id)
    package = received_store.get(db, package_id)
    if last is None or package is None:
        raise NotFoundError("Gói này chưa được trả lời.")
    path = write_bytes(Path(out_dir) / last.file_name, answer_store.sent_content(db, last.id))
    return Written(path, package.unit, package.period, package.revision, last.state)


# -- the office's view of a month ---------------------------------------------------------------------------
@dataclass(frozen=True)
class AnswerRow:
    """A unit's month as the office answers it."""

    unit_id: int
    unit: str
    state: str
    package_id: int | None = None
    revision: int = 0
    received_at: str = ""
    answered_at: str = ""
    note: str = ""
    comments: tuple[tuple[str, str], ...] = ()
    history: tuple[str, ...] = ()

    @property
    def waiting(self) -> bool:
        return self.state in WAITING_STATES

    def text(self) -> str:
        """"Đã trả lại r1 ngày 22/03/2025", "Gửi lại sau khi trả lại: r2 nhận 25/03/2025"."""
        if self.state == NOT_SENT:
            return STATE_LABELS[NOT_SENT]
        if self.state in (ACCEPTED, RETURNED):
            return f"{STATE_LABELS[self.state]} r{self.revision} ngày {display_date(self.answered_at)}"
        return f"{STATE_LABELS[self.state]}: r{self.revision} nhận {display_date(self.received_at)}"


def month_rows(db: sqlite_utils.Database, plan_id: int, period: Period, units: list | None = None) -> list[AnswerRow]:
    """Every unit the board shows (`units`: the board's, when already read), with its month's answer state and the
    history of answers."""
    from .district_board import reporting_units

    sent = answer_store.sent_for_plan(db, plan_id)
    aliases = merged_names(db)  # a name merged into another unit: its packages are that unit's
    by_unit: dict[int, list] = {}  # grouped once: a look-up per unit and package took a minute for 3,321 units
    for p in received_store.packages(db, plan_id, withdrawn=True):
        if p.period == period.key:
            by_unit.setdefault(aliases.get(p.unit_id, p.unit_id), []).append(p)
    rows = []
    for unit in reporting_units(db, plan_id) if units is None else units:
        mine = by_unit.get(unit.id, [])
        # the month's current package (received_store.current), from the month's packages already read: a query
        # per unit took 0,7 s for 3,321 units
        package = max((p for p in mine if not p.withdrawn_at), key=lambda p: p.revision, default=None)
        history = tuple(line for p in sorted(mine, key=lambda p: p.revision) for line in _lines(p, sent.get(p.id, [])))
        if package is None:
            rows.append(AnswerRow(unit.id, unit.name, NOT_SENT, history=history))
            continue
        last = sent.get(package.id, [])[-1:] or None
        if last:
            a = last[0]
            rows.append(AnswerRow(unit.id, unit.name, a.state, package.id, package.revision, package.received_at,
                                  a.answered_at, a.note, a.comments, history))
            continue
        before = [p for p in mine if p.revision < package.revision and sent.get(p.id)]
        returned = bool(before) and sent[max(before, key=lambda p: p.revision).id][-1].state == RETURNED
        rows.append(AnswerRow(unit.id, unit.name, RESENT if returned else WAITING, package.id, package.revision,
                              package.received_at, history=history))
    return rows


def _lines(package, sent: list) -> list[str]:
    lines = [f"{display_moment(package.received_at)} — nhận gói r{package.revision}"
             + (f" (lý do gửi lại: {package.reopen_reason})" if package.reopen_reason else "")
             + (f"; đã rút: {package.withdraw_reason}" if package.withdrawn_at else "")]
    for a in sent:
        verb = f"Tiếp nhận r{package.revision}" if a.state == ACCEPTED else f"Trả lại r{package.revision}: {a.note}"
        lines.append(f"{display_moment(a.answered_at)} — {verb} (tệp {a.file_name}"
                     + (f", người trả lời: {a.who}" if a.who else "") + ")")
        lines += [f"    chỉ tiêu {code}: {text}" for code, text in a.comments]
    return lines

