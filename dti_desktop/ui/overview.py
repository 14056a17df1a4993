"""Overview tab: status counts, achievement by group, month-by-month progress (matplotlib).

matplotlib is imported only when the tab is first shown, so start-up stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ..paths import prepare_matplotlib

if TYPE_CHECKING:
    from ..domain.workspace import TargetStatusRow

STATUS_COLOURS = ("#dc3545", "#ffc107", "#198754", "#adb5bd")


class OverviewWidget(QWidget):
    """Three charts over the unit's targets; `show_data` redraws them."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self._layout.addWidget(self.summary)
        self.canvas = None
        self.figure = None

    def _ensure_canvas(self) -> None:
        if self.canvas is not None:
            return
        prepare_matplotlib()
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
        from matplotlib.figure import Figure

        self.figure = Figure(figsize=(10, 6), layout="constrained")
        self.canvas = FigureCanvasQTAgg(self.figure)
        self._layout.addWidget(self.canvas, 1)

    def show_data(self, rows: list[TargetStatusRow], monthly: dict[str, dict[str, int]], year: int,
                  period_label: str, last_month: int = 12) -> None:
        from ..domain.summary import group_shares, status_counts

        self._ensure_canvas()
        counts = status_counts(rows)
        shares = group_shares(rows)
        achieved = sum(s.achieved for s in shares)
        self.summary.setText(
            f"{period_label}: {len(rows)} chỉ tiêu được giao — "
            + ", ".join(f"{label.lower()}: {n}" for label, n in counts.items())
            + f". Đạt: {achieved}/{len(rows)}.")
        self.figure.clear()
        grid = self.figure.subplots(1, 3, width_ratios=(1, 1.3, 1.6))
        self._status_chart(grid[0], counts)
        self._group_chart(grid[1], shares)
        self._monthly_chart(grid[2], monthly, year, len(rows), last_month)
        self.canvas.draw_idle()

    @staticmethod
    def _status_chart(ax, counts: dict[str, int]) -> None:
        labels = list(counts)
        ax.barh(labels, [counts[k] for k in labels], color=STATUS_COLOURS)
        ax.invert_yaxis()
        ax.set_title("Tình trạng trong tháng")
        ax.set_xlabel("Số chỉ tiêu")

    @staticmethod
    def _group_chart(ax, shares) -> None:
        labels = [s.label for s in shares]
        ax.barh(labels, [s.percent for s in shares], color="#0d6efd")
        for i, share in enumerate(shares):
            ax.text(min(share.percent + 2, 80), i, f"{share.achieved}/{share.total}", va="center")
        ax.invert_yaxis()
        ax.set_xlim(0, 100)
        ax.set_title("Tỷ lệ chỉ tiêu đạt theo nhóm (%)")

    @staticmethod
    def _monthly_chart(ax, monthly: dict[str, dict[str, int]], year: int, total: int, last_month: int) -> None:
        months = list(range(1, last_month + 1))
        keys = [f"{year:04d}-{m:02d}" for m in months]
        for status, colour, label in (("hoan_thanh", "#198754", "Hoàn thành"),
                                      ("dang_trien_khai", "#ffc107", "Đang triển khai"),
                                      ("dat", "#0d6efd", "Đạt")):
            ax.plot(months, [monthly.get(k, {}).get(status, 0) for k in keys], marker="o", color=colour,
                    label=label)
        ax.set_xticks(months, [f"{m:02d}" for m in months])
        ax.set_xlim(0.5, 12.5)
        ax.set_ylim(0, max(total, 1))
        ax.set_title(f"Tiến độ theo tháng năm {year}")
        ax.set_xlabel("Tháng")
        ax.legend(loc="upper left", fontsize="small")
