"""Shared fixtures: a fresh database in a temp dir; Qt offscreen before any QApplication."""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from dti_desktop.storage.database import open_database  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path, monkeypatch):
    """No test ever touches the real per-user data folder."""
    monkeypatch.setenv("DTI_DATA_DIR", str(tmp_path / "data"))


@pytest.fixture(autouse=True)
def _no_unanswered_dialog(monkeypatch):
    """A modal dialog a test opens without answering it would wait forever offscreen: fail at once instead."""
    import sys

    if "dti_desktop.ui.messages" in sys.modules or "PySide6" in sys.modules:
        from dti_desktop.ui import messages

        def unanswered(dialog):
            raise AssertionError(f"hộp thoại “{dialog.windowTitle()}” mở ra mà kiểm thử không trả lời "
                                 "(hãy thay messages.run_dialog)")

        monkeypatch.setattr(messages, "run_dialog", unanswered)


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "db" / "dti.sqlite3"


@pytest.fixture
def db(db_path):
    """A migrated, empty database."""
    database = open_database(db_path)
    yield database
    database.close()


@pytest.fixture
def seeded_db(db_path):
    """The database as a first start leaves it: migrated, with the embedded catalogues."""
    from dti_desktop.services.app_database import open_app_database

    database = open_app_database(db_path)
    yield database
    database.close()


def dump(database) -> list[str]:
    """Every row of every table, for asserting that nothing changed."""
    return list(database.conn.iterdump())


# -- package fixtures: two units and the consolidating office -----------------------
@pytest.fixture
def mao_khe(tmp_path):
    """Mạo Khê with two results for March 2025, one with an evidence file."""
    from dti_desktop.domain.progress import Status
    from tests.unit_db import UnitDb

    unit = UnitDb(tmp_path / "mao-khe", "UBND phường Mạo Khê")
    evidence = tmp_path / "Biên bản kiểm tra.pdf"
    evidence.write_bytes(b"%PDF-1.4 bien ban " * 100)
    unit.record("6", {0: "92,5"}, Status.HOAN_THANH, [evidence], "Số liệu Cổng DVC")
    unit.record("9", {0: "100", 1: "45/50"})
    return unit


@pytest.fixture
def kim_son(tmp_path):
    from tests.unit_db import UnitDb

    unit = UnitDb(tmp_path / "kim-son", "UBND phường Kim Sơn")
    unit.record("6", {0: "81"})
    return unit


@pytest.fixture
def office(tmp_path):
    """The consolidating office's database: (db, evidence store)."""
    from dti_desktop.domain.settings import ADD_NEW_UNITS, Settings
    from dti_desktop.domain.units import UnitKind
    from dti_desktop.services import first_run
    from dti_desktop.services.app_database import open_app_database
    from tests.unit_db import AREA

    db = open_app_database(tmp_path / "office" / "dti.sqlite3")
    first_run.complete_first_run(db, first_run.FirstRunChoice(
        Settings(unit_name="Phòng Văn hóa và Thông tin", district=AREA, report_day=20, new_units=ADD_NEW_UNITS),
        UnitKind.CO_QUAN))  # units taken in as they first send (tests/services/test_district_trust.py: the hold)
    yield db, tmp_path / "office" / "evidence"
    db.close()


# -- docs/reliability.md: the rows a run gathers (scripts/reliability_report.py writes it) ---
def pytest_configure(config):
    config.addinivalue_line("markers", "reliability(fault, outcome): a fault or bad input, for docs/reliability.md")


# -- in CI a skipped test is a failed one ------------------------------------------
# CI (CI=true: .ci/run, `fresh-machine test`) proves every capability: scripts/test.sh installs every tool the tests
# use there (LibreOffice, poppler, NSIS, icu-devtools, gcc) and builds the bundle, so a test skipped for a missing
# tool or artefact means something CI was meant to prove went unproven. Elsewhere a skip stays a skip (a developer's
# machine may lack LibreOffice). Only a test for another operating system may be skipped in CI; its reason says so.
OTHER_SYSTEM = "Không áp dụng trên hệ điều hành này"


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")


def _fail_skip_in_ci(report) -> None:
    if not (report.skipped and in_ci()) or hasattr(report, "wasxfail"):
        return
    reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
    reason = reason.removeprefix("Skipped: ")
    if reason.startswith(OTHER_SYSTEM):
        return
    report.outcome = "failed"
    report.longrepr = (f"Bị bỏ qua trong CI (CI=true), nên tính là lỗi: {reason}\n"
                       "CI phải chạy mọi kiểm thử: hãy cài công cụ còn thiếu trong scripts/test.sh.")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    _fail_skip_in_ci(report)
    marker = item.get_closest_marker("reliability")
    if marker and report.when == "call":
        from tests.reliability.report import record

        record(marker.args[0], 1, marker.args[1], passed=report.passed)

