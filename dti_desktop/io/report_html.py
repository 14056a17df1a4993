"""HTML of the printed documents (Qt rich text). Every piece of data is escaped: shown, never interpreted.

Qt rich text honours lengths in px only (device pixels of the 300 dpi layout), so
indents are computed from millimetres here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from html import escape

from ..domain.admin_doc import DocumentFrame, closed
from ..domain.report_doc import Block, Grid, Heading, Para, Picture, ReportDoc, header_lines
from ..domain.report import ReportLine
from .pdf_render import RESOLUTION, Margins

INDENT_PX = round(10 / 25.4 * RESOLUTION)  # first-line indent 1 cm
# Room to sign and stamp between the title and the signer's name (about 29 mm measured on the PDF; an empty
# paragraph with a margin, used before, is dropped by Qt and left one ordinary line).
SIGNATURE_SPACE_PX = 90


def esc(text: str) -> str:
    return escape(text or "").replace("\n", "<br/>")


def header_html(frame: DocumentFrame) -> str:
    """Two-column header: issuer (left) and national motto (right), then title and subject."""
    parent = (f"<p align=center style='font-size:12pt'>{'<br/>'.join(map(esc, header_lines(frame.parent, bold=False)))}"
              "</p>") if frame.parent else ""
    issuer = "<br/>".join(map(esc, header_lines(frame.issuer)))  # broken between phrases, never "THÔNG / TIN"
    return f"""
<table width="100%" cellspacing="0" cellpadding="0" border="0">
<tr>
<td width="40%" align="center" valign="top">{parent}
<p align=center style="font-size:12pt"><b>{issuer}</b></p>
<p align=center style="font-size:12pt; margin-top:0">―――――</p>
<p align=center style="font-size:13pt">{esc(frame.number)}</p></td>
<td width="60%" align="center" valign="top">
<p align=center style="font-size:12pt"><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b></p>
<p align=center style="font-size:13pt"><b>Độc lập - Tự do - Hạnh phúc</b></p>
<p align=center style="font-size:12pt; margin-top:0">――――――――――――</p>
<p align=center style="font-size:13pt"><i>{esc(frame.place_date)}</i></p></td>
</tr></table>
<p align=center style="font-size:14pt; margin-top:18px"><b>{esc(frame.title)}</b></p>
<p align=center style="font-size:14pt"><b>{esc(frame.subject)}</b></p>
<p align=center style="font-size:12pt; margin-top:0">――――――</p>"""


def paragraph(text: str) -> str:
    return f"<p align=justify style='text-indent:{INDENT_PX}px; margin-top:6px'>{esc(text)}</p>"


SECTION_SPACE_PX = 12


def section(title: str) -> str:
    return f"<p style='margin-top:{SECTION_SPACE_PX}px'><b>{esc(title)}</b></p>"


def unclosed(text: str) -> str:
    """A text without the "./." an officer may have typed at its end: only the document's last word carries it
    (pasted from a report of their own, it stood in the middle of the body)."""
    stripped = text.rstrip()
    return stripped[:-3].rstrip().rstrip(".") + "." if stripped.endswith("./.") else text


def lines(texts: list[str], empty: str = "Không có.", last: bool = False) -> str:
    """A paragraph a line, each indented (a line break inside one paragraph would lose the indent); `last`: the
    body's last paragraphs, the final one closed with "./."."""
    if not texts:
        return paragraph(closed(empty) if last else empty)
    texts = [unclosed(t) for t in texts]
    texts = [*texts[:-1], closed(texts[-1])] if last else texts
    return "".join(f"<p align=justify style='text-indent:{INDENT_PX}px'>{esc(t)}</p>" for t in texts)


def bullets(items: list[str], empty: str = "Không có.") -> str:
    return lines([f"- {i}" for i in items], empty)


