"""A plan with its whole annex, in print order: Catalogue → Part → Group → Target.

Apart from catalogue.py (targets and plans, which every screen shows) because the tree is only built when a
catalogue is imported, exported, seeded or compared; the window's start does not load it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from .catalogue import GroupKind, Plan, Target, group_kind


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

