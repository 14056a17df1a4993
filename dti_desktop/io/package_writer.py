"""Writing a submission package: a zip with manifest.json, data.json, bao-cao.xlsx, bao-cao.pdf, evidence/."""

from __future__ import annotations

import hashlib
import io
import json
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from ..domain.package import (
    EVIDENCE_PREFIX,
    MEMBER_DATA,
    MEMBER_MANIFEST,
    MEMBER_SIGNATURE,
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


class EvidenceMismatchError(Exception):
    """A stored evidence file no longer hashes to the SHA-256 it is filed under: damaged on disk or changed
    outside the program. Sent as it is, the office would receive other bytes than the officer attached."""

    def __init__(self, sha256: str) -> None:
        super().__init__(sha256)
        self.sha256 = sha256


def _add_file(archive: zipfile.ZipFile, name: str, source: Path, members: dict, compress: int,
              expected: str | None = None) -> None:
    digest, size = hashlib.sha256(), 0
    with open(source, "rb") as src, archive.open(_info(name, compress), "w", force_zip64=True) as dst:
        while chunk := src.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
            dst.write(chunk)
    if expected is not None and digest.hexdigest() != expected:
        raise EvidenceMismatchError(expected)
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


def write_package(path: Path, manifest: Manifest, data: PackageData,
                  make_documents: Callable[[Path], dict[str, Path]], evidence: dict[str, Path],
                  signer=None) -> tuple[Manifest, str]:
    """Write the package atomically; returns the manifest with every member's hash and size, and
    the SHA-256 of the package file itself.

    `make_documents(folder)` writes the report files into a scratch folder and returns them by member
    name (bao-cao.xlsx, bao-cao.pdf); `evidence` maps SHA-256 -> stored file, stored uncompressed
    (photos and PDFs are compressed already) and checked against its SHA-256 as it is copied
    (EvidenceMismatchError: nothing is written). Everything is written on the calling thread: a second
    thread copying the evidence during the page layout was measured and gains next to nothing, since
    PySide6 keeps the interpreter's lock through Qt's long layout calls (docs/performance.md).
    `signer` (io.signature.KeyPair): signature.json, its signature over the manifest, is written last.
    """
    members: dict[str, dict] = {}
    with atomic_path(Path(path)) as tmp, open(tmp, "wb") as raw, tempfile.TemporaryDirectory() as work:
        stream = _HashingStream(raw)
        with zipfile.ZipFile(stream, "w", allowZip64=True) as archive:
            _add_bytes(archive, MEMBER_DATA, _json_bytes({"entries": [entry_to_dict(e) for e in data.entries]}),
                       members)
            for name, file in make_documents(Path(work)).items():
                _add_file(archive, name, file, members, zipfile.ZIP_DEFLATED)
            for sha, source in sorted(evidence.items()):
                _add_file(archive, EVIDENCE_PREFIX + sha, source, members, zipfile.ZIP_STORED, expected=sha)
            manifest = replace(manifest, members=members)
            manifest_bytes = _json_bytes(manifest.to_dict())
            archive.writestr(_info(MEMBER_MANIFEST), manifest_bytes)
            if signer is not None:
                from .signature import package_signature

                archive.writestr(_info(MEMBER_SIGNATURE), package_signature(signer, manifest_bytes))
    return manifest, stream.digest.hexdigest()
