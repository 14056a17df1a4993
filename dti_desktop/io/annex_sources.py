"""Turn an annex file (.xlsx/.xlsm, .xls, .ods, .docx) into grids, refusing what cannot safely be read.

The kind is told by the file's content, not its name (a workbook saved as "phu-luc.xls" by a clerk may be an
.xlsx). XML is parsed with defusedxml, and every XML part is checked for DTDs and entities first, whatever parser
a library would use (openpyxl takes lxml when it is installed, and then skips defusedxml).
"""

from __future__ import annotations

import io
import re
import warnings
import zipfile
import zlib
from datetime import datetime
from pathlib import Path

from ..domain.numbers import format_number
from .annex_grid import Grid, Merge, Source, SourceError
from .workbook_errors import Problem
from .xlsx_guard import MAX_FILE_BYTES, MAX_MEMBERS, MAX_UNPACKED_BYTES

MAX_ROWS = 5000  # an annex has tens of targets; a far cell (A1048576) once cost 3 GB and 33 s
MAX_COLUMNS = 200
MAX_CELLS = 300_000  # an annex: tens of rows × a dozen columns; with formatting, a few thousand cells
MAX_XML_BYTES = 40 * 1024 * 1024
_EMPTY_RUN = 200  # repeated empty rows/cells kept at most (LibreOffice writes "1 048 000 empty rows")
_CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HOSTILE = re.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)


def read_source(path: Path) -> Source:
    """Every sheet or table of the file as grids; SourceError when the file is not a readable annex file."""
    data = _read_bytes(path)
    try:
        return _read_kind(path, data)
    except RecursionError as error:  # tables inside tables thousands deep: no plan is made so
        raise SourceError([Problem("tệp có cấu trúc lồng nhau quá sâu (bảng trong bảng hàng nghìn tầng), không "
                                   "phải một văn bản kế hoạch thông thường; đã từ chối.")]) from error


def _read_kind(path: Path, data: bytes) -> Source:
    if data.startswith(_CFB_MAGIC):
        return _read_cfb(path, data)
    if data.startswith(b"%PDF"):
        from .annex_pdf import read_pdf

        return read_pdf(path, data)
    if data[:4] != b"PK\x03\x04" and not zipfile.is_zipfile(io.BytesIO(data)):
        raise SourceError([Problem(_unknown_kind(path))])
    archive = _open_zip(data)
    names = set(archive.namelist())
    if "word/document.xml" in names:
        return Source(_docx_grids(archive), document=True, kind="docx")
    if "content.xml" in names and b"spreadsheet" in _member(archive, "mimetype", limit=200):
        return Source(_ods_grids(archive), kind="ods")
    if "content.xml" in names and b"text" in _member(archive, "mimetype", limit=200):
        raise SourceError([Problem("tệp văn bản OpenDocument (.odt) chưa được hỗ trợ; hãy mở bằng LibreOffice "
                                   "hoặc Word, lưu thành .docx rồi nhập lại.")])
    if any(n.startswith("xl/") for n in names):
        _check_sheet_sizes(archive)
        return Source(_xlsx_grids(data), kind="xlsx")
    raise SourceError([Problem(_unknown_kind(path))])


def _unknown_kind(path: Path) -> str:
    if path.suffix.lower() in (".xlsx", ".xlsm", ".xls", ".ods", ".docx"):
        return (f"không phải tệp {'Excel' if path.suffix.lower().startswith('.xl') else path.suffix[1:].upper()} "
                f"{path.suffix.lower()} (nội dung không đúng định dạng).")
    return (f"không nhận ra loại tệp “{path.suffix or path.name}”: chương trình đọc phụ lục từ tệp Excel "
            "(.xlsx, .xlsm, .xls), LibreOffice (.ods), Word (.docx) hoặc PDF có lớp chữ.")


def _read_bytes(path: Path) -> bytes:
    if not path.exists():
        raise SourceError([Problem("không tìm thấy tệp.")])
    if path.is_dir():
        raise SourceError([Problem("đây là một thư mục, không phải tệp phụ lục.")])
    size = path.stat().st_size
    if size == 0:
        raise SourceError([Problem("tệp rỗng (0 byte).")])
    if size > MAX_FILE_BYTES:
        raise SourceError([Problem(f"tệp quá lớn ({size // (1024 * 1024)} MB); tối đa "
                                   f"{MAX_FILE_BYTES // (1024 * 1024)} MB.")])
    return path.read_bytes()


