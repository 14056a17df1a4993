"""Province-scale data for the benchmarks, deterministic (seeded).

  python benchmarks/make_data.py OUT_DIR [--units 200] [--months 60] [--packages 200] [--seed 7]
  python benchmarks/make_data.py OUT_DIR --scale nation   (3,321 units x 30 targets x 12 months, 3,321 packages)

Writes OUT_DIR/province/dti.sqlite3 (the 2025 catalogue; `units` units, each with
every target for `months` months ending 12/2025, three edits of history per entry,
a few evidence files), OUT_DIR/packages/*.dtipkg (one month's packages, one per
unit, for the import benchmark) and OUT_DIR/office/dti.sqlite3 (an empty
consolidating office of the same area). Bulk rows go in with executemany inside
one transaction, a unit's rows at a time (the nation's 7 million history rows are never all in memory); the
schema's own constraints check every row. --targets N uses a plan of N targets (the 2025 catalogue's, repeated)
instead of the 2025 catalogue itself (27).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dti_desktop.domain.settings import Settings  # noqa: E402
from dti_desktop.domain.units import Unit, UnitKind  # noqa: E402
from dti_desktop.services import first_run, workspace# noqa: E402
from dti_desktop.services.app_database import open_app_database  # noqa: E402
from dti_desktop.storage.attachment_store import import_file  # noqa: E402
from dti_desktop.storage.unit_store import add_unit, assign_plan  # noqa: E402

AREA = "tỉnh Quảng Ninh"
WORDS = ["An", "Bình", "Hòa", "Hải", "Đông", "Tây", "Nam", "Bắc", "Phong", "Quang", "Thành", "Tân", "Yên",
         "Hưng", "Minh", "Phú", "Đức", "Vĩnh"]
STATUSES = ("chua_trien_khai", "dang_trien_khai", "hoan_thanh")


SCALES = {"nation": {"units": 3321, "months": 12, "packages": 3321, "targets": 30}}  # the country since 07/2025


def unit_names(count: int, rng: random.Random) -> list[tuple[str, UnitKind]]:
    """Two words a name up to 306 units (the province's names as before), three beyond (4,896)."""
    if count <= len(WORDS) * (len(WORDS) - 1):
        words = [(a, b) for a in WORDS for b in WORDS if a != b]
    else:
        words = [(a, b, c) for a in WORDS for b in WORDS for c in WORDS if len({a, b, c}) == 3]
    rng.shuffle(words)
    return [(f"UBND {'phường' if i % 3 else 'xã'} {' '.join(w)}", UnitKind.PHUONG if i % 3 else UnitKind.XA)
            for i, w in enumerate(words[:count])]


def bench_plan(db, targets: int) -> int | None:
    """A plan of `targets` targets (the 2025 catalogue's, repeated and renumbered), saved; None: the 2025 catalogue."""
    if not targets:
        return None
    from dataclasses import replace

    from dti_desktop.domain.annex import Catalogue, Group, Part
    from dti_desktop.domain.catalogue import Plan
    from dti_desktop.io.catalogue_json import read_catalogue
    from dti_desktop.storage.catalogue_store import save_catalogue

    root = Path(__file__).resolve().parent.parent
    pool = read_catalogue(root / "resources" / "catalogues" / "dong-trieu-2025.json").targets()
    many = tuple(replace(pool[i % len(pool)], tt=str(i + 1)) for i in range(targets))
    plan = Plan("99/KH-UBND", "2025-01-06", "UBND tỉnh", 2025, AREA, report_day=20)
    catalogue = Catalogue(plan, (Part("", "", (Group("I", "Về phát triển chính quyền số", many),)),))
    return save_catalogue(db, catalogue).plan_id


def months_until_2025(count: int) -> list[str]:
    first = 2025 * 12 + 12 - count  # months since year 0, 0-based
    return [f"{(m) // 12:04d}-{m % 12 + 1:02d}" for m in range(first, first + count)]


def build_province(out: Path, units: int, months: int, rng: random.Random, targets: int = 0) -> dict:
    path = out / "province" / "dti.sqlite3"
    db = open_app_database(path)
    ctx = first_run.complete_first_run(db, first_run.FirstRunChoice(
        Settings(unit_name="Sở Khoa học và Công nghệ", district=AREA, officer_name="Cán bộ tổng hợp",
                 report_day=20), UnitKind.CO_QUAN, plan_id=bench_plan(db, targets)))
    plan_id = ctx.plan.id
    names = unit_names(units, rng)
    with db.atomic():
        for name, kind in names:
            unit = add_unit(db, Unit(name, kind, AREA))
            assign_plan(db, unit.id, plan_id)
    periods = months_until_2025(months)
    measures = {}
    for target_id, position, kind, low in db.execute(
            "SELECT m.target_id, m.position, m.kind, m.low FROM measure m JOIN target t ON t.id = m.target_id "
            "WHERE t.plan_id = ?", [plan_id]):
        measures.setdefault(target_id, []).append((position, kind, low))
    ids = {r[0]: r[1] for r in db.execute("SELECT a.id, a.target_id FROM assignment a")}
    measure_ids = {(r[0], r[1]): r[2] for r in db.execute("SELECT target_id, position, id FROM measure")}
    counts = {"entries": 0, "values": 0, "history": 0}
    conn = db.conn
    chunk = max(1, 3000 // max(1, len(periods)))  # assignments a batch: a few thousand entries
    assignments = list(ids.items())
    with db.atomic():
        for first in range(0, len(assignments), chunk):
            rows = _rows(assignments[first:first + chunk], periods, measures, measure_ids, counts["entries"], rng)
            for key, sql in INSERTS.items():
                conn.executemany(sql, rows[key])
                counts[key] += len(rows[key])
    entry_id = counts["entries"]
    store = path.parent / "evidence"
    evidence_dir = out / "evidence-src"
    evidence_dir.mkdir(parents=True, exist_ok=True)
    attachments = []
    for k in range(40):  # a few evidence files
        src = evidence_dir / f"minh-chung-{k:02d}.pdf"
        src.write_bytes(rng.randbytes(rng.randint(20_000, 200_000)))
        sha, size = import_file(store, src)
        attachments.append((rng.randint(1, entry_id), sha, src.name, size, "2025-12-18T09:00:00+07:00", "Cán bộ"))
    with db.atomic():
        conn.executemany("INSERT INTO attachment (entry_id, sha256, original_name, size, added_at, added_by) "
                         "VALUES (?, ?, ?, ?, ?, ?)", attachments)
    db.execute("ANALYZE")
    db.close()
    return {"units": units, "months": months, "targets": targets or 27, **counts, "evidence_files": len(attachments),
            "path": str(path)}


INSERTS = {
    "entries": "INSERT INTO progress_entry (id, assignment_id, period, status, assessment, evidence_notes, "
               "difficulties, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    "values": "INSERT INTO progress_value (entry_id, measure_id, value, numerator, denominator, text) "
              "VALUES (?, ?, ?, ?, ?, ?)",
    "history": "INSERT INTO history (entry_id, changed_at, changed_by, field, old_value, new_value) "
               "VALUES (?, ?, ?, ?, ?, ?)",
}


def _rows(assignments, periods, measures, measure_ids, entry_id: int, rng: random.Random) -> dict[str, list]:
    """The rows of a batch of assignments: each month's entry, its values, three edits of history."""
    entries, values, history = [], [], []
    for assignment_id, target_id in assignments:
        progress = rng.random()
        for index, period in enumerate(periods):
            entry_id += 1
            share = min(100.0, round(100 * (progress + index / len(periods)) / 2, 1))
            status = STATUSES[min(2, int(share // 34))]
            stamp = f"{period}-18T09:00:00+07:00"
            entries.append((entry_id, assignment_id, period, status, "dat" if share >= 90 else "khong_dat",
                            f"Báo cáo số {index + 1}/BC-UBND", "" if share > 50 else "Thiếu kinh phí", stamp))
            for position, kind, low in measures.get(target_id, []):
                if kind == "text":
                    values.append((entry_id, measure_ids[(target_id, position)], None, None, None, "đang thực hiện"))
                elif kind == "count":
                    values.append((entry_id, measure_ids[(target_id, position)], round((low or 10) * share / 100),
                                   None, None, ""))
                else:
                    values.append((entry_id, measure_ids[(target_id, position)], None, round(share * 2), 200, ""))
            for edit in range(3):  # three edits of history per entry
                history.append((entry_id, f"{period}-{10 + edit}T08:00:00+07:00", "Cán bộ", "status",
                                STATUSES[max(0, min(2, int(share // 34)) - 1)] if edit else None, status))
                history.append((entry_id, f"{period}-{10 + edit}T08:00:00+07:00", "Cán bộ", "value:0",
                                None if not edit else f"{share - edit:.1f}", f"{share:.1f}"))
    return {"entries": entries, "values": values, "history": history}


def build_packages(out: Path, count: int) -> dict:
    """One package a unit for 12/2025, made by the real export of each unit's own database."""
    from dti_desktop.domain.package import MEMBER_WORKBOOK, CatalogueRef, Manifest, PackageData, PackageEntry
    from dti_desktop.domain.progress import Assessment, MeasureValue, Status
    from dti_desktop.domain.report import ReportHeading, ReportLine
    from dti_desktop.io.package_writer import write_package
    from dti_desktop.io.signature import key_from_seed
    from dti_desktop.io.xlsx_report import write_unit_report
    from dti_desktop.storage.catalogue_store import load_catalogue
    from dti_desktop.storage.database import open_database

    db = open_database(out / "province" / "dti.sqlite3")
    plan = workspace.context(db).plan
    catalogue = load_catalogue(db, plan.id)
    targets = {code: t for (_, _, t), code in zip(catalogue.located_targets(), catalogue.codes())}
    folder = out / "packages"
    folder.mkdir(parents=True, exist_ok=True)
    units = list(db.query("SELECT id, name, kind FROM unit WHERE is_own = 0 ORDER BY id LIMIT ?", [count]))
    for unit in units:
        rows = list(db.query(
            "SELECT e.*, t.code FROM progress_entry e JOIN assignment a ON a.id = e.assignment_id "
            "JOIN target t ON t.id = a.target_id WHERE a.unit_id = ? AND e.period = '2025-12'", [unit["id"]]))
        entries = []
        for r in rows:
            vals = {v["position"]: MeasureValue(v["value"], v["numerator"], v["denominator"], v["text"])
                    for v in db.query("SELECT m.position, v.* FROM progress_value v JOIN measure m ON m.id = "
                                      "v.measure_id WHERE v.entry_id = ?", [r["id"]])}
            entries.append(PackageEntry(r["code"], Status(r["status"]), Assessment(r["assessment"]), True, "", vals,
                                        r["evidence_notes"], r["difficulties"], "", "", "Cán bộ", r["updated_at"],
                                        tuple(), tuple()))
        manifest = Manifest("dti-package/1", "bench", unit["name"], unit["kind"], AREA, "2025-12", 1, "Cán bộ",
                            "2025-12-18T09:00:00+07:00", CatalogueRef(plan.plan.number, plan.plan.year,
                                                                      plan.plan.issuer, catalogue.identity()), {})
        lines = [ReportLine(e.code, "", "", targets[e.code], e) for e in entries]
        heading = ReportHeading(unit["name"], "KẾT QUẢ THÁNG 12/2025", "")
        from dti_desktop.domain.package import unit_file_stem

        def documents(work: Path, h=heading, ls=lines) -> dict[str, Path]:
            return {MEMBER_WORKBOOK: write_unit_report(work / MEMBER_WORKBOOK, h, ls, durable=False)}

        # signed as every unit's installation signs, with its own key (made from its name: same seed, same bytes)
        write_package(folder / (unit_file_stem(unit["name"], "2025-12", 1) + ".dtipkg"), manifest,
                      PackageData(tuple(entries)), documents, {},
                      signer=key_from_seed(hashlib.sha256(unit["name"].encode()).hexdigest()))
    db.close()
    return {"packages": len(units), "bytes": sum(p.stat().st_size for p in folder.glob("*.dtipkg"))}


def build_office(out: Path, targets: int = 0) -> str:
    """The office with its roster (the units it expects: a package from a unit it does not know is held), on the
    units' plan."""
    path = out / "office" / "dti.sqlite3"
    db = open_app_database(path)
    first_run.complete_first_run(db, first_run.FirstRunChoice(
        Settings(unit_name="Sở Khoa học và Công nghệ", district=AREA, report_day=20), UnitKind.CO_QUAN,
        plan_id=bench_plan(db, targets)))
    province = open_app_database(out / "province" / "dti.sqlite3")
    with db.atomic():
        for name, kind in province.execute("SELECT name, kind FROM unit WHERE is_own = 0 ORDER BY id").fetchall():
            add_unit(db, Unit(name, UnitKind(kind), AREA))
    province.close()
    db.close()
    return str(path)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--units", type=int, default=200)
    parser.add_argument("--months", type=int, default=60)
    parser.add_argument("--packages", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--targets", type=int, default=0, help="a plan of this many targets (0: the 2025 catalogue)")
    parser.add_argument("--scale", choices=sorted(SCALES), help="preset sizes (nation: the country's communes)")
    args = parser.parse_args()
    for key, value in SCALES.get(args.scale, {}).items():
        setattr(args, key, value)
    os.environ.setdefault("DTI_DATA_DIR", str(args.out / "data"))
    rng = random.Random(args.seed)
    began = time.monotonic()
    stats = {"scale": args.scale or "province",
             "province": build_province(args.out, args.units, args.months, rng, args.targets),
             "packages": build_packages(args.out, min(args.packages, args.units)),
             "office": build_office(args.out, args.targets), "seconds": round(time.monotonic() - began, 1)}
    (args.out / "data.json").write_text(json.dumps(stats, ensure_ascii=False, indent=2), encoding="utf-8")
    print(json.dumps(stats, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
