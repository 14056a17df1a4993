"""The table behind docs/reliability.md: every fault and bad input the suite tries, and its outcome.

Tests add rows either with the `reliability(fault, outcome)` marker (one case per
parametrized run) or by calling record() with their own count. A test run only gathers
them; scripts/reliability_report.py runs those tests and rewrites docs/reliability.md.
"""

from __future__ import annotations

from pathlib import Path

ROWS: dict[str, dict] = {}
DOC = Path(__file__).resolve().parents[2] / "docs" / "reliability.md"


def record(fault: str, cases: int, outcome: str, passed: bool = True) -> None:
    row = ROWS.setdefault(fault, {"cases": 0, "outcome": outcome, "failed": 0})
    row["cases"] += cases
    row["outcome"] = outcome
    row["failed"] += 0 if passed else cases


def render() -> str:
    lines = [
        "# Độ tin cậy: lỗi và dữ liệu xấu đã thử",
        "",
        "Tệp này do `scripts/reliability_report.py` viết lại sau một lần chạy đạt các kiểm thử thử lỗi;",
        "mỗi dòng là một nhóm kiểm thử thật trong `tests/`. Số trường hợp là số lần chạy thực tế.",
        "",
        "| Lỗi hoặc dữ liệu xấu | Số trường hợp | Kết quả |",
        "| --- | ---: | --- |",
    ]
    for fault in sorted(ROWS):
        row = ROWS[fault]
        status = "" if not row["failed"] else f" — **{row['failed']} trường hợp KHÔNG ĐẠT**"
        lines.append(f"| {fault} | {row['cases']} | {row['outcome']}{status} |")
    lines += ["", f"Tổng: {sum(r['cases'] for r in ROWS.values())} trường hợp.", ""]
    return "\n".join(lines)


REQUIRED = ("SIGKILL", "Tệp Excel danh mục", "Gói báo cáo", "Fuzz", "Hết chỗ đĩa")


def write_if_complete() -> bool:
    """Rewrite the document only after a whole run (every family of faults present, none failed)."""
    complete = all(any(word in fault for fault in ROWS) for word in REQUIRED)
    if not complete or any(r["failed"] for r in ROWS.values()):
        return False
    DOC.write_text(render(), encoding="utf-8")
    return True
