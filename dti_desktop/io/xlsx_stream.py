"""A streaming SpreadsheetML writer for the large report workbooks (the consolidated report).

openpyxl, even in write-only mode, builds a Python cell object per value and looks its style up
cell by cell: for a province (200 units × every target, about 70 000 bordered, wrapped cells)
that is most of the export's time. This writer knows the few styles those sheets use, writes each
row as one piece of XML straight into the zip, and keeps only the shared-strings table in memory.
It writes what Excel itself writes (shared strings, frozen panes, print titles, A4 page setup);
the tests read its files back with openpyxl and LibreOffice.

A string is always text: nothing is ever a formula, whatever it starts with. An int or a float is a
number (the counts and shares of the consolidated report, which the office sums and sorts), shown in
the format of its style (NUMBER, DECIMAL): the spreadsheet puts the reader's decimal comma.
"""

from __future__ import annotations

import math
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from ..fileutil import atomic_path

FONT_NAME = "Times New Roman"
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"

# Cell styles (indices into cellXfs below). *_CENTER titles are for merged title rows; PART_* for group rows;
# NUMBER ("0") and DECIMAL ("0.0", one decimal) are body cells for numbers.
(PLAIN, TITLE_BOLD, TITLE, SUBTITLE, HEADER, BODY_CENTER, BODY_TOP, TITLE_BOLD_CENTER, TITLE_CENTER,
 SUBTITLE_CENTER, PART_CENTER, PART_TOP, NUMBER, DECIMAL) = range(14)

_STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="{MAIN_NS}">
<numFmts count="1"><numFmt numFmtId="164" formatCode="0.0"/></numFmts>
<fonts count="4">
<font><sz val="11"/><name val="{FONT_NAME}"/><family val="1"/></font>
<font><b/><sz val="11"/><name val="{FONT_NAME}"/><family val="1"/></font>
<font><b/><sz val="13"/><name val="{FONT_NAME}"/><family val="1"/></font>
<font><i/><sz val="12"/><name val="{FONT_NAME}"/><family val="1"/></font>
</fonts>
<fills count="4">
<fill><patternFill patternType="none"/></fill>
<fill><patternFill patternType="gray125"/></fill>
<fill><patternFill patternType="solid"><fgColor rgb="FFD9D9D9"/><bgColor indexed="64"/></patternFill></fill>
<fill><patternFill patternType="solid"><fgColor rgb="FFEDEDED"/><bgColor indexed="64"/></patternFill></fill>
</fills>
<borders count="2">
<border><left/><right/><top/><bottom/><diagonal/></border>
<border><left style="thin"><color rgb="FF000000"/></left><right style="thin"><color rgb="FF000000"/></right>\
<top style="thin"><color rgb="FF000000"/></top><bottom style="thin"><color rgb="FF000000"/></bottom><diagonal/></border>
</borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="14">
<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>
<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment vertical="top"/></xf>
<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment vertical="top"/></xf>
<xf numFmtId="0" fontId="3" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment vertical="top"/></xf>
<xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" \
applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>
<xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyFont="1" applyBorder="1" applyAlignment="1">\
<alignment horizontal="center" vertical="center" wrapText="1"/></xf>
<xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyFont="1" applyBorder="1" applyAlignment="1">\
<alignment vertical="top" wrapText="1"/></xf>
<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1">\
<alignment horizontal="center" vertical="center" wrapText="1"/></xf>
<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1">\
<alignment horizontal="center" vertical="center" wrapText="1"/></xf>
<xf numFmtId="0" fontId="3" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1">\
<alignment horizontal="center" vertical="center" wrapText="1"/></xf>
<xf numFmtId="0" fontId="1" fillId="3" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" \
applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>
<xf numFmtId="0" fontId="1" fillId="3" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" \
applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>
<xf numFmtId="1" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyFont="1" applyBorder="1" \
applyAlignment="1"><alignment horizontal="center" vertical="top"/></xf>
<xf numFmtId="164" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyFont="1" applyBorder="1" \
applyAlignment="1"><alignment horizontal="center" vertical="top"/></xf>
</cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>
"""

# "Trang 2/5" at the foot of every printed page (&P the page, &N the count), in the sheet's font
PAGE_FOOTER = "Trang &P/&N"
MAX_CELL_CHARS = 32_767  # Excel's limit for one cell's text
# XML 1.0 forbids these characters even escaped; a text carrying one (pasted from elsewhere) loses it
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# Line breaks XML cannot hold as such (Word's \v and \f, the Unicode line and paragraph separators): made
# plain line breaks before the rest is dropped, so the words on either side stay apart.
_BREAKS = str.maketrans({"\x0b": "\n", "\x0c": "\n", "\u2028": "\n", "\u2029": "\n"})


def estimate_lines(text: str, width_chars: float) -> int:
    """Lines a wrapped cell needs: neither Excel nor LibreOffice sizes the rows of a written file.

    Words are filled greedily into lines as the spreadsheet wraps them (a word that does not fit
    starts a new line), so a header like "Đánh giá đạt/chưa đạt" in a narrow column gets its three.
    """
    usable = _usable(width_chars)  # Times New Roman 11 is narrower than Calibri's "char"
    text = text or ""
    if len(text) <= usable and "\n" not in text:  # most cells: one line, no splitting
        return 1
    lines = 0
    for paragraph in text.split("\n"):
        count, column = 1, 0
        for word in paragraph.split():
            width = len(word)
            if column and column + 1 + width <= usable:
                column += 1 + width
                continue
            if column:
                count += 1
            count += (width - 1) // usable if width else 0  # a word longer than the line breaks anywhere
            column = width - (width - 1) // usable * usable if width else 0
        lines += count
    return lines


LINE_POINTS = 14.0  # one line of 11-point text, with its leading
MAX_ROW_POINTS = 409.0  # Excel's tallest row: a taller one makes it report the file as damaged


def row_height(values: Sequence, widths: Sequence[float]) -> float:
    """Points a row needs for its tallest wrapped cell (values and column widths side by side), at most
    Excel's limit: past it Excel reports the file as damaged (the rest of a long evidence text is read in the
    formula bar)."""
    lines = 1
    for v, w in zip(values, widths):
        if not v:
            continue
        text = v if isinstance(v, str) else str(v)
        # most cells fit one line: told here without a call (a country's workbook has 1,2 million cells)
        if len(text) > _usable(w) or "\n" in text:
            lines = max(lines, estimate_lines(text, w))
    return min(lines * LINE_POINTS + 3, MAX_ROW_POINTS)


@lru_cache(maxsize=256)
def _usable(width_chars: float) -> int:
    """Characters of one line in a column `width_chars` wide (as estimate_lines counts them)."""
    return int(max(width_chars - 1, 1) * 1.15)


MAX_ROW_LINES = int((MAX_ROW_POINTS - 3) // LINE_POINTS)
CONTINUED = "(tiếp)"


def _chunks(text: str, width_chars: float, max_lines: int) -> list[str]:
    """`text` cut at word (or line) boundaries into pieces of at most `max_lines` wrapped lines each."""
    pieces, current = [], ""
    for paragraph_no, paragraph in enumerate(text.split("\n")):
        for word_no, word in enumerate(paragraph.split(" ")):
            joiner = "\n" if paragraph_no and word_no == 0 else (" " if word_no else "")
            candidate = current + joiner + word if current else word
            if current and estimate_lines(candidate, width_chars) > max_lines:
                pieces.append(current)
                current = word
            else:
                current = candidate
    return [*pieces, current] if current or not pieces else pieces


def fitted_rows(values: Sequence, widths: Sequence[float]) -> list[tuple[Sequence, float]]:
    """(row, height) for a row as one or more rows each within Excel's tallest: a text that needs more goes on
    below, in rows marked CONTINUED in the first column. (Capped at 409 pt, a long cause or proposal showed its
    first fifth: the rest was neither on screen nor on paper.)"""
    height = row_height(values, widths)
    if height < MAX_ROW_POINTS:
        return [(values, height)]
    split = [_chunks(v, w, MAX_ROW_LINES) if isinstance(v, str) and v else [v] for v, w in zip(values, widths)]
    rows = []
    for i in range(max(len(parts) for parts in split)):
        row = [parts[i] if i < len(parts) else "" for parts in split]
        if i:
            row[0] = CONTINUED
        rows.append((row, row_height(row, widths)))
    return rows


def _number(value: object) -> str | None:
    """The cell text of an int or a finite float (not a bool, not a numeric-looking string); else None."""
    if type(value) is int or (type(value) is float and math.isfinite(value)):
        return repr(value)
    return None


def column_letter(index: int) -> str:
    """1 -> A, 27 -> AA."""
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass(frozen=True)
class SheetLayout:
    """How a sheet looks and prints: column widths (in characters), the frozen cell, the header row."""

    title: str
    widths: Sequence[float]
    freeze: str | None = None          # e.g. "C6": rows above and columns left of it stay in view
    header_row: int | None = None      # repeated at the top of every printed page
    landscape: bool = True
    fit_width: bool = True
    merges: Sequence[str] = ()         # e.g. ("A1:J1",): title lines across the table
    title_columns: str | None = None   # e.g. "A:B": repeated at the left of every page printed to the right
    footer: str = PAGE_FOOTER          # centred at the foot of every printed page ("" for none)


def _part(name: str) -> zipfile.ZipInfo:
    """A part stamped 01/01/1980, as Excel stamps its own: the same cells give the same bytes (a package's
    hash then depends on its content only, not on the minute it was written)."""
    info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def _print_titles(layout: SheetLayout) -> str:
    """'Sheet'!$A:$B,'Sheet'!$5:$5: columns first, as Excel writes them."""
    sheet = _quoted_sheet(layout.title)
    parts = []
    if layout.title_columns:
        first, last = layout.title_columns.split(":")
        parts.append(f"{sheet}!${first}:${last}")
    if layout.header_row:
        parts.append(f"{sheet}!${layout.header_row}:${layout.header_row}")
    return ",".join(parts)


class StreamingWorkbook:
    """The sheets, declared up front, are written one after another, row by row; `close()` adds the
    shared strings. Parts go in the order Excel writes them ([Content_Types].xml first: some tools
    recognise a workbook by it)."""

    def __init__(self, file: Path, sheets: Sequence[SheetLayout]) -> None:
        self._zip = zipfile.ZipFile(file, "w", zipfile.ZIP_DEFLATED)
        self._strings: dict[str, int] = {}
        self._sheets = list(sheets)
        self._written = 0
        self._write_package_parts()

    # -- sheets ------------------------------------------------------------------------------
    def write_sheet(self, rows: Iterable[tuple[Sequence[str | int | float], Sequence[int] | int, float | None]]
                    ) -> None:
        """Writes the next declared sheet from (values, style or one style per value, row height in points
        or None). A str is text, an int or float a number, None or "" an empty cell."""
        layout = self._sheets[self._written]
        self._written += 1
        number = self._written
        letters = [column_letter(i) for i in range(1, max(len(layout.widths), 1) + 1)]
        with self._zip.open(_part(f"xl/worksheets/sheet{number}.xml"), "w") as out:
            out.write(self._sheet_head(layout).encode())
            buffer: list[str] = []
            strings = self._strings
            r = 0
            for r, (values, style, height) in enumerate(rows, start=1):
                cells = []
                for c, value in enumerate(values):
                    s = style if type(style) is int else style[c]
                    while c >= len(letters):
                        letters.append(column_letter(len(letters) + 1))
                    if type(value) is not str:
                        figure = _number(value)
                        if figure is not None:
                            cells.append(f'<c r="{letters[c]}{r}" s="{s}"><v>{figure}</v></c>')
                            continue
                        value = "" if value is None else str(value)
                    if not value:  # an empty cell keeps its borders and fill
                        if s:
                            cells.append(f'<c r="{letters[c]}{r}" s="{s}"/>')
                        continue
                    if len(value) > MAX_CELL_CHARS:  # Excel refuses the whole file past its cell limit
                        value = value[:MAX_CELL_CHARS - 1] + "…"
                    index = strings.get(value)
                    if index is None:
                        index = strings[value] = len(strings)
                    cells.append(f'<c r="{letters[c]}{r}" s="{s}" t="s"><v>{index}</v></c>')
                if height is None:
                    buffer.append(f'<row r="{r}">{"".join(cells)}</row>')
                else:
                    buffer.append(f'<row r="{r}" ht="{height:g}" customHeight="1">{"".join(cells)}</row>')
                if len(buffer) >= 500:
                    out.write("".join(buffer).encode())
                    buffer.clear()
            out.write("".join(buffer).encode())
            out.write(self._sheet_tail(layout).encode())

    @staticmethod
    def _sheet_head(layout: SheetLayout) -> str:
        parts = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n',
                 f'<worksheet xmlns="{MAIN_NS}" xmlns:r="{REL_NS}">']
        if layout.fit_width:
            parts.append('<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>')
        parts.append('<sheetViews><sheetView workbookViewId="0">')
        if layout.freeze:
            col, row = re.fullmatch(r"([A-Z]+)(\d+)", layout.freeze).groups()
            x = sum((ord(ch) - 64) * 26 ** i for i, ch in enumerate(reversed(col))) - 1
            y = int(row) - 1
            pane = "bottomRight" if x and y else ("bottomLeft" if y else "topRight")
            split = (f' xSplit="{x}"' if x else "") + (f' ySplit="{y}"' if y else "")
            parts.append(f'<pane{split} topLeftCell="{layout.freeze}" activePane="{pane}" state="frozen"/>'
                         f'<selection pane="{pane}" activeCell="{layout.freeze}" sqref="{layout.freeze}"/>')
        parts.append('</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>')
        if layout.widths:
            parts.append("<cols>")
            parts += [f'<col min="{i}" max="{i}" width="{w:g}" customWidth="1"/>'
                      for i, w in enumerate(layout.widths, start=1)]
            parts.append("</cols>")
        parts.append("<sheetData>")
        return "".join(parts)

    @staticmethod
    def _sheet_tail(layout: SheetLayout) -> str:
        # A4 (paperSize 9); margins close to NĐ 30/2020 (left 30 mm, right 15 mm, top and bottom 20 mm)
        merges = "".join(f'<mergeCell ref="{ref}"/>' for ref in layout.merges)
        merges = f'<mergeCells count="{len(layout.merges)}">{merges}</mergeCells>' if merges else ""
        fit = ' fitToWidth="1" fitToHeight="0"' if layout.fit_width else ""
        orientation = "landscape" if layout.landscape else "portrait"
        footer = ""
        if layout.footer:  # &C centred, then the font and size, as Excel writes them
            text = escape(f'&C&"{FONT_NAME},Regular"&11{layout.footer}')
            footer = f"<headerFooter><oddFooter>{text}</oddFooter></headerFooter>"
        return (f'</sheetData>{merges}<printOptions horizontalCentered="1"/>'
                f'<pageMargins left="{30 / 25.4:.4f}" right="{15 / 25.4:.4f}" top="{20 / 25.4:.4f}" '
                f'bottom="{20 / 25.4:.4f}" header="0.3" footer="0.3"/>'
                f'<pageSetup paperSize="9" orientation="{orientation}"{fit}/>{footer}</worksheet>')

    # -- the rest of the package ---------------------------------------------------------------
    def _write_package_parts(self) -> None:
        z, n = self._zip, len(self._sheets)
        ct = "application/vnd.openxmlformats-officedocument.spreadsheetml"
        overrides = "".join(f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{ct}.worksheet+xml"/>'
                            for i in range(1, n + 1))
        z.writestr(_part("[Content_Types].xml"),
                   '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                   '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                   '<Default Extension="xml" ContentType="application/xml"/>'
                   f'<Override PartName="/xl/workbook.xml" ContentType="{ct}.sheet.main+xml"/>'
                   f'<Override PartName="/xl/styles.xml" ContentType="{ct}.styles+xml"/>'
                   f'<Override PartName="/xl/sharedStrings.xml" ContentType="{ct}.sharedStrings+xml"/>'
                   f"{overrides}</Types>")
        z.writestr(_part("_rels/.rels"),
                   f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{PKG_REL_NS}">'
                   f'<Relationship Id="rId1" Type="{REL_NS}/officeDocument" Target="xl/workbook.xml"/>'
                   "</Relationships>")
        sheets = "".join(f'<sheet name={quoteattr(s.title)} sheetId="{i}" r:id="rId{i}"/>'
                         for i, s in enumerate(self._sheets, start=1))
        titles = "".join(
            f'<definedName name="_xlnm.Print_Titles" localSheetId="{i}">{escape(_print_titles(s))}</definedName>'
            for i, s in enumerate(self._sheets) if s.header_row or s.title_columns)
        z.writestr(_part("xl/workbook.xml"),
                   f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="{MAIN_NS}" '
                   f'xmlns:r="{REL_NS}"><bookViews><workbookView activeTab="0"/></bookViews>'
                   f"<sheets>{sheets}</sheets>" + (f"<definedNames>{titles}</definedNames>" if titles else "")
                   + "</workbook>")
        rels = "".join(f'<Relationship Id="rId{i}" Type="{REL_NS}/worksheet" Target="worksheets/sheet{i}.xml"/>'
                       for i in range(1, n + 1))
        rels += (f'<Relationship Id="rId{n + 1}" Type="{REL_NS}/styles" Target="styles.xml"/>'
                 f'<Relationship Id="rId{n + 2}" Type="{REL_NS}/sharedStrings" Target="sharedStrings.xml"/>')
        z.writestr(_part("xl/_rels/workbook.xml.rels"),
                   f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{PKG_REL_NS}">'
                   f"{rels}</Relationships>")
        z.writestr(_part("xl/styles.xml"), _STYLES)

    def abort(self) -> None:
        """Closes the file unfinished (the caller discards it)."""
        self._zip.close()

    def close(self) -> None:
        """Adds the shared strings (every sheet must have been written) and closes the file."""
        if self._written != len(self._sheets):
            self.abort()
            raise ValueError(f"{len(self._sheets) - self._written} trang tính chưa được ghi")
        with self._zip.open(_part("xl/sharedStrings.xml"), "w") as out:
            out.write(f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="{MAIN_NS}" '
                      f'uniqueCount="{len(self._strings)}">'.encode())
            chunk: list[str] = []
            for text in self._strings:  # dicts keep insertion order: the index order
                text = _NOT_XML.sub("", text.translate(_BREAKS))
                chunk.append(f'<si><t xml:space="preserve">{escape(text)}</t></si>')
                if len(chunk) >= 1000:
                    out.write("".join(chunk).encode("utf-8", "replace"))
                    chunk.clear()
            out.write("".join(chunk).encode("utf-8", "replace"))
            out.write(b"</sst>")
        self._zip.close()


def _quoted_sheet(title: str) -> str:
    return "'" + title.replace("'", "''") + "'"


def write_workbook(path: Path, sheets: Iterable[tuple[SheetLayout, Iterable]], durable: bool = True) -> Path:
    """Writes the sheets to `path` through a temporary file (never a half-written workbook)."""
    sheets = list(sheets)
    with atomic_path(Path(path), durable) as tmp:
        book = StreamingWorkbook(tmp, [layout for layout, _ in sheets])
        try:
            for _, rows in sheets:
                book.write_sheet(rows)
        except BaseException:
            book.abort()  # the temporary file is then removed: nothing half-written is kept
            raise
        book.close()
    return Path(path)
