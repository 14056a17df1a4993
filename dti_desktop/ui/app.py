"""Starting the GUI: QApplication, the database, the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

from .. import APP_NAME, __version__
from ..paths import default_db_path


def make_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or [sys.argv[0]])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    QLocale.setDefault(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
    return app


def run_gui(db_path: Path | None = None) -> int:
    """Open the database (seeding it on first start) and show the main window."""
    from ..services.app_database import open_app_database
    from ..storage.errors import StorageError
    from . import messages
    from .main_window import MainWindow

    app = make_app()
    path = Path(db_path or default_db_path())
    try:
        db = open_app_database(path)
    except StorageError as error:
        messages.error(None, "Không mở được dữ liệu", str(error))
        return 1
    window = MainWindow(db, path)
    window.resize(1280, 720)
    window.show()
    return app.exec()
