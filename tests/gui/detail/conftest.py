"""Fixtures of the detail tests: a shown pane on the seeded service, its undo stack and messages."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from gui.detail import DetailPane
from gui.dialogs import msgbox
from gui.undo import UndoStack
from storage.service import AccordsService


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every message box the pane would have shown, instead of showing it."""
    shown: list[str] = []

    def inform(_parent: Any, title: str, text: str, *, warning: bool = False) -> None:
        shown.append(f"{title}: {text}")

    monkeypatch.setattr(msgbox, "inform", inform)
    monkeypatch.setattr(msgbox, "ask", lambda *args, **kwargs: pytest.fail("unexpected ask"))
    return shown


@pytest.fixture
def undo_stack() -> UndoStack:
    return UndoStack()


@pytest.fixture
def pane(
    qtbot: QtBot, service: AccordsService, undo_stack: UndoStack, messages: list[str]
) -> Iterator[DetailPane]:
    widget = DetailPane(service, undo_stack)
    qtbot.addWidget(widget)
    widget.resize(520, 700)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    widget.notes_tab.timer.stop()
