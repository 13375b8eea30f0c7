"""Exchange rates and finding dismissals

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28

Exchange rates the analyst enters (pair, rate, day, where the rate comes from), used to
show totals in one reporting currency, and the reasons data-quality findings were dismissed.
"""

import sqlalchemy as sa
from alembic import op

import storage.schema.types

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "exchange_rates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("from_currency", sa.String(length=3), nullable=False),
        sa.Column("to_currency", sa.String(length=3), nullable=False),
        sa.Column("rate", storage.schema.types.DecimalText(length=64), nullable=False),
        sa.Column("on_date", sa.Date(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("created_at", storage.schema.types.UtcDateTime(), nullable=False),
        sa.Column("updated_at", storage.schema.types.UtcDateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "from_currency <> to_currency", name=op.f("ck_exchange_rates_two_currencies")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exchange_rates")),
        sa.UniqueConstraint(
            "from_currency",
            "to_currency",
            "on_date",
            name=op.f("uq_exchange_rates_from_currency"),
        ),
    )
    op.create_table(
        "finding_dismissals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("rule", sa.String(length=64), nullable=False),
        sa.Column("record_slug", sa.String(), nullable=False),
        sa.Column("field", sa.String(length=64), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("dismissed_at", storage.schema.types.UtcDateTime(), nullable=False),
        sa.Column("dismissed_by", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_finding_dismissals")),
        sa.UniqueConstraint(
            "rule", "record_slug", "field", name=op.f("uq_finding_dismissals_rule")
        ),
    )


def downgrade() -> None:
    op.drop_table("finding_dismissals")
    op.drop_table("exchange_rates")
