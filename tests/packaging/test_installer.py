"""The Windows installer's NSIS script compiles (makensis runs on Linux too; Debian package nsis).

Around the built bundle (dist/DTI-Desktop, which CI builds) when there is one, else around a stand-in folder: either
way every instruction of packaging/installer.nsi is compiled. Skipped where makensis is absent (a failure in CI).
"""

from __future__ import annotations

import shutil
import subprocess

import pytest

from tests.helpers import ROOT

MAKENSIS = shutil.which("makensis")
BUNDLE = ROOT / "dist" / "DTI-Desktop"


@pytest.mark.skipif(MAKENSIS is None, reason="NSIS (makensis) không có trên máy này")
def test_the_installer_script_compiles(tmp_path):
    if (BUNDLE / "DTI-Desktop").exists():  # the Linux bundle: the program's file has no .exe
        bundle, exe = BUNDLE, "DTI-Desktop"
    else:
        bundle, exe = tmp_path / "DTI-Desktop", "DTI-Desktop.exe"
        (bundle / "_internal" / "resources").mkdir(parents=True)
        (bundle / exe).write_bytes(b"MZ" + b"\0" * 510)
        (bundle / "dti-cli.exe").write_bytes(b"MZ" + b"\0" * 510)
        (bundle / "_internal" / "resources" / "README.txt").write_text("Tài liệu", encoding="utf-8")
    out = tmp_path / "DTI-Desktop-CaiDat-kiemtra.exe"
    # zlib instead of solid LZMA: this proves the script compiles (LZMA over the bundle takes minutes)
    result = subprocess.run([MAKENSIS, "-V2", "-INPUTCHARSET", "UTF8", "-XSetCompressor /FINAL zlib",
                             f"-DBUNDLE={bundle}", f"-DEXE={exe}", f"-DOUTFILE={out}", "installer.nsi"],
                            cwd=ROOT / "packaging", capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    assert out.read_bytes()[:2] == b"MZ" and out.stat().st_size > 30_000
