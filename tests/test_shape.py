"""The shape the architecture promises: no module of storage/ or gui/ over 700 lines, no class
over 30 methods (migrations aside), and a docstring opening every module."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MAX_LINES = 700
MAX_METHODS = 30


def modules() -> dict[str, ast.Module]:
    """Every module of the two packages, parsed; migration scripts aside (one schema step each)."""
    found = [*ROOT.joinpath("storage").rglob("*.py"), *ROOT.joinpath("gui").rglob("*.py")]
    return {
        str(path.relative_to(ROOT)): ast.parse(path.read_text(encoding="utf-8"))
        for path in sorted(found)
        if "versions" not in path.parts
    }


def test_every_module_is_short_and_says_what_it_holds() -> None:
    too_long = [name for name in modules() if (ROOT / name).read_text().count("\n") > MAX_LINES]
    undocumented = [name for name, tree in modules().items() if not ast.get_docstring(tree)]
    assert too_long == [], "split these by what their parts do"
    assert undocumented == []


def test_no_class_has_more_than_thirty_methods() -> None:
    crowded = [
        f"{name}: {node.name}"
        for name, tree in modules().items()
        for node in ast.walk(tree)
        if isinstance(node, ast.ClassDef) and method_count(node) > MAX_METHODS
    ]
    assert crowded == []


def method_count(node: ast.ClassDef) -> int:
    return sum(isinstance(b, ast.FunctionDef | ast.AsyncFunctionDef) for b in node.body)
