"""Issue 19, measured (the office): scripts/office_round.py walks the real window (offscreen at 1366×768 here; under
Xvfb for docs/monthly-round.md) through importing 20 packages from a USB folder and exporting the consolidated
workbook, in ≤ 10 actions."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from tests.helpers import ROOT


def test_the_office_imports_20_packages_and_exports_in_at_most_10_actions(tmp_path):
    env = {**os.environ, "HOME": str(tmp_path), "TMPDIR": str(tmp_path),
           "QT_QPA_PLATFORM": f"offscreen:configfile={ROOT / 'benchmarks' / 'screen-1366x768.json'}"}
    env.pop("DTI_DATA_DIR", None)
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "office_round.py")], cwd=ROOT, env=env,
                            capture_output=True, text=True, encoding="utf-8", timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    total = re.search(r"Tổng: (\d+) thao tác", result.stdout)
    assert total and int(total.group(1)) <= 10
    assert ("Sau khi nhập: Đã nhận 20 gói, từ chối 0 gói. Tháng 03/2025: 20/22 đơn vị đã gửi báo cáo (hạn 20/03/2025). "
            "Chưa gửi: UBND xã Hồng Thái Tây, UBND xã Yên Đức.") in result.stdout
    assert list(tmp_path.glob("vong-thang-co-quan-*/tong-hop-2025-03.xlsx"))
