"""Putting a test database at an older schema revision, the way Alembic's commands do, and
comparing a database's schema with the models."""

from __future__ import annotations

import warnings
from typing import Any

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Connection, Engine

from storage.db import migrate
from storage.db.engine import writer
from storage.records.search_index import SEARCH_TABLES
from storage.schema.models import Base


def upgrade_to(engine: Engine, revision: str) -> None:
    """Run the migrations up to ``revision`` (from an empty database, or an older one)."""
    config = migrate._alembic_config()
    with writer(engine).begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def downgrade_to(engine: Engine, revision: str) -> None:
    """Undo the migrations after ``revision``."""
    config = migrate._alembic_config()
    with writer(engine).begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, revision)


def model_differences(connection: Connection) -> list[Any]:
    """What autogenerate finds between the database and the models, but for what it cannot
    compare: the search tables (FTS5, made by raw SQL, with no model) and the indexes on
    expressions, which SQLAlchemy does not reflect from SQLite and autogenerate skips,
    saying so (``test_expression_indexes_are_the_models_own`` compares those)."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "Skipped unsupported reflection of expression-based")
        warnings.filterwarnings("ignore", "autogenerate skipping metadata-specified expression")
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        diff = compare_metadata(context, Base.metadata)
    return [change for change in diff if not _is_search_table(change)]


def _is_search_table(change: Any) -> bool:
    if not isinstance(change, tuple):
        return False
    table = getattr(change[1], "name", None) or getattr(change[1], "table", None)
    name = table if isinstance(table, str) else getattr(table, "name", "")
    return name.startswith(SEARCH_TABLES)
