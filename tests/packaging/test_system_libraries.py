"""The system libraries Qt needs are derived from what the PySide6 wheel links, not kept by hand.

resources/linux-libraries.txt lists them (read by scripts/system-deps.sh, which installs them, and by
dti_desktop/qt_platform.py, which names the missing ones before Qt starts). Here the wheel's Qt modules and every
platform plugin are read (their ELF DT_NEEDED entries, following Qt's own libraries inside the wheel) and run
through ldd: a library they need that the list lacks fails the test, so a new PySide6 cannot silently need more.
"""

from __future__ import annotations

import struct
import subprocess
import sys
from pathlib import Path

import pytest

from dti_desktop.qt_platform import read_libraries
from tests.helpers import ROOT

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Không áp dụng trên hệ điều hành này: "
                                "danh sách thư viện hệ thống là của Linux")

LIST = ROOT / "resources" / "linux-libraries.txt"
MODULES = ("QtCore", "QtGui", "QtWidgets", "QtPrintSupport", "QtSvg")  # what the program imports (QtSvg: matplotlib)
# libc6's own libraries: every program on the machine needs them, there is no machine without them
LIBC = ("libc.so.6", "libm.so.6", "libdl.so.2", "libpthread.so.0", "librt.so.1", "libresolv.so.2",
        "ld-linux-x86-64.so.2", "ld-linux-aarch64.so.1")
# Platform plugins no one runs this program on: vnc serves the window over the network (it links Qt Network and
# with it Kerberos and Brotli).
NOT_RUN_ON = ("vnc",)


def needed(path: Path) -> list[str]:
    """The DT_NEEDED entries of a 64-bit little-endian ELF file (no binutils on a minimal Debian)."""
    data = path.read_bytes()
    assert data[:4] == b"\x7fELF" and data[4] == 2 and data[5] == 1, f"{path}: not a 64-bit little-endian ELF file"
    phoff, = struct.unpack_from("<Q", data, 0x20)
    phentsize, phnum = struct.unpack_from("<HH", data, 0x36)
    segments = [struct.unpack_from("<IIQQQQQQ", data, phoff + i * phentsize) for i in range(phnum)]
    dynamic = next(s for s in segments if s[0] == 2)  # PT_DYNAMIC: (type, flags, offset, vaddr, …)
    entries = []
    for off in range(dynamic[2], dynamic[2] + dynamic[5], 16):
        tag, value = struct.unpack_from("<qQ", data, off)
        if tag == 0:
            break
        entries.append((tag, value))
    strtab_addr = next(v for t, v in entries if t == 5)  # DT_STRTAB, an address: to a file offset by its PT_LOAD
    load = next(s for s in segments if s[0] == 1 and s[3] <= strtab_addr < s[3] + s[5])
    strtab = strtab_addr - load[3] + load[2]
    return [data[strtab + v:data.index(b"\0", strtab + v)].decode() for t, v in entries if t == 1]


def _pyside() -> Path:
    import PySide6

    return Path(PySide6.__file__).parent


def roots() -> dict[Path, str]:
    """Each file Qt loads first, with who needs it: "qt" (the modules) or the platform plugin's name."""
    pyside = _pyside()
    found = {next(pyside.glob(f"{module}.*.so")): "qt" for module in MODULES}
    for plugin in sorted((pyside / "Qt" / "plugins" / "platforms").glob("*.so")):
        if plugin.stem.removeprefix("libq") not in NOT_RUN_ON:
            found[plugin] = plugin.stem.removeprefix("libq")
    for plugin in sorted((pyside / "Qt" / "plugins" / "xcbglintegrations").glob("*.so")):
        found[plugin] = "xcb"  # the xcb platform loads its OpenGL integration itself
    return found


def outside_needs() -> dict[str, set[str]]:
    """Every library outside the wheel that Qt's files need, with the roots needing it (through Qt's own libraries:
    a plugin needs what libQt6XcbQpa needs)."""
    pyside = _pyside()
    inside = {p.name: p for folder in (pyside, pyside / "Qt" / "lib", pyside.parent / "shiboken6")
              for p in folder.glob("*.so*")}
    wanted: dict[str, set[str]] = {}
    for root, who in roots().items():
        seen, todo = set(), [root]
        while todo:
            for name in needed(todo.pop()):
                if name in inside:
                    if name not in seen:
                        seen.add(name)
                        todo.append(inside[name])
                elif name not in LIBC:
                    wanted.setdefault(name, set()).add(who)
    return wanted


def expected_column(who: set[str]) -> str:
    return "qt" if "qt" in who else ",".join(sorted(who))


def test_the_list_is_what_qt_links():
    """Exactly the libraries the wheel links, each marked with what needs it (qt_platform checks, before the window,
    those of Qt and of the platform Qt will use)."""
    listed = {lib.soname: lib for lib in read_libraries(LIST)}
    wanted = outside_needs()
    unlisted = sorted(set(wanted) - set(listed))
    assert not unlisted, ("PySide6 cần thêm thư viện hệ thống chưa có trong resources/linux-libraries.txt (thêm dòng "
                          "kèm tên gói Debian): " + "; ".join(f"{n} ({expected_column(wanted[n])})" for n in unlisted))
    assert not sorted(set(listed) - set(wanted)), "không còn cần: " + ", ".join(sorted(set(listed) - set(wanted)))
    wrong = [(n, ",".join(listed[n].needed_by), expected_column(wanted[n])) for n in sorted(wanted)
             if ",".join(listed[n].needed_by) != expected_column(wanted[n])]
    assert not wrong, f"cột thứ ba sai (có, đúng): {wrong}"


def test_ldd_finds_every_library_the_platform_plugins_need_or_the_install_brings_it():
    """ldd over the platform plugins (and Qt's modules): a library neither present on this machine nor in the list
    would leave the window unable to open after `bash scripts/run.sh`."""
    listed = {lib.soname for lib in read_libraries(LIST)}
    absent = {}
    for root in roots():
        out = subprocess.run(["ldd", str(root)], capture_output=True, text=True, check=True).stdout
        for line in out.splitlines():
            if "=> not found" in line:
                absent.setdefault(line.split()[0], []).append(root.name)
    assert not {name: files for name, files in absent.items() if name not in listed}


def test_every_package_named_is_a_debian_package_name():
    for lib in read_libraries(LIST):
        assert lib.package.islower() and lib.package.replace("-", "").replace(".", "").replace("+", "").isalnum()
