"""Starting the GUI: QApplication, the database, the first-run dialog, the main window."""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

from .. import APP_NAME, __version__
from ..paths import default_db_path, use_data_folder


def _spare_pyside_reading_our_sources() -> None:
    """PySide6's import hook asks of every module named in an import statement run after PySide6 is loaded
    whether its source names "PySide6" (for its __feature__ switching), and answers by reading the whole source
    through inspect.getsource: 35 modules at each start, about 3,8 ms, for answers known in advance.

    They are entered here as the hook would enter them: the standard library's modules never name PySide6
    (-1, "ignore"); the program's own modules, those loaded and the window's yet to load, are answered from a
    raw read of their file (0, "no feature", when they name it). A frozen bundle has no sources (there the hook gives
    up at once), and a PySide6 without this registry is left alone: both are skipped."""
    registry = getattr(sys.modules.get("shibokensupport.feature"), "pyside_feature_dict", None)
    if not isinstance(registry, dict) or getattr(sys, "frozen", False):
        return
    program = __package__.partition(".")[0]
    for name, module in list(sys.modules.items()):
        top = name.partition(".")[0]
        if name in registry or top.startswith(("PySide6", "shiboken6")):
            continue
        if top in sys.stdlib_module_names:
            registry[name] = -1
        elif top == program and isinstance(getattr(module, "__file__", None), str) and module.__file__.endswith(".py"):
            _answer_as_the_hook(registry, name, module.__file__)
    folder = Path(__file__).parent
    for package, path in ((__package__, folder), (f"{__package__}.models", folder / "models")):
        with os.scandir(path) as entries:
            for entry in entries:
                if entry.name.endswith(".py"):
                    stem = entry.name[:-3]
                    name = package if stem == "__init__" else f"{package}.{stem}"
                    if name not in registry:
                        _answer_as_the_hook(registry, name, entry.path)


def _answer_as_the_hook(registry: dict, name: str, source: str) -> None:
    """0 ("no feature") when the file names PySide6, else -1 ("ignore"); an unreadable file is left to the hook."""
    try:
        registry[name] = 0 if b"PySide6" in Path(source).read_bytes() else -1
    except OSError:
        pass


_spare_pyside_reading_our_sources()


def keep_qt_settings_in(folder: Path) -> None:
    """Qt's own settings files in the data folder: every file dialog, when it closes, saved its history and last
    folder in ~/.config/QtProject.conf. (On Windows Qt keeps those in the registry, which this cannot move.)"""
    from PySide6.QtCore import QSettings

    for kind in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(kind, QSettings.Scope.UserScope, str(Path(folder) / "qt"))


SWITCH_INTERVAL_S = 0.0005  # the window's thread gets the interpreter back from a worker within 0,5 ms