def section_lines(title: str, texts: list[str], empty: str = "Không có.") -> list["Part"]:
    """A heading and its lines, the heading kept on one page with the first of them: alone, it was left at the
    foot of a page with its text on the next. A first line too long to move whole (it could be taller than a
    page) leaves the heading free, as before."""
    texts = [unclosed(t) for t in texts] or [empty]
    if len(texts[0]) > KEPT_WITH_SIGNATURE:
        return [section(title), lines(texts)]
    kept = (f"<p style='margin:0'><b>{esc(title)}</b></p>"
            f"<p align=justify style='text-indent:{INDENT_PX}px; margin:0'>{esc(texts[0])}</p>")
    return [KeepTogether(kept, space_above=SECTION_SPACE_PX), *([lines(texts[1:])] if texts[1:] else [])]


# Fitting a cell's longest unbreakable word into its column: a figure such as "31.994.175.372/62.314.015.097 đồng"
# was cut between its digits ("31.994.175." / "372/62.314."). Widths in em of a Times-like serif (the shipped
# Liberation Serif has Times New Roman's metrics); other characters count as 0.5 em, capitals as 0.72.
TEXT_WIDTH_MM = 210 - Margins().left - Margins().right  # the A4 page inside the margins every document uses
_EM = dict.fromkeys(".,:;", 0.25) | {"/": 0.28, "%": 0.83, "(": 0.33, ")": 0.33, "-": 0.33}
_CELL_PADDING_MM = 1.6  # each side: cellpadding and the rule, as measured on the PDF
MIN_FIT_PT = 8  # a footnote's size; a word too long even then wraps as before
# A fraction may break after its slash (a zero-width space), never inside a number. Only between digits: a link
# copied from the PDF must stay whole.
_FRACTION_SLASH = re.compile(r"(?<=\d)/(?=\d)")


def _word_em(word: str) -> float:
    return sum(_EM.get(ch, 0.72 if ch.isupper() else 0.5) for ch in word)


@lru_cache(maxsize=8192)  # asked again at every layout round of the paginator, for the same cells
def fitted_pt(text: str, width_pct: float, font_pt: float) -> float:
    """The font size at which the cell's longest word fits its column: `font_pt`, or smaller (by half points, not
    under MIN_FIT_PT) for a long figure; `font_pt` when even that would not do."""
    words = _FRACTION_SLASH.sub("/ ", text).split()
    if not words:
        return font_pt
    width_mm = width_pct / 100 * TEXT_WIDTH_MM - 2 * _CELL_PADDING_MM
    fits = width_mm / (max(map(_word_em, words)) * 25.4 / 72)  # pt at which the longest word fills the width
    if fits >= font_pt:
        return font_pt
    smaller = int(fits * 2) / 2
    return smaller if smaller >= MIN_FIT_PT else font_pt


@dataclass(frozen=True)
class Table:
    """A bordered data table; rows are (cells, kind) with kind "group" (a heading row) or "".

    Kept apart from the HTML so the renderer can split it between rows: a row is
    never cut in half, and every page starts with the header row.
    """

    headers: list[tuple[str, int]]
    rows: list[tuple[list[str], str]]
    font_pt: float = 11
    centred: tuple[int, ...] = (0,)  # columns centred (TT, counts)

    def html(self, breaks: frozenset[int] = frozenset()) -> str:
        """One <table> per chunk; a chunk after a break starts on a new page (the first too, when 0 is a break:
        the table's first row would not fit below what precedes it)."""
        starts = [0, *sorted(b for b in breaks if 0 < b < len(self.rows))]
        ends = starts[1:] + [len(self.rows)]
        return "".join(self._chunk(a, b, first=(i == 0 and 0 not in breaks)) for i, (a, b) in enumerate(zip(starts, ends)))

    def _cell(self, text: str, width_pct: int) -> str:
        body = esc(_FRACTION_SLASH.sub("/\u200b", text or ""))
        size = fitted_pt(text, width_pct, self.font_pt)
        return f"<td><span style='font-size:{size:g}pt'>{body}</span></td>" if size != self.font_pt else f"<td>{body}</td>"

    def _chunk(self, start: int, end: int, first: bool) -> str:
        head = "".join(f"<th width='{w}%' align=center>{esc(h)}</th>" for h, w in self.headers)
        body = []
        for cells, kind in self.rows[start:end]:
            if kind == "group":
                body.append(f"<tr><td align=center><b>{esc(cells[0])}</b></td>"
                            f"<td colspan='{len(self.headers) - 1}'><b>{esc(cells[1])}</b></td></tr>")
            else:
                tds = "".join(f"<td align=center>{esc(c)}</td>" if i in self.centred else
                              self._cell(c, self.headers[i][1]) for i, c in enumerate(cells))
                body.append(f"<tr>{tds}</tr>")
        page_break = "" if first else "page-break-before: always; "
        return (f"<table width='100%' border='1' cellspacing='0' cellpadding='5' "
                f"style='{page_break}border-collapse:collapse; border-color:#000; font-size:{self.font_pt}pt'>"
                f"<thead><tr>{head}</tr></thead>{''.join(body)}</table>")


