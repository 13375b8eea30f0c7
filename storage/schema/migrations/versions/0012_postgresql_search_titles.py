"""Titles in PostgreSQL's search table, so a search lists its first page from its matches

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-05

A search in title order (the list's own order) read the records in title order from their
index and looked up each one's search row until 256 matched: 23,568 lookups for a word that
8,008 records hold at 250,000 records, 66 ms against 11 for the matches alone. With each
search row holding its record's title, the page is the matches' first 256 by title, sorted
in memory, and no record beyond the page is read. SQLite keeps its search rows in title
order (0006) and is left as it is. The title is written with the rest of the row
(storage.records.pg_search), and `accords check` says if one differs from its record's.
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.add_column("record_search", sa.Column("title", sa.String(), nullable=True))
    op.execute(
        "UPDATE record_search SET title = records.title FROM records "
        "WHERE records.id = record_search.record_id"
    )
    op.alter_column("record_search", "title", nullable=False)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.drop_column("record_search", "title")