def make_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or _new_application(argv or [sys.argv[0]])
    # Qt calls into Python for every cell it measures or paints; while a worker thread runs Python, each call
    # waited for the interpreter's lock up to the switch interval (5 ms): fitting 60 rows took 0,6 s, not 10 ms
    sys.setswitchinterval(SWITCH_INTERVAL_S)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    QLocale.setDefault(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
    from . import qt_vietnamese

    qt_vietnamese.install(app)  # Qt's own words (right-click menus, standard buttons) in Vietnamese
    from PySide6.QtGui import QIcon

    from ..paths import resources_dir

    app.setWindowIcon(QIcon(str(resources_dir() / "icons" / "dti.png")))
    return app


def _new_application(argv: list[str]) -> QApplication:
    """The QApplication, with what Qt says while it starts held back: when its platform plugin fails anyway (a
    display it cannot reach; a library qt_platform could not see missing), Qt prints English lines and aborts the
    process. Here the officer is told why in Vietnamese and the program ends (exit code 1) before the abort; when
    Qt starts, what it said is printed as it would have been."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    from ..qt_platform import fatal_text

    if os.environ.get("QT_DEBUG_PLUGINS"):  # someone is looking into it: Qt's own words, all of them
        return QApplication(argv)
    heard: list[str] = []

    def hold(kind, context, text) -> None:
        heard.append(text)
        if kind == QtMsgType.QtFatalMsg:
            sys.stderr.write(fatal_text(heard) + "\n")
            sys.stderr.flush()
            os._exit(1)  # Qt aborts when this returns

    previous = qInstallMessageHandler(hold)
    try:
        app = QApplication(argv)
    finally:
        qInstallMessageHandler(previous)
    for text in heard:
        sys.stderr.write(text + "\n")
    return app


def first_run(db, parent=None) -> bool:
    """Ask who the officer is; False when they cancel (the program then closes)."""
    from ..domain.errors import KnownError
    from ..services import catalogues, workspace
    from ..services.first_run import complete_first_run
    from . import messages
    from .dialogs import FirstRunDialog

    dialog = FirstRunDialog(workspace.known_units(db), catalogues.plans(db), parent)
    while True:  # the same dialog again after an error: what the officer typed stays
        if not dialog.exec():
            return False
        try:
            complete_first_run(db, dialog.choice())
            return True
        except KnownError as error:  # a refused workbook (its problems listed), a locked database, a name refused
            refused_file = getattr(error, "problems", None) is not None
            messages.error(parent, "Không nhập được danh mục" if refused_file else "Không lưu được thiết lập",
                           error.text())


def run_gui(db_path: Path | None = None) -> int:
    """Open the database (seeding it on first start), run the first-run dialog, show the window.

    Only one copy writes to a data folder; a second start may bring the first forward
    or open the data read-only. A backup is made in the background after each start.
    """
    from . import error_log, messages, smoke
    from .instance import InstanceGuard

    path = Path(db_path or default_db_path())
    use_data_folder(path.parent)  # the libraries' caches (matplotlib, fontconfig) there, before Qt reads fonts
    keep_qt_settings_in(path.parent)
    app = make_app()
    error_log.install(path.parent, lambda title, text: messages.error(app.activeWindow(), title, text))
    check = smoke.mode()  # start-up benchmarks and smoke tests of the bundle
    if check:
        smoke.answer_dialogs_on_stderr()
    guard = InstanceGuard(path.parent)
    access = claim_folder(guard, path)
    if access is None:
        return 0
    read_only, folder_read_only = access
    opened = open_window(path, read_only, folder_read_only, retry=not check)
    if isinstance(opened, int):
        guard.release()  # main.py exits without the interpreter's teardown: nothing is released for us
        return opened
    window, db = opened
    show_window(window, app.primaryScreen().availableGeometry())
    from PySide6.QtCore import QTimer

    if not gc.isenabled():  # main.py starts without collections: from now on as usual, minus what start-up made
        QTimer.singleShot(0, resume_collections)
    if check and (code := smoke.check_after_show(check, app, window, guard, path.parent)) is not None:
        shut_down(app, window, db)
        guard.release()
        return code
    preload: list = []
    if not check:  # once the window is up: the charts' modules, the channel for later starts, the backup
        from .preload import AFTER_MS, preload_in_background

        QTimer.singleShot(AFTER_MS, lambda: preload.append(preload_in_background()))  # after the first paint
        if not read_only:  # once complete: the backup's thread slowed the start's last parts by half
            window.when_ready(lambda: (guard.listen(window.bring_forward), window.backup_in_background()))
    code = app.exec()
    for thread in preload:  # an import cut off by the interpreter's exit can crash it
        thread.join(timeout=30)
    shut_down(app, window, db)
    guard.release()
    return code


def claim_folder(guard, path: Path) -> tuple[bool, bool] | None:
    """(read_only, folder_read_only) this start opens the data with; None when it ends here (the first copy
    brought forward, or the officer chose to stop)."""
    from . import messages

    if guard.acquire():
        return False, False
    if guard.folder_read_only():  # no other copy: the folder itself refuses writing
        import errno

        if guard.write_error().errno == errno.ENOSPC:  # it was told as "the folder is open in a window"
            messages.info(None, "Ổ đĩa đã đầy",
                          f"Không ghi được vào thư mục dữ liệu {path.parent}: ổ đĩa đã đầy. Chương trình mở dữ "
                          "liệu ở chế độ chỉ xem; hãy giải phóng dung lượng rồi mở lại chương trình để sửa.")
        else:
            messages.info(None, "Thư mục dữ liệu chỉ cho phép đọc",
                          f"Không ghi được vào thư mục dữ liệu {path.parent}. Chương trình mở dữ liệu ở chế độ "
                          "chỉ xem; muốn sửa, hãy chép thư mục này sang ổ đĩa của máy.")
        return True, True
    choice = messages.ask_second_instance(None, path.parent)
    if choice == messages.RAISE_FIRST:
        guard.ask_first_to_raise()
        return None
    if choice != messages.READ_ONLY:
        return None
    return True, False


def open_window(path: Path, read_only: bool, folder_read_only: bool, retry: bool = True):
    """(window, database), or the exit code when the program ends here: 0, the first-run dialog cancelled; 1, the
    data could not be opened (the officer told). Damage may show when the database opens, or only when the window first reads
    a table it hits: either way the officer is offered a backup (once, `retry`), then told."""
    from ..services import app_database, workspace
    from . import messages
    from .main_window import MainWindow

    for attempt in range(2):
        db = None
        try:
            db = app_database.open_for_window(path, read_only, folder_read_only)
            if not read_only and workspace.needs_first_run(db):
                gc.enable()  # the officer may spend minutes here (a catalogue workbook read): collections as usual
                if not first_run(db):
                    db.close()
                    return 0
            return MainWindow(db, path, read_only=read_only, staged=True), db  # shown before its last parts
        except Exception as error:
            problem = app_database.opening_problem(error, path)
            if problem is None:  # a bug: on up, to be logged with its traceback
                raise
            if db is not None:
                db.close()
            if attempt == 0 and not read_only and retry and offer_restore(path, problem):
                continue  # restored: open it again
            messages.error(None, "Không mở được dữ liệu", problem.text())
            return 1
    return 1


DEFAULT_SIZE = (1366, 768)


def resume_collections() -> None:
    """Collections back on once the window is shown. What start-up made lives as long as the program, so it is
    frozen out of them: later collections (while the officer types) do not walk it again."""
    gc.freeze()
    gc.enable()


def show_window(window, available) -> None:
    """1366x768 where the screen has room for it; otherwise maximized, so that nothing falls off a small or
    scaled screen (a 1366x768 laptop leaves 1366x728 above the taskbar; at 125 % it is 1093x614 and a
    1920x1080 one at 150 % is 1280x720).

    A screen with no taskbar leaves all of its 768 rows: the window's own 768 plus its title bar fell off it, the
    status bar with them. So the frame's room is counted (FRAME_ROOM until the window manager says), and once
    shown a window taller than the room is brought back into it."""
    if available.width() < DEFAULT_SIZE[0] or available.height() < DEFAULT_SIZE[1] + FRAME_ROOM:
        window.setGeometry(available)  # where no window manager maximizes it (a bare X server), it fills the room
        window.showMaximized()
        return
    window.resize(*DEFAULT_SIZE)
    window.show()
    fit_in(window, available)


FRAME_ROOM = 40  # px: a title bar and the frame's edges, as the usual window managers draw them


def fit_in(window, available) -> None:
    """Never taller (or wider) than the screen's available area, frame included."""
    frame = window.frameGeometry()
    extra_h, extra_w = frame.height() - window.height(), frame.width() - window.width()
    if frame.height() > available.height() or frame.width() > available.width():
        window.resize(min(window.width(), available.width() - extra_w),
                      min(window.height(), available.height() - extra_h))
        window.move(available.topLeft())


def offer_restore(path: Path, error: Exception) -> bool:
    """A damaged database at start: the window cannot open it, so the officer is offered a backup here (the
    damaged file is set aside, not lost). True when one was restored."""
    from ..domain.errors import KnownError
    from ..services import app_database, backups
    from . import messages

    if not app_database.backup_may_help(error, path):  # newer data, a lock, a full disk: not this
        return False
    found = backups.list_backups(path)
    if not found:
        return False
    newest = found[0]
    if not messages.confirm(None, "Dữ liệu bị hỏng",
                            f"{error}\n\nCó {len(found)} bản sao lưu, mới nhất lúc {newest.created:%H:%M %d/%m/%Y}. "
                            "Khôi phục từ một bản sao lưu? Dữ liệu hỏng được để riêng cạnh tệp dữ liệu, không bị xóa.",
                            "Chọn bản sao lưu…"):
        return False
    name = messages.choose_backup(None, found)
    if not name:
        return False
    try:
        backups.restore_backup(path, name)
    except KnownError as failed:
        messages.error(None, "Không khôi phục được", failed.text())
        return False
    messages.info(None, "Đã khôi phục", f"Đã khôi phục dữ liệu từ bản sao lưu {name}. Những gì nhập sau lúc đó "
                                        "cần nhập lại.")
    return True


def shut_down(app: QApplication, window, db) -> None:
    """Delete the window while Qt is still whole, then close the database.

    Leaving it to interpreter exit destroys Qt objects in arbitrary order, which
    crashed on exit under X11 (accessibility keeps references to widgets).
    """
    tasks = sys.modules.get(f"{__package__}.tasks")  # loaded with the first long job
    if tasks is not None:
        tasks.end_all(window)
    window.deleteLater()
    app.sendPostedEvents(None, 0)
    app.processEvents()
    db.close()
