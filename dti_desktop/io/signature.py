"""Ed25519 signatures (PyNaCl, libsodium): an installation's key, a package's signature member, signed files.

What is signed is always a short domain string, a NUL and a SHA-256 digest (of a package's manifest.json, of a
file) or of canonical JSON (an enrolment, a hand-over): a signature made for one kind of thing can never be
passed off as another's. Nothing here touches the database; PyNaCl is imported on first use (start-up time).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass

ALGORITHM = "Ed25519"
SIGNATURE_FORMAT = "dti-chu-ky/1"
PACKAGE_DOMAIN = b"DTI goi bao cao/1\x00"  # what a package's signature covers: this, then SHA-256(manifest.json)
FILE_DOMAIN = b"DTI tep/1\x00"  # a detached signature of a file (the office's catalogue workbook)
STATEMENT_DOMAIN = b"DTI khoa/1\x00"  # an enrolment or a hand-over: canonical JSON of its fields
ANSWER_DOMAIN = b"DTI tra loi/1\x00"  # the office's answer to a package (io/answer_file.py): canonical JSON
MAX_SIGNATURE_BYTES = 4096
_HEX = re.compile(r"^[0-9a-f]+$")


class SignatureError(ValueError):
    """A signature or key that does not hold: str(e) says why, in Vietnamese."""


@dataclass(frozen=True)
class KeyPair:
    """An installation's signing key: the 32-byte seed (secret) and its public key, both hex."""

    seed: str
    public_key: str

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_key)


def fingerprint(public_key: str) -> str:
    """The short form read out by phone: 16 hex digits of the key's SHA-256 in four groups ("3F7A 09C2 B1E4 5D20").
    64 bits: no one can make another key with the same fingerprint."""
    digest = hashlib.sha256(bytes.fromhex(public_key)).hexdigest()[:16].upper()
    return " ".join(digest[i:i + 4] for i in range(0, 16, 4))


def new_key() -> KeyPair:
    from nacl.signing import SigningKey

    key = SigningKey.generate()
    return KeyPair(bytes(key).hex(), bytes(key.verify_key).hex())


def key_from_seed(seed: str) -> KeyPair:
    """The key pair of a stored seed; SignatureError when the seed is not one."""
    from nacl.signing import SigningKey

    if not isinstance(seed, str) or len(seed) != 64 or not _HEX.match(seed):
        raise SignatureError("khóa ký không đúng dạng (cần 64 chữ số thập lục phân).")
    key = SigningKey(bytes.fromhex(seed))
    return KeyPair(seed, bytes(key.verify_key).hex())


def sign(key: KeyPair, domain: bytes, payload: bytes) -> str:
    from nacl.signing import SigningKey

    return SigningKey(bytes.fromhex(key.seed)).sign(domain + payload).signature.hex()


def check_public_key(value: object) -> str:
    if not isinstance(value, str) or len(value) != 64 or not _HEX.match(value):
        raise SignatureError("khóa công khai không đúng dạng.")
    return value


def verify(public_key: str, domain: bytes, payload: bytes, signature: object) -> None:
    """Nothing when `signature` is `public_key`'s over domain + payload; SignatureError otherwise."""
    from nacl.bindings import (
        crypto_sign_open,  # libsodium's call itself: an import checks one per package
    )
    from nacl.exceptions import BadSignatureError, CryptoError

    if not isinstance(signature, str) or len(signature) != 128 or not _HEX.match(signature):
        raise SignatureError("chữ ký không đúng dạng.")
    try:
        crypto_sign_open(bytes.fromhex(signature) + domain + payload, bytes.fromhex(check_public_key(public_key)))
    except (BadSignatureError, CryptoError, ValueError, TypeError):
        raise SignatureError("chữ ký không khớp với nội dung.") from None


# -- a package's signature member --------------------------------------------------------------------------
def package_signature(key: KeyPair, manifest_bytes: bytes) -> bytes:
    """signature.json of a package: the signer's public key and its signature over the manifest's SHA-256 (the
    manifest holds the SHA-256 and size of every other member, so the whole package is covered)."""
    digest = hashlib.sha256(manifest_bytes).digest()
    return _json({"format": SIGNATURE_FORMAT, "algorithm": ALGORITHM, "public_key": key.public_key,
                  "signed": "manifest.json", "manifest_sha256": digest.hex(),
                  "signature": sign(key, PACKAGE_DOMAIN, digest)})


