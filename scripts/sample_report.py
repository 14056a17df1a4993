"""Render the sample monthly report of the screenshot data to PDF, and its first page to PNG for docs/.

  .venv/bin/python scripts/sample_report.py docs/report-month.pdf docs/report-month-page1.png
(needs pdftoppm from poppler-utils for the PNG)
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from screenshot import fill  # noqa: E402

from dti_desktop.domain.periods import Period  # noqa: E402
from dti_desktop.io.pdf_render import ensure_gui_app  # noqa: E402
from dti_desktop.services import reports  # noqa: E402
from dti_desktop.services.app_database import open_app_database  # noqa: E402


def main(pdf: str, png: str | None) -> int:
    ensure_gui_app()
    db_path = Path(tempfile.mkdtemp()) / "dti.sqlite3"
    db = open_app_database(db_path)
    fill(db, db_path)
    pages = reports.write_pdf(db, db_path.parent / "evidence", "month", Period(2025, 3), Path(pdf), date(2025, 3, 14))
    print(f"{pdf}: {pages} trang")
    if png:
        stem = str(Path(png).with_suffix(""))
        subprocess.run(["pdftoppm", "-r", "80", "-png", "-f", "1", "-l", "1", "-singlefile", pdf, stem], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else None))
