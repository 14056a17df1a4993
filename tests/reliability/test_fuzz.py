"""Fuzzing the readers of untrusted input with Hypothesis: refuse cleanly, never crash, never hang.

Found cases are kept: as @example lines here and as files in tests/reliability/corpus/.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from dti_desktop.domain.goals import parse_goal
from dti_desktop.domain.numbers import parse_number
from dti_desktop.domain.package import PackageFormatError, read_data, read_manifest
from dti_desktop.domain.progress import parse_value
from dti_desktop.io.package_reader import PackageError, verify_package
from dti_desktop.io.workbook_errors import WorkbookError
from dti_desktop.services.annex_intake import read_catalogue as read_catalogue_workbook
from tests.reliability.report import record

CORPUS = Path(__file__).parent / "corpus"
FUZZ = settings(max_examples=150, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=30),
    lambda children: st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=12), children, max_size=6),
    max_leaves=30)


@FUZZ
@given(st.text(max_size=200))
@example("100%;;%;-5%")
@example("1" * 5000 + "%")
@example("trên")
@example("47-%")
@example("٣٠%")  # Arabic-Indic digits
def test_goal_parser_never_crashes(raw):
    record("Fuzz (Hypothesis): chuỗi mục tiêu bất kỳ", 1, "Không lỗi chương trình; văn bản gốc giữ nguyên")
    goal = parse_goal(raw)
    assert len(goal.measures) <= raw.count(";") + 1
    for m in goal.measures:
        assert m.is_met(50.0) in (True, False, None)
        assert isinstance(m.label(), str)


@FUZZ
@given(st.text(max_size=60))
@example("1/0")
@example("1e999")
@example("0/0/0")
def test_value_and_number_parsers_never_crash(text):
    record("Fuzz (Hypothesis): giá trị kết quả bất kỳ", 1, "Đọc được hoặc báo lỗi tiếng Việt; không lỗi chương trình")
    parse_number(text)
    try:
        value = parse_value(text)
    except ValueError as error:
        assert "Mẫu số" in str(error)
    else:
        assert value.display() is not None


@FUZZ
@given(json_values)
@example({"format": "dti-package/1", "period": "2025-03", "revision": True})
@example({"format": "dti-package/1", "unit": "x", "members": {"a": {"size": -1}}})
def test_manifest_and_data_readers_only_refuse(value):
    record("Fuzz (Hypothesis): JSON bất kỳ trong manifest/data", 1, "Chỉ từ chối có lý do (PackageFormatError)")
    for reader in (read_manifest, read_data):
        try:
            reader(value)
        except PackageFormatError as error:
            assert str(error)


@FUZZ
@given(json_values)
@example(["Tiếng Việt \u2028 \x01 \"q\" \\", float("nan"), 10**20])
def test_stored_json_is_what_json_dumps_writes(value):
    """The import's prebuilt encoder writes exactly what json.dumps(..., ensure_ascii=False) writes."""
    from dti_desktop.storage.received_store import _JSON

    record("Fuzz (Hypothesis): JSON lưu khi nhập gói", 1, "Giống hệt json.dumps")
    assert _JSON(value) == json.dumps(value, ensure_ascii=False)


VALID_ENTRY = {
    "code": "I.1", "status": "hoan_thanh", "assessment": "dat", "assessment_auto": True, "override_reason": "",
    "values": [{"position": 0, "value": 95.0, "numerator": 45, "denominator": 50, "text": "45/50 hồ sơ"}],
    "evidence_notes": "Văn bản số 12", "difficulties": "", "causes": "", "proposals": "", "officer": "Cán bộ",
    "updated_at": "2025-03-10T08:00:00", "history": [{"field": "status", "old": "", "new": "hoan_thanh"}],
    "evidence": [{"sha256": "a" * 64, "name": "bien-ban.pdf", "size": 10}],
}
ENTRY_FIELDS = sorted(VALID_ENTRY)


