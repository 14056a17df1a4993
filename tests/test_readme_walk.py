"""The README's walk through the command line runs as written, copy-pasted: no English, no traceback.

The block under "Thử toàn bộ, từ đầu đến cuối" is taken from README.md as it is and run by bash in an empty folder,
with `./dti` there: the real launcher where the .venv it runs is this one and installed (CI, after
scripts/test.sh), else a stand-in running main.py with this Python (the launcher itself: test_launcher.py).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import ROOT

pytestmark = pytest.mark.skipif(sys.platform == "win32",
                                reason="Không áp dụng trên hệ điều hành này: khối lệnh của README viết cho bash")

HEADING = "### Thử toàn bộ, từ đầu đến cuối"
# Words of English a message could carry (Python's, argparse's, Qt's, sqlite's); none is Vietnamese
ENGLISH = re.compile(r"\b(the|and|error|warning|usage|invalid|not|found|failed|file|cannot|unable|exception|"
                     r"traceback|deprecated|none|true|false)\b", re.IGNORECASE)


def walk_block() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index("```bash\n", text.index(HEADING)) + len("```bash\n")
    return text[start:text.index("```", start)]


def _launcher(folder: Path) -> None:
    stamp = ROOT / ".venv" / ".dti-installed"
    installed = stamp.exists() and all(stamp.stat().st_mtime >= (ROOT / name).stat().st_mtime
                                       for name in ("requirements.txt", "packaging/constraints.txt"))
    if installed and Path(sys.prefix).resolve() == (ROOT / ".venv").resolve():
        (folder / "dti").symlink_to(ROOT / "dti")
    else:
        (folder / "dti").write_text(f'#!/bin/sh\nexec "{sys.executable}" "{ROOT / "main.py"}" "$@"\n')
        (folder / "dti").chmod(0o755)


def test_the_readme_walk_runs_as_written(tmp_path):
    _launcher(tmp_path)
    env = {k: v for k, v in os.environ.items() if k not in ("DTI_DATA_DIR", "QT_QPA_PLATFORM", "PYTHONPATH")}
    result = subprocess.run(["bash", "-euo", "pipefail", "-c", walk_block()], cwd=tmp_path, env=env,
                            capture_output=True, text=True, encoding="utf-8", timeout=600)
    said = result.stdout + result.stderr
    assert result.returncode == 0, said
    assert result.stderr == ""
    assert "Traceback" not in said and not ENGLISH.findall(said), ENGLISH.findall(said)
    assert said.startswith("Chưa có đơn vị nào.")
    assert "Đã thêm UBND phường Mạo Khê — phường (theo tên; đổi bằng --kind)" in said
    assert "Chức danh người ký: KT. CHỦ TỊCH\n                    PHÓ CHỦ TỊCH" in said
    assert "Chức vụ: Công chức Văn hóa - Thông tin" in said
    assert "Đã ghi thu/bao-cao-thang-3.pdf" in said and "báo cáo ngày 20/03/2025" in said  # the period's deadline
    assert "Đã ghi vào sổ (mã 1): Kế hoạch số 15/KH-UBND ngày 03/03/2025 về chuyển đổi số năm 2025." in said
    assert "Đã ghi thu/bao-cao-thang-3.docx (Word), báo cáo ngày 20/03/2025." in said
    assert "[NHẬN] UBND-phuong-Mao-Khe_2025-03_r1.dtipkg: đã nhận 2 kết quả; đã ghi nhận khóa của đơn vị" in said
    thu = tmp_path / "thu"
    for made in ("usb/UBND-phuong-Mao-Khe_2025-03_r1.dtipkg", "tong-hop.xlsx", "bao-cao-thang-3.pdf",
                 "bao-cao-thang-3.docx", "bao-cao-tong-hop.pdf", "phuong/dti.sqlite3", "tong-hop/dti.sqlite3"):
        assert (thu / made).is_file(), made
    from openpyxl import load_workbook

    book = load_workbook(thu / "tong-hop.xlsx", read_only=True)
    cells = [str(c) for row in book.worksheets[0].iter_rows(values_only=True) for c in row if c is not None]
    book.close()
    assert any("UBND phường Mạo Khê" in c for c in cells)
