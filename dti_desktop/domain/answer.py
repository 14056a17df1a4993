"""The office's answer to one package: accepted, or returned with a reason and comments per target.

An answer travels as a file the office signs (io/answer_file.py); the unit reads it as it reads a package: nothing in
it is trusted until every field here is type-checked and bounded (texts, names, dates, the package's SHA-256).
"""

from __future__ import annotations

from dataclasses import dataclass

from .answer_states import ACCEPTED, RETURNED, STATE_LABELS, SUFFIX  # noqa: F401 (the answer's API)
from .names import describe, name_problem
from .package import PackageFormatError, _get, _moment, _sha, unit_file_stem
from .periods import Period
from .validation import MAX_TEXT

FORMAT = "dti-answer/1"
MAX_COMMENTS = 500  # a catalogue's targets, with room
MAX_CODE = 20


class AnswerFormatError(PackageFormatError):
    """An answer's JSON does not have the expected shape; the message says where."""


@dataclass(frozen=True)
class Answer:
    """What the office says of one package (the unit's name, month and revision, and the package's SHA-256)."""

    office: str
    office_area: str
    office_key: str
    unit: str
    unit_area: str
    plan_number: str
    plan_year: int
    plan_issuer: str
    period: str
    revision: int
    package_sha256: str
    received_at: str
    answered_at: str
    state: str
    note: str = ""
    comments: tuple[tuple[str, str], ...] = ()  # (target code, the office's comment), in the catalogue's order

    @property
    def returned(self) -> bool:
        return self.state == RETURNED

    def fields(self) -> dict:
        """The signed fields, as written to the file."""
        return {"format": FORMAT, "office": self.office, "office_area": self.office_area,
                "office_public_key": self.office_key, "unit": self.unit, "unit_area": self.unit_area,
                "plan": {"number": self.plan_number, "year": self.plan_year, "issuer": self.plan_issuer},
                "period": self.period, "revision": self.revision, "package_sha256": self.package_sha256,
                "received_at": self.received_at, "answered_at": self.answered_at, "state": self.state,
                "note": self.note, "comments": [{"code": c, "text": t} for c, t in self.comments]}


def file_name(unit: str, period: str, revision: int) -> str:
    """"UBND phường Mạo Khê", "2025-03", 1 -> "UBND-phuong-Mao-Khe_2025-03_r1.dtitraloi"."""
    return unit_file_stem(unit, period, revision) + SUFFIX


def problem(state: str, note: str, comments: dict[str, str]) -> str | None:
    """Why the office cannot send this answer (Vietnamese), or None: a return says why."""
    if state not in STATE_LABELS:
        return f"Trạng thái trả lời “{state}” không hợp lệ."
    if state == RETURNED and not note.strip():
        return "Trả lại gói phải ghi lý do (đơn vị thấy lý do này khi mở lại tháng)."
    if len(note) > MAX_TEXT or any(len(t) > MAX_TEXT for t in comments.values()):
        return f"Lý do hoặc nhận xét dài quá {MAX_TEXT} ký tự; hãy ghi ngắn gọn."
    if state == ACCEPTED and comments:
        return "Gói được tiếp nhận thì không kèm nhận xét từng chỉ tiêu; muốn đơn vị sửa, hãy trả lại."
    return None


def read_answer(obj: object) -> Answer:
    """An answer from parsed JSON (the signature already checked); AnswerFormatError names the field."""
    where = "tệp trả lời"
    if not isinstance(obj, dict):
        raise AnswerFormatError(f"{where}: không phải một đối tượng JSON")
    try:
        return _read(obj, where)
    except AnswerFormatError:
        raise
    except PackageFormatError as error:
        raise AnswerFormatError(str(error)) from None


def _read(obj: dict, where: str) -> Answer:
    fmt = _get(obj, "format", str, where)
    if fmt != FORMAT:
        raise AnswerFormatError(f"{where}: phiên bản định dạng “{fmt[:40]}” không được hỗ trợ (cần {FORMAT})")
    names = {}
    for key, what in (("office", "Tên cơ quan"), ("office_area", "Địa bàn"), ("unit", "Tên đơn vị"),
                      ("unit_area", "Địa bàn")):
        value = _get(obj, key, str, where, max_len=300).strip()
        if not value or (found := name_problem(value)) is not None:
            raise AnswerFormatError(f"{where}: {describe(what, value, found) if value else what + ' trống'}")
        names[key] = value
    plan = _get(obj, "plan", dict, where)
    period = _get(obj, "period", str, where)
    try:
        if Period.parse(period).key != period:
            raise ValueError
    except ValueError:
        raise AnswerFormatError(f"{where}: kỳ báo cáo “{period[:40]}” không đúng dạng YYYY-MM") from None
    revision = _get(obj, "revision", int, where)
    if not 1 <= revision <= 999:
        raise AnswerFormatError(f"{where}: số lần gửi (revision) {revision} không hợp lệ")
    state = _get(obj, "state", str, where)
    if state not in STATE_LABELS:
        raise AnswerFormatError(f"{where}: trạng thái “{state[:40]}” không hợp lệ")
    return Answer(names["office"], names["office_area"], _sha(_get(obj, "office_public_key", str, where), where),
                  names["unit"], names["unit_area"], _get(plan, "number", str, where, max_len=100),
                  _get(plan, "year", int, where), _get(plan, "issuer", str, where, max_len=300), period, revision,
                  _sha(_get(obj, "package_sha256", str, where), where),
                  _moment(_get(obj, "received_at", str, where), where, "received_at"),
                  _moment(_get(obj, "answered_at", str, where), where, "answered_at"), state,
                  _get(obj, "note", str, where, max_len=MAX_TEXT, line=False), _comments(obj, where))


def _comments(obj: dict, where: str) -> tuple[tuple[str, str], ...]:
    raw = _get(obj, "comments", list, where)
    if len(raw) > MAX_COMMENTS:
        raise AnswerFormatError(f"{where}: quá nhiều nhận xét ({len(raw)})")
    found: dict[str, str] = {}
    for item in raw:
        code = _get(item, "code", str, where, max_len=MAX_CODE).strip()
        if not code or code in found:
            raise AnswerFormatError(f"{where}: mã chỉ tiêu của nhận xét trống hoặc lặp lại")
        found[code] = _get(item, "text", str, where, max_len=MAX_TEXT, line=False)
    return tuple(found.items())
