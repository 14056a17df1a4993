"""Text from packages and workbooks shown as written, never as HTML.

Qt reads a tooltip, and a label or a message box left at Qt.AutoText, as rich text whenever Qt.mightBeRichText()
says it looks like HTML: a unit's reopen reason "<h1>…", a name holding "<img src=file:…>" or a table rendered
as such on the board. Labels and message boxes that show such text are set to Qt.PlainText; tooltips cannot be,
so they go through tip(), and HTML made here puts such text through html().
"""

from __future__ import annotations

from PySide6.QtGui import Qt as _GuiQt


def tip(text: str | None) -> str | None:
    """A tooltip that shows `text` as written: text Qt would take for HTML is escaped (and its line breaks kept)."""
    # Qt.mightBeRichText looks for a tag or "&lt;" before the first line break; neither is there without these
    if not text or ("<" not in text and "&lt;" not in text) or not _GuiQt.mightBeRichText(text):
        return text
    return _GuiQt.convertFromPlainText(text, _GuiQt.WhiteSpaceMode.WhiteSpaceNormal)


def html(text: str | None) -> str:
    """Text from a file placed inside HTML this program writes (a bold unit name): escaped (as html.escape does
    without quotes; that module, with its table of entities, is not loaded to start the window)."""
    return (text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def label(text: str = ""):
    """A QLabel that shows its text as written (a goal, a name, a reason from a file)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLabel

    shown = QLabel(text)
    shown.setTextFormat(Qt.TextFormat.PlainText)
    return shown
