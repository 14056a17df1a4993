"""Printouts take every face of the shipped Liberation Serif 2.x, even where Debian's fonts-liberation 1.07 (same
family name, no Vietnamese) is installed too: its Bold was taken, and the "ỷ", "ệ" of bold headings came from
DejaVu Serif Bold. Each check runs in a new process, started as the program starts (fonts are read once)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from dti_desktop import paths
from tests.helpers import ROOT

LINUX = sys.platform.startswith("linux")
LIBERATION = {"LiberationSerif", "LiberationSerif-Bold", "LiberationSerif-Italic", "LiberationSerif-BoldItalic"}
TIMES = {"TimesNewRomanPSMT", "TimesNewRomanPS-BoldMT", "TimesNewRomanPS-ItalicMT", "TimesNewRomanPS-BoldItalicMT"}


def _session_env() -> dict[str, str]:
    """The environment of a start from the desktop: no font configuration chosen by an earlier test."""
    env = {k: v for k, v in os.environ.items() if k not in ("FONTCONFIG_FILE", "XDG_CACHE_HOME", "DTI_DATA_DIR")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def _fonts(pdf: Path) -> set[str]:
    listing = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    return {line.split()[0].split("+")[-1] for line in listing.splitlines()[2:] if line.strip()}


@pytest.mark.skipif(not (shutil.which("pdffonts") and shutil.which("pdftotext")), reason="poppler-utils không có")
def test_bold_vietnamese_headings_of_a_report_from_the_command_line_are_liberation_serif_bold(mao_khe, tmp_path):
    mao_khe.db.close()
    out = tmp_path / "bao-cao.pdf"
    made = subprocess.run([sys.executable, str(ROOT / "main.py"), "report", "pdf", "--period", "2025-03", "--out",
                           str(out), "--db", str(mao_khe.path), "--date", "14/03/2025"], check=False,
                          capture_output=True, text=True, encoding="utf-8", env=_session_env(), timeout=120)
    assert made.returncode == 0, made.stderr
    text = " ".join(subprocess.run(["pdftotext", "-raw", str(out), "-"], capture_output=True, text=True,
                                   encoding="utf-8", check=True).stdout.split())
    for heading in ("Kết quả thực hiện chuyển đổi số tháng 03/2025", "I. KẾT QUẢ THỰC HIỆN",
                    "2. Phát triển chính quyền số: Đã hoàn thành 01/10 chỉ tiêu", "TM. ỦY BAN NHÂN DÂN"):
        assert heading in text, heading
    fonts = _fonts(out)
    # Every bold glyph from the one bold face: a fallback (DejaVuSerif-Bold) would be listed beside it
    assert "LiberationSerif-Bold" in fonts or "TimesNewRomanPS-BoldMT" in fonts, fonts
    assert fonts <= LIBERATION | TIMES, fonts


@pytest.mark.skipif(not LINUX, reason="fontconfig: Linux")
def test_the_window_reads_the_bold_face_of_the_shipped_font(tmp_path):
    """run_gui's order: the data folder said (use_data_folder), then the application made; the Bold Qt takes for
    Liberation Serif is a 2.x face, with every Vietnamese letter."""
    code = ("import struct, sys\nfrom pathlib import Path\nfrom dti_desktop import paths\n"
            f"paths.use_data_folder(Path({str(tmp_path / 'du-lieu')!r}))\n"
            "from dti_desktop.ui.app import make_app\napp = make_app()\n"
            "from PySide6.QtGui import QFont, QRawFont\nfrom dti_desktop.io.pdf_render import register_fonts\n"
            "register_fonts()\n"
            "for bold, italic in ((False, False), (True, False), (True, True)):\n"
            "    font = QFont('Liberation Serif', 13)\n    font.setBold(bold)\n    font.setItalic(italic)\n"
            "    raw = QRawFont.fromFont(font)\n"
            "    revision = struct.unpack('>i', bytes(raw.fontTable('head'))[4:8])[0] / 65536\n"
            "    print(raw.styleName(), round(revision, 2), all(raw.supportsCharacter(ord(c)) for c in 'ỷệẾỦữ'))\n")
    shown = subprocess.run([sys.executable, "-c", code], check=False, capture_output=True, text=True,
                           encoding="utf-8", env=_session_env(), timeout=120, cwd=ROOT)
    assert shown.returncode == 0, shown.stderr
    faces = [line.rsplit(" ", 2) for line in shown.stdout.splitlines()]
    assert [face[0] for face in faces] == ["Regular", "Bold", "Bold Italic"], shown.stdout
    assert all(float(face[1]) >= 2 and face[2] == "True" for face in faces), shown.stdout


def _fc_list(config: Path | None) -> set[tuple[str, str, bool]]:
    """(file, family, has Vietnamese) of every font fontconfig lists with that configuration file."""
    env = _session_env()
    if config:
        env["FONTCONFIG_FILE"] = str(config)
    listing = subprocess.run(["fc-list", "--format", "%{file}\t%{family[0]}\t%{lang}\n"], capture_output=True,
                             text=True, encoding="utf-8", env=env, check=True).stdout
    return {(file, family, "vi" in lang.split("|"))
            for file, family, lang in (line.split("\t") for line in listing.splitlines() if line.count("\t") == 2)}


@pytest.mark.skipif(not (LINUX and shutil.which("fc-list")), reason="fontconfig (fc-list): Linux")
def test_the_shipped_configuration_is_the_systems_without_liberation_serif_lacking_vietnamese():
    system, ours = _fc_list(None), _fc_list(paths.font_config_file())
    old = {font for font in system if font[1] == "Liberation Serif" and not font[2]}
    assert ours == system - old  # every other font kept: the system's configuration is read
    assert not any(family == "Liberation Serif" and not vietnamese for _, family, vietnamese in ours)


@pytest.mark.skipif(not LINUX, reason="fontconfig: Linux")
def test_programs_opened_from_this_one_get_the_sessions_caches_and_fonts(tmp_path, monkeypatch):
    monkeypatch.setattr(paths, "_SESSION_VALUES", {})
    monkeypatch.setattr(paths, "_DATA_FOLDER", None)
    monkeypatch.delenv("FONTCONFIG_FILE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", "/home/can-bo/.cache")
    paths.use_data_folder(tmp_path)
    assert os.environ["FONTCONFIG_FILE"] == str(paths.font_config_file())
    assert os.environ["XDG_CACHE_HOME"] == str(tmp_path / "cache")
    with paths.session_environment():
        assert "FONTCONFIG_FILE" not in os.environ
        assert os.environ["XDG_CACHE_HOME"] == "/home/can-bo/.cache"
    assert os.environ["FONTCONFIG_FILE"] == str(paths.font_config_file())
    assert os.environ["XDG_CACHE_HOME"] == str(tmp_path / "cache")


@pytest.mark.skipif(not LINUX, reason="fontconfig: Linux")
def test_a_font_configuration_the_user_chose_is_kept(tmp_path, monkeypatch):
    monkeypatch.setattr(paths, "_SESSION_VALUES", {})
    monkeypatch.setenv("FONTCONFIG_FILE", "/home/can-bo/fonts.conf")
    paths.use_shipped_font_config()
    assert os.environ["FONTCONFIG_FILE"] == "/home/can-bo/fonts.conf"
    with paths.session_environment():
        assert os.environ["FONTCONFIG_FILE"] == "/home/can-bo/fonts.conf"
