"""`unit key …` and `unit repin` from the command line."""

from __future__ import annotations

import pytest

from dti_desktop.cli import main
from dti_desktop.services import district
from tests.reliability.hostile_packages import sender_key


def test_the_command_line_enrols_lists_and_re_pins(office, kim_son, tmp_path, capsys):
    db, store = office
    office_db = str(tmp_path / "office" / "dti.sqlite3")
    unit_db = str(kim_son.path)
    assert main(["unit", "key", "export", str(tmp_path / "ks.dtikhoa"), "--db", unit_db]) == 0
    fp = sender_key(kim_son.path.parent).fingerprint
    assert fp in capsys.readouterr().out
    assert main(["unit", "key", "show", "--db", unit_db]) == 0
    assert f"Mã nhận dạng khóa của máy này: {fp}" in capsys.readouterr().out
    assert main(["unit", "key", "import", str(tmp_path / "ks.dtikhoa"), "--db", office_db]) == 0
    assert "Đã ghi nhận khóa của đơn vị UBND phường Kim Sơn" in capsys.readouterr().out
    assert main(["unit", "key", "list", "--db", office_db]) == 0
    listed = capsys.readouterr().out
    assert f"UBND phường Kim Sơn: {fp} (tệp đăng ký khóa" in listed and "Đăng ký khóa — UBND phường Kim Sơn" in listed
    sent = kim_son.export(tmp_path / "usb").path
    assert main(["package", "verify", str(sent)]) == 0
    assert f"Chữ ký: có, khóa của máy gửi có mã nhận dạng {fp}" in capsys.readouterr().out

    with pytest.raises(SystemExit):  # a reason is required
        main(["unit", "repin", "UBND phường Kim Sơn", "--db", office_db])
    capsys.readouterr()
    assert main(["unit", "repin", "ubnd phường kim sơn", "--reason", "cài lại máy", "--db", office_db]) == 0
    assert "Đã bỏ khóa đã ghi nhận của UBND phường Kim Sơn" in capsys.readouterr().out
    assert district.import_packages(db, store, [sent])[0].accepted  # pinned again by this package
