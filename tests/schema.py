"""Putting a test database at an older schema revision, the way Alembic's commands do."""

from __future__ import annotations

from alembic import command
from sqlalchemy import Engine

from storage import migrate
from storage.engine import writer


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
