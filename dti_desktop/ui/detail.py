"""The "Thông tin chỉ tiêu" panel: every printed column of the target, as escaped HTML."""

from __future__ import annotations

from html import escape

from ..domain.dates import display_date
from ..domain.workspace import TargetStatusRow

ROLE_LABELS = {"lead": "Chủ trì", "coordinating": "Phối hợp"}


def target_details_html(row: TargetStatusRow) -> str:
    """Text from catalogues is escaped: it is shown, never interpreted."""
    t = row.target
    fields = (
        ("Nhóm", row.group_label), ("Vai trò của đơn vị", ROLE_LABELS.get(row.role, row.role)),
        ("Cơ quan chủ trì", t.lead), ("Cơ quan phối hợp", t.coordinating),
        ("Cơ quan theo dõi chỉ tiêu", t.tracking), ("Mức độ", t.level),
        ("Mục tiêu của tỉnh", t.province_goal), ("Mục tiêu của địa phương", t.local_goal),
        ("Kết quả năm trước", t.previous_result), ("Thời hạn", display_date(t.deadline)), ("Cơ sở đề xuất", t.basis),
    )
    rows = "".join(f"<tr><td style='padding-right:8px'><b>{escape(k)}</b></td><td>{escape(v)}</td></tr>"
                   for k, v in fields if v)
    return f"<p><b>{escape(row.code)}.</b> {escape(t.text)}</p><table>{rows}</table>"
