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
