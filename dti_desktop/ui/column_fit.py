"""Columns fitted to their contents only when a table is on screen: fitting a hidden table of a country's units
cost 40-70 ms of the window's thread for each of the office's tables at every refresh; a hidden one is fitted
when it is next shown."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QTableView

_STALE = "dti_columns_stale"


class _FitOnShow(QObject):
    """Fits its table's columns when the table is shown after rows changed while it was hidden."""

    def eventFilter(self, view, event) -> bool:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.Show and view.property(_STALE):
            view.setProperty(_STALE, False)
            view.resizeColumnsToContents()
        return False


def fit_columns(view: QTableView) -> None:
    """The view's columns to their contents now when it is visible, else the next time it is shown."""
    if view.isVisible():
        view.setProperty(_STALE, False)
        view.resizeColumnsToContents()
        return
    view.setProperty(_STALE, True)
    if view.findChild(_FitOnShow) is None:
        view.installEventFilter(_FitOnShow(view))
