"""Small helpers shared by tests."""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CATALOGUES = ROOT / "resources" / "catalogues"


def embedded_json(name: str) -> dict:
    return json.loads((CATALOGUES / name).read_text(encoding="utf-8"))


def all_goal_strings() -> list[str]:
    """Every goal cell (province and local) of every shipped catalogue, deduplicated."""
    goals = set()
    for path in sorted(CATALOGUES.glob("*.json")):
        for part in json.loads(path.read_text(encoding="utf-8"))["parts"]:
            for group in part["groups"]:
                for target in group["targets"]:
                    goals.update((target["province_goal"], target["local_goal"]))
    return sorted(goals)
