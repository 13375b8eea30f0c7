"""Search tables in title order, split into listed and unlisted records

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29

A search showed its first page in title order by reading and sorting every match from the
records table: 20 to 50 ms for a common word at 250,000 records, 20 to 30 times a raw FTS5
query. Each record now has a ``title_order`` that increases with (title, id), and the
search rows use it as their row id, so the first page is the first rows of an FTS5 scan.
Records the list shows (live, not provisions) have their own table, so a search's count is
FTS5's own. The rows are copied from ``records_fts``, not recomputed from the records.
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

TABLES = {
    "listed_fts": "records.deleted_at IS NULL AND records.kind != 'provision'",
    "unlisted_fts": "NOT (records.deleted_at IS NULL AND records.kind != 'provision')",
}
COLUMNS = "title, summary, notes, quotes"
CREATE = (
    "CREATE VIRTUAL TABLE {name} USING fts5("
    "title, summary, notes, quotes, tokenize = 'unicode61 remove_diacritics 2')"
)
TITLE_GAP = 1 << 40
LAST_ORDER = 1 << 62


# PostgreSQL's search table (storage.records.pg_search): one row per record, its words as
# FTS5 cuts and folds them, and whether the records list shows it (the count's condition).
# Its rows are written by the storage layer, as FTS5's are; none exist yet at this revision.
POSTGRESQL_SEARCH = """CREATE TABLE record_search (
  record_id integer PRIMARY KEY REFERENCES records (id) ON DELETE CASCADE,
  listed boolean NOT NULL,
  document tsvector NOT NULL)"""
POSTGRESQL_SEARCH_INDEX = (
    "CREATE INDEX ix_record_search_document ON record_search USING gin (document)"
)


def upgrade() -> None:
    # PostgreSQL's INTEGER has 32 bits; the orders go up to 2**62 (SQLite's has 64).
    wide = sa.BigInteger() if op.get_bind().dialect.name == "postgresql" else sa.Integer()
    op.add_column("records", sa.Column("title_order", wide, nullable=True))
    if op.get_bind().dialect.name != "sqlite":
        op.create_index("ix_records_title_order", "records", ["title_order"], unique=True)
        if op.get_bind().dialect.name == "postgresql":
            # Numbered as on SQLite below; the search rows are written by the storage layer.
            count = op.get_bind().execute(sa.text("SELECT count(*) FROM records")).scalar() or 0
            step = min(TITLE_GAP, LAST_ORDER // (count + 1))
            op.execute(
                "UPDATE records SET title_order = numbered.place FROM (SELECT id, "
                f"row_number() OVER (ORDER BY title, id) * {step} AS place FROM records) "
                "AS numbered WHERE records.id = numbered.id"
            )
            op.execute(POSTGRESQL_SEARCH)
            op.execute(POSTGRESQL_SEARCH_INDEX)
        return
    count = op.get_bind().execute(sa.text("SELECT count(*) FROM records")).scalar() or 0
    step = min(TITLE_GAP, LAST_ORDER // (count + 1))
    op.execute("CREATE TEMP TABLE numbered (id INTEGER PRIMARY KEY, title_order INTEGER)")
    op.execute(
        "INSERT INTO temp.numbered "
        f"SELECT id, row_number() OVER (ORDER BY title, id) * {step} FROM records"
    )
    op.execute(
        "UPDATE records SET title_order = numbered.title_order "
        "FROM temp.numbered WHERE records.id = numbered.id"
    )
    op.execute("DROP TABLE temp.numbered")
    op.create_index("ix_records_title_order", "records", ["title_order"], unique=True)
    for name, condition in TABLES.items():
        op.execute(CREATE.format(name=name))
        op.execute(
            f"INSERT INTO {name} (rowid, {COLUMNS}) "
            "SELECT records.title_order, found.title, found.summary, found.notes, found.quotes "
            "FROM records_fts AS found JOIN records ON records.id = found.rowid "
            f"WHERE {condition} ORDER BY records.title_order"
        )
    op.execute("DROP TABLE records_fts")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TABLE record_search")
    if op.get_bind().dialect.name == "sqlite":
        op.execute(CREATE.format(name="records_fts"))
        for name in TABLES:
            op.execute(
                f"INSERT INTO records_fts (rowid, {COLUMNS}) "
                "SELECT records.id, found.title, found.summary, found.notes, found.quotes "
                f"FROM {name} AS found JOIN records ON records.title_order = found.rowid"
            )
            op.execute(f"DROP TABLE {name}")
    op.drop_index("ix_records_title_order", table_name="records")
    op.drop_column("records", "title_order")
