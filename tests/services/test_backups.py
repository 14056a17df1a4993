"""Backups: consistent copies with evidence, rotation, restore that first saves the current state."""

from __future__ import annotations

import sqlite3
from datetime import datetime

import pytest

from dti_desktop.services import backups
from dti_desktop.storage.errors import NotFoundError
from tests.unit_db import MARCH


def _value(unit, code="6"):
    row = unit.db.execute("SELECT v.value FROM progress_value v JOIN progress_entry e ON e.id = v.entry_id "
                          "JOIN assignment a ON a.id = e.assignment_id JOIN target t ON t.id = a.target_id "
                          "WHERE t.code = ?", [code]).fetchone()
    return row[0]


def test_backup_is_consistent_and_holds_evidence(mao_khe):
    b = backups.create_backup(mao_khe.path)
    conn = sqlite3.connect(b.folder / "dti.sqlite3")
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT count(*) FROM progress_entry").fetchone()[0] == 2
    evidence = [p for p in (b.folder / "evidence").rglob("*") if p.is_file()]
    assert len(evidence) == 1 and evidence[0].read_bytes().startswith(b"%PDF-1.4 bien ban")
    assert [x.name for x in backups.list_backups(mao_khe.path)] == [b.name]


def test_restore_backs_up_current_state_first(mao_khe):
    before = backups.create_backup(mao_khe.path)
    mao_khe.record("6", {0: "99"})
    assert _value(mao_khe) == 99
    safety, restored = backups.restore_backup(mao_khe.path, before.name)
    assert restored.name == before.name and _value(mao_khe) == 92.5  # the open connection sees it
    conn = sqlite3.connect(safety.folder / "dti.sqlite3")
    assert conn.execute("SELECT value FROM progress_value WHERE value = 99").fetchone()
    # the state before the restore can itself be restored: nothing is ever lost
    backups.restore_backup(mao_khe.path, safety.name)
    assert _value(mao_khe) == 99


