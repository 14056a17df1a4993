"""The set-up scripts stop with a plain message on a Python older than 3.11."""

from __future__ import annotations

import os
import subprocess

import pytest

from tests.helpers import ROOT


def _check(tmp_path, reports: str | None):
    """Run the check with a python3 on PATH that reports `reports` ("3 10") as its version, or with none."""
    folder = tmp_path / "bin"
    folder.mkdir(exist_ok=True)
    if reports is not None:
        fake = folder / "python3"
        fake.write_text(f'#!/bin/sh\necho "{reports}"\n')
        fake.chmod(0o755)
    bash = subprocess.run(["bash", "-c", "command -v bash"], capture_output=True, text=True).stdout.strip()
    env = dict(os.environ, PATH=str(folder))
    return subprocess.run([bash, str(ROOT / "scripts" / "python-check.sh")], env=env, capture_output=True, text=True)


@pytest.mark.parametrize("reports, ok", [("3 10", False), ("3 9", False), ("2 7", False), ("3 11", True),
                                         ("3 13", True), ("4 0", True)])
def test_the_version_is_compared_as_numbers(tmp_path, reports, ok):
    result = _check(tmp_path, reports)
    assert (result.returncode == 0) is ok
    if not ok:
        assert f"cần Python 3.11 trở lên; máy này có: Python {reports.replace(' ', '.')}" in result.stderr


def test_a_machine_without_python_is_told_so_in_vietnamese(tmp_path):
    result = _check(tmp_path, None)
    assert result.returncode == 1 and "Máy này chưa cài python3" in result.stderr
    assert "command not found" not in result.stderr


def test_both_set_up_scripts_check_before_making_the_environment():
    """run.sh, test.sh and ./dti install through scripts/install.sh, which checks before making the .venv."""
    assert "bash scripts/python-check.sh && python3 -m venv .venv" in (ROOT / "scripts" / "install.sh").read_text()
    for script in ("scripts/run.sh", "scripts/test.sh", "dti"):
        assert "scripts/install.sh" in (ROOT / script).read_text()
