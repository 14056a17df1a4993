"""The monthly submission package's content, and strict reading of it from untrusted JSON.

Nothing in a package is trusted: every field is type-checked and length-bounded
here before anything else looks at it.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from datetime import datetime
from operator import itemgetter

from .bounds import FIRST_YEAR, LAST_YEAR, MAX_FIGURE, figure_ok, moment_ok, share_ok
from .names import describe, name_problem
from .numbers import format_number
from .periods import Period
from .progress import Assessment, MeasureValue, Status, measure_results
from .text import fold
from .validation import (
    MAX_TEXT,  # one limit: the unit is stopped when saving, not at the office
)

FORMAT = "dti-package/1"
MEMBER_MANIFEST = "manifest.json"
MEMBER_DATA = "data.json"
MEMBER_WORKBOOK = "bao-cao.xlsx"
MEMBER_PDF = "bao-cao.pdf"
MEMBER_SIGNATURE = "signature.json"  # the sender's signature over manifest.json (io/signature.py); not listed in it
EVIDENCE_PREFIX = "evidence/"
MAX_MEASURES = 50  # measures a target may hold; a position is below it
PACKAGE_SUFFIX = ".dtipkg"
_SHA = re.compile(r"^[0-9a-f]{64}$")


class PackageFormatError(ValueError):
    """The JSON of a package does not have the expected shape; the message says where."""


@dataclass(frozen=True)
class CatalogueRef:
    """Which catalogue the entries refer to: plan number, year, issuer and its targets' hash."""

    plan_number: str
    year: int
    issuer: str
    identity: str


@dataclass(frozen=True)
class Manifest:
    format: str
    program_version: str
    unit: str
    unit_kind: str
    district: str
    period: str
    revision: int
    officer: str
    created_at: str
    catalogue: CatalogueRef
    members: dict[str, dict]  # name -> {"sha256", "size"}
    reopen_reason: str = ""  # r2 and later: why the unit reopened the month it had sent

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class EvidenceRef:
    sha256: str
    name: str
    size: int


@dataclass(frozen=True)
class PackageEntry:
    """One target's result in the package (measure values by position)."""

    code: str
    status: Status
    assessment: Assessment
    assessment_auto: bool
    override_reason: str
    values: dict[int, MeasureValue]
    evidence_notes: str
    difficulties: str
    causes: str
    proposals: str
    officer: str
    updated_at: str
    evidence: tuple[EvidenceRef, ...] = ()
    history: tuple[dict, ...] = ()


@dataclass(frozen=True)
class PackageData:
    entries: tuple[PackageEntry, ...] = field(default=())


def unit_file_stem(unit: str, period: str, revision: int) -> str:
    """"UBND phường Yên Giang", "2025-03", 1 -> "UBND-phuong-Yen-Giang_2025-03_r1"."""
    words = re.sub(r"[^0-9A-Za-z]+", " ", _ascii(unit)).split()
    return f"{'-'.join(words) or 'don-vi'}_{period}_r{revision}"


def _ascii(text: str) -> str:
    """Accents dropped, case kept (for file names)."""
    out = []
    for ch in text:
        folded = fold(ch)
        out.append(folded.upper() if ch.isupper() and folded else folded or ch)
    return "".join(out)


# -- strict readers ------------------------------------------------------------------
# Characters no real text holds: control characters (a NUL ends a string for SQLite's length(), so a name
# "\0x" passed every check and then broke a constraint) and halves of UTF-16 surrogate pairs, which JSON
# can spell (\ud800) but UTF-8 cannot store. Multi-line fields may hold tabs and line breaks.
_BAD_IN_LINE = re.compile("[\x00-\x1f\x7f\ud800-\udfff]")
_BAD_IN_TEXT = re.compile("[\x00-\x08\x0e-\x1f\x7f\ud800-\udfff]")  # \v, \f: Word's line breaks, pasted


def _text_ok(value: str, line: bool) -> bool:
    return (_BAD_IN_LINE if line else _BAD_IN_TEXT).search(value) is None


