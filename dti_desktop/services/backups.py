"""Automatic, rotating backups: the database (SQLite online backup API) and its evidence files.

A backup is a folder backups/<YYYY-MM-DD_HHMMSS>/ holding dti.sqlite3 and evidence/;
it is built under a temporary name and renamed when complete. Evidence files never
change (they are named by their SHA-256), so they are hard-linked where possible.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..fileutil import atomic_path
from ..paths import evidence_dir
from ..storage.attachment_store import intact
from ..storage.database import journal_files, open_database, read_only_uri
from ..storage.errors import NotFoundError, StorageError, sqlite_reason
from ..storage.held_store import held_dir
from ..storage.migrations import latest_version

KEEP_LAST = 10
KEEP_MONTHS = 12
_NAME = re.compile(r"^\d{4}-\d{2}-\d{2}_\d{6}(_\d+)?$")
DB_NAME = "dti.sqlite3"
SOURCE_MARKER = "nguon.json"  # size and time of the database (and its WAL) when it was copied


@dataclass(frozen=True)
class Backup:
    name: str
    folder: Path
    created: datetime
    size: int


def _file_stores(db_path: Path) -> tuple[tuple[str, Path], ...]:
    """The folders of files a backup holds besides the database, each under its name in the backup: evidence, and
    the packages held for the office to decide (only their file is there: lost, a held package could not be
    accepted)."""
    store = evidence_dir(db_path)
    return ("evidence", store), ("held", held_dir(store))


def backups_dir(db_path: Path) -> Path:
    return Path(db_path).parent / "backups"


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def list_backups(db_path: Path) -> list[Backup]:
    """Complete backups, newest first (half-built ones have a temporary name and are ignored)."""
    root = backups_dir(db_path)
    if not root.is_dir():
        return []
    found = []
    for folder in root.iterdir():
        if folder.is_dir() and _NAME.match(folder.name) and (folder / DB_NAME).is_file():
            created = datetime.strptime(folder.name[:17], "%Y-%m-%d_%H%M%S")
            found.append(Backup(folder.name, folder, created, _size(folder)))
    return sorted(found, key=lambda b: b.name, reverse=True)


def _link_or_copy(source: Path, target: Path, durable: bool = True) -> None:
    """A hard link where the file system has them; else a copy under a temporary name, renamed when whole
    (a copy cut short by a full disk must never sit under a content-hash name). `durable=False` inside a
    backup being built: the whole folder is synced once before it is renamed into place."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:
        with atomic_path(target, durable) as tmp:
            shutil.copy2(source, tmp)


def _staged_restore(db_path: Path) -> Path:
    """The scratch copy a restore migrates before it touches the data in use."""
    return Path(db_path).with_name(f".{Path(db_path).name}.khoi-phuc.tmp")


def _with_journals(path: Path) -> list[Path]:
    """A database file and the files SQLite may have left beside it."""
    return [path, *journal_files(path)]


def _copy_database(source: Path, target: Path) -> None:
    """A consistent copy while the database is in use (online backup API)."""
    src = sqlite3.connect(read_only_uri(source), uri=True)
    dst = sqlite3.connect(str(target))
    try:
        src.backup(dst)
        dst.execute("PRAGMA journal_mode = DELETE")  # a backup is one self-contained file
    finally:
        dst.close()
        src.close()


def _fsync_tree(folder: Path) -> None:
    """Every file (and, on POSIX, every folder) of a finished backup on disk before it is renamed into place.

    Windows flushes a file only through a handle open for writing (FlushFileBuffers): opened read-only, as
    on POSIX, the sync failed quietly and backups were never flushed there. Read-only files (evidence hard-linked
    from the store) cannot be opened so; they are the store's own files, already synced when they were stored.
    """
    for path in [*folder.rglob("*"), folder]:
        if os.name == "posix" or path.is_file():
            flags = os.O_RDONLY if os.name == "posix" else os.O_RDWR | getattr(os, "O_BINARY", 0)
            try:
                fd = os.open(path, flags)
            except OSError:
                continue
            try:
                os.fsync(fd)
            except OSError:
                pass
            finally:
                os.close(fd)