@FUZZ
@given(st.sampled_from(ENTRY_FIELDS), json_values, st.sampled_from(["replace", "drop", "nested"]))
@example("values", [{"position": True, "value": 1, "text": ""}], "replace")
@example("values", [{"position": 0, "value": 1, "denominator": 0, "text": ""}], "replace")
@example("values", [{"position": 0, "value": float("nan"), "text": ""}], "replace")
@example("evidence", [{"sha256": "A" * 64, "name": "x", "size": 1}], "replace")
@example("assessment_auto", 1, "replace")
@example("code", "x" * 41, "replace")
@example("evidence", [{"sha256": "a" * 64, "name": "bien\nban.pdf", "size": 1}], "replace")  # accepted by the sweep
@example("evidence_notes", "dòng 1\ndòng 2\tcột\x7f", "replace")
def test_entry_fast_path_agrees_with_field_by_field_reader(field, value, how):
    """The import's one-sweep entry check accepts exactly what the field-by-field reader accepts,
    gives the same entry, and lets it word every refusal; so does it when the package's raw JSON was found clean
    of control characters and surrogates (it then leaves the long texts unsearched)."""
    from dti_desktop.domain.package import _entry, _entry_checked
    from dti_desktop.io.package_reader import _odd

    record("Fuzz (Hypothesis): một trường của kết quả trong gói bị sửa", 1,
           "Kiểm tra nhanh và kiểm tra từng trường cho cùng kết quả, cùng lời từ chối")
    obj = json.loads(json.dumps(VALID_ENTRY))
    if how == "drop":
        del obj[field]
    elif how == "nested" and isinstance(obj[field], list) and obj[field] and isinstance(obj[field][0], dict):
        inner = obj[field][0]
        inner[sorted(inner)[len(repr(value)) % len(inner)]] = value
    else:
        obj[field] = value
    readers = [_entry, _entry_checked]
    try:
        raw = json.dumps({"entries": [obj]}, ensure_ascii=False).encode("utf-8")
    except (ValueError, UnicodeEncodeError):  # NaN aside, a lone surrogate: no package can carry it
        raw = None
    if raw is not None and not _odd(raw):
        readers.append(lambda o, i: _entry(o, i, clean=True))
    outcomes = []
    for reader in readers:
        try:
            outcomes.append(("ok", reader(obj, 0)))
        except PackageFormatError as error:
            outcomes.append(("refused", str(error)))
    assert all(outcome == outcomes[1] for outcome in outcomes), outcomes


@FUZZ
@given(st.lists(st.tuples(st.integers(0, 49), st.one_of(st.none(), st.floats(0, 1e12)),
                          st.one_of(st.none(), st.floats(0, 1e12)), st.one_of(st.none(), st.floats(1e-9, 1e12)),
                          st.text()), max_size=6))
@example([(0, 5e-324, 0.1, 1e12, "Tỷ lệ \u2028 \"q\" \\ \x7f 😀")])
def test_measures_are_stored_as_json_dumps_writes_them(items):
    """The import writes each entry's measures directly as text: exactly what json.dumps(..., ensure_ascii=False)
    writes for them, so that a stored row reads back the same."""
    from dti_desktop.domain.progress import MeasureValue
    from dti_desktop.storage.received_store import _values_json

    record("Fuzz (Hypothesis): kết quả đo lưu khi nhập gói", 1, "Giống hệt json.dumps")
    values = {p: MeasureValue(v, n, d, t) for p, v, n, d, t in items}
    expected = [{"position": p, "value": m.value, "numerator": m.numerator, "denominator": m.denominator,
                 "text": m.text} for p, m in sorted(values.items())]
    assert _values_json(values) == json.dumps(expected, ensure_ascii=False)


class Blob:
    """Bytes that Hypothesis may print without dumping them whole."""

    def __init__(self, data: bytes):
        self.data = data

    def __repr__(self) -> str:
        return f"Blob({len(self.data)} bytes)"


@pytest.fixture(scope="module")
def package_bytes(tmp_path_factory) -> Blob:
    from tests.unit_db import UnitDb

    folder = tmp_path_factory.mktemp("fuzzpkg")
    unit = UnitDb(folder / "u", "UBND xã An Sinh")
    unit.record("6", {0: "88"})
    return Blob(unit.export(folder / "out").path.read_bytes())