def _open_zip(data: bytes) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise SourceError([Problem(f"tệp bị hỏng, không đọc được ({error}).")]) from error
    if len(members) > MAX_MEMBERS:
        raise SourceError([Problem(f"tệp có quá nhiều thành phần ({len(members)}); không phải tệp thông thường.")])
    if sum(m.file_size for m in members) > MAX_UNPACKED_BYTES:
        raise SourceError([Problem("tệp giải nén ra quá lớn (nghi là tệp độc hại); đã từ chối.")])
    for m in members:
        if m.filename.endswith((".xml", ".rels")) and _declares_entities(archive, m):
            raise SourceError([Problem("tệp chứa khai báo XML nguy hiểm (thực thể, DTD hoặc tham chiếu ngoài); "
                                       "đã từ chối.")])
    return archive


def _declares_entities(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    """A DOCTYPE or ENTITY anywhere in the part, read in chunks (a part may unpack to hundreds of MB)."""
    tail = b""
    try:
        with archive.open(info) as handle:
            while chunk := handle.read(1 << 20):
                if _HOSTILE.search(tail + chunk):
                    return True
                tail = chunk[-16:]
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, zlib.error, NotImplementedError) as error:
        raise SourceError([Problem(f"tệp bị hỏng, không đọc được thành phần {info.filename} ({error}).")]) from error
    return False


def _member(archive: zipfile.ZipFile, name: str, limit: int | None = None) -> bytes:
    try:
        with archive.open(name) as handle:
            return handle.read(limit if limit else MAX_UNPACKED_BYTES)
    except (KeyError, zipfile.BadZipFile, OSError, ValueError, EOFError, zlib.error, NotImplementedError) as error:
        raise SourceError([Problem(f"tệp bị hỏng, không đọc được thành phần {name} ({error}).")]) from error


def _parse_xml(archive: zipfile.ZipFile, name: str):
    from defusedxml import ElementTree

    if archive.getinfo(name).file_size > MAX_XML_BYTES:  # a whole plan's text is a few MB; the tree costs ~10×
        raise SourceError([Problem(f"phần nội dung {name} của tệp quá lớn "
                                   f"({archive.getinfo(name).file_size // (1024 * 1024)} MB) cho một văn bản kế "
                                   "hoạch; đã từ chối.")])
    try:
        return ElementTree.fromstring(_member(archive, name))
    except Exception as error:  # defusedxml's refusals and ParseError alike: the file is not what it says
        raise SourceError([Problem(f"tệp bị hỏng hoặc chứa XML không hợp lệ ở {name}; đã từ chối.")]) from error


# -- Excel 2007+ -----------------------------------------------------------------------------------------------
_ROW_TAG = re.compile(rb"<(?:\w+:)?row[\s>/]")
_CELL_TAG = re.compile(rb"<(?:\w+:)?c[\s>/]")


def _check_sheet_sizes(archive: zipfile.ZipFile) -> None:
    """Each sheet's rows and cells counted while streaming its XML, before openpyxl builds anything: 800 rows ×
    16 384 columns fit in a 0,4 MB file and took openpyxl 2,8 GB. (The declared dimension is not trusted either
    way: it is only what the writer claims.)"""
    for info in archive.infolist():
        if not re.fullmatch(r"xl/worksheets/[^/]+\.xml", info.filename):
            continue
        rows = cells = 0
        tail = b""
        with archive.open(info) as handle:
            while chunk := handle.read(1 << 20):
                block = tail + chunk
                rows += len(_ROW_TAG.findall(block, 0, len(block) - 16)) if len(block) > 16 else 0
                cells += len(_CELL_TAG.findall(block, 0, len(block) - 16)) if len(block) > 16 else 0
                tail = block[-16:]
                if rows > MAX_ROWS or cells > MAX_CELLS:
                    raise SourceError([Problem(f"trang tính ({info.filename}) có hơn {min(rows, MAX_ROWS):,} dòng "
                                               f"hoặc {MAX_CELLS:,} ô, quá lớn so với một bảng phụ lục; đã từ chối."
                                               .replace(",", "."))])


