"""The sentences of a unit's report, made from its results (section II of seed 003's shape):

"1. Về phát triển dữ liệu số: Đã hoàn thành 01/03 chỉ tiêu", then each target's result against its goal in a
sentence, the counts, what changed since the report before, and the proposals numbered and addressed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .admin_doc import remark_lines, sentence
from .periods import Period
from .progress import Status
from .report import ReportLine
from .report_doc import of_total, two_digits
from .text import clean, fold, shorten

TARGET_WORDS = 220  # a target's text in a sentence: the whole of it is in the appendix
# "(01 chỉ tiêu, trong đó: 01 chỉ tiêu nâng cao)", "(03 mục tiêu)": the catalogue's count, not the report's
_COUNT_NOTE = re.compile(r"\s*\([^()]*\b(?:chỉ tiêu|mục tiêu)\b[^()]*\)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Dated:
    """A target's line with the month its result comes from (None: no result in the span)."""

    line: ReportLine
    month: Period | None

    @property
    def done(self) -> bool:
        return self.line.entry is not None and self.line.status_text() == Status.HOAN_THANH.label

    @property
    def reached(self) -> bool:
        return self.line.entry is not None and self.line.entry.assessment.value == "dat"


def group_title(heading: tuple[str, str]) -> str:
    """A group's title without the catalogue's count ("Về phát triển dữ liệu số (01 chỉ tiêu, trong đó: 01 chỉ
    tiêu nâng cao)" -> "Về phát triển dữ liệu số")."""
    return _COUNT_NOTE.sub("", clean(heading[1])) or clean(heading[1])


def groups(dated: list[Dated]) -> list[tuple[str, list[Dated]]]:
    """The targets by group, in the catalogue's order: (title, targets)."""
    out: list[tuple[str, list[Dated]]] = []
    for d in dated:
        title = group_title(d.line.heading) or "Các chỉ tiêu"
        if not out or out[-1][0] != title:
            out.append((title, []))
        out[-1][1].append(d)
    return out


def group_heading(number: int, title: str, targets: list[Dated]) -> str:
    """"1. Về phát triển dữ liệu số: Đã hoàn thành 01/03 chỉ tiêu" (seed 003)."""
    return f"{number}. {title}: Đã hoàn thành {of_total(sum(d.done for d in targets), len(targets))} chỉ tiêu"


def _lower_first(text: str) -> str:
    """"Hỗ trợ …" -> "hỗ trợ …" inside a sentence; a name keeps its capitals ("Quảng Ninh …", "UBND …")."""
    words = text.split()
    common = bool(words) and words[0][1:].islower() and (len(words) < 2 or not words[1][:1].isupper())
    return text[:1].lower() + text[1:] if common else text


def target_sentence(d: Dated, last: Period) -> str:
    """"- Chỉ tiêu 6 (Tỷ lệ hồ sơ …): mục tiêu 90%; kết quả 92,5% (số liệu tháng 02/2025); hoàn thành, đạt mục
    tiêu." — the result against the goal; the month named when it is not the span's last."""
    line = d.line
    head = f"- Chỉ tiêu {line.code} ({shorten(line.target.text, TARGET_WORDS).rstrip('.;')})"
    goal = clean(line.goal_text)
    parts = [f"mục tiêu {goal}"] if goal and goal not in ("-", "—") else []
    if line.entry is None:
        return f"{head}: " + "; ".join([*parts, "chưa có kết quả"]) + "."
    result = clean(line.result_text())
    if result:
        when = f" (số liệu tháng {d.month.month:02d}/{d.month.year})" if d.month and d.month != last else ""
        parts.append(f"kết quả {result}{when}")
    verdict = {"dat": "đạt mục tiêu", "khong_dat": "chưa đạt mục tiêu"}.get(line.entry.assessment.value, "")
    state = ", ".join(x for x in (_lower_first(line.status_text()), verdict) if x)
    return f"{head}: " + "; ".join([*parts, state]) + "."


