"""Where Accords keeps its data, and how a --db argument becomes a SQLAlchemy URL."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_path
from sqlalchemy.engine import URL, make_url

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
    """Turn a path, a SQLAlchemy URL, ``$ACCORDS_DB`` or nothing into a database URL."""
    chosen = target or os.environ.get(DB_ENVIRONMENT_VARIABLE) or str(default_database_path())
    if "://" in chosen:
        return make_url(chosen)
    path = Path(chosen).expanduser().resolve()
    return URL.create("sqlite+pysqlite", database=str(path))


def sqlite_file(url: URL) -> Path | None:
    """The file behind a SQLite URL, or None for other backends and in-memory databases."""
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return Path(str(url.database))