def _xlsx_grids(data: bytes) -> list[Grid]:
    from openpyxl import load_workbook
    from openpyxl.worksheet.worksheet import Worksheet

    from .xlsx_cells import FormulaCell, cell_text

    if b"EncryptedPackage" in data[:4096]:
        raise SourceError([Problem("tệp được đặt mật khẩu; hãy mở bằng Excel, bỏ mật khẩu, lưu lại rồi nhập lại.")])
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            wb = load_workbook(io.BytesIO(data), data_only=False, keep_links=False, keep_vba=False)
    except Exception as error:  # openpyxl raises many kinds on a broken file
        raise SourceError([Problem(f"tệp bị hỏng, không đọc được ({type(error).__name__}).")]) from error
    grids = []
    for ws in wb.worksheets:
        if not isinstance(ws, Worksheet):
            continue
        _check_size(ws.title, ws.max_row, ws.max_column)
        grid = Grid(ws.title, True, [])
        for r, row in enumerate(ws.iter_rows(min_row=1, max_row=ws.max_row, max_col=ws.max_column)):
            texts = []
            for c, cell in enumerate(row):
                try:
                    texts.append(cell_text(cell, keep_lines=True))
                except FormulaCell as formula:
                    grid.problems.append((f"ô chứa công thức “{formula}”; chương trình không tính công thức, hãy "
                                          "thay bằng giá trị.", r, c))
                    texts.append("")
            grid.rows.append(texts)
        grid.merges = [Merge(m.min_row - 1, m.min_col - 1, m.max_row - 1, m.max_col - 1)
                       for m in ws.merged_cells.ranges]
        grids.append(grid)
    return grids


def _check_size(name: str, rows: int, columns: int) -> None:
    from openpyxl.utils import get_column_letter

    if rows > MAX_ROWS or columns > MAX_COLUMNS:
        letter = get_column_letter(min(columns, 18278)) if columns else ""
        raise SourceError([Problem(f"trang tính có ô ở tận dòng {rows}" + (f", cột {letter}" if letter else "")
                                   + ", quá xa so với một bảng phụ lục; hãy xóa các dòng, cột thừa (hoặc chép bảng "
                                   "sang tệp mới) rồi nhập lại.", name or None, rows if rows > MAX_ROWS else None,
                                   letter if columns > MAX_COLUMNS else None)])


# -- Excel 97-2003 and Word 97-2003 (compound files) -------------------------------------------------------------
def _read_cfb(path: Path, data: bytes) -> Source:
    if "EncryptedPackage".encode("utf-16-le") in data:
        raise SourceError([Problem("tệp được đặt mật khẩu; hãy mở bằng Excel, bỏ mật khẩu, lưu lại rồi nhập lại.")])
    if "WordDocument".encode("utf-16-le") in data[:65536] or path.suffix.lower() in (".doc", ".dot"):
        raise SourceError([Problem("tệp Word 97-2003 (.doc) không đọc được trực tiếp; hãy mở bằng Word (hoặc "
                                   "LibreOffice), chọn Lưu thành (Save As) kiểu .docx rồi nhập tệp .docx.")])
    return Source(_xls_grids(data), kind="xls")


def _xls_grids(data: bytes) -> list[Grid]:
    import xlrd

    try:
        book = xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=False,
                                  logfile=io.StringIO())
    except Exception as error:  # xlrd raises its own and struct errors on a broken file
        raise SourceError([Problem(f"tệp Excel 97-2003 (.xls) bị hỏng, không đọc được ({type(error).__name__})."
                                   )]) from error
    grids = []
    for sheet in book.sheets():
        _check_size(sheet.name, sheet.nrows, sheet.ncols)
        grid = Grid(sheet.name, True, [[_xls_text(book, sheet, r, c) for c in range(sheet.ncols)]
                                       for r in range(sheet.nrows)])
        grid.merges = [Merge(rlo, clo, rhi - 1, chi - 1) for rlo, rhi, clo, chi in sheet.merged_cells]
        grids.append(grid)
    return grids


