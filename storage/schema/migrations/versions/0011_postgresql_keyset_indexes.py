"""Sort indexes that end in the id, on PostgreSQL

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-05

A page is ordered by its sort key, then by id (keyset pagination needs a total order). On
SQLite an index on the key alone serves that order, as every SQLite index ends in the rowid;
a PostgreSQL index does not, so the planner read the whole table and sorted it for the first
page in kind, status, date, amount or due order: 15 to 203 ms at 250,000 records, and the
server's CPU was what ran out first in the load test at 50 analysts
(tests/benchmarks/README.md). With ``(key, id)`` indexes every page took 1.3 to 6.9 ms. The
expressions are those of 0007, written out again since migrations are frozen. SQLite is left
as it is.
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

INDEXES = {
    "ix_records_kind_id": "kind",
    "ix_records_status_id": "status",
    "ix_records_title_id": "title",
    "ix_records_updated_at_id": "updated_at",
    "ix_records_sort_date_id": "coalesce(signed_on, announced_on, DATE '0001-01-01')",
    "ix_records_sort_amount_id": "coalesce(CAST(coalesce(amount, quantity) AS FLOAT), -1.0)",
    "ix_records_sort_due_id": "coalesce(due_end, DATE '0001-01-01')",
}


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for name, expression in INDEXES.items():
        op.create_index(name, "records", [sa.text(f"({expression})"), sa.text("id")])


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for name in INDEXES:
        op.drop_index(name, table_name="records")
