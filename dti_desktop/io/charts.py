"""Charts for printouts, drawn with matplotlib's Agg backend (no window) into PNG bytes."""

from __future__ import annotations

import io

from ..domain.numbers import format_number


def _resolved(path: str):
    from pathlib import Path

    return Path(path).resolve()


def _use_shipped_serif() -> None:
    """Charts in printouts use the same serif as the text (Liberation Serif, shipped)."""
    from ..paths import prepare_matplotlib, resources_dir

    prepare_matplotlib()
    from matplotlib import font_manager, rcParams

    shipped = sorted((resources_dir() / "fonts").glob("*.ttf"))
    for ttf in shipped:
        font_manager.fontManager.addfont(str(ttf))
    # A system's own Liberation Serif 1.07 (Debian's fonts-liberation) has no Vietnamese beyond Latin-1 and, the same
    # family and weight, was taken instead: the charts printed "Tỷ lệ" with empty boxes. Only the shipped faces stay.
    names = {str(p.resolve()) for p in shipped}
    font_manager.fontManager.ttflist = [f for f in font_manager.fontManager.ttflist
                                        if f.name != "Liberation Serif" or str(_resolved(f.fname)) in names]
    rcParams["font.family"] = "Liberation Serif"
    rcParams["pdf.fonttype"] = 42


def bar_chart_png(labels: list[str], values: list[float], title: str, xlabel: str = "",
                  xmax: float | None = 100, size=(7.5, 3.2), colour: str = "#0d6efd") -> bytes:
    """A horizontal bar chart with its values written at the bar ends; `xmax=None` for counts (whole-number
    axis, scaled to the largest)."""
    _use_shipped_serif()  # first: it says where matplotlib keeps its font cache
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    # Text from units (their names) is shown, never interpreted: matplotlib reads "$…$" as mathematics (and
    # stopped the whole report on a name it could not parse).
    labels, title = [label.replace("$", r"\$") for label in labels], title.replace("$", r"\$")
    fig = Figure(figsize=size, dpi=200, layout="constrained")
    ax = fig.subplots()
    ax.barh(labels, values, color=colour)
    ax.invert_yaxis()
    for i, v in enumerate(values):  # as the tables beside the charts print it: 23,5, not "24"
        ax.text(v, i, " " + format_number(v, 1), va="center", fontsize=9)
    if xmax is not None:
        ax.set_xlim(0, xmax * 1.08)
    else:
        ax.set_xlim(0, max(max(values, default=0), 1) * 1.12)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_title(title, fontsize=11)
    ax.set_xlabel(xlabel)
    buffer = io.BytesIO()
    # Qt decodes the PNG and compresses the pixels again inside the PDF: packing it tightly here is wasted time.
    fig.savefig(buffer, format="png", pil_kwargs={"compress_level": 1})
    return buffer.getvalue()
