"""This installation's own signing key: a file in the data folder beside dti.sqlite3.

It goes into every backup (services/backups.py) and is created once, on first need: never overwritten (a key
another process wrote meanwhile wins, and is used). Readable by the user's account only.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from ..domain.errors import KnownError, describe_os_error
from ..fileutil import fsync_dir
from .signature import KeyPair, SignatureError, key_from_seed, new_key

KEY_FILE = "khoa-ky.json"
KEY_FORMAT = "dti-khoa-ky/1"
_NOTE = ("Khóa ký riêng của máy này: mọi gói báo cáo, tệp danh mục gửi đi đều được ký bằng khóa này. "
         "Không gửi tệp này cho ai; nó được giữ trong các bản sao lưu (thư mục backups).")


class KeyFileError(KnownError):
    """The key file could not be read or made; says where and what to do."""


def _now_iso() -> str:
    from datetime import datetime

    return datetime.now().astimezone().isoformat(timespec="seconds")


def key_path(data_folder: Path) -> Path:
    return Path(data_folder) / KEY_FILE


def read_key(path: Path) -> KeyPair | None:
    """The key stored at `path`; None when there is none; KeyFileError when the file is damaged."""
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise KeyFileError(f"Không đọc được khóa ký {path}: {describe_os_error(error)}") from error
    try:
        obj = json.loads(raw[:100_000].decode("utf-8"))
        key = key_from_seed(obj["private_key"])
        if obj.get("public_key") not in (None, key.public_key):
            raise SignatureError("khóa công khai không khớp khóa riêng")
        return key
    except (ValueError, KeyError, TypeError, AttributeError, SignatureError) as error:
        raise KeyFileError(f"Tệp khóa ký {path} bị hỏng ({error}); hãy khôi phục nó từ bản sao lưu "
                           "(thư mục backups) hoặc nhờ người hỗ trợ.") from None


def own_key(data_folder: Path, create: bool = True) -> KeyPair | None:
    """This installation's key; made on first need when `create` (else None while there is none)."""
    path = key_path(data_folder)
    key = read_key(path)
    if key is not None or not create:
        return key
    try:
        return _create(path, new_key())
    except OSError as error:
        raise KeyFileError(f"Không tạo được khóa ký trong {path.parent}: {describe_os_error(error)}") from error


def _create(path: Path, key: KeyPair) -> KeyPair:
    """Write the key to a temporary file, sync it, then link it under its name only if no key is there yet."""
    body = {"format": KEY_FORMAT, "algorithm": "Ed25519", "private_key": key.seed, "public_key": key.public_key,
            "created_at": _now_iso(), "note": _NOTE}
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:  # mkstemp: readable by this account only
            handle.write(json.dumps(body, ensure_ascii=False, indent=1).encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(tmp, path)  # fails when a key is there: never replaced
        except FileExistsError:
            return read_key(path) or key
        except OSError:  # a file system without hard links
            if path.exists():
                return read_key(path) or key
            os.rename(tmp, path)  # on Windows this too refuses to replace
        fsync_dir(path.parent)
        return key
    finally:
        Path(tmp).unlink(missing_ok=True)


def copy_into_backup(data_folder: Path, backup_folder: Path) -> None:
    """The key goes into every backup: restored on a new computer, the unit goes on signing as itself."""
    import shutil

    source = key_path(data_folder)
    if source.is_file():
        shutil.copy2(source, Path(backup_folder) / KEY_FILE)


def restore_from_backup(backup_folder: Path, data_folder: Path) -> Path | None:
    """Put the backup's key back in the data folder. A different key found there is kept aside, never lost
    ("khoa-ky.json.thay-…", returned); a backup without a key changes nothing."""
    try:
        saved = read_key(Path(backup_folder) / KEY_FILE)
    except KeyFileError:  # a damaged copy: the restore goes on, the key in use stays
        return None
    try:
        current = read_key(key_path(data_folder))
    except KeyFileError:
        current = None  # damaged: kept aside below like any other
    if saved is None or (current is not None and current.seed == saved.seed):
        return None
    aside = None
    if key_path(data_folder).exists():
        from datetime import datetime

        aside = key_path(data_folder).with_name(f"{KEY_FILE}.thay-{datetime.now():%Y-%m-%d_%H%M%S}")
        os.replace(key_path(data_folder), aside)
    _create(key_path(data_folder), saved)
    return aside
