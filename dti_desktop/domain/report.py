"""Lines of a results report: a target with its entry, for workbooks and printouts."""

from __future__ import annotations

from dataclasses import dataclass

from .catalogue import Target
from .goals import Measure, goal_text_of
from .package import PackageEntry
from .progress import Assessment, given_positions, measure_results
from .settings import OVERRIDE_LOWER, OVERRIDE_RECOMPUTED, OVERRIDE_UNIT
from .text import clean
from .validation import agreed_status


OWN_TARGETS = "Mục tiêu riêng của địa phương"
NOT_REPORTED = "Chưa báo cáo"


@dataclass(frozen=True)
class ReportLine:
    """One target of the annex and what a unit reported on it (None: nothing)."""

    code: str
    group_no: str
    group_title: str
    target: Target
    entry: PackageEntry | None = None
    measures: tuple[Measure, ...] | None = None  # as the unit is judged on them (goals.measures_for); None: the annex's
    # The consolidating office's own assessment, made again from the values and the goal with the unit's rules (None:
    # not made, the entry's own counts); `overrides`: how an assessment the unit set by hand counts (domain.settings).
    recomputed: Assessment | None = None
    overrides: str = OVERRIDE_LOWER

    @property
    def counted(self) -> Assessment | None:
        """The assessment that counts: the office's recomputed one when made; a unit's hand-set one (with its reason)
        as the office's setting says: Đạt only when both say so, the recomputed one, or the unit's. None without an
        entry."""
        e, mine = self.entry, self.recomputed
        if e is None:
            return None
        if mine is None:
            return e.assessment
        if e.assessment_auto or self.overrides == OVERRIDE_RECOMPUTED:
            return mine
        if self.overrides == OVERRIDE_UNIT:
            return e.assessment
        if Assessment.KHONG_DAT in (mine, e.assessment):  # the lower of the two: a unit may lower its count only
            return Assessment.KHONG_DAT
        return Assessment.DAT if mine is e.assessment is Assessment.DAT else Assessment.NONE

    @property
    def reached(self) -> bool:
        return self.counted is Assessment.DAT

    @property
    def _measures(self) -> tuple[Measure, ...]:
        return self.target.goal.measures if self.measures is None else self.measures

    @property
    def heading(self) -> tuple[str, str]:
        """(number, title) of the heading row the line prints under. The locality's own targets (Phụ lục 2: PL2.1 …)
        have a group without a title: printed with none, they read as part of the group above them."""
        if self.group_title or not self.code.upper().startswith("PL"):  # an annex without group headings: none
            return self.group_no, self.group_title
        return "", OWN_TARGETS

    @property
    def goal_text(self) -> str:
        if self.measures is None:
            return self.target.goal_text
        given = given_positions(self.entry.values) if self.entry else frozenset()
        return goal_text_of(self.measures, self.target.goal_text, given)

    def result_text(self) -> str:
        """The unit's figures as written for the goal; made once per line (the office's workbook prints each of a
        country's 100,000 lines twice, on its summary and its detail sheet)."""
        if self.entry is None:
            return ""
        made = self.__dict__.get("_result_text")
        if made is None:
            made = measure_results(self.entry.values, self._measures)
            object.__setattr__(self, "_result_text", made)  # a cache beside the fields: equality is unchanged
        return made

    def status_text(self, missing: str = "Chưa có kết quả") -> str:
        """The status; without an entry the unit's own word, as its window says it ("Chưa có kết quả": the
        package's workbook said "Chưa báo cáo" where its PDF said "Chưa có kết quả"). The office passes
        NOT_REPORTED: to it, a unit without a result did not report. A status that contradicts the result (saved
        before the two were checked) prints as the one the result calls for: never "Chưa triển khai; Đạt"."""
        if self.entry is None:
            return missing
        return agreed_status(self.entry.status, self.entry.assessment, self.entry.values).label

    def assessment_text(self) -> str:
        if self.entry is None or not self.entry.assessment.value:
            return ""
        return self.entry.assessment.label

    def assessment_with_reason(self) -> str:
        """The assessment and, when the officer overrode the automatic one, why ("Chưa đạt (tự đánh giá: còn
        1.100 sim 2G chưa chuyển đổi)"): the reader of a workbook must see that it is the unit's own judgement."""
        text, e = self.assessment_text(), self.entry
        reason = clean(e.override_reason).rstrip(".") if e is not None else ""
        if e is not None and self.recomputed is not None:
            return self._beside_the_units(reason)
        if not text or e.assessment_auto or not reason:
            return text
        return f"{text} (tự đánh giá: {reason})"

    def _beside_the_units(self, reason: str) -> str:
        """The office's view: the assessment that counts, and the unit's own where it differs ("Chưa đạt (tính lại;
        đơn vị ghi “Đạt”)": 3 % against a 90 % goal sent as Đạt), a hand-set one named as such with its reason."""
        e, mine, counted = self.entry, self.recomputed, self.counted
        theirs, label = e.assessment, counted.label if counted.value or e.assessment.value else ""
        why = f": {reason}" if reason else ""
        if e.assessment_auto:
            return label if theirs is mine else f"{label} (tính lại; đơn vị ghi “{theirs.label}”)"
        if theirs is mine:
            return f"{label} (tự đánh giá{why})"
        if counted is theirs:
            return f"{label} (đơn vị tự đánh giá{why}; tính lại: {mine.label})"
        return f"{label} (tính lại; đơn vị tự đánh giá “{theirs.label}”{why})"

    def verdict_short(self) -> str:
        """The assessment that counts, for a cell: marked when the unit set it by hand or wrote another."""
        counted, e = self.counted, self.entry
        if e is None or counted is None or not (counted.value or e.assessment.value):
            return ""
        text = counted.label
        if counted is not e.assessment:
            text += f" – đơn vị ghi {e.assessment.label}"
        elif not e.assessment_auto:  # the unit's own call ("70%" and "Đạt" read as an error)
            text += " – tự đánh giá"
        return text

    def evidence_text(self) -> str:
        if self.entry is None:
            return ""
        files = [f"Tệp: {e.name}" for e in self.entry.evidence]
        return "\n".join([self.entry.evidence_notes, *files]).strip()