def _get(obj: dict, key: str, kind, where: str, *, max_len: int = 500, line: bool = True):
    if not isinstance(obj, dict) or key not in obj:
        raise PackageFormatError(f"{where}: thiếu trường “{key}”")
    value = obj[key]
    if kind is int and (isinstance(value, bool) or not isinstance(value, int)):
        raise PackageFormatError(f"{where}: trường “{key}” phải là số nguyên")
    if kind is not int and not isinstance(value, kind):
        raise PackageFormatError(f"{where}: trường “{key}” sai kiểu dữ liệu")
    if isinstance(value, str):
        if len(value) > max_len:
            raise PackageFormatError(f"{where}: trường “{key}” dài bất thường ({len(value)} ký tự)")
        if not _text_ok(value, line):
            raise PackageFormatError(f"{where}: trường “{key}” chứa ký tự điều khiển hoặc ký tự Unicode hỏng")
    return value


def _moment(value: str, where: str, key: str, *, empty_ok: bool = False) -> str:
    """An ISO date and time (as the program writes them): the office sorts and prints by it."""
    if empty_ok and value == "":
        return value
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise PackageFormatError(f"{where}: trường “{key}” không phải ngày giờ hợp lệ (“{value[:40]}”)") from None
    if not moment_ok(moment):  # 9999-12-31 or 1999-12-31: no month a report may be of (a batch stopped on it)
        raise PackageFormatError(f"{where}: trường “{key}” ghi năm {moment.year}, ngoài khoảng 2000–2100")
    return value


def _sha(value: str, where: str) -> str:
    if not isinstance(value, str) or not _SHA.match(value):
        raise PackageFormatError(f"{where}: mã SHA-256 không hợp lệ")
    return value


def read_manifest(obj: object) -> Manifest:
    """Manifest from parsed JSON; PackageFormatError names the field."""
    where = "manifest.json"
    if not isinstance(obj, dict):
        raise PackageFormatError(f"{where}: không phải một đối tượng JSON")
    fmt = _get(obj, "format", str, where)
    if fmt != FORMAT:
        raise PackageFormatError(f"{where}: phiên bản định dạng “{fmt[:40]}” không được hỗ trợ (cần {FORMAT})")
    period = _get(obj, "period", str, where)
    try:
        canonical = Period.parse(period).key
    except ValueError as error:
        raise PackageFormatError(f"{where}: {error}") from None
    if period != canonical:  # "2025-03 " passed the parse, was stored as sent, and never matched its month again
        raise PackageFormatError(f"{where}: kỳ báo cáo “{period[:40]}” không đúng dạng YYYY-MM (ví dụ 2025-03)")
    revision = _get(obj, "revision", int, where)
    if not 1 <= revision <= 999:
        raise PackageFormatError(f"{where}: số lần gửi (revision) {revision} không hợp lệ")
    cat = _get(obj, "catalogue", dict, where)
    catalogue = CatalogueRef(_get(cat, "plan_number", str, where), _get(cat, "year", int, where),
                             _get(cat, "issuer", str, where), _sha(_get(cat, "identity", str, where), where))
    members = _get(obj, "members", dict, where)
    if len(members) > 2000:
        raise PackageFormatError(f"{where}: quá nhiều thành phần ({len(members)})")
    checked = {}
    for name, info in members.items():
        size = _get(info, "size", int, f"{where}, “{name[:80]}”")
        if size < 0:
            raise PackageFormatError(f"{where}: kích thước âm cho “{name[:80]}”")
        checked[name] = {"sha256": _sha(_get(info, "sha256", str, where), where), "size": size}
    unit = _get(obj, "unit", str, where).strip()
    if not unit:
        raise PackageFormatError(f"{where}: tên đơn vị trống")
    for key, what in (("unit", "Tên đơn vị"), ("district", "Địa bàn")):  # never a twin of a name it prints like
        if (problem := name_problem(name := _get(obj, key, str, where))) is not None:
            raise PackageFormatError(f"{where}: {describe(what, name, problem)}")
    # Packages written before the field existed have none.
    reason = _get(obj, "reopen_reason", str, where, max_len=MAX_TEXT) if "reopen_reason" in obj else ""
    return Manifest(fmt, _get(obj, "program_version", str, where), unit, _get(obj, "unit_kind", str, where),
                    _get(obj, "district", str, where), period, revision, _get(obj, "officer", str, where),
                    _moment(_get(obj, "created_at", str, where), where, "created_at"), catalogue, checked, reason)


