"""A server that asks for a password: the window asks for it without blocking, then opens."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit
from pytestqt.qtbot import QtBot

import gui.app
from gui.app import WindowManager
from storage.errors import PasswordNeededError
from storage.service import AccordsService

SERVER = "postgresql://alice@db.example.org/accords"
PASSWORD = "correct horse"


def password_dialog() -> QInputDialog:
    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, QInputDialog)]
    assert len(found) == 1
    return found[0]


def test_a_password_is_asked_for_and_the_database_opens_with_it(
    qtbot: QtBot,
    db_path: Path,
    seeded_template: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Stands in for the server: the open is refused until libpq would send the password."""
    shutil.copyfile(seeded_template, db_path)
    monkeypatch.setenv("PGPASSWORD", "")  # so that the one the window sets is undone after
    monkeypatch.delenv("PGPASSWORD")
    real_open = AccordsService.open

    def server_open(target: str | None, **options: Any) -> AccordsService:
        assert target == SERVER
        import os

        if os.environ.get("PGPASSWORD") != PASSWORD:
            raise PasswordNeededError("The server refused the password")
        return real_open(str(db_path), **options)

    monkeypatch.setattr(gui.app.AccordsService, "open", server_open)
    manager = WindowManager()
    with caplog.at_level(logging.DEBUG, logger="accords"):
        assert manager.open(SERVER) is None  # asked, not blocked
        dialog = password_dialog()
        assert dialog.textEchoMode() is QLineEdit.EchoMode.Password
        dialog.setTextValue(PASSWORD)
        dialog.accept()
    window = manager.window
    assert window is not None
    qtbot.addWidget(window)
    assert all(PASSWORD not in record.getMessage() for record in caplog.records)
    window.close()
    window.service.close()


def test_a_dismissed_password_dialog_opens_nothing(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refusing(_target: str | None, **_options: Any) -> AccordsService:
        raise PasswordNeededError("The server refused the password")

    monkeypatch.setattr(gui.app.AccordsService, "open", refusing)
    manager = WindowManager()
    assert manager.open(SERVER) is None
    password_dialog().reject()
    assert manager.window is None
