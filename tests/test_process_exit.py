"""Leaving the window's process without the interpreter's teardown still does what a normal exit must."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap

from tests.helpers import ROOT


def run(code: str, tmp_path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=ROOT, capture_output=True, text=True,
                          encoding="utf-8", timeout=60, env=dict(os.environ, OUT=str(tmp_path)))


def test_threads_finish_exit_handlers_run_and_streams_are_flushed(tmp_path):
    done = run("""
        import atexit, logging, os, sys, threading, time
        from pathlib import Path
        from dti_desktop.process_exit import exit_without_teardown

        out = Path(os.environ["OUT"])
        def late_writer():  # a non-daemon thread still working when the window has closed
            time.sleep(0.3)
            (out / "thread.txt").write_text("xong")
        threading.Thread(target=late_writer).start()
        atexit.register(lambda: (out / "atexit.txt").write_text("đã chạy"))
        handler = logging.FileHandler(out / "log.txt", encoding="utf-8", delay=False)
        handler.setStream(open(out / "log.txt", "w", encoding="utf-8", buffering=1 << 20))  # flushed only at close
        logging.getLogger().addHandler(handler)
        logging.getLogger().warning("đã ghi nhật ký")
        sys.stdout.write("chưa xuống dòng")  # a pipe: block-buffered, lost unless flushed
        exit_without_teardown(7)
        sys.stdout.write("không bao giờ tới đây")
    """, tmp_path)
    assert done.returncode == 7, done.stderr
    assert done.stdout == "chưa xuống dòng"
    assert (tmp_path / "thread.txt").read_text() == "xong"
    assert (tmp_path / "atexit.txt").read_text(encoding="utf-8") == "đã chạy"
    assert "đã ghi nhật ký" in (tmp_path / "log.txt").read_text(encoding="utf-8")


def test_the_window_started_as_main_py_does_leaves_its_folder_closed_and_unlocked(tmp_path):
    data = tmp_path / "data"
    env = dict(os.environ, DTI_DATA_DIR=str(data), DTI_QUIT_AFTER_SHOW="1", QT_QPA_PLATFORM="offscreen")
    added = subprocess.run([sys.executable, str(ROOT / "main.py"), "unit", "add", "UBND xã An Sinh", "--own"], env=env,
                           capture_output=True, text=True, encoding="utf-8", timeout=60)
    assert added.returncode == 0, added.stderr
    started = subprocess.run([sys.executable, str(ROOT / "main.py")], env=env, capture_output=True, text=True,
                             encoding="utf-8", timeout=60)
    assert started.returncode == 0, started.stderr
    assert not (data / "dti.lock").exists()  # released, not left for the next start to judge stale
    assert not (data / "dti.sqlite3-wal").exists()  # the last connection closed (SQLite removes it then)
    with sqlite3.connect(data / "dti.sqlite3") as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_the_qapplication_is_destroyed_so_the_clipboard_is_handed_to_the_system(tmp_path):
    """Qt hands what the officer copied to the system in QApplication's destructor (OleFlushClipboard on
    Windows): a bare os._exit would skip it, and the copied text would vanish with the program."""
    done = run("""
        import os
        from pathlib import Path
        from PySide6.QtGui import QGuiApplication
        from PySide6.QtWidgets import QApplication
        from dti_desktop.process_exit import exit_without_teardown

        app = QApplication([])
        app.destroyed.connect(lambda *_: (Path(os.environ["OUT"]) / "destroyed.txt").write_text("xong"))
        QGuiApplication.clipboard().setText("đã chép")
        exit_without_teardown(0)
    """, tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "destroyed.txt").read_text() == "xong"
