"""The bundle's cut ICU data (packaging/icu_data.py) answers as Qt's full data does for what the program uses.

Runs Qt's locale services in a child process twice, with the wheel's libicudata and with the cut one
loaded in its place, and compares. Skipped where ICU's tools or a Linux PySide6 with its own ICU are absent.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import ROOT

sys.path.insert(0, str(ROOT / "packaging"))
import icu_data  # noqa: E402

PYSIDE_LIB = Path(__import__("PySide6").__file__).parent / "Qt" / "lib"
FULL = next(iter(sorted(PYSIDE_LIB.glob("libicudata.so.*"))), None)
pytestmark = pytest.mark.skipif(FULL is None or any(shutil.which(t) is None for t in icu_data.TOOLS),
                                reason="cần PySide6 cho Linux (kèm ICU) và icu-devtools, gcc")

PROBE = """
import functools
from PySide6.QtCore import QCollator, QLocale, QStringDecoder, QTimeZone
vi = QLocale("vi_VN")
words = ["Đông Triều", "Ánh", "Anh", "ấp", "Bình", "Zeta", "đá", "Ơn", "Ô", "O"]
print(sorted(words, key=functools.cmp_to_key(QCollator(vi).compare)))
print(vi.toUpper("đông triều ữ ặ"), vi.toLower("ĐÔNG TRIỀU"))
tz = QTimeZone(b"Asia/Ho_Chi_Minh")
print(tz.isValid(), tz.displayName(QTimeZone.TimeType.StandardTime, QTimeZone.NameType.LongName, vi))
print(vi.toString(1234567.5, "f", 1), vi.monthName(3), vi.dayName(1), QLocale("en_US").monthName(3))
print([QStringDecoder(name).isValid() for name in ("UTF-8", "windows-1252", "windows-1258", "ISO-8859-1")])
print(open("/proc/self/maps").read().count("icu-cut"))
"""


def probe(preload: Path | None) -> list[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    if preload:
        env["LD_PRELOAD"] = str(preload)
    out = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr[-2000:]
    return out.stdout.splitlines()


def test_cut_data_answers_like_the_full_data(tmp_path):
    cut = icu_data.build(FULL, tmp_path / "icu-cut")
    assert cut.stat().st_size < FULL.stat().st_size / 5
    full, small = probe(None), probe(cut)
    assert small[-1] != "0" and full[-1] == "0"  # the cut library really was the one loaded
    assert small[:-1] == full[:-1]
    assert "'Anh', 'Ánh', 'ấp', 'Bình', 'đá', 'Đông Triều'" in full[0]  # Vietnamese order, not code points
    assert full[4] == "[True, True, True, True]"


def test_only_what_the_program_needs_is_kept():
    assert icu_data.kept("vi.res") and icu_data.kept("coll/vi.res") and icu_data.kept("zone/vi.res")
    assert icu_data.kept("coll/ucadata.icu") and icu_data.kept("zoneinfo64.res") and icu_data.kept("brkitr/line.brk")
    assert not icu_data.kept("fr.res") and not icu_data.kept("coll/zh.res") and not icu_data.kept("brkitr/cjdict.dict")
    assert not icu_data.kept("ibm-943_P15A-2003.cnv") and not icu_data.kept("brkitr/line_cj.brk")


def test_windows_version_resource_follows_the_program_version():
    """version_info.txt is kept by hand: it must say the version the program reports."""
    from dti_desktop import __version__
    from tests.helpers import ROOT

    text = (ROOT / "packaging" / "version_info.txt").read_text(encoding="utf-8")
    numbers = tuple(int(n) for n in __version__.split("."))
    assert f"filevers={numbers + (0,)}" in text and f"prodvers={numbers + (0,)}" in text
    assert f"StringStruct('FileVersion', '{__version__}')" in text
    assert f"StringStruct('ProductVersion', '{__version__}')" in text


def test_the_windows_build_stops_on_a_failed_step():
    """PowerShell's "Stop" ignores native exit codes: every native step goes through the checked wrapper."""
    from tests.helpers import ROOT

    script = (ROOT / "packaging" / "build_windows.ps1").read_text(encoding="utf-8")
    for step in ("pip install", "PyInstaller --noconfirm", "& $makensis"):
        line = next(line for line in script.splitlines() if step in line)
        assert line.lstrip().startswith(("Invoke-Checked", "if (")), line
