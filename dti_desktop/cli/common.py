"""What every command shares: exit codes, the launcher's name, the `--db` option, opening the data, dates as officers
write them."""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime
from pathlib import Path

EXIT_ERROR = 1  # a known error, told in one Vietnamese line
EXIT_USAGE = 2  # the command itself is wrong (argparse)
EXIT_BUG = 3  # unexpected: logged with its traceback in the data folder


def launcher() -> str:
    """How the officer calls the command line: the bundle's dti-cli, else the source tree's launcher."""
    return "dti-cli" if getattr(sys, "frozen", False) else "./dti"


def db_option() -> argparse.ArgumentParser:
    """`--db`, given to every command that reads or writes the data (as a parent parser)."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", type=Path, default=None, metavar="TỆP_CSDL",
                        help="tệp cơ sở dữ liệu (mặc định: thư mục dữ liệu của người dùng); đặt sau tên lệnh")
    return common


def db_path(args) -> Path:
    """The database the command works on: `--db`, else the user's data folder."""
    from ..paths import default_db_path

    return Path(getattr(args, "db", None) or default_db_path())


def open_db(args):
    """The database, migrated and checked (services.app_database)."""
    from ..services.app_database import open_app_database

    return open_app_database(db_path(args))


def store(args) -> Path:
    """The evidence folder beside the database."""
    from ..paths import evidence_dir

    return evidence_dir(db_path(args))


def day(text: str) -> date:
    """dd/mm/yyyy, as officers write dates (an argparse type)."""
    try:
        return datetime.strptime(text.strip(), "%d/%m/%Y").date()
    except ValueError:
        raise argparse.ArgumentTypeError(f"ngày “{text}” không đúng dạng dd/mm/yyyy (ví dụ 14/03/2025)") from None
