"""A plan's PDF: only a born-digital one, whose tables carry a text layer, can be read; a scan is refused.

A PDF holds no tables, only positioned glyphs and drawn lines. The page's content is interpreted here (with
pypdf, pure Python, for parsing the file, its streams and fonts): every glyph with its place and width, every
ruling line (a stroked line, a thin filled rectangle, the edges of a stroked one). Ruling lines that cross make a
table; its cells are the boxes between them, and a box whose dividing line is missing is merged with its
neighbour (a header "Mục tiêu 2025" over two columns, a group row across the row). Glyphs are put in the cell
they stand in and joined into lines as printed; the reader joins wrapped lines itself. A table that runs on to
the next page (nothing but page numbers between, the same outer edges) continues as one grid, its repeated
header kept as rows for the reader to skip. Text outside tables becomes the grid's `lines_before`, as a Word
file's paragraphs do: side-by-side blocks (the plan's header "ỦY BAN NHÂN DÂN / THÀNH PHỐ …" beside "CỘNG HÒA
…") each as one text, like the cells of the borderless table they were.
"""

from __future__ import annotations

import io
import logging
import re
import time
import unicodedata
import warnings
from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path

from .annex_grid import Grid, Merge, Source, SourceError
from .workbook_errors import Problem

MAX_PAGES = 60
MAX_SECONDS = 30.0  # the whole file; a plan of 10 pages takes well under a second
MAX_OPERATIONS = 300_000  # content-stream operations on one page (a page of a plan has a few thousand)
MAX_GLYPHS = 60_000  # glyphs on one page
MAX_STREAM_BYTES = 30_000_000  # one decompressed stream
MAX_PAGE_BYTES = 4_000_000  # a page's drawing commands (a plan's page has 20–100 kB)
MAX_FORM_DEPTH = 6

SCAN_MESSAGE = ("tệp PDF là bản quét (ảnh), không có lớp chữ để đọc bảng; hãy dùng tệp Word (.docx) hoặc Excel "
                "của kế hoạch.")
_USE_INSTEAD = "hãy dùng tệp Word (.docx) hoặc Excel của kế hoạch"
_OR_USE = "hoặc dùng tệp Word (.docx) hoặc Excel của kế hoạch"

_PAGE_NUMBER = re.compile(r"(?:trang\s*)?[-–(]?\s*\d{1,3}\s*[-–)]?(?:\s*/\s*\d{1,3})?", re.IGNORECASE)
_SNAP = 2.0  # points: rulings closer than this are one line
_MIN_CELL = 3.0  # points: a row or column thinner than this is a double border, not a cell


def read_pdf(path: Path, data: bytes) -> Source:
    """The tables of a born-digital PDF as grids, in page order; SourceError for a scan, a damaged, encrypted or
    over-long file."""
    if b"%%EOF" not in data[-4096:]:
        raise SourceError([Problem("tệp PDF không trọn vẹn (thiếu phần cuối: tải về hoặc sao chép chưa xong) nên "
                                   f"không đọc được; hãy lấy lại tệp đầy đủ {_OR_USE}.")])
    try:
        import pypdf
    except ImportError as error:  # a broken installation: say so rather than fail
        raise SourceError([Problem(f"chương trình thiếu thư viện đọc PDF (pypdf); {_USE_INSTEAD}.")]) from error
    pypdf_logger = logging.getLogger("pypdf")
    level = pypdf_logger.level
    pypdf_logger.setLevel(logging.CRITICAL)  # a damaged file makes pypdf log; we say what matters ourselves
    try:
        with warnings.catch_warnings(), pypdf.apply_configuration(
                maximum_declared_stream_length=MAX_STREAM_BYTES, zlib_maximum_output_length=MAX_STREAM_BYTES,
                lzw_maximum_output_length=MAX_STREAM_BYTES, run_length_maximum_output_length=MAX_STREAM_BYTES,
                array_based_stream_maximum_output_length=MAX_STREAM_BYTES, jbig2dec_binary=None,
                xform_maximum_invocations_per_extraction=500):
            warnings.simplefilter("ignore")
            pages = _read_pages(pypdf, data)
    finally:
        pypdf_logger.setLevel(level)
    return Source(_document_grids(pages), document=True, kind="pdf")


# -- the file --------------------------------------------------------------------------------------------------
def _read_pages(pypdf, data: bytes) -> list[_Page]:
    from pypdf.errors import DependencyError, FileNotDecryptedError

    deadline = time.monotonic() + MAX_SECONDS
    try:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except (DependencyError, NotImplementedError) as error:
                raise SourceError([Problem(_encrypted_message())]) from error
            if not opened:
                raise SourceError([Problem("tệp PDF được đặt mật khẩu nên không đọc được; hãy mở bằng trình đọc "
                                           f"PDF, lưu một bản không đặt mật khẩu rồi nhập lại, {_OR_USE}.")])
        count = len(reader.pages)
    except SourceError:
        raise
    except (FileNotDecryptedError, DependencyError) as error:
        raise SourceError([Problem(_encrypted_message())]) from error
    except Exception as error:  # pypdf raises many kinds (PdfReadError, ValueError, KeyError …) on a damaged file
        raise SourceError([Problem(f"tệp PDF bị hỏng, không đọc được ({type(error).__name__}); {_USE_INSTEAD}.")]
                          ) from error
    if count == 0:
        raise SourceError([Problem(f"tệp PDF không có trang nào; {_USE_INSTEAD}.")])
    if count > MAX_PAGES:
        raise SourceError([Problem(f"tệp PDF có {count} trang, quá dài (chương trình đọc tối đa {MAX_PAGES} "
                                   "trang); hãy lưu riêng các trang có bảng phụ lục thành một tệp PDF (kèm trang "
                                   f"đầu có số, ngày của kế hoạch), {_OR_USE}.")])
    pages = []
    for number in range(1, count + 1):
        try:
            page = _Interpreter(reader, reader.pages[number - 1], number, deadline).run()
        except SourceError:
            raise
        except (FileNotDecryptedError, DependencyError) as error:
            raise SourceError([Problem(_encrypted_message())]) from error
        except (RecursionError, MemoryError, Exception) as error:  # a damaged page
            raise SourceError([Problem(f"trang {number} của tệp PDF bị hỏng, không đọc được "
                                       f"({type(error).__name__}); {_USE_INSTEAD}.")]) from error
        pages.append(page)
    _refuse_unreadable(pages)
    return pages


