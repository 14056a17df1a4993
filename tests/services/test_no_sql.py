"""Services hold no SQL (issue 21): a use case reads and writes through stores named for what they do, so the
queries live in one layer (storage/) and a store's name says what a service asks of the data."""

from __future__ import annotations

import ast

from tests.helpers import ROOT

# backups.py copies and checks database files with SQLite's own backup API and PRAGMAs: file work, not queries
FILE_WORK = {"backups.py"}


def _sql_calls(path) -> list[str]:
    """`….execute(…)`, `….executemany(…)`, `….query(…)` calls in a module, as "file:line"."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and node.func.attr in ("execute", "executemany", "executescript", "query"):
            found.append(f"{path.name}:{node.lineno}")
    return found


def test_services_run_no_sql_of_their_own():
    modules = sorted((ROOT / "dti_desktop" / "services").glob("*.py"))
    assert len(modules) > 20
    calls = [c for m in modules if m.name not in FILE_WORK for c in _sql_calls(m)]
    assert calls == [], "SQL in services (move it into a store in dti_desktop/storage)"


def test_the_finder_sees_a_query(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("def f(db):\n    return db.execute('SELECT 1').fetchone()\n", encoding="utf-8")
    assert _sql_calls(module) == ["m.py:2"]