def table(headers: list[tuple[str, int]], rows: list[tuple[list[str], str]], font_pt: float = 11) -> Table:
    return Table(headers, rows, font_pt)


def result_rows(lines: list[ReportLine]) -> list[tuple[list[str], str]]:
    rows, group = [], None
    for line in lines:
        if line.heading != group:
            group = line.heading
            if group[1]:  # a group without a title (an annex with no headings) has no heading row
                rows.append(([*group], "group"))
        rows.append(([line.code, line.target.text, line.goal_text, line.result_text() or "—", assessment_cell(line),
                      line.evidence_text()], ""))
    return rows


def assessment_cell(line: ReportLine) -> str:
    """The status always (the summary sentence counts by it), the assessment when there is one, and the officer's
    reason when they set it by hand: a reader must see why it is not what the figures say."""
    if line.entry is None:
        return "Chưa có kết quả"
    return "; ".join(x for x in (line.status_text(), line.assessment_with_reason()) if x)


# TT wide enough for "PL2.5", results for "8.754/8.754" on one line, goals for a short phrase a line.
RESULT_HEADERS = [("TT", 8), ("Chỉ tiêu", 32), ("Mục tiêu", 13), ("Kết quả", 14), ("Tình trạng, đánh giá", 15),
                  ("Minh chứng", 18)]


@dataclass(frozen=True)
class KeepTogether:
    """A block (the signature and "Nơi nhận") that moves to the next page rather than split.

    Rendered as a borderless table with cellspacing 1, which is how the paginator finds it.
    """

    inner: str
    space_above: int = 0  # px: a section heading's space, which Qt drops at the top of a table cell
    new_page: bool = False  # starts a page (the appendix)
    with_next: bool = False  # a heading: on the page where what follows it (a table's first row, a chart) begins

    def html(self, breaks: frozenset[int] = frozenset(), endless: bool = False) -> str:
        """`endless`: the measuring layout on one endless page, where a page break would leap a billion pixels (the
        paginator adds the page it starts itself)."""
        page_break = "page-break-before: always; " if breaks or (self.new_page and not endless) else ""
        space = f"margin-top:{self.space_above}px; " if self.space_above else ""
        return (f"<table width='100%' border='0' cellspacing='1' cellpadding='0' style='{page_break}{space}'>"
                f"<tr><td>{self.inner}</td></tr></table>")


# characters: a last paragraph up to this long (about 20 lines at 13 pt) goes to a new page with the signature
# block (about 15 lines with the room to sign): together well within a page
KEPT_WITH_SIGNATURE = 1500


