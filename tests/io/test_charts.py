"""The printouts' bar charts, painted with Qt (io/charts.py): read back from their PNG pixels."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import QThread
from PySide6.QtGui import QColor, QFontMetricsF, QImage, QRawFont

from dti_desktop.io.charts import DPI, LABEL_SHARE, bar_chart_png, chart_layout
from dti_desktop.services import district
from tests.helpers import in_fresh_process

BLUE = QColor("#0d6efd")


def decoded(png: bytes) -> QImage:
    image = QImage()
    assert image.loadFromData(png, "PNG")
    return image


def is_bar(image: QImage, x: int, y: int) -> bool:
    c = QColor(image.pixel(x, y))
    return abs(c.red() - BLUE.red()) + abs(c.green() - BLUE.green()) + abs(c.blue() - BLUE.blue()) < 30


def bars_start(image: QImage) -> int:
    """The first column holding the bar colour: where the bars start."""
    return min(x for x in range(image.width()) for y in range(0, image.height(), 2) if is_bar(image, x, y))


def bars(image: QImage) -> list[tuple[int, int]]:
    """(middle row, length in pixels) of each bar, top to bottom, read from the pixels: a bar is a run of rows of
    the bar colour in the column just right of where the bars start."""
    start = bars_start(image)
    column = start + 2
    runs, top = [], None
    for y in range(image.height() + 1):
        inside = y < image.height() and is_bar(image, column, y)
        if inside and top is None:
            top = y
        elif not inside and top is not None:
            runs.append((top + y - 1) // 2)
            top = None
    found = []
    for y in runs:
        x = start
        while x < image.width() and is_bar(image, x, y):
            x += 1
        found.append((y, x - start))
    return found


def test_the_png_decodes_at_200_dpi_of_the_size_asked():
    image = decoded(bar_chart_png(["Nhóm I", "Nhóm II"], [40.0, 80.0], "Tỷ lệ (%)", size=(7.5, 1.15)))
    assert (image.width(), image.height()) == (1500, 230)
    assert round(image.dotsPerMeterX() * 0.0254) == DPI


def test_bars_run_top_to_bottom_in_the_given_order_their_lengths_proportional_to_the_values():
    values = [48.1, 100.0, 22.2, 75.0]
    image = decoded(bar_chart_png([f"UBND xã {i}" for i in range(4)], values, "Tỷ lệ (%)", size=(7.5, 2.2)))
    found = bars(image)
    assert len(found) == 4 and [y for y, _ in found] == sorted(y for y, _ in found)
    # the axis runs to 108 (xmax 100 + 8 %): the bar of 100 ends short of the plot's right end
    scale = found[1][1] / 100
    for (_, length), value in zip(found, values):
        assert abs(length - value * scale) <= 2, (length, value * scale)
    plot = chart_layout([f"UBND xã {i}" for i in range(4)], values, "Tỷ lệ (%)", size=(7.5, 2.2)).plot
    assert abs(found[1][1] - plot.width() * 100 / 108) <= 2


def test_values_are_written_with_a_decimal_comma_and_counts_get_a_whole_number_axis():
    chart = chart_layout(["A", "B", "C"], [23.46, 100.0, 0.0], "Tỷ lệ (%)")
    assert [t.text for t in chart.texts if t.role == "value"] == ["23,5", "100", "0"]
    assert [t.text for t in chart.texts if t.role == "tick"] == ["0", "20", "40", "60", "80", "100"]
    counts = chart_layout(["Dưới 20%", "100%"], [3, 7], "Số đơn vị", "Số đơn vị", xmax=None)
    ticks = [t.text for t in counts.texts if t.role == "tick"]
    assert ticks == ["0", "2", "4", "6"]  # the axis to 7 × 1,12 = 7,84
    few = chart_layout(["A", "B"], [1, 2], "Số đơn vị", xmax=None)
    assert [t.text for t in few.texts if t.role == "tick"] == ["0", "1", "2"]  # whole numbers only: no "0,5"
    assert [t.text for t in counts.texts if t.role == "xlabel"] == ["Số đơn vị"]
    assert [t.text for t in chart_layout(["A"], [0], "", xmax=None).texts if t.role == "tick"] == ["0", "1"]


def test_a_name_is_drawn_as_it_is_written_nothing_in_it_read():
    """matplotlib read "$…$" as mathematics (a name stopped the whole report); rich text would read "<b>", a
    menu "&": the name's every character is drawn, so its labels column is wider by what a reader would drop."""
    odd, plain = "UBND xã <b>Giá</b> $5 \\đ$ & Co", "UBND xã Giá 5 \\đ Co"
    layout = chart_layout([odd, "UBND xã Bình An"], [50.0, 75.0], "Tỷ lệ ($) <i>&</i>")
    assert [t.text for t in layout.texts if t.role in ("title", "label")] == \
        ["Tỷ lệ ($) <i>&</i>", odd, "UBND xã Bình An"]
    font = next(t.font for t in layout.texts if t.role == "label")
    wider = QFontMetricsF(font).horizontalAdvance(odd) - QFontMetricsF(font).horizontalAdvance(plain)
    starts = [bars_start(decoded(bar_chart_png([name, "UBND xã Bình An"], [50.0, 75.0], "Tỷ lệ")))
              for name in (odd, plain)]
    assert abs(starts[0] - starts[1] - wider) <= 2, (starts, wider)


