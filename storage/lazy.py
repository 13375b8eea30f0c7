"""Modules imported on first use, so that start-up does not pay for what it does not touch."""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any


class LazyModule:
    """Stands for a module until an attribute is first read, then imports it.

    ``importlib.import_module`` takes the import lock, so a worker thread and the GUI
    thread reaching for the same module at once get one import, not two.
    """

    def __init__(self, name: str) -> None:
        self._name = name

    def __getattr__(self, attribute: str) -> Any:
        return getattr(self.module(), attribute)

    def module(self) -> ModuleType:
        """The module itself, imported now if it is not yet."""
        return importlib.import_module(self._name)

    def __repr__(self) -> str:
        return f"LazyModule({self._name!r})"
