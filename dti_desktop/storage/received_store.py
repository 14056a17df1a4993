"""Packages the consolidating office received: stored as sent, older revisions kept as superseded."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..domain.package import EvidenceRef, PackageEntry
from ..domain.progress import Assessment, MeasureValue, Status
from .clock import now_iso

if TYPE_CHECKING:  # sqlite-utils is imported only when first needed (start-up time)
    import sqlite_utils


@dataclass(frozen=True)
class ReceivedPackage:
    id: int
    unit_id: int
    unit: str
    period: str
    revision: int
    created_at: str
    received_at: str
    file_name: str
    superseded_by: int | None
    reopen_reason: str = ""  # why the unit sent this month again (r2 and later)
    withdrawn_at: str | None = None  # the office took it out of the consolidation (kept here, in the history)
    withdrawn_by: str = ""
    withdraw_reason: str = ""


def _package(r: dict) -> ReceivedPackage:
    return ReceivedPackage(r["id"], r["unit_id"], r["unit"], r["period"], r["revision"], r["created_at"],
                           r["received_at"], r["file_name"], r["superseded_by"], r["reopen_reason"],
                           r["withdrawn_at"], r["withdrawn_by"], r["withdraw_reason"])


_SELECT = "SELECT p.*, u.name AS unit FROM received_package p JOIN unit u ON u.id = p.unit_id"


def by_sha(db: sqlite_utils.Database, sha: str) -> ReceivedPackage | None:
    rows = list(db.query(f"{_SELECT} WHERE p.package_sha256 = ?", [sha]))
    return _package(rows[0]) if rows else None


def current(db: sqlite_utils.Database, unit_id: int, plan_id: int, period: str) -> ReceivedPackage | None:
    """The latest package of a unit and period not withdrawn, under any name merged into it."""
    rows = list(db.query(f"{_SELECT} WHERE p.unit_id IN (SELECT id FROM unit WHERE id = ? OR merged_into = ?) "
                         "AND p.plan_id = ? AND p.period = ? AND p.withdrawn_at IS NULL "
                         "ORDER BY p.revision DESC LIMIT 1",
                         [unit_id, unit_id, plan_id, period]))
    return _package(rows[0]) if rows else None


def packages(db: sqlite_utils.Database, plan_id: int, withdrawn: bool = False) -> list[ReceivedPackage]:
    """The plan's packages, withdrawn ones only when asked (the history shows them; the consolidation does not)."""
    kept = "" if withdrawn else " AND p.withdrawn_at IS NULL"
    return [_package(r) for r in db.query(f"{_SELECT} WHERE p.plan_id = ?{kept} ORDER BY u.name_folded, p.period, "
                                          "p.revision", [plan_id])]


def get(db: sqlite_utils.Database, package_id: int) -> ReceivedPackage | None:
    rows = list(db.query(f"{_SELECT} WHERE p.id = ?", [package_id]))
    return _package(rows[0]) if rows else None


def withdraw(db: sqlite_utils.Database, package_id: int, reason: str, who: str, at: str) -> None:
    """Mark a package withdrawn (once; the trigger refuses a second time), then make its month's newest package
    not withdrawn current again. Caller holds the transaction."""
    db.execute("UPDATE received_package SET withdrawn_at = ?, withdrawn_by = ?, withdraw_reason = ? WHERE id = ?",
               [at, who, reason, package_id])
    unit_id = db.execute("SELECT unit_id FROM received_package WHERE id = ?", [package_id]).fetchone()[0]
    merged = db.execute("SELECT coalesce(merged_into, id) FROM unit WHERE id = ?", [unit_id]).fetchone()[0]
    names = [r[0] for r in db.execute("SELECT id FROM unit WHERE id = ? OR merged_into = ?", [merged, merged])]
    _repoint(db, names)


