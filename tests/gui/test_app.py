"""Opening a database from the app: an old one is updated behind a notice, a current one not."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from gui.app import UPDATING_TEXT, UpdateNotice, WindowManager
from storage import migrate
from storage.service import AccordsService
from tests.schema import downgrade_to


def visible_notices() -> list[str]:
    return [
        widget.text()
        for widget in QApplication.topLevelWidgets()
        if isinstance(widget, QLabel) and widget.isVisible()
    ]


def open_in_manager(qtbot: QtBot, path: Path) -> str:
    """Open ``path`` as the app does and close it again; returns the status bar's message."""
    window = WindowManager().open(str(path))
    assert window is not None
    qtbot.addWidget(window)
    message = window.statusBar().currentMessage()
    window.close()
    window.service.close()
    return message


def test_an_old_database_is_updated_behind_a_notice(
    db_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    service = AccordsService.open(str(db_path))
    downgrade_to(service.engine, "0005")
    service.close()
    on_screen: list[list[str]] = []
    upgrade = migrate.upgrade

    def watched(engine: Engine) -> None:
        on_screen.append(visible_notices())
        upgrade(engine)

    monkeypatch.setattr(migrate, "upgrade", watched)
    message = open_in_manager(qtbot, db_path)
    assert on_screen == [[UPDATING_TEXT]]
    assert visible_notices() == []
    assert message.startswith("Updated the database")


def test_a_current_database_opens_without_a_notice(
    db_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    AccordsService.open(str(db_path)).close()
    shown: list[bool] = []
    monkeypatch.setattr(UpdateNotice, "show", lambda _notice: shown.append(True))
    open_in_manager(qtbot, db_path)
    assert shown == []
