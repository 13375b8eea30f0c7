"""Where Accords keeps its data, and how a --db argument becomes a SQLAlchemy URL."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import unquote, urlsplit

from platformdirs import user_data_path
from sqlalchemy import exc
from sqlalchemy.engine import URL, make_url

from storage.errors import DatabaseError
from storage.i18n import _

APP_NAME = "Accords"
DATABASE_FILENAME = "accords.sqlite3"
DB_ENVIRONMENT_VARIABLE = "ACCORDS_DB"
DATA_ENVIRONMENT_VARIABLE = "ACCORDS_DATA_DIR"


def data_folder() -> Path:
    """The user's Accords data folder (created on demand), overridable for tests and portables."""
    override = os.environ.get(DATA_ENVIRONMENT_VARIABLE)
    folder = Path(override) if override else user_data_path(APP_NAME, appauthor=False)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def default_database_path() -> Path:
    """The embedded SQLite file used when no database is named."""
    return data_folder() / DATABASE_FILENAME


def resolve_database_url(target: str | None = None) -> URL:
    """Turn a path, a SQLite URL, ``$ACCORDS_DB`` or nothing into a database URL.

    Only SQLite is opened for now: any other URL is refused here, before anything is made.
    """
    chosen = target or os.environ.get(DB_ENVIRONMENT_VARIABLE) or str(default_database_path())
    if "://" in chosen:
        return _sqlite_url(chosen)
    path = Path(chosen).expanduser().resolve()
    return URL.create("sqlite+pysqlite", database=str(path))


def _sqlite_url(text: str) -> URL:
    try:
        url = make_url(text)
    except (exc.ArgumentError, ValueError):
        raise DatabaseError(
            "That is not a database URL; Accords opens SQLite files (a path, or sqlite:///path)."
        ) from None
    if url.get_backend_name() != "sqlite":
        system = "PostgreSQL" if url.get_backend_name() == "postgresql" else url.get_backend_name()
        raise DatabaseError(
            _(
                "Accords opens SQLite files; {system} support is not available yet. "
                "Nothing was opened or created."
            ).format(system=system)
        )
    if url.drivername not in ("sqlite", "sqlite+pysqlite"):
        raise DatabaseError(
            _("Accords opens SQLite through pysqlite, not {drivername}.").format(
                drivername=url.drivername
            )
        )
    return url


def read_only_url(path: Path, *, immutable: bool) -> URL:
    """A URL that opens ``path`` read-only; ``immutable`` also skips locks and the WAL files."""
    query = {"mode": "ro", "uri": "true", **({"immutable": "1"} if immutable else {})}
    return URL.create("sqlite+pysqlite", database=path.resolve().as_uri(), query=query)


def is_read_only(url: URL) -> bool:
    """Whether ``url`` opens its database read-only (``read_only_url``)."""
    return url.query.get("mode") == "ro"


def sqlite_file(url: URL) -> Path | None:
    """The file behind a SQLite URL, or None for other backends and in-memory databases."""
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    if url.query.get("uri") == "true" and url.database.startswith("file:"):
        return Path(unquote(urlsplit(url.database).path))
    return Path(str(url.database))
