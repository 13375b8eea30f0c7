"""Who made each change, and a notice of every change to the windows open on PostgreSQL

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-05

A status change always said who made it (``changed_by``); an edit of a record or a note did
not. A record now keeps who last changed it (``records.updated_by``), a note who wrote its
current text (``notes.updated_by``) and each earlier text who wrote it
(``note_revisions.written_by``): the database user on PostgreSQL, the login name on SQLite.
Nobody knows who made the changes before this revision, so existing rows keep NULL, which
the window shows as nothing. Adding a nullable column rewrites no table on either engine.

On PostgreSQL, every statement that changes records, notes or what a record shows from
other tables now notifies the channel ``accords_changes`` (storage.live), so that every
open window sees the change within a second: with the ids of the records it changed (at
most 100; "" for more, or for rows of no record). Statement triggers, one notification per
statement, so that a bulk insert or copy pays once and not once per row.
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

COLUMNS = (
    ("records", "updated_by"),
    ("notes", "updated_by"),
    ("note_revisions", "written_by"),
)


CHANNEL = "accords_changes"
LISTED_IDS = 100
# Tables whose rows belong to a record: (table, the column naming the record).
WITH_IDS = (("records", "id"), ("notes", "record_id"))
# Tables whose changes show in records, notified as "something changed".
WITHOUT_IDS = (
    "status_changes",
    "annotations",
    "deliveries",
    "record_tags",
    "pledge_categories",
    "record_parties",
    "relations",
    "signatories",
    "record_sources",
    "parties",
    "exchange_rates",
)
EVENTS = {"insert": "NEW", "update": "NEW", "delete": "OLD"}


def notify_with_ids(column: str) -> str:
    return (
        f"CREATE FUNCTION accords_notify_{column}() RETURNS trigger LANGUAGE plpgsql AS $$ "
        "DECLARE ids text[]; BEGIN "
        f"ids := ARRAY(SELECT DISTINCT {column}::text FROM changed LIMIT {LISTED_IDS + 1}); "
        "IF cardinality(ids) > 0 THEN PERFORM pg_notify("
        f"'{CHANNEL}', CASE WHEN cardinality(ids) > {LISTED_IDS} THEN '' "
        "ELSE array_to_string(ids, ',') END); END IF; RETURN NULL; END $$"
    )


NOTIFY_ANY = (
    "CREATE FUNCTION accords_notify_any() RETURNS trigger LANGUAGE plpgsql AS $$ "
    f"BEGIN PERFORM pg_notify('{CHANNEL}', ''); RETURN NULL; END $$"
)


def upgrade() -> None:
    for table, column in COLUMNS:
        op.add_column(table, sa.Column(column, sa.String(), nullable=True))
    if op.get_bind().dialect.name != "postgresql":
        return
    for column in sorted({column for _table, column in WITH_IDS}):
        op.execute(notify_with_ids(column))
    for table, column in WITH_IDS:
        for event, row in EVENTS.items():
            op.execute(
                f"CREATE TRIGGER {table}_notify_{event} AFTER {event.upper()} ON {table} "
                f"REFERENCING {row} TABLE AS changed FOR EACH STATEMENT "
                f"EXECUTE FUNCTION accords_notify_{column}()"
            )
    op.execute(NOTIFY_ANY)
    for table in WITHOUT_IDS:
        op.execute(
            f"CREATE TRIGGER {table}_notify AFTER INSERT OR UPDATE OR DELETE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION accords_notify_any()"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in WITHOUT_IDS:
            op.execute(f"DROP TRIGGER {table}_notify ON {table}")
        for table, _column in WITH_IDS:
            for event in EVENTS:
                op.execute(f"DROP TRIGGER {table}_notify_{event} ON {table}")
        op.execute("DROP FUNCTION accords_notify_any()")
        for column in sorted({column for _table, column in WITH_IDS}):
            op.execute(f"DROP FUNCTION accords_notify_{column}()")
    for table, column in reversed(COLUMNS):
        # SQLite drops a column in place; batch mode would rebuild the table, which other
        # tables' foreign keys forbid.
        op.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
