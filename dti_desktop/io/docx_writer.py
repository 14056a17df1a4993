"""A small WordprocessingML (.docx) writer: paragraphs, tables, an image, page numbers in the header.

Why not python-docx: it needs lxml (about 9 MB of compiled code) and the bundle is kept under 150 MB; lxml also
changes how openpyxl parses workbooks (it then skips defusedxml). A report needs a few elements only, written
here as text: A4 with NĐ 30's margins, Times New Roman, tables whose header row repeats (w:tblHeader) and whose
rows are never split (w:cantSplit), paragraphs kept with the next (w:keepNext), the page number centred at the
top from page 2 (w:titlePg). Word and LibreOffice open it; python-docx reads it (tests do).
"""

from __future__ import annotations

import re
import struct
import zipfile
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from xml.sax.saxutils import escape

from ..fileutil import atomic_path

TWIPS_PER_MM = 1440 / 25.4
EMU_PER_MM = 36000
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_NS = (f'xmlns:w="{W}" xmlns:r="{R}" '
       'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
       'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
       'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"')
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # not allowed in XML 1.0


def twips(mm: float) -> int:
    return round(mm * TWIPS_PER_MM)


def _text(text: str) -> str:
    return escape(_ILLEGAL.sub("", text or ""))


@dataclass(frozen=True)
class Run:
    """A piece of text with its look; "\\n" in it is a line break."""

    text: str
    bold: bool = False
    italic: bool = False
    size: float | None = None  # points; None: the document's 13

    def xml(self) -> str:
        props = ("<w:b/><w:bCs/>" if self.bold else "") + ("<w:i/><w:iCs/>" if self.italic else "")
        if self.size:
            props += f'<w:sz w:val="{round(self.size * 2)}"/><w:szCs w:val="{round(self.size * 2)}"/>'
        rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
        pieces = self.text.split("\n")
        body = "<w:br/>".join(f'<w:t xml:space="preserve">{_text(p)}</w:t>' for p in pieces)
        return f"<w:r>{rpr}{body}</w:r>"


def paragraph(runs: list[Run] | str, align: str = "both", first_indent_mm: float = 0, before_pt: float = 0,
              after_pt: float = 0, keep_next: bool = False, page_break: bool = False,
              size: float | None = None) -> str:
    """One paragraph."""
    if isinstance(runs, str):
        runs = [Run(runs, size=size)]
    ppr = ""
    if keep_next:
        ppr += "<w:keepNext/>"
    if page_break:
        ppr += "<w:pageBreakBefore/>"
    ppr += f'<w:spacing w:before="{round(before_pt * 20)}" w:after="{round(after_pt * 20)}"/>'
    if first_indent_mm:
        ppr += f'<w:ind w:firstLine="{twips(first_indent_mm)}"/>'
    ppr += f'<w:jc w:val="{align}"/>'
    if size:
        ppr += f'<w:rPr><w:sz w:val="{round(size * 2)}"/></w:rPr>'
    return f"<w:p><w:pPr>{ppr}</w:pPr>{''.join(r.xml() for r in runs)}</w:p>"


def rule(length_mm: float, within_mm: float, keep_next: bool = True) -> str:
    """A short centred rule (NĐ 30: under the issuer, the motto and the subject): an empty paragraph's bottom
    border, indented to `length_mm` within `within_mm`."""
    side = twips(max(0.0, (within_mm - length_mm) / 2))
    keep = "<w:keepNext/>" if keep_next else ""
    return (f'<w:p><w:pPr>{keep}<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="000000"/></w:pBdr>'
            f'<w:spacing w:before="0" w:after="0" w:line="120" w:lineRule="exact"/><w:ind w:left="{side}" '
            f'w:right="{side}"/><w:rPr><w:sz w:val="4"/></w:rPr></w:pPr></w:p>')


@dataclass(frozen=True)
class Cell:
    """A table cell: its paragraphs (XML), and how many grid columns it spans."""

    paragraphs: tuple[str, ...]
    span: int = 1
    valign: str = "top"


