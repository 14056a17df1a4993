"""./dti, the one way to run the command line: the .venv's Python from any folder, installing first when needed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from tests.helpers import ROOT

pytestmark = pytest.mark.skipif(sys.platform == "win32",
                                reason="Không áp dụng trên hệ điều hành này: ./dti là kịch bản bash")


@pytest.fixture
def tree(tmp_path):
    """A source tree with ./dti, main.py, the requirements, a .venv whose python is this one, and an install script
    that only writes down that it ran."""
    root = tmp_path / "dti-desktop"
    (root / ".venv" / "bin").mkdir(parents=True)
    (root / "scripts").mkdir()
    (root / "packaging").mkdir()
    shutil.copy2(ROOT / "dti", root / "dti")
    (root / "main.py").symlink_to(ROOT / "main.py")
    python = root / ".venv" / "bin" / "python"
    python.write_text(f'#!/bin/sh\nexec "{sys.executable}" "$@"\n')
    python.chmod(0o755)
    (root / "scripts" / "install.sh").write_text(
        f'echo "cài" >> "{tmp_path / "installs.txt"}"; touch "{root / ".venv" / ".dti-installed"}"\n')
    for name in ("requirements.txt", "packaging/constraints.txt"):
        (root / name).write_text("")
        os.utime(root / name, (1_000_000_000, 1_000_000_000))
    return root


def run(tree, *args, cwd):
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    return subprocess.run([str(tree / "dti"), *args], cwd=cwd, env=env, capture_output=True, text=True,
                          encoding="utf-8", timeout=60)


def installs(tree) -> int:
    path = tree.parent / "installs.txt"
    return len(path.read_text().splitlines()) if path.exists() else 0


def test_the_launcher_installs_once_then_runs_the_program_from_any_folder(tree, tmp_path):
    elsewhere = tmp_path / "noi-khac"
    elsewhere.mkdir()
    first = run(tree, "--version", cwd=elsewhere)
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith("DTI Desktop ") and "Đang cài DTI Desktop" in first.stderr
    again = run(tree, "--help", cwd=elsewhere)
    assert again.returncode == 0 and again.stdout.startswith("Cách dùng: ./dti") and again.stderr == ""
    assert installs(tree) == 1


def test_new_requirements_are_installed_before_the_program_runs(tree):
    run(tree, "--version", cwd=tree)
    (tree / "requirements.txt").write_text("python-docx==1.2.0\n")  # a pull that brings a new dependency
    os.utime(tree / "requirements.txt", None)
    os.utime(tree / ".venv" / ".dti-installed", (1_000_000_100, 1_000_000_100))
    assert run(tree, "--version", cwd=tree).returncode == 0
    assert installs(tree) == 2


def test_a_failed_install_stops_the_launcher(tree):
    (tree / "scripts" / "install.sh").write_text('echo "Máy còn thiếu các gói hệ thống" >&2; exit 1\n')
    failed = run(tree, "--version", cwd=tree)
    assert failed.returncode == 1 and failed.stdout == "" and "Máy còn thiếu các gói hệ thống" in failed.stderr
