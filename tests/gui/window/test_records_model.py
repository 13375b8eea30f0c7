"""The records table's model: Qt's model contract, the cells it shows, sorting and paging."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QBrush
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from gui.window.records_model import (
    AMOUNT,
    COLUMNS,
    KIND,
    LAST_NOTE,
    OVERDUE,
    PARTIES,
    RECORD_ID_ROLE,
    STATUS,
    STATUS_ROLE,
    TITLE,
    RecordsModel,
    unordered,
)
from storage.records.query import RecordQuery, SortKey
from storage.schema.enums import RecordKind, label
from storage.service import PAGE_SIZE, AccordsService

SEPTEMBER = "september-2025-drones-ammunition-armored-vehicles"
DISPLAY = Qt.ItemDataRole.DisplayRole


def loaded(service: AccordsService) -> RecordsModel:
    model = RecordsModel(service)
    model.reload()
    return model


def cell(model: RecordsModel, row: int, column: int, role: int = DISPLAY) -> object:
    return model.data(model.index(row, column), role)


def test_the_model_keeps_qts_contract(qtmodeltester: ModelTester, service: AccordsService) -> None:
    model = loaded(service)
    assert model.rowCount() == service.records.count_records() > 0
    qtmodeltester.check(model)  # type: ignore[no-untyped-call]


def test_a_row_shows_its_records_fields(service: AccordsService) -> None:
    model = loaded(service)
    record = service.records.get_record(SEPTEMBER)
    row = model.row_of(record.id)
    assert row is not None
    assert cell(model, row, KIND, RECORD_ID_ROLE) == record.id
    assert cell(model, row, TITLE) == record.row.title
    assert cell(model, row, TITLE, Qt.ItemDataRole.ToolTipRole) == record.row.title
    assert cell(model, row, KIND) == label(RecordKind.PLEDGE)
    assert cell(model, row, STATUS) == label(record.row.status)
    assert cell(model, row, STATUS, STATUS_ROLE) == record.row.status
    assert cell(model, row, AMOUNT) == record.row.amount_label != ""
    alignment = cell(model, row, AMOUNT, Qt.ItemDataRole.TextAlignmentRole)
    assert isinstance(alignment, int) and alignment & Qt.AlignmentFlag.AlignRight.value


def test_the_overdue_column_says_it_in_words_and_colour(service: AccordsService) -> None:
    model = loaded(service)
    rows = [model.row_at(row) for row in range(model.rowCount())]
    assert any(r.overdue for r in rows) and not all(r.overdue for r in rows)
    for row, record in enumerate(rows):
        shown = cell(model, row, OVERDUE)
        colour = cell(model, row, OVERDUE, Qt.ItemDataRole.ForegroundRole)
        assert (shown == "Overdue") == record.overdue
        assert isinstance(colour, QBrush) == record.overdue


def test_the_last_note_shows_its_first_line_cut_to_fit(service: AccordsService) -> None:
    record_id = service.records.resolve_id(SEPTEMBER)
    service.notes.add_note(record_id, "x" * 200 + "\nsecond line")
    model = loaded(service)
    row = model.row_of(record_id)
    assert row is not None
    shown = cell(model, row, LAST_NOTE)
    assert shown == "x" * 119 + "…"


def test_headers_name_each_column_and_explain_some(service: AccordsService) -> None:
    model = loaded(service)
    horizontal = Qt.Orientation.Horizontal
    assert [model.headerData(i, horizontal) for i in range(len(COLUMNS))][:3] == [
        "Kind",
        "Title",
        "Status",
    ]
    assert "not sortable" in str(model.headerData(PARTIES, horizontal, Qt.ItemDataRole.ToolTipRole))
    assert model.headerData(TITLE, horizontal, Qt.ItemDataRole.ToolTipRole) is None
    assert model.headerData(len(COLUMNS), horizontal) is None


def test_sorting_a_column_asks_storage_for_that_order(service: AccordsService) -> None:
    model = loaded(service)
    model.sort(TITLE, Qt.SortOrder.DescendingOrder)
    assert (model.query.sort, model.query.descending) == (SortKey.TITLE, True)
    titles = [model.row_at(row).title for row in range(model.rowCount())]
    assert titles == sorted(titles, reverse=True)
    model.sort(PARTIES, Qt.SortOrder.AscendingOrder)  # not sortable: nothing changes
    assert (model.query.sort, model.query.descending) == (SortKey.TITLE, True)


def test_a_query_is_counted_and_the_count_announced(qtbot: QtBot, service: AccordsService) -> None:
    model = loaded(service)
    query = RecordQuery(kinds=frozenset({RecordKind.DOCUMENT.value}))
    with qtbot.waitSignal(model.countChanged) as counted:
        model.set_query(query)
    assert counted.args == [service.records.count_records(query)] == [model.total]
    assert model.counted == unordered(query)
    assert {model.row_at(row).kind for row in range(model.rowCount())} == {"document"}


def test_another_order_of_the_same_records_is_the_same_count() -> None:
    query = RecordQuery(text="drones")
    assert unordered(replace(query, sort=SortKey.AMOUNT, descending=True)) == unordered(query)
    assert unordered(replace(query, overdue=True)) != unordered(query)


def test_the_table_fetches_more_rows_as_it_scrolls(
    qtbot: QtBot, empty_service: AccordsService
) -> None:
    """Only a page is loaded at first; scrolling to the end fetches the next."""
    for number in range(PAGE_SIZE + 40):
        empty_service.records.create_record(RecordKind.PLEDGE, {"title": f"Pledge {number:04d}"})
    model = RecordsModel(empty_service)
    model.reload()
    assert model.rowCount() == PAGE_SIZE
    assert model.total == PAGE_SIZE + 40
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == PAGE_SIZE + 40
    assert not model.canFetchMore(QModelIndex())