def package_signer(raw: bytes, manifest_bytes: bytes) -> str:
    """The public key that signed this manifest; SignatureError when signature.json does not hold."""
    obj = _parse(raw)
    if obj.get("format") != SIGNATURE_FORMAT or obj.get("algorithm") != ALGORITHM:
        raise SignatureError(f"chữ ký dạng lạ ({str(obj.get('format'))[:40]}, {str(obj.get('algorithm'))[:20]}).")
    digest = hashlib.sha256(manifest_bytes).digest()
    if obj.get("manifest_sha256") != digest.hex():
        raise SignatureError("chữ ký không phải của bảng kê khai (manifest.json) này: gói đã bị sửa sau khi ký.")
    public_key = check_public_key(obj.get("public_key"))
    try:
        verify(public_key, PACKAGE_DOMAIN, digest, obj.get("signature"))
    except SignatureError:
        raise SignatureError("chữ ký không khớp với nội dung gói: gói đã bị sửa sau khi ký.") from None
    return public_key


# -- statements: enrolment and hand-over files, detached file signatures -----------------------------------
def signed_statement(key: KeyPair, fields: dict) -> bytes:
    """fields plus the signature of `key` over their canonical JSON."""
    return _json({**fields, "signature": sign(key, STATEMENT_DOMAIN, canonical(fields))})


def statement_fields(raw: bytes, signer_field: str) -> dict:
    """The fields of a signed statement whose signature by the key in `signer_field` holds; SignatureError else."""
    obj = _parse(raw)
    signature = obj.pop("signature", None)
    verify(check_public_key(obj.get(signer_field)), STATEMENT_DOMAIN, canonical(obj), signature)
    return obj


def file_signature(key: KeyPair, content: bytes, fields: dict) -> bytes:
    """A detached signature of a file's bytes, with `fields` (who signs, the file's name) bound to it."""
    body = {**fields, "format": SIGNATURE_FORMAT, "algorithm": ALGORITHM, "public_key": key.public_key,
            "sha256": hashlib.sha256(content).hexdigest(), "size": len(content)}
    return _json({**body, "signature": sign(key, FILE_DOMAIN, canonical(body))})


def file_signer(raw: bytes, content: bytes) -> dict:
    """The fields of a detached signature that holds for `content` (public_key among them); SignatureError else."""
    obj = _parse(raw)
    signature = obj.pop("signature", None)
    if obj.get("format") != SIGNATURE_FORMAT or obj.get("algorithm") != ALGORITHM:
        raise SignatureError("tệp chữ ký dạng lạ.")
    if obj.get("sha256") != hashlib.sha256(content).hexdigest() or obj.get("size") != len(content):
        raise SignatureError("tệp đã bị sửa sau khi ký (nội dung không còn khớp chữ ký).")
    verify(check_public_key(obj.get("public_key")), FILE_DOMAIN, canonical(obj), signature)
    return obj


def canonical(fields: dict) -> bytes:
    return json.dumps(fields, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def _json(obj: dict) -> bytes:
    return json.dumps(obj, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")


def _parse(raw: bytes) -> dict:
    if len(raw) > MAX_SIGNATURE_BYTES:
        raise SignatureError("tệp chữ ký quá lớn.")
    try:
        obj = json.loads(raw.decode("utf-8"))
    except (ValueError, RecursionError):
        raise SignatureError("tệp chữ ký không phải JSON hợp lệ.") from None
    if not isinstance(obj, dict):
        raise SignatureError("tệp chữ ký không phải một đối tượng JSON.")
    return obj


def read_package_signature(archive, manifest_bytes: bytes) -> tuple[str | None, str]:
    """(signer's public key, "") when the open package's signature.json holds for its manifest; (None, "") when
    it has none (an older version's package); (None, why) when it does not hold."""
    from ..domain.package import MEMBER_SIGNATURE

    try:
        info = archive.getinfo(MEMBER_SIGNATURE)
    except KeyError:
        return None, ""
    if info.file_size > MAX_SIGNATURE_BYTES:
        return None, "tệp chữ ký (signature.json) quá lớn."
    with archive.open(info) as handle:
        raw = handle.read(MAX_SIGNATURE_BYTES + 1)
    try:
        return package_signer(raw, manifest_bytes), ""
    except SignatureError as error:
        return None, str(error)
