"""The layer rule: `storage` is the core and never imports Qt or `gui`, not even inside a
function, so that the command line, scripts and tests can use it without a display."""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
STORAGE = ROOT / "storage"
FORBIDDEN = {"PySide6", "shiboken6", "gui"}
IMPORT_FUNCTIONS = {"import_module", "__import__"}

# Imports every module of `storage` and prints the forbidden modules that came with them.
# Alembic's env.py is left out: it runs the migrations when imported (the scan reads it).
IMPORT_ALL = """
import importlib, pkgutil, sys
import storage

names = [
    module.name
    for module in pkgutil.walk_packages(storage.__path__, "storage.")
    if module.name != "storage.schema.migrations.env"
]
for name in names:
    importlib.import_module(name)
forbidden = {"PySide6", "shiboken6", "gui"}
print(len(names), *sorted(name for name in sys.modules if name.split(".")[0] in forbidden))
"""


def imported_names(tree: ast.AST) -> Iterator[tuple[int, str]]:
    """Every module name ``tree`` imports, by statement or by importlib, with its line."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from ((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            yield node.lineno, node.module
        elif isinstance(node, ast.Call) and _called_name(node.func) in IMPORT_FUNCTIONS:
            first = node.args[0] if node.args else None
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                yield node.lineno, first.value


def _called_name(function: ast.expr) -> str:
    if isinstance(function, ast.Attribute):
        return function.attr
    return function.id if isinstance(function, ast.Name) else ""


def forbidden_imports(folder: Path) -> list[str]:
    """``path:line module`` for every import of Qt or `gui` in the sources under ``folder``."""
    found = []
    for path in sorted(folder.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for line, name in imported_names(tree):
            if name.split(".")[0] in FORBIDDEN:
                found.append(f"{path.relative_to(folder)}:{line} {name}")
    return found


def test_no_storage_source_imports_qt_or_gui_anywhere() -> None:
    """Read, not run: an import inside a function counts as much as one at the top."""
    sources = list(STORAGE.rglob("*.py"))
    assert len(sources) > 30
    assert forbidden_imports(STORAGE) == []


def test_the_scan_sees_imports_inside_functions_and_through_importlib(tmp_path: Path) -> None:
    (tmp_path / "late.py").write_text(
        "import importlib\n"
        "def main():\n"
        "    from gui.app import run_app\n"
        "    import PySide6.QtCore\n"
        "    importlib.import_module('gui.mainwindow')\n"
        "    from . import gui\n",  # a relative import: storage's own module named gui
        encoding="utf-8",
    )
    found = [entry.split(" ", 1)[1] for entry in forbidden_imports(tmp_path)]
    assert found == ["gui.app", "PySide6.QtCore", "gui.mainwindow"]


@pytest.mark.slow
def test_importing_every_storage_module_loads_neither_qt_nor_gui() -> None:
    """In a fresh interpreter, started in the checkout so that its `storage` is the one read."""
    done = subprocess.run(
        [sys.executable, "-c", IMPORT_ALL],
        cwd=ROOT,
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    count, *loaded = done.stdout.split()
    assert int(count) > 30
    assert loaded == []