def closing(heading: str, texts: list[str], frame: DocumentFrame, empty: str = "Không có.") -> list[Part]:
    """The last section (its heading, its lines, the final one closed with "./."), then "Nơi nhận" and the
    signature. A short final paragraph moves with the signature block, so the block never stands alone on a
    page without body text above it; so does the heading when it has only that paragraph (a heading is not left
    at the foot of a page). A long paragraph (it could be taller than a page) stays with the body."""
    texts = [unclosed(t) for t in texts] or [empty]
    # margins as the body's paragraphs have them (a table cell adds its own between paragraphs)
    last = f"<p align=justify style='text-indent:{INDENT_PX}px; margin:0'>{esc(closed(texts[-1]))}</p>"
    head, tail = _split_tail(texts[-1]) if len(texts[-1]) > KEPT_WITH_SIGNATURE else ("", "")
    if head and tail:  # too long to move whole: its last sentences move with the signature block
        # (alone, the block stood on a page of its own)
        continued = f"<p align=justify style='margin:0'>{esc(closed(tail))}</p>"  # no indent: the same paragraph
        return [section(heading), lines([*texts[:-1], head]), footer_html(frame, continued)]
    if len(texts[-1]) > KEPT_WITH_SIGNATURE:  # one unbroken word of it all (a link): nothing to cut it at
        return [section(heading), lines(texts, last=True), footer_html(frame)]
    if len(texts) == 1:
        kept = footer_html(frame, f"<p style='margin:0'><b>{esc(heading)}</b></p>" + last)
        return [KeepTogether(kept.inner, space_above=SECTION_SPACE_PX)]
    return [section(heading), lines(texts[:-1]), footer_html(frame, last)]


KEPT_TAIL = 500  # characters of a long last paragraph kept with the signature: a few lines


def _split_tail(text: str) -> tuple[str, str]:
    """A long paragraph cut before its last sentences (at most about KEPT_TAIL characters), else before its last
    words: the tail goes with the signature block."""
    text = text.rstrip()
    start = len(text) - KEPT_TAIL
    cut = next((i + 2 for i in range(start, len(text) - 2) if text[i] in ".;:!?" and text[i + 1] == " "), None)
    if cut is None:
        cut = text.find(" ", start) + 1 or text.rfind(" ", 0, start) + 1  # never inside a word (a link)
    return text[:cut].rstrip(), text[cut:].lstrip()


def footer_html(frame: DocumentFrame, lead: str = "") -> KeepTogether:
    """"Nơi nhận" on the left, the signature block on the right, kept on one page (with `lead`, the body's last
    paragraph, which carries the closing "./.": see closing())."""
    recipients = "".join(f"<p style='font-size:11pt; margin:0'>{esc(r)}</p>" for r in frame.recipients)
    sign_for = f"<p align=center style='font-size:13pt; margin:0'><b>{esc(frame.sign_for)}</b></p>" if frame.sign_for else ""
    return KeepTogether(f"""{lead}<table width="100%" cellspacing="0" cellpadding="0" border="0" style="margin-top:12px">
<tr><td width="50%" valign="top"><p style="font-size:12pt; margin:0"><b><i>Nơi nhận:</i></b></p>{recipients}</td>
<td width="50%" valign="top" align="center">{sign_for}
<p align=center style="font-size:13pt; margin:0"><b>{esc(frame.sign_title)}</b></p>
<p align=center style="font-size:13pt; margin-top:{SIGNATURE_SPACE_PX}px"><b>{esc(frame.signer) or "&nbsp;"}</b></p>
</td></tr></table>""")


Part = str | Table | KeepTogether


def document(*parts: Part) -> list[Part]:
    """A document is HTML fragments and tables, in order."""
    return list(parts)


def to_html(parts: list[Part], breaks: dict[int, frozenset[int]] | None = None, endless: bool = False) -> str:
    """The whole document as HTML; `breaks` maps a part's index to the rows starting new pages (`endless`: see
    KeepTogether.html)."""
    breaks = breaks or {}
    body = "".join(p if isinstance(p, str) else p.html(breaks.get(i, frozenset()), endless) if isinstance(p, KeepTogether)
                   else p.html(breaks.get(i, frozenset())) for i, p in enumerate(parts))
    return f"<html><body style='font-size:13pt'>{body}</body></html>"


def image(name: str, width_mm: float) -> str:
    """An image resource; Qt sizes images in 96-dpi pixels whatever the device."""
    return f"<p align=center><img src='{escape(name)}' width='{round(width_mm / 25.4 * 96)}'/></p>"


# -- a report's blocks (domain.report_doc) as the parts above ---------------------------------------------------
def para_html(p: Para, margin_top: int = 6) -> str:
    text = esc(p.text)
    text = f"<b>{text}</b>" if p.bold else text
    text = f"<i>{text}</i>" if p.italic else text
    indent = f"text-indent:{INDENT_PX}px; " if p.indent else ""
    size = f"font-size:{p.size:g}pt; " if p.size != 13 else ""
    return f"<p align={p.align} style='{indent}{size}margin-top:{margin_top}px; margin-bottom:0'>{text}</p>"


