"""Verifying a package without trusting it: zip structure, names, sizes, hashes, JSON shape.

Every loop and read is bounded; nothing is extracted by name (paths are never
taken from the archive), so a hostile zip cannot write outside the store.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import stat
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from ..domain.package import (
    EVIDENCE_PREFIX,
    MEMBER_DATA,
    MEMBER_MANIFEST,
    MEMBER_SIGNATURE,
    Manifest,
    PackageData,
    PackageFormatError,
    allowed_member,
    read_data,
    read_manifest,
)
from ..fileutil import atomic_path, sha256_of
from ..domain.errors import KnownError, describe_os_error

MAX_PACKAGE_BYTES = 300 * 1024 * 1024
MAX_UNPACKED_BYTES = 1024 * 1024 * 1024
MAX_MEMBERS = 2000
MAX_JSON_BYTES = 20 * 1024 * 1024
READ_WHOLE_BYTES = 32 * 1024 * 1024  # smaller packages are read into memory once, larger ones streamed
MAX_RATIO = 200  # uncompressed / compressed, for members over 1 MB
_CHUNK = 1024 * 1024


class PackageError(KnownError):
    """A package was refused; str(e) says why, in Vietnamese, naming the file."""

    def __init__(self, file: Path, reason: str):
        self.file, self.reason = Path(file), reason
        super().__init__(f"{Path(file).name}: {reason}")

    def line(self) -> str:
        return f"Gói bị từ chối: {self}"


@dataclass(frozen=True)
class VerifiedPackage:
    """A package whose structure, hashes and JSON were all checked."""

    path: Path
    sha256: str
    manifest: Manifest
    data: PackageData
    signer: str | None = None  # public key (hex) whose signature over manifest.json holds; None: unsigned
    signature_problem: str = ""  # why signature.json does not hold (checked by services.trust, which refuses)


def _check_names(path: Path, infos: list[zipfile.ZipInfo]) -> None:
    seen = set()
    for info in infos:
        name = info.filename
        if name.startswith(("/", "\\")) or ":" in name or "\\" in name or ".." in name.split("/"):
            raise PackageError(path, f"gói chứa đường dẫn không an toàn “{name[:100]}”; đã từ chối.")
        if stat.S_ISLNK(info.external_attr >> 16):
            raise PackageError(path, f"gói chứa liên kết (symlink) “{name[:100]}”; đã từ chối.")
        if not allowed_member(name):
            raise PackageError(path, f"gói chứa thành phần lạ “{name[:100]}”; đã từ chối.")
        if name in seen:
            raise PackageError(path, f"thành phần “{name[:100]}” xuất hiện hai lần.")
        seen.add(name)


def _check_sizes(path: Path, infos: list[zipfile.ZipInfo]) -> None:
    if len(infos) > MAX_MEMBERS:
        raise PackageError(path, f"gói có quá nhiều thành phần ({len(infos)}, tối đa {MAX_MEMBERS}).")
    if sum(i.file_size for i in infos) > MAX_UNPACKED_BYTES:
        raise PackageError(path, "gói giải nén ra quá lớn (nghi là tệp độc hại); đã từ chối.")
    for info in infos:
        if info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise PackageError(path, f"thành phần “{info.filename[:100]}” nén bất thường (nghi là bom nén); đã từ chối.")


def _read_json_bytes(path: Path, archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """A JSON member's bytes, at most MAX_JSON_BYTES (+1: a member lying about its size is caught)."""
    if info.file_size > MAX_JSON_BYTES:
        raise PackageError(path, f"{info.filename} quá lớn.")
    with archive.open(info) as handle:
        return handle.read(MAX_JSON_BYTES + 1)


def _read_json(path: Path, archive: zipfile.ZipFile, name: str) -> tuple[bytes, object]:
    raw = _read_json_bytes(path, archive, archive.getinfo(name))
    return raw, _parse_json(path, name, raw)


def _parse_json(path: Path, name: str, raw: bytes) -> object:
    try:
        return json.loads(raw.decode("utf-8"))
    except (ValueError, RecursionError) as error:  # also numbers of thousands of digits, nesting thousands deep
        raise PackageError(path, f"{name} không phải JSON hợp lệ ({error.__class__.__name__}).") from None


# In the raw JSON, the only ways to spell a control character (tab and line breaks aside) or half a surrogate
# pair: \u00XX below 0x20, \u007f, \b, \f, \uD800-\uDFFF, and DEL written as itself (JSON refuses the other
# control characters written as themselves, UTF-8 cannot hold a surrogate). Packages that spell none are read in
# one sweep, without searching their long texts again.
_ESCAPED_ODDITY = re.compile(rb"\\(?:u00[01][0-9a-fA-F]|u007[fF]|[bf]|u[dD][89a-fA-F])")  # begins with "\\": fast


def _odd(raw: bytes) -> bool:
    return b"\x7f" in raw or _ESCAPED_ODDITY.search(raw) is not None


