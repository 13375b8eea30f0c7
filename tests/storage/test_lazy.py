"""A lazy module imports its module on the first attribute read, and only then."""

from __future__ import annotations

import sys

import pytest

from storage.lazy import LazyModule


def test_the_module_is_imported_on_first_use(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delitem(sys.modules, "colorsys", raising=False)
    lazy = LazyModule("colorsys")
    assert "colorsys" not in sys.modules
    assert repr(lazy) == "LazyModule('colorsys')"
    assert lazy.rgb_to_hsv(1.0, 0.0, 0.0) == (0.0, 1.0, 1.0)
    assert "colorsys" in sys.modules
    assert lazy.module() is sys.modules["colorsys"]


def test_a_missing_attribute_or_module_fails_on_use() -> None:
    with pytest.raises(AttributeError):
        LazyModule("colorsys").no_such_function  # noqa: B018 - the read is the test
    with pytest.raises(ModuleNotFoundError):
        LazyModule("no_such_module_here").anything  # noqa: B018
