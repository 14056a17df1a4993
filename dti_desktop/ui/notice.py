"""A strip under the banner that says what an action just did, where the officer is looking (not only in the status
bar), with an action of its own ("Hoàn tác") and a button to close it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton

COLOURS = {"ok": "#d1e7dd", "warn": "#fff3cd"}


class Notice(QFrame):
    """Hidden until show_notice(); the action button only when given one."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("notice")
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.action = QPushButton()
        self.close_button = QPushButton("Đóng")
        self.close_button.setToolTip("Ẩn thông báo này")
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 4, 6, 4)
        row.addWidget(self.text, 1)
        row.addWidget(self.action, 0, Qt.AlignmentFlag.AlignVCenter)
        row.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.close_button.clicked.connect(self.hide)
        self.action.clicked.connect(self._act)
        self._callback = None
        self.hide()

    def show_notice(self, text: str, kind: str = "ok", action: str = "", callback=None) -> None:
        self.setStyleSheet(f"QFrame#notice {{ background: {COLOURS[kind]}; border-radius: 4px; }}")
        self.text.setText(text)
        self._callback = callback
        self.action.setText(action)
        self.action.setVisible(bool(action and callback))
        self.show()

    def _act(self) -> None:
        callback, self._callback = self._callback, None
        self.action.hide()
        if callback is not None:
            callback()
