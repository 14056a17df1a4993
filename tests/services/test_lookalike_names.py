"""A name that prints exactly like another is never a second unit (issue 18: look-alike names).

A zero-width space, tag characters, a bidi isolate, a right-to-left override, a Cyrillic letter or a name of
invisible characters only each made a new unit printing like an existing one; the office's own name with a
zero-width non-joiner passed the own-name check. Such a package is now refused, and nothing is written.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from dti_desktop.domain.units import Unit, UnitKind
from dti_desktop.io.package_reader import PackageError, verify_package
from dti_desktop.services import district, workspace
from dti_desktop.storage.errors import ConflictError
from dti_desktop.storage.unit_store import add_unit, list_units
from tests.conftest import dump
from tests.io.test_package_refusals import edit_manifest, members, rebuild, snapshot
from tests.unit_db import AREA, UnitDb

NAME = "UBND phường Mạo Khê"
TAGS = "".join(chr(0xE0000 + ord(c)) for c in "x1")  # invisible tag characters spelling "x1"
LOOKALIKES = {
    "khoảng trắng độ rộng 0": "UBND phường Mạo\u200b Khê",
    "ký tự thẻ (tag)": NAME + TAGS,
    "cô lập hai chiều (bidi isolate)": "\u2066" + NAME + "\u2069",
    "đảo chiều phải sang trái": "UBND phường Mạo Kh\u202eê",
    "chữ Kirin lẫn vào": "UBND phường Мạo Khê",  # Cyrillic М
    "toàn ký tự không nhìn thấy": "\u200b\u2060\u200d",
}


@pytest.fixture
def sent(tmp_path):
    """Mạo Khê's real package, and the office that already imported it."""
    unit = UnitDb(tmp_path / "unit", NAME)
    unit.record("6", {0: "92"})
    path = unit.export(tmp_path / "usb").path
    unit.db.close()
    return path


def _twin(sent, tmp_path, name: str, **more):
    return rebuild(sent, tmp_path / "twin.dtipkg", edit_manifest(members(sent), unit=name, revision=2, **more))


@pytest.mark.reliability("Gói báo cáo: tên đơn vị in ra giống hệt một đơn vị đã có (ký tự ẩn, chữ Kirin)",
                         "Từ chối, nêu ký tự; không thành đơn vị thứ hai; CSDL và ổ đĩa không đổi")
@pytest.mark.parametrize("kind", LOOKALIKES)
def test_a_name_printing_like_a_known_unit_is_refused_never_a_twin(office, sent, tmp_path, kind):
    db, store = office
    assert district.import_one(db, store, sent, AREA).accepted
    twin = _twin(sent, tmp_path, LOOKALIKES[kind])
    before, files = dump(db), snapshot(tmp_path)
    outcome = district.import_one(db, store, twin, AREA)
    assert not outcome.accepted
    assert "Tên đơn vị" in outcome.message and "U+" in outcome.message  # the character is named by its code
    assert dump(db) == before and snapshot(tmp_path) == files
    assert [u.name for u in list_units(db) if not u.is_own] == [NAME]
    with pytest.raises(PackageError, match="Tên đơn vị"):  # `package verify` says the same
        verify_package(twin)


def test_a_cyrillic_letter_is_named_in_the_refusal(office, sent, tmp_path):
    db, store = office
    outcome = district.import_one(db, store, _twin(sent, tmp_path, "UBND phường Кim Sơn"), AREA)
    assert not outcome.accepted
    assert "Tên đơn vị “UBND phường Кim Sơn” có chữ “К” không thuộc chữ La-tinh của tiếng Việt (U+041A CYRILLIC " \
           "CAPITAL LETTER KA)" in outcome.message


def test_an_area_with_an_invisible_character_is_refused(office, sent, tmp_path):
    db, store = office
    bad = rebuild(sent, tmp_path / "area.dtipkg", edit_manifest(members(sent), district=AREA + "\u200b"))
    outcome = district.import_one(db, store, bad, AREA)
    assert not outcome.accepted and "Địa bàn" in outcome.message and "U+200B" in outcome.message


@pytest.mark.reliability("Gói báo cáo: mang tên cơ quan tổng hợp thêm ký tự ẩn (U+200C)",
                         "Từ chối; không thành đơn vị mới; CSDL và ổ đĩa không đổi")
def test_the_offices_own_name_with_a_zero_width_non_joiner_is_refused(office, sent, tmp_path):
    db, store = office
    own = workspace.context(db).unit.name
    bad = _twin(sent, tmp_path, own + "\u200c")
    before = dump(db)
    outcome = district.import_one(db, store, bad, AREA)
    assert not outcome.accepted and "U+200C" in outcome.message
    assert dump(db) == before


