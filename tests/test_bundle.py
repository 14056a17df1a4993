"""The built one-folder bundle works on its own (skipped unless dist/DTI-Desktop exists: make package)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from tests.helpers import ROOT

BUNDLE = ROOT / "dist" / "DTI-Desktop"
CLI = BUNDLE / ("dti-cli.exe" if sys.platform == "win32" else "dti-cli")
GUI = BUNDLE / ("DTI-Desktop.exe" if sys.platform == "win32" else "DTI-Desktop")
pytestmark = pytest.mark.skipif(not CLI.exists(), reason="chưa có bundle (make package)")


def run(exe, *args, tmp_path, extra=None):
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}  # no source tree, no venv
    env.update(DTI_DATA_DIR=str(tmp_path / "data"), QT_QPA_PLATFORM="offscreen", **(extra or {}))
    return subprocess.run([str(exe), *args], cwd=tmp_path, env=env, capture_output=True, text=True,
                          encoding="utf-8", timeout=120)


def test_bundle_version_and_catalogue(tmp_path):
    version = run(CLI, "--version", tmp_path=tmp_path)
    assert version.returncode == 0 and version.stdout.startswith("DTI Desktop ")
    listing = run(CLI, "catalogue", "list", "--year", "2025", tmp_path=tmp_path)
    assert listing.returncode == 0, listing.stderr
    assert "36/KH-UBND" in listing.stdout and "27 chỉ tiêu" in listing.stdout
    assert "Mục tiêu: 1000 điểm" in listing.stdout


def test_bundle_prints_a_pdf_with_its_own_font(tmp_path):
    assert run(CLI, "unit", "add", "UBND xã An Sinh", "--own", tmp_path=tmp_path).returncode == 0
    out = tmp_path / "bao-cao.pdf"
    result = run(CLI, "report", "pdf", "--period", "2025-03", "--out", str(out), tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    if shutil.which("pdffonts"):
        fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True).stdout
        assert "LiberationSerif" in fonts


def test_bundle_window_starts(tmp_path):
    assert run(CLI, "unit", "add", "UBND xã An Sinh", "--own", tmp_path=tmp_path).returncode == 0
    started = run(GUI, tmp_path=tmp_path, extra={"DTI_QUIT_AFTER_SHOW": "1"})
    assert started.returncode == 0, started.stderr[-2000:]


def test_bundle_brings_the_first_window_forward(tmp_path):
    """The single-instance channel (multiprocessing.connection) works frozen: a later start's request arrives."""
    assert run(CLI, "unit", "add", "UBND xã An Sinh", "--own", tmp_path=tmp_path).returncode == 0
    started = run(GUI, tmp_path=tmp_path, extra={"DTI_QUIT_AFTER_SHOW": "kenh"})
    assert started.returncode == 0, started.stderr[-2000:]


def test_bundle_draws_the_overview_charts(tmp_path):
    """matplotlib's Qt backend, numpy (its BLAS libraries must survive stripping) and QtSvg are in the bundle."""
    assert run(CLI, "unit", "add", "UBND xã An Sinh", "--own", tmp_path=tmp_path).returncode == 0
    started = run(GUI, tmp_path=tmp_path, extra={"DTI_QUIT_AFTER_SHOW": "tong-quan"})
    assert started.returncode == 0, started.stderr[-2000:]


