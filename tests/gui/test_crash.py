"""Unexpected exceptions: logged to a rotating file in the data folder, shown, and survived."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from logging.handlers import RotatingFileHandler
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from gui.crash import install_exception_hook, log_path, logger, start_logging
from gui.dialogs import msgbox


@pytest.fixture
def log_handlers() -> Iterator[None]:
    """Leave the accords logger with the handlers it had."""
    before = list(logger.handlers)
    yield
    for handler in logger.handlers:
        if handler not in before:
            logger.removeHandler(handler)
            handler.close()


def file_handlers() -> list[Path]:
    return [Path(h.baseFilename) for h in logger.handlers if isinstance(h, RotatingFileHandler)]


@pytest.mark.usefixtures("log_handlers")
def test_logging_starts_once_per_data_folder_and_follows_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    start_logging()
    start_logging()
    assert file_handlers() == [log_path()]
    monkeypatch.setenv("ACCORDS_DATA_DIR", str(tmp_path / "elsewhere"))
    start_logging()
    assert file_handlers() == [tmp_path / "elsewhere" / "accords.log"]
    logger.warning("written here")
    for handler in logger.handlers:
        handler.flush()
    assert "written here" in log_path().read_text(encoding="utf-8")


def test_a_keyboard_interrupt_goes_to_pythons_own_hook(monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[str] = []
    passed_on: list[type[BaseException]] = []
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # set back after the test
    monkeypatch.setattr(sys, "__excepthook__", lambda kind, *_: passed_on.append(kind))
    install_exception_hook(shown.append)
    sys.excepthook(KeyboardInterrupt, KeyboardInterrupt(), None)
    assert passed_on == [KeyboardInterrupt] and shown == []


@pytest.mark.qt_no_exception_capture
@pytest.mark.usefixtures("log_handlers")
def test_an_exception_in_a_slot_is_logged_shown_and_survived(
    qtbot: QtBot, no_dialogs: list[str]
) -> None:
    """A fault in a slot goes to the log with its traceback and to a message; the app goes on."""
    start_logging()
    previous = sys.excepthook

    def show(text: str) -> None:
        msgbox.inform(None, "Accords", text)

    install_exception_hook(show)
    try:

        def faulty_slot() -> None:
            raise RuntimeError("disk gremlin")

        QTimer.singleShot(0, faulty_slot)
        qtbot.waitUntil(lambda: bool(no_dialogs), timeout=2000)
    finally:
        sys.excepthook = previous
        for handler in logging.getLogger("accords").handlers:
            handler.flush()
    assert "disk gremlin" in no_dialogs[0]
    log = log_path().read_text(encoding="utf-8")
    assert "Traceback" in log
    assert "RuntimeError: disk gremlin" in log
