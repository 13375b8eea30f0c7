"""Where Accords keeps its data, and how a --db argument becomes a SQLAlchemy URL."""

from __future__ import annotations

import os
import re
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
PASSWORD_IN_URL = re.compile(r"(://[^:/@]*:)[^@]*@")


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
    """Turn a path, a SQLite or PostgreSQL URL, ``$ACCORDS_DB`` or nothing into a database URL.

    Anything else is refused here, before anything is made.
    """
    chosen = target or os.environ.get(DB_ENVIRONMENT_VARIABLE) or str(default_database_path())
    if "://" in chosen:
        return _database_url(chosen)
    path = Path(chosen).expanduser().resolve()
    return URL.create("sqlite+pysqlite", database=str(path))


def _database_url(text: str) -> URL:
    try:
        url = make_url(text)
    except (exc.ArgumentError, ValueError):
        raise DatabaseError(
            _(
                "{given} is not a database URL; Accords opens a SQLite file (a path, or "
                "sqlite:///path) or postgresql://USER@HOST[:PORT]/DATABASE. Nothing was opened."
            ).format(given=masked(text))
        ) from None
    if url.get_backend_name() == "postgresql":
        return postgresql_url(url)
    if url.get_backend_name() != "sqlite":
        raise DatabaseError(
            _(
                "Accords opens SQLite files and PostgreSQL databases, not {system} ({given}). "
                "Nothing was opened or created."
            ).format(system=url.get_backend_name(), given=masked(text))
        )
    if url.drivername not in ("sqlite", "sqlite+pysqlite"):
        raise DatabaseError(
            _("Accords opens SQLite through pysqlite, not {drivername}.").format(
                drivername=url.drivername
            )
        )
    return url


def postgresql_url(url: URL) -> URL:
    """``url`` driven by psycopg 3, refused if it carries a password or names no database.

    A password on the command line shows in the process list and the shell's history;
    libpq reads it from PGPASSWORD, ~/.pgpass or a service file instead.
    """
    shown = url.render_as_string(hide_password=True)
    if url.drivername not in ("postgresql", "postgresql+psycopg"):
        raise DatabaseError(
            _(
                "Accords reaches PostgreSQL through psycopg 3 (postgresql://...), not {driver}; "
                "nothing was opened."
            ).format(driver=url.drivername)
        )
    if url.password is not None:
        raise DatabaseError(
            _(
                "{url} has a password in it; put it in PGPASSWORD or ~/.pgpass instead (a "
                "command line is seen by others). Nothing was opened."
            ).format(url=shown)
        )
    if not url.database:
        raise DatabaseError(
            _(
                "{url} names no database: postgresql://USER@HOST[:PORT]/DATABASE. "
                "Nothing was opened."
            ).format(url=shown)
        )
    return url.set(drivername="postgresql+psycopg")


def masked(text: str) -> str:
    """``text`` with any password between "://user:" and "@" replaced by ***."""
    return PASSWORD_IN_URL.sub(r"\1***@", text)


def is_postgresql(url: URL) -> bool:
    """Whether ``url`` names a PostgreSQL database."""
    return url.get_backend_name() == "postgresql"


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
