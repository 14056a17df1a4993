"""The one table of report kinds: what the services build, the window's menus and the command line's choices all
read it, so a new kind is added here once (then built in services/reports.build)."""

from __future__ import annotations

from dataclasses import dataclass

from .errors import BadInput
from .periods import QUARTER_NAMES, Period


@dataclass(frozen=True)
class ReportKind:
    """One kind of printed report.

    key: the name the code and the command line use ("month"); label: its Vietnamese name, the menus' text;
    texts_word: "Báo cáo {texts_word}…" in the menu of the officer's texts (None: the kind has no texts of its own);
    file_stem: the file name offered on saving (Vietnamese without accents, as the other exports);
    office_only: only a consolidating office sees it (a commune or ward when office tools are turned on);
    span: the period it covers ("month", "quarter", "year"), which names its file.
    """

    key: str
    label: str
    texts_word: str | None
    file_stem: str
    office_only: bool = False
    span: str = "month"


REPORT_KINDS: tuple[ReportKind, ...] = (
    ReportKind("month", "Báo cáo tháng", "tháng", "bao-cao-thang"),
    ReportKind("quarter", "Báo cáo quý", "quý", "bao-cao-quy", span="quarter"),
    ReportKind("year", "Báo cáo năm", "năm", "bao-cao-nam", span="year"),
    ReportKind("summary", "Phiếu tổng hợp (một trang)", None, "phieu-tong-hop"),
    ReportKind("district", "Báo cáo tổng hợp các đơn vị", "tổng hợp các đơn vị", "bao-cao-tong-hop",
               office_only=True),
)
KEYS: tuple[str, ...] = tuple(k.key for k in REPORT_KINDS)  # the command line's --kind choices, in menu order
UNIT_SPANS: tuple[str, ...] = ("month", "quarter", "year")  # a unit's report periods (--report-kind of documents)
_BY_KEY = {k.key: k for k in REPORT_KINDS}


def report_kind(key: str) -> ReportKind:
    """The kind named `key`; BadInput (told to the officer) for a name not in the table."""
    try:
        return _BY_KEY[key]
    except KeyError:
        raise BadInput(f"Loại báo cáo “{key}” không có (chọn: {', '.join(KEYS)}).") from None


def with_texts() -> tuple[ReportKind, ...]:
    """The kinds the officer writes texts for (đánh giá, nhiệm vụ, đề xuất), in menu order."""
    return tuple(k for k in REPORT_KINDS if k.texts_word is not None)


def file_name(key: str, period: Period, suffix: str = ".pdf") -> str:
    """The file name offered for a report, named by the span it covers (a quarter's report by its quarter, a
    year's by its year), not by the month chosen when it was made: "bao-cao-quy-II-2025.pdf"."""
    kind = report_kind(key)
    span = {"quarter": f"{QUARTER_NAMES[period.quarter]}-{period.year}",
            "year": f"{period.year}"}.get(kind.span, f"{period.month:02d}-{period.year}")
    return f"{kind.file_stem}-{span}{suffix}"
