"""Units (đơn vị) and which targets they must report on."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from .catalogue import Target
from .text import fold


class UnitKind(str, Enum):
    """What kind of body a unit is; communes, wards and towns report as "xã, phường"."""

    XA = "xa"
    PHUONG = "phuong"
    THI_TRAN = "thi_tran"
    DAC_KHU = "dac_khu"  # special zones (Vân Đồn, Cô Tô) since 1 July 2025: commune level
    CO_QUAN = "co_quan"
    HUYEN = "huyen"
    KHAC = "khac"

    @property
    def label(self) -> str:
        return {"xa": "Xã", "phuong": "Phường", "thi_tran": "Thị trấn", "dac_khu": "Đặc khu",
                "co_quan": "Cơ quan, đơn vị", "huyen": "Cấp huyện/thành phố", "khac": "Khác"}[self.value]

    @property
    def commune_level(self) -> bool:
        return self in (UnitKind.XA, UnitKind.PHUONG, UnitKind.THI_TRAN, UnitKind.DAC_KHU)

    @property
    def goal_level(self) -> bool | None:
        """Which figure of a target set per level of government applies: True the communes' and wards', False
        the district's (UBND huyện/thành phố and its agencies), None both (another kind of unit)."""
        if self.commune_level:
            return True
        return False if self in (UnitKind.HUYEN, UnitKind.CO_QUAN) else None


@dataclass(frozen=True)
class Unit:
    """A reporting unit; `district` is the consolidating locality it belongs to."""

    name: str
    kind: UnitKind
    district: str = ""
    is_own: bool = False
    id: int | None = None


# Phrases by which an annex names every commune-level People's Committee.
_COMMUNE_PHRASES = ("ubnd cac xa", "xa, phuong", "xa phuong", "dia phuong", "ubnd xa", "dac khu")
_AGENCY_PHRASES = ("cac co quan", "cac phong", "cac don vi")


def role_for(unit: Unit, target: Target) -> str | None:
    """"lead", "coordinating" or None: does the annex make `unit` report on `target`?

    A unit named in the lead column leads; a commune leads where the lead column
    names the communes collectively, and coordinates where the coordinating column
    does. An agency coordinates where "các cơ quan, đơn vị" are asked to.
    """
    lead, coordinating, name = fold(target.lead), fold(target.coordinating), fold(unit.name)
    if name and name in lead:
        return "lead"
    if name and name in coordinating:
        return "coordinating"
    phrases = _COMMUNE_PHRASES if unit.kind.commune_level else _AGENCY_PHRASES
    if any(p in lead for p in phrases):
        return "lead"
    if any(p in coordinating for p in phrases):
        return "coordinating"
    return None


# The level words a name begins with (after "UBND"), folded, longest first where one begins another.
_LEVEL_WORDS = (("dac khu", UnitKind.DAC_KHU), ("thi tran", UnitKind.THI_TRAN), ("thi xa", UnitKind.HUYEN),
                ("thanh pho", UnitKind.HUYEN), ("tp.", UnitKind.HUYEN), ("tp", UnitKind.HUYEN),
                ("huyen", UnitKind.HUYEN), ("quan", UnitKind.HUYEN), ("phuong", UnitKind.PHUONG), ("xa", UnitKind.XA))
# How an agency's name begins: a department, an office, a centre, a board …
_AGENCY_WORDS = ("phong", "so", "van phong", "trung tam", "ban", "chi cuc", "cuc", "cong an", "co quan", "truong",
                 "doi", "hoi", "kho bac", "bao hiem", "bhxh", "vien", "benh vien", "tram", "cong ty", "don vi")


def kind_from_name(name: str) -> UnitKind | None:
    """The kind a unit's name says: "UBND phường Mạo Khê" is a ward, "UBND thị xã Quảng Yên" a district-level
    People's Committee, "Phòng Văn hóa và Thông tin" an agency; None when the name does not say."""
    words = fold(name)
    for prefix in ("uy ban nhan dan ", "ubnd "):
        if words.startswith(prefix):
            return _level(words.removeprefix(prefix))
    if any(words == w or words.startswith(w + " ") for w in _AGENCY_WORDS):
        return UnitKind.CO_QUAN
    return _level(words)  # "Phường Mạo Khê"


def _level(words: str) -> UnitKind | None:
    return next((kind for word, kind in _LEVEL_WORDS if words.startswith(word + " ")), None)