def mark_superseded(db: sqlite_utils.Database, unit_ids: list[int]) -> int:
    """After two names of a unit were merged: in each month, every package of those names not yet superseded is
    superseded by the month's highest revision (received packages are otherwise never changed). Returns how many."""
    marks = ",".join("?" * len(unit_ids))
    newest: dict[tuple[int, str], tuple[int, int]] = {}
    rows = db.execute(f"SELECT id, plan_id, period, revision, superseded_by FROM received_package "
                      f"WHERE unit_id IN ({marks}) AND withdrawn_at IS NULL", unit_ids).fetchall()
    for package_id, plan_id, period, revision, _ in rows:
        if (plan_id, period) not in newest or revision > newest[(plan_id, period)][0]:
            newest[(plan_id, period)] = (revision, package_id)
    marked = 0
    for package_id, plan_id, period, _, superseded_by in rows:
        latest = newest[(plan_id, period)][1]
        if superseded_by is None and package_id != latest:
            db.execute("UPDATE received_package SET superseded_by = ? WHERE id = ?", [latest, package_id])
            marked += 1
    return marked


def _repoint(db: sqlite_utils.Database, unit_ids: list[int]) -> None:
    """In each month of these names, the newest package not withdrawn is current and supersedes the others not
    withdrawn (a withdrawn r2 no longer supersedes r1: r1 is current again)."""
    marks = ",".join("?" * len(unit_ids))
    rows = db.execute(f"SELECT id, plan_id, period, revision, superseded_by FROM received_package "
                      f"WHERE unit_id IN ({marks}) AND withdrawn_at IS NULL", unit_ids).fetchall()
    newest: dict[tuple[int, str], tuple[int, int]] = {}
    for package_id, plan_id, period, revision, _ in rows:
        if (plan_id, period) not in newest or revision > newest[(plan_id, period)][0]:
            newest[(plan_id, period)] = (revision, package_id)
    for package_id, plan_id, period, _, superseded_by in rows:
        latest = newest[(plan_id, period)][1]
        wanted = None if package_id == latest else latest
        if superseded_by != wanted:
            db.execute("UPDATE received_package SET superseded_by = ? WHERE id = ?", [wanted, package_id])


def shared_revisions(db: sqlite_utils.Database, a: list[int], b: list[int]) -> list[tuple[str, int]]:
    """(period, revision) that both groups of unit ids sent: two units, not one known under two names."""
    return db.execute(f"SELECT x.period, x.revision FROM received_package x JOIN received_package y "
                      f"ON x.plan_id = y.plan_id AND x.period = y.period AND x.revision = y.revision "
                      f"AND x.withdrawn_at IS NULL AND y.withdrawn_at IS NULL "
                      f"WHERE x.unit_id IN ({','.join('?' * len(a))}) AND y.unit_id IN ({','.join('?' * len(b))}) "
                      f"ORDER BY x.period, x.revision", [*a, *b]).fetchall()


def store_package(db: sqlite_utils.Database, unit_id: int, plan_id: int, manifest, sha: str, file_name: str,
                  entries: list[tuple[int, PackageEntry]], previous: ReceivedPackage | None,
                  received_at: str | None = None) -> int:
    """Insert the package and its entries; mark `previous` superseded. Caller holds the transaction.
    `received_at`: when the office received it, by its own clock (a held package: when it was held).

    Plain statements: sqlite-utils' insert inspects every value, which for a district's
    thousands of entries cost a third of the import.
    """
    package_id = db.conn.execute(
        "INSERT INTO received_package (unit_id, plan_id, period, revision, package_sha256, file_name, created_at, "
        "received_at, officer, program_version, reopen_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [unit_id, plan_id, manifest.period, manifest.revision, sha, file_name, manifest.created_at,
         received_at or now_iso(),
         manifest.officer, manifest.program_version, manifest.reopen_reason]).lastrowid
    db.conn.executemany(f"INSERT INTO received_entry ({', '.join(_ENTRY_COLUMNS)}) VALUES "
                        f"({', '.join('?' * len(_ENTRY_COLUMNS))})",
                        [_entry_row(package_id, target_id, e) for target_id, e in entries])
    if previous is not None:
        db.conn.execute("UPDATE received_package SET superseded_by = ? WHERE id = ?", [package_id, previous.id])
    return package_id


_ENTRY_COLUMNS = ("package_id", "target_id", "status", "assessment", "assessment_auto", "override_reason",
                  "values_json", "evidence_notes", "difficulties", "causes", "proposals", "officer", "updated_at",
                  "evidence_json", "history_json")


