"""Documents made of HTML fragments and tables, paginated so no table row is cut in half.

Qt splits a table row across pages; here the document is laid out once, every row
that would cross a page boundary is found in one pass (predicting how each split
shifts what follows: the new chunk starts a page and repeats the header), the
tables are split before those rows and the document is laid out again. That second
layout is checked the same way; any crossing the prediction missed is split and
laid out again, so the result never depends on the prediction being exact.
"""

from __future__ import annotations

import math
from pathlib import Path

from PySide6.QtGui import QPagedPaintDevice, QPdfWriter, QTextDocument, QTextTable

from ..fileutil import atomic_path
from .pdf_render import RESOLUTION, Margins, ensure_gui_app, layout_document, page_height, paint_pages, prepare_device
from .report_html import KeepTogether, Part, Table, to_html

MAX_ROUNDS = 300


def _frames(doc: QTextDocument) -> tuple[list[QTextTable], list[QTextTable]]:
    """Data-table chunks (bordered) and keep-together blocks (cellspacing 1), in document order."""
    data, keep = [], []
    for frame in doc.rootFrame().childFrames():
        if isinstance(frame, QTextTable):
            fmt = frame.format()
            if fmt.border() > 0:
                data.append(frame)
            elif round(fmt.cellSpacing()) == 1:
                keep.append(frame)
    return data, keep


def _row_tops(doc: QTextDocument, table: QTextTable) -> list[float]:
    """The top of each row's content (positions, not cursors: much cheaper)."""
    layout = doc.documentLayout()
    return [min(layout.blockBoundingRect(doc.findBlock(table.cellAt(r, c).firstPosition())).top()
                for c in range(table.columns()))
            for r in range(table.rows())]


def _crosses(top: float, bottom: float, page: float) -> bool:
    return int(top // page) != int((bottom - 1) // page)


def _next_page(y: float, page: float) -> float:
    return (math.floor(y / page) + 1) * page


def _items(doc: QTextDocument, parts: list[Part], breaks: dict[int, set[int]]) -> list[tuple]:
    """In document order: ("row", top, bottom, part, row, chunk_start) and ("keep", top, bottom, part).

    A row reaches down to where the next one begins (its padding and border included:
    a border pushed onto the next page would leave a page with nothing else on it).
    """
    data, keep = _frames(doc)
    layout = doc.documentLayout()
    chunks = []
    for i, part in enumerate(parts):
        if isinstance(part, Table):
            chunks += [(i, s) for s in [0, *sorted(b for b in breaks.get(i, ()) if 0 < b < len(part.rows))]]
    keeps = [i for i, part in enumerate(parts) if isinstance(part, KeepTogether)]
    items = []
    for (i, start), table in zip(chunks, data):
        frame = layout.frameBoundingRect(table)
        tops = _row_tops(doc, table)
        pad = tops[0] - frame.top()  # above a row's content: its border and padding
        edges = [t - pad for t in tops[1:]] + [frame.bottom()]
        for r in range(1, table.rows()):
            items.append(("row", edges[r - 1], edges[r], i, start + r - 1, start))
    for i, frame in zip(keeps, keep):
        rect = layout.frameBoundingRect(frame)
        items.append(("keep", rect.top(), rect.bottom(), i))
    items.sort(key=lambda item: item[1])
    return items


def _chunk_offset(table: Table, device: QPagedPaintDevice, margins: Margins) -> float:
    """How far below the page top a chunk that starts a page puts its first data row (after the header)."""
    if not table.rows:
        return 0.0
    sample = [Table(table.headers, [table.rows[0]] * 2, table.font_pt)]
    doc = layout_document(to_html(sample, {0: frozenset({1})}), device, margins)
    page = doc.pageSize().height()
    top = min(item[1] for item in _items(doc, sample, {0: {1}}) if item[4] == 1)
    return top - (top // page) * page


def _splits(doc: QTextDocument, parts: list[Part], breaks: dict[int, set[int]], page: float,
            offsets: dict[int, float] | None = None) -> list[tuple[int, int]]:
    """The splits to make: the first crossing only, or every crossing in one pass when `offsets`
    (per table part, see _chunk_offset) let the shift of each split be predicted."""
    predict = offsets is not None
    slack = 0.005 * page if predict else 0.0  # predicted positions may be off by a pixel or two
    found: list[tuple[int, int]] = []
    shift = 0.0  # how far the splits found so far push what follows down the page
    previous: dict[int, tuple[float, int]] = {}  # part -> (top, row) of the last row seen
    for item in _items(doc, parts, breaks):
        kind, top, bottom = item[0], item[1] + shift, item[2] + shift + slack
        if kind == "row":
            _, raw_top, _, i, row, start = item
            crosses = _crosses(top, bottom, page) and row > start
            if crosses and row - 1 > start and parts[i].rows[row - 1][1] == "group":
                raw_top, row = previous[i]  # keep a group heading with its first row
            previous[i] = (raw_top, row)
            if not crosses or row in breaks.get(i, ()):
                continue
            found.append((i, row))
            if not predict:
                return found
            shift = _next_page(raw_top + shift, page) + offsets[i] - raw_top
        else:
            i = item[3]
            if not _crosses(top, bottom, page) or breaks.get(i):
                continue
            found.append((i, 0))
            if not predict:
                return found
            shift = _next_page(top, page) - item[1]
    return found


def paginate(parts: list[Part], device: QPagedPaintDevice, margins: Margins = Margins(),
             resources: dict | None = None) -> QTextDocument:
    """Lay out the document on the device, splitting tables between rows until none is cut."""
    breaks: dict[int, set[int]] = {}
    offsets = {i: _chunk_offset(p, device, margins) for i, p in enumerate(parts) if isinstance(p, Table)}
    page = page_height(device, margins)
    # Where everything falls on one endless page, then every split predicted from that.
    endless = layout_document(to_html(parts), device, margins, resources, endless=True)
    for part, row in _splits(endless, parts, breaks, page, offsets):
        breaks.setdefault(part, set()).add(row)
    del endless
    doc = None
    for _ in range(MAX_ROUNDS):
        html = to_html(parts, {i: frozenset(b) for i, b in breaks.items()})
        doc = layout_document(html, device, margins, resources)
        found = _splits(doc, parts, breaks, page)
        if not found:
            return doc
        for part, row in found:
            breaks.setdefault(part, set()).add(row)
    return doc


def write_pdf(parts: list[Part], path: Path, title: str, margins: Margins = Margins(),
              resources: dict | None = None, durable: bool = True) -> int:
    """Render to a PDF file atomically, the shipped serif font embedded; returns the page count."""
    ensure_gui_app()
    with atomic_path(Path(path), durable) as tmp:
        writer = QPdfWriter(str(tmp))
        writer.setResolution(RESOLUTION)
        writer.setTitle(title)
        writer.setCreator("DTI Desktop")
        prepare_device(writer)
        pages = paint_pages(paginate(parts, writer, margins, resources), writer, margins)
        del writer  # closes the file before it is renamed
    return pages


def print_document(parts: list[Part], device: QPagedPaintDevice, margins: Margins = Margins(),
                   resources: dict | None = None) -> int:
    """Paint onto a printer (or its preview) exactly as into the PDF; returns the page count."""
    prepare_device(device)
    return paint_pages(paginate(parts, device, margins, resources), device, margins)