@dataclass(frozen=True)
class ReportHeading:
    """Who reports what: printed above the table."""

    unit: str
    title: str
    subtitle: str


@dataclass(frozen=True)
class TargetAcrossUnits:
    """One target in the consolidated view: each unit's line, and the share that reached the goal.

    `unassigned` names the units the annex does not ask to report on this target: they count neither as
    reporting nor as expected (a target given only to communes is not "not reported" by an agency).
    """

    code: str
    target_text: str
    goal: str
    lines: tuple[tuple[str, ReportLine], ...]  # (unit name, line), one per unit, in the units' order
    unassigned: frozenset[str] = frozenset()

    def expects(self, unit: str, line: ReportLine) -> bool:
        return line.entry is not None or unit not in self.unassigned

    def state_text(self, unit: str, line: ReportLine) -> str:
        """A unit's cell: its result, then its status and assessment ("98% (Hoàn thành; Đạt)"; without a result
        "Hoàn thành; Chưa đạt"), "Chưa báo cáo", or "Không giao". The assessment is shown because a result in
        words ("Đã hoàn thành (còn 1.100 sim 2G)") or a status alone does not say whether the goal was met; one
        the unit set by hand is marked so (its reason is on the "Chi tiết" sheet)."""
        if line.entry is None:
            return NOT_REPORTED if unit not in self.unassigned else "Không giao"
        state = "; ".join(x for x in (line.status_text(), line.verdict_short()) if x)
        result = line.result_text().strip()
        return f"{result} ({state})" if result else state

    @property
    def expected(self) -> int:
        return sum(1 for unit, line in self.lines if self.expects(unit, line))

    @property
    def reporting(self) -> int:
        return sum(1 for _, line in self.lines if line.entry is not None)

    @property
    def reached(self) -> int:
        return sum(1 for _, line in self.lines if line.reached)

    @property
    def share(self) -> float:
        return 100 * self.reached / self.expected if self.expected else 0.0


def unit_shares(targets: list[TargetAcrossUnits], units: list[str]) -> list[tuple[str, int, int]]:
    """(unit, targets reached, targets it is expected to report on), in the units' order."""
    reached = dict.fromkeys(units, 0)
    expected = dict.fromkeys(units, 0)
    for t in targets:
        for unit, line in t.lines:
            if t.expects(unit, line):
                expected[unit] += 1
                reached[unit] += line.reached
    return [(u, reached[u], expected[u]) for u in units]


def ranks(scores: list[float]) -> list[int]:
    """Competition ranks of scores sorted best first: equal scores share a rank (1, 1, 3)."""
    out: list[int] = []
    for i, score in enumerate(scores):
        out.append(out[-1] if i and score == scores[i - 1] else i + 1)
    return out


SHARE_BANDS = ((0, 20, "Dưới 20%"), (20, 40, "Từ 20% đến dưới 40%"), (40, 60, "Từ 40% đến dưới 60%"),
               (60, 80, "Từ 60% đến dưới 80%"), (80, 100, "Từ 80% đến dưới 100%"), (100, 101, "100%"))


def share_bands(shares: list[float]) -> tuple[list[str], list[int]]:
    """How many units fall in each band of the share of targets reached (percent), for a chart that
    stays readable however many units report: a bar a unit no longer fits a printed page."""
    counts = [sum(1 for s in shares if low <= s < high) for low, high, _ in SHARE_BANDS]
    return [label for _, _, label in SHARE_BANDS], counts