def _encrypted_message() -> str:
    return ("tệp PDF được mã hóa (bảo vệ chống sửa, chép) nên không đọc được; hãy mở bằng trình đọc PDF, in hoặc "
            f"lưu ra một tệp PDF không bảo vệ rồi nhập lại, {_OR_USE}.")


def _refuse_unreadable(pages: list[_Page]) -> None:
    """A scan (pages that are images, no text), or text whose font gives no letters, cannot be read."""
    glyphs = [g for p in pages for g in p.glyphs]
    if not glyphs:
        if any(p.images for p in pages):
            raise SourceError([Problem(SCAN_MESSAGE)])
        raise SourceError([Problem(f"tệp PDF không có chữ nào (các trang trống); {_USE_INSTEAD}.")])
    if not any(p.rulings for p in pages):
        scanned = [p.number for p in pages if not p.glyphs and p.images]
        if scanned:
            raise SourceError([Problem(f"tệp PDF có trang là bản quét (ảnh: trang {_numbers(scanned)}), không có "
                                       f"lớp chữ để đọc bảng; {_USE_INSTEAD}.")])
    letters = sum(1 for g in glyphs for ch in g.text if ch.isalnum())
    odd = sum(1 for g in glyphs for ch in g.text if unicodedata.category(ch) in ("Cc", "Co", "Cn", "Cs"))
    if odd > max(20, letters // 3):
        raise SourceError([Problem("chữ trong tệp PDF không giải mã được (phông chữ không kèm bảng mã Unicode) "
                                   f"nên không đọc được bảng; {_USE_INSTEAD}.")])


def _numbers(numbers: list[int]) -> str:
    shown = ", ".join(str(n) for n in numbers[:8])
    return shown + (", …" if len(numbers) > 8 else "")


# -- one page: glyphs and ruling lines -------------------------------------------------------------------------
@dataclass
class _Glyph:
    x0: float
    x1: float
    y: float  # baseline, from the top of the page
    size: float
    text: str
    seq: int


@dataclass
class _Page:
    number: int
    width: float
    height: float
    glyphs: list[_Glyph] = field(default_factory=list)
    rulings: list[tuple[str, float, float, float]] = field(default_factory=list)  # ("h", y, x0, x1) / ("v", x, y0, y1)
    images: list[tuple[float, float, float, float]] = field(default_factory=list)


def _mul(m, n):
    """m × n for PDF matrices [a b c d e f] (row vectors: p' = p × m × n)."""
    return (m[0] * n[0] + m[1] * n[2], m[0] * n[1] + m[1] * n[3],
            m[2] * n[0] + m[3] * n[2], m[2] * n[1] + m[3] * n[3],
            m[4] * n[0] + m[5] * n[2] + n[4], m[4] * n[1] + m[5] * n[3] + n[5])


def _apply(m, x: float, y: float) -> tuple[float, float]:
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


_IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _floats(operands, count: int) -> list[float] | None:
    if len(operands) < count:
        return None
    try:
        return [float(x) for x in operands[:count]]
    except (TypeError, ValueError):
        return None


def _is_white(values: list[float]) -> bool:
    if len(values) == 1:
        return values[0] >= 0.95
    if len(values) == 3:
        return min(values) >= 0.95
    if len(values) == 4:
        return max(values) <= 0.05
    return False


@dataclass
class _State:
    ctm: tuple = _IDENTITY
    font: object = None
    font_id: object = None
    size: float = 0.0
    char_space: float = 0.0
    word_space: float = 0.0
    scale: float = 1.0
    leading: float = 0.0
    rise: float = 0.0
    render: int = 0
    stroke_white: bool = False
    fill_white: bool = False
    clip: tuple[float, float, float, float] = (-1e9, -1e9, 1e9, 1e9)  # what may show, as a box

    def copy(self) -> _State:
        return _State(**self.__dict__)


class _Interpreter:
    """Runs a page's content stream (and the forms it draws), collecting glyphs, ruling lines and images in the
    page as shown: x to the right, y down from the top, the page's /Rotate applied."""

    def __init__(self, reader, page, number: int, deadline: float):
        self.reader = reader
        self.pdf_page = page
        self.deadline = deadline
        self.operations = 0
        self.fonts: dict[object, object] = {}
        self.forms: dict[object, object] = {}  # a form drawn again and again is parsed once
        box = page.cropbox
        x0, y0, x1, y1 = (float(v) for v in (box.left, box.bottom, box.right, box.top))
        x0, x1 = min(x0, x1), max(x0, x1)
        y0, y1 = min(y0, y1), max(y0, y1)
        rotation = (page.rotation or 0) % 360
        if rotation == 90:
            display, width, height = (0.0, 1.0, 1.0, 0.0, -y0, -x0), y1 - y0, x1 - x0
        elif rotation == 180:
            display, width, height = (-1.0, 0.0, 0.0, 1.0, x1, -y0), x1 - x0, y1 - y0
        elif rotation == 270:
            display, width, height = (0.0, -1.0, -1.0, 0.0, y1, x1), y1 - y0, x1 - x0
        else:
            display, width, height = (1.0, 0.0, 0.0, -1.0, -x0, y1), x1 - x0, y1 - y0
        self.page = _Page(number, width, height)
        self.display = display

    def run(self) -> _Page:
        from pypdf.generic import ContentStream

        contents = self.pdf_page.get_contents()
        if contents is not None:
            resources = self.pdf_page.get("/Resources")
            resources = resources.get_object() if resources is not None else {}
            if len(contents.get_data()) > MAX_PAGE_BYTES:
                raise SourceError([Problem(f"trang {self.page.number} của tệp PDF quá nặng (hơn "
                                           f"{MAX_PAGE_BYTES // 1_000_000} MB lệnh vẽ), không phải trang văn bản "
                                           f"thông thường; {_USE_INSTEAD}.")])
            stream = contents if isinstance(contents, ContentStream) else ContentStream(contents, self.reader)
            page_box = (0.0, 0.0, self.page.width, self.page.height)
            self._run(stream, resources, _State(ctm=self.display, clip=page_box), 0)
        return self.page

    # -- the stream ---------------------------------------------------------------------------------------------
    def _run(self, stream, resources, state: _State, depth: int) -> None:
        stack: list[_State] = []
        path: list[tuple[str, float, float, float, float]] = []  # segments and rectangles, shown coordinates
        point = start = None
        clipping = False
        tm = tlm = _IDENTITY
        for operands, op in stream.operations:
            self.operations += 1
            if self.operations % 2000 == 0 and time.monotonic() > self.deadline:
                raise SourceError([Problem(f"đọc tệp PDF quá lâu (quá {MAX_SECONDS:.0f} giây, đến trang "
                                           f"{self.page.number}); {_USE_INSTEAD}.")])
            if self.operations > MAX_OPERATIONS:
                raise SourceError([Problem(f"trang {self.page.number} của tệp PDF có quá nhiều lệnh vẽ, không phải "
                                           f"trang văn bản thông thường; {_USE_INSTEAD}.")])
            if op == b"q":
                stack.append(state.copy())
            elif op == b"Q":
                if stack:
                    state = stack.pop()
            elif op == b"cm":
                if (m := _floats(operands, 6)) is not None:
                    state.ctm = _mul(tuple(m), state.ctm)
            # -- paths
            elif op == b"m":
                if (v := _floats(operands, 2)) is not None:
                    point = start = _apply(state.ctm, *v)
            elif op == b"l":
                if (v := _floats(operands, 2)) is not None:
                    to = _apply(state.ctm, *v)
                    if point is not None:
                        path.append(("s", *point, *to))
                    point = to
            elif op in (b"c", b"v", b"y"):
                if (v := _floats(operands, 4 if op != b"c" else 6)) is not None:
                    point = _apply(state.ctm, *v[-2:])
            elif op == b"h":
                if point is not None and start is not None:
                    path.append(("s", *point, *start))
                    point = start
            elif op == b"re":
                if (v := _floats(operands, 4)) is not None:
                    x, y, w, h = v
                    corners = [_apply(state.ctm, x, y), _apply(state.ctm, x + w, y),
                               _apply(state.ctm, x + w, y + h), _apply(state.ctm, x, y + h)]
                    xs = [c[0] for c in corners]
                    ys = [c[1] for c in corners]
                    if _axis_aligned(corners):
                        path.append(("r", min(xs), min(ys), max(xs), max(ys)))
                    else:
                        path.extend(("s", *corners[i], *corners[(i + 1) % 4]) for i in range(4))
                    point = start = corners[0]
            elif op in (b"W", b"W*"):
                clipping = True
            elif op in (b"S", b"s", b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*", b"n"):
                if op == b"s" and point is not None and start is not None:
                    path.append(("s", *point, *start))
                stroke = op in (b"S", b"s", b"B", b"B*", b"b", b"b*") and not state.stroke_white
                fill = op in (b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*") and not state.fill_white
                if stroke or fill:
                    self._paint(path, stroke, fill, state.clip)
                if clipping and path:  # content drawn outside the clip does not show (Qt draws whole documents)
                    xs = [v for item in path for v in (item[1], item[3])]
                    ys = [v for item in path for v in (item[2], item[4])]
                    c = state.clip
                    state.clip = (max(c[0], min(xs)), max(c[1], min(ys)), min(c[2], max(xs)), min(c[3], max(ys)))
                clipping = False
                path = []
                point = start = None
            # -- colours: white lines are not borders
            elif op in (b"G", b"RG", b"K", b"SC", b"SCN"):
                values = [float(x) for x in operands if isinstance(x, (int, float))]
                state.stroke_white = _is_white(values)
            elif op in (b"g", b"rg", b"k", b"sc", b"scn"):
                values = [float(x) for x in operands if isinstance(x, (int, float))]
                state.fill_white = _is_white(values)
            elif op == b"CS":
                state.stroke_white = False
            elif op == b"cs":
                state.fill_white = False
            # -- text
            elif op == b"BT":
                tm = tlm = _IDENTITY
            elif op == b"Tf":
                if len(operands) >= 2:
                    state.font, state.font_id = self._font(resources, operands[0])
                    try:
                        state.size = float(operands[1])
                    except (TypeError, ValueError):
                        pass
            elif op in (b"Tc", b"Tw", b"Tz", b"TL", b"Ts", b"Tr"):
                if (v := _floats(operands, 1)) is not None:
                    if op == b"Tc":
                        state.char_space = v[0]
                    elif op == b"Tw":
                        state.word_space = v[0]
                    elif op == b"Tz":
                        state.scale = v[0] / 100.0
                    elif op == b"TL":
                        state.leading = v[0]
                    elif op == b"Ts":
                        state.rise = v[0]
                    else:
                        state.render = int(v[0])
            elif op in (b"Td", b"TD"):
                if (v := _floats(operands, 2)) is not None:
                    if op == b"TD":
                        state.leading = -v[1]
                    tm = tlm = _mul((1.0, 0.0, 0.0, 1.0, v[0], v[1]), tlm)
            elif op == b"Tm":
                if (v := _floats(operands, 6)) is not None:
                    tm = tlm = tuple(v)
            elif op == b"T*":
                tm = tlm = _mul((1.0, 0.0, 0.0, 1.0, 0.0, -state.leading), tlm)
            elif op in (b"Tj", b"'", b'"', b"TJ"):
                if op in (b"'", b'"'):
                    if op == b'"' and (v := _floats(operands, 2)) is not None:
                        state.word_space, state.char_space = v
                        operands = operands[2:]
                    tm = tlm = _mul((1.0, 0.0, 0.0, 1.0, 0.0, -state.leading), tlm)
                items = operands[0] if op == b"TJ" and operands else operands[:1]
                tm = self._show(items, tm, state)
            # -- images and forms
            elif op == b"Do":
                if operands:
                    self._draw_object(resources, operands[0], state, depth)
            elif op == b"INLINE IMAGE":
                self._image(state.ctm)

    def _show(self, items, tm, state: _State):
        font = state.font
        if font is None or not state.size:
            return tm
        visible = state.render not in (3, 7)  # invisible text: an OCR layer over a scanned image
        size = state.size
        for item in items:
            if isinstance(item, (int, float)):
                tm = _mul((1.0, 0.0, 0.0, 1.0, -float(item) / 1000.0 * size * state.scale, 0.0), tm)
                continue
            raw = getattr(item, "original_bytes", None)
            if raw is None:
                continue
            for code, text, width in _decode(font, raw):
                trm = _mul(_mul((size * state.scale, 0.0, 0.0, size, 0.0, state.rise), tm), state.ctm)
                advance = (width / 1000.0 * size + state.char_space
                           + (state.word_space if code == " " and _single_byte(font) else 0.0)) * state.scale
                if visible and text and _upright(trm) and _inside(state.clip, trm[4], trm[5] - 0.3 * abs(trm[3])):
                    x0, y = trm[4], trm[5]
                    x1 = x0 + trm[0] * width / 1000.0
                    glyphs = self.page.glyphs
                    if glyphs and all(unicodedata.combining(ch) for ch in text):
                        glyphs[-1].text += text  # a combining mark drawn as its own glyph belongs to the letter
                    else:
                        glyphs.append(_Glyph(x0, max(x1, x0), y, abs(trm[3]), text, len(glyphs)))
                    if len(glyphs) > MAX_GLYPHS:
                        raise SourceError([Problem(f"trang {self.page.number} của tệp PDF có quá nhiều chữ, không "
                                                   f"phải trang văn bản thông thường; {_USE_INSTEAD}.")])
                tm = _mul((1.0, 0.0, 0.0, 1.0, advance, 0.0), tm)
        return tm

    def _font(self, resources, name):
        try:
            fonts = resources.get("/Font")
            fonts = fonts.get_object() if fonts is not None else None
            ref = fonts.raw_get(name) if fonts is not None and name in fonts else None
        except Exception:  # a damaged resource dictionary: no text from it
            return None, None
        if ref is None:
            return None, None
        key = (ref.idnum, ref.generation) if hasattr(ref, "idnum") else id(ref)
        if key not in self.fonts:
            from pypdf._font import Font  # pinned pypdf: its font decoding (ToUnicode, encodings, widths)

            try:
                self.fonts[key] = Font.from_font_resource(ref.get_object())
            except Exception:  # a damaged font: its text is lost, the rest of the page is read
                self.fonts[key] = None
        return self.fonts[key], key

    def _paint(self, path, stroke: bool, fill: bool, clip) -> None:
        rulings: list[tuple[str, float, float, float]] = []
        for kind, a, b, c, d in path:
            if kind == "s":
                if not stroke:
                    continue
                if abs(b - d) <= 0.5 and abs(a - c) > 0.5:
                    rulings.append(("h", (b + d) / 2, min(a, c), max(a, c)))
                elif abs(a - c) <= 0.5 and abs(b - d) > 0.5:
                    rulings.append(("v", (a + c) / 2, min(b, d), max(b, d)))
                continue
            x0, y0, x1, y1 = a, b, c, d
            w, h = x1 - x0, y1 - y0
            if fill and h <= 3.0 and w > h:  # a border drawn as a thin filled bar
                rulings.append(("h", (y0 + y1) / 2, x0, x1))
            elif fill and w <= 3.0 and h > w:
                rulings.append(("v", (x0 + x1) / 2, y0, y1))
            elif stroke and w > 0.5 and h > 0.5:
                rulings += [("h", y0, x0, x1), ("h", y1, x0, x1), ("v", x0, y0, y1), ("v", x1, y0, y1)]
            elif stroke and w > 0.5:
                rulings.append(("h", (y0 + y1) / 2, x0, x1))
            elif stroke and h > 0.5:
                rulings.append(("v", (x0 + x1) / 2, y0, y1))
            # a larger filled rectangle is a cell's shading: its edges are no border
        for kind, pos, a, b in rulings:  # cut to what shows
            lo, hi = (clip[0], clip[2]) if kind == "h" else (clip[1], clip[3])
            across = (clip[1], clip[3]) if kind == "h" else (clip[0], clip[2])
            a, b = max(a, lo), min(b, hi)
            if b - a > 0.5 and across[0] - 1 <= pos <= across[1] + 1:
                self.page.rulings.append((kind, pos, a, b))
        if len(self.page.rulings) > MAX_GLYPHS:
            raise SourceError([Problem(f"trang {self.page.number} của tệp PDF có quá nhiều nét vẽ, không phải "
                                       f"trang văn bản thông thường; {_USE_INSTEAD}.")])

    def _draw_object(self, resources, name, state: _State, depth: int) -> None:
        from pypdf.generic import ContentStream

        try:
            xobjects = resources.get("/XObject")
            xobjects = xobjects.get_object() if xobjects is not None else None
            ref = xobjects.raw_get(name) if xobjects is not None and name in xobjects else None
            xobject = ref.get_object() if ref is not None else None
        except Exception:  # a damaged resource: that object is not drawn
            return
        if xobject is None:
            return
        key = (ref.idnum, ref.generation) if hasattr(ref, "idnum") else id(xobject)
        subtype = xobject.get("/Subtype")
        if subtype == "/Image":
            self._image(state.ctm)
        elif subtype == "/Form" and depth < MAX_FORM_DEPTH:
            matrix = _floats(xobject.get("/Matrix", [1, 0, 0, 1, 0, 0]), 6) or list(_IDENTITY)
            inner = state.copy()
            inner.ctm = _mul(tuple(matrix), state.ctm)
            form_resources = xobject.get("/Resources")
            form_resources = form_resources.get_object() if form_resources is not None else resources
            if key not in self.forms:
                if len(xobject.get_data()) > MAX_PAGE_BYTES:
                    return
                self.forms[key] = ContentStream(xobject, self.reader)
            self._run(self.forms[key], form_resources, inner, depth + 1)

    def _image(self, ctm) -> None:
        corners = [_apply(ctm, x, y) for x, y in ((0, 0), (1, 0), (1, 1), (0, 1))]
        xs = [c[0] for c in corners]
        ys = [c[1] for c in corners]
        self.page.images.append((min(xs), min(ys), max(xs), max(ys)))


def _inside(box, x: float, y: float) -> bool:
    return box[0] - 1 <= x <= box[2] + 1 and box[1] - 1 <= y <= box[3] + 1


def _axis_aligned(corners) -> bool:
    (ax, ay), (bx, by) = corners[0], corners[1]
    return abs(ax - bx) <= 0.01 or abs(ay - by) <= 0.01


def _upright(m) -> bool:
    """Text written left to right the right way up on the page as shown."""
    return m[0] > 0 and m[3] < 0 and abs(m[1]) <= 0.05 * m[0] and abs(m[2]) <= 0.05 * -m[3]


def _single_byte(font) -> bool:
    return font.sub_type != "Type0"


def _decode(font, raw: bytes):
    """(code, text, width in thousandths of an em) of each character of a shown string."""
    encoding = font.encoding
    if isinstance(encoding, str):
        try:
            codes = raw.decode(encoding, "surrogatepass")
        except (UnicodeDecodeError, LookupError):
            codes = raw.decode("charmap", "surrogatepass")
    else:
        codes = "".join(encoding.get(b, chr(b)) if isinstance(encoding.get(b, ""), str) else chr(b) for b in raw)
    widths = font.character_widths
    default = widths.get("default", 500)
    mapping = font.character_map
    for code in codes:
        text = mapping.get(code, code)
        width = font.space_width if code == font.space_char else widths.get(code, default)
        yield code, text if isinstance(text, str) else "", float(width or 0)


# -- a page's layout: tables and lines of text -----------------------------------------------------------------
@dataclass
class _Table:
    """One table on one page: its row and column edges and the rulings that separate its cells."""

    page: int
    top: float
    bottom: float
    left: float
    right: float
    h: list[tuple[float, float, float]]  # (y, x0, x1)
    v: list[tuple[float, float, float]]  # (x, y0, y1)
    glyphs: list[_Glyph] = field(default_factory=list)


@dataclass
class _Line:
    """A line of text outside tables (or a block of side-by-side lines, joined with line breaks)."""

    top: float
    bottom: float
    left: float
    right: float
    size: float
    text: str
    last_right: float = 0.0  # where the last printed line of the text ends
    block: bool = False  # one of side-by-side blocks


def _tables(page: _Page) -> list[_Table]:
    """Rulings that touch one another, in groups; a group with at least two rows and a column divider is a
    table (a lone line under a title, a box around one paragraph are not)."""
    h = _merge_segments([(y, a, b) for kind, y, a, b in page.rulings if kind == "h"])
    v = _merge_segments([(x, a, b) for kind, x, a, b in page.rulings if kind == "v"])
    items = [("h", s) for s in h] + [("v", s) for s in v]
    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    hs = [i for i, (k, _) in enumerate(items) if k == "h"]
    vs = [i for i, (k, _) in enumerate(items) if k == "v"]
    for i in hs:
        y, x0, x1 = items[i][1]
        for j in vs:
            x, y0, y1 = items[j][1]
            if x0 - _SNAP <= x <= x1 + _SNAP and y0 - _SNAP <= y <= y1 + _SNAP:
                parent[find(i)] = find(j)
    groups: dict[int, list[int]] = {}
    for i in range(len(items)):
        groups.setdefault(find(i), []).append(i)
    tables = []
    for members in groups.values():
        gh = [items[i][1] for i in members if items[i][0] == "h"]
        gv = [items[i][1] for i in members if items[i][0] == "v"]
        if len(gh) < 2 or len(gv) < 2:
            continue
        top, bottom = min(s[0] for s in gh), max(s[0] for s in gh)
        left, right = min(s[0] for s in gv), max(s[0] for s in gv)
        if bottom - top < _MIN_CELL or right - left < _MIN_CELL:
            continue
        if len(_edges([s[0] for s in gh])) < 3 and len(_edges([s[0] for s in gv])) < 3:
            continue  # one box: a page border, a framed paragraph, not a table
        tables.append(_Table(page.number, top, bottom, left, right, gh, gv))
    tables.sort(key=lambda t: (t.top, t.left))
    return tables


def _merge_segments(segments: list[tuple[float, float, float]]) -> list[tuple[float, float, float]]:
    """Colinear segments that overlap or touch made one (a border drawn cell by cell is one line)."""
    merged: list[list[float]] = []
    for pos, a, b in sorted(segments, key=lambda s: (round(s[0] / _SNAP), s[1])):
        for m in reversed(merged[-50:]):
            if abs(m[0] - pos) <= _SNAP / 2 and a <= m[2] + _SNAP:
                m[2] = max(m[2], b)
                break
        else:
            merged.append([pos, a, b])
    return [(m[0], m[1], m[2]) for m in merged]


def _edges(values: list[float]) -> list[float]:
    """Positions of rulings as the edges of rows or columns: close ones are one, a sliver between two (a double
    border) is no row."""
    edges: list[float] = []
    for value in sorted(values):
        if edges and value - edges[-1] < _MIN_CELL:
            continue
        edges.append(value)
    return edges


def _covered(segments: list[tuple[float, float, float]], pos: float, a: float, b: float) -> bool:
    """Whether a ruling at `pos` runs along most of a..b (the side of one cell)."""
    need = (b - a) * 0.6
    run = 0.0
    for p, s0, s1 in segments:
        if abs(p - pos) <= _SNAP:
            run += max(0.0, min(b, s1) - max(a, s0))
    return run >= need


# -- text into lines -------------------------------------------------------------------------------------------
def _text_lines(glyphs: list[_Glyph]) -> list[list[_Glyph]]:
    """Glyphs grouped into printed lines, top to bottom, each left to right."""
    lines: list[list[_Glyph]] = []
    bases: list[float] = []
    for g in sorted(glyphs, key=lambda g: (g.y, g.x0)):
        if lines and abs(g.y - bases[-1]) <= 0.4 * max(g.size, lines[-1][0].size):
            lines[-1].append(g)
        else:
            lines.append([g])
            bases.append(g.y)
    return [sorted(line, key=lambda g: (g.x0, g.seq)) for line in lines]


def _line_text(line: list[_Glyph]) -> str:
    parts: list[str] = []
    previous: _Glyph | None = None
    for g in line:
        if previous is not None:
            if g.text == previous.text and abs(g.x0 - previous.x0) < 0.3 * max(previous.x1 - previous.x0, 0.5):
                continue  # the same letter printed twice, a shade apart: bold made by hand
            gap = g.x0 - previous.x1
            if gap > 0.2 * max(g.size, previous.size) and not g.text.startswith(" ") and parts[-1][-1:] != " ":
                parts.append(" ")
        parts.append(g.text)
        previous = g
    return " ".join("".join(parts).split())


def _split_at_gaps(line: list[_Glyph]) -> list[list[_Glyph]]:
    """A line outside tables split where a wide blank separates two blocks (the plan's header, "Nơi nhận:" beside
    the signature): more than three letters' height."""
    pieces = [[line[0]]]
    for g in line[1:]:
        last = pieces[-1][-1]
        if g.x0 - last.x1 > 3.0 * max(g.size, last.size) and (last.text.strip() or len(pieces[-1]) > 1):
            pieces.append([g])
        else:
            pieces[-1].append(g)
    return pieces


def _free_lines(page: _Page, glyphs: list[_Glyph], tables: list[_Table]) -> list[_Line]:
    """The page's text outside tables as lines, page numbers and running heads/feet left out; blocks standing
    side by side each made one text (lines joined with line breaks), like the borderless table they were."""
    pieces: list[list[_Glyph]] = []
    for line in _text_lines(glyphs):
        pieces += [p for p in _split_at_gaps(line) if _line_text(p)]
    lines = [_Line(min(g.y - 0.8 * g.size for g in p), max(g.y + 0.2 * g.size for g in p), min(g.x0 for g in p),
                   max(g.x1 for g in p), max(g.size for g in p), _line_text(p), max(g.x1 for g in p)) for p in pieces]
    lines = [line for line in lines if not _page_furniture(page, line, lines, tables)]
    return _blocks(lines)


def _page_furniture(page: _Page, line: _Line, lines: list[_Line], tables: list[_Table]) -> bool:
    """A page number ("2", "- 2 -", "Trang 2", "2/6") in the top or bottom margin, or above or below all else on
    the page."""
    if not _PAGE_NUMBER.fullmatch(line.text.strip()):
        return False
    if line.bottom < page.height * 0.1 or line.top > page.height * 0.9:
        return True
    tops = [x.top for x in lines if x is not line] + [t.top for t in tables]
    bottoms = [x.bottom for x in lines if x is not line] + [t.bottom for t in tables]
    return not tops or line.top >= max(bottoms) or line.bottom <= min(tops)


def _blocks(lines: list[_Line]) -> list[_Line]:
    """Lines in reading order. Where a band of lines stands in two or more blocks side by side, each block's
    lines (close together, one under another) are one text, left block first; elsewhere each line is itself."""
    lines.sort(key=lambda line: (line.top, line.left))
    # rows of pieces sharing a baseline band
    rows: list[list[_Line]] = []
    for line in lines:
        if rows and line.top < max(x.bottom for x in rows[-1]) - 0.5 * line.size:
            rows[-1].append(line)
        else:
            rows.append([line])
    out: list[_Line] = []
    right = _body_right(rows)
    i = 0
    while i < len(rows):
        if len(rows[i]) < 2:
            line = rows[i][0]
            if out and right is not None and _wraps_into(out[-1], line, right):
                out[-1] = _joined([out[-1], line])
            else:
                out.append(line)
            i += 1
            continue
        band = [rows[i]]  # a band: consecutive rows, at least one split in pieces, close together
        j = i + 1
        while j < len(rows) and rows[j][0].top - max(x.bottom for x in band[-1]) < 1.2 * rows[j][0].size and (
                len(rows[j]) > 1 or _under_a_block(rows[j][0], band)):
            band.append(rows[j])
            j += 1
        out += _band_blocks([x for row in band for x in row])
        i = j
    return out


def _body_right(rows: list[list[_Line]]) -> float | None:
    """The right edge of the page's justified text: where at least two full lines end, else None."""
    singles = [row[0].right for row in rows if len(row) == 1]
    if not singles:
        return None
    edge = max(singles)
    return edge if sum(1 for r in singles if r >= edge - 1.5) >= 2 else None


def _wraps_into(paragraph: _Line, line: _Line, right: float) -> bool:
    """The line goes on the paragraph above: that one's last line reaches the right edge (a justified line
    wrapped), this one starts at the left edge or before, in the same size, right under it."""
    return (not paragraph.block and paragraph.last_right >= right - 0.5 * line.size
            and line.left <= paragraph.left + 1.0 and abs(paragraph.size - line.size) <= 0.5 and line.top - paragraph.bottom < 0.8 * line.size
            and "\n" not in line.text)


def _under_a_block(line: _Line, band: list[list[_Line]]) -> bool:
    """A line alone in its row that stands under one block of the band, not across two side by side."""
    overlapping = False
    for row in band:
        hits = sum(1 for x in row if line.left < x.right and line.right > x.left)
        if len(row) > 1 and hits > 1:
            return False
        overlapping = overlapping or hits > 0
    return overlapping


def _band_blocks(pieces: list[_Line]) -> list[_Line]:
    """Pieces of a band gathered into columns by overlap, then each column into blocks of close lines."""
    columns: list[list[_Line]] = []
    for piece in sorted(pieces, key=lambda x: (x.left + x.right) / 2):
        for column in columns:
            if piece.left < max(x.right for x in column) and piece.right > min(x.left for x in column):
                column.append(piece)
                break
        else:
            columns.append([piece])
    blocks: list[_Line] = []
    for column in columns:
        column.sort(key=lambda x: x.top)
        block = [column[0]]
        for piece in column[1:]:
            if piece.top - block[-1].bottom < 0.6 * piece.size and not _new_part(block[-1].text, piece.text):
                block.append(piece)
            else:
                blocks.append(_joined(block, True))
                block = [piece]
        blocks.append(_joined(block, True))
    return blocks


def _new_part(above: str, below: str) -> bool:
    """An upper-case name ("ỦY BAN NHÂN DÂN / THÀNH PHỐ …") followed by a line in ordinary case ("Số: 36/KH-UBND")
    are two things, though printed as close as the name's own lines."""
    return any(ch.isalpha() for ch in above) and above == above.upper() and below != below.upper()


def _joined(block: list[_Line], side_by_side: bool = False) -> _Line:
    return _Line(block[0].top, block[-1].bottom, min(x.left for x in block), max(x.right for x in block),
                 max(x.size for x in block), "\n".join(x.text for x in block), block[-1].last_right, side_by_side)


# -- pages into grids ------------------------------------------------------------------------------------------
@dataclass
class _Chain:
    """A table as it runs over one or more pages."""

    parts: list[_Table]
    lines_before: list[str]


def _document_grids(pages: list[_Page]) -> list[Grid]:
    chains: list[_Chain] = []
    pending: list[tuple[_Page, _Line]] = []  # lines since the last table
    last_table: _Table | None = None
    for page in pages:
        tables = _tables(page)
        free: list[_Glyph] = []
        for g in page.glyphs:
            cx, cy = (g.x0 + g.x1) / 2, g.y - 0.3 * g.size
            around = [t for t in tables if t.left - 1 <= cx <= t.right + 1 and t.top - 1 <= cy <= t.bottom + 1]
            if around:  # the innermost, when a table stands inside another
                min(around, key=lambda t: (t.right - t.left) * (t.bottom - t.top)).glyphs.append(g)
            else:
                free.append(g)
        elements: list[_Table | _Line] = []
        waiting = list(tables)
        for line in _free_lines(page, free, tables):  # in reading order; each table where it stands among them
            while waiting and waiting[0].top < line.top:
                elements.append(waiting.pop(0))
            elements.append(line)
        elements += waiting
        for element in elements:
            if isinstance(element, _Line):
                pending.append((page, element))
                continue
            if (last_table is not None and last_table.page == page.number - 1 and _continues(last_table, element)
                    and all(_in_margin(p, line) for p, line in pending)):
                chains[-1].parts.append(element)  # what stood between were running heads or feet
            else:
                chains.append(_Chain([element], [line.text for _, line in pending]))
            pending = []
            last_table = element
    grids = [_chain_grid(chain, _table_name(i + 1, chain)) for i, chain in enumerate(chains)]
    trailing = Grid("phần cuối văn bản", False, [[line.text] for _, line in pending])
    grids.append(trailing)
    return grids


def _in_margin(page: _Page, line: _Line) -> bool:
    """In the top or bottom tenth of the page, where running heads and feet stand."""
    return line.bottom < page.height * 0.1 or line.top > page.height * 0.9


def _table_name(number: int, chain: _Chain) -> str:
    """"bảng 2 (trang 3–5)": the officer finds a row by its table and page; rows are counted down the table."""
    first, last = chain.parts[0].page, chain.parts[-1].page
    return f"bảng {number} (trang {first})" if first == last else f"bảng {number} (trang {first}–{last})"


def _continues(previous: _Table, table: _Table) -> bool:
    """A table at the top of a page continues the one that ended the page before when its outer edges are the
    same."""
    return abs(previous.left - table.left) <= 4.0 and abs(previous.right - table.right) <= 4.0


def _chain_grid(chain: _Chain, name: str) -> Grid:
    columns = _edges([x for part in chain.parts for x, _, _ in part.v])
    grid = Grid(name, False, [])
    grid.lines_before = chain.lines_before
    for n, part in enumerate(chain.parts):
        rows, merges = _part_cells(part, columns)
        if n and rows and _split_row(grid, rows, merges, chain.parts[0], part, columns):
            continue
        offset = len(grid.rows)
        grid.rows += rows
        grid.merges += [Merge(m.top + offset, m.left, m.bottom + offset, m.right) for m in merges]
    grid.rows = [row + [""] * (len(columns) - 1 - len(row)) for row in grid.rows]
    return grid


def _part_cells(part: _Table, columns: list[float]) -> tuple[list[list[str]], list[Merge]]:
    """A page's table as rows of cell texts and merged ranges over the chain's columns."""
    rows_edges = _edges([y for y, _, _ in part.h])
    n_rows, n_cols = len(rows_edges) - 1, len(columns) - 1
    if n_rows < 1 or n_cols < 1:
        return [], []
    # which elementary boxes are joined: no ruling between them
    parent = list(range(n_rows * n_cols))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for r in range(n_rows):
        y0, y1 = rows_edges[r], rows_edges[r + 1]
        for c in range(n_cols):
            x0, x1 = columns[c], columns[c + 1]
            if c + 1 < n_cols and not _covered(part.v, x1, y0, y1):
                parent[find(r * n_cols + c + 1)] = find(r * n_cols + c)
            if r + 1 < n_rows and not _covered(part.h, y1, x0, x1):
                parent[find((r + 1) * n_cols + c)] = find(r * n_cols + c)
    regions: dict[int, list[int]] = {}
    for i in range(n_rows * n_cols):
        regions.setdefault(find(i), []).append(i)
    anchor: dict[int, tuple[int, int]] = {}
    merges: list[Merge] = []
    for members in regions.values():
        rs = [i // n_cols for i in members]
        cs = [i % n_cols for i in members]
        top, left, bottom, right = min(rs), min(cs), max(rs), max(cs)
        for i in members:
            anchor[i] = (top, left)
        if bottom > top or right > left:
            merges.append(Merge(top, left, bottom, right))
    glyphs_in: dict[tuple[int, int], list[_Glyph]] = {}
    for g in part.glyphs:
        cx, cy = (g.x0 + g.x1) / 2, g.y - 0.3 * g.size
        c = min(max(bisect_right(columns, cx) - 1, 0), n_cols - 1)
        r = min(max(bisect_right(rows_edges, cy) - 1, 0), n_rows - 1)
        glyphs_in.setdefault(anchor[r * n_cols + c], []).append(g)
    rows = [[""] * n_cols for _ in range(n_rows)]
    for (r, c), glyphs in glyphs_in.items():
        rows[r][c] = "\n".join(t for line in _text_lines(glyphs) if (t := _line_text(line)))
    return rows, sorted(merges, key=lambda m: (m.top, m.left))


def _split_row(grid: Grid, rows: list[list[str]], merges: list[Merge], first: _Table, part: _Table,
               columns: list[float]) -> bool:
    """A row broken over the page: the part's first row after the repeated header has no number (TT) but text
    in the columns the last row of the page before has. Its text is added to that row, and the rest of the part
    follows. Returns True when the part was added here."""
    header_rows = _repeated_header_rows(grid, rows)
    k = header_rows
    if k >= len(rows) or not grid.rows:
        return False
    row, last = rows[k], grid.rows[-1]
    if row[0].strip() or not last[0].strip() or not any(x.strip() for x in row[1:]):
        return False
    spans_here = sorted((m.left, m.right) for m in merges if m.top <= k <= m.bottom)
    last_r = len(grid.rows) - 1
    spans_last = sorted((m.left, m.right) for m in grid.merges if m.top <= last_r <= m.bottom)
    if spans_here != spans_last:
        return False
    offset = len(grid.rows)
    for c, text in enumerate(row):
        if text.strip() and c < len(last):
            last[c] = f"{last[c]}\n{text}" if last[c].strip() else text
    keep = [r for i, r in enumerate(rows) if i != k]
    grid.rows += keep
    for m in merges:
        if m.top <= k <= m.bottom:
            continue
        shift = lambda r: r + offset - (1 if r > k else 0)  # noqa: E731
        grid.merges.append(Merge(shift(m.top), m.left, shift(m.bottom), m.right))
    return True


def _repeated_header_rows(grid: Grid, rows: list[list[str]]) -> int:
    """How many of a part's first rows repeat the grid's first rows (the header printed again on each page)."""
    k = 0
    while k < len(rows) and k < len(grid.rows) and k < 4 and rows[k] == grid.rows[k][:len(rows[k])] and any(
            x.strip() for x in rows[k]):
        k += 1
    if k and k < len(rows) and k < len(grid.rows) and not any(x.strip() for x in rows[k]) and not any(
            x.strip() for x in grid.rows[k]):
        k += 1
    return k