def test_forty_bars_fit_their_labels_smaller_never_overlapping():
    names = [f"UBND phường Hồng Thái Tây {i}" for i in range(40)]
    chart = chart_layout(names, [2.5 * i for i in range(40)], "Bốn mươi đơn vị", size=(7.5, 3.2))
    labels = [t for t in chart.texts if t.role == "label"]
    assert [t.text for t in labels] == names
    assert all(a.rect.bottom() <= b.rect.top() + 0.01 for a, b in zip(labels, labels[1:]))
    assert all(0 <= t.rect.top() and t.rect.bottom() <= chart.height for t in chart.texts)
    assert labels[0].font.pixelSize() < chart_layout(names[:2], [1, 2], "Hai").texts[1].font.pixelSize()
    found = bars(decoded(bar_chart_png(names, [2.5 * i + 2.5 for i in range(40)], "Bốn mươi", size=(7.5, 3.2))))
    assert len(found) == 40


def test_a_long_name_is_wrapped_then_cut_short_never_over_the_bars():
    long = ("Ủy ban nhân dân phường Nguyễn Huệ thuộc thành phố Đông Triều tỉnh Quảng Ninh, tên đầy đủ ghi theo "
            "quyết định thành lập đơn vị hành chính")
    chart = chart_layout([long, "UBND xã An Sinh"], [40.0, 60.0], "Tỷ lệ (%)", size=(7.5, 1.4))
    lines = [t for t in chart.texts if t.role == "label"][:-1]
    assert len(lines) == 2 and lines[1].text.endswith("…")  # a row of 0,38 inch holds two lines
    assert long.startswith(lines[0].text + " ")
    assert all(t.rect.right() < chart.plot.left() for t in chart.texts if t.role == "label")
    assert chart.plot.left() <= LABEL_SHARE * chart.width + 0.2 * DPI
    narrow = chart_layout([long] + [f"UBND xã {i}" for i in range(11)], [1] * 12, "Tỷ lệ", size=(7.5, 3.2))
    one = [t for t in narrow.texts if t.role == "label"][0]  # rows too low for two lines: one line, cut short
    assert one.text.endswith("…") and [t.text for t in narrow.texts if t.role == "label"][1] == "UBND xã 0"


def test_vietnamese_is_drawn_in_the_reports_serif_with_all_its_marks():
    from dti_desktop.io.pdf_render import serif_family

    words = "Tỷ lệ chỉ tiêu đạt — UBND phường Hồng Thái Tây, xã Yên Đức, Ủy ban, Đông Triều"
    chart = chart_layout([words], [50.0], words, "Số đơn vị")
    for text in chart.texts:
        raw = QRawFont.fromFont(text.font)
        assert raw.familyName() == serif_family()
        assert all(raw.supportsCharacter(ord(c)) for c in text.text if not c.isspace()), text.text


def test_a_chart_painted_in_a_worker_thread_is_the_one_painted_in_the_main_thread(qapp):
    args = (["UBND phường Mạo Khê", "UBND phường Kim Sơn"], [3.7, 0.0], "Tỷ lệ chỉ tiêu đạt (%)")

    class Worker(QThread):
        def run(self) -> None:
            self.png = bar_chart_png(*args)

    worker = Worker()
    worker.start()
    assert worker.wait(30_000)
    assert decoded(worker.png) == decoded(bar_chart_png(*args))


@pytest.mark.parametrize("kind", ["district", "summary"])
def test_printing_a_report_with_a_chart_does_not_load_matplotlib(kind, office, mao_khe, kim_son, tmp_path):
    """Its first import, in the worker printing the report, held the interpreter 54–100 ms: the window froze.
    As the command line does it: the chart is made (report built) before anything made a Qt application."""
    db, store = office
    if kind == "district":
        district.import_packages(db, store, [mao_khe.export(tmp_path / "usb").path,
                                             kim_son.export(tmp_path / "usb").path])
        db_path = Path(db.execute("PRAGMA database_list").fetchone()[2])
    else:
        db_path = mao_khe.path
    out, evidence = tmp_path / "bao-cao.pdf", db_path.parent / "evidence"
    code = ("import sys, zipfile\nfrom datetime import date\nfrom pathlib import Path\n"
            "from dti_desktop.domain.periods import Period\n"
            "from dti_desktop.services import reports\n"
            "from dti_desktop.services.app_database import open_app_database\n"
            f"db, store, out = open_app_database(Path({str(db_path)!r})), Path({str(evidence)!r}), Path({str(out)!r})\n"
            f"reports.write_docx(db, store, {kind!r}, Period(2025, 3), out.with_suffix('.docx'), date(2025, 4, 2))\n"
            "print([n for n in zipfile.ZipFile(out.with_suffix('.docx')).namelist() if n.endswith('.png')])\n"
            f"print(reports.write_pdf(db, store, {kind!r}, Period(2025, 3), out, date(2025, 4, 2)))\n"
            "print('matplotlib' in sys.modules, 'numpy' in sys.modules)\n")
    pictures, pages, loaded = in_fresh_process(code)
    assert pictures == "['word/media/rIdImage1.png']" and int(pages) >= 1 and out.stat().st_size > 0
    assert loaded == "False False"
    # the chart kept as drawn: Qt's PDF writer stored it as JPEG, blurring its thin lines and small figures
    listed = subprocess.run(["pdfimages", "-list", str(out)], capture_output=True, text=True, check=True).stdout
    encodings = [line.split()[8] for line in listed.splitlines()[2:]]
    assert encodings and "jpeg" not in encodings, listed
