"""Evidence files: copied into the store under their SHA-256, never referenced in place."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.attachments import Attachment
from ..domain.text import clean
from ..fileutil import atomic_path, sha256_of
from .clock import now_iso
from .errors import NotFoundError

if TYPE_CHECKING:  # sqlite-utils is imported only when first needed (start-up time)
    import sqlite_utils


def stored_path(store: Path, sha256: str) -> Path:
    return store / sha256[:2] / sha256


def import_file(store: Path, source: Path) -> tuple[str, int]:
    """Copy a file into the store once per content (temp file + rename); returns (sha256, size).

    Safe to call outside a transaction: an unreferenced stored file is harmless.
    """
    source = Path(source)
    if not source.is_file():
        raise NotFoundError(f"Không tìm thấy tệp {source}.")
    sha = sha256_of(source)
    target = stored_path(store, sha)
    if not intact(target, sha):  # absent, or left damaged (cut short by a full disk on another copy path)
        with atomic_path(target) as tmp:
            shutil.copyfile(source, tmp)
            if sha256_of(tmp) != sha:  # the source changed while we copied
                raise OSError(f"Tệp {source.name} đã thay đổi trong khi sao chép; hãy thử lại.")
    return sha, target.stat().st_size


def intact(target: Path, sha: str) -> bool:
    """The stored file is there and still has the content its name promises."""
    try:
        return target.is_file() and sha256_of(target) == sha
    except OSError:
        return False


_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')
_RESERVED = re.compile(r"^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\..*)?$", re.IGNORECASE)  # Windows devices
MAX_NAME = 200


def safe_name(name: str) -> str:
    """A file name as shown and stored: no path separators or control characters, at most MAX_NAME characters
    with the extension kept (the viewer opens the copy by it), no trailing dot or space, no Windows device name."""
    cleaned = _UNSAFE.sub("_", clean(name)).strip(" .")
    if len(cleaned) > MAX_NAME:
        stem, dot, ext = cleaned.rpartition(".")
        if dot and 0 < len(ext) <= 10 and " " not in ext:
            cleaned = stem[:MAX_NAME - len(ext) - 1].rstrip(" .") + "." + ext
        else:
            cleaned = cleaned[:MAX_NAME].rstrip(" .")
    if not cleaned or cleaned.startswith("."):
        cleaned = "minh-chung" + cleaned
    return "_" + cleaned if _RESERVED.match(cleaned) else cleaned


def record_attachment(db: sqlite_utils.Database, entry_id: int, sha: str, name: str, size: int,
                      who: str) -> Attachment:
    """Attach a stored file to an entry, with its history row (one transaction)."""
    name, who, when = safe_name(name), clean(who), now_iso()
    same = next((a for a in list_attachments(db, entry_id) if a.sha256 == sha), None)
    if same is not None:  # the very file is attached already: once is enough
        return same
    with db.atomic():
        att_id = db.table("attachment").insert({
            "entry_id": entry_id, "sha256": sha, "original_name": name, "size": size,
            "added_at": when, "added_by": who}).last_pk
        db.table("history").insert({"entry_id": entry_id, "changed_at": when, "changed_by": who,
                                    "field": "attachment", "old_value": None, "new_value": name})
    return Attachment(att_id, entry_id, sha, name, size, when, who)


def add_attachment(db: sqlite_utils.Database, store: Path, entry_id: int, source: Path,
                   who: str) -> Attachment:
    """Copy `source` into the store and attach it to the entry."""
    sha, size = import_file(store, source)
    return record_attachment(db, entry_id, sha, Path(source).name, size, who)


def list_attachments(db: sqlite_utils.Database, entry_id: int) -> list[Attachment]:
    return [Attachment(r["id"], r["entry_id"], r["sha256"], r["original_name"], r["size"],
                       r["added_at"], r["added_by"])
            for r in db.query("SELECT * FROM attachment WHERE entry_id = ? AND removed_at IS NULL "
                              "ORDER BY id", [entry_id])]


def remove_attachment(db: sqlite_utils.Database, attachment_id: int, who: str) -> None:
    """Mark removed (the file stays in the store, the history keeps the removal)."""
    when = now_iso()
    with db.atomic():
        row = db.execute("SELECT entry_id, original_name FROM attachment WHERE id = ? AND removed_at IS NULL",
                         [attachment_id]).fetchone()
        if not row:
            raise NotFoundError(f"Không tìm thấy tệp minh chứng có mã {attachment_id}.")
        db.execute("UPDATE attachment SET removed_at = ? WHERE id = ?", [when, attachment_id])
        db.table("history").insert({"entry_id": row[0], "changed_at": when, "changed_by": clean(who),
                                    "field": "attachment", "old_value": row[1], "new_value": None})


def entry_month(db: sqlite_utils.Database, attachment_id: int) -> tuple[int, str] | None:
    """(assignment id, period) of the entry an evidence file belongs to; None when there is no such file."""
    row = db.execute("SELECT e.assignment_id, e.period FROM attachment x JOIN progress_entry e ON e.id = x.entry_id "
                     "WHERE x.id = ?", [attachment_id]).fetchone()
    return (row[0], row[1]) if row else None