@pytest.mark.parametrize("damage", ["overwritten", "deleted"])
def test_a_damaged_or_missing_database_is_restored_and_a_copy_kept(mao_khe, damage):
    """The very case a restore is for: it first backed up the live data, which failed on damaged data ("… bị
    hỏng … hãy khôi phục từ bản sao lưu") or on none at all, and the officer went round in a circle."""
    made = backups.create_backup(mao_khe.path)
    mao_khe.db.close()
    if damage == "overwritten":
        with open(mao_khe.path, "r+b") as handle:  # the header and the first pages
            handle.write(b"\x5a" * 8192)
    else:
        mao_khe.path.unlink()  # its -wal left behind, holding the latest changes
        mao_khe.path.with_name("dti.sqlite3-wal").write_bytes(b"WAL " * 100)
    assert not backups.is_whole(mao_khe.path)
    safety, restored = backups.restore_backup(mao_khe.path, made.name)
    assert safety is None and restored.name == made.name
    conn = sqlite3.connect(mao_khe.path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT count(*) FROM progress_entry").fetchone()[0] == 2
    conn.close()
    kept = sorted(p.name for p in mao_khe.path.parent.glob("dti.sqlite3.hong-*"))  # for whoever supports the unit
    assert [name.endswith("-wal") for name in kept] == ([False] if damage == "overwritten" else [True])
    assert not mao_khe.path.with_name("dti.sqlite3-wal").exists() or damage == "overwritten"


def test_restore_puts_back_missing_evidence(mao_khe):
    b = backups.create_backup(mao_khe.path)
    for file in mao_khe.store.rglob("*"):
        if file.is_file():
            file.unlink()
    backups.restore_backup(mao_khe.path, b.name)
    assert [p.read_bytes()[:8] for p in mao_khe.store.rglob("*") if p.is_file()] == [b"%PDF-1.4"]


def test_restore_unknown_or_corrupt_backup(mao_khe):
    with pytest.raises(NotFoundError, match="Không có bản sao lưu"):
        backups.restore_backup(mao_khe.path, "2020-01-01_000000")
    b = backups.create_backup(mao_khe.path)
    (b.folder / "dti.sqlite3").write_bytes(b"SQLite format 3\0" + b"\xff" * 4000)
    with pytest.raises(Exception):
        backups.restore_backup(mao_khe.path, b.name)
    assert _value(mao_khe) == 92.5


def test_rotation_keeps_last_ten_and_one_a_month(mao_khe):
    stamps = [datetime(2024, m, 1, 8) for m in range(1, 13)] + [datetime(2025, 3, d, 8) for d in range(1, 16)]
    for stamp in stamps:
        backups.create_backup(mao_khe.path, now=stamp)
    names = [b.name for b in backups.list_backups(mao_khe.path)]
    last_ten = [f"2025-03-{d:02d}_080000" for d in range(15, 5, -1)]
    assert names[:10] == last_ten
    monthly = {n[:7] for n in names[10:]}
    assert len(names) == 10 + 11 and monthly == {f"2024-{m:02d}" for m in range(2, 13)}


def test_rotation_cut_short_leaves_no_half_deleted_backup_listed(mao_khe, monkeypatch):
    """A crash while an old backup is deleted: the folder is renamed away first, so what is left is a
    temporary name (cleaned up later), never a listed backup missing its files."""
    for day in range(1, 12):
        backups.create_backup(mao_khe.path, now=datetime(2025, 3, day, 8))
    emptied = []

    def crash_midway(folder, ignore_errors=False):
        for file in sorted(p for p in folder.rglob("*") if p.is_file())[:1]:
            file.unlink()  # part of the deletion happened, then the power went
        emptied.append(folder)

    monkeypatch.setattr(backups.shutil, "rmtree", crash_midway)
    backups.create_backup(mao_khe.path, now=datetime(2025, 3, 12, 8))  # rotation drops 2025-03-02
    doomed = [folder for folder in emptied if folder.name.endswith(".xoa.tmp")]
    assert [folder.name for folder in doomed] == [".2025-03-02_080000.xoa.tmp"]
    listed = backups.list_backups(mao_khe.path)
    assert len(listed) == 10 and "2025-03-02_080000" not in [b.name for b in listed]
    for b in listed:  # every backup still offered for a restore is whole
        conn = sqlite3.connect(b.folder / "dti.sqlite3")
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.close()
        assert len([p for p in (b.folder / "evidence").rglob("*") if p.is_file()]) == 1
    monkeypatch.undo()
    assert doomed[0] in backups.remove_leftovers(mao_khe.path, now=datetime(2030, 1, 1).timestamp())
    assert not doomed[0].exists()


def test_half_built_backup_is_ignored(mao_khe):
    root = backups.backups_dir(mao_khe.path)
    (root / ".2025-01-01_000000.tmp").mkdir(parents=True)
    assert backups.list_backups(mao_khe.path) == []


def test_cli_backup_commands(mao_khe):
    import subprocess
    import sys

    from tests.helpers import ROOT

    def run(*args):
        return subprocess.run([sys.executable, str(ROOT / "main.py"), "backup", *args, "--db", str(mao_khe.path)],
                              capture_output=True, text=True, encoding="utf-8")

    assert run("list").stdout.strip() == "Chưa có bản sao lưu nào."
    created = run("create")
    assert created.returncode == 0 and created.stdout.startswith("Đã sao lưu: ")
    name = run("list").stdout.split()[0]
    restored = run("restore", name)
    assert restored.returncode == 0 and f"Đã khôi phục từ {name}." in restored.stdout
    assert run("restore", "nope").returncode == 1


def test_leftovers_of_a_crash_are_removed_finished_files_kept(mao_khe):
    import os
    import time

    root = backups.backups_dir(mao_khe.path)
    root.mkdir(parents=True, exist_ok=True)
    stale = root / ".2025-01-01_000000.tmp"
    stale.mkdir()
    fresh = root / ".2025-01-02_000000.tmp"
    fresh.mkdir()
    half = mao_khe.store / "ab" / ".abcdef.123.tmp"
    half.parent.mkdir(parents=True, exist_ok=True)
    half.write_bytes(b"half")
    old = time.time() - 7200
    for path in (stale, half):
        os.utime(path, (old, old))
    kept = [p for p in mao_khe.store.rglob("*") if p.is_file() and not p.name.startswith(".")]
    b = backups.create_backup(mao_khe.path)
    assert not stale.exists() and not half.exists()
    assert fresh.exists()  # may belong to a backup running right now
    assert all(p.exists() for p in kept) and (b.folder / "dti.sqlite3").exists()


def test_start_backup_skipped_while_nothing_changed(mao_khe):
    first = backups.start_backup(mao_khe.path, datetime(2025, 3, 1, 8, 0, 0))
    assert first is not None and (first.folder / backups.SOURCE_MARKER).is_file()
    assert _value(mao_khe) == 92.5  # reading changes nothing
    assert backups.start_backup(mao_khe.path, datetime(2025, 3, 2, 8, 0, 0)) is None
    mao_khe.record("6", {0: "99"})
    second = backups.start_backup(mao_khe.path, datetime(2025, 3, 3, 8, 0, 0))
    assert second is not None and second.name != first.name
    conn = sqlite3.connect(second.folder / "dti.sqlite3")
    assert conn.execute("SELECT count(*) FROM progress_value WHERE value = 99").fetchone()[0] == 1
    # asked for explicitly, a backup is always made
    assert backups.create_backup(mao_khe.path, datetime(2025, 3, 4, 8, 0, 0)).name == "2025-03-04_080000"


def test_start_backup_skipped_across_starts_of_the_program(mao_khe):
    """Each start opens the database, and SQLite makes a new, empty -wal beside it: its time differed at every
    start, so three starts with no change made three full backups."""
    from dti_desktop.services.app_database import open_app_database

    mao_khe.db.close()  # the session that recorded the results ends
    for day in (1, 2, 3, 4):
        db = open_app_database(mao_khe.path)  # as the window opens it at each start
        _ = db.execute("SELECT count(*) FROM progress_entry").fetchone()
        made = backups.start_backup(mao_khe.path, datetime(2025, 3, day, 8, 0, 0))
        assert (made is not None) == (day == 1), day
        db.close()
    assert len(backups.list_backups(mao_khe.path)) == 1


def test_a_folder_with_a_hash_sign_is_backed_up_and_restored_whole(tmp_path):
    """SQLite URIs end a file name at '#': the backup and the restore once opened an empty file instead."""
    from tests.unit_db import UnitDb

    unit = UnitDb(tmp_path / "Báo cáo CĐS #2", "UBND phường Mạo Khê")
    unit.record("6", {0: "92,5"})
    b = backups.create_backup(unit.path)
    conn = sqlite3.connect(b.folder / "dti.sqlite3")
    assert conn.execute("SELECT count(*) FROM progress_entry").fetchone()[0] == 1
    conn.close()
    unit.record("6", {0: "99"})
    backups.restore_backup(unit.path, b.name)
    assert _value(unit) == 92.5
    assert sorted(p.name for p in (tmp_path).iterdir()) == ["Báo cáo CĐS #2"]  # no stray empty database


def test_restoring_the_oldest_kept_backup_does_not_rotate_it_away(mao_khe):
    names = [backups.create_backup(mao_khe.path, now=datetime(2025, 3, 1, 9, i)).name for i in range(10)]
    mao_khe.record("6", {0: "99"})
    backups.restore_backup(mao_khe.path, names[0])  # its safety backup makes an 11th
    assert _value(mao_khe) == 92.5
    assert names[0] in [b.name for b in backups.list_backups(mao_khe.path)]


def test_a_clock_set_back_does_not_delete_the_backup_just_made(mao_khe):
    for month in range(1, 13):
        backups.create_backup(mao_khe.path, now=datetime(2025, month, 10, 8, 0))
    made = backups.create_backup(mao_khe.path, now=datetime(2019, 1, 1, 8, 0))  # a dead CMOS battery
    assert made.folder.is_dir() and made.name in [b.name for b in backups.list_backups(mao_khe.path)]


def test_restore_refuses_a_newer_schema_and_migrates_an_older_one(mao_khe):
    from dti_desktop.storage.errors import StorageError
    from dti_desktop.storage.migrations import latest_version

    b = backups.create_backup(mao_khe.path)
    conn = sqlite3.connect(b.folder / "dti.sqlite3")
    conn.execute(f"PRAGMA user_version = {latest_version() + 1}")
    conn.close()
    with pytest.raises(StorageError, match="lược đồ"):
        backups.restore_backup(mao_khe.path, b.name)
    old = backups.create_backup(mao_khe.path, now=datetime(2025, 1, 1, 8, 0))
    conn = sqlite3.connect(old.folder / "dti.sqlite3")
    conn.execute("PRAGMA user_version = 1")  # as written by the first version (schema 1; 0002 adds tables)
    conn.executescript("DROP TABLE received_entry; DROP TABLE received_package; DROP TABLE submission;")
    conn.close()
    backups.restore_backup(mao_khe.path, old.name)
    assert mao_khe.db.execute("PRAGMA user_version").fetchone()[0] == latest_version()
    mao_khe.record("9", {0: "100"})  # saving works right after the restore


def test_a_copy_cut_short_during_a_restore_leaves_no_file_under_its_hash(mao_khe, monkeypatch):
    """Where hard links fail (FAT32 sticks, some shares) evidence is copied; a full disk midway must not leave a
    truncated file that later passes for the real one."""
    import os
    import shutil

    b = backups.create_backup(mao_khe.path)
    stored = [p for p in mao_khe.store.rglob("*") if p.is_file()]
    for p in stored:
        p.chmod(0o644)
        p.unlink()

    def no_link(*a):
        raise OSError(1, "Operation not permitted")

    def half_copy(src, dst, **kw):
        with open(dst, "wb") as out:
            out.write(open(src, "rb").read()[:10])
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "link", no_link)
    monkeypatch.setattr(shutil, "copy2", half_copy)
    with pytest.raises(OSError):
        backups.restore_backup(mao_khe.path, b.name)
    assert [p for p in mao_khe.store.rglob("*") if p.is_file() and not p.name.startswith(".")] == []
    monkeypatch.undo()
    backups.restore_backup(mao_khe.path, b.name)
    assert [p.read_bytes()[:8] for p in mao_khe.store.rglob("*") if p.is_file()] == [b"%PDF-1.4"]


