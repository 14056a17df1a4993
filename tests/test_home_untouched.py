"""Nothing written outside the data folder (issue 18): `report pdf --kind district|summary` wrote matplotlib's
cache into ~/.cache and its settings folder into ~/.config, and the window's charts did the same."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from dti_desktop.domain.units import Unit, UnitKind
from dti_desktop.services import district
from dti_desktop.storage.unit_store import add_unit
from tests.helpers import ROOT
from tests.unit_db import AREA


def _empty_home_env(home: Path) -> dict[str, str]:
    """The environment of an officer whose home folder is `home`: no cache or settings folder chosen elsewhere."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("MPLCONFIGDIR", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "DTI_DATA_DIR")}
    home.mkdir()
    env["HOME"] = str(home)
    return env


def _everything_in(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


@pytest.mark.parametrize("kind", ["summary", "district"])
def test_a_report_with_charts_from_the_command_line_writes_nothing_in_home(kind, mao_khe, office, tmp_path):
    db, store = office
    if kind == "district":
        add_unit(db, Unit("UBND phường Mạo Khê", UnitKind.PHUONG, AREA))  # a unit the office knows
        assert district.import_one(db, store, mao_khe.export(tmp_path / "usb").path, AREA).accepted
        db_path = Path(db.execute("PRAGMA database_list").fetchone()[2])
    else:
        db_path = mao_khe.path
    home = tmp_path / "home"
    made = subprocess.run([sys.executable, str(ROOT / "main.py"), "report", "pdf", "--period", "2025-03", "--kind",
                           kind, "--out", str(tmp_path / "bao-cao.pdf"), "--db", str(db_path), "--date", "20/04/2025"],
                          capture_output=True, text=True, encoding="utf-8", env=_empty_home_env(home), timeout=120)
    assert made.returncode == 0, made.stderr
    assert (tmp_path / "bao-cao.pdf").stat().st_size > 0
    assert _everything_in(home) == []  # was .cache/matplotlib/fontlist-v….json and .config/matplotlib
    assert not (db_path.parent / "matplotlib").exists()  # the printouts' charts are Qt's, matplotlib not loaded


def test_the_windows_charts_write_nothing_in_home(tmp_path, mao_khe):
    """The window draws its overview charts (the bundle's smoke check "tong-quan"): nothing in the home folder."""
    mao_khe.db.close()
    home = tmp_path / "home"
    env = _empty_home_env(home)
    env.update(QT_QPA_PLATFORM="offscreen", DTI_QUIT_AFTER_SHOW="tong-quan")
    code = f"from pathlib import Path\nfrom dti_desktop.ui import app\nprint(app.run_gui(Path({str(mao_khe.path)!r})))\n"
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, encoding="utf-8", env=env,
                           timeout=120, cwd=ROOT)
    assert shown.returncode == 0 and shown.stdout.strip().endswith("0"), shown.stderr
    assert _everything_in(home) == []
    assert list((mao_khe.path.parent / "matplotlib").rglob("fontlist-*.json"))


def test_a_file_dialog_keeps_its_history_in_the_data_folder(tmp_path):
    """Qt's file dialog saves its history and last folder when it closes: that was ~/.config/QtProject.conf."""
    home, data = tmp_path / "home", tmp_path / "du-lieu"
    data.mkdir()
    env = _empty_home_env(home)
    env["QT_QPA_PLATFORM"] = "offscreen"
    code = ("import sys\nfrom pathlib import Path\nfrom dti_desktop.ui import app\n"
            f"app.keep_qt_settings_in(Path({str(data)!r}))\n"
            "qt = app.make_app()\n"
            "from PySide6.QtWidgets import QFileDialog\n"
            "dialog = QFileDialog(None, 'Chọn tệp', str(Path.cwd()))\n"
            "dialog.setOption(QFileDialog.Option.DontUseNativeDialog)\n"
            "dialog.show(); qt.processEvents(); dialog.reject()\n"
            "import shiboken6; shiboken6.delete(dialog)\n"
            "qt.processEvents()\nimport gc; gc.collect()\n")
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, encoding="utf-8", env=env,
                           timeout=120, cwd=ROOT)
    assert shown.returncode == 0, shown.stderr
    assert _everything_in(home) == []
    assert (data / "qt" / "QtProject.conf").is_file()  # written, in the data folder