def _xls_text(book, sheet, r: int, c: int) -> str:
    import xlrd

    cell = sheet.cell(r, c)
    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return ""
    if cell.ctype == xlrd.XL_CELL_TEXT:
        return str(cell.value)
    if cell.ctype == xlrd.XL_CELL_NUMBER:
        fmt = book.format_map.get(book.xf_list[cell.xf_index].format_key) if cell.xf_index is not None else None
        if fmt is not None and "%" in fmt.format_str:
            return f"{format_number(cell.value * 100)}%"
        return format_number(cell.value, decimals=6)
    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            return xlrd.xldate_as_datetime(cell.value, book.datemode).strftime("%d/%m/%Y")
        except (ValueError, OverflowError):
            return ""
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return "TRUE" if cell.value else "FALSE"
    return ""


# -- OpenDocument spreadsheet ----------------------------------------------------------------------------------
_T = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_X = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_O = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"


def _ods_grids(archive: zipfile.ZipFile) -> list[Grid]:
    root = _parse_xml(archive, "content.xml")
    return [_ods_table(table) for table in root.iter(f"{_T}table")]


def _ods_table(table) -> Grid:
    grid = Grid(table.get(f"{_T}name", "Sheet"), True, [])
    pending_empty = 0
    for row in _ods_rows(table):
        repeat = int(row.get(f"{_T}number-rows-repeated", "1") or 1)
        texts, spans = _ods_row(row, len(grid.rows))
        if not any(texts):
            pending_empty += repeat
            continue
        grid.rows.extend([[] for _ in range(min(pending_empty, _EMPTY_RUN))])
        pending_empty = 0
        for _ in range(min(repeat, _EMPTY_RUN)):
            r = len(grid.rows)
            grid.rows.append(list(texts))
            grid.merges.extend(Merge(r, c, r + rs - 1, c + cs - 1) for c, rs, cs in spans)
            if r >= MAX_ROWS:
                _check_size(grid.name, r + 1, 0)
    return grid


def _ods_rows(element):
    for child in element:
        if child.tag == f"{_T}table-row":
            yield child
        elif child.tag in (f"{_T}table-header-rows", f"{_T}table-row-group", f"{_T}table-rows"):
            yield from _ods_rows(child)


def _ods_row(row, r: int) -> tuple[list[str], list[tuple[int, int, int]]]:
    texts: list[str] = []
    spans: list[tuple[int, int, int]] = []
    pending = 0
    for cell in row:
        if cell.tag not in (f"{_T}table-cell", f"{_T}covered-table-cell"):
            continue
        repeat = int(cell.get(f"{_T}number-columns-repeated", "1") or 1)
        text = "" if cell.tag.endswith("covered-table-cell") else _ods_value(cell)
        if not text:
            pending += repeat
            continue
        texts.extend([""] * min(pending, MAX_COLUMNS))
        pending = 0
        for _ in range(min(repeat, MAX_COLUMNS)):
            cs = int(cell.get(f"{_T}number-columns-spanned", "1") or 1)
            rs = int(cell.get(f"{_T}number-rows-spanned", "1") or 1)
            if cs > 1 or rs > 1:
                spans.append((len(texts), min(rs, MAX_ROWS), min(cs, MAX_COLUMNS)))
            texts.append(text)
        if len(texts) > MAX_COLUMNS:
            _check_size("", 0, len(texts))
    return texts, spans


def _ods_value(cell) -> str:
    kind = cell.get(f"{_O}value-type", "")
    value = cell.get(f"{_O}value")
    try:
        if kind == "percentage" and value is not None:
            return f"{format_number(float(value) * 100)}%"
        if kind in ("float", "currency") and value is not None:
            return format_number(float(value), decimals=6)
        if kind == "date" and (iso := cell.get(f"{_O}date-value")):
            return datetime.fromisoformat(iso[:10]).strftime("%d/%m/%Y")
    except (ValueError, OverflowError):
        pass
    return "\n".join(_ods_paragraph(p) for p in cell if p.tag in (f"{_X}p", f"{_X}h"))


def _ods_paragraph(element) -> str:
    parts = [element.text or ""]
    for child in element:
        if child.tag == f"{_X}s":
            parts.append(" " * int(child.get(f"{_X}c", "1") or 1))
        elif child.tag == f"{_X}tab":
            parts.append(" ")
        elif child.tag == f"{_X}line-break":
            parts.append("\n")
        elif child.tag not in (f"{_O}annotation",):
            parts.append(_ods_paragraph(child))
        parts.append(child.tail or "")
    return "".join(parts)


