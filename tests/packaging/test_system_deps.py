"""scripts/system-deps.sh: what is there is not installed again; what is missing is installed, or named in
Vietnamese where it cannot be (not root, no sudo). Run against stand-ins for ldconfig, id, apt-get and dpkg-query."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from dti_desktop.qt_platform import read_libraries
from tests.helpers import ROOT

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Không áp dụng trên hệ điều hành này: "
                                "kịch bản cài đặt của Debian/Ubuntu")

LIBRARIES = read_libraries(ROOT / "resources" / "linux-libraries.txt")


def _tool(folder, name, script):
    path = folder / name
    path.write_text("#!/bin/sh\n" + script + "\n")
    path.chmod(0o755)


def run_script(tmp_path, *args, absent=(), uid=1000, sudo=False):
    """system-deps.sh on a machine where every listed library is present except `absent`, as user `uid`; apt-get
    (and sudo) only write down how they were called. ldconfig prints 2 MB, as on a machine with many libraries:
    enough to fill a pipe many times over."""
    folder = tmp_path / "bin"
    folder.mkdir(parents=True)
    for name in ("bash", "awk", "grep", "dirname", "cat", "env", "mktemp", "tail", "rm"):
        (folder / name).symlink_to(shutil.which(name))
    listing = tmp_path / "ldconfig.txt"
    lines = [f"\t{lib.soname} (libc6,x86-64) => /lib/x86_64-linux-gnu/{lib.soname}" for lib in LIBRARIES
             if lib.package not in absent]
    padding = [f"\tlibkhac{i}.so.1 (libc6,x86-64) => /lib/x86_64-linux-gnu/libkhac{i}.so.1" for i in range(30000)]
    listing.write_text(f"{len(lines)} libs found in cache\n" + "\n".join(lines + padding) + "\n")
    _tool(folder, "ldconfig", f'cat "{listing}"')
    _tool(folder, "id", f"echo {uid}")
    _tool(folder, "python3", "exit 0")  # ensurepip and venv are there
    _tool(folder, "dpkg-query", "exit 1")  # no package asked for by name is installed
    calls = tmp_path / "calls.txt"
    _tool(folder, "apt-get", f'echo "apt-get $*" >> "{calls}"')
    if sudo:
        _tool(folder, "sudo", f'echo "sudo" >> "{calls}"; exec "$@"')
    result = subprocess.run([str(folder / "bash"), str(ROOT / "scripts" / "system-deps.sh"), *args],
                            env={"PATH": str(folder), "LANG": "C.UTF-8"}, capture_output=True, text=True,
                            encoding="utf-8", timeout=60)
    return result, calls.read_text() if calls.exists() else ""


def test_libraries_present_are_not_installed_again(tmp_path):
    """`ldconfig -p | grep -q` under pipefail: grep quit at its first match, ldconfig died of SIGPIPE, and a library
    present was called missing (apt-get run for nothing; without sudo, "sudo: command not found")."""
    for attempt in range(3):
        result, calls = run_script(tmp_path / str(attempt))
        assert result.returncode == 0, result.stderr
        assert calls == "" and result.stdout == "" and result.stderr == ""


def test_a_user_without_sudo_is_told_which_packages_to_install_and_the_script_stops(tmp_path):
    result, calls = run_script(tmp_path, absent=("libxcb-cursor0", "libxcb-icccm4"))
    assert result.returncode == 1 and calls == ""
    assert "Máy còn thiếu các gói hệ thống mà DTI Desktop cần: libxcb-cursor0 libxcb-icccm4" in result.stderr
    assert "    apt-get install libxcb-cursor0 libxcb-icccm4\n" in result.stderr
    assert "command not found" not in result.stderr


def test_root_installs_what_is_missing_and_the_tools_asked_for(tmp_path):
    result, calls = run_script(tmp_path, "poppler-utils", absent=("libxkbcommon-x11-0",), uid=0)
    assert result.returncode == 0, result.stderr
    assert calls.splitlines()[-1] == "apt-get install -y -qq --no-install-recommends libxkbcommon-x11-0 poppler-utils"


def test_a_user_with_sudo_installs_through_it(tmp_path):
    result, calls = run_script(tmp_path, absent=("libxcb-shape0",), sudo=True)
    assert result.returncode == 0, result.stderr
    assert calls.splitlines() == ["sudo", "apt-get update -qq", "sudo",
                                  "apt-get install -y -qq --no-install-recommends libxcb-shape0"]


def test_test_tools_that_cannot_be_installed_are_named_and_the_tests_go_on(tmp_path):
    """Outside CI the test tools are wanted, not needed (scripts/test.sh passes --optional)."""
    result, calls = run_script(tmp_path, "--optional", "nsis", "poppler-utils")
    assert result.returncode == 0 and calls == ""
    assert "Chưa cài được công cụ kiểm thử" in result.stderr and "apt-get install nsis poppler-utils" in result.stderr


def test_the_scripts_are_executable_and_the_launcher_too():
    for path in ("dti", "scripts/run.sh", "scripts/test.sh", "scripts/install.sh", "scripts/system-deps.sh", ".ci/run"):
        assert os.access(ROOT / path, os.X_OK), path
