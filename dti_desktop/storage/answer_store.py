"""Answers in the database: those the office sent (answer_sent) and those a unit received (answer_received).

Both tables are append-only: a package answered again keeps its earlier answers, the newest one counts.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # sqlite-utils is imported only when first needed (start-up time)
    import sqlite_utils


@dataclass(frozen=True)
class StoredAnswer:
    """One answer, sent (office) or received (unit): `ref` is the package's id at the office, the submission's at a
    unit."""

    id: int
    ref: int
    state: str
    note: str
    comments: tuple[tuple[str, str], ...]
    answered_at: str
    who: str
    file_name: str
    received_at: str = ""  # at a unit: when the office received the package (its clock)
    office: str = ""
    revision: int = 0


def _comments(text: str) -> tuple[tuple[str, str], ...]:
    return tuple((c["code"], c["text"]) for c in json.loads(text))


def comments_json(comments) -> str:
    return json.dumps([{"code": c, "text": t} for c, t in comments], ensure_ascii=False)


# -- the office ------------------------------------------------------------------------------------------------
def record_sent(db: sqlite_utils.Database, package_id: int, state: str, note: str, comments, answered_at: str,
                who: str, file_name: str, content: bytes) -> int:
    """Caller holds the transaction."""
    return db.execute("INSERT INTO answer_sent (package_id, state, note, comments_json, answered_at, answered_by, "
                      "file_name, content) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                      [package_id, state, note, comments_json(comments), answered_at, who, file_name,
                       content]).lastrowid


_SENT = ("SELECT s.id, s.package_id, s.state, s.note, s.comments_json, s.answered_at, s.answered_by, s.file_name, "
         "p.received_at, '', p.revision FROM answer_sent s JOIN received_package p ON p.id = s.package_id")


def _sent(row) -> StoredAnswer:
    return StoredAnswer(row[0], row[1], row[2], row[3], _comments(row[4]), row[5], row[6], row[7], row[8], row[9],
                        row[10])


def latest_sent(db: sqlite_utils.Database, package_id: int) -> StoredAnswer | None:
    row = db.execute(f"{_SENT} WHERE s.package_id = ? ORDER BY s.id DESC LIMIT 1", [package_id]).fetchone()
    return _sent(row) if row else None


def sent_for_plan(db: sqlite_utils.Database, plan_id: int) -> dict[int, list[StoredAnswer]]:
    """package id -> its answers, oldest first (read once for a board)."""
    found: dict[int, list[StoredAnswer]] = {}
    for row in db.execute(f"{_SENT} WHERE p.plan_id = ? ORDER BY s.id", [plan_id]):
        found.setdefault(row[1], []).append(_sent(row))
    return found


def sent_content(db: sqlite_utils.Database, answer_id: int) -> bytes:
    return bytes(db.execute("SELECT content FROM answer_sent WHERE id = ?", [answer_id]).fetchone()[0])


# -- a unit ----------------------------------------------------------------------------------------------------
def record_received(db: sqlite_utils.Database, submission_id: int, answer, imported_at: str, who: str,
                    file_name: str, sha256: str) -> int:
    """Caller holds the transaction. `answer`: a domain.answer.Answer."""
    return db.execute(
        "INSERT INTO answer_received (submission_id, state, note, comments_json, office, office_key, received_at, "
        "answered_at, imported_at, imported_by, file_name, answer_sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [submission_id, answer.state, answer.note, comments_json(answer.comments), answer.office, answer.office_key,
         answer.received_at, answer.answered_at, imported_at, who, file_name, sha256]).lastrowid


_RECEIVED = ("SELECT a.id, a.submission_id, a.state, a.note, a.comments_json, a.answered_at, a.imported_by, "
             "a.file_name, a.received_at, a.office, s.revision FROM answer_received a "
             "JOIN submission s ON s.id = a.submission_id")


def received_by_sha(db: sqlite_utils.Database, sha256: str) -> StoredAnswer | None:
    row = db.execute(f"{_RECEIVED} WHERE a.answer_sha256 = ?", [sha256]).fetchone()
    return _sent(row) if row else None


def received_for_month(db: sqlite_utils.Database, unit_id: int, plan_id: int, period: str) -> list[StoredAnswer]:
    """Every answer the unit received for the month, oldest first."""
    rows = db.execute(f"{_RECEIVED} WHERE s.unit_id = ? AND s.plan_id = ? AND s.period = ? ORDER BY a.id",
                      [unit_id, plan_id, period]).fetchall()
    return [_sent(r) for r in rows]


def newest_accepted_package_id(db: sqlite_utils.Database, unit_id: int, plan_id: int, period: str,
                               accepted: str) -> int | None:
    """The id of the unit's (or a name merged into it) newest package of the month, not withdrawn, whose latest
    answer is `accepted`; None when no package was accepted."""
    row = db.execute(
        "SELECT p.id FROM received_package p WHERE p.unit_id IN (SELECT id FROM unit WHERE id = ? OR merged_into = ?) "
        "AND p.plan_id = ? AND p.period = ? AND p.withdrawn_at IS NULL AND (SELECT s.state FROM answer_sent s "
        "WHERE s.package_id = p.id ORDER BY s.id DESC LIMIT 1) = ? ORDER BY p.revision DESC LIMIT 1",
        [unit_id, unit_id, plan_id, period, accepted]).fetchone()
    return row[0] if row else None
