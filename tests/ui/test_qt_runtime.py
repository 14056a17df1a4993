"""The Qt binding the program ships must not corrupt the interpreter it runs in."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject
from PySide6.QtGui import QFont


def test_qt_methods_that_return_nothing_leave_none_alone():
    """PySide6 6.12.0 on Python 3.11 released None once for every call of a method returning nothing (setText,
    setEnabled, setObjectName …): after some thousands of such calls None's count reached zero and the interpreter
    aborted ("Fatal Python error: none_dealloc"), in the middle of an officer's session or at its end. The pinned
    binding must not. (From Python 3.12 None is immortal and its count never moves.)"""
    holder, font = QObject(), QFont()
    before = sys.getrefcount(None)
    for _ in range(2000):
        holder.setObjectName("x")
        font.setPointSizeF(13)
    assert sys.getrefcount(None) >= before - 10, sys.getrefcount(None) - before
