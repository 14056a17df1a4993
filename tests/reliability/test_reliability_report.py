"""docs/reliability.md is written by scripts/reliability_report.py, never by a green test run."""

from __future__ import annotations

import importlib.util

import pytest

from tests import conftest
from tests.helpers import ROOT
from tests.reliability import report


@pytest.fixture
def script():
    spec = importlib.util.spec_from_file_location("reliability_report", ROOT / "scripts" / "reliability_report.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def rows(tmp_path, monkeypatch):
    """A complete table (every family of faults) written to a scratch document."""
    monkeypatch.setattr(report, "ROWS", {f"{word} thử" if word != "Fuzz" else "Fuzz thử": {
        "cases": 2, "outcome": "Từ chối", "failed": 0} for word in report.REQUIRED})
    monkeypatch.setattr(report, "DOC", tmp_path / "reliability.md")
    return report.DOC


def test_green_run_writes_no_document():
    assert not hasattr(conftest, "pytest_sessionfinish")  # the hook that rewrote docs/reliability.md is gone


def test_script_writes_the_document_after_a_passing_complete_run(script, rows):
    assert script.finish(0) == 0
    text = rows.read_text(encoding="utf-8")
    assert "scripts/reliability_report.py" in text and f"Tổng: {2 * len(report.REQUIRED)} trường hợp." in text


def test_script_writes_nothing_after_a_failed_run(script, rows):
    assert script.finish(1) == 1 and not rows.exists()


def test_script_writes_nothing_when_a_family_is_missing(script, rows):
    report.ROWS.pop(next(iter(report.ROWS)))
    assert script.finish(0) == 1 and not rows.exists()


def test_script_runs_every_file_that_adds_rows(script):
    files = script.test_files()
    assert "tests/reliability/test_kill_points.py" in files and "tests/reliability/test_fuzz.py" in files
    assert "tests/io/test_package_refusals.py" in files and "tests/domain/test_layering.py" not in files
