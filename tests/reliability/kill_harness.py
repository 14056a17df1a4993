"""Kill the CLI at random points and check that the last saved state survives.

Run as a separate process (no Qt loaded here): for each kill point a child is
forked that runs the CLI's main() on a real database; the parent SIGKILLs it after
a random delay, then checks the invariants. Prints one JSON line with the counts
and every violation found.

  python tests/reliability/kill_harness.py OPERATION POINTS SEED WORKDIR
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import signal
import sqlite3
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ["QT_QPA_PLATFORM"] = "offscreen"


def run_child(argv: list[str]) -> int:
    """Fork; the child runs the CLI and exits without cleanup handlers."""
    pid = os.fork()
    if pid == 0:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        code = 99
        try:
            from dti_desktop.cli import main

            code = main(argv)
        finally:
            os._exit(code if isinstance(code, int) else 0)
    return pid


def kill_after(pid: int, delay: float) -> str:
    """Wait `delay` seconds (or until the child ends), then SIGKILL it; returns what happened."""
    deadline = time.monotonic() + delay
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return "finished"
        time.sleep(0.0005)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    return "killed"


def integrity(db: Path) -> str:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


def query(db: Path, sql: str, params=()) -> list:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def store_is_sound(store: Path) -> list[str]:
    """Every file under its final name holds exactly the content its name says."""
    bad = []
    for file in store.rglob("*") if store.exists() else []:
        if file.is_file() and not file.name.startswith("."):
            if hashlib.sha256(file.read_bytes()).hexdigest() != file.name:
                bad.append(f"evidence {file.name[:12]} is not what its name says")
    return bad


def setup_unit(work: Path, name: str = "UBND phường Mạo Khê") -> Path:
    from dti_desktop.domain.settings import Settings
    from dti_desktop.domain.units import UnitKind
    from dti_desktop.services import first_run
    from dti_desktop.services.app_database import open_app_database

    db_path = work / name.replace(" ", "_") / "dti.sqlite3"
    db = open_app_database(db_path)
    first_run.complete_first_run(db, first_run.FirstRunChoice(
        Settings(unit_name=name, district="thành phố Đông Triều", officer_name="Cán bộ"), UnitKind.PHUONG))
    db.close()
    return db_path


# -- operations -----------------------------------------------------------------------
def entry_state(db: Path) -> tuple:
    rows = query(db, "SELECT e.status, e.evidence_notes, (SELECT group_concat(coalesce(v.value, '') || '/' || "
                     "coalesce(v.numerator, '') , ';') FROM progress_value v WHERE v.entry_id = e.id), "
                     "(SELECT count(*) FROM history h WHERE h.entry_id = e.id) FROM progress_entry e")
    return tuple(rows)


def op_entry(work: Path, points: int, rng: random.Random) -> dict:
    db = setup_unit(work)
    violations, outcomes = [], {"killed": 0, "finished": 0}
    statuses = ["chua_trien_khai", "dang_trien_khai", "hoan_thanh"]
    duration = measure(lambda: run_child(_entry_argv(db, 0, statuses)))
    saved = 0
    for k in range(1, points + 1):
        before = entry_state(db)
        argv = _entry_argv(db, k, statuses)
        outcomes[kill_after(run_child(argv), rng.uniform(0, duration * 1.3))] += 1
        if (check := integrity(db)) != "ok":
            violations.append(f"entry {k}: integrity {check}")
        after = entry_state(db)
        expected_new = f"Minh chứng lần {k}"
        saved += after != before
        if after != before:
            (status, notes, values, history), = after
            if notes != expected_new or status != statuses[k % 3]:
                violations.append(f"entry {k}: half-saved entry {after}")
            if before and history <= before[0][3]:
                violations.append(f"entry {k}: entry changed without its history")
    if not saved:  # every run failed before writing: nothing was tested
        violations.append("entry: no run ever saved (the command itself fails)")
    return {"points": points, **outcomes, "violations": violations}


def _entry_argv(db: Path, k: int, statuses: list[str]) -> list[str]:
    return ["entry", "set", "--db", str(db), "--period", "2025-03", "--code", "9", "--status", statuses[k % 3],
            "--value", "", "--value", f"{k % 50}/50", "--notes", f"Minh chứng lần {k}"]  # a ward: 95 %, not the city's


def op_catalogue(work: Path, points: int, rng: random.Random) -> dict:
    from dataclasses import replace

    from dti_desktop.io.catalogue_json import read_catalogue
    from dti_desktop.io.xlsx_catalogue_export import export_catalogue

    db = setup_unit(work)
    original = read_catalogue(ROOT / "resources" / "catalogues" / "dong-trieu-2025.json")
    edited = replace(original, parts=tuple(
        replace(p, groups=tuple(replace(g, targets=tuple(replace(t, text=t.text + " (sửa)") for t in g.targets))
                                for g in p.groups)) for p in original.parts))
    books = [export_catalogue(original, work / "a.xlsx"), export_catalogue(edited, work / "b.xlsx")]
    duration = measure(lambda: run_child(["catalogue", "import", str(books[1]), "--db", str(db)]))
    violations, outcomes = [], {"killed": 0, "finished": 0}
    for k in range(points):
        outcomes[kill_after(run_child(["catalogue", "import", str(books[k % 2]), "--db", str(db)]),
                            rng.uniform(0, duration * 1.3))] += 1
        if (check := integrity(db)) != "ok":
            violations.append(f"catalogue {k}: integrity {check}")
        texts = [r[0] for r in query(db, "SELECT t.text FROM target t JOIN plan p ON p.id = t.plan_id "
                                         "WHERE p.number = '36/KH-UBND'")]
        edited_count = sum(t.endswith(" (sửa)") for t in texts)
        if len(texts) != 27 or edited_count not in (0, 27):
            violations.append(f"catalogue {k}: {edited_count}/{len(texts)} targets changed (half an import)")
    return {"points": points, **outcomes, "violations": violations}


def op_export(work: Path, points: int, rng: random.Random) -> dict:
    from dti_desktop.domain.periods import Period
    from dti_desktop.io.package_reader import PackageError, verify_package
    from dti_desktop.services import packages
    from dti_desktop.storage.database import open_database

    db = setup_unit(work)
    out = work / "usb"
    for code, values in (("6", ["91"]), ("9", ["", "97"])):  # a ward gives TT 9's second figure only
        run_and_wait(["entry", "set", "--db", str(db), "--period", "2025-03", "--code", code,
                      *[arg for v in values for arg in ("--value", v)]])
    duration = measure(lambda: run_child(["package", "export", "--db", str(db), "--period", "2025-04",
                                          "--out", str(work / "warm")]))
    violations, outcomes = [], {"killed": 0, "finished": 0}
    for k in range(points):
        conn = open_database(db)
        if (latest := packages.lock_state(conn, packages.workspace.context(conn), Period(2025, 3))) and latest.locked:
            packages.reopen_period(conn, Period(2025, 3), f"lần {k}")
        conn.close()
        outcomes[kill_after(run_child(["package", "export", "--db", str(db), "--period", "2025-03",
                                       "--out", str(out)]), rng.uniform(0, duration * 1.3))] += 1
        if (check := integrity(db)) != "ok":
            violations.append(f"export {k}: integrity {check}")
        for file in out.glob("*.dtipkg"):
            try:
                verify_package(file)
            except PackageError as error:
                violations.append(f"export {k}: a file with a final name is broken: {error}")
        for (name,) in query(db, "SELECT file_name FROM submission WHERE period = '2025-03'"):
            if not (out / name).exists():
                violations.append(f"export {k}: marked sent but {name} is missing")
    return {"points": points, **outcomes, "violations": violations}


def op_district(work: Path, points: int, rng: random.Random) -> dict:
    from dti_desktop.domain.settings import Settings
    from dti_desktop.domain.units import UnitKind
    from dti_desktop.services import first_run
    from dti_desktop.services.app_database import open_app_database

    usb = work / "usb"
    for name in ("UBND phường Mạo Khê", "UBND phường Kim Sơn", "UBND xã An Sinh"):
        db = setup_unit(work, name)
        for month in ("2025-02", "2025-03"):
            run_and_wait(["entry", "set", "--db", str(db), "--period", month, "--code", "6", "--value", "88"])
            run_and_wait(["package", "export", "--db", str(db), "--period", month, "--out", str(usb)])
    pristine = work / "office-pristine" / "dti.sqlite3"
    office = open_app_database(pristine)
    first_run.complete_first_run(office, first_run.FirstRunChoice(
        Settings(unit_name="Phòng Văn hóa và Thông tin", district="thành phố Đông Triều"), UnitKind.CO_QUAN))
    office.close()
    expected = {p.name: len(json.loads(_member(p, "data.json"))["entries"]) for p in usb.glob("*.dtipkg")}
    live = work / "office" / "dti.sqlite3"

    def reset() -> None:
        shutil.rmtree(live.parent, ignore_errors=True)
        live.parent.mkdir(parents=True)
        shutil.copy(pristine, live)

    reset()
    duration = measure(lambda: run_child(["district", "import", str(usb), "--db", str(live)]))
    violations, outcomes = [], {"killed": 0, "finished": 0}
    for k in range(points):
        reset()
        outcomes[kill_after(run_child(["district", "import", str(usb), "--db", str(live)]),
                            rng.uniform(0, duration * 1.3))] += 1
        if (check := integrity(live)) != "ok":
            violations.append(f"district {k}: integrity {check}")
        for name, count in query(live, "SELECT p.file_name, (SELECT count(*) FROM received_entry e "
                                       "WHERE e.package_id = p.id) FROM received_package p"):
            if count != expected[name]:
                violations.append(f"district {k}: {name} imported with {count}/{expected[name]} entries")
        orphans = query(live, "SELECT name FROM unit WHERE is_own = 0 AND id NOT IN "
                              "(SELECT unit_id FROM received_package)")
        if orphans:
            violations.append(f"district {k}: units without their package: {orphans}")
        violations += [f"district {k}: {v}" for v in store_is_sound(live.parent / "evidence")]
    return {"points": points, **outcomes, "violations": violations}


def op_backup(work: Path, points: int, rng: random.Random) -> dict:
    db = setup_unit(work)
    evidence = work / "mc.bin"
    evidence.write_bytes(os.urandom(3_000_000))
    run_and_wait(["entry", "set", "--db", str(db), "--period", "2025-03", "--code", "6", "--value", "90",
                  "--file", str(evidence)])
    duration = measure(lambda: run_child(["backup", "create", "--db", str(db)]))
    violations, outcomes = [], {"killed": 0, "finished": 0}
    root = db.parent / "backups"
    for k in range(points):
        outcomes[kill_after(run_child(["backup", "create", "--db", str(db)]), rng.uniform(0, duration * 1.3))] += 1
        for folder in root.iterdir():
            if folder.name.startswith("."):
                continue  # half-built, under a temporary name: never listed, never restored
            if (check := integrity(folder / "dti.sqlite3")) != "ok":
                violations.append(f"backup {k}: {folder.name} integrity {check}")
            files = [p for p in (folder / "evidence").rglob("*") if p.is_file()]
            if len(files) != 1:
                violations.append(f"backup {k}: {folder.name} has {len(files)} evidence files, not 1")
            violations += [f"backup {k}: {v}" for v in store_is_sound(folder / "evidence")]
    return {"points": points, **outcomes, "violations": violations}


def _member(path: Path, name: str) -> bytes:
    import zipfile

    with zipfile.ZipFile(path) as z:
        return z.read(name)


def run_and_wait(argv: list[str]) -> None:
    pid = run_child(argv)
    _, status = os.waitpid(pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"setup step failed: {argv}")


def measure(start) -> float:
    began = time.monotonic()
    pid = start()
    os.waitpid(pid, 0)
    return time.monotonic() - began


OPERATIONS = {"entry": op_entry, "catalogue": op_catalogue, "export": op_export, "district": op_district,
              "backup": op_backup}


if __name__ == "__main__":
    operation, points, seed, workdir = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), Path(sys.argv[4])
    workdir.mkdir(parents=True, exist_ok=True)
    os.environ["DTI_DATA_DIR"] = str(workdir / "data")
    result = OPERATIONS[operation](workdir, points, random.Random(seed))
    print(json.dumps({"operation": operation, **result}, ensure_ascii=False))
