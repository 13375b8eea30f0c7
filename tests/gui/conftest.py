"""Fixtures shared by the window tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from gui.dialogs import msgbox

# Imported by the fixtures that use them: not every window test wants the window loaded.
if TYPE_CHECKING:
    from gui.mainwindow import MainWindow
    from gui.settings import Settings
    from storage.service import AccordsService


@pytest.fixture
def no_dialogs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Collect what would have been shown in message boxes instead of showing them."""
    shown: list[str] = []
    monkeypatch.setattr(msgbox, "inform", lambda _parent, _title, text, **_kw: shown.append(text))
    return shown


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    from gui.settings import Settings

    return Settings(tmp_path / "settings.ini")


@pytest.fixture
def window(qtbot, service: AccordsService, settings: Settings) -> Iterator[MainWindow]:
    from gui.mainwindow import MainWindow

    shown = MainWindow(service, settings)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    yield shown
    shown.close()


@pytest.fixture
def painted_window(qtbot, window: MainWindow) -> MainWindow:
    """The window once its first frame is painted (its counts and details then follow)."""
    qtbot.waitUntil(lambda: window.first_paint.done)
    return window
