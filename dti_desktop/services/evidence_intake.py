"""Evidence files copied into the store before the result that cites them is saved.

Apart from the save so that the window can do it off the GUI thread (four files of 49 MB took 0,5 s of copying
and hashing): a copy is content-addressed, so one made for a save that is then cancelled or refused is an
unreferenced file, harmless, and the same file attached again is not copied twice.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..storage import attachment_store


@dataclass(frozen=True)
class StoredFile:
    """A file now in the store: its content's SHA-256, its size, the name it was chosen under."""

    sha256: str
    size: int
    name: str


def store_files(store: Path, paths: list[Path], progress: Callable[[int, str], None] | None = None,
                cancelled: Callable[[], bool] = lambda: False) -> list[StoredFile] | None:
    """Copy each file into the store (size checked first, for all of them); None when `cancelled()` turned true
    between two files. `progress(i, name)` is told before the i-th file (0-based)."""
    from .workspace import check_attachment_size

    for path in paths:
        check_attachment_size(Path(path))
    stored = []
    for i, path in enumerate(paths):
        if cancelled():
            return None
        if progress is not None:
            progress(i, Path(path).name)
        sha, size = attachment_store.import_file(store, Path(path))
        stored.append(StoredFile(sha, size, Path(path).name))
    return stored
