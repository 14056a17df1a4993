"""`district answer`, `district answers` and `package answer`: answers both ways from the command line."""

from __future__ import annotations

from tests.test_cli import run


def test_return_then_resend_then_accept_all_from_the_command_line(tmp_path):
    unit, office, usb = tmp_path / "phuong" / "dti.sqlite3", tmp_path / "tong-hop" / "dti.sqlite3", tmp_path / "usb"
    area = ["--district", "thành phố Đông Triều"]
    run("unit", "add", "UBND phường Mạo Khê", "--kind", "phuong", "--own", *area, db=unit)
    run("entry", "set", "--period", "2025-03", "--code", "6", "--value", "85,5", db=unit)
    assert run("package", "export", "--period", "2025-03", "--out", str(usb), db=unit).returncode == 0
    run("unit", "add", "Phòng Văn hóa và Thông tin", "--own", *area, "--kind", "co_quan", db=office)
    run("unit", "add", "UBND phường Mạo Khê", *area, db=office)
    assert run("unit", "key", "export", str(usb / "co-quan.dtikhoa"), db=office).returncode == 0
    assert run("unit", "key", "import", str(usb / "co-quan.dtikhoa"), "--office", db=unit).returncode == 0
    assert run("district", "import", str(usb), db=office).returncode == 0
    waiting = run("district", "answers", "--period", "2025-03", "--waiting", db=office)
    assert "- UBND phường Mạo Khê: Đã nhận, chờ trả lời: r1 nhận" in waiting.stdout, waiting.stderr
    sent = run("district", "answer", "--unit", "UBND phường Mạo Khê", "--period", "2025-03", "--return", "--reason",
               "Số liệu chưa khớp", "--comment", "6=Đề nghị bổ sung minh chứng", "--out", str(usb), db=office)
    assert sent.returncode == 0, sent.stderr
    answer = usb / "UBND-phuong-Mao-Khe_2025-03_r1.dtitraloi"
    taken = run("package", "answer", str(answer), db=unit)
    assert taken.returncode == 0, taken.stderr
    assert "trả lại tháng 03/2025 (lần gửi r1)" in taken.stdout and "Chỉ tiêu cần sửa: 6" in taken.stdout
    again = run("package", "answer", str(answer), db=unit)
    assert again.returncode == 1 and "không thay đổi gì" in again.stderr
    run("entry", "set", "--period", "2025-03", "--code", "6", "--value", "90", db=unit)
    resent = run("package", "export", "--period", "2025-03", "--out", str(usb), db=unit)
    assert "r2" in resent.stdout, resent.stderr
    assert run("district", "import", str(usb), db=office).returncode == 0
    states = run("district", "answers", "--period", "2025-03", db=office).stdout
    assert "Gửi lại sau khi trả lại: r2" in states
    batch = run("district", "answer", "--period", "2025-03", "--accept-all", "--out", str(tmp_path / "lo"), db=office)
    assert "Đã tiếp nhận 1 gói" in batch.stdout, batch.stderr
    accepted = run("package", "answer", str(tmp_path / "lo" / "UBND-phuong-Mao-Khe_2025-03_r2.dtitraloi"), db=unit)
    assert "đã được Phòng Văn hóa và Thông tin tiếp nhận ngày" in accepted.stdout, accepted.stderr
    bad = run("district", "answer", "--unit", "UBND phường Mạo Khê", "--period", "2025-03", "--return", "--out",
              str(usb), db=office)
    assert bad.returncode == 1 and "phải ghi lý do" in bad.stderr
