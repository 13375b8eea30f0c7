"""Tests for storage.db.dberrors: driver failures become one plain line in the caller's words."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import exc

from storage.db.dberrors import COMMAND_LINE, WINDOW, describe

FAILURES = [
    "database is locked",
    "database or disk is full",
    "attempt to write a readonly database",
]


def driver_error(reason: str) -> exc.DBAPIError:
    """What SQLAlchemy raises for a sqlite3 failure with ``reason``."""
    return exc.OperationalError("UPDATE records", {}, sqlite3.OperationalError(reason))


@pytest.mark.parametrize("reason", FAILURES)
def test_the_window_says_the_edit_is_kept(reason: str) -> None:
    """The window keeps an edit it could not save, in its editor and drafts."""
    assert "your edit is kept" in str(describe(driver_error(reason), "db.sqlite3", WINDOW))


@pytest.mark.parametrize("reason", FAILURES)
def test_the_command_line_says_nothing_was_changed(reason: str) -> None:
    """The command line keeps nothing: it must not claim to."""
    message = str(describe(driver_error(reason), "db.sqlite3", COMMAND_LINE))
    assert "nothing was changed" in message
    assert "kept" not in message
