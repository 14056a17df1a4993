"""Where Qt could not open a window, the officer is told why in Vietnamese, never by Qt's English abort."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from dti_desktop import qt_platform
from dti_desktop.qt_platform import Library
from tests.helpers import ROOT

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="Không áp dụng trên hệ điều hành này: nền tảng hiển thị xcb là của Linux")


def test_the_list_is_read_with_what_needs_each_library():
    libraries = {lib.soname: lib for lib in qt_platform.read_libraries()}
    assert libraries["libxcb-cursor.so.0"] == Library("libxcb-cursor.so.0", "libxcb-cursor0", ("xcb",))
    assert libraries["libEGL.so.1"].needed_by == ("qt",)
    assert qt_platform.read_libraries(Path("/khong/co")) == []


@pytest.mark.parametrize("env, platforms", [
    ({}, ["xcb"]), ({"QT_QPA_PLATFORM": "offscreen"}, ["offscreen"]),
    ({"QT_QPA_PLATFORM": "wayland;xcb"}, ["wayland", "xcb"]), ({"QT_QPA_PLATFORM": "vnc:size=800x600"}, ["vnc"]),
    ({"WAYLAND_DISPLAY": "wayland-0"}, ["wayland", "xcb"]), ({"XDG_SESSION_TYPE": "x11", "DISPLAY": ":0"}, ["xcb"]),
])
def test_the_platforms_qt_will_try(env, platforms):
    assert qt_platform.candidate_platforms(env) == platforms


@linux_only
def test_a_missing_library_is_named_with_its_package(monkeypatch):
    fake = [Library("libdti-khong-co.so.9", "libdti-khong-co9", ("xcb",)),
            Library("libdti-khong-co-nua.so.1", "libdti-khong-co-nua1", ("qt",)),
            Library("libdti-cua-wayland.so.0", "libdti-cua-wayland0", ("wayland",))]
    monkeypatch.setattr(qt_platform, "read_libraries", lambda path=None: fake)
    said = qt_platform.problem({"DISPLAY": ":0"})
    assert said.startswith("Không mở được cửa sổ DTI Desktop: máy còn thiếu thư viện hệ thống mà Qt cần để hiển thị "
                           "(libdti-khong-co.so.9, libdti-khong-co-nua.so.1).")
    assert "sudo apt-get install libdti-khong-co9 libdti-khong-co-nua1;" in said
    assert "wayland" not in said  # X11 does not need it
    assert qt_platform.missing_libraries("offscreen", fake) == [fake[1]]


@linux_only
def test_no_display_is_said_and_a_present_library_is_not_missing(monkeypatch):
    monkeypatch.setattr(qt_platform, "read_libraries", lambda path=None: [Library("libc.so.6", "libc6", ("qt",))])
    assert qt_platform.problem({}) == qt_platform.NO_DISPLAY
    assert qt_platform.problem({"DISPLAY": ":0"}) is None
    assert qt_platform.problem({"QT_QPA_PLATFORM": "offscreen"}) is None


def test_not_linux_is_never_stopped(monkeypatch):
    monkeypatch.setattr(sys, "platform", "win32")
    assert qt_platform.problem({}) is None


def _start_window(tmp_path, **env):
    environ = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY",
                                                                 "XDG_SESSION_TYPE")}
    environ.update(DTI_DATA_DIR=str(tmp_path / "data"), **env)
    return subprocess.run([sys.executable, str(ROOT / "main.py")], env=environ, capture_output=True, text=True,
                          encoding="utf-8", timeout=60)


@linux_only
def test_the_window_without_a_display_says_so_in_vietnamese(tmp_path):
    started = _start_window(tmp_path)
    assert started.returncode == 1
    assert started.stderr.startswith("Không mở được cửa sổ DTI Desktop: ")
    assert "qt.qpa" not in started.stderr and "This application" not in started.stderr


@linux_only
def test_a_display_qt_cannot_reach_is_said_in_vietnamese_not_by_qt_aborting(tmp_path):
    """The checks pass (the libraries are there, DISPLAY is set) but Qt fails anyway: its fatal message is caught
    before its abort (rc 134) and said in Vietnamese."""
    display = next(n for n in range(917, 999) if not Path(f"/tmp/.X11-unix/X{n}").exists())
    started = _start_window(tmp_path, DISPLAY=f":{display}")
    assert started.returncode == 1, started.stderr
    assert started.stderr.startswith("Không mở được cửa sổ DTI Desktop: ")
    assert "qt.qpa" not in started.stderr and "This application" not in started.stderr
    assert not (tmp_path / "data" / "dti.sqlite3").exists()  # nothing was created before it stopped
