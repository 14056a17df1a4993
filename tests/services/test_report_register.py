"""The register of issued documents and the officer's report texts, kept in the program through the year."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest

from dti_desktop.domain.periods import Period
from dti_desktop.domain.report_texts import ReportTexts
from dti_desktop.services import report_register as register
from dti_desktop.storage.errors import ConflictError
from tests.helpers import ROOT


def test_documents_are_listed_by_the_span_of_a_report(seeded_db):
    for number, day in (("1/KH-UBND", date(2025, 1, 5)), ("20/UBND-VHTT", date(2025, 3, 31)),
                        ("31/QĐ-UBND", date(2025, 4, 1)), ("2/KH-UBND", date(2024, 12, 31))):
        register.add_document(seeded_db, number, day, abstract="Chuyển đổi số")
    assert [d.number for d in register.documents(seeded_db, "month", Period(2025, 3))] == ["20/UBND-VHTT"]
    assert [d.number for d in register.documents(seeded_db, "quarter", Period(2025, 2))] == ["1/KH-UBND", "20/UBND-VHTT"]
    assert len(register.documents(seeded_db, year=2025)) == 3 and len(register.documents(seeded_db)) == 4
    with pytest.raises(ConflictError, match="đã có trong sổ"):
        register.add_document(seeded_db, "1/KH-UBND", date(2025, 1, 5))
    doc = register.documents(seeded_db, year=2024)[0]
    register.edit_document(seeded_db, doc.id, "2/KH-UBND", date(2024, 12, 30), abstract="Kế hoạch năm")
    assert register.documents(seeded_db, year=2024)[0].issued_on == date(2024, 12, 30)
    register.remove_document(seeded_db, doc.id)
    assert register.documents(seeded_db, year=2024) == []


def test_texts_are_kept_per_report_and_last_periods_offered_as_a_start(seeded_db):
    march = Period(2025, 3)
    assert register.starting_texts(seeded_db, "month", march) == (ReportTexts(), "")
    register.save_texts(seeded_db, "month", Period(2025, 2), ReportTexts(uu_diem="Ưu điểm tháng 2",
                                                                         tasks={"chinh quyen so": "Việc A"}))
    start, note = register.starting_texts(seeded_db, "month", march)
    assert start.uu_diem == "Ưu điểm tháng 2" and start.tasks == {"chinh quyen so": "Việc A"}
    assert note == "Nội dung lấy từ báo cáo tháng 02/2025 để sửa cho kỳ này."  # as read, not the key "2025-02"
    register.save_texts(seeded_db, "month", march, ReportTexts(de_xuat="Đề nghị A"))
    assert register.starting_texts(seeded_db, "month", march) == (ReportTexts(de_xuat="Đề nghị A"), "")
    assert register.texts(seeded_db, "quarter", march).is_empty()  # a quarter's report has its own
    register.save_texts(seeded_db, "quarter", Period(2024, 12), ReportTexts(uu_diem="Quý IV"))
    assert register.starting_texts(seeded_db, "quarter", march)[1] == \
        "Nội dung lấy từ báo cáo quý IV năm 2024 để sửa cho kỳ này."


def test_cli_document_add_and_list(tmp_path):
    db = str(tmp_path / "dti.sqlite3")

    def dti(*args):
        return subprocess.run([sys.executable, "main.py", *args, "--db", db], cwd=ROOT, capture_output=True,
                              text=True, env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin",
                                              "DTI_DATA_DIR": str(tmp_path)})

    assert dti("unit", "add", "UBND phường Mạo Khê", "--own", "--district", "thành phố Đông Triều").returncode == 0
    out = dti("document", "add", "--number", "36/KH-UBND", "--date", "06/02/2025", "--abstract", "Chuyển đổi số")
    assert out.returncode == 0 and "Kế hoạch số 36/KH-UBND ngày 06/02/2025 về chuyển đổi số" in out.stdout
    bad = dti("document", "add", "--number", "36/KH-UBND", "--date", "06/02/2025")
    assert bad.returncode != 0 and "đã có trong sổ" in bad.stderr
    listed = dti("document", "list", "--year", "2025")
    assert "Tổng số: 1 văn bản (01 Kế hoạch)." in listed.stdout
