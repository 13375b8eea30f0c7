"""Turn driver errors into plain messages that say what failed and that nothing saved was lost."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import exc

from storage.errors import (
    ConflictError,
    DatabaseBusyError,
    DatabaseDamagedError,
    DatabaseError,
    PermissionRefusedError,
)
from storage.i18n import _


@dataclass(frozen=True, slots=True)
class Wording:
    """What a failed save did with the caller's edit, in the caller's own words.

    The window keeps an edit it could not save (in its editor and drafts); the command line
    keeps nothing, so it says that nothing was changed.
    """

    kept: str  # "your edit is kept"
    not_saved: str  # after "read-only; "


WINDOW = Wording(kept="your edit is kept", not_saved="your edit is kept but was not saved")
COMMAND_LINE = Wording(kept="nothing was changed", not_saved="nothing was changed")
INSUFFICIENT_PRIVILEGE = "42501"  # PostgreSQL's SQLSTATE for "permission denied"
DAMAGE_MARKERS = ("file is not a database", "malformed", "disk image", "not a database")


@contextmanager
def translated(location: str, wording: Wording = WINDOW) -> Iterator[None]:
    """Re-raise SQLAlchemy and sqlite3 failures as Accords errors naming ``location``."""
    try:
        yield
    except exc.DBAPIError as error:
        raise describe(error, location, wording) from None
    except exc.SQLAlchemyError as error:
        if not is_stale(error):
            raise
        raise ConflictError(
            _("This record was changed elsewhere since you opened it; nothing was overwritten."),
            expected_version=-1,
            current_version=-1,
        ) from None


def is_stale(error: Exception) -> bool:
    """Whether the ORM found a row's version changed under it (optimistic concurrency)."""
    # Looked up rather than imported: only the ORM raises it, and start-up must not import
    # the ORM just to name one of its exceptions.
    orm_errors = sys.modules.get("sqlalchemy.orm.exc")
    return orm_errors is not None and isinstance(error, orm_errors.StaleDataError)


def read_only_refusal(location: str, wording: Wording = WINDOW) -> DatabaseError:
    """The error for a save into a database opened read-only."""
    return DatabaseError(
        _("{location} is opened read-only; {not_saved}.").format(
            location=location, not_saved=wording.not_saved
        )
    )


def describe(error: exc.DBAPIError, location: str, wording: Wording = WINDOW) -> DatabaseError:
    """The Accords error for one driver error."""
    reason = str(error.orig).strip() if error.orig is not None else str(error)
    if getattr(error.orig, "sqlstate", None) == INSUFFICIENT_PRIVILEGE:
        # The server's grants refused it (a viewer saving, an editor changing a rate).
        refusal = reason.splitlines()[0] if reason else _("permission denied")
        return PermissionRefusedError(
            _(
                "The database {location} refused this for your database user "
                "({refusal}); {not_saved}."
            ).format(location=location, refusal=refusal, not_saved=wording.not_saved)
        )
    lowered = reason.lower()
    if "locked" in lowered or "busy" in lowered:
        return DatabaseBusyError(
            _("The database is busy; {kept}, try again.").format(kept=wording.kept)
        )
    if "full" in lowered:
        return DatabaseError(
            _(
                "The database {location} is full (no space left); {kept}, free some "
                "space and try again."
            ).format(location=location, kept=wording.kept)
        )
    if any(marker in lowered for marker in DAMAGE_MARKERS):
        return DatabaseDamagedError(
            _(
                "{location} is damaged or is not an Accords database ({reason}); it "
                "was left untouched. Run `accords restore` to bring back a backup."
            ).format(location=location, reason=reason)
        )
    if "readonly" in lowered or "read-only" in lowered:
        return DatabaseError(
            _("{location} is read-only; {not_saved}.").format(
                location=location, not_saved=wording.not_saved
            )
        )
    if "unable to open" in lowered:
        return DatabaseError(
            _("Cannot open the database {location}: {reason}.").format(
                location=location, reason=reason
            )
        )
    return DatabaseError(
        _("The database {location} reported an error: {reason}.").format(
            location=location, reason=reason
        )
    )
