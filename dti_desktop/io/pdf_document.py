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


def _row_spans(doc: QTextDocument, table: QTextTable) -> list[tuple[float, float]]:
    """The top and bottom of each row's content (positions, not cursors: much cheaper)."""
    layout = doc.documentLayout()
    spans = []
    for r in range(table.rows()):
        cells = [table.cellAt(r, c) for c in range(table.columns())]
        spans.append((min(layout.blockBoundingRect(doc.findBlock(cell.firstPosition())).top() for cell in cells),
                      max(layout.blockBoundingRect(doc.findBlock(cell.lastPosition())).bottom() for cell in cells)))
    return spans


def _text_lines(doc: QTextDocument) -> list[tuple]:
    """("line", top, bottom) of each line of the body's own paragraphs (not in a table). Qt moves a line that
    would cross a page to the next one: on the endless page the prediction must do the same, or what follows a
    long paragraph drifts up the page (a line's worth for each page it crosses) and every split after it is
    predicted wrong, each costing two layouts of the whole document to correct."""
    layout = doc.documentLayout()
    lines = []
    block = doc.begin()
    while block.isValid():
        text_layout = block.layout()
        if text_layout is not None and text_layout.lineCount() and not isinstance(doc.frameAt(block.position()),
                                                                                   QTextTable):
            rect = layout.blockBoundingRect(block)
            shift = rect.top() - text_layout.boundingRect().top()
            for n in range(text_layout.lineCount()):
                line = text_layout.lineAt(n)
                lines.append(("line", line.y() + shift, line.y() + line.height() + shift))
        block = block.next()
    return lines


