"""A report's blocks (domain.report_doc) as a Word file the officer finishes and signs: the same header, body,
signature and appendix as the PDF (io.report_html), laid out as Word lays out a hand-made NĐ 30 report."""

from __future__ import annotations

from pathlib import Path

from ..domain.admin_doc import DocumentFrame, closed
from ..domain.report_doc import HEADER_LEFT_MM, Block, Grid, Heading, Para, Picture, ReportDoc, header_lines, text_mm
from . import docx_writer as dx

PAGE = dx.Page()
WIDTH = PAGE.text_width_mm
INDENT_MM = 10  # first-line indent, 1 cm
SIGNATURE_SPACE_PT = 72  # room to sign and stamp (about 25 mm with the name's line), as on the PDF


def _unclosed(text: str) -> str:
    stripped = text.rstrip()
    return stripped[:-3].rstrip().rstrip(".") + "." if stripped.endswith("./.") else text


def header(frame: DocumentFrame) -> list[str]:
    """The two-column header (a borderless table), then the title and subject with a short rule under them."""
    left_w, right_w = HEADER_LEFT_MM, WIDTH - HEADER_LEFT_MM
    left = []
    if frame.parent:
        left.append(dx.paragraph("\n".join(header_lines(frame.parent, bold=False)), "center", size=12))
    lines = header_lines(frame.issuer)
    left.append(dx.paragraph([dx.Run("\n".join(lines), bold=True, size=12)], "center"))
    left.append(dx.rule(min(30.0, max(text_mm(line, 12, True) for line in lines) * 0.5), left_w))
    left.append(dx.paragraph(frame.number, "center", before_pt=6, size=13))
    motto = "Độc lập - Tự do - Hạnh phúc"
    right = [dx.paragraph([dx.Run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, size=12)], "center"),
             dx.paragraph([dx.Run(motto, bold=True, size=13)], "center"),
             dx.rule(text_mm(motto, 13, True) * 0.95, right_w),
             dx.paragraph([dx.Run(frame.place_date, italic=True, size=13)], "center", before_pt=6)]
    table = dx.table([[dx.Cell(tuple(left)), dx.Cell(tuple(right))]], [left_w, right_w], borders=False, margin_mm=0)
    title = [dx.paragraph([dx.Run(frame.title, bold=True, size=14)], "center", before_pt=14, keep_next=True),
             dx.paragraph([dx.Run(frame.subject, bold=True, size=14)], "center", keep_next=True),
             dx.rule(25.0, WIDTH), dx.paragraph("", size=6)]
    return [table, *title]


def _para(p: Para, keep_next: bool = False, page_break: bool = False, text: str | None = None) -> str:
    align = {"justify": "both", "center": "center", "left": "left"}[p.align]
    run = dx.Run(_unclosed(p.text) if text is None else text, bold=p.bold, italic=p.italic,
                 size=p.size if p.size != 13 else None)
    return dx.paragraph([run], align, INDENT_MM if p.indent else 0, before_pt=1.5, keep_next=keep_next,
                        page_break=page_break)


def _heading(h: Heading, page_break: bool = False) -> str:
    run = dx.Run(h.text, bold=True, italic=h.level >= 3)
    return dx.paragraph([run], "both", INDENT_MM if h.level > 1 else 0, before_pt=3 if h.level == 1 else 1.5,
                        keep_next=True, page_break=page_break)


def grid(g: Grid) -> str:
    widths = [WIDTH * w / 100 for _, w in g.headers]
    size = g.font_pt

    def cell(text: str, align: str = "left", bold: bool = False, span: int = 1) -> dx.Cell:
        lines = (text or "").split("\n")
        return dx.Cell(tuple(dx.paragraph([dx.Run(line, bold=bold, size=size)], align, before_pt=1, after_pt=1)
                             for line in lines), span)

    rows = [[cell(h, "center", bold=True) for h, _ in g.headers]]
    for cells, kind in g.rows:
        if kind == "group":
            rows.append([cell(cells[0], "center", True), cell(cells[1], "left", True, len(g.headers) - 1)])
        else:
            rows.append([cell(c, "center" if i in g.centred else "left") for i, c in enumerate(cells)])
    return dx.table(rows, widths, borders=True, header_rows=1)


