"""The shipped catalogue files (resources/catalogues/*.json) read into domain objects."""

from __future__ import annotations

import json
from dataclasses import asdict, fields
from pathlib import Path

from ..domain.annex import Catalogue, Group, Part
from ..domain.catalogue import Plan, Target
from ..domain.errors import BadInput
from ..domain.text import nfc

FORMAT = "dti-catalogue/1"


def _nfc_tree(value):
    if isinstance(value, str):
        return nfc(value)
    if isinstance(value, list):
        return [_nfc_tree(v) for v in value]
    if isinstance(value, dict):
        return {k: _nfc_tree(v) for k, v in value.items()}
    return value


def catalogue_from_dict(data: dict) -> Catalogue:
    """Build a Catalogue from the JSON structure described in docs/catalogue-format.md."""
    if data.get("format") != FORMAT:
        raise BadInput(f"định dạng danh mục không hỗ trợ: {data.get('format')!r}")
    data = _nfc_tree(data)
    plan_keys = {f.name for f in fields(Plan)}
    target_keys = {f.name for f in fields(Target)}
    plan = Plan(**{k: v for k, v in data["plan"].items() if k in plan_keys})
    parts = tuple(
        Part(p["key"], p["title"], tuple(
            Group(g["no"], g["title"], tuple(
                Target(**{k: v for k, v in t.items() if k in target_keys}) for t in g["targets"]
            ))
            for g in p["groups"]
        ))
        for p in data["parts"]
    )
    return Catalogue(plan, parts)


def catalogue_to_dict(catalogue: Catalogue) -> dict:
    """The inverse of catalogue_from_dict (used by `catalogue list --json`)."""
    return {"format": FORMAT, "plan": asdict(catalogue.plan),
            "parts": [asdict(p) for p in catalogue.parts]}


def read_catalogue(path: Path) -> Catalogue:
    return catalogue_from_dict(json.loads(path.read_text(encoding="utf-8")))


def embedded_catalogues(folder: Path) -> list[Catalogue]:
    """Every catalogue shipped in `folder`, oldest plan first."""
    found = [read_catalogue(p) for p in sorted(folder.glob("*.json"))]
    return sorted(found, key=lambda c: (c.plan.year, c.plan.date))