def _source_state(db_path: Path) -> dict:
    """Size and modification time of the database file and of its WAL when that holds anything: every write
    changes one of them. An empty WAL counts as none: SQLite makes one at every opening and removes it at the
    close, so its time differed at every start and the start-up backup copied unchanged data every time."""
    state = {}
    for path in (db_path, db_path.with_name(db_path.name + "-wal")):
        try:
            st = path.stat()
            state[path.name] = [st.st_size, st.st_mtime_ns] if st.st_size or path == db_path else None
        except FileNotFoundError:
            state[path.name] = None
    return state


def _recorded_state(backup: Backup) -> dict | None:
    try:
        return json.loads((backup.folder / SOURCE_MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def start_backup(db_path: Path, now: datetime | None = None) -> Backup | None:
    """The automatic backup at start, skipped (None) when nothing was written since the newest one.

    A district office's database can hold hundreds of megabytes; copying it at every start
    filled the disk with identical copies and kept an old laptop's disk busy for nothing.
    """
    db_path = Path(db_path)
    newest = next(iter(list_backups(db_path)), None)
    if newest is not None and db_path.is_file() and _recorded_state(newest) == _source_state(db_path):
        return None
    return create_backup(db_path, now)


def create_backup(db_path: Path, now: datetime | None = None, protect: set[str] | frozenset[str] = frozenset()
                  ) -> Backup:
    """Back up the database and its evidence, then rotate (keeping `protect`); raises StorageError on failure."""
    db_path = Path(db_path)
    if not db_path.is_file():
        raise NotFoundError(f"Không có cơ sở dữ liệu để sao lưu: {db_path}")
    root = backups_dir(db_path)
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        from ..storage.errors import describe_os_error

        raise StorageError(f"Không sao lưu được: {describe_os_error(error)}") from error
    name = (now or datetime.now()).strftime("%Y-%m-%d_%H%M%S")
    suffix = 1
    while (root / name).exists():
        suffix += 1
        name = f"{name[:17]}_{suffix}"
    work = root / f".{name}.tmp"
    shutil.rmtree(work, ignore_errors=True)
    try:
        work.mkdir()
        state = _source_state(db_path)  # before the copy: a write during it makes the next start copy again
        _copy_database(db_path, work / DB_NAME)
        (work / SOURCE_MARKER).write_text(json.dumps(state), encoding="utf-8")
        for kept, store in _file_stores(db_path):
            if store.is_dir():
                for file in store.rglob("*"):
                    if file.is_file() and not file.name.startswith("."):
                        _link_or_copy(file, work / kept / file.relative_to(store), durable=False)
        from ..io.key_file import copy_into_backup

        copy_into_backup(db_path.parent, work)  # the installation's signing key (docs/security.md)
        _fsync_tree(work)
        os.replace(work, root / name)
    except OSError as error:
        shutil.rmtree(work, ignore_errors=True)
        from ..storage.errors import describe_os_error

        raise StorageError(f"Không sao lưu được: {describe_os_error(error)}") from error
    except sqlite3.Error as error:
        shutil.rmtree(work, ignore_errors=True)
        raise StorageError(f"Không sao lưu được vào {root}: {sqlite_reason(error)}.") from error
    rotate(db_path, protect={name, *protect})  # never the one just made (a clock set back names it oldest)
    remove_leftovers(db_path)
    folder = root / name
    return Backup(name, folder, datetime.strptime(name[:17], "%Y-%m-%d_%H%M%S"), _size(folder))


@dataclass(frozen=True)
class AfterExport:
    """The backup made after a package was written: `backup` (None when the data had not changed since the newest
    one), or the `problem` that kept it from being made."""

    backup: Backup | None
    problem: str = ""

    def warning(self) -> str:
        """What to tell the officer when the backup failed ("" when it did not)."""
        return f"Gói đã ghi nhưng chưa sao lưu được: {self.problem}" if self.problem else ""


def backup_after_export(db_path: Path) -> AfterExport:
    """The backup after each package written, for the window and the command line alike. The package is written
    and its month locked by then: a backup that fails is a warning, never a failed export (a retry said the month
    was sent already). Skipped when nothing changed since the newest backup (start_backup)."""
    try:
        return AfterExport(start_backup(db_path))
    except StorageError as error:
        return AfterExport(None, error.text())


STALE_SECONDS = 3600


def remove_leftovers(db_path: Path, now: float | None = None) -> list[Path]:
    """Delete half-written files a crash left under temporary names (never a finished file).

    Temporary names start with "." and end with ".tmp"; only those older than an hour go,
    so a backup or export still running in another process is not disturbed.
    """
    import time

    now = now or time.time()
    removed = []
    staged = _staged_restore(db_path)
    for leftover in _with_journals(staged):
        if leftover.exists() and now - leftover.stat().st_mtime >= STALE_SECONDS:
            leftover.unlink(missing_ok=True)
            removed.append(leftover)
    for folder in (backups_dir(db_path), evidence_dir(db_path)):
        if not folder.is_dir():
            continue
        for path in list(folder.rglob(".*.tmp")):
            try:
                if now - path.stat().st_mtime < STALE_SECONDS:
                    continue
                shutil.rmtree(path) if path.is_dir() else path.unlink()
                removed.append(path)
            except OSError:
                continue
    return removed


def rotate(db_path: Path, keep_last: int = KEEP_LAST, keep_months: int = KEEP_MONTHS,
           protect: set[str] | frozenset[str] = frozenset()) -> list[str]:
    """Keep the last `keep_last` backups, the newest of each of the last `keep_months` months, and `protect`."""
    found = list_backups(db_path)
    keep = {b.name for b in found[:keep_last]} | set(protect)
    months: dict[str, str] = {}
    for b in found:  # newest first: the first seen of a month is its newest
        months.setdefault(b.name[:7], b.name)
    keep |= set(sorted(months.values(), reverse=True)[:keep_months])
    removed = []
    for b in found:
        if b.name not in keep:
            _remove(b.folder)
            removed.append(b.name)
    return removed


def _remove(folder: Path) -> None:
    """Rename, then delete: cut short, a deletion leaves a temporary name (ignored, cleaned up
    later), never a half-emptied backup still listed and offered for a restore."""
    doomed = folder.with_name(f".{folder.name}.xoa.tmp")
    try:
        os.replace(folder, doomed)
    except OSError:
        return
    shutil.rmtree(doomed, ignore_errors=True)


def is_whole(db_path: Path) -> bool:
    """The live database is there and reads as a database (its own check finds nothing wrong)."""
    if not db_path.is_file():
        return False
    try:
        check = sqlite3.connect(read_only_uri(db_path), uri=True)
        try:
            return check.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        finally:
            check.close()
    except sqlite3.Error:
        return False


def keep_damaged(db_path: Path, now: datetime | None = None) -> list[Path]:
    """A copy of damaged data (the database and its journals, a -wal may hold the latest changes) beside it, for
    whoever supports the officer: "dti.sqlite3.hong-…" (and "…-wal"); the copies made, none when nothing was there.
    The one place such copies are named: the window and the command line tell the officer these paths."""
    present = [path for path in _with_journals(db_path) if path.exists()]
    stamp = (now or datetime.now()).strftime("%Y-%m-%d_%H%M%S")
    kept = db_path.with_name(f"{db_path.name}.hong-{stamp}")
    copies = []
    for path in present:
        copy = kept.with_name(kept.name + path.name[len(db_path.name):])
        with atomic_path(copy) as tmp:
            shutil.copyfile(path, tmp)
        copies.append(copy)
    return copies


def _drop_journals(db_path: Path) -> None:
    for leftover in journal_files(db_path):
        leftover.unlink(missing_ok=True)


def _into_live(staged: Path, db_path: Path) -> None:
    """The prepared copy into the live database through SQLite's backup API: one locked step for any other
    connection, and a window's own connection goes on with the restored data (a file renamed under it kept it
    writing to the damaged one)."""
    src = sqlite3.connect(read_only_uri(staged), uri=True)
    dst = sqlite3.connect(str(db_path), timeout=10)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()


@dataclass(frozen=True)
class Restored:
    """A restore done: the safety backup of the state before (None when the data was damaged), the backup restored,
    and the copies of damaged data kept beside the database ("dti.sqlite3.hong-…"; keep_damaged)."""

    safety: Backup | None
    restored: Backup
    damaged_copies: tuple[Path, ...] = ()

    def text(self) -> str:
        """What was done, in Vietnamese."""
        kept = ", ".join(p.name for p in self.damaged_copies)
        before = (f"Trạng thái trước đó được giữ ở bản {self.safety.name}." if self.safety else
                  f"Một bản của dữ liệu hỏng được giữ cạnh tệp dữ liệu: {kept}." if kept else
                  "Không có dữ liệu cũ nào để giữ lại.")
        return f"Đã khôi phục từ {self.restored.name}. {before}"


def restore_backup(db_path: Path, name: str) -> tuple[Backup | None, Backup]:
    """restore(), as (safety backup, backup restored)."""
    done = restore(db_path, name)
    return done.safety, done.restored


def restore(db_path: Path, name: str) -> Restored:
    """Back up the current state, then copy the chosen backup into the live database.

    Uses the online backup API into the open database file, so the switch is one
    locked step for any other connection; evidence files missing from the store are
    put back.

    A live database that is damaged or missing, the very case a restore is for, cannot be backed up: a copy of it
    is kept beside it instead (keep_damaged, "dti.sqlite3.hong-…"; see is_whole), and the safety backup is None.
    """
    db_path = Path(db_path)
    chosen = next((b for b in list_backups(db_path) if b.name == name), None)
    if chosen is None:
        raise NotFoundError(f"Không có bản sao lưu “{name}” (xem danh sách bằng: backup list).")
    check = sqlite3.connect(read_only_uri(chosen.folder / DB_NAME), uri=True)
    try:
        if check.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise StorageError(f"Bản sao lưu {name} bị hỏng; chọn bản khác.")
        version = check.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.Error as error:
        raise StorageError(f"Không đọc được bản sao lưu {name} ({error}); chọn bản khác.") from error
    finally:
        check.close()
    if not 1 <= version <= latest_version():
        raise StorageError(f"Bản sao lưu {name} không phải dữ liệu mà phiên bản chương trình này đọc được "
                           f"(lược đồ {version}); chọn bản khác hoặc cập nhật chương trình.")
    whole = is_whole(db_path)
    # its rotation must not take the backup being restored
    safety = create_backup(db_path, protect={name}) if whole else None
    for kept, store in _file_stores(db_path):  # files named by their SHA-256: one that is there is the same
        for file in (chosen.folder / kept).rglob("*"):
            target = store / file.relative_to(chosen.folder / kept)
            if file.is_file() and not intact(target, Path(file.name).stem if kept == "held" else file.name):
                target.unlink(missing_ok=True)
                _link_or_copy(file, target)
    from ..io.key_file import restore_from_backup

    restore_from_backup(chosen.folder, db_path.parent)  # its signing key, a different one kept aside
    # A backup from an earlier version is brought to today's schema in a scratch copy first, so the live
    # database changes in one step, to a state that is whole: migrated after the copy, a full disk could
    # leave the backup's data at the old schema under a window still showing the data before.
    staged = _staged_restore(db_path)
    for leftover in _with_journals(staged):
        leftover.unlink(missing_ok=True)
    damaged: list[Path] = []
    try:
        _copy_database(chosen.folder / DB_NAME, staged)
        from .workspace import reassess_under_current_rules

        work = open_database(staged)  # today's schema, and the automatic assessments by today's rules
        try:
            reassess_under_current_rules(work)  # a window that restores goes on with this data, not reopened
            work.execute("PRAGMA journal_mode = DELETE")  # one self-contained file again: no -wal, -shm left
        finally:
            work.close()
        if not whole:
            damaged = keep_damaged(db_path)
            if not db_path.exists():  # a -wal or -shm left without its database would be read into the new one
                _drop_journals(db_path)
        try:
            _into_live(staged, db_path)
        except sqlite3.DatabaseError:  # not a database at all any more (its header gone): nothing to copy into
            if whole or not db_path.exists():
                raise
            with open(staged, "rb+") as handle:  # the prepared file, whole on disk, takes the damaged one's place
                os.fsync(handle.fileno())
            _drop_journals(db_path)  # kept above; beside the new file they would be replayed into it
            os.replace(staged, db_path)
    except sqlite3.Error as error:
        raise StorageError(f"Không khôi phục được: {sqlite_reason(error)}; dữ liệu đang dùng không đổi.") from error
    except StorageError as error:  # the scratch copy could not be opened or brought to today's schema
        reason = str(error).replace(f"Cơ sở dữ liệu {staged} ", "Bản sao tạm của bản sao lưu: ")
        raise StorageError(f"Không khôi phục được: {reason} Dữ liệu đang dùng không đổi.") from error
    except OSError as error:
        from ..storage.errors import describe_os_error

        raise StorageError(f"Không khôi phục được: {describe_os_error(error)}; dữ liệu đang dùng không đổi.") \
            from error
    finally:
        for leftover in _with_journals(staged):
            leftover.unlink(missing_ok=True)
    return Restored(safety, chosen, tuple(damaged))
