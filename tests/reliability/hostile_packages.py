"""Hostile packages made from real ones: a unit's package edited as a forger would, its manifest's hashes recomputed
and signed again, with the sender's own key or a fresh one (the forger has no other unit's key).

    content = members(real)                       # every member's bytes
    content = edit_manifest(content, unit="UBND phường Kim Sơn")
    repack(content, out, key=sender_key(unit_db_folder))   # or key=fresh_key(), or key=None: no signature

VARIANTS lists the edits the suite runs (tests/reliability/test_hostile_packages.py); each is a function of the
real package's members returning the hostile members.
"""

from __future__ import annotations

import hashlib
import json
import os
import zipfile
from collections.abc import Callable
from pathlib import Path

from dti_desktop.domain.package import MEMBER_MANIFEST, MEMBER_SIGNATURE
from dti_desktop.io.key_file import key_path, read_key
from dti_desktop.io.signature import KeyPair, new_key, package_signature


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {i.filename: z.read(i) for i in z.infolist()}


def sender_key(unit_folder: Path) -> KeyPair:
    """The key of the installation whose data folder is `unit_folder` (a forger re-signing its own package)."""
    key = read_key(key_path(unit_folder))
    assert key is not None, f"no key in {unit_folder}"
    return key


def key_that_signed(signature: bytes, root: Path) -> KeyPair:
    """The key, among the installations under `root`, whose public key signature.json names."""
    public_key = json.loads(signature)["public_key"]
    for file in Path(root).rglob(key_path(Path()).name):
        key = read_key(file)
        if key is not None and key.public_key == public_key:
            return key
    raise AssertionError(f"no installation under {root} holds the key that signed the package")


def fresh_key() -> KeyPair:
    return new_key()


def repack(content: dict[str, bytes], out: Path, key: KeyPair | None = None, stored: set[str] = frozenset()) -> Path:
    """Write `content` as a package: manifest hashes and sizes recomputed for every other member, then signed by
    `key` (None: no signature member, as an older version wrote). `stored`: members written uncompressed."""
    content = {n: b for n, b in content.items() if n != MEMBER_SIGNATURE}
    manifest = json.loads(content[MEMBER_MANIFEST])
    manifest["members"] = {n: {"sha256": hashlib.sha256(b).hexdigest(), "size": len(b)}
                           for n, b in content.items() if n != MEMBER_MANIFEST}
    content[MEMBER_MANIFEST] = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
    if key is not None:
        content[MEMBER_SIGNATURE] = package_signature(key, content[MEMBER_MANIFEST])
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w") as z:
        for name, data in content.items():
            z.writestr(name, data, compress_type=zipfile.ZIP_STORED if name in stored else zipfile.ZIP_DEFLATED)
    return out


def edit_manifest(content: dict[str, bytes], **changes) -> dict[str, bytes]:
    """Manifest fields replaced ("catalogue.year" reaches inside)."""
    manifest = json.loads(content[MEMBER_MANIFEST])
    for key, value in changes.items():
        outer, _, inner = key.partition(".")
        if inner:
            manifest[outer][inner] = value
        else:
            manifest[key] = value
    return {**content, MEMBER_MANIFEST: json.dumps(manifest, ensure_ascii=False).encode("utf-8")}


def edit_entries(content: dict[str, bytes], change: Callable[[dict], None]) -> dict[str, bytes]:
    """`change(entry)` applied to every entry of data.json."""
    data = json.loads(content["data.json"])
    for entry in data["entries"]:
        change(entry)
    return {**content, "data.json": json.dumps(data, ensure_ascii=False).encode("utf-8")}


def _values(number: float):
    def change(entry: dict) -> None:
        entry["values"] = [{"position": 0, "value": number, "numerator": None, "denominator": None, "text": ""}]
    return change


def _texts(text: str):
    def change(entry: dict) -> None:
        for field in ("evidence_notes", "difficulties", "causes", "proposals"):
            entry[field] = text
    return change


def _unreferenced_evidence(content: dict[str, bytes]) -> dict[str, bytes]:
    blob = os.urandom(60 * 1024 * 1024)  # random: no compression ratio gives it away
    return {**content, "evidence/" + hashlib.sha256(blob).hexdigest(): blob}


BIDI_NAME = "UBND phường Kim\u200b S\u202eơn\u202c"  # a zero-width space and a right-to-left override
MARKUP = '<b>Đạt</b><img src="file:///etc/passwd"><a href="javascript:alert(1)">bấm</a>&lt;script&gt;'

# name -> (edit of the real package's members, what a forger hopes for)
VARIANTS: dict[str, Callable[[dict[str, bytes]], dict[str, bytes]]] = {
    "ten-don-vi-khac": lambda c: edit_manifest(c, unit="UBND phường Kim Sơn", revision=2, reopen_reason="Sửa số liệu"),
    "lan-gui-r999": lambda c: edit_manifest(c, revision=999),
    "lui-ngay-lap": lambda c: edit_manifest(c, created_at="2025-03-01T08:00:00+07:00"),
    "ky-tuong-lai": lambda c: edit_manifest(c, period="2025-12"),
    "so-1e12": lambda c: edit_entries(c, _values(1e12)),
    "so-1e-300": lambda c: edit_entries(c, _values(1e-300)),
    "minh-chung-60mb-khong-dung": _unreferenced_evidence,
    "ten-co-ky-tu-dieu-huong": lambda c: edit_manifest(c, unit=BIDI_NAME),
    "ma-html-trong-chu": lambda c: edit_entries(c, _texts(MARKUP)),
}