# -- Word ------------------------------------------------------------------------------------------------------
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _docx_grids(archive: zipfile.ZipFile) -> list[Grid]:
    """Each table of the document body as a grid; the paragraphs before it as its lines_before. A document with
    no table gives one grid of its paragraphs (for the plan's header), named for what it is."""
    body = _parse_xml(archive, "word/document.xml").find(f"{_W}body")
    grids: list[Grid] = []
    lines: list[str] = []
    for element in _body_blocks(body):
        if element.tag == f"{_W}p":
            if text := _docx_paragraph(element).strip():
                lines.append(text)
        elif element.tag == f"{_W}tbl":
            grid = _docx_table(element, f"bảng {len(grids) + 1}")
            grid.lines_before = lines
            grids.append(grid)
            lines = []
    trailing = Grid("phần cuối văn bản", False, [[line] for line in lines])
    trailing.lines_before = []
    grids.append(trailing)
    return grids


def _body_blocks(element):
    if element is None:
        return
    for child in element:
        if child.tag in (f"{_W}p", f"{_W}tbl"):
            yield child
        elif child.tag in (f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml", f"{_W}ins"):
            yield from _body_blocks(child)


def _docx_paragraph(p) -> str:
    parts: list[str] = []
    for node in p.iter():
        tag = node.tag
        if tag == f"{_W}t":
            parts.append(node.text or "")
        elif tag == f"{_W}tab":
            parts.append(" ")
        elif tag in (f"{_W}br", f"{_W}cr"):
            parts.append("\n")
        elif tag == f"{_W}del":  # tracked deletions are not the text
            for t in node.iter(f"{_W}delText"):
                t.text = ""
    return "".join(parts)


def _docx_cell_text(tc) -> str:
    lines = []
    for child in tc:
        if child.tag == f"{_W}p":
            lines.append(_docx_paragraph(child))
        elif child.tag == f"{_W}tbl":  # a table inside a cell: its text, row by row
            lines.extend(" ".join(_docx_cell_text(c) for c in tr.iter(f"{_W}tc")) for tr in child.iter(f"{_W}tr"))
        elif child.tag == f"{_W}sdt":
            lines.append(_docx_cell_text(child.find(f"{_W}sdtContent") or child))
    return "\n".join(lines).strip()


def _int_attr(element, path: str, default: int = 1) -> int:
    found = element.find(path) if element is not None else None
    try:
        return max(1, min(int(found.get(f"{_W}val")), MAX_COLUMNS)) if found is not None else default
    except (TypeError, ValueError):
        return default


def _docx_table(tbl, name: str) -> Grid:
    grid = Grid(name, False, [])
    open_vertical: dict[int, int] = {}  # column → index in grid.merges of the vertical merge running down it
    for r, tr in enumerate(tbl.findall(f"{_W}tr")):  # direct rows only: a table inside a cell is that cell's text
        if r >= MAX_ROWS:
            break
        row: list[str] = []
        trpr = tr.find(f"{_W}trPr")
        before = _int_attr(trpr, f"{_W}gridBefore", 0) if trpr is not None else 0
        row.extend([""] * before)
        for tc in tr.findall(f"{_W}tc") + [c for s in tr.findall(f"{_W}sdt") for c in s.iter(f"{_W}tc")]:
            tcpr = tc.find(f"{_W}tcPr")
            span = _int_attr(tcpr, f"{_W}gridSpan")
            vmerge = tcpr.find(f"{_W}vMerge") if tcpr is not None else None
            c = len(row)
            continues = vmerge is not None and vmerge.get(f"{_W}val", "continue") == "continue"
            if continues and c in open_vertical:
                m = grid.merges[open_vertical[c]]
                grid.merges[open_vertical[c]] = Merge(m.top, m.left, r, m.right)
                row.extend([""] * span)
                continue
            open_vertical.pop(c, None)
            row.append(_docx_cell_text(tc))
            row.extend([""] * (span - 1))
            if span > 1 or vmerge is not None:
                grid.merges.append(Merge(r, c, r, c + span - 1))
                if vmerge is not None:
                    open_vertical[c] = len(grid.merges) - 1
        grid.rows.append(row)
    grid.merges = [m for m in grid.merges if m.bottom > m.top or m.right > m.left]
    return grid
