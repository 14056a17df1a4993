"""The annex being drafted as a tree: parts, their groups, the groups' targets (domain.annex_edit items)."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from ...domain.annex_edit import EditableAnnex, GroupItem, PartItem, TargetItem
from ...domain.dates import display_date
from ..plain import tip

RAW_ROLE = Qt.ItemDataRole.UserRole + 1  # the PartItem, GroupItem or TargetItem of the row
KIND_ROLE = Qt.ItemDataRole.UserRole + 2  # "part", "group" or "target"
REPORTED = "Đã có"


@dataclass
class _Node:
    kind: str
    item: object
    parent: int  # index in AnnexTreeModel._nodes; -1 for a part
    row: int
    children: list[int] = field(default_factory=list)


class AnnexTreeModel(QAbstractItemModel):
    """Read-only view of an EditableAnnex; set_annex() replaces it (a reset)."""

    COL_TT, COL_TEXT, COL_LEAD, COL_COORDINATING, COL_TRACKING, COL_PROVINCE, COL_LOCAL, COL_LEVEL, COL_DEADLINE, \
        COL_REPORTED = range(10)
    HEADERS = ("TT", "Nội dung", "Chủ trì", "Phối hợp", "Theo dõi", "Mục tiêu của tỉnh", "Mục tiêu địa phương",
               "Mức độ", "Thời hạn", "Kết quả")
    _FIELDS = {COL_LEAD: "lead", COL_COORDINATING: "coordinating", COL_TRACKING: "tracking",
               COL_PROVINCE: "province_goal", COL_LOCAL: "local_goal", COL_LEVEL: "level"}

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._annex: EditableAnnex | None = None
        self._nodes: list[_Node] = []
        self._parts: list[int] = []

    def set_annex(self, annex: EditableAnnex | None) -> None:
        self.beginResetModel()
        self._annex, self._nodes, self._parts = annex, [], []
        for p_row, part in enumerate(annex.parts if annex else ()):
            p = self._add("part", part, -1, p_row)
            self._parts.append(p)
            for g_row, group in enumerate(part.groups):
                g = self._add("group", group, p, g_row)
                self._nodes[p].children.append(g)
                for t_row, target in enumerate(group.targets):
                    self._nodes[g].children.append(self._add("target", target, g, t_row))
        self.endResetModel()

    def _add(self, kind: str, item, parent: int, row: int) -> int:
        self._nodes.append(_Node(kind, item, parent, row))
        return len(self._nodes) - 1

    def annex(self) -> EditableAnnex | None:
        return self._annex

    # -- structure -----------------------------------------------------------------------
    def index(self, row: int, column: int, parent: QModelIndex = QModelIndex()) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        children = self._nodes[parent.internalId()].children if parent.isValid() else self._parts
        return self.createIndex(row, column, children[row])

    def parent(self, index: QModelIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        up = self._nodes[index.internalId()].parent
        if up < 0:
            return QModelIndex()
        return self.createIndex(self._nodes[up].row, 0, up)

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802 (Qt API)
        if parent.column() > 0:
            return 0
        return len(self._nodes[parent.internalId()].children) if parent.isValid() else len(self._parts)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802
        return len(self.HEADERS)

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    # -- data --------------------------------------------------------------------------------
    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        node = self._nodes[index.internalId()]
        if role == RAW_ROLE:
            return node.item
        if role == KIND_ROLE:
            return node.kind
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = self._text(node, index.column())
            if role == Qt.ItemDataRole.ToolTipRole:
                return tip(self._tooltip(node, index.column(), text))  # an annex's words, never HTML
            return text
        if role == Qt.ItemDataRole.FontRole and node.kind != "target":
            font = QFont()
            font.setBold(True)
            font.setItalic(not self._heading(node.item))
            return font
        if role == Qt.ItemDataRole.ForegroundRole:
            if node.kind != "target" and not self._heading(node.item):
                return QBrush(QColor("#6c757d"))
            if node.kind == "target" and index.column() == self.COL_REPORTED and node.item.reported:
                return QBrush(QColor("#0a58ca"))
        return None

    @staticmethod
    def _heading(item) -> str:
        key = item.key if isinstance(item, PartItem) else item.no
        return f"{key} {item.title}".strip()

    def _text(self, node: _Node, column: int) -> str:
        item = node.item
        if not isinstance(item, TargetItem):  # a heading: the view spans its first column over the row
            title = item.title or ("(phần không tên)" if isinstance(item, PartItem)
                                   else "(các chỉ tiêu không có tiêu đề nhóm)")
            key = item.key if isinstance(item, PartItem) else item.no
            return {self.COL_TT: f"{key}  {title}".strip(), self.COL_TEXT: title}.get(column, "")
        target = item.target
        if column == self.COL_TT:
            return target.tt
        if column == self.COL_TEXT:
            return target.text
        if column == self.COL_DEADLINE:
            return display_date(target.deadline)
        if column == self.COL_REPORTED:
            return REPORTED if item.reported else ""
        return getattr(target, self._FIELDS[column])

    def _tooltip(self, node: _Node, column: int, text: str) -> str | None:
        if node.kind == "target" and column == self.COL_TT:
            return f"Mã chỉ tiêu: {node.item.code}"
        if node.kind == "target" and column == self.COL_REPORTED and node.item.reported:
            return "Đã có kết quả báo cáo: không xóa được, không đổi được TT và mục tiêu."
        return text or None

    # -- finding rows -----------------------------------------------------------------------
    def index_of(self, kind: str, item_id: int) -> QModelIndex:
        """The row of a part, group or target by its id (invalid when it is gone)."""
        for n, node in enumerate(self._nodes):
            if node.kind == kind and node.item.id == item_id:
                return self.createIndex(node.row, 0, n)
        return QModelIndex()

    def target_items(self) -> list[TargetItem]:
        return [n.item for n in self._nodes if n.kind == "target"]