def heading_html(h: Heading, margin_top: int | None = None) -> str:
    """Level 1 flush left in bold ("I. KẾT QUẢ THỰC HIỆN"); levels 2 and 3 indented 1 cm, level 3 also italic."""
    top = (SECTION_SPACE_PX if h.level == 1 else 6) if margin_top is None else margin_top
    text = f"<b>{esc(h.text)}</b>" if h.level < 3 else f"<b><i>{esc(h.text)}</i></b>"
    indent = f"text-indent:{INDENT_PX}px; " if h.level > 1 else ""
    return f"<p align=justify style='{indent}margin-top:{top}px; margin-bottom:0'>{text}</p>"


def _inner(block: Heading | Para, first: bool) -> str:
    top = 0 if first else None
    return heading_html(block, top) if isinstance(block, Heading) else para_html(block, 0 if first else 6)


def _single(block: Block) -> Part:
    if isinstance(block, Para):
        return para_html(block)
    if isinstance(block, Grid):
        return Table(list(block.headers), [(list(cells), kind) for cells, kind in block.rows], block.font_pt,
                     block.centred)
    if isinstance(block, Picture):
        return KeepTogether(image(block.name, block.width_mm))
    return KeepTogether(heading_html(block, 0), space_above=SECTION_SPACE_PX)


def blocks_html(blocks: list[Block], new_page: bool = False) -> list[Part]:
    """Blocks as parts: headings kept on one page with the paragraph after them, or with the first row of the
    table (the chart) after them; `new_page`: the first blocks (an appendix's titles) start a page."""
    parts: list[Part] = []
    i = 0
    while i < len(blocks):
        kinds = (Heading, Para) if new_page and not parts else (Heading,)
        head: list[Heading | Para] = []
        while i < len(blocks) and isinstance(blocks[i], kinds):
            head.append(blocks[i])
            i += 1
        if not head:
            parts.append(_single(blocks[i]))
            i += 1
            continue
        nxt = blocks[i] if i < len(blocks) else None
        if isinstance(nxt, Para) and isinstance(head[-1], Heading) and len(nxt.text) <= KEPT_WITH_SIGNATURE:
            head.append(nxt)
            i += 1
            nxt = blocks[i] if i < len(blocks) else None  # a table right after the lead line: kept with it too
        space = SECTION_SPACE_PX if isinstance(head[0], Heading) and head[0].level == 1 else 6
        parts.append(KeepTogether("".join(_inner(b, k == 0) for k, b in enumerate(head)), space_above=space,
                                  new_page=new_page and len(parts) == 0, with_next=isinstance(nxt, (Grid, Picture))))
    return parts


def render(doc: ReportDoc) -> list[Part]:
    """The report's parts for the paginator: header, body, the closing paragraph kept with "Nơi nhận" and the
    signature, then the appendix from a new page."""
    parts: list[Part] = [header_html(doc.frame)] if doc.frame else []
    body = list(doc.body)
    if doc.frame is None:
        return parts + blocks_html(body) + blocks_html(list(doc.appendix), new_page=True)
    last = body.pop() if body and isinstance(body[-1], Para) else Para("Không có.")
    parts += blocks_html(body)
    text = unclosed(last.text)
    head, tail = _split_tail(text) if len(text) > KEPT_WITH_SIGNATURE else ("", "")
    if head and tail:  # too long to move whole: its last sentences move with the signature block
        parts.append(lines([head]))
        parts.append(footer_html(doc.frame, f"<p align=justify style='margin:0'>{esc(closed(tail))}</p>"))
    else:
        parts.append(footer_html(doc.frame, f"<p align=justify style='text-indent:{INDENT_PX}px; margin:0'>"
                                            f"{esc(closed(text))}</p>"))
    return parts + blocks_html(list(doc.appendix), new_page=True)