def _member_hash(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    with archive.open(info) as handle:
        while chunk := handle.read(_CHUNK):
            size += len(chunk)
            if size > limit:
                break
            digest.update(chunk)
    return digest.hexdigest(), size


_EOCD = struct.Struct("<4s4H2LH")  # end of central directory record
_ZIP64_LOCATOR = struct.Struct("<4sLQL")
_ZIP64_EOCD = struct.Struct("<4sQ2H2L4Q")
MAX_DIRECTORY_BYTES = MAX_MEMBERS * 1024  # the zip's index: 2000 entries with long names at most


def _directory_size(path: Path, size: int, raw: bytes | None = None) -> tuple[int, int] | None:
    """(entries, bytes) of the zip's central directory, read from its end records before the zip is opened:
    zipfile reads the whole index into memory, and a package under the size limit can list millions of
    entries (27 s and 2,3 GB before the member count was checked). The larger of the plain and the zip64
    figures counts: zipfile trusts a zip64 record placed before the end record whatever the plain one says.
    None when no end record is found (zipfile then reports the damage). `raw`: the whole file, already read."""
    if raw is not None:
        return _directory_in(raw, 0, lambda offset: raw[offset:offset + _ZIP64_EOCD.size])
    with open(path, "rb") as handle:
        tail_size = min(size, _EOCD.size + 65535 + _ZIP64_LOCATOR.size)
        handle.seek(size - tail_size)
        tail = handle.read(tail_size)

        def record_at(offset: int) -> bytes:
            handle.seek(offset)
            return handle.read(_ZIP64_EOCD.size)

        return _directory_in(tail, size - tail_size, record_at)


def _directory_in(tail: bytes, tail_offset: int, record_at) -> tuple[int, int] | None:
    """The end records found in `tail` (the file's last bytes, starting at `tail_offset` in it)."""
    size = tail_offset + len(tail)
    at = tail.rfind(b"PK\x05\x06", max(0, len(tail) - (_EOCD.size + 65535 + _ZIP64_LOCATOR.size)))
    if at < 0 or at + _EOCD.size > len(tail):
        return None
    _, _, _, entries_here, entries, directory, _, _ = _EOCD.unpack_from(tail, at)
    entries = max(entries, entries_here)
    locator = at - _ZIP64_LOCATOR.size
    if locator >= 0 and tail[locator:locator + 4] == b"PK\x06\x07":
        _, _, offset, _ = _ZIP64_LOCATOR.unpack_from(tail, locator)
        if offset <= size - _ZIP64_EOCD.size:
            record = record_at(offset)
            if len(record) == _ZIP64_EOCD.size and record[:4] == b"PK\x06\x06":
                fields = _ZIP64_EOCD.unpack(record)  # [6] entries on this disk, [7] in all, [8] index bytes
                entries, directory = max(entries, fields[6], fields[7]), max(directory, fields[8])
    return entries, directory


def verify_package(path: Path | str) -> VerifiedPackage:
    """Check everything; raises PackageError with the first reason found."""
    path = Path(path)
    if path.is_dir():
        raise PackageError(path, "đây là một thư mục, không phải gói báo cáo (.dtipkg).")
    if not path.is_file():
        raise PackageError(path, "không tìm thấy tệp.")
    size = path.stat().st_size
    if size == 0:
        raise PackageError(path, "tệp rỗng (0 byte).")
    if size > MAX_PACKAGE_BYTES:
        raise PackageError(path, f"tệp quá lớn ({size // 1024 // 1024} MB).")
    try:
        raw = path.read_bytes() if size <= READ_WHOLE_BYTES else None  # most packages: read once
        counted = _directory_size(path, size, raw)
        if counted is not None and (counted[0] > MAX_MEMBERS or counted[1] > MAX_DIRECTORY_BYTES):
            raise PackageError(path, f"gói có quá nhiều thành phần ({counted[0]}, tối đa {MAX_MEMBERS}).")
        if raw is not None:  # the hash is of the very bytes checked
            with zipfile.ZipFile(io.BytesIO(raw)) as archive:
                return _verify_open(path, archive, lambda: hashlib.sha256(raw).hexdigest())
        with zipfile.ZipFile(path) as archive:
            return _verify_open(path, archive, lambda: sha256_of(path))
    except zipfile.BadZipFile:
        raise PackageError(path, "không phải gói báo cáo hợp lệ: tệp bị hỏng, bị cắt cụt hoặc không phải tệp nén zip.") from None
    except (zlib.error, struct.error, ValueError, OverflowError) as error:
        raise PackageError(path, f"tệp bị hỏng, dữ liệu nén không đọc được ({error.__class__.__name__}).") from None
    except OSError as error:
        raise PackageError(path, f"không đọc được gói ({describe_os_error(error)}).") from None
    except (EOFError, NotImplementedError, RuntimeError) as error:  # e.g. an encrypted or unknown compression
        raise PackageError(path, f"không đọc được gói (dạng nén không hỗ trợ: {error.__class__.__name__}).") from None
    except MemoryError:
        raise PackageError(path, "gói cần quá nhiều bộ nhớ để đọc (nghi là tệp độc hại); đã từ chối.") from None


def _verify_open(path: Path, archive: zipfile.ZipFile, package_sha256) -> VerifiedPackage:
    infos = archive.infolist()
    _check_sizes(path, infos)
    _check_names(path, infos)
    names = {i.filename for i in infos}
    for required in (MEMBER_MANIFEST, MEMBER_DATA):
        if required not in names:
            raise PackageError(path, f"thiếu thành phần {required}.")
    manifest_bytes, raw_manifest = _read_json(path, archive, MEMBER_MANIFEST)
    try:
        manifest = read_manifest(raw_manifest)
    except PackageFormatError as error:
        raise PackageError(path, str(error)) from None
    listed = set(manifest.members) - {MEMBER_SIGNATURE}  # it signs the manifest: the manifest cannot hash it
    present = names - {MEMBER_MANIFEST, MEMBER_SIGNATURE}
    if missing := sorted(listed - present):
        raise PackageError(path, f"thiếu thành phần được kê khai: {', '.join(m[:80] for m in missing[:5])}.")
    if extra := sorted(present - listed):
        raise PackageError(path, f"có thành phần không được kê khai: {', '.join(m[:80] for m in extra[:5])}.")
    data_bytes = b""
    for info in infos:
        if info.filename in (MEMBER_MANIFEST, MEMBER_SIGNATURE):
            continue
        expected = manifest.members[info.filename]
        if info.filename.startswith(EVIDENCE_PREFIX) and expected["sha256"] != info.filename[len(EVIDENCE_PREFIX):]:
            raise PackageError(path, f"tệp minh chứng {info.filename[len(EVIDENCE_PREFIX):][:12]}… không khớp mã "
                                     "SHA-256 mang trong tên (gói đã bị sửa hoặc tệp hỏng từ máy gửi).")
        if info.filename == MEMBER_DATA:  # read once: hashed, then parsed from the same bytes
            data_bytes = _read_json_bytes(path, archive, info)
            digest, size = hashlib.sha256(data_bytes).hexdigest(), len(data_bytes)
        else:
            digest, size = _member_hash(archive, info, expected["size"])
        if size != expected["size"] or digest != expected["sha256"]:
            raise PackageError(path, f"thành phần {info.filename[:100]} không khớp mã kiểm tra SHA-256 "
                                     "(gói đã bị sửa hoặc hỏng).")
    raw_data = _parse_json(path, MEMBER_DATA, data_bytes)
    try:
        odd = _odd(data_bytes)
        data = read_data(raw_data, strict=odd, clean=not odd)
    except PackageFormatError as error:
        raise PackageError(path, str(error)) from None
    cited = set()
    for entry in data.entries:
        for ref in entry.evidence:
            if EVIDENCE_PREFIX + ref.sha256 not in names:
                raise PackageError(path, f"thiếu tệp minh chứng “{ref.name[:100]}” của chỉ tiêu {entry.code}.")
            cited.add(EVIDENCE_PREFIX + ref.sha256)
    if uncited := sorted(n for n in names if n.startswith(EVIDENCE_PREFIX) and n not in cited):
        # stored at the office, it would be shown nowhere and never removed (60 MB from a 441 KB package)
        raise PackageError(path, f"gói chứa {len(uncited)} tệp minh chứng không thuộc kết quả nào "
                                 f"({uncited[0][len(EVIDENCE_PREFIX):][:12]}…); đã từ chối.")
    from .signature import read_package_signature

    signer, problem = read_package_signature(archive, manifest_bytes)
    return VerifiedPackage(path, package_sha256(), manifest, data, signer, problem)


def extract_evidence(package: VerifiedPackage, store: Path, stored_path, intact) -> int:
    """Copy the package's evidence into the content-addressed store; returns files added.

    A stored file that `intact(path, sha)` accepts is kept; any other is re-hashed while copied and renamed into
    place only when it matches (so a damaged stored copy is replaced by the package's).
    """
    added = 0
    if not any(name.startswith(EVIDENCE_PREFIX) for name in package.manifest.members):
        return 0
    try:
        archive = zipfile.ZipFile(package.path)
    except (OSError, zipfile.BadZipFile) as error:
        raise PackageError(package.path, f"gói thay đổi trong khi nhập ({error.__class__.__name__}); hãy nhập lại.") from None
    with archive:
        for name in package.manifest.members:
            if not name.startswith(EVIDENCE_PREFIX):
                continue
            sha = name[len(EVIDENCE_PREFIX):]
            target = stored_path(store, sha)
            if intact(target, sha):  # a file left damaged earlier is replaced by the package's intact one
                continue
            with atomic_path(target) as tmp:
                digest = hashlib.sha256()
                try:  # the file is opened again: it may have changed on the stick since it was checked
                    with archive.open(name) as src, open(tmp, "wb") as dst:
                        while chunk := src.read(_CHUNK):
                            digest.update(chunk)
                            dst.write(chunk)
                except (KeyError, zipfile.BadZipFile, zlib.error, EOFError) as error:
                    raise PackageError(package.path, f"gói thay đổi trong khi nhập ({error.__class__.__name__}); "
                                                     "hãy nhập lại.") from None
                if digest.hexdigest() != sha:
                    raise PackageError(package.path, f"tệp minh chứng {sha[:12]}… thay đổi khi giải nén.")
            added += 1
    return added
