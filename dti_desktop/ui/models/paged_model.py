"""Table models that hand their rows to the view a page at a time (Qt's canFetchMore/fetchMore).

A country's 3,321 units in one reset made the view measure and lay out every row (1,3 s for the answers list);
paged, the view takes the first page and asks for the next one as the officer scrolls near the end."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex

from .list_model import ListTableModel

PAGE = 200  # more rows than any screen shows: a page is never visibly short


class PagedListModel(ListTableModel):
    """A ListTableModel whose rowCount grows by PAGE rows as the view fetches; `all_rows()` is every row."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._all: list = []
        self._fetching = False  # a view (or Qt's model tester) asking again while a page goes in waits its turn

    def set_rows(self, rows: list) -> None:
        self._fetching = True  # nothing fetched from within the reset's signals: views fetch when they lay out
        try:
            self.beginResetModel()
            self._all = list(rows)
            self._rows = self._all[:PAGE]
            self.endResetModel()
        finally:
            self._fetching = False

    def all_rows(self) -> list:
        return self._all

    def canFetchMore(self, parent: QModelIndex = QModelIndex()) -> bool:  # noqa: N802 (Qt API)
        return not parent.isValid() and not self._fetching and len(self._rows) < len(self._all)

    def fetchMore(self, parent: QModelIndex = QModelIndex()) -> None:  # noqa: N802 (Qt API)
        if not self.canFetchMore(parent):
            return
        start, end = len(self._rows), min(len(self._all), len(self._rows) + PAGE)
        self._fetching = True
        try:
            self.beginInsertRows(QModelIndex(), start, end - 1)
            self._rows = self._all[:end]
            self.endInsertRows()
        finally:
            self._fetching = False

    def fetch_all(self) -> None:
        """Every row into the model (selecting a row far down by program)."""
        while self.canFetchMore():
            self.fetchMore()
