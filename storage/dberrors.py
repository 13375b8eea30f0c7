"""Turn driver errors into plain messages that say what failed and that nothing saved was lost."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import exc

from storage.errors import (
    ConflictError,
    DatabaseBusyError,
    DatabaseDamagedError,
    DatabaseError,
)

BUSY_MESSAGE = "The database is busy; your edit is kept, try again."
DAMAGE_MARKERS = ("file is not a database", "malformed", "disk image", "not a database")


@contextmanager
def translated(location: str) -> Iterator[None]:
    """Re-raise SQLAlchemy and sqlite3 failures as Accords errors naming ``location``."""
    try:
        yield
    except exc.DBAPIError as error:
        raise describe(error, location) from None
    except exc.SQLAlchemyError as error:
        if not is_stale(error):
            raise
        raise ConflictError(
            "This record was changed elsewhere since you opened it; nothing was overwritten.",
            expected_version=-1,
            current_version=-1,
        ) from None


def is_stale(error: Exception) -> bool:
    """Whether the ORM found a row's version changed under it (optimistic concurrency)."""
    # Looked up rather than imported: only the ORM raises it, and start-up must not import
    # the ORM just to name one of its exceptions.
    orm_errors = sys.modules.get("sqlalchemy.orm.exc")
    return orm_errors is not None and isinstance(error, orm_errors.StaleDataError)


def describe(error: exc.DBAPIError, location: str) -> DatabaseError:
    """The Accords error for one driver error."""
    reason = str(error.orig).strip() if error.orig is not None else str(error)
    lowered = reason.lower()
    if "locked" in lowered or "busy" in lowered:
        return DatabaseBusyError(BUSY_MESSAGE)
    if "full" in lowered:
        return DatabaseError(
            f"The database {location} is full (no space left); your edit is kept, "
            "free some space and try again."
        )
    if any(marker in lowered for marker in DAMAGE_MARKERS):
        return DatabaseDamagedError(
            f"{location} is damaged or is not an Accords database ({reason}); it was left "
            "untouched. Run `accords restore` to bring back a backup."
        )
    if "readonly" in lowered or "read-only" in lowered:
        return DatabaseError(f"{location} is read-only; your edit is kept but was not saved.")
    if "unable to open" in lowered:
        return DatabaseError(f"Cannot open the database {location}: {reason}.")
    return DatabaseError(f"The database {location} reported an error: {reason}.")
