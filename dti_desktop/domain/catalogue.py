"""Targets and the plan they come from, as every screen shows them; the whole annex tree is in annex.py."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum

from .goals import Goal, parse_goal
from .text import fold


class GroupKind(str, Enum):
    """The six pillars the province tracks; OTHER when a plan names its own."""

    DU_LIEU_SO = "du_lieu_so"
    CHINH_QUYEN_SO = "chinh_quyen_so"
    KINH_TE_SO = "kinh_te_so"
    XA_HOI_SO = "xa_hoi_so"
    HA_TANG_SO = "ha_tang_so"
    AN_TOAN_THONG_TIN = "an_toan_thong_tin"
    OTHER = "khac"

    @property
    def label(self) -> str:
        return GROUP_LABELS[self]


GROUP_LABELS = {
    GroupKind.DU_LIEU_SO: "Dữ liệu số",
    GroupKind.CHINH_QUYEN_SO: "Chính quyền số",
    GroupKind.KINH_TE_SO: "Kinh tế số",
    GroupKind.XA_HOI_SO: "Xã hội số",
    GroupKind.HA_TANG_SO: "Hạ tầng số",
    GroupKind.AN_TOAN_THONG_TIN: "An toàn thông tin",
    GroupKind.OTHER: "Khác",
}
_GROUP_KEYS = (
    ("du lieu so", GroupKind.DU_LIEU_SO), ("chinh quyen so", GroupKind.CHINH_QUYEN_SO),
    ("kinh te so", GroupKind.KINH_TE_SO), ("xa hoi so", GroupKind.XA_HOI_SO),
    ("ha tang so", GroupKind.HA_TANG_SO), ("an toan thong tin", GroupKind.AN_TOAN_THONG_TIN),
)


def group_kind(title: str) -> GroupKind:
    """Which pillar a group heading names ("Về phát triển dữ liệu số (01 …)")."""
    folded = fold(title)
    for key, kind in _GROUP_KEYS:
        if key in folded:
            return kind
    return GroupKind.OTHER


class Level(str, Enum):
    """Mức độ chỉ tiêu."""

    MOI = "moi"
    NANG_CAO = "nang_cao"
    DONG_BO = "dong_bo"
    NONE = ""

    @property
    def label(self) -> str:
        return {"moi": "Mới", "nang_cao": "Nâng cao",
                "dong_bo": "Triển khai đồng bộ với tỉnh", "": ""}[self.value]


def level_of(text: str) -> Level:
    """Normalise "*Chỉ tiêu mới", "Mục tiêu mới *", "Triển khai đồng bộ" …"""
    folded = fold(text)
    if "nang cao" in folded:
        return Level.NANG_CAO
    if "dong bo" in folded:
        return Level.DONG_BO
    if "moi" in folded.split() or folded.endswith("moi *"):
        return Level.MOI
    return Level.NONE


@dataclass(frozen=True)
class Target:
    """One chỉ tiêu, every column of the annex kept as printed."""

    tt: str
    text: str
    lead: str = ""
    coordinating: str = ""
    tracking: str = ""
    previous_result: str = ""
    province_goal: str = ""
    local_goal: str = ""
    level: str = ""
    basis: str = ""
    deadline: str = ""  # ISO date or ""
    note: str = ""

    @property
    def _goal_cell(self) -> str:
        """The goal the unit is held to: the local one, else the province's."""
        return self.local_goal if self.local_goal.strip() else self.province_goal

    @property
    def goal(self) -> Goal:
        return parse_goal(self._goal_cell)

    @property
    def goal_text(self) -> str:
        """That goal as printed: "-" when there is none, a space after each ";" ("100%;100%" was wrapped as
        "100%;100" / "%" in narrow columns)."""
        return "; ".join(p.strip() for p in self._goal_cell.split(";")).strip() or "-"

    @property
    def level_kind(self) -> Level:
        return level_of(self.level)


@dataclass(frozen=True)
class Plan:
    """Kế hoạch …/KH-UBND: the document the targets come from."""

    number: str
    date: str  # ISO
    issuer: str
    year: int
    locality: str = ""
    province: str = "Quảng Ninh"
    title: str = ""
    report_day: int | None = None
    source: str = ""

    @property
    def label(self) -> str:
        d = date.fromisoformat(self.date).strftime("%d/%m/%Y") if self.date else ""
        return f"Kế hoạch số {self.number} ngày {d} của {self.issuer}".strip()


@dataclass(frozen=True)
class PlanSummary:
    """A stored plan with its database id and target count."""

    id: int
    plan: Plan
    target_count: int
    identity: str
    imported_at: str = ""  # when it was stored (imported, copied) or last imported again