@dataclass(frozen=True)
class Counts:
    total: int
    done: int
    doing: int
    todo: int
    missing: int
    reached: int


def counts(dated: list[Dated]) -> Counts:
    labels = [d.line.status_text() if d.line.entry else "" for d in dated]
    return Counts(len(dated), labels.count(Status.HOAN_THANH.label), labels.count(Status.DANG_TRIEN_KHAI.label),
                  labels.count(Status.CHUA_TRIEN_KHAI.label), labels.count(""), sum(d.reached for d in dated))


def overall(c: Counts, issuer: str, until: str) -> str:
    """"UBND phường Mạo Khê được giao 27 chỉ tiêu; đến hết tháng 03/2025 đã hoàn thành 05/27 chỉ tiêu, 04 chỉ tiêu
    đang triển khai, …; 06/27 chỉ tiêu đạt mục tiêu." (seed 002: "14/22 chỉ tiêu hoàn thành; 05/22 …")."""
    parts = [f"đã hoàn thành {of_total(c.done, c.total)} chỉ tiêu"]
    parts += [f"{two_digits(n)} chỉ tiêu {words}" for n, words in
              ((c.doing, "đang triển khai"), (c.todo, "chưa triển khai"), (c.missing, "chưa có kết quả")) if n]
    return (f"{issuer} được giao {two_digits(c.total)} chỉ tiêu; đến {until} " + ", ".join(parts)
            + f"; {of_total(c.reached, c.total)} chỉ tiêu đạt mục tiêu (chi tiết tại Phụ lục kèm theo).")


def _codes(items: list[Dated]) -> str:
    return ", ".join(d.line.code for d in items)


def changes(now: list[Dated], before: list[Dated], words_before: str) -> str:
    """What changed since the report before ("So với tháng 02/2025: hoàn thành thêm 02 chỉ tiêu (chỉ tiêu 6, 9);
    đạt mục tiêu thêm 01 chỉ tiêu (chỉ tiêu 6); …"); "" when the report before had no results to compare."""
    was = {d.line.code: d for d in before}
    if not any(d.line.entry for d in before):
        return ""
    found = []
    for label, test in (("hoàn thành thêm", lambda d, b: d.done and not (b and b.done)),
                        ("đạt mục tiêu thêm", lambda d, b: d.reached and not (b and b.reached)),
                        ("có kết quả lần đầu", lambda d, b: d.line.entry and not (b and b.line.entry)),
                        ("không còn đạt mục tiêu", lambda d, b: b and b.reached and d.line.entry and not d.reached)):
        items = [d for d in now if test(d, was.get(d.line.code))]
        if items:
            found.append(f"{label} {two_digits(len(items))} chỉ tiêu (chỉ tiêu {_codes(items)})")
    return f"So với {words_before}: " + ("; ".join(found) if found else "kết quả các chỉ tiêu không thay đổi") + "."


def addressed(text: str, addressee: str) -> str:
    """A proposal addressed: "Đề nghị Sở Khoa học và Công nghệ hỗ trợ …"; one the officer addressed already
    ("Đề nghị …", "Kiến nghị …", "Đề xuất …") stays as written."""
    text = sentence(text.lstrip("-+•* ").strip())
    if not addressee or fold(text).startswith(("de nghi", "kien nghi", "de xuat")):
        return text
    return f"Đề nghị {addressee} {_lower_first(text)}"


def numbered(texts: list[str]) -> list[str]:
    """"1. …", "2. …" (seed 002's proposals and tasks); a number the officer typed is not doubled."""
    items = [re.sub(r"^\d+[.)]\s*", "", t) for t in texts]
    return [f"{i}. {t}" for i, t in enumerate(items, 1)]


def officer_lines(text: str) -> list[str]:
    """The officer's text as paragraphs, each a sentence, a list item kept as "- …"."""
    return [("- " + line[2:]) if line.startswith("+ ") else line for line in remark_lines(text)]
