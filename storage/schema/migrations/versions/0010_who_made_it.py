"""Who made each change: a record's last editor, a note's writer, a revision's writer

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-05

A status change always said who made it (``changed_by``); an edit of a record or a note did
not. A record now keeps who last changed it (``records.updated_by``), a note who wrote its
current text (``notes.updated_by``) and each earlier text who wrote it
(``note_revisions.written_by``): the database user on PostgreSQL, the login name on SQLite.
Nobody knows who made the changes before this revision, so existing rows keep NULL, which
the window shows as nothing. Adding a nullable column rewrites no table on either engine.
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


def upgrade() -> None:
    for table, column in COLUMNS:
        op.add_column(table, sa.Column(column, sa.String(), nullable=True))


def downgrade() -> None:
    for table, column in reversed(COLUMNS):
        # SQLite drops a column in place; batch mode would rebuild the table, which other
        # tables' foreign keys forbid.
        op.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
