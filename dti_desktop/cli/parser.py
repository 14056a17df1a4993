"""The command line's parser: argparse speaking Vietnamese (its help and its errors reach the officer too), and the
areas assembled, one module each."""

from __future__ import annotations

import argparse
import re
import sys

from .. import __version__
from .common import EXIT_USAGE, db_option, launcher

# argparse's own words (Python 3.11), in Vietnamese
_HELP_WORDS = (("usage: ", "Cách dùng: "), ("positional arguments:", "Lệnh và tham số:"), ("options:", "Tùy chọn:"),
               ("show this help message and exit", "hiện hướng dẫn này rồi thoát"),
               ("show program's version number and exit", "hiện phiên bản rồi thoát"))
_ERROR_PATTERNS = (
    (re.compile(r"^argument (\S+): invalid choice: '(.*)' \(choose from (.*)\)$"),
     "tham số {0}: không có “{1}”; chọn một trong: {2}"),
    (re.compile(r"^argument (\S+): invalid (\w+) value: '(.*)'$"), "tham số {0}: giá trị “{2}” không hợp lệ"),
    (re.compile(r"^argument (\S+): expected one argument$"), "tham số {0} cần một giá trị"),
    (re.compile(r"^argument (\S+): not allowed with argument (\S+)$"), "không dùng {0} cùng với {1}"),
    (re.compile(r"^the following arguments are required: command$"), "thiếu lệnh (xem danh sách lệnh bằng -h)"),
    (re.compile(r"^the following arguments are required: (.*)$"), "thiếu tham số bắt buộc: {0}"),
    (re.compile(r"^unrecognized arguments: (.*)$"), "không hiểu tham số: {0}"),
    (re.compile(r"^argument (\S+): (.*)$"), "tham số {0}: {1}"),  # a value our own type refused, said by it
)


def vietnamese(message: str) -> str:
    """argparse's error message in Vietnamese."""
    for pattern, text in _ERROR_PATTERNS:
        if m := pattern.match(message):
            text = text.format(*m.groups())
            # the argument naming a command is called by its name, not by its internal one or its choices
            return re.sub(r"^tham số (?:command|area|\{[^}]*\}): ", "lệnh: ", text)
    return message


class Parser(argparse.ArgumentParser):
    """argparse with Vietnamese help and errors, and no traceback."""

    def format_usage(self) -> str:
        return self._words(super().format_usage())

    def format_help(self) -> str:
        return self._words(super().format_help())

    @staticmethod
    def _words(text: str) -> str:
        for english, vietnamese_words in _HELP_WORDS:
            text = text.replace(english, vietnamese_words)
        return text

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        sys.stderr.write(f"Lỗi cú pháp lệnh: {vietnamese(message)}\n")
        raise SystemExit(EXIT_USAGE)


def area(areas, name: str, help_text: str):
    """An area (`catalogue`, `unit`…) and the subparsers of its commands."""
    return areas.add_parser(name, help=help_text).add_subparsers(dest="command", required=True, parser_class=Parser)


def build_parser(areas_by_name: dict) -> argparse.ArgumentParser:
    """Every area's commands (name -> module with add_parsers), in the order `--help` lists them."""
    common = db_option()
    parser = Parser(prog=launcher(), description="DTI Desktop — theo dõi chỉ tiêu chuyển đổi số.")
    parser.add_argument("--version", action="version", version=f"DTI Desktop {__version__}",
                        help="hiện phiên bản rồi thoát")
    areas = parser.add_subparsers(dest="area", parser_class=Parser, metavar="{" + ",".join(areas_by_name) + "}")
    for module in areas_by_name.values():
        module.add_parsers(areas, common)
    return parser