def test_a_viewing_copy_cut_short_is_made_again(mao_khe, tmp_path):
    from dti_desktop.services import workspace
    from dti_desktop.storage.attachment_store import list_attachments

    row = next(r for r in workspace.rows(mao_khe.db, mao_khe.ctx, MARCH) if r.code == "6")
    att = list_attachments(mao_khe.db, row.entry.id)[0]
    first = workspace.viewing_copy(mao_khe.store, att, tmp_path / "xem")
    first.write_bytes(b"%PDF")  # an interrupted copy
    again = workspace.viewing_copy(mao_khe.store, att, tmp_path / "xem")
    assert again == first and again.read_bytes().startswith(b"%PDF-1.4 bien ban")


def test_a_restore_that_fails_while_migrating_leaves_the_data_in_use_unchanged(mao_khe, monkeypatch):
    """The backup is migrated in a scratch copy before the live database is touched (a full disk during the
    migration used to leave the backup's data at the old schema under a window showing the data before)."""
    import sqlite3 as sq

    from dti_desktop.storage.errors import StorageError
    from tests.conftest import dump

    old = backups.create_backup(mao_khe.path, now=datetime(2025, 1, 1, 8, 0))
    mao_khe.record("6", {0: "99"})
    before = dump(mao_khe.db)

    def full(conn, *a, **k):
        raise sq.OperationalError("database or disk is full")

    from dti_desktop.storage import database

    monkeypatch.setattr(database, "migrate", full)
    with pytest.raises(StorageError, match="Bản sao tạm của bản sao lưu: ổ đĩa đã đầy.*Dữ liệu đang dùng không đổi"):
        backups.restore_backup(mao_khe.path, old.name)
    assert dump(mao_khe.db) == before and _value(mao_khe) == 99
    assert not list(mao_khe.path.parent.glob(".*khoi-phuc*"))


