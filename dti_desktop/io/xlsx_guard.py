"""Checks before openpyxl touches a file: size, kind, zip bombs, encryption."""

from __future__ import annotations

import zipfile
from pathlib import Path

from .workbook_errors import Problem

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_MEMBERS = 5000
_CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")


def check_xlsx_file(path: Path) -> Problem | None:
    """A Problem if the file cannot safely be an .xlsx; None when openpyxl may read it."""
    if not path.exists():
        return Problem("không tìm thấy tệp.")
    if path.is_dir():
        return Problem("đây là một thư mục, không phải tệp Excel.")
    size = path.stat().st_size
    if size == 0:
        return Problem("tệp rỗng (0 byte), không phải tệp Excel.")
    if size > MAX_FILE_BYTES:
        return Problem(f"tệp quá lớn ({size // (1024 * 1024)} MB); tối đa {MAX_FILE_BYTES // (1024 * 1024)} MB.")
    with open(path, "rb") as handle:
        head = handle.read(8)
        if head == _CFB_MAGIC:
            handle.seek(0)
            if _ENCRYPTED in handle.read():
                return Problem("tệp được đặt mật khẩu; hãy mở bằng Excel, bỏ mật khẩu, lưu lại rồi nhập lại.")
            return Problem("tệp Excel 97-2003 (.xls) không được hỗ trợ; hãy lưu lại dưới dạng .xlsx.")
    if not zipfile.is_zipfile(path):
        return Problem("không phải tệp Excel .xlsx (nội dung không đúng định dạng).")
    return _check_zip(path)


def _check_zip(path: Path) -> Problem | None:
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            names = {m.filename for m in members}
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        return Problem(f"tệp bị hỏng, không đọc được ({error}).")
    if len(members) > MAX_MEMBERS:
        return Problem(f"tệp có quá nhiều thành phần ({len(members)}); không phải bảng tính thông thường.")
    if sum(m.file_size for m in members) > MAX_UNPACKED_BYTES:
        return Problem("tệp giải nén ra quá lớn (nghi là tệp độc hại); đã từ chối.")
    if "[Content_Types].xml" not in names or not any(n.startswith("xl/") for n in names):
        return Problem("không phải tệp Excel .xlsx (thiếu cấu trúc bảng tính).")
    return None