class _Images:
    def __init__(self, resources: dict[str, bytes]) -> None:
        self.resources = resources
        self.used: dict[str, bytes] = {}

    def paragraph(self, picture: Picture) -> str:
        rel = f"rIdImage{len(self.used) + 1}"
        self.used[rel] = self.resources[picture.name]
        return dx.image_paragraph(rel, len(self.used), picture.name, self.used[rel], picture.width_mm)


def blocks(items: list[Block], images: _Images, new_page: bool = False) -> list[str]:
    """Headings keep with what follows; the first block starts a page when `new_page` (the appendix)."""
    out = []
    for i, b in enumerate(items):
        first = new_page and i == 0
        # an appendix's title lines, and the lead line of a table or chart, stay with what follows
        follows_title = isinstance(b, Para) and i + 1 < len(items) and (
            isinstance(items[i + 1], (Grid, Picture)) or (b.align == "center" and not isinstance(items[i + 1], Para)))
        if isinstance(b, Heading):
            out.append(_heading(b, first))
        elif isinstance(b, Para):
            keep = follows_title or (new_page and b.align == "center")
            out.append(_para(b, keep_next=keep, page_break=first))
        elif isinstance(b, Grid):
            out.append(grid(b))
        elif isinstance(b, Picture):
            out.append(images.paragraph(b))
    return out


def signature(frame: DocumentFrame) -> str:
    """"Nơi nhận" on the left, the signature block on the right, in a borderless row that never splits."""
    recipients = [dx.paragraph([dx.Run("Nơi nhận:", bold=True, italic=True, size=12)], "left")]
    recipients += [dx.paragraph([dx.Run(r, size=11)], "left") for r in frame.recipients]
    sign = []
    if frame.sign_for:
        sign.append(dx.paragraph([dx.Run(frame.sign_for, bold=True)], "center"))
    sign.append(dx.paragraph([dx.Run(frame.sign_title, bold=True)], "center"))
    sign.append(dx.paragraph([dx.Run(frame.signer or " ", bold=True)], "center", before_pt=SIGNATURE_SPACE_PT))
    return dx.table([[dx.Cell(tuple(recipients)), dx.Cell(tuple(sign))]], [WIDTH / 2, WIDTH / 2], borders=False,
                    margin_mm=0)


def body(doc: ReportDoc) -> tuple[list[str], dict[str, bytes]]:
    images = _Images(doc.resources)
    out = header(doc.frame) if doc.frame else []
    items = list(doc.body)
    if doc.frame is not None:
        last = items.pop() if items and isinstance(items[-1], Para) else Para("Không có.")
        out += blocks(items, images)
        out.append(_para(last, keep_next=True, text=closed(_unclosed(last.text))))
        out.append(dx.paragraph("", size=4, keep_next=True))
        out.append(signature(doc.frame))
    else:
        out += blocks(items, images)
    if doc.appendix:
        out += blocks(list(doc.appendix), images, new_page=True)
    # a table is followed by a paragraph (two tables in a row merge into one; Word wants one before the section end)
    spaced = []
    for i, xml in enumerate(out):
        spaced.append(xml)
        if xml.startswith("<w:tbl>") and (i + 1 == len(out) or out[i + 1].startswith("<w:tbl>")):
            spaced.append(dx.paragraph("", size=2))
    return spaced, images.used


def write_docx(doc: ReportDoc, path: Path, durable: bool = True) -> None:
    """The report as a .docx, written atomically."""
    xml, images = body(doc)
    dx.write(Path(path), xml, doc.title, images, PAGE, durable)