def test_a_restored_backup_is_judged_by_todays_rules_before_the_window_uses_it(mao_khe):
    """The window goes on with the restored data without reopening it: a backup made under older rules sent its
    old verdicts, and the month, once sent, was never judged again."""
    from dti_desktop.services import workspace

    with mao_khe.db.conn:
        mao_khe.db.execute("UPDATE progress_entry SET assessment = ''")
        mao_khe.db.execute("DELETE FROM setting WHERE key = ?", [workspace.RULES_KEY])
    old = backups.create_backup(mao_khe.path, now=datetime(2025, 1, 1, 8, 0))
    with mao_khe.db.conn:  # today's state differs, so the restore has something to change
        mao_khe.db.execute("UPDATE progress_entry SET assessment = 'dat'")
        mao_khe.db.execute("INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)",
                           [workspace.RULES_KEY, workspace.ASSESSMENT_RULES])
    backups.restore_backup(mao_khe.path, old.name)
    assert not list(mao_khe.path.parent.glob(".*khoi-phuc*"))  # nor its -wal or -shm
    judged = {r[0] for r in mao_khe.db.execute("SELECT assessment FROM progress_entry")}  # the live connection
    assert "" not in judged and judged
    assert mao_khe.db.execute("SELECT value FROM setting WHERE key = ?",
                              [workspace.RULES_KEY]).fetchone()[0] == workspace.ASSESSMENT_RULES
