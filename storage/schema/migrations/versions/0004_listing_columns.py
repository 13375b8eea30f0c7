"""Listing columns kept by triggers

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28

A records-table row shows the record's parties, the start of its latest note and what has
been delivered against it. Reading those from three other tables for every page cost more
than reading the page itself, so each record now carries them, the way a mail client keeps
a message's sender and preview on its row. SQLite triggers keep them current whoever
writes (the window, the command line, seeding, generation, a restore), and the columns are
filled once here for existing records.
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

NOTE_PREVIEW_CHARS = 300
COLUMN_DEFAULTS = {"parties_label": "", "note_preview": "", "delivered_measures": "[]"}

PARTIES_LABEL = """
CASE WHEN records.kind = 'pledge' THEN
  coalesce((SELECT name FROM parties WHERE parties.id = records.donor_id), '?') || ' → ' ||
  coalesce((SELECT name FROM parties WHERE parties.id = records.recipient_id), '?')
ELSE coalesce((SELECT group_concat(name, ', ') FROM (
  SELECT parties.name FROM record_parties JOIN parties ON parties.id = record_parties.party_id
  WHERE record_parties.record_id = records.id ORDER BY parties.id)), '')
END"""
NOTE_PREVIEW = f"""
coalesce((SELECT substr(body, 1, {NOTE_PREVIEW_CHARS}) FROM notes
  WHERE notes.record_id = records.id ORDER BY updated_at DESC, id DESC LIMIT 1), '')"""
DELIVERED_MEASURES = """
(SELECT json_group_array(coalesce(amount, quantity, '0')) FROM deliveries
  WHERE deliveries.pledge_id = records.id AND deliveries.deleted_at IS NULL)"""

SET_LABEL = f"UPDATE records SET parties_label = {PARTIES_LABEL}"
SET_NOTE = f"UPDATE records SET note_preview = {NOTE_PREVIEW}"
SET_DELIVERED = f"UPDATE records SET delivered_measures = {DELIVERED_MEASURES}"

# name: (event, statement run for the record(s) concerned)
TRIGGERS = {
    "records_label_on_insert": (
        "AFTER INSERT ON records WHEN NEW.kind = 'pledge'",
        f"{SET_LABEL} WHERE id = NEW.id",
    ),
    "records_label_on_change": (
        "AFTER UPDATE OF kind, donor_id, recipient_id ON records",
        f"{SET_LABEL} WHERE id = NEW.id",
    ),
    "record_parties_label_on_insert": (
        "AFTER INSERT ON record_parties",
        f"{SET_LABEL} WHERE id = NEW.record_id",
    ),
    "record_parties_label_on_delete": (
        "AFTER DELETE ON record_parties",
        f"{SET_LABEL} WHERE id = OLD.record_id",
    ),
    "parties_label_on_rename": (
        "AFTER UPDATE OF name ON parties",
        f"{SET_LABEL} WHERE donor_id = NEW.id OR recipient_id = NEW.id OR id IN "
        "(SELECT record_id FROM record_parties WHERE party_id = NEW.id)",
    ),
    "notes_preview_on_insert": (
        "AFTER INSERT ON notes",
        f"{SET_NOTE} WHERE id = NEW.record_id",
    ),
    "notes_preview_on_update": (
        "AFTER UPDATE OF body, updated_at, record_id ON notes",
        f"{SET_NOTE} WHERE id IN (NEW.record_id, OLD.record_id)",
    ),
    "notes_preview_on_delete": (
        "AFTER DELETE ON notes",
        f"{SET_NOTE} WHERE id = OLD.record_id",
    ),
    "deliveries_measures_on_insert": (
        "AFTER INSERT ON deliveries",
        f"{SET_DELIVERED} WHERE id = NEW.pledge_id",
    ),
    "deliveries_measures_on_update": (
        "AFTER UPDATE OF amount, quantity, deleted_at, pledge_id ON deliveries",
        f"{SET_DELIVERED} WHERE id IN (NEW.pledge_id, OLD.pledge_id)",
    ),
    "deliveries_measures_on_delete": (
        "AFTER DELETE ON deliveries",
        f"{SET_DELIVERED} WHERE id = OLD.pledge_id",
    ),
}


def upgrade() -> None:
    for name, default in COLUMN_DEFAULTS.items():
        op.add_column("records", sa.Column(name, sa.Text(), server_default=default, nullable=False))
    if op.get_bind().dialect.name == "postgresql":
        postgresql_upgrade()
        return
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute(
        "UPDATE records SET "
        f"parties_label = {PARTIES_LABEL}, note_preview = {NOTE_PREVIEW}, "
        f"delivered_measures = {DELIVERED_MEASURES}"
    )
    for name, (event, statement) in TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {event} BEGIN {statement}; END")


def postgresql_upgrade() -> None:
    """The same columns and triggers on PostgreSQL: a PL/pgSQL function per trigger."""
    op.execute(
        "UPDATE records SET "
        f"parties_label = {aliased(PARTIES_LABEL)}, note_preview = {NOTE_PREVIEW}, "
        f"delivered_measures = {DELIVERED_MEASURES}"
    )
    for name, (event, statement) in TRIGGERS.items():
        create_postgresql_trigger(name, event, aliased(statement))


def aliased(statement: str) -> str:
    """PostgreSQL 15 wants a name for the subquery that orders the parties."""
    return statement.replace("ORDER BY parties.id))", "ORDER BY parties.id) AS named)")


def create_postgresql_trigger(name: str, event: str, statement: str) -> None:
    """SQLite's trigger ``event`` / ``statement`` as a row trigger and its function."""
    event, _, condition = event.partition(" WHEN ")
    when = f" WHEN ({condition})" if condition else ""
    op.execute(
        f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS "
        f"$$ BEGIN {statement}; RETURN NULL; END $$"
    )
    op.execute(f"DROP TRIGGER IF EXISTS {name} ON {event.split(' ON ')[-1]}")
    op.execute(f"CREATE TRIGGER {name} {event} FOR EACH ROW{when} EXECUTE FUNCTION {name}()")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for name, (event, _statement) in TRIGGERS.items():
            op.execute(f"DROP TRIGGER {name} ON {event.partition(' WHEN ')[0].split(' ON ')[-1]}")
            op.execute(f"DROP FUNCTION {name}()")
    if op.get_bind().dialect.name == "sqlite":
        for name in TRIGGERS:
            op.execute(f"DROP TRIGGER {name}")
        # SQLite drops a column in place; batch mode would rebuild the table, which
        # other tables' foreign keys forbid.
        for column in COLUMN_DEFAULTS:
            op.execute(f"ALTER TABLE records DROP COLUMN {column}")
        return
    for column in COLUMN_DEFAULTS:
        op.drop_column("records", column)
