"""Fixtures shared by the window tests."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from gui.dialogs import msgbox

# Imported by the fixtures that use them: not every window test wants the window loaded.
if TYPE_CHECKING:
    from gui.mainwindow import MainWindow
    from gui.settings import Settings
    from storage.records.query import RecordQuery
    from storage.service import AccordsService


@pytest.fixture
def in_french() -> Iterator[None]:
    """The catalogues compiled and French (Canada) in use for the test, English after."""
    from storage import i18n
    from tools import catalogues

    catalogues.compile_all()
    assert i18n.install("fr_CA") == "fr_CA"
    yield
    i18n.install("en")


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


@pytest.fixture
def large(service: AccordsService) -> AccordsService:
    """The seeded database with more records than a page, and more pledges than a page."""
    from storage.generate import generate
    from storage.records.query import RecordQuery
    from storage.schema.enums import RecordKind
    from storage.service import PAGE_SIZE

    generate(service, 700, seed=3)
    pledges = RecordQuery(kinds=frozenset({RecordKind.PLEDGE}))
    assert service.records.count_records(pledges) > PAGE_SIZE
    return service


@pytest.fixture
def counts_on(large: AccordsService, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The thread ("gui" or "worker") of every count of records asked of the service."""
    threads: list[str] = []
    count = large.records.count_records

    def recording(query: RecordQuery | None = None) -> int:
        gui = threading.current_thread() is threading.main_thread()
        threads.append("gui" if gui else "worker")
        return count(query)

    monkeypatch.setattr(large.records, "count_records", recording)
    return threads