def test_bundle_summary_sheet_carries_its_chart(tmp_path):
    assert run(CLI, "unit", "add", "UBND xã An Sinh", "--own", tmp_path=tmp_path).returncode == 0
    out = tmp_path / "phieu.pdf"
    result = run(CLI, "report", "pdf", "--kind", "summary", "--period", "2025-03", "--out", str(out),
                 tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    if shutil.which("pdfimages"):
        images = subprocess.run(["pdfimages", "-list", str(out)], capture_output=True, text=True).stdout
        assert len(images.strip().splitlines()) >= 3  # two header lines, then at least the chart


def test_bundle_carries_the_licences():
    """Qt's LGPL-3.0 (with the GPL-3.0 it supplements), the font's OFL and each library's licence travel along."""
    internal = BUNDLE / "_internal"
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in (internal / "resources" / "licenses" / "LGPL-3.0.txt").read_text()
    assert (internal / "resources" / "licenses" / "GPL-3.0.txt").is_file()
    assert "UNICODE, INC. LICENSE AGREEMENT" in (internal / "resources" / "licenses" / "ICU-LICENSE.txt").read_text()
    assert (internal / "resources" / "fonts" / "LICENSE-OFL.txt").is_file()
    assert "PYTHON SOFTWARE FOUNDATION LICENSE" in (internal / "resources" / "licenses" / "python" /
                                                    "LICENSE.txt").read_text(encoding="utf-8")
    for dist in ("matplotlib", "pillow", "numpy", "openpyxl", "sqlite_utils"):
        infos = list(internal.glob(f"{dist}-*.dist-info"))
        assert infos and any("licen" in p.name.lower() for p in infos[0].rglob("*")), dist


def test_bundle_stays_under_150_mb():
    """Issue 8's limit: everything the program does not use is left out (docs/performance.md lists what)."""
    files = [p for p in BUNDLE.rglob("*") if p.is_file() and not p.is_symlink()]
    total = sum(p.stat().st_size for p in files)
    assert total < 150_000_000, f"{total / 1e6:.1f} MB"
    assert not list(BUNDLE.rglob("*Qt6Network*")) and not list(BUNDLE.rglob("QtNetwork*"))  # offline: no network
    icu = next(BUNDLE.rglob("libicudata.so*"), None)
    assert icu is None or icu.stat().st_size < 8_000_000  # Qt's ICU data cut to root, vi and en


def test_bundle_keeps_the_chart_font_cache_between_starts(tmp_path):
    """PyInstaller's hook gives matplotlib a new temporary folder at every start: the font cache (every font of
    the machine) was rebuilt each time the charts loaded. It now lasts in the data folder."""
    assert run(CLI, "unit", "add", "UBND xã An Sinh", "--own", tmp_path=tmp_path).returncode == 0
    assert run(GUI, tmp_path=tmp_path, extra={"DTI_QUIT_AFTER_SHOW": "tong-quan"}).returncode == 0
    caches = list((tmp_path / "data" / "matplotlib").rglob("fontlist-*.json"))
    assert len(caches) == 1
    built = caches[0].stat().st_mtime_ns
    assert run(GUI, tmp_path=tmp_path, extra={"DTI_QUIT_AFTER_SHOW": "tong-quan"}).returncode == 0
    assert caches[0].stat().st_mtime_ns == built  # used, not rebuilt


def test_bundle_reads_a_plans_pdf(tmp_path):
    """pypdf travels in the bundle (without the optional parts the spec leaves out) and reads a plan's PDF."""
    pdf = ROOT / "tests" / "fixtures" / "annexes" / "dt2025_ke-hoach-36.pdf"
    result = run(CLI, "catalogue", "import", str(pdf), "--dry-run", tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "36/KH-UBND" in result.stdout and "27 chỉ tiêu" in result.stdout
    scan = run(CLI, "catalogue", "import", str(pdf.with_name("tu-choi_ban-scan.pdf")), "--dry-run", tmp_path=tmp_path)
    assert scan.returncode != 0 and "bản quét" in scan.stdout + scan.stderr


def test_bundle_signs_what_it_sends(tmp_path):
    """PyNaCl (libsodium) and cffi's backend travel with the bundle: a package it exports is signed, and the
    enrolment file it writes holds (checked by the source tree's reader)."""
    from dti_desktop.io.signature import package_signer
    from tests.reliability.hostile_packages import members

    setup = run(CLI, "unit", "add", "UBND phường Mạo Khê", "--own", "--district", "thành phố Đông Triều",
                tmp_path=tmp_path)
    assert setup.returncode == 0, setup.stderr
    exported = run(CLI, "unit", "key", "export", str(tmp_path / "mk.dtikhoa"), tmp_path=tmp_path)
    assert exported.returncode == 0, exported.stderr
    from dti_desktop.services.trust import read_key_file

    assert read_key_file(tmp_path / "mk.dtikhoa")["unit"] == "UBND phường Mạo Khê"
    sent = run(CLI, "package", "export", "--period", "2025-03", "--out", str(tmp_path / "usb"), tmp_path=tmp_path)
    assert sent.returncode == 0, sent.stderr
    content = members(next((tmp_path / "usb").glob("*.dtipkg")))
    assert package_signer(content["signature.json"], content["manifest.json"]) == \
        read_key_file(tmp_path / "mk.dtikhoa")["public_key"]
