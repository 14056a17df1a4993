"""Can Qt open a window here? Asked before PySide6 is imported, answered in Vietnamese.

Without a system library its platform plugin links (libxcb-cursor0 on a fresh Debian), Qt prints an English message
and aborts the process ("no Qt platform plugin could be initialized"); without one its own libraries link, importing
PySide6 fails with an English traceback. The libraries Qt needs, each with its Debian package, are listed in
resources/linux-libraries.txt (checked against the wheel by tests/packaging/test_system_libraries.py); they are
looked up here in the dynamic loader's cache (a fraction of a millisecond), and only those not found there are tried by loading.

No PySide6 and no Qt in this module: it runs before either is loaded.
"""

from __future__ import annotations

import os
import sys
from collections import namedtuple
from pathlib import Path

from .paths import resources_dir

LIBRARY_LIST = "linux-libraries.txt"
ALWAYS = "qt"  # libraries Qt's own libraries link, whatever the platform


# A system library Qt links: its file name, the Debian package holding it, the platforms needing it. (A named tuple:
# dataclasses costs 15 ms to import, and this runs first at each start.)
Library = namedtuple("Library", "soname package needed_by")


def read_libraries(path: Path | None = None) -> list[Library]:
    """The list kept in resources/linux-libraries.txt ([] where it is not shipped)."""
    try:
        text = (path or resources_dir() / LIBRARY_LIST).read_text(encoding="utf-8")
    except OSError:
        return []
    found = []
    for line in text.splitlines():
        fields = line.split("#", 1)[0].split()
        if len(fields) == 3:
            found.append(Library(fields[0], fields[1], tuple(fields[2].split(","))))
    return found


def candidate_platforms(environ: dict | None = None) -> list[str]:
    """The platform plugins Qt will try, in its order: QT_QPA_PLATFORM when set ("wayland;xcb" is a list), else
    Wayland first in a Wayland session, then X11 (xcb)."""
    env = os.environ if environ is None else environ
    chosen = env.get("QT_QPA_PLATFORM", "").strip()
    if chosen:
        return [name.split(":", 1)[0].strip() for name in chosen.split(";") if name.strip()]
    if env.get("WAYLAND_DISPLAY") or env.get("XDG_SESSION_TYPE") == "wayland":
        return ["wayland", "xcb"]
    return ["xcb"]


def missing_libraries(platform: str, libraries: list[Library] | None = None) -> list[Library]:
    """The libraries `platform` needs (Qt's own and its plugin's) that this machine lacks."""
    libraries = read_libraries() if libraries is None else libraries
    wanted = [lib for lib in libraries if ALWAYS in lib.needed_by or platform in lib.needed_by]
    cache = _loader_cache()
    folders = [Path(p) for p in os.environ.get("LD_LIBRARY_PATH", "").split(":") if p] + _qt_folders()
    return [lib for lib in wanted
            if (cache is None or f"/{lib.soname}\0".encode() not in cache)  # the path ends with it
            and not any((folder / lib.soname).exists() for folder in folders)
            and not _loads(lib.soname)]


def _loader_cache() -> bytes | None:
    try:
        with open("/etc/ld.so.cache", "rb") as cache:
            return cache.read()
    except OSError:
        return None


def _qt_folders() -> list[Path]:
    """Where the bundle (PyInstaller) keeps the libraries it carries."""
    bundle = getattr(sys, "_MEIPASS", None)
    return [Path(bundle)] if bundle else []


def _loads(soname: str) -> bool:
    """The loader finds it where the cache does not say (a folder of its own configuration): the last word."""
    import ctypes

    try:
        ctypes.CDLL(soname)
        return True
    except OSError:
        return False


def problem(environ: dict | None = None) -> str | None:
    """Why Qt could not open a window here, in Vietnamese; None when it can (or when this is not Linux)."""
    if not sys.platform.startswith("linux"):
        return None
    env = os.environ if environ is None else environ
    libraries = read_libraries()
    reasons = []
    for platform in candidate_platforms(env):
        missing = missing_libraries(platform, libraries)
        if missing:
            reasons.append(missing_text(missing))
        elif platform == "xcb" and not env.get("DISPLAY"):
            reasons.append(NO_DISPLAY)
        elif platform == "wayland" and not env.get("WAYLAND_DISPLAY"):
            continue  # Qt goes on to xcb
        else:
            return None
    return reasons[-1] if reasons else NO_DISPLAY


NO_DISPLAY = ("Không mở được cửa sổ DTI Desktop: không có màn hình đồ họa (biến DISPLAY chưa được đặt, ví dụ khi "
              "chạy qua SSH hay trong máy chủ). Hãy chạy chương trình trong phiên làm việc có màn hình của máy. "
              "Các lệnh (./dti --help) vẫn dùng được không cần màn hình.")


def missing_text(missing: list[Library]) -> str:
    """What the officer (or whoever looks after the machine) is told: which libraries, which packages to install."""
    packages = " ".join(dict.fromkeys(lib.package for lib in missing))
    names = ", ".join(lib.soname for lib in missing)
    return (f"Không mở được cửa sổ DTI Desktop: máy còn thiếu thư viện hệ thống mà Qt cần để hiển thị ({names}).\n"
            f"Hãy cài các gói: {packages}\n"
            f"  (với quyền quản trị: sudo apt-get install {packages}; hoặc chạy lại bash scripts/run.sh)")


def fatal_text(heard: list[str], environ: dict | None = None) -> str:
    """Qt gave up on its platform plugin anyway (the checks above could not see why): said in Vietnamese, the
    cause named where Qt named it."""
    env = os.environ if environ is None else environ
    said = "\n".join(heard)
    if "could not connect to display" in said or "cannot open display" in said.lower():
        return (f"Không mở được cửa sổ DTI Desktop: không kết nối được với màn hình “{env.get('DISPLAY', '')}”. "
                "Hãy chạy chương trình trong phiên làm việc có màn hình của máy (hoặc kiểm tra biến DISPLAY).")
    libraries = read_libraries()
    for platform in candidate_platforms(env):  # Qt's hint names libxcb-cursor0 whatever the xcb plugin lacked
        if missing := missing_libraries(platform, libraries):
            return missing_text(missing)
    platforms = ", ".join(candidate_platforms(env))
    return (f"Không mở được cửa sổ DTI Desktop: Qt không khởi động được trình hiển thị ({platforms}). Hãy chạy lại "
            "bash scripts/run.sh để cài các thư viện hệ thống còn thiếu; nếu vẫn lỗi, chạy lại với biến môi trường "
            "QT_DEBUG_PLUGINS=1 và gửi toàn bộ thông báo cho người hỗ trợ.")


def exit_if_unusable() -> None:
    """Stop with the Vietnamese reason (exit code 1) where Qt could not open a window."""
    reason = problem()
    if reason:
        sys.stderr.write(reason + "\n")
        sys.stderr.flush()
        raise SystemExit(1)
