"""Bring a database to the current schema, or refuse one written by a newer Accords."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text

from storage.db.engine import writer
from storage.errors import NewerSchemaError, NotAccordsError
from storage.i18n import _

if TYPE_CHECKING:
    from alembic.config import Config

# The newest migration; checked against the scripts by a test, so that opening an
# up-to-date database never has to import Alembic and parse the migration scripts.
SCHEMA_HEAD = "0012"
MIGRATIONS_FOLDER = Path(__file__).parent.parent / "schema" / "migrations"


def current_revision(connection: Connection) -> str | None:
    """The schema revision recorded in the database, or None for an empty one."""
    if not inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def pending(engine: Engine) -> str | None:
    """The revision a database is at if it needs migrating, "" if empty, None if current."""
    with engine.connect() as connection:
        revision = current_revision(connection)
        names = set(inspect(connection).get_table_names())
        # Tables without Alembic's, or Alembic's without records: another program's.
        if names and (revision is None or "records" not in names):
            raise NotAccordsError(
                _(
                    "{location} holds tables but is not an Accords database; nothing was changed."
                ).format(location=engine.url.render_as_string(hide_password=True))
            )
    if revision == SCHEMA_HEAD:
        return None
    if revision is not None and revision not in known_revisions():
        raise NewerSchemaError(
            _(
                "{value} was written by a newer version of Accords (schema "
                "{revision}); it was left unchanged. Update Accords to open it."
            ).format(value=engine.url.database or engine.url, revision=revision)
        )
    return revision or ""


def upgrade(engine: Engine) -> None:
    """Run every pending migration in one transaction."""
    from alembic import command

    config = _alembic_config()
    with writer(engine).begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def known_revisions() -> set[str]:
    """Every revision this version of Accords has a migration for."""
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(_alembic_config())
    return {script.revision for script in scripts.walk_revisions()}


def head_revision() -> str | None:
    """The newest revision among the migration scripts."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_alembic_config()).get_current_head()


def _alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_FOLDER))
    return config
