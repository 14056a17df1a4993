"""Answer files (".dtitraloi"): the office's signed answer to one package, UTF-8 JSON.

The signature is Ed25519 over "DTI tra loi/1\\0" + the canonical JSON of every other field, by the key the file names
(office_public_key); whether that key is the office's the unit pinned is the service's to judge (services/answer_intake).
Written to a temporary name, then renamed; read with a size limit before anything is parsed.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from ..domain.answer import Answer, AnswerFormatError, read_answer
from ..domain.errors import KnownError
from ..fileutil import atomic_path
from .signature import ANSWER_DOMAIN, KeyPair, SignatureError, _json, canonical, sign, verify

MAX_BYTES = 2 * 1024 * 1024  # 500 comments of a few lines each fit many times over


class AnswerFileError(KnownError):
    """An answer file that cannot be read or whose signature does not hold; str(e) says why, in Vietnamese. A known
    error (the one error model): a file refused is told, never logged as a bug."""


def answer_bytes(key: KeyPair, answer: Answer) -> bytes:
    """The file's content: the answer's fields and the office's signature over them."""
    fields = answer.fields()
    return _json({**fields, "signature": sign(key, ANSWER_DOMAIN, canonical(fields))})


def write_bytes(path: Path, content: bytes) -> Path:
    """`content` written to `path` by a temporary file and a rename (a stick pulled out leaves no half answer)."""
    path = Path(path)
    with atomic_path(path) as tmp:
        tmp.write_bytes(content)
    return path


def read_answer_file(path: Path) -> tuple[Answer, str]:
    """(the answer, the file's SHA-256) when the file is an answer whose signature by the key it names holds;
    AnswerFileError saying why not."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_BYTES:
            raise AnswerFileError(f"{path.name} quá lớn ({path.stat().st_size // 1024} KB), không phải tệp trả lời.")
        raw = path.read_bytes()
    except OSError as error:
        raise AnswerFileError(f"Không đọc được {path.name}: {error.strerror or error}.") from None
    return parse(raw, path.name), hashlib.sha256(raw).hexdigest()


def parse(raw: bytes, name: str) -> Answer:
    """An answer from the bytes of its file, its signature checked."""
    try:
        obj = json.loads(raw.decode("utf-8"))
    except (UnicodeError, ValueError, RecursionError):
        raise AnswerFileError(f"{name} không phải tệp trả lời của DTI Desktop (không phải JSON UTF-8).") from None
    if not isinstance(obj, dict) or obj.get("format") != "dti-answer/1":
        raise AnswerFileError(f"{name} không phải tệp trả lời của DTI Desktop (định dạng dti-answer/1).")
    signature = obj.pop("signature", None)
    try:
        verify(obj.get("office_public_key"), ANSWER_DOMAIN, canonical(obj), signature)
    except SignatureError as error:
        raise AnswerFileError(f"{name}: chữ ký của tệp trả lời không hợp lệ ({str(error).rstrip('.')}): tệp đã bị sửa "
                              "hoặc không phải do cơ quan tổng hợp lập.") from None
    try:
        return read_answer(obj)
    except AnswerFormatError as error:
        raise AnswerFileError(f"{name}: {error}.") from None