def test_the_own_name_check_compares_names_as_they_print(office):
    """Beneath the reader's refusal, the check itself: invisible characters do not make another name."""
    from dti_desktop.domain.text import name_key

    own = workspace.context(office[0]).unit.name
    assert name_key(own + "\u200c") == name_key(own) == name_key("\u2066" + own + "\u2069")


def test_the_office_cannot_take_or_add_a_lookalike_name(office):
    db, _ = office
    ctx = workspace.context(db)
    for name in (ctx.unit.name + "\u200c", "Phòng Văn hóa và Тhông tin"):  # U+200C; Cyrillic Т
        with pytest.raises(ConflictError, match="Tên đơn vị"):
            workspace.update_settings(db, replace(ctx.settings, unit_name=name))
    with pytest.raises(ConflictError, match="U\\+041A"):
        add_unit(db, Unit("UBND phường Кim Sơn", UnitKind.PHUONG, AREA))
    with pytest.raises(ConflictError, match="Địa bàn"):
        add_unit(db, Unit("UBND phường Kim Sơn", UnitKind.PHUONG, AREA + "\u2060"))
    assert workspace.context(db).unit.name == ctx.unit.name


def test_names_an_older_version_stored_are_made_visible_when_the_office_opens(office):
    """Units stored before the rule (a twin with a zero-width space, a Cyrillic letter, a name with a bidi isolate
    and no twin) printed exactly like another; opening the database makes each visible, merging none."""
    from dti_desktop.domain.names import name_problem
    from dti_desktop.domain.text import name_key
    from dti_desktop.services.app_database import open_app_database

    db, _store = office
    real = add_unit(db, Unit(NAME, UnitKind.PHUONG, AREA))
    old_rows = {"twin": "UBND phường Mạo\u200b Khê", "cyrillic": "UBND phường Мạo Khê",
                "alone": "\u2066UBND phường Kim Sơn\u2069"}
    ids = {}
    for what, name in old_rows.items():  # as an older version wrote them: the key kept the odd characters
        ids[what] = db.execute("INSERT INTO unit (name, name_folded, kind, district, is_own) VALUES (?, ?, ?, ?, 0)",
                               [name, "cu-" + what, UnitKind.PHUONG.value, AREA]).lastrowid
    db.execute("DELETE FROM setting WHERE key = 'name_rules'")  # an older version's database: never checked
    db.conn.commit()
    path = db.execute("PRAGMA database_list").fetchone()[2]
    db.close()
    again = open_app_database(path)
    names = {u.id: u.name for u in list_units(again)}
    assert names[real.id] == NAME
    assert names[ids["alone"]] == "UBND phường Kim Sơn"  # no twin: its invisible characters dropped
    for what in ("twin", "cyrillic"):  # a twin, a foreign letter: marked, printing like no other name
        assert names[ids[what]].endswith(f"[tên cũ có ký tự lạ, cần kiểm tra: đơn vị số {ids[what]}]")
        assert names[ids[what]] != NAME
    shown = [n for n in names.values() if n.startswith("UBND phường Mạo Khê")]
    assert len({name_key(n) for n in names.values()}) == len(names)
    assert len(shown) == 2 and all(name_problem(n.replace("\u200b", "")) is None for n in shown)
    rows = again.execute("SELECT name, name_folded FROM unit").fetchall()
    assert all(folded == name_key(name) for name, folded in rows)
    before = again.execute("SELECT id, name, name_folded FROM unit ORDER BY id").fetchall()
    again.close()
    assert open_app_database(path).execute("SELECT id, name, name_folded FROM unit ORDER BY id").fetchall() == before


def test_names_are_read_again_only_when_the_rules_change(office, monkeypatch):
    """Checked once under the current rules, a database's names are not read again at each opening (35 ms of a
    nation-wide office's start); a database checked under older rules, or never, is checked at its next opening."""
    from dti_desktop.services import name_repair
    from dti_desktop.services.app_database import open_app_database

    db, _store = office
    add_unit(db, Unit(NAME, UnitKind.PHUONG, AREA))
    path = db.execute("PRAGMA database_list").fetchone()[2]
    db.close()
    open_app_database(path).close()  # checked: marked with the rules
    read: list = []
    stored_names = name_repair.unit_store.stored_names
    monkeypatch.setattr(name_repair.unit_store, "stored_names", lambda db: read.append(1) or stored_names(db))
    open_app_database(path).close()
    assert read == []
    monkeypatch.setattr(name_repair, "NAME_RULES", str(int(name_repair.NAME_RULES) + 1))  # rules changed since
    again = open_app_database(path)
    assert read == [1]
    assert again.execute("SELECT value FROM setting WHERE key = 'name_rules'").fetchone()[0] == name_repair.NAME_RULES
    again.close()
    open_app_database(path).close()
    assert read == [1]
