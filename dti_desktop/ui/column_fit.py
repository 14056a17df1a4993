"""Columns fitted to their contents only when a table is on screen: fitting a hidden table of a country's units
cost 40-70 ms of the window's thread for each of the office's tables at every refresh; a hidden one is fitted
when it is next shown.

Fitting asks the model for every role of every cell measured, each a call into Python; while a worker thread runs
Python, each such call waits for the interpreter's lock (up to its switch interval, 5 ms), so 60 rows × 7 columns
took 0,6 s instead of 10 ms. The office's tab therefore fits its tables when no read of its own is running."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QTableView


class _FitOnShow(QObject):
    """Fits its table's columns when the table is shown after rows changed while it was hidden."""

    def __init__(self, view: QTableView) -> None:
        super().__init__(view)
        self.stale = False
        self.columns: tuple[int, ...] | None = None  # None: every column

    def eventFilter(self, view, event) -> bool:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.Show and self.stale:
            self.stale = False
            # once shown: fitted inside the show event, a stretched last column kept its fitted width
            QTimer.singleShot(0, view, lambda: _fit(view, self.columns))
        return False


def _fit(view: QTableView, columns: tuple[int, ...] | None) -> None:
    header = view.horizontalHeader()
    if columns is None:
        count = header.count()
        # a stretched last column fills the rest: fitted to its contents it stayed narrow, the table half empty
        columns = tuple(range(count - 1 if header.stretchLastSection() else count))
    for column in columns:
        view.resizeColumnToContents(column)


def _filter(view: QTableView) -> _FitOnShow:
    found = view.findChild(_FitOnShow)
    if found is None:
        found = _FitOnShow(view)
        view.installEventFilter(found)
    return found


def fit_columns(view: QTableView, columns: tuple[int, ...] | None = None) -> None:
    """The view's columns (or only `columns`) to their contents now when it is visible, else the next time it is
    shown."""
    fit = _filter(view)
    fit.columns = columns
    fit.stale = not view.isVisible()
    if not fit.stale:
        _fit(view, columns)


def hold(view: QTableView) -> None:
    """Rows that are about to be replaced are not measured when the view is shown (fit_columns follows)."""
    _filter(view).stale = False
