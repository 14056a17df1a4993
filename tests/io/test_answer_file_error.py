"""A refused answer file is a known error of the one error model, told in Vietnamese, not a bug."""

from __future__ import annotations

import pytest

from dti_desktop.domain.errors import KnownError
from dti_desktop.io.answer_file import AnswerFileError, parse, read_answer_file
from dti_desktop.services.errors import known_text


def test_answer_file_error_is_known_not_a_value_error():
    assert issubclass(AnswerFileError, KnownError) and not issubclass(AnswerFileError, ValueError)


@pytest.mark.parametrize("raw", [b"\xff\xfe", b"[1, 2]", b'{"format": "dti-answer/9"}'])
def test_a_file_that_is_no_answer_is_told_as_known(raw):
    with pytest.raises(AnswerFileError) as refused:
        parse(raw, "tra-loi.dtitraloi")
    assert known_text(refused.value).startswith("tra-loi.dtitraloi không phải tệp trả lời của DTI Desktop")


def test_a_missing_file_is_told_by_name(tmp_path):
    with pytest.raises(AnswerFileError) as refused:
        read_answer_file(tmp_path / "mat.dtitraloi")
    assert "mat.dtitraloi" in known_text(refused.value)
