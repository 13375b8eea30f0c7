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
"""

import sqlalchemy as sa
from alembic import op

import storage.types

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


def status_changes() -> sa.Table:
    """The status_changes table at this revision."""
    return sa.Table(
        "status_changes",
        sa.MetaData(),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("from_status", sa.String(length=32), nullable=True),
        sa.Column("to_status", sa.String(length=32), nullable=False),
        sa.Column("changed_at", storage.types.UtcDateTime(), nullable=False),
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


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        # SQLite drops a column in place, without rebuilding the table.
        op.execute("ALTER TABLE status_changes DROP COLUMN effective_on")
        return
    op.drop_column("status_changes", "effective_on")
