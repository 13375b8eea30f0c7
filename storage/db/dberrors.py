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
    PasswordNeededError,
    PermissionRefusedError,
)
from storage.i18n import N_, _


@dataclass(frozen=True, slots=True)
class Wording:
    """What a failed save did with the caller's edit, in the caller's own words.

    The window keeps an edit it could not save (in its editor and drafts); the command line
    keeps nothing, so it says that nothing was changed.
    """

    kept: str  # "your edit is kept"
    not_saved: str  # after "read-only; "


# Marked here, translated where a message is made: the language may change after import.
WINDOW = Wording(kept=N_("your edit is kept"), not_saved=N_("your edit is kept but was not saved"))
COMMAND_LINE = Wording(kept=N_("nothing was changed"), not_saved=N_("nothing was changed"))
# Bringing an older file to this version's tables: one transaction, so a failure leaves it whole.
UPDATING = Wording(
    kept=N_("it was left as it was, at its older version"),
    not_saved=N_("it was left as it was, at its older version"),
)
# Making a new database's tables: one transaction, so a failure leaves it empty, to retry.
CREATING = Wording(kept=N_("nothing was stored in it"), not_saved=N_("nothing was stored in it"))
INSUFFICIENT_PRIVILEGE = "42501"  # PostgreSQL's SQLSTATE for "permission denied"
# SQLSTATE 53300: max_connections, or a role's connection limit, reached.
NO_FREE_CONNECTION = ("too many clients", "too many connections", "remaining connection slots")
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
            location=location, not_saved=_(wording.not_saved)
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
            ).format(location=location, refusal=refusal, not_saved=_(wording.not_saved))
        )
    lowered = reason.lower()
    if (server := server_failure(lowered, location, wording)) is not None:
        return server
    if "locked" in lowered or "busy" in lowered:
        return DatabaseBusyError(
            _("The database is busy; {kept}, try again.").format(kept=_(wording.kept))
        )
    if "full" in lowered:
        return DatabaseError(
            _(
                "The database {location} is full (no space left); {kept}, free some "
                "space and try again."
            ).format(location=location, kept=_(wording.kept))
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
                location=location, not_saved=_(wording.not_saved)
            )
        )
    if "unable to open" in lowered:
        return DatabaseError(
            _("Cannot open the database {location}: {reason}.").format(
                location=location, reason=reason
            )
        )
    return DatabaseError(
        _("The database {location} reported an error: {reason}; {kept}.").format(
            location=location, reason=reason, kept=_(wording.kept)
        )
    )


# What a PostgreSQL server or libpq says, and the line Accords says instead (``{location}``
# and ``{kept}`` filled in). None of them repeats libpq's text, which can name a password file.
PASSWORD_MARKERS = (
    "password authentication failed",
    "no password supplied",
    "password is required",
)
SERVER_FAILURES = (
    (
        PASSWORD_MARKERS,
        N_(
            "The server refused the password for {location}: give it in PGPASSWORD or ~/.pgpass; "
            "{kept}.",
        ),
    ),
    (
        (
            "server closed the connection",
            "terminating connection",
            "consuming input failed",
            "server conn crashed",
            "connection is lost",
            "the connection is closed",
            "ssl syscall error",
            "eof detected",
        ),
        N_(
            "Lost the connection to the database server of {location}; {kept}.",
        ),
    ),
    (
        ("ssl", "certificate"),
        N_(
            "Cannot open {location}: its sslmode is not valid, or the server's SSL does not meet "
            "it; {kept}.",
        ),
    ),
    (
        ("does not exist",),
        N_(
            "Cannot open {location}: the server has no such database or user; {kept}.",
        ),
    ),
    (
        ("no pg_hba.conf entry", "authentication failed"),
        N_(
            "The server of {location} does not let this user in; {kept}.",
        ),
    ),
    (
        (
            "connection refused",
            "could not connect",
            "no route to host",
            "timeout expired",
            "could not translate host name",
            "name or service not known",
            "connection failed",
        ),
        N_(
            "Cannot reach the database server of {location} (is it running?); {kept}.",
        ),
    ),
)


def server_failure(lowered: str, location: str, wording: Wording) -> DatabaseError | None:
    """The Accords error for a failure to reach or log in to a PostgreSQL server, if it is one."""
    if "connection" not in lowered and "fatal" not in lowered and "password" not in lowered:
        return None
    if any(marker in lowered for marker in NO_FREE_CONNECTION):
        # The server is up but has no connection to give (it said so before "connection
        # failed", which would read as a server that is down): busy, as a locked file is.
        return DatabaseBusyError(
            _("The database is busy; {kept}, try again.").format(kept=wording.kept)
        )
    for markers, message in SERVER_FAILURES:
        if any(marker in lowered for marker in markers):
            line = _(message).format(location=location, kept=_(wording.kept))
            return PasswordNeededError(line) if markers is PASSWORD_MARKERS else DatabaseError(line)
    return None