def table(rows: list[list[Cell]], widths_mm: list[float], borders: bool = True, header_rows: int = 0,
          margin_mm: float = 1.2) -> str:
    """A table of fixed column widths; the first `header_rows` repeat on every page; no row splits across pages."""
    edge = '"single" w:sz="4" w:space="0" w:color="000000"' if borders else '"nil"'
    border_xml = "".join(f"<w:{side} w:val={edge}/>" for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    m = twips(margin_mm)
    tblpr = (f'<w:tblPr><w:tblW w:w="{sum(twips(w) for w in widths_mm)}" w:type="dxa"/><w:jc w:val="center"/>'
             f"<w:tblBorders>{border_xml}</w:tblBorders><w:tblLayout w:type=\"fixed\"/>"
             f'<w:tblCellMar><w:left w:w="{m}" w:type="dxa"/><w:right w:w="{m}" w:type="dxa"/></w:tblCellMar>'
             '<w:tblLook w:val="0000"/></w:tblPr>')
    grid = "<w:tblGrid>" + "".join(f'<w:gridCol w:w="{twips(w)}"/>' for w in widths_mm) + "</w:tblGrid>"
    body = []
    for r, cells in enumerate(rows):
        trpr = "<w:cantSplit/>" + ("<w:tblHeader/>" if r < header_rows else "")
        col, tcs = 0, []
        for cell in cells:
            width = sum(twips(w) for w in widths_mm[col:col + cell.span])
            span = f'<w:gridSpan w:val="{cell.span}"/>' if cell.span > 1 else ""
            tcs.append(f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{span}<w:vAlign w:val="{cell.valign}"/>'
                       f"</w:tcPr>{''.join(cell.paragraphs) or '<w:p/>'}</w:tc>")
            col += cell.span
        body.append(f"<w:tr><w:trPr>{trpr}</w:trPr>{''.join(tcs)}</w:tr>")
    return f"<w:tbl>{tblpr}{grid}{''.join(body)}</w:tbl>"


def png_size(data: bytes) -> tuple[int, int]:
    """(width, height) in pixels from a PNG's header."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("không phải ảnh PNG")
    return struct.unpack(">II", data[16:24])


def image_paragraph(rel_id: str, number: int, name: str, data: bytes, width_mm: float) -> str:
    """A PNG inline, centred, `width_mm` wide (its height in proportion)."""
    w_px, h_px = png_size(data)
    cx, cy = round(width_mm * EMU_PER_MM), round(width_mm * EMU_PER_MM * h_px / w_px)
    pic = (f'<pic:pic><pic:nvPicPr><pic:cNvPr id="{number}" name="{_text(name)}"/><pic:cNvPicPr/></pic:nvPicPr>'
           f'<pic:blipFill><a:blip r:embed="{rel_id}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
           f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
           '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>')
    drawing = (f'<w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="{cx}" cy="{cy}"/>'
               f'<wp:docPr id="{number}" name="{_text(name)}"/><wp:cNvGraphicFramePr/>'
               '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
               f"{pic}</a:graphicData></a:graphic></wp:inline></w:drawing>")
    return f'<w:p><w:pPr><w:keepLines/><w:spacing w:before="120" w:after="120"/><w:jc w:val="center"/></w:pPr><w:r>{drawing}</w:r></w:p>'


@dataclass(frozen=True)
class Page:
    """A4 portrait; margins in millimetres (NĐ 30: top and bottom 20–25, left 30–35, right 15–20)."""

    top: float = 20
    bottom: float = 20
    left: float = 30
    right: float = 15
    header: float = 8  # the page number's distance from the top edge

    @property
    def text_width_mm(self) -> float:
        return 210 - self.left - self.right


_STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{W}"><w:docDefaults><w:rPrDefault><w:rPr>
<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="Times New Roman" w:cs="Times New Roman"/>
<w:sz w:val="26"/><w:szCs w:val="26"/><w:lang w:val="vi-VN" w:eastAsia="vi-VN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>
<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>
<w:style w:type="paragraph" w:styleId="Header"><w:name w:val="header"/><w:basedOn w:val="Normal"/></w:style>
<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr>
<w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>
<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>
</w:styles>"""

_SETTINGS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings xmlns:w="{W}"><w:zoom w:percent="100"/><w:defaultTabStop w:val="720"/>
<w:characterSpacingControl w:val="doNotCompress"/><w:compat><w:compatSetting w:name="compatibilityMode"
w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>"""


def _header(page_number: bool) -> str:
    field = ('<w:fldSimple w:instr=" PAGE "><w:r><w:t>2</w:t></w:r></w:fldSimple>' if page_number else "")
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:hdr {_NS}><w:p><w:pPr><w:pStyle w:val="Header"/>'
            f'<w:jc w:val="center"/><w:rPr><w:sz w:val="26"/></w:rPr></w:pPr>{field}</w:p></w:hdr>')


def _content_types(images: bool) -> str:
    doc = "application/vnd.openxmlformats-officedocument.wordprocessingml"
    parts = [("/word/document.xml", f"{doc}.document.main+xml"), ("/word/styles.xml", f"{doc}.styles+xml"),
             ("/word/settings.xml", f"{doc}.settings+xml"), ("/word/header1.xml", f"{doc}.header+xml"),
             ("/word/header2.xml", f"{doc}.header+xml"),
             ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
             ("/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml")]
    png = '<Default Extension="png" ContentType="image/png"/>' if images else ""
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            f'<Default Extension="xml" ContentType="application/xml"/>{png}'
            + "".join(f'<Override PartName="{p}" ContentType="{t}"/>' for p, t in parts) + "</Types>")


def _rels(items: list[tuple[str, str, str]]) -> str:
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + "".join(f'<Relationship Id="{i}" Type="{t}" Target="{target}"/>' for i, t, target in items)
            + "</Relationships>")


_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _core(title: str) -> str:
    now = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties '
            'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f"<dc:title>{_text(title)}</dc:title><dc:creator>DTI Desktop</dc:creator><dc:language>vi-VN</dc:language>"
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{now}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{now}</dcterms:modified></cp:coreProperties>')


def write(path: Path, body: list[str], title: str, images: dict[str, bytes] | None = None, page: Page = Page(),
          durable: bool = True) -> None:
    """Write the .docx atomically. `images`: relationship id -> PNG bytes, as image_paragraph() named them."""
    images = images or {}
    sect = (f'<w:sectPr><w:headerReference w:type="default" r:id="rIdHeader"/>'
            f'<w:headerReference w:type="first" r:id="rIdFirstHeader"/>'
            f'<w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="{twips(page.top)}" w:right="{twips(page.right)}" '
            f'w:bottom="{twips(page.bottom)}" w:left="{twips(page.left)}" w:header="{twips(page.header)}" '
            f'w:footer="{twips(page.header)}" w:gutter="0"/><w:titlePg/></w:sectPr>')
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {_NS}><w:body>'
                + "".join(body) + sect + "</w:body></w:document>")
    doc_rels = [("rIdStyles", f"{_REL}/styles", "styles.xml"), ("rIdSettings", f"{_REL}/settings", "settings.xml"),
                ("rIdHeader", f"{_REL}/header", "header1.xml"), ("rIdFirstHeader", f"{_REL}/header", "header2.xml")]
    doc_rels += [(rel, f"{_REL}/image", f"media/{rel}.png") for rel in images]
    package_rels = [("rId1", f"{_REL}/officeDocument", "word/document.xml"),
                    ("rId2", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
                     "docProps/core.xml"),
                    ("rId3", f"{_REL}/extended-properties", "docProps/app.xml")]
    app = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Properties '
           'xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
           "<Application>DTI Desktop</Application></Properties>")
    with atomic_path(Path(path), durable) as tmp:
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("[Content_Types].xml", _content_types(bool(images)))
            z.writestr("_rels/.rels", _rels(package_rels))
            z.writestr("docProps/core.xml", _core(title))
            z.writestr("docProps/app.xml", app)
            z.writestr("word/document.xml", document)
            z.writestr("word/_rels/document.xml.rels", _rels(doc_rels))
            z.writestr("word/styles.xml", _STYLES)
            z.writestr("word/settings.xml", _SETTINGS)
            z.writestr("word/header1.xml", _header(True))
            z.writestr("word/header2.xml", _header(False))
            for rel, data in images.items():
                z.writestr(f"word/media/{rel}.png", data)
