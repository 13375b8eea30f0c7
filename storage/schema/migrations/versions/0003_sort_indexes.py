"""Indexes for sorting by kind, status and last change

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28

With them the first page in those orders reads an index instead of sorting every record.
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

INDEXES = {
    "ix_records_kind": "kind",
    "ix_records_status": "status",
    "ix_records_updated_at": "updated_at",
}


def upgrade() -> None:
    for name, column in INDEXES.items():
        op.create_index(name, "records", [column])


def downgrade() -> None:
    for name in INDEXES:
        op.drop_index(name, table_name="records")
