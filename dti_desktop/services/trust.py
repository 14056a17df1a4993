"""Who sent it: signing what this installation sends, and binding each sender to its key (docs/security.md).

A unit signs every package with its installation's key (io/key_file.py). The office pins a unit's public key the
first time it accepts a signed package from it, or from the enrolment file the unit exports; afterwards a package
under that unit's name signed by any other key, or unsigned, is refused. A unit moving to a new computer hands
over with a file its old key signs; otherwise the office re-pins explicitly, with a reason. Every pin is recorded.
The office signs its catalogue workbooks (a detached "<tệp>.chuky"); a unit checks them and pins the office's key.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .. import __version__
from ..domain.dates import display_date, display_moment
from ..domain.errors import BadInput
from ..domain.text import clean, fold, name_key, same_area
from ..storage import key_store
from ..storage.clock import now_iso
from ..storage.errors import ConflictError, NotFoundError, known_errors

if TYPE_CHECKING:  # sqlite-utils is imported only when first needed (start-up time)
    import sqlite_utils

    from ..io.package_reader import VerifiedPackage
    from ..io.signature import KeyPair

ENROL_SUFFIX = ".dtikhoa"
ENROL_FORMAT = "dti-dang-ky-khoa/1"
FILE_SIGNATURE_SUFFIX = ".chuky"
MAX_KEY_FILE_BYTES = 4096
HOW_LABELS = {"goi_dau_tien": "gói đầu tiên", "tep_dau_tien": "tệp ký đầu tiên", "tep_dang_ky": "tệp đăng ký khóa",
              "ban_giao": "bàn giao từ máy cũ", "ghim_lai": "ghim lại", "gop": "gộp đơn vị"}
ACTION_LABELS = {"ghi_nhan": "Ghi nhận khóa", "dang_ky": "Đăng ký khóa", "ban_giao": "Bàn giao sang máy mới",
                 "ghim_lai": "Ghim lại khóa", "bo_ghim": "Bỏ khóa đã ghi nhận", "gop": "Chuyển khóa khi gộp"}


def fingerprint(public_key: str | None) -> str:
    from ..io.signature import fingerprint as short

    return short(public_key) if public_key else ""


def office_keys(db: sqlite_utils.Database) -> list[tuple[str, str, str]]:
    """(office, fingerprint, how it was pinned, in words) of each office key this unit pinned."""
    return [(k.name, fingerprint(k.public_key), HOW_LABELS.get(k.how, k.how)) for k in key_store.office_keys(db)]


# -- this installation's key -------------------------------------------------------------------------------
def own_key(db: sqlite_utils.Database, create: bool = True) -> KeyPair | None:
    """The key beside the database; made on first need (None when `create` is off and there is none yet)."""
    from ..io.key_file import own_key as stored

    return stored(key_store.data_folder_of(db), create)


def own_fingerprint(db: sqlite_utils.Database) -> str:
    """"3F7A 09C2 B1E4 5D20", or a sentence when no key was made yet (the first package makes it)."""
    from ..io.key_file import KeyFileError

    try:
        key = own_key(db, create=False)
    except KeyFileError as error:  # a damaged key file: said where it is asked for, the window goes on
        return str(error)
    return key.fingerprint if key else "chưa có (được tạo khi gửi gói hoặc xuất tệp đăng ký khóa lần đầu)"


def _own_unit(db):
    from ..storage.unit_store import own_unit

    unit = own_unit(db)
    if unit is None:
        raise ConflictError("Chưa thiết lập đơn vị của bạn (Cài đặt) nên chưa có gì để ký.")
    return unit


def _who(db) -> str:
    from ..storage.settings_store import load_settings

    return load_settings(db).who


def export_enrolment(db: sqlite_utils.Database, path: Path) -> tuple[Path, str]:
    """The enrolment file (this unit's name, area and public key, signed by that key) for the office to pin before
    the first package arrives; returns (file, fingerprint)."""
    from ..io.signature import signed_statement

    unit, key = _own_unit(db), own_key(db)
    fields = {"format": ENROL_FORMAT, "kind": "dang_ky", "unit": unit.name, "unit_kind": unit.kind.value,
              "district": unit.district, "public_key": key.public_key, "created_at": now_iso(),
              "program_version": __version__}
    return _write(path, signed_statement(key, fields)), key.fingerprint


def export_handover(db: sqlite_utils.Database, new_enrolment: Path, path: Path) -> tuple[Path, str]:
    """On the old computer: a hand-over file in which this (old) key vouches for the key of the new computer's
    enrolment file, for the same unit. Returns (file, the new key's fingerprint)."""
    from ..io.signature import signed_statement

    unit, key = _own_unit(db), own_key(db)
    enrolment = read_key_file(new_enrolment)
    if enrolment["kind"] != "dang_ky":
        raise BadInput(f"{Path(new_enrolment).name} không phải tệp đăng ký khóa của máy mới.")
    if name_key(enrolment["unit"]) != name_key(unit.name):
        raise BadInput(f"Tệp đăng ký khóa của máy mới ghi đơn vị “{enrolment['unit']}”, không phải “{unit.name}”; "
                       "hãy thiết lập máy mới đúng tên đơn vị rồi xuất lại tệp đăng ký.")
    if enrolment["public_key"] == key.public_key:
        raise BadInput("Tệp đăng ký là của chính máy này: hãy xuất tệp đăng ký trên máy mới.")
    fields = {"format": ENROL_FORMAT, "kind": "ban_giao", "unit": unit.name, "district": unit.district,
              "old_public_key": key.public_key, "new_public_key": enrolment["public_key"], "created_at": now_iso(),
              "program_version": __version__}
    return _write(path, signed_statement(key, fields)), fingerprint(enrolment["public_key"])


def _write(path: Path, content: bytes) -> Path:
    from ..fileutil import atomic_path

    path = Path(path)
    with atomic_path(path) as tmp:
        tmp.write_bytes(content)
    return path


def read_key_file(path: Path) -> dict:
    """An enrolment or hand-over file whose signature holds, its texts checked; ValueError saying why not."""
    from ..io.signature import SignatureError, statement_fields

    path = Path(path)
    try:
        if path.stat().st_size > MAX_KEY_FILE_BYTES:
            raise BadInput(f"{path.name} quá lớn, không phải tệp đăng ký hay bàn giao khóa.")
        raw = path.read_bytes()
        obj = json.loads(raw.decode("utf-8"))
        kind = obj.get("kind") if isinstance(obj, dict) else None
        if not isinstance(obj, dict) or obj.get("format") != ENROL_FORMAT or kind not in ("dang_ky", "ban_giao"):
            raise BadInput(f"{path.name} không phải tệp đăng ký hay bàn giao khóa của DTI Desktop.")
        fields = statement_fields(raw, "public_key" if kind == "dang_ky" else "old_public_key")
    except (UnicodeError, json.JSONDecodeError, RecursionError):
        raise BadInput(f"{path.name} không phải tệp đăng ký hay bàn giao khóa của DTI Desktop.") from None
    except SignatureError as error:
        raise BadInput(f"{path.name}: {error} Tệp đã bị sửa hoặc không phải do máy của đơn vị lập.") from None
    for field in ("unit", "district"):
        if not isinstance(fields.get(field), str) or not _plain(fields[field]):
            raise BadInput(f"{path.name}: trường “{field}” không hợp lệ.")
    if kind == "ban_giao":
        from ..io.signature import check_public_key

        check_public_key(fields.get("new_public_key"))
    return fields


def _plain(text: str) -> bool:
    return 0 < len(text) <= 300 and not any(ord(c) < 32 or ord(c) == 127 or 0xD800 <= ord(c) < 0xE000 for c in text)


# -- the office: packages --------------------------------------------------------------------------------
def sender_facts(db: sqlite_utils.Database, unit_id: int | None, pkg: VerifiedPackage) -> tuple:
    """(key pinned for the unit or None, other units pinned to the package's key): read once per package, for
    sender_problem and then remember_sender."""
    own = key_store.pinned_key(db, unit_id) if unit_id is not None else None
    others = _others_with_key(db, pkg.signer, unit_id) if own is None and pkg.signer is not None else []
    return own, others


def sender_problem(db: sqlite_utils.Database, unit_id: int | None, pkg: VerifiedPackage,
                   facts: tuple | None = None) -> str | None:
    """Why this package may not be taken as the unit's own (None: it may). `unit_id`: the unit it names, if known;
    `facts`: sender_facts() when the caller read them already."""
    m = pkg.manifest
    if pkg.signature_problem:
        return f"chữ ký của gói không hợp lệ ({pkg.signature_problem.rstrip('.')}); đã từ chối."
    own, others = facts if facts is not None else sender_facts(db, unit_id, pkg)
    if own is not None and own != pkg.signer:
        pinned = key_store.unit_key(db, unit_id)
        by = (f"được ký bằng khóa có mã nhận dạng {fingerprint(pkg.signer)}" if pkg.signer
              else "không có chữ ký (lập bằng phiên bản cũ hoặc đã bị gỡ chữ ký)")
        return (f"gói không phải từ máy của đơn vị {pinned.name}: gói {by}, khác khóa đã ghi nhận của đơn vị "
                f"(mã nhận dạng {fingerprint(pinned.public_key)}, theo {HOW_LABELS.get(pinned.how, pinned.how)} "
                f"ngày {display_date(pinned.pinned_at)}). Nếu đơn vị đã chuyển sang máy mới: nhập tệp bàn giao khóa do máy cũ "
                "lập, hoặc gọi điện đối chiếu mã nhận dạng rồi ghim lại khóa (unit repin) có ghi lý do.")
    if own is None and pkg.signer is not None:
        if others and not any(fold(k.name) == fold(m.unit) for k in others):  # a name corrected: accepted, noted
            other = others[0].name
            return (f"gói mang tên {m.unit} nhưng được ký bằng khóa của máy đơn vị {other} (mã nhận dạng "
                    f"{fingerprint(pkg.signer)}): một máy chỉ gửi báo cáo của một đơn vị; đã từ chối. Nếu {other} vừa "
                    f"đổi tên thành {m.unit}: thêm đơn vị tên mới rồi gộp tên cũ vào (Gộp đơn vị…), khóa đã ghi nhận "
                    "chuyển theo; sau đó nhập lại gói.")
    return None


def remember_sender(db: sqlite_utils.Database, unit_id: int, pkg: VerifiedPackage, file_name: str,
                    facts: tuple | None = None) -> str:
    """After the package was accepted (inside its savepoint): pin the unit's key on its first signed package.
    Returns what to add to the import's message ("; đã ghi nhận khóa …"), or "". `facts`: sender_facts() read
    for this package before (a unit just added has no key, and no other unit gained this one since)."""
    if pkg.signer is None:
        return ("; lưu ý: gói không có chữ ký (lập bằng phiên bản cũ của chương trình), chưa xác nhận được máy gửi; "
                "hãy đề nghị đơn vị cập nhật chương trình")
    own, others = facts if facts is not None else sender_facts(db, unit_id, pkg)
    if own is not None:
        return ""
    name = pkg.manifest.unit
    if others:  # the same computer under a corrected name: not pinned
        return (f"; lưu ý: gói được ký bằng khóa của máy đơn vị {others[0].name} (mã nhận dạng "
                f"{fingerprint(pkg.signer)}): nếu là một đơn vị (tên vừa được sửa), hãy gộp hai tên (Gộp đơn vị…)")
    key_store.pin_unit(db, unit_id, name, pkg.signer, "goi_dau_tien", "ghi_nhan", source=file_name, first=True)
    return (f"; đã ghi nhận khóa của đơn vị {name} (mã nhận dạng {fingerprint(pkg.signer)}): hãy gọi điện đối "
            "chiếu mã này với đơn vị")


def _others_with_key(db, public_key: str, unit_id: int | None) -> list:
    return [k for k in key_store.units_with_key(db, public_key) if k.unit_id != unit_id]


def carry_on_merge(db: sqlite_utils.Database, from_id: int, into_id: int) -> None:
    """Two names of one unit merged: the kept unit takes the key pinned for the name given up when it has none (a
    unit that renamed itself sends from the same computer). Caller holds the transaction."""
    old, kept = key_store.unit_key(db, from_id), key_store.unit_key(db, into_id)
    if old is not None and kept is None:
        from ..storage.unit_store import get_unit

        name = get_unit(db, into_id).name
        key_store.pin_unit(db, into_id, name, old.public_key, "gop", "gop", _who(db), f"gộp tên “{old.name}” vào")


# -- the office: enrolment, hand-over, re-pin -----------------------------------------------------------------
def _unit_for(db, name: str, district: str, create_kind: str | None = None) -> int | None:
    from ..storage.unit_store import others_named

    for unit_id, area, merged_into in others_named(db, name_key(name)):
        if same_area(area, district):
            return merged_into or unit_id
    if create_kind is None:
        return None
    from ..domain.units import Unit, UnitKind
    from ..storage.unit_store import add_unit

    kinds = {k.value for k in UnitKind}
    kind = UnitKind(create_kind) if create_kind in kinds else UnitKind.KHAC
    return add_unit(db, Unit(clean(name), kind, clean(district), False)).id


def import_key_file(db: sqlite_utils.Database, path: Path) -> str:
    """The office takes a unit's enrolment file (pins its key; the unit is added when new) or a hand-over file
    signed by the unit's pinned key (pins the new one). Returns what was done; ValueError/ConflictError why not."""
    from ..storage.unit_store import own_unit

    fields, path = read_key_file(path), Path(path)
    own = own_unit(db)
    if own is not None and name_key(fields["unit"]) == name_key(own.name):
        raise ConflictError(f"{path.name} là khóa của chính đơn vị này ({own.name}).")
    with known_errors(db), db.atomic():
        if fields["kind"] == "ban_giao":
            return _hand_over(db, fields, path.name)
        unit_id = _unit_for(db, fields["unit"], fields["district"], fields.get("unit_kind", ""))
        key, name = fields["public_key"], clean(fields["unit"])
        pinned = key_store.unit_key(db, unit_id)
        if pinned is not None and pinned.public_key == key:
            return f"Khóa của {pinned.name} (mã nhận dạng {fingerprint(key)}) đã được ghi nhận trước đó; không đổi gì."
        if pinned is not None:
            raise ConflictError(f"{pinned.name} đã có khóa khác được ghi nhận (mã nhận dạng "
                                f"{fingerprint(pinned.public_key)}); tệp đăng ký không thay được khóa đã có. Nếu đơn vị "
                                "đã chuyển máy: dùng tệp bàn giao do máy cũ lập, hoặc ghim lại khóa (unit repin) có lý do.")
        if others := [k for k in key_store.units_with_key(db, key) if k.unit_id != unit_id]:
            raise ConflictError(f"Khóa trong {path.name} đã được ghi nhận cho {others[0].name}; một máy chỉ gửi báo cáo "
                                "của một đơn vị.")
        key_store.pin_unit(db, unit_id, name, key, "tep_dang_ky", "dang_ky", _who(db), source=path.name)
    return f"Đã ghi nhận khóa của đơn vị {name} (mã nhận dạng {fingerprint(key)}) từ tệp đăng ký {path.name}."


def _hand_over(db, fields: dict, source: str) -> str:
    unit_id = _unit_for(db, fields["unit"], fields["district"])
    pinned = key_store.unit_key(db, unit_id) if unit_id is not None else None
    old, new = fields["old_public_key"], fields["new_public_key"]
    if pinned is None:
        raise ConflictError(f"Chưa có khóa nào được ghi nhận cho {fields['unit']}: tệp bàn giao chỉ dùng khi đã có; "
                            "hãy nhập tệp đăng ký khóa của máy mới.")
    if pinned.public_key == new:
        return f"Khóa mới của {pinned.name} (mã nhận dạng {fingerprint(new)}) đã được ghi nhận trước đó; không đổi gì."
    if pinned.public_key != old:
        raise ConflictError(f"Tệp bàn giao được ký bằng khóa có mã nhận dạng {fingerprint(old)}, không phải khóa đã ghi "
                            f"nhận của {pinned.name} ({fingerprint(pinned.public_key)}); đã từ chối.")
    key_store.pin_unit(db, unit_id, pinned.name, new, "ban_giao", "ban_giao", _who(db), source=source)
    return (f"Đã chuyển khóa của {pinned.name} sang máy mới (mã nhận dạng {fingerprint(new)}), theo tệp bàn giao "
            f"{source} do máy cũ ký.")


def repin(db: sqlite_utils.Database, unit_id: int, reason: str, source: Path | None = None) -> str:
    """The office's explicit decision, with a reason: pin the key of `source` (a package or an enrolment file of the
    unit), or with no source drop the pinned key (the unit's next signed package is pinned again)."""
    from ..storage.unit_store import get_unit

    reason = clean(reason)
    if not reason:
        raise BadInput("Cần ghi lý do ghim lại khóa (ví dụ: “đơn vị thay máy, đã gọi điện đối chiếu mã nhận dạng”).")
    key = _key_of(source) if source is not None else None
    with known_errors(db), db.atomic():
        unit = get_unit(db, unit_id)
        old = key_store.unit_key(db, unit_id)
        if key is not None and (others := [k for k in key_store.units_with_key(db, key) if k.unit_id != unit_id]):
            raise ConflictError(f"Khóa này đã được ghi nhận cho {others[0].name}; một máy chỉ gửi báo cáo của một đơn vị.")
        key_store.pin_unit(db, unit_id, unit.name, key, "ghim_lai", "ghim_lai" if key else "bo_ghim", _who(db),
                           reason, source.name if source else "")
    before = f" (trước đó {fingerprint(old.public_key)})" if old else ""
    if key is None:
        return f"Đã bỏ khóa đã ghi nhận của {unit.name}{before}; gói có chữ ký tiếp theo của đơn vị sẽ được ghi nhận."
    return f"Đã ghim lại khóa của {unit.name}: mã nhận dạng {fingerprint(key)}{before}. Lý do: {reason}."


def _key_of(source: Path) -> str:
    """The signer of a package, or the key of an enrolment file."""
    from ..domain.package import PACKAGE_SUFFIX
    from ..io.package_reader import verify_package

    if source.name.lower().endswith(PACKAGE_SUFFIX):
        pkg = verify_package(source)
        if pkg.signer is None:
            raise BadInput(f"Gói {source.name} không có chữ ký hợp lệ ({pkg.signature_problem or 'không có chữ ký'}).")
        return pkg.signer
    fields = read_key_file(source)
    if fields["kind"] != "dang_ky":
        raise BadInput(f"{source.name} là tệp bàn giao: hãy nhập nó (unit key import), không cần ghim lại.")
    return fields["public_key"]


@dataclass(frozen=True)
class UnitKeyRow:
    """A unit and the key pinned for it, as the office's list shows them."""

    unit_id: int
    unit: str
    fingerprint: str
    how: str
    pinned_at: str


def unit_keys(db: sqlite_utils.Database) -> list[UnitKeyRow]:
    from ..storage.unit_store import list_units

    pinned = key_store.all_unit_keys(db)
    rows = []
    for unit in list_units(db):
        if unit.is_own:
            continue
        key = pinned.get(unit.id)
        rows.append(UnitKeyRow(unit.id, unit.name, fingerprint(key.public_key) if key else "Chưa ghi nhận",
                               HOW_LABELS.get(key.how, key.how) if key else "", display_date(key.pinned_at) if key else ""))
    return rows


def history_lines(db: sqlite_utils.Database) -> list[str]:
    """Every pin, hand-over and re-pin, newest first, one line each."""
    lines = []
    for e in key_store.history(db):
        change = (f"{fingerprint(e.old_key)} → {fingerprint(e.new_key) or '(bỏ)'}" if e.old_key
                  else fingerprint(e.new_key))
        extra = "".join(f"; {label}: {value}" for label, value in (("lý do", e.reason), ("tệp", e.source),
                                                                   ("người thực hiện", e.who)) if value)
        lines.append(f"{_moment(e.at)} — {ACTION_LABELS.get(e.action, e.action)} — {e.name}: {change}{extra}")
    return lines


def _moment(iso: str) -> str:
    return display_moment(iso)


# -- the office's own files: catalogue workbooks ---------------------------------------------------------------
def signature_path(path: Path) -> Path:
    return Path(path).with_name(Path(path).name + FILE_SIGNATURE_SUFFIX)


def file_signer_fields(db: sqlite_utils.Database) -> tuple[KeyPair, dict] | None:
    """What signing a file here needs (read on the thread that owns `db`): the key, and who signs; None before the
    installation is set up (nobody to sign for)."""
    from ..storage.unit_store import own_unit

    unit = own_unit(db)
    return (own_key(db), {"signer": unit.name, "district": unit.district}) if unit is not None else None


def sign_file(path: Path, signer: tuple[KeyPair, dict] | None) -> Path:
    """Write "<tệp>.chuky" beside `path`: the signer's name and key, bound to the file's name and bytes. Returns
    `path` (nothing is written when `signer` is None)."""
    from ..io.signature import file_signature

    path = Path(path)
    if signer is None:
        return path
    key, fields = signer
    raw = file_signature(key, path.read_bytes(), {**fields, "file": path.name, "signed_at": now_iso()})
    _write(signature_path(path), raw)
    return path


@dataclass(frozen=True)
class FileCheck:
    """What a unit learns from a file's detached signature. `warning`: the file may not be the office's."""

    message: str
    warning: bool = False
    signer: str = ""
    public_key: str | None = None
    first: bool = False  # a valid signature by an office not pinned yet: pinned when the file is imported


def check_file(db: sqlite_utils.Database, path: Path) -> FileCheck:
    """Check "<tệp>.chuky" beside an annex file against the office keys this unit has pinned."""
    from ..io.signature import SignatureError, file_signer

    path, sig = Path(path), signature_path(path)
    if not sig.is_file():
        return FileCheck(f"Tệp {path.name} không kèm chữ ký của cơ quan tổng hợp (tệp {sig.name}); "
                         "hãy chắc tệp nhận đúng từ cơ quan tổng hợp.")
    own = own_key(db, create=False)
    try:
        raw = sig.read_bytes()[:MAX_KEY_FILE_BYTES + 1]
        if own is not None and _claimed_key(raw) == own.public_key:  # this installation's own export, edited here
            return FileCheck(f"Tệp {path.name} do chính máy này xuất ra.")
        fields = file_signer(raw, path.read_bytes())
        signer = fields.get("signer")
        if not isinstance(signer, str) or not _plain(signer):
            raise SignatureError("tệp chữ ký không ghi rõ ai ký.")
    except (SignatureError, OSError) as error:
        return FileCheck(f"CẢNH BÁO: chữ ký kèm tệp {path.name} không hợp lệ: {error} Tệp có thể đã bị sửa sau "
                         "khi cơ quan tổng hợp ký; hãy hỏi lại cơ quan tổng hợp trước khi dùng.", warning=True)
    key = fields["public_key"]
    pinned = key_store.office_key(db, name_key(signer))
    if pinned is None:
        return FileCheck(f"Đã kiểm chữ ký của {signer} (mã nhận dạng {fingerprint(key)}); lần đầu nhận tệp ký của cơ "
                         "quan này: khóa được ghi nhận khi nhập. Hãy gọi điện đối chiếu mã nhận dạng.",
                         signer=signer, public_key=key, first=True)
    if pinned.public_key != key:
        return FileCheck(f"CẢNH BÁO: tệp {path.name} ký bằng khóa có mã nhận dạng {fingerprint(key)}, khác khóa đã ghi "
                         f"nhận của {pinned.name} ({fingerprint(pinned.public_key)}): có thể không phải tệp của cơ quan "
                         "đó; hãy gọi điện hỏi lại trước khi dùng.", warning=True, signer=signer, public_key=key)
    return FileCheck(f"Đã kiểm chữ ký của {signer} (mã nhận dạng {fingerprint(key)}).", signer=signer, public_key=key)


def _claimed_key(raw: bytes) -> object:
    try:
        return json.loads(raw.decode("utf-8")).get("public_key")
    except (ValueError, AttributeError, RecursionError):
        return None


def remember_file_signer(db: sqlite_utils.Database, check: FileCheck, source: str) -> None:
    """After the file was imported: pin the office's key the first time one of its signed files is taken."""
    if check.first and check.public_key:
        with known_errors(db), db.atomic():
            if key_store.office_key(db, name_key(check.signer)) is None:
                key_store.pin_office(db, name_key(check.signer), clean(check.signer), check.public_key,
                                     "tep_dau_tien", "ghi_nhan", _who(db), source=source)


def find_unit(db: sqlite_utils.Database, name: str) -> int:
    """The unit (not this office's own) of that name; NotFoundError/ValueError as the merge command says."""
    from ..storage.unit_store import list_units

    found = [u for u in list_units(db) if not u.is_own and name_key(u.name) == name_key(name)]
    if not found:
        raise NotFoundError(f"Không có đơn vị “{name}” (xem: unit list).")
    if len(found) > 1:
        raise BadInput(f"Có {len(found)} đơn vị tên “{name}” ở các địa bàn khác nhau; hãy ghim lại trong cửa sổ.")
    return found[0].id


def import_office_key(db: sqlite_utils.Database, path: Path) -> str:
    """At a unit: pin the consolidating office's key from its enrolment file, or move it by the office's hand-over."""
    fields, path = read_key_file(path), Path(path)
    name = clean(fields["unit"])
    with known_errors(db), db.atomic():
        pinned = key_store.office_key(db, name_key(name))
        key = fields["public_key"] if fields["kind"] == "dang_ky" else fields["new_public_key"]
        if pinned is not None and pinned.public_key == key:
            return f"Khóa của {pinned.name} (mã nhận dạng {fingerprint(key)}) đã được ghi nhận trước đó; không đổi gì."
        if fields["kind"] == "ban_giao" and (pinned is None or pinned.public_key != fields["old_public_key"]):
            raise ConflictError(f"Tệp bàn giao không được ký bằng khóa đã ghi nhận của {name}; đã từ chối.")
        if fields["kind"] == "dang_ky" and pinned is not None:
            raise ConflictError(f"{pinned.name} đã có khóa khác được ghi nhận (mã nhận dạng "
                                f"{fingerprint(pinned.public_key)}); chỉ tệp bàn giao do máy cũ ký mới thay được.")
        how = "tep_dang_ky" if fields["kind"] == "dang_ky" else "ban_giao"
        key_store.pin_office(db, name_key(name), name, key, how, "dang_ky" if how == "tep_dang_ky" else "ban_giao",
                             _who(db), source=path.name)
    return f"Đã ghi nhận khóa của {name} (mã nhận dạng {fingerprint(key)}) từ tệp {path.name}."
