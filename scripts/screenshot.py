"""Screenshot of the main window on the embedded catalogues, for README and docs/.

Run under a real X server (Xvfb): xvfb-run -s "-screen 0 1366x768x24" .venv/bin/python scripts/screenshot.py OUT.png
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtGui import QGuiApplication  # noqa: E402

from dti_desktop.services.app_database import open_app_database  # noqa: E402
from dti_desktop.ui.app import make_app  # noqa: E402
from dti_desktop.ui.main_window import MainWindow  # noqa: E402


def main(out: str, width: int = 1366, height: int = 768) -> int:
    app = make_app()
    folder = Path(tempfile.mkdtemp())
    db_path = folder / "dti.sqlite3"
    window = MainWindow(open_app_database(db_path), db_path)
    window.setGeometry(0, 0, width, height)
    window.show()

    def grab() -> None:
        QGuiApplication.primaryScreen().grabWindow(0, 0, 0, width, height).save(out)
        app.quit()

    QTimer.singleShot(1500, grab)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshot-main.png"))
