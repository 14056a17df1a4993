"""domain/ imports no Qt and no SQL: the rule that keeps it testable and reusable."""

from __future__ import annotations

import subprocess
import sys

from tests.helpers import ROOT


def test_domain_imports_neither_qt_nor_sqlite():
    code = (
        "import sys, pkgutil, importlib, dti_desktop.domain as d\n"
        "for m in pkgutil.iter_modules(d.__path__): importlib.import_module('dti_desktop.domain.' + m.name)\n"
        "bad = [n for n in ('PySide6', 'sqlite3', 'sqlite_utils', 'openpyxl') if n in sys.modules]\n"
        "print(bad); sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_storage_imports_no_qt():
    code = (
        "import sys, pkgutil, importlib, dti_desktop.storage as s\n"
        "for m in pkgutil.iter_modules(s.__path__): importlib.import_module('dti_desktop.storage.' + m.name)\n"
        "sys.exit(1 if 'PySide6' in sys.modules else 0)\n"
    )
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT).returncode == 0


# -- the arrows between layers, read from the sources (function-level imports included) ---------------------------
# domain <- storage <- io <- services <- ui / cli. Imports under `if TYPE_CHECKING:` are annotations, not arrows.

# The window reaches data only through services (its workers' connections: services/worker_db.py; opening the
# database: services/app_database.py): nothing allowed (the list stays, for the rule's shape).
UI_STORAGE_ALLOWED: set[tuple[str, str]] = set()
# The command line reaches data only through services: nothing allowed (the list stays, for the rule's shape).
CLI_STORAGE_ALLOWED: set[tuple[str, str]] = set()
CLI_UI_ALLOWED = {("dti_desktop.cli", "dti_desktop.ui.app")}  # the GUI's entry: `dti` with no arguments
# Import cycles still there, each a list of its modules (sorted); the test names any other.
CYCLES_ALLOWED: list[list[str]] = []


def _module_name(path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _type_checking(node) -> bool:
    test = node.test
    return getattr(test, "id", None) == "TYPE_CHECKING" or getattr(test, "attr", None) == "TYPE_CHECKING"


def _imports(name: str, path, modules: set[str]) -> set[str]:
    """Every module `name` imports, at any depth of its code (in functions too), relative imports resolved."""
    import ast

    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()

    def visit(node) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _type_checking(child):
                for other in child.orelse:
                    visit_one(other)
                continue
            visit_one(child)

    def visit_one(node) -> None:
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")[: len(package.split(".")) - node.level + 1] if node.level else []
            module = ".".join(base + ([node.module] if node.module else [])) if node.level else node.module
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names if f"{module}.{alias.name}" in modules)
        visit(node)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    return found


def _graph() -> dict[str, set[str]]:
    paths = {_module_name(p): p for p in (ROOT / "dti_desktop").rglob("*.py")}
    return {name: _imports(name, path, set(paths)) for name, path in paths.items()}


def _arrows(graph, source: str, targets: tuple[str, ...]) -> set[tuple[str, str]]:
    """(module, import) pairs from modules under `source` to modules under any of `targets`."""
    def under(name: str, prefix: str) -> bool:
        return name == prefix or name.startswith(prefix + ".")

    return {(m, i) for m, imported in graph.items() if under(m, source) or m.startswith(source + "_")
            for i in imported if any(under(i, t) for t in targets)}


def _cycles(graph) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan, iterative)."""
    edges = {m: sorted(i for i in imported if i in graph and i != m) for m, imported in graph.items()}
    index, low, stack, on_stack, found, counter = {}, {}, [], set(), [], [0]
    for root in sorted(edges):
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            node, at = work.pop()
            if at == 0:
                index[node] = low[node] = counter[0]
                counter[0] += 1
                stack.append(node)
                on_stack.add(node)
            for pos in range(at, len(edges[node])):
                nxt = edges[node][pos]
                if nxt not in index:
                    work += [(node, pos + 1), (nxt, 0)]
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            else:
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        found.append(sorted(component))
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
    return sorted(found)


def _present(modules) -> bool:
    """Whether every module exists (an allowance may name one another session has not committed yet)."""
    return all((ROOT / (m.replace(".", "/") + ".py")).exists() for m in modules if m.startswith("dti_desktop."))


def _within(found: set, allowed: set, rule: str) -> None:
    assert not found - allowed, f"{rule}: {sorted(found - allowed)}"
    stale = {pair for pair in allowed - found if _present(pair)}
    assert not stale, f"no longer needed, remove from the allowance: {sorted(stale)}"


def test_ui_imports_no_storage_nor_sqlite3():
    graph = _graph()
    found = _arrows(graph, "dti_desktop.ui", ("dti_desktop.storage", "sqlite3"))
    _within(found, UI_STORAGE_ALLOWED, "ui reaches data only through services")


def test_cli_imports_no_storage_nor_sqlite3():
    found = _arrows(_graph(), "dti_desktop.cli", ("dti_desktop.storage", "sqlite3"))
    _within(found, CLI_STORAGE_ALLOWED, "the command line reaches data only through services")


def test_ui_and_cli_reach_files_only_through_services():
    """Services are the only door: the window and the command line import no io either (printing, workbooks and
    the errors of refused files all go through services or domain)."""
    graph = _graph()
    assert _arrows(graph, "dti_desktop.ui", ("dti_desktop.io",)) == set()
    assert _arrows(graph, "dti_desktop.cli", ("dti_desktop.io",)) == set()


def test_io_imports_no_storage():
    assert _arrows(_graph(), "dti_desktop.io", ("dti_desktop.storage",)) == set()


def test_cli_imports_no_ui_besides_the_gui_entry():
    found = _arrows(_graph(), "dti_desktop.cli", ("dti_desktop.ui",))
    _within(found, CLI_UI_ALLOWED, "the command line loads no window code (nor Qt) but the GUI's entry")


def test_lower_layers_import_no_upper_layer():
    graph = _graph()
    assert _arrows(graph, "dti_desktop.domain", ("dti_desktop.storage", "dti_desktop.io", "dti_desktop.services",
                                                 "dti_desktop.ui", "dti_desktop.cli")) == set()
    assert _arrows(graph, "dti_desktop.storage", ("dti_desktop.io", "dti_desktop.services", "dti_desktop.ui")) == set()
    assert _arrows(graph, "dti_desktop.io", ("dti_desktop.services", "dti_desktop.ui")) == set()
    assert _arrows(graph, "dti_desktop.services", ("dti_desktop.ui", "dti_desktop.cli")) == set()


def test_no_import_cycle_between_modules():
    found = _cycles(_graph())
    assert [c for c in found if c not in CYCLES_ALLOWED] == [], "import cycles"
    assert [c for c in CYCLES_ALLOWED if c not in found and _present(c)] == [], \
        "no longer a cycle: remove from CYCLES_ALLOWED"


def test_cycle_finder_finds_function_level_cycles(tmp_path):
    """The walk sees an import inside a function (the two cycles of issue 21 hid there)."""
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _cycles(graph) == [["a", "b", "c"]]
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from .other import g\n", encoding="utf-8")
    assert "pkg.other" in _imports("pkg.m", module, {"pkg.other"})
