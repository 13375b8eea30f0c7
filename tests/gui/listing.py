"""What the window's table lists and its filter line says, read the way the tests compare them."""

from __future__ import annotations

from gui.mainwindow import MainWindow
from gui.window.records_model import RecordsModel
from storage.records.data import RecordRow


def listed(window: MainWindow) -> list[RecordRow]:
    """Every row the table lists, fetching the pages not fetched yet."""
    model = window.records
    while model.canFetchMore():
        model.fetchMore()
    return [model.row_at(row) for row in range(model.rowCount())]


def chips(window: MainWindow) -> list[str]:
    """The words of each active filter on the filter line."""
    return [words for _key, words in window.filters.filter_bar.filters]


def titles(model: RecordsModel) -> list[str]:
    """The titles of the rows fetched so far."""
    return [model.row_at(row).title for row in range(model.rowCount())]
