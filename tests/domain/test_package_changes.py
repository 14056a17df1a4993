"""What changed between two revisions of a unit's month, as the office is shown it."""

from __future__ import annotations

from dataclasses import replace

from dti_desktop.domain.package import EvidenceRef, PackageEntry, entry_changes
from dti_desktop.domain.progress import Assessment, MeasureValue, Status

ENTRY = PackageEntry(code="6", status=Status.HOAN_THANH, assessment=Assessment.DAT, assessment_auto=True,
                     override_reason="", values={0: MeasureValue(92.5)}, evidence_notes="Số liệu Cổng DVC",
                     difficulties="", causes="", proposals="", officer="Nguyễn Thị Hoa", updated_at="",
                     evidence=(EvidenceRef("a" * 64, "Biên bản.pdf", 10),))


def test_an_evidence_file_replaced_by_another_of_the_same_name_is_a_change():
    """It was "thay thế r1 (0 thay đổi)": the files were compared by name only."""
    swapped = replace(ENTRY, evidence=(EvidenceRef("b" * 64, "Biên bản.pdf", 12),))
    assert entry_changes(ENTRY, swapped) == [("Tệp minh chứng", "Biên bản.pdf", "Biên bản.pdf (nội dung tệp đã thay)")]


def test_the_same_file_again_is_no_change():
    assert entry_changes(ENTRY, replace(ENTRY, evidence=(EvidenceRef("a" * 64, "Biên bản.pdf", 10),))) == []
