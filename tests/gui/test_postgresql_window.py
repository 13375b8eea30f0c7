"""The window on a PostgreSQL database: the same table, search and edits as on a file."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from gui.mainwindow import MainWindow
from storage.service import AccordsService
from tests.conftest import FIXED_TODAY
from tests.gui.listing import titles
from tests.pgfixtures import PgDatabases


@pytest.fixture
def service(pg_database: PgDatabases) -> Iterator[AccordsService]:
    """Stands in for the file the window tests open: a fresh seeded PostgreSQL database."""
    opened = AccordsService.open(
        pg_database.fresh().render_as_string(), clock=lambda: FIXED_TODAY, actor="tester"
    )
    yield opened
    opened.close()


def test_the_window_lists_searches_and_edits_a_server_database(
    qtbot, window: MainWindow, service: AccordsService
) -> None:
    assert window.records.rowCount() == 8
    assert window.count_label.text() == "8 records"
    with qtbot.waitSignal(window.records.countChanged, timeout=3000):
        qtbot.keyClicks(window.filters.search, "drones")
    assert titles(window.records) == [
        "Drones, ammunition and armored vehicles to be received in September"
    ]
    assert window.filters.match_count.text() == "1 found"
    assert not service.db.read_only  # the server's superuser: an admin
