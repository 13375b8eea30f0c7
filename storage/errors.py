"""Errors a user can cause, each carrying a plain one-line message for the window or the shell."""

from __future__ import annotations


class AccordsError(Exception):
    """Base of every error Accords reports to a user instead of a traceback."""


class NotFoundError(AccordsError):
    """A record, note, source or party the user named does not exist."""


class ValidationError(AccordsError):
    """A value the user gave is not acceptable; the message names the field and why."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class ConflictError(AccordsError):
    """Someone else changed the record since the caller read it; nothing was overwritten."""

    def __init__(self, message: str, *, expected_version: int, current_version: int) -> None:
        super().__init__(message)
        self.expected_version = expected_version
        self.current_version = current_version


class SeedError(AccordsError):
    """The seed file is malformed or quotes what the article does not say; nothing was imported."""


class ExportError(AccordsError):
    """An export could not be written; any earlier file at that path is untouched."""


class DatabaseError(AccordsError):
    """The database cannot be opened or written; what was saved before is kept."""


class DatabaseBusyError(DatabaseError):
    """Another window or process holds the write lock for longer than the busy timeout."""


class DatabaseDamagedError(DatabaseError):
    """The file is not a readable Accords database."""

    def __init__(self, message: str, *, kept_aside: object = None) -> None:
        super().__init__(message)
        self.kept_aside = kept_aside  # where the damaged file was moved, if it was


class PermissionRefusedError(DatabaseError):
    """The database server's grants refuse this user the change; nothing was changed."""


class PasswordNeededError(DatabaseError):
    """The server wants a password that libpq did not have, or refused the one it had."""


class NewerSchemaError(DatabaseError):
    """The database was written by a newer Accords; it is left unchanged."""


class NotAccordsError(DatabaseError):
    """The file is not an Accords database (another program's, or no database); left unchanged."""
