"""Unit names stored before every name was held to domain.names' rules.

An older version took any name from a package: "UBND phường Kim Sơn" with a zero-width space, a bidi override or a
Cyrillic letter was stored as a second unit that prints exactly like the first, and its key (name_folded) kept the
invisible character, so the office's look-ups and the "tên gần giống" note never met it. At every opening (a few
milliseconds for the country's 3,321 communes) such a name is made visible: the characters that print as nothing
are dropped when the name then is plain writing and names no other unit; otherwise (a twin, a letter of another
alphabet) it is marked so that it no longer prints like any other name, for the office to merge or withdraw. Never
merged automatically: a twin is as likely a forgery as the same commune.

Once every name was checked, the database is marked with the rules it was checked under (setting "name_rules"):
every later name is stored by this version's code, which holds it to the same rules, so later openings need not
read the country's 3,321 names again (about 35 ms of each start at that size). Changing domain.names or
domain.text.name_key means raising NAME_RULES: each database is then checked once more. (A version old enough to
store unchecked names cannot open this schema: the rules came before migration 0012.)
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from ..domain.names import name_problem
from ..domain.text import clean, drop_invisible, name_key
from ..storage import unit_store
from ..storage.settings_store import get_setting, set_setting

if TYPE_CHECKING:
    import sqlite_utils

log = logging.getLogger(__name__)

MARK = "[tên cũ có ký tự lạ, cần kiểm tra: đơn vị số {id}]"
RULES_KEY = "name_rules"
NAME_RULES = "1"  # raise it when the rules of names or their keys change


def repair_stored_names(db: sqlite_utils.Database) -> list[tuple[str, str]]:
    """Make every stored unit name follow today's rules, once per version of the rules; returns (old name, new
    name) of each name changed."""
    if get_setting(db, RULES_KEY) == NAME_RULES:
        return []
    rows = unit_store.stored_names(db)
    wrong = [r for r in rows if r[2] != name_key(r[1]) or _unrepaired(r[0], r[1], r[4])]
    if not wrong:
        set_setting(db, RULES_KEY, NAME_RULES)
        return []
    taken = {(r[2], clean(r[3]).casefold()): r[0] for r in rows}
    changed: list[tuple[str, str]] = []
    with db.atomic():
        for unit_id, name, folded, district, is_own in wrong:
            new = name
            if _unrepaired(unit_id, name, is_own):
                visible = clean(drop_invisible(name))
                clash = taken.get((name_key(visible), clean(district).casefold()))
                if visible and name_problem(visible) is None and clash in (None, unit_id):
                    new = visible
                else:
                    new = f"{visible or 'Đơn vị'} {MARK.format(id=unit_id)}"
            key = name_key(new)
            taken.pop((folded, clean(district).casefold()), None)
            taken[(key, clean(district).casefold())] = unit_id
            unit_store.set_stored_name(db, unit_id, new, key)
            if new != name:
                changed.append((name, new))
                log.warning("tên đơn vị số %s có ký tự lạ, đổi thành %r", unit_id, new)
        set_setting(db, RULES_KEY, NAME_RULES)
    return changed


def _unrepaired(unit_id: int, name: str, is_own: bool) -> bool:
    """A name breaking the rules and not yet marked (a marked one may still hold its foreign letter: it is shown)."""
    return not is_own and not name.endswith(MARK.format(id=unit_id)) and name_problem(name) is not None
