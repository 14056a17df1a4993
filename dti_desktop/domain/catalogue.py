"""A plan's annex of targets: plan, parts (Phụ lục / A, B), groups (I, II…), targets."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
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
class Group:
    """A group row ("I Về phát triển dữ liệu số (01 chỉ tiêu …)")."""

    no: str
    title: str
    targets: tuple[Target, ...] = ()

    @property
    def kind(self) -> GroupKind:
        return group_kind(self.title)


@dataclass(frozen=True)
class Part:
    """A part of the annex (Phụ lục 1 / 2, or A / B); key "" when there is one."""

    key: str
    title: str
    groups: tuple[Group, ...] = ()


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
class Catalogue:
    """A plan with its whole annex, in print order."""

    plan: Plan
    parts: tuple[Part, ...] = field(default=())

    def located_targets(self) -> list[tuple[Part, Group, Target]]:
        """Every target with its part and group, in print order."""
        return [(p, g, t) for p in self.parts for g in p.groups for t in g.targets]

    def targets(self) -> list[Target]:
        return [t for _, _, t in self.located_targets()]

    def codes(self) -> list[str]:
        """A code per target, in print order: "7", "II.3" or "PL2.1".

        TT as printed; prefixed by the group number where TTs restart in each
        group of a part, and by the part key for every part after the first.
        """
        codes: list[str] = []
        for index, part in enumerate(self.parts):
            tts = [t.tt for g in part.groups for t in g.targets]
            by_group = len(set(tts)) != len(tts)
            prefix = f"{part.key}." if index and part.key else ""
            for group in part.groups:
                for target in group.targets:
                    local = f"{group.no}.{target.tt}" if by_group and group.no else target.tt
                    codes.append(prefix + local)
        return codes

    def identity(self) -> str:
        """SHA-256 of the targets' content: two offices hold the same catalogue iff equal."""
        import hashlib  # not at import: start-up time
        import json

        payload = json.dumps([asdict(p) for p in self.parts], ensure_ascii=False, sort_keys=True)

        return hashlib.sha256(payload.encode("utf-8")).hexdigest()

