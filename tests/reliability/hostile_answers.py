"""Hostile answer files made from real ones: an office's answer edited as a forger would, then signed again with the
office's own key (a forger holding it), a fresh key, or left with its old signature.

    obj = fields(real_answer_path)                    # the signed fields, signature dropped
    write(out, edited(obj, state="tra_lai"), key)     # key: the office's (sender_key), fresh_key(), or None (kept)

VARIANTS lists the edits tests/reliability/test_hostile_answers.py runs with the signature left as it was.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from dti_desktop.io.signature import ANSWER_DOMAIN, KeyPair, canonical, sign


def fields(path: Path) -> dict:
    """The answer's fields and its signature (under "signature")."""
    return json.loads(Path(path).read_text(encoding="utf-8"))


def edited(obj: dict, **changes) -> dict:
    """Fields replaced, the signature kept as it was (re-signed only when write() gets a key)."""
    return {**obj, **changes}


def write(out: Path, obj: dict, key: KeyPair | None = None) -> Path:
    """`obj` as an answer file; signed again by `key` (its public key put in office_public_key) when given."""
    if key is not None:
        obj = {k: v for k, v in obj.items() if k != "signature"} | {"office_public_key": key.public_key}
        obj["signature"] = sign(key, ANSWER_DOMAIN, canonical(obj))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(json.dumps(obj, ensure_ascii=False, indent=1).encode("utf-8"))
    return out


# name -> edit of the real answer's fields, kept with its old signature: each makes the signature fail
VARIANTS: dict[str, Callable[[dict], dict]] = {
    "doi-trang-thai": lambda o: edited(o, state="tiep_nhan" if o["state"] == "tra_lai" else "tra_lai",
                                       note="Sai số liệu"),
    "doi-don-vi": lambda o: edited(o, unit="UBND phường Kim Sơn"),
    "doi-lan-gui": lambda o: edited(o, revision=o["revision"] + 1),
    "doi-ngay": lambda o: edited(o, answered_at="2025-03-30T08:00:00+07:00"),
    "them-nhan-xet": lambda o: edited(o, comments=o["comments"] + [{"code": "1", "text": "Làm lại"}]),
}