def _crosses(top: float, bottom: float, page: float) -> bool:
    return int(top // page) != int((bottom - 1) // page)


def _next_page(y: float, page: float) -> float:
    return (math.floor(y / page) + 1) * page


def _items(doc: QTextDocument, parts: list[Part], breaks: dict[int, set[int]], lines: bool = False) -> list[tuple]:
    """In document order: ("row", top, bottom, part, row, chunk_start) and ("keep", top, bottom, part), and with
    `lines` the body's own lines ("line", top, bottom).

    A row reaches down to where the next one begins (its padding and border included:
    a border pushed onto the next page would leave a page with nothing else on it), but no further than its own
    content and padding: a row Qt itself pushed onto the next page does not make the one above it cross the page
    (each such row was split before, then taken back as needless, two layouts of the whole document each).
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
        spans = _row_spans(doc, table)
        tops = [top for top, _ in spans]
        pad = tops[0] - frame.top()  # above a row's content: its border and padding
        below = tops[1] - pad - spans[0][1] if len(tops) > 1 else 0.0  # under it, measured on the header row
        edges = [min(t - pad, bottom + below) for t, (_, bottom) in zip(tops[1:], spans)] + [frame.bottom()]
        for r in range(1, table.rows()):
            items.append(("row", edges[r - 1], edges[r], i, start + r - 1, start))
    for i, frame in zip(keeps, keep):
        rect = layout.frameBoundingRect(frame)
        items.append(("keep", rect.top(), rect.bottom(), i))
    if lines:
        items += _text_lines(doc)
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
    (per table part, see _chunk_offset) let the shift of each split be predicted.

    A heading kept with what follows it (KeepTogether.with_next) moves to the next page when that does not begin
    on its page; a part that starts a page (the appendix) is placed there in the prediction (the endless layout
    has no page breaks)."""
    predict = offsets is not None
    slack = 0.005 * page if predict else 0.0  # predicted positions may be off by a pixel or two
    found: list[tuple[int, int]] = []
    shift = 0.0  # how far the splits found so far push what follows down the page
    previous: dict[int, tuple[float, int]] = {}  # part -> (top, row) of the last row seen
    heading = None  # (part, raw top, top) of a heading waiting for what follows it
    for item in _items(doc, parts, breaks, lines=predict):
        kind, top, bottom = item[0], item[1] + shift, item[2] + shift + slack
        if kind == "line":  # Qt's own move of a line to the next page, which shifts what follows
            if _crosses(top, item[2] + shift, page):
                shift = _next_page(top, page) - item[1]
            continue
        if heading is not None:
            h_part, h_raw, h_top = heading
            heading = None
            if (_crosses(top, bottom, page) or int(top // page) != int(h_top // page)) and not breaks.get(h_part):
                found.append((h_part, 0))
                if not predict:
                    return found
                shift = _next_page(h_top, page) - h_raw
                top, bottom = item[1] + shift, item[2] + shift + slack
        if kind == "row":
            _, raw_top, _, i, row, start = item
            # a table's first row that does not fit below what precedes it takes the whole table to the next page,
            # unless it is taller than a page (it would only leave a blank one)
            first_of_table = row == start == 0 and 0 not in breaks.get(i, ()) and item[2] - item[1] < page
            crosses = _crosses(top, bottom, page) and (row > start or first_of_table)
            if crosses and row - 1 > start and parts[i].rows[row - 1][1] == "group":
                raw_top, row = previous[i]  # keep a group heading with its first row
            previous[i] = (raw_top, row)
            if not crosses or (row in breaks.get(i, ()) and row > 0) or (found and found[-1] == (i, row)):
                continue
            found.append((i, row))
            if not predict:
                return found
            shift = _next_page(raw_top + shift, page) + offsets[i] - raw_top
        else:
            i = item[3]
            keep = parts[i]
            if predict and keep.new_page and top % page > 1:
                shift = _next_page(top, page) - item[1]
                top, bottom = item[1] + shift, item[2] + shift + slack
            if keep.with_next:
                heading = (i, item[1], top)
            if not _crosses(top, bottom, page) or breaks.get(i) or keep.new_page:
                continue
            found.append((i, 0))
            heading = (i, item[1], _next_page(top, page)) if keep.with_next else None
            if not predict:
                return found
            shift = _next_page(top, page) - item[1]
    return found


def _needless(doc: QTextDocument, parts: list[Part], breaks: dict[int, set[int]], page: float) -> list[tuple[int, int]]:
    """Breaks whose row, or block, would have fitted at the foot of the page before: a predicted split that the
    real layout made needless (the page before then held one row too few, or a page held one row). A block
    kept with what follows must fit with that too."""
    items = _items(doc, parts, breaks)
    rows = {(item[3], item[4]): (item[1], item[2]) for item in items if item[0] == "row"}
    keeps = {item[3]: (item[1], item[2]) for item in items if item[0] == "keep"}
    _, keep_frames = _frames(doc)
    frames = dict(zip([i for i, part in enumerate(parts) if isinstance(part, KeepTogether)], keep_frames))
    needless = []
    for i, broken in breaks.items():
        part = parts[i]
        if isinstance(part, Table):
            for b in sorted(r for r in broken if r > 0):
                last = rows.get((i, b - 1))
                moved = [rows.get((i, b))] + ([rows.get((i, b + 1))] if part.rows[b][1] == "group" else [])
                if last is not None and None not in moved and \
                        not _crosses(last[1], last[1] + sum(bottom - top for top, bottom in moved), page):
                    needless.append((i, b))
        elif isinstance(part, KeepTogether) and broken and not part.new_page and i in frames:
            top, bottom = keeps[i]
            above = doc.findBlock(frames[i].firstPosition() - 1)
            before = max([doc.documentLayout().blockBoundingRect(above).bottom()]
                         + [item[2] for item in items if item[2] <= top])
            if part.with_next:  # with what follows it (the table's header row too)
                after = next((item for item in items if item[1] >= bottom - 1
                              and not (item[0] == "keep" and item[3] == i)), None)
                bottom = after[2] if after else bottom
            height = bottom - top + part.space_above
            if not _crosses(before, before + height, page):
                needless.append((i, 0))
    return needless


def paginate(parts: list[Part], device: QPagedPaintDevice, margins: Margins = Margins(),
             resources: dict | None = None) -> QTextDocument:
    """Lay out the document on the device, splitting tables between rows until none is cut, and taking back a
    predicted split that turned out needless (each at most once, so the rounds end)."""
    breaks: dict[int, set[int]] = {}
    offsets = {i: _chunk_offset(p, device, margins) for i, p in enumerate(parts) if isinstance(p, Table)}
    page = page_height(device, margins)
    # Where everything falls on one endless page, then every split predicted from that.
    endless = layout_document(to_html(parts, endless=True), device, margins, resources, endless=True)
    for part, row in _splits(endless, parts, breaks, page, offsets):
        breaks.setdefault(part, set()).add(row)
    del endless
    taken_back: set[tuple[int, int]] = set()
    doc = None
    for _ in range(MAX_ROUNDS):
        html = to_html(parts, {i: frozenset(b) for i, b in breaks.items()})
        doc = layout_document(html, device, margins, resources)
        found = _splits(doc, parts, breaks, page)
        if not found:
            found = [split for split in _needless(doc, parts, breaks, page) if split not in taken_back][:1]
            if not found:
                return doc
            taken_back.update(found)
            for part, row in found:
                breaks[part].discard(row)
            continue
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
