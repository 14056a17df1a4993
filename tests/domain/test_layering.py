"""domain/ imports no Qt and no SQL: the rule that keeps it testable and reusable."""

from __future__ import annotations

import subprocess
import sys

from tests.helpers import ROOT


def test_domain_imports_neither_qt_nor_sqlite():
    code = (
        "import sys, pkgutil, importlib, dti_desktop.domain as d\n"
        "for m in pkgutil.iter_modules(d.__path__): importlib.import_module('dti_desktop.domain.' + m.name)\n"
        "bad = [n for n in ('PySide6', 'sqlite3', 'sqlite_utils', 'openpyxl') if n in sys.modules]\n"
        "print(bad); sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_storage_imports_no_qt():
    code = (
        "import sys, pkgutil, importlib, dti_desktop.storage as s\n"
        "for m in pkgutil.iter_modules(s.__path__): importlib.import_module('dti_desktop.storage.' + m.name)\n"
        "sys.exit(1 if 'PySide6' in sys.modules else 0)\n"
    )
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT).returncode == 0
