"""The start-up smoke mode (benchmarks, the bundle's tests) never waits on a dialog nobody can answer."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

from tests.helpers import ROOT


def test_an_unopenable_database_stops_the_smoke_start_with_a_message(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    conn = sqlite3.connect(data / "dti.sqlite3")
    conn.execute("PRAGMA user_version = 99")  # from a newer program
    conn.close()
    env = dict(os.environ, DTI_DATA_DIR=str(data), DTI_QUIT_AFTER_SHOW="1", QT_QPA_PLATFORM="offscreen")
    started = subprocess.run([sys.executable, str(ROOT / "main.py")], env=env, capture_output=True, text=True,
                             encoding="utf-8", timeout=60)
    assert started.returncode == 5 and "Không mở được dữ liệu" in started.stderr
