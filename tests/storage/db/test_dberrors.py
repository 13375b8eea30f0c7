"""Tests for storage.db.dberrors: driver failures become one plain line in the caller's words."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import exc

from storage.db.dberrors import COMMAND_LINE, WINDOW, describe
from storage.errors import PermissionRefusedError

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


def test_a_permission_the_server_refuses_is_one_line_in_the_callers_words() -> None:
    """psycopg's InsufficientPrivilege (SQLSTATE 42501), whatever its detail lines say."""
    from psycopg import errors

    refusal = errors.InsufficientPrivilege("permission denied for table exchange_rates\nHINT: x")
    error = exc.ProgrammingError("INSERT INTO exchange_rates", {}, refusal)
    message = str(describe(error, "postgresql://ann@db/accords", COMMAND_LINE))
    assert message == (
        "The database postgresql://ann@db/accords refused this for your database user "
        "(permission denied for table exchange_rates); nothing was changed."
    )
    assert isinstance(describe(error, "db", WINDOW), PermissionRefusedError)