def _json_encoder():
    """json.dumps(..., ensure_ascii=False) without rebuilding the C encoder on every call (thousands per import)."""
    c_make_encoder = getattr(json.encoder, "c_make_encoder", None)
    if c_make_encoder is None:
        return json.JSONEncoder(ensure_ascii=False).encode
    encoder = json.JSONEncoder(ensure_ascii=False)
    make = c_make_encoder(None, encoder.default, json.encoder.encode_basestring, None, ": ", ", ", False, False,
                          True)
    return lambda obj: "".join(make(obj, 0))


_JSON = _json_encoder()


_TEXT = json.encoder.encode_basestring  # json's own string writer (C when built), ensure_ascii=False
_FLOAT = float.__repr__  # how json writes a finite float (the reader let none other in)


def _number_json(value: float | None) -> str:
    return "null" if value is None else _FLOAT(value)


def _values_json(values: dict) -> str:
    """The measures as JSON, written directly (the same text json.dumps gives, ensure_ascii=False): an import writes
    thousands, and building a dict for each to have it encoded was a tenth of the import."""
    return "[" + ", ".join(
        f'{{"position": {p}, "value": {_number_json(v.value)}, "numerator": {_number_json(v.numerator)}, '
        f'"denominator": {_number_json(v.denominator)}, "text": {_TEXT(v.text)}}}'
        for p, v in sorted(values.items())) + "]"


def _entry_row(package_id: int, target_id: int, e: PackageEntry) -> tuple:
    values = _values_json(e.values) if e.values else "[]"
    evidence = ("[" + ", ".join(f'{{"sha256": {_TEXT(r.sha256)}, "name": {_TEXT(r.name)}, "size": {int(r.size)}}}'
                                for r in e.evidence) + "]") if e.evidence else "[]"
    return (package_id, target_id, e.status.value, e.assessment.value, int(e.assessment_auto), e.override_reason,
            values, e.evidence_notes, e.difficulties, e.causes, e.proposals, e.officer, e.updated_at,
            evidence, _JSON(list(e.history)) if e.history else "[]")


def entries(db: sqlite_utils.Database, package_id: int) -> dict[str, PackageEntry]:
    """code -> entry of one received package."""
    found = {}
    for r in db.query("SELECT e.*, t.code FROM received_entry e JOIN target t ON t.id = e.target_id "
                      "WHERE e.package_id = ?", [package_id]):
        values = {v["position"]: MeasureValue(v["value"], v["numerator"], v["denominator"], v["text"])
                  for v in json.loads(r["values_json"])}
        evidence = tuple(EvidenceRef(**e) for e in json.loads(r["evidence_json"]))
        found[r["code"]] = PackageEntry(
            code=r["code"], status=Status(r["status"]), assessment=Assessment(r["assessment"]),
            assessment_auto=bool(r["assessment_auto"]), override_reason=r["override_reason"], values=values,
            evidence_notes=r["evidence_notes"], difficulties=r["difficulties"], causes=r["causes"],
            proposals=r["proposals"], officer=r["officer"], updated_at=r["updated_at"], evidence=evidence)
    return found


def count_for_units(db: sqlite_utils.Database, unit_ids: list[int]) -> int:
    """How many packages were received under these units' names (withdrawn ones included)."""
    return db.execute(f"SELECT count(*) FROM received_package WHERE unit_id IN ({','.join('?' * len(unit_ids))})",
                      unit_ids).fetchone()[0]


def plan_and_sha(db: sqlite_utils.Database, package_id: int) -> tuple[dict, str]:
    """({id, number, year, issuer} of the plan a package reports on, the package's SHA-256): what an answer names."""
    row = db.execute("SELECT p.id, p.number, p.year, p.issuer, r.package_sha256 FROM plan p JOIN received_package r "
                     "ON r.plan_id = p.id WHERE r.id = ?", [package_id]).fetchone()
    return dict(zip(("id", "number", "year", "issuer"), row[:4])), row[4]


def sending_units(db: sqlite_utils.Database, plan_ids: list[int]) -> set[int]:
    """The units (by the name each package was sent under) with a package not withdrawn for any of the plans."""
    if not plan_ids:
        return set()
    return {r[0] for r in db.execute(f"SELECT DISTINCT unit_id FROM received_package WHERE plan_id IN "
                                     f"({','.join('?' * len(plan_ids))}) AND withdrawn_at IS NULL", plan_ids)}
