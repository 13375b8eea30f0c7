"""The day each status took effect, apart from when it was recorded

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04

A status change only had the time it was recorded, so a document seeded today showed
"Signed since" today beside "Signed on 24 August 2025". Each change now has the day the
status took effect. Existing changes are filled with what is known: a status the seed set
took effect on the record's own date (signing or announcement, else its document's, else the
date of the article it came from), any other on the day it was recorded. The table is then
rebuilt from its definition here, as it is at this revision (migrations are frozen), to make
the new column NOT NULL; no other table refers to it.

Each record also keeps its current status's day, kept by a trigger as the listing columns
are (0004), and a document's parties are joined with "; " like every other list, in the
table as in the CSV export, where they were joined with ", ".
"""

import sqlalchemy as sa
from alembic import op

import storage.schema.types

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

SEEDED_DAY = """
CASE WHEN status_changes.from_status IS NULL AND EXISTS (
  SELECT 1 FROM records JOIN seed_items ON seed_items.key = 'record:' || records.slug
  WHERE records.id = status_changes.record_id)
THEN (SELECT coalesce(records.signed_on, records.announced_on, parent.signed_on,
    parent.announced_on, source.published_on)
  FROM records LEFT JOIN records AS parent ON parent.id = records.parent_id
  LEFT JOIN sources AS source ON source.id = status_changes.evidence_source_id
  WHERE records.id = status_changes.record_id)
END"""
RECORDED_DAY = {"sqlite": "date(changed_at)"}

# The record keeps its current status's day, as it keeps its parties (0004), so that the
# CSV export reads it from the record's row and not from the history, record by record.
SET_STATUS_DAY = """UPDATE records SET status_effective_on = (
  SELECT effective_on FROM status_changes WHERE status_changes.record_id = records.id
  ORDER BY status_changes.id DESC LIMIT 1)"""
STATUS_DAY_TRIGGER = (
    "CREATE TRIGGER status_changes_day_on_insert AFTER INSERT ON status_changes BEGIN "
    "UPDATE records SET status_effective_on = NEW.effective_on WHERE id = NEW.record_id; END"
)

# A document's parties were joined with ", ", where every other list has "; ". These are
# 0004's statements with that separator as a parameter.
PARTIES_LABEL = """
CASE WHEN records.kind = 'pledge' THEN
  coalesce((SELECT name FROM parties WHERE parties.id = records.donor_id), '?') || ' → ' ||
  coalesce((SELECT name FROM parties WHERE parties.id = records.recipient_id), '?')
ELSE coalesce((SELECT group_concat(name, '{separator}') FROM (
  SELECT parties.name FROM record_parties JOIN parties ON parties.id = record_parties.party_id
  WHERE record_parties.record_id = records.id ORDER BY parties.id)), '')
END"""
SET_LABEL = "UPDATE records SET parties_label = " + PARTIES_LABEL
LABEL_TRIGGERS = {
    "records_label_on_insert": (
        "AFTER INSERT ON records WHEN NEW.kind = 'pledge'",
        "WHERE id = NEW.id",
    ),
    "records_label_on_change": (
        "AFTER UPDATE OF kind, donor_id, recipient_id ON records",
        "WHERE id = NEW.id",
    ),
    "record_parties_label_on_insert": (
        "AFTER INSERT ON record_parties",
        "WHERE id = NEW.record_id",
    ),
    "record_parties_label_on_delete": (
        "AFTER DELETE ON record_parties",
        "WHERE id = OLD.record_id",
    ),
    "parties_label_on_rename": (
        "AFTER UPDATE OF name ON parties",
        "WHERE donor_id = NEW.id OR recipient_id = NEW.id OR id IN "
        "(SELECT record_id FROM record_parties WHERE party_id = NEW.id)",
    ),
}


