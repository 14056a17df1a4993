"""Packages the consolidating office received: stored as sent, older revisions kept as superseded."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..domain.package import EvidenceRef, PackageEntry, entry_to_dict
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


def _package(r: dict) -> ReceivedPackage:
    return ReceivedPackage(r["id"], r["unit_id"], r["unit"], r["period"], r["revision"], r["created_at"],
                           r["received_at"], r["file_name"], r["superseded_by"])


_SELECT = "SELECT p.*, u.name AS unit FROM received_package p JOIN unit u ON u.id = p.unit_id"


def by_sha(db: sqlite_utils.Database, sha: str) -> ReceivedPackage | None:
    rows = list(db.query(f"{_SELECT} WHERE p.package_sha256 = ?", [sha]))
    return _package(rows[0]) if rows else None


def current(db: sqlite_utils.Database, unit_id: int, plan_id: int, period: str) -> ReceivedPackage | None:
    """The latest (not superseded) package of a unit and period."""
    rows = list(db.query(f"{_SELECT} WHERE p.unit_id = ? AND p.plan_id = ? AND p.period = ? "
                         "ORDER BY p.revision DESC LIMIT 1", [unit_id, plan_id, period]))
    return _package(rows[0]) if rows else None


def packages(db: sqlite_utils.Database, plan_id: int) -> list[ReceivedPackage]:
    return [_package(r) for r in db.query(f"{_SELECT} WHERE p.plan_id = ? ORDER BY u.name_folded, p.period, "
                                          "p.revision", [plan_id])]


def store_package(db: sqlite_utils.Database, unit_id: int, plan_id: int, manifest, sha: str, file_name: str,
                  entries: list[tuple[int, PackageEntry]], previous: ReceivedPackage | None) -> int:
    """Insert the package and its entries; mark `previous` superseded. Caller holds the transaction."""
    package_id = db.table("received_package").insert({
        "unit_id": unit_id, "plan_id": plan_id, "period": manifest.period, "revision": manifest.revision,
        "package_sha256": sha, "file_name": file_name, "created_at": manifest.created_at,
        "received_at": now_iso(), "officer": manifest.officer, "program_version": manifest.program_version}).last_pk
    rows = [_entry_row(package_id, target_id, e) for target_id, e in entries]
    if rows:  # plain executemany: sqlite-utils' insert_all inspects every value (a third of the import time)
        columns = list(rows[0])
        db.conn.executemany(f"INSERT INTO received_entry ({', '.join(columns)}) VALUES "
                            f"({', '.join('?' * len(columns))})", [tuple(r[c] for c in columns) for r in rows])
    if previous is not None:
        db.execute("UPDATE received_package SET superseded_by = ? WHERE id = ?", [package_id, previous.id])
    return package_id


def _entry_row(package_id: int, target_id: int, e: PackageEntry) -> dict:
    d = entry_to_dict(e)
    return {"package_id": package_id, "target_id": target_id, "status": d["status"],
            "assessment": d["assessment"], "assessment_auto": int(e.assessment_auto),
            "override_reason": e.override_reason, "values_json": json.dumps(d["values"], ensure_ascii=False),
            "evidence_notes": e.evidence_notes, "difficulties": e.difficulties, "causes": e.causes,
            "proposals": e.proposals, "officer": e.officer, "updated_at": e.updated_at,
            "evidence_json": json.dumps(d["evidence"], ensure_ascii=False),
            "history_json": json.dumps(d["history"], ensure_ascii=False)}


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
