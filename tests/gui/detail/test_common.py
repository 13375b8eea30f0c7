"""What the detail tabs share: refusals told without blocking, quote markers, small formats."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from gui.detail.common import Context, QuoteMarker, day, first_line, quotes_by_field, when
from gui.operations.records import EditFieldsCommand
from gui.undo import UndoStack
from storage.records.data import AnnotationView
from storage.service import AccordsService

SEPTEMBER = "september-2025-drones-ammunition-armored-vehicles"


@pytest.fixture
def context(qtbot: QtBot, service: AccordsService, messages: list[str]) -> Context:
    parent = QWidget()
    qtbot.addWidget(parent)
    return Context(service, UndoStack(), parent)


def retitle(context: Context, title: str, *, stale: bool = False) -> EditFieldsCommand:
    record = context.service.records.get_record(SEPTEMBER).row
    version = record.version - 1 if stale else record.version
    return EditFieldsCommand(
        context.service,
        context.undo_stack,
        record.id,
        version,
        {"title": record.title},
        {"title": title},
    )


def title(service: AccordsService) -> str:
    return service.records.get_record(SEPTEMBER).row.title


def test_an_applied_edit_is_on_the_undo_stack(context: Context, messages: list[str]) -> None:
    assert context.perform(retitle(context, "New"))
    assert title(context.service) == "New" and context.undo_stack.stack.count() == 1
    assert messages == []


def test_a_record_in_the_trash_is_not_edited_and_says_why(
    context: Context, messages: list[str]
) -> None:
    before = title(context.service)
    context.read_only = "This record is in the trash."
    assert not context.perform(retitle(context, "New"))
    assert title(context.service) == before
    assert messages == ["Not saved: This record is in the trash."]


def test_a_conflict_reloads_the_record_and_says_the_change_is_kept(
    context: Context, messages: list[str]
) -> None:
    reloads: list[bool] = []
    context.reload = lambda: reloads.append(True)
    assert not context.perform(retitle(context, "New", stale=True))
    assert reloads == [True] and len(messages) == 1
    assert messages[0].endswith("The record was reloaded; your change is still there to retry.")
    assert context.undo_stack.stack.count() == 0


def test_another_refusal_is_told_as_it_is(context: Context, messages: list[str]) -> None:
    reloads: list[bool] = []
    context.reload = lambda: reloads.append(True)
    assert not context.perform(retitle(context, ""))
    assert reloads == [] and len(messages) == 1 and messages[0].startswith("Not saved: ")


def test_small_formats() -> None:
    moment = datetime(2026, 11, 2, 9, 30, tzinfo=UTC)
    assert when(moment) == moment.astimezone().strftime("%Y-%m-%d %H:%M")
    assert when(None) == ""
    assert first_line("\n  \n## Heading  \nbody") == "Heading"
    assert first_line("   ") == "(empty)"
    assert day(date(2026, 1, 5)) == "2026-01-05" and day(None) == ""


def annotation(number: int, field: str | None, quote: str) -> AnnotationView:
    return AnnotationView(number, 1, 2, field, 0, len(quote), quote, "", "", "")


def test_quotes_are_grouped_by_the_field_they_support() -> None:
    first, second = annotation(1, "amount", "$700"), annotation(2, "amount", "700 million")
    grouped = quotes_by_field([first, annotation(3, None, "whole"), second])
    assert grouped == {"amount": [first, second]}


def test_a_marker_shows_while_there_are_quotes_and_opens_the_first(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    opened: list[int] = []
    marker = QuoteMarker("amount", opened.append, parent)
    parent.show()
    assert not marker.isVisible()
    marker.click()
    assert opened == []  # no quote yet: nothing to open
    marker.show_quotes([annotation(4, "amount", "$700"), annotation(5, "amount", "more")])
    assert marker.isVisible() and marker.toolTip() == "“$700”\n\n“more”"
    marker.click()
    assert opened == [4]
    marker.show_quotes([])
    assert not marker.isVisible() and marker.annotation_id is None
