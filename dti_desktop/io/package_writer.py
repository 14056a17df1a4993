"""Writing a submission package: a zip with manifest.json, data.json, bao-cao.xlsx, evidence/."""

from __future__ import annotations

import hashlib
import io
import json
import tempfile
import zipfile
from dataclasses import replace
from pathlib import Path

from ..domain.package import (
    EVIDENCE_PREFIX,
    MEMBER_DATA,
    MEMBER_MANIFEST,
    MEMBER_PDF,
    MEMBER_WORKBOOK,
    Manifest,
    PackageData,
    entry_to_dict,
)
from ..fileutil import atomic_path

_CHUNK = 1024 * 1024


def _json_bytes(obj) -> bytes:
    return json.dumps(obj, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")


def _add_bytes(archive: zipfile.ZipFile, name: str, data: bytes, members: dict) -> None:
    archive.writestr(_info(name), data, compress_type=zipfile.ZIP_DEFLATED)
    members[name] = {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}


def _add_file(archive: zipfile.ZipFile, name: str, source: Path, members: dict, compress: int) -> None:
    digest, size = hashlib.sha256(), 0
    with open(source, "rb") as src, archive.open(_info(name, compress), "w", force_zip64=True) as dst:
        while chunk := src.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
            dst.write(chunk)
    members[name] = {"sha256": digest.hexdigest(), "size": size}


def _info(name: str, compress: int = zipfile.ZIP_DEFLATED) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0))
    info.compress_type = compress
    info.external_attr = 0o644 << 16  # a plain file, never a link
    return info


class _HashingStream(io.RawIOBase):
    """Write-only, forward-only: zipfile then writes each member once (sizes in a trailing data
    descriptor instead of seeking back), so the package's SHA-256 is known when it is written,
    without reading tens of megabytes of evidence back."""

    def __init__(self, raw) -> None:
        super().__init__()
        self._raw, self._position, self.digest = raw, 0, hashlib.sha256()

    def writable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return False

    def tell(self) -> int:
        return self._position

    def write(self, data) -> int:
        self._raw.write(data)
        self.digest.update(data)
        self._position += len(data)
        return len(data)

    def flush(self) -> None:
        self._raw.flush()


def write_package(path: Path, manifest: Manifest, data: PackageData, write_workbook,
                  evidence: dict[str, Path], pdf: Path | None = None) -> tuple[Manifest, str]:
    """Write the package atomically; returns the manifest with every member's hash and size, and
    the SHA-256 of the package file itself.

    `write_workbook(path)` writes bao-cao.xlsx; `evidence` maps SHA-256 -> stored file.
    Evidence is stored uncompressed (photos and PDFs are compressed already).
    """
    members: dict[str, dict] = {}
    with atomic_path(Path(path)) as tmp, open(tmp, "wb") as raw:
        stream = _HashingStream(raw)
        with zipfile.ZipFile(stream, "w", allowZip64=True) as archive:
            _write_members(archive, manifest, data, write_workbook, evidence, pdf, members)
        manifest = replace(manifest, members=members)
    return manifest, stream.digest.hexdigest()


def _write_members(archive: zipfile.ZipFile, manifest: Manifest, data: PackageData, write_workbook,
                   evidence: dict[str, Path], pdf: Path | None, members: dict) -> None:
    _add_bytes(archive, MEMBER_DATA, _json_bytes({"entries": [entry_to_dict(e) for e in data.entries]}), members)
    with tempfile.TemporaryDirectory() as work:
        workbook = Path(work) / MEMBER_WORKBOOK
        write_workbook(workbook)
        _add_file(archive, MEMBER_WORKBOOK, workbook, members, zipfile.ZIP_DEFLATED)
    if pdf is not None:
        _add_file(archive, MEMBER_PDF, pdf, members, zipfile.ZIP_DEFLATED)
    for sha, source in sorted(evidence.items()):
        _add_file(archive, EVIDENCE_PREFIX + sha, source, members, zipfile.ZIP_STORED)
    archive.writestr(_info(MEMBER_MANIFEST), _json_bytes(replace(manifest, members=members).to_dict()))
