"""Files: written so a crash never leaves a half-written file under its final name; hashed by content.

Below every layer (storage, io and services use it), like paths.py.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def atomic_path(final: Path, durable: bool = True) -> Iterator[Path]:
    """Yield a temporary path beside `final`; on success fsync it and rename it over `final`.

    On any error the temporary file is removed and `final` is left as it was. `durable=False`
    skips the disk syncs, for scratch files that are themselves copied into a durable one
    (the report inside a package): on a spinning disk each sync costs tens of milliseconds.
    """
    final = Path(final)
    if final.is_dir():  # named after the folder, not the temporary file the rename would fail on
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(final))
    final.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{final.name}.", suffix=".tmp", dir=final.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    os.chmod(tmp, 0o666 & ~_umask())  # as open() would make it: mkstemp's 0600 hid exported files from others
    try:
        yield tmp
        if durable:
            with open(tmp, "rb+") as handle:
                os.fsync(handle.fileno())
        os.replace(tmp, final)
        if durable:
            fsync_dir(final.parent)
    finally:
        tmp.unlink(missing_ok=True)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def fsync_dir(folder: Path) -> None:
    """Make the rename itself durable (not possible on Windows, where it is a no-op)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def sha256_of(path: Path, chunk: int = 1024 * 1024) -> str:
    """SHA-256 of a file, read in chunks (evidence can be large)."""
    import hashlib  # not at import: start-up time

    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(chunk):
            digest.update(block)
    return digest.hexdigest()
