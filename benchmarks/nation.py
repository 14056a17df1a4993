"""The nation-scale table (issue 22): one office machine holding the country's 3,321 communes.

  python benchmarks/nation.py [--data DIR]       (run.py --nation prints the same table after its own)

Data: benchmarks/make_data.py --scale nation (3,321 units x 30 targets x 12 months, three edits of history each,
3,321 packages of 12/2025), made once into benchmarks/.data-nation (a few minutes). The office's database after
importing every package is kept beside it (office-imported/) for the start, the board and the report.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import run  # noqa: E402  (benchmarks/run.py: the harness, its floors and its pairing)

DEFAULT = HERE / ".data-nation"


def ensure_data(folder: Path) -> Path:
    if not (folder / "data.json").exists():
        shutil.rmtree(folder, ignore_errors=True)
        subprocess.run([run.PY, str(HERE / "make_data.py"), str(folder), "--scale", "nation"], check=True)
    imported = folder / "office-imported" / "dti.sqlite3"
    if not imported.exists():
        from dti_desktop.services import district
        from dti_desktop.storage.database import open_database

        shutil.copytree(folder / "office", imported.parent)
        db = open_database(imported)
        outcomes = district.import_packages(db, imported.parent / "evidence", [folder / "packages"])
        assert all(o.accepted for o in outcomes), [o.message for o in outcomes if not o.accepted][:3]
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        db.close()
    return folder


def open_board(data: Path, n: int) -> dict:
    """The office's tab opened on its board (Tình hình gửi báo cáo), from the targets' tab: refresh, model, paint."""
    from dti_desktop.services.app_database import open_app_database
    from dti_desktop.ui.app import make_app
    from dti_desktop.ui.main_window import MainWindow

    app = make_app()
    path = data / "office-imported" / "dti.sqlite3"
    db = open_app_database(path)
    window = MainWindow(db, path, today=date(2026, 1, 5))
    window.resize(1366, 768)
    window.show()
    window.period_combo.setCurrentIndex(window.period_combo.findData("2025-12"))
    app.processEvents()
    from dti_desktop.ui import tasks

    first = None
    times, filled = [], []
    for i in range(n + 1):
        window.tabs.setCurrentIndex(0)
        while tasks.running(window):  # the last opening's reads (month, consolidation) ended
            app.processEvents()
            time.sleep(0.005)
        began = time.perf_counter()
        window.tabs.setCurrentWidget(window.district_page)
        window.district.inner.setCurrentIndex(1)
        window.district.month_view.viewport().repaint()
        app.processEvents()
        elapsed = time.perf_counter() - began
        while window.district.month_loading:  # the month read in a worker: its tables filled
            app.processEvents()
            time.sleep(0.002)
        window.district.month_view.viewport().repaint()
        if i == 0:
            first = elapsed  # the tab built on first use
        else:
            times.append(elapsed)
            filled.append(time.perf_counter() - began)
    units = len(window.district.board_model.board.units)
    window.close()
    window.deleteLater()
    app.processEvents()
    db.close()
    while tasks.running(window):
        app.processEvents()
        time.sleep(0.005)
    return {"value": run.median(times), "first": first, "filled": run.median(filled), "runs": n, "rows": units}


def size_per_unit_year(data: Path) -> dict:
    """Bytes a unit-year takes in the nation's database (its 12 months, their values and history), and which tables
    and indexes hold them (SQLite's dbstat)."""
    info = run.json.loads((data / "data.json").read_text(encoding="utf-8"))
    result = {}
    for key, folder, units in (("units_db", "province", info["province"]["units"]),
                               ("office_db", "office-imported", info["packages"]["packages"])):
        conn = sqlite3.connect(data / folder / "dti.sqlite3")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        total = conn.execute("PRAGMA page_count").fetchone()[0] * conn.execute("PRAGMA page_size").fetchone()[0]
        by = conn.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC").fetchall()
        conn.close()
        months = info["province"]["months"] if key == "units_db" else 1
        result[key] = {"mb": round(total / 1e6, 1), "units": units, "months": months,
                       "kb_per_unit_year": round(total / units * 12 / months / 1024, 1),
                       "largest": [(name, round(size / 1e6, 1)) for name, size in by[:6]]}
    return result


def measure(data: Path, quick: bool = False) -> dict:
    n = 3 if quick else 5
    results = {
        "cold_start": run.cold_start(data, 11 if quick else 21, folder="office-imported"),
        "switch_period": run.switch_period(data, 30),
        "switch_period_office": run.switch_period(data, 30, folder="office-imported", today=date(2026, 1, 5)),
        "open_board": open_board(data, n),
        "district_import": run.district_import(data, 2 if quick else 3),
        "district_memory": run.district_memory(data),
        "consolidated_workbook": run.consolidated_workbook(data, n, imported=data / "office-imported"),
        "district_pdf": run.district_pdf(data, 1, imported=data / "office-imported"),
        "size": size_per_unit_year(data),
    }
    return results


GOALS = [
    ("cold_start", "Khởi động đến cửa sổ của cơ quan (3.321 đơn vị)", "ratio", 1.5, "s"),
    ("switch_period", "Đổi kỳ (CSDL 3.321 đơn vị × 12 tháng)", "value", 0.030, "ms"),
    ("switch_period_office", "Đổi kỳ (CSDL cơ quan, đã nhập 3.321 gói)", "value", 0.030, "ms"),
    ("open_board", "Mở bảng tình hình gửi báo cáo", "value", 0.100, "ms"),
    ("district_import", "Nhập 3.321 gói (so với sàn mở và đọc gói)", "ratio_to_work", 2.5, "s"),
    ("district_memory", "Bộ nhớ đỉnh khi nhập 3.321 gói", "value", 300, "MB"),
    ("consolidated_workbook", "Bảng Excel tổng hợp mọi đơn vị", "ratio", 1.5, "s"),
    ("district_pdf", "PDF báo cáo tổng hợp của cơ quan", "value", 10.0, "s"),
]


def print_table(results: dict) -> None:
    print(f"\n{'Cấp cả nước':52s} {'kết quả':>10s} {'sàn':>10s} {'tỷ lệ':>7s}  mục tiêu")
    run.print_rows(results, GOALS, width=52)
    b = results["open_board"]
    print(f"{'  lần mở đầu (dựng tab)':52s} {b['first'] * 1000:10.3f}  ({b['rows']} đơn vị)")
    if "filled" in b:
        print(f"{'  đến khi bảng có dữ liệu (đọc ở luồng nền)':52s} {b['filled'] * 1000:10.3f}")
    for key, label in (("units_db", "CSDL 3.321 đơn vị × 12 tháng"), ("office_db", "CSDL cơ quan (1 tháng nhận)")):
        s = results["size"][key]
        largest = ", ".join(f"{name} {mb:.0f}".replace(".", ",") for name, mb in s["largest"][:4])
        print(f"{label:52s} {s['mb']:8.0f}MB  {s['kb_per_unit_year']:.0f} KB/đơn vị-năm; lớn nhất (MB): {largest}")


def main() -> int:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=DEFAULT)
    args = parser.parse_args()
    os.environ["DTI_DATA_DIR"] = str(Path(run.tempfile.mkdtemp()))
    results = measure(ensure_data(args.data))
    print_table(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