@FUZZ
@given(st.data())
def test_package_reader_on_mutated_packages(package_bytes, tmp_path_factory, data):
    record("Fuzz (Hypothesis): gói báo cáo bị sửa byte, cắt cụt", 1, "Từ chối có lý do hoặc hợp lệ; không lỗi chương trình")
    blob = bytearray(package_bytes.data)
    for _ in range(data.draw(st.integers(1, 8))):
        pos = data.draw(st.integers(0, len(blob) - 1))
        blob[pos] = data.draw(st.integers(0, 255))
    if data.draw(st.booleans()):
        blob = blob[: data.draw(st.integers(0, len(blob)))]
    path = tmp_path_factory.mktemp("m") / "x.dtipkg"
    path.write_bytes(bytes(blob))
    try:
        verify_package(path)
    except PackageError as error:
        assert error.reason


@FUZZ
@given(st.binary(max_size=3000))
@example(b"PK\x03\x04")
@example(b"PK\x05\x06" + b"\0" * 18)
def test_package_reader_on_random_bytes(tmp_path_factory, blob):
    record("Fuzz (Hypothesis): byte ngẫu nhiên làm gói báo cáo", 1, "Từ chối có lý do")
    path = tmp_path_factory.mktemp("r") / "x.dtipkg"
    path.write_bytes(blob)
    with pytest.raises(PackageError):
        verify_package(path)


@pytest.fixture(scope="module")
def workbook_bytes(tmp_path_factory) -> Blob:
    from dti_desktop.io.catalogue_json import read_catalogue
    from dti_desktop.io.xlsx_catalogue_export import export_catalogue
    from tests.helpers import CATALOGUES

    path = tmp_path_factory.mktemp("wb") / "c.xlsx"
    export_catalogue(read_catalogue(CATALOGUES / "mong-cai-2023.json"), path)
    return Blob(path.read_bytes())


@settings(max_examples=60, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.data())
def test_workbook_reader_on_edited_cells(workbook_bytes, tmp_path_factory, data):
    record("Fuzz (Hypothesis): ô Excel danh mục bị sửa ngẫu nhiên", 1, "Nhận hoặc từ chối có dòng/cột; không lỗi chương trình")
    from openpyxl import load_workbook
    from openpyxl.cell.cell import MergedCell

    wb = load_workbook(io.BytesIO(workbook_bytes.data))
    ws = wb["Phụ lục"]
    cell_values = st.one_of(st.none(), st.text(max_size=40), st.integers(-10**6, 10**6), st.floats(allow_nan=False))
    for _ in range(data.draw(st.integers(1, 6))):
        row, col = data.draw(st.integers(1, ws.max_row + 2)), data.draw(st.integers(1, 13))
        value = data.draw(cell_values)
        if isinstance(value, str):
            value = "".join(ch for ch in value if ch.isprintable())
        if not isinstance(ws.cell(row, col), MergedCell):
            ws.cell(row, col).value = value
    path = tmp_path_factory.mktemp("e") / "c.xlsx"
    wb.save(path)
    try:
        read_catalogue_workbook(path)
    except WorkbookError as error:
        assert all(p.message for p in error.problems)


@settings(max_examples=60, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.data())
def test_workbook_reader_on_mutated_bytes(workbook_bytes, tmp_path_factory, data):
    record("Fuzz (Hypothesis): tệp Excel bị sửa byte", 1, "Từ chối có lý do hoặc đọc được; không lỗi chương trình")
    blob = bytearray(workbook_bytes.data)
    for _ in range(data.draw(st.integers(1, 6))):
        blob[data.draw(st.integers(0, len(blob) - 1))] = data.draw(st.integers(0, 255))
    path = tmp_path_factory.mktemp("b") / "c.xlsx"
    path.write_bytes(bytes(blob))
    try:
        read_catalogue_workbook(path)
    except WorkbookError as error:
        assert error.problems


@pytest.mark.parametrize("sample", sorted(p.name for p in CORPUS.iterdir()))
@pytest.mark.reliability("Tệp độc hại trong kho mẫu (tests/reliability/corpus)",
                         "Từ chối với thông báo; không treo, không ghi gì")
def test_corpus(sample, tmp_path):
    path = CORPUS / sample
    copy = tmp_path / sample
    copy.write_bytes(path.read_bytes())
    if sample.endswith(".xlsx"):
        with pytest.raises(WorkbookError) as caught:
            read_catalogue_workbook(copy)
        if "entity" in sample or "laughs" in sample:
            assert "khai báo XML nguy hiểm" in caught.value.summary()
    else:
        with pytest.raises(PackageError):
            verify_package(copy)
    assert sorted(p.name for p in tmp_path.iterdir()) == [sample]