_LIMIT = format_number(MAX_FIGURE)  # "1.000.000.000.000"


def _number(value, where: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not figure_ok(value):
        raise PackageFormatError(f"{where}: giá trị số không hợp lệ (âm, không hữu hạn hoặc quá {_LIMIT})")
    return float(value)


def _values(raw: object, where: str) -> dict[int, MeasureValue]:
    if not isinstance(raw, list) or len(raw) > MAX_MEASURES:
        raise PackageFormatError(f"{where}: “values” phải là danh sách ngắn")
    values = {}
    for item in raw:
        pos = _get(item, "position", int, where)
        if not 0 <= pos < MAX_MEASURES:  # a position of 10**9 made every later view build a list that long
            raise PackageFormatError(f"{where}: vị trí thước đo {str(pos)[:12]} không hợp lệ")
        den = _number(item.get("denominator"), where)
        if den is not None and den <= 0:
            raise PackageFormatError(f"{where}: mẫu số phải lớn hơn 0")
        num = _number(item.get("numerator"), where)
        if not share_ok(num, den):  # 1e12/1e-300: an infinite share stopped every view of the month
            raise PackageFormatError(f"{where}: mẫu số quá nhỏ so với tử số (tỷ lệ vượt {_LIMIT})")
        values[pos] = MeasureValue(_number(item.get("value"), where), num, den,
                                   _get(item, "text", str, where, max_len=MAX_TEXT, line=False))
    return values


def _entry_checked(obj: object, index: int) -> PackageEntry:
    """Field by field, naming the first one that is wrong."""
    where = f"data.json, kết quả thứ {index + 1}"
    try:
        status = Status(_get(obj, "status", str, where))
        assessment = Assessment(_get(obj, "assessment", str, where))
    except ValueError:
        raise PackageFormatError(f"{where}: tình trạng hoặc đánh giá không hợp lệ") from None
    evidence = tuple(
        EvidenceRef(_sha(_get(e, "sha256", str, where), where), _get(e, "name", str, where, max_len=255),
                    _size(_get(e, "size", int, where), where))
        for e in _get(obj, "evidence", list, where))
    history = _get(obj, "history", list, where)
    if len(history) > 10_000 or not all(isinstance(h, dict) for h in history):
        raise PackageFormatError(f"{where}: lịch sử không hợp lệ")
    try:  # kept as JSON text: every string in it must be storable as UTF-8
        json.dumps(history, ensure_ascii=False).encode("utf-8")
    except (UnicodeEncodeError, ValueError, RecursionError):
        raise PackageFormatError(f"{where}: lịch sử chứa ký tự Unicode hỏng") from None
    text = {k: _get(obj, k, str, where, max_len=MAX_TEXT, line=False)
            for k in ("override_reason", "evidence_notes", "difficulties", "causes", "proposals")}
    return PackageEntry(
        code=_get(obj, "code", str, where, max_len=40), status=status, assessment=assessment,
        assessment_auto=bool(_get(obj, "assessment_auto", bool, where)), values=_values(obj.get("values"), where),
        officer=_get(obj, "officer", str, where),
        updated_at=_moment(_get(obj, "updated_at", str, where), where, "updated_at", empty_ok=True),
        evidence=evidence, history=tuple(history), **text)


_STATUSES = {s.value: s for s in Status}
_ASSESSMENTS = {a.value: a for a in Assessment}
_ENTRY_TEXTS = (("code", 40), ("officer", 500), ("updated_at", 500), ("override_reason", MAX_TEXT),
                ("evidence_notes", MAX_TEXT), ("difficulties", MAX_TEXT), ("causes", MAX_TEXT), ("proposals", MAX_TEXT))


def _size(size: int, where: str) -> int:
    if not 0 <= size <= MAX_FIGURE:
        raise PackageFormatError(f"{where}: kích thước tệp minh chứng {str(size)[:20]} không hợp lệ")
    return size


def _fast_number(value) -> bool:
    return value is None or (type(value) in (int, float) and 0 <= value <= MAX_FIGURE)


# The one-sweep reader takes every field at once and compares their types as one tuple: a district imports
# thousands of entries, and field-by-field checks were a fifth of an import.
_FIELDS = ("code", "status", "assessment", "assessment_auto", "override_reason", "values", "evidence_notes",
           "difficulties", "causes", "proposals", "officer", "updated_at", "evidence", "history")
_FIELD_TYPES = (str, str, str, bool, str, list, str, str, str, str, str, str, list, list)
_fields = itemgetter(*_FIELDS)
_MEASURE = itemgetter("position", "text")
_REF = itemgetter("sha256", "name", "size")


_new = object.__new__


def _built(cls, **fields):
    """A frozen dataclass made without its __init__, which sets each field through object.__setattr__: the
    one-sweep reader makes two objects per entry, thousands per import, and that was a third of its time. Only
    for values this module has just checked."""
    made = _new(cls)
    made.__dict__.update(fields)
    return made


def _entry(obj: object, index: int, clean: bool = False) -> PackageEntry:
    """An entry checked in one sweep (a district imports thousands); anything unusual goes
    through _entry_checked, which gives the precise message (or accepts it after all).

    `clean`: the caller found, in the raw JSON, no way of spelling a control character other than tab and line
    breaks, nor half a surrogate pair (package_reader's _ESCAPED_ODDITY): the long texts, which may hold those, are
    then not searched again; single-line fields still are (for tab and line breaks)."""
    try:
        fields = _fields(obj)
    except (KeyError, TypeError):  # a field missing, or not an object at all
        return _entry_checked(obj, index)
    if tuple(map(type, fields)) != _FIELD_TYPES:
        return _entry_checked(obj, index)
    (code, status, assessment, auto, reason, values, notes, difficulties, causes, proposals, officer, updated,
     evidence, history) = fields
    status, assessment = _STATUSES.get(status), _ASSESSMENTS.get(assessment)
    long_texts = (reason, notes, difficulties, causes, proposals)
    if (status is None or assessment is None or len(values) > MAX_MEASURES or len(history) > 10_000
            or len(code) > 40 or len(officer) > 500 or len(updated) > 500 or max(map(len, long_texts)) > MAX_TEXT
            # control characters too: the fast path accepted a "\x1f" the checked reader refuses (found by the fuzz)
            or _BAD_IN_LINE.search(code + officer + updated)
            or (not clean and _BAD_IN_TEXT.search("".join(long_texts)))
            or (history and not all(type(h) is dict for h in history))):
        return _entry_checked(obj, index)
    if updated:
        try:
            if not FIRST_YEAR <= datetime.fromisoformat(updated).year <= LAST_YEAR:  # bounds.moment_ok, inline
                return _entry_checked(obj, index)
        except ValueError:
            return _entry_checked(obj, index)
    measures = {}
    for item in values:
        if type(item) is not dict:
            return _entry_checked(obj, index)
        try:
            pos, text = _MEASURE(item)
        except KeyError:
            return _entry_checked(obj, index)
        get = item.get
        den, num, value = get("denominator"), get("numerator"), get("value")
        if (type(pos) is not int or not 0 <= pos < MAX_MEASURES or type(text) is not str or len(text) > MAX_TEXT
                or (not clean and not _text_ok(text, False)) or not _fast_number(value)
                or not _fast_number(num) or not _fast_number(den)
                or (den is not None and (den <= 0 or (num is not None and num * 100 > MAX_FIGURE * den)))):
            return _entry_checked(obj, index)
        measures[pos] = _built(MeasureValue, value=None if value is None else float(value),
                               numerator=None if num is None else float(num),
                               denominator=None if den is None else float(den), text=text)
    refs = []
    for e in evidence:
        try:
            sha, name, size = _REF(e)
        except (KeyError, TypeError):
            return _entry_checked(obj, index)
        if (type(sha) is not str or not _SHA.match(sha) or type(name) is not str or len(name) > 255
                or type(size) is not int or not 0 <= size <= MAX_FIGURE
                or _BAD_IN_LINE.search(name)):  # one line, as the checked reader has it (tab, line breaks)
            return _entry_checked(obj, index)
        refs.append(EvidenceRef(sha, name, size))
    return _built(PackageEntry, code=code, status=status, assessment=assessment, assessment_auto=auto,
                  override_reason=reason, values=measures, evidence_notes=notes, difficulties=difficulties,
                  causes=causes, proposals=proposals, officer=officer, updated_at=updated, evidence=tuple(refs),
                  history=tuple(history))


def read_data(obj: object, strict: bool = False, clean: bool = False) -> PackageData:
    """Entries from parsed JSON. `strict`: field by field (the caller asks for it when the raw JSON escapes a
    control character or a surrogate, JSON can hold them no other way); `clean`: the caller checked the raw JSON
    holds neither, so the one-sweep reader need not search the long texts for them again."""
    if not isinstance(obj, dict):
        raise PackageFormatError("data.json: không phải một đối tượng JSON")
    entries = _get(obj, "entries", list, "data.json")
    if len(entries) > 5000:
        raise PackageFormatError("data.json: quá nhiều kết quả")
    if strict:
        parsed = tuple(_entry_checked(e, i) for i, e in enumerate(entries))
    else:
        parsed = tuple(_entry(e, i, clean) for i, e in enumerate(entries))
    codes = {e.code for e in parsed}
    if len(codes) != len(parsed):
        raise PackageFormatError("data.json: một chỉ tiêu có hai kết quả")
    return PackageData(parsed)


def entry_to_dict(entry: PackageEntry) -> dict:
    """JSON form of an entry (the inverse of the reader)."""
    return {
        "code": entry.code, "status": entry.status.value, "assessment": entry.assessment.value,
        "assessment_auto": entry.assessment_auto, "override_reason": entry.override_reason,
        "values": [{"position": p, "value": v.value, "numerator": v.numerator, "denominator": v.denominator,
                    "text": v.text} for p, v in sorted(entry.values.items())],
        "evidence_notes": entry.evidence_notes, "difficulties": entry.difficulties, "causes": entry.causes,
        "proposals": entry.proposals, "officer": entry.officer, "updated_at": entry.updated_at,
        "evidence": [asdict(e) for e in entry.evidence], "history": list(entry.history),
    }


def allowed_member(name: str) -> bool:
    """Only these names may appear inside a package."""
    if name in (MEMBER_MANIFEST, MEMBER_DATA, MEMBER_WORKBOOK, MEMBER_PDF, MEMBER_SIGNATURE):
        return True
    return name.startswith(EVIDENCE_PREFIX) and bool(_SHA.match(name[len(EVIDENCE_PREFIX):]))


def entry_changes(old: PackageEntry | None, new: PackageEntry | None) -> list[tuple[str, str, str]]:
    """(field label, old, new) between two revisions' entries of one target."""
    def summary(e: PackageEntry | None) -> dict[str, str]:
        if e is None:
            return {}
        return {"Tình trạng": e.status.label, "Đánh giá": e.assessment.label,
                "Lý do tự đánh giá": e.override_reason,
                "Kết quả": measure_results(e.values, 0),  # "-; 95": which figure was left empty
                "Minh chứng": e.evidence_notes, "Tệp minh chứng": ", ".join(x.name for x in e.evidence),
                "Khó khăn, vướng mắc": e.difficulties, "Nguyên nhân": e.causes, "Đề xuất, kiến nghị": e.proposals}
    a, b = summary(old), summary(new)
    files = "Tệp minh chứng"
    if a.get(files) and a.get(files) == b.get(files) and \
            sorted((x.name, x.sha256) for x in old.evidence) != sorted((x.name, x.sha256) for x in new.evidence):
        b[files] += " (nội dung tệp đã thay)"  # the same name, another file: it was "0 thay đổi"
    return [(k, a.get(k, ""), b.get(k, "")) for k in dict.fromkeys([*a, *b]) if a.get(k, "") != b.get(k, "")]