def status_changes() -> sa.Table:
    """The status_changes table at this revision."""
    return sa.Table(
        "status_changes",
        sa.MetaData(),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("from_status", sa.String(length=32), nullable=True),
        sa.Column("to_status", sa.String(length=32), nullable=False),
        sa.Column("changed_at", storage.schema.types.UtcDateTime(), nullable=False),
        sa.Column("changed_by", sa.String(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("evidence_source_id", sa.Integer(), nullable=True),
        sa.Column("effective_on", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["evidence_source_id"],
            ["sources.id"],
            name="fk_status_changes_evidence_source_id_sources",
        ),
        sa.ForeignKeyConstraint(
            ["record_id"], ["records.id"], name="fk_status_changes_record_id_records"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_status_changes"),
        sa.Index("ix_status_changes_record_id", "record_id"),
    )


def upgrade() -> None:
    op.add_column("status_changes", sa.Column("effective_on", sa.Date(), nullable=True))
    dialect = op.get_bind().dialect.name
    recorded = RECORDED_DAY.get(dialect, "CAST(changed_at AS DATE)")
    op.execute(f"UPDATE status_changes SET effective_on = coalesce({SEEDED_DAY}, {recorded})")
    with op.batch_alter_table("status_changes", copy_from=status_changes()) as batch_op:
        batch_op.alter_column("effective_on", existing_type=sa.Date(), nullable=False)
    op.add_column("records", sa.Column("status_effective_on", sa.Date(), nullable=True))
    if dialect == "postgresql":
        postgresql_upgrade()
        return
    if dialect != "sqlite":
        return
    op.execute(SET_STATUS_DAY)
    op.execute(STATUS_DAY_TRIGGER)
    relabel("; ")


def postgresql_upgrade() -> None:
    """The status day's trigger, and documents' parties joined with "; ", on PostgreSQL."""
    op.execute(SET_STATUS_DAY)
    op.execute(
        "CREATE FUNCTION status_changes_day_on_insert() RETURNS trigger LANGUAGE plpgsql AS "
        "$$ BEGIN UPDATE records SET status_effective_on = NEW.effective_on "
        "WHERE id = NEW.record_id; RETURN NULL; END $$"
    )
    op.execute(
        "CREATE TRIGGER status_changes_day_on_insert AFTER INSERT ON status_changes "
        "FOR EACH ROW EXECUTE FUNCTION status_changes_day_on_insert()"
    )
    # PostgreSQL 15 wants a name for the subquery that orders the parties.
    statement = SET_LABEL.format(separator="; ").replace(
        "ORDER BY parties.id))", "ORDER BY parties.id) AS named)"
    )
    for name, (_event, where) in LABEL_TRIGGERS.items():
        # The triggers stay (0004's); their functions change.
        op.execute(
            f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS "
            f"$$ BEGIN {statement} {where}; RETURN NULL; END $$"
        )
    op.execute(f"{statement} WHERE kind != 'pledge' AND parties_label != ''")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        relabel(", ")
        op.execute("DROP TRIGGER status_changes_day_on_insert")
        # SQLite drops a column in place; batch mode would rebuild the table, which
        # other tables' foreign keys forbid.
        op.execute("ALTER TABLE records DROP COLUMN status_effective_on")
        op.execute("ALTER TABLE status_changes DROP COLUMN effective_on")
        return
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER status_changes_day_on_insert ON status_changes")
        op.execute("DROP FUNCTION status_changes_day_on_insert()")
        statement = SET_LABEL.format(separator=", ").replace(
            "ORDER BY parties.id))", "ORDER BY parties.id) AS named)"
        )
        for name, (_event, where) in LABEL_TRIGGERS.items():
            op.execute(
                f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS "
                f"$$ BEGIN {statement} {where}; RETURN NULL; END $$"
            )
        op.execute(f"{statement} WHERE kind != 'pledge' AND parties_label != ''")
    op.drop_column("records", "status_effective_on")
    op.drop_column("status_changes", "effective_on")


def relabel(separator: str) -> None:
    """Join documents' parties with ``separator``, now and in the triggers that keep them."""
    statement = SET_LABEL.format(separator=separator)
    for name, (event, where) in LABEL_TRIGGERS.items():
        op.execute(f"DROP TRIGGER {name}")
        op.execute(f"CREATE TRIGGER {name} {event} BEGIN {statement} {where}; END")
    op.execute(f"{statement} WHERE kind != 'pledge' AND parties_label != ''")
