"""Command line: `./dti catalogue …`, `unit …`, `roster …`, `settings …`, `entry …`, `package …`, `district …`,
`report …`, `document …`, `backup …` (`./dti --help`; in the bundle, dti-cli).

A thin shell over dti_desktop.services, one module per area: each command opens the database, calls one service
and prints its result. Here: the areas, the folder lock of commands that write, and how errors are told (a known
error in one Vietnamese line, exit 1; anything else a bug, logged with its traceback, exit 3).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from ..domain.errors import KnownError, PeriodLocked, describe_os_error
from ..paths import use_data_folder
from . import (backups, catalogue, district, documents, entries, packages, reports, roster, settings,
               units)
from .common import EXIT_BUG, EXIT_ERROR, EXIT_USAGE, db_path, launcher
from .parser import build_parser as _build_parser

__all__ = ["main", "build_parser", "EXIT_ERROR", "EXIT_USAGE", "EXIT_BUG", "WRITING_COMMANDS"]

# area -> its module (add_parsers(areas, common), run(args), WRITING), in the order `--help` lists them
AREAS = {"catalogue": catalogue, "unit": units, "roster": roster, "settings": settings, "entry": entries,
         "package": packages, "district": district, "report": reports, "document": documents, "backup": backups}

# Commands that write to the data folder: while a window holds it, they wrote under it (a restore under a window
# still showing the data before, a result the window then saved over).
WRITING_COMMANDS = frozenset().union(*(module.WRITING for module in AREAS.values()))


def build_parser():
    """The parser of every command, Vietnamese help and errors (cli/parser.py)."""
    return _build_parser(AREAS)


def _utf8_streams() -> None:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")


def main(argv: list[str] | None = None) -> int:
    """Run a command; no arguments starts the GUI."""
    argv = sys.argv[1:] if argv is None else argv
    _utf8_streams()
    if not argv:
        from ..qt_platform import exit_if_unusable

        exit_if_unusable()
        from ..ui.app import run_gui

        return run_gui()
    args = build_parser().parse_args(argv)
    if args.area is None:
        build_parser().print_help()
        return EXIT_USAGE
    # No window: Qt (PDFs, fonts) draws offscreen, also where a display is set (its xcb plugin is not needed)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    # the caches of matplotlib and fontconfig in the data folder: `report pdf` wrote ~/.cache and ~/.config
    use_data_folder(db_path(args).parent)
    guard = None
    try:
        if (args.area, args.command) in WRITING_COMMANDS:
            guard = _hold_folder(db_path(args))
        return AREAS[args.area].run(args)
    except BrokenPipeError:  # output piped into `head`
        return 0
    except Exception as error:  # noqa: BLE001 — told as known, or logged as a bug (_tell)
        return _tell(error, args)
    finally:
        if guard is not None:
            guard.release()


def _tell(error: Exception, args) -> int:
    """One line on stderr for a known error (EXIT_ERROR); a bug is logged and told as unexpected (EXIT_BUG)."""
    if isinstance(error, PeriodLocked):
        period = getattr(args, "period", None) or "YYYY-MM"
        sys.stderr.write(f"Lỗi: {error}\nMở lại bằng lệnh: {launcher()} package reopen --period {period} "
                         "--reason \"LÝ DO MỞ LẠI\"\n")
    elif isinstance(error, ImportError) and (reason := _qt_problem()) is not None:
        sys.stderr.write(reason.replace("cửa sổ DTI Desktop", "Qt (cần cho lệnh này)") + "\n")
    elif isinstance(error, OSError):
        sys.stderr.write(f"Lỗi đọc/ghi tệp: {describe_os_error(error)}\n")
    elif isinstance(error, KnownError):  # a refused workbook or package words its own lines
        sys.stderr.write(error.line() + "\n")
    else:
        return _unknown(error, db_path(args).parent)
    return EXIT_ERROR


def _qt_problem() -> str | None:
    """Why Qt cannot start here (a library it needs is missing), or None: then an ImportError is a bug."""
    from ..qt_platform import problem

    return problem({"QT_QPA_PLATFORM": "offscreen"})


def _unknown(error: Exception, data_folder: Path) -> int:
    """A raw SQLite error the machine caused (a locked database) is told as known (EXIT_ERROR); any other error
    is a bug: logged with its traceback in the data folder's error log, told as unexpected (EXIT_BUG)."""
    from ..services.errors import UNEXPECTED_TITLE, known_text, record_bug

    if (known := known_text(error)) is not None:
        sys.stderr.write(f"Lỗi: {known}\n")
        return EXIT_ERROR
    sys.stderr.write(f"{UNEXPECTED_TITLE}: {record_bug(error, data_folder)}\n")
    return EXIT_BUG


def _hold_folder(path: Path):
    """The data folder's lock, as the window takes it, without loading Qt (services/folder_lock.py); FolderBusy
    when a window (or another command) holds it or the folder refuses it."""
    from ..services.folder_lock import hold_folder

    return hold_folder(path.parent)
