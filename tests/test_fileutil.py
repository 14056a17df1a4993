"""Atomic file writes: the final name only ever holds a complete file; syncs only where they matter."""

from __future__ import annotations

import os

import pytest

from dti_desktop import fileutil


def _count_syncs(monkeypatch) -> list[int]:
    calls: list[int] = []
    real = os.fsync
    monkeypatch.setattr(fileutil.os, "fsync", lambda fd: calls.append(fd) or real(fd))
    return calls


def test_atomic_write_syncs_the_file_and_its_folder(tmp_path, monkeypatch):
    calls = _count_syncs(monkeypatch)
    with fileutil.atomic_path(tmp_path / "a.txt") as tmp:
        tmp.write_text("xong", encoding="utf-8")
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == "xong"
    assert len(calls) == (2 if os.name == "posix" else 1)


def test_scratch_write_is_still_atomic_but_not_synced(tmp_path, monkeypatch):
    calls = _count_syncs(monkeypatch)
    (tmp_path / "b.txt").write_text("cũ", encoding="utf-8")
    with pytest.raises(RuntimeError):
        with fileutil.atomic_path(tmp_path / "b.txt", durable=False) as tmp:
            tmp.write_text("dở dang", encoding="utf-8")
            raise RuntimeError("hỏng giữa chừng")
    assert (tmp_path / "b.txt").read_text(encoding="utf-8") == "cũ"
    assert [p.name for p in tmp_path.iterdir()] == ["b.txt"]  # no temporary file left behind
    with fileutil.atomic_path(tmp_path / "b.txt", durable=False) as tmp:
        tmp.write_text("mới", encoding="utf-8")
    assert (tmp_path / "b.txt").read_text(encoding="utf-8") == "mới"
    assert calls == []


def test_written_files_are_readable_like_any_new_file(tmp_path):
    """mkstemp makes 0600 files: an exported workbook was unreadable to other users of the machine."""
    import os

    from dti_desktop.fileutil import atomic_path

    with atomic_path(tmp_path / "danh-muc.xlsx") as tmp:
        tmp.write_bytes(b"x")
    mask = os.umask(0)
    os.umask(mask)
    assert (tmp_path / "danh-muc.xlsx").stat().st_mode & 0o777 == 0o666 & ~mask
