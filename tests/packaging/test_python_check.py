"""The set-up scripts stop with a plain message on a Python older than 3.11."""

from __future__ import annotations

import os
import subprocess

from tests.helpers import ROOT


def test_an_older_python_is_named_and_refused_before_anything_is_installed(tmp_path):
    fake = tmp_path / "python3"
    fake.write_text('#!/bin/sh\nif [ "$1" = "--version" ]; then echo "Python 3.10.12"; exit 0; fi\nexit 1\n')
    fake.chmod(0o755)
    env = dict(os.environ, PATH=f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    old = subprocess.run(["bash", str(ROOT / "scripts" / "python-check.sh")], env=env, capture_output=True, text=True)
    assert old.returncode == 1 and "cần Python 3.11 trở lên; máy này có: Python 3.10.12" in old.stderr
    here = subprocess.run(["bash", str(ROOT / "scripts" / "python-check.sh")], capture_output=True, text=True)
    assert here.returncode == 0  # this machine runs the tests on 3.11+
    for script in ("run.sh", "test.sh"):
        assert "bash scripts/python-check.sh && python3 -m venv .venv" in (ROOT / "scripts" / script).read_text()
