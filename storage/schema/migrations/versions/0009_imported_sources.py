"""Sources a user imports: their files, the records they support, names' aliases, conflicts

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05

Until now the only source was the seeded article. A source now says what it was imported
from (media type, file name, when) and whether it had any text (a scanned PDF has none);
its original bytes are kept in ``source_files`` so that a quote can always be checked
against what was imported. A record may rest on several sources (``record_sources``),
filled here from the annotations that already tie records to sources. People and parties
get other names (``aliases``: transliterations, other scripts), and an annotation may
quote a value that differs from the one the record keeps (``conflicting_value``).

Existing sources were text: the seeded article keeps its own bytes (its text as read from
the seed's UTF-8 file) and its file name, and the seeded President his other spellings.
"""

import sqlalchemy as sa
from alembic import op

import storage.schema.types

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

SEEDED_ARTICLE = ("ukraine-canada-2025-08-24", "000_f2d8078ece297863.txt")
SEEDED_PRESIDENT = "volodymyr-zelensky"
# (name, folded): folded as storage.sources.alias_keys.fold did at this revision.
PRESIDENT_ALIASES = (
    ("Zelensky", "zelensky"),
    ("Zelenskyy", "zelenskyy"),
    ("Zelenskyi", "zelenskyi"),
    ("Zelenskiy", "zelenskiy"),
    ("Зеленський", "зеленський"),
    ("Volodymyr Zelenskyy", "volodymyr zelenskyy"),
    ("Volodymyr Zelenskyi", "volodymyr zelenskyi"),
    ("Володимир Зеленський", "володимир зеленський"),
)
SOURCE_BYTES = {"sqlite": "CAST(text AS BLOB)", "postgresql": "convert_to(text, 'UTF8')"}


def upgrade() -> None:
    op.add_column(
        "sources",
        sa.Column("media_type", sa.String(64), nullable=False, server_default="text/plain"),
    )
    op.add_column("sources", sa.Column("file_name", sa.String(), nullable=True))
    op.add_column(
        "sources", sa.Column("has_text", sa.Boolean(), nullable=False, server_default=sa.true())
    )
    op.add_column(
        "sources", sa.Column("imported_at", storage.schema.types.UtcDateTime(), nullable=True)
    )
    op.add_column("annotations", sa.Column("conflicting_value", sa.Text(), nullable=True))
    op.create_table(
        "source_files",
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["source_id"], ["sources.id"], name="fk_source_files_source_id_sources"
        ),
        sa.PrimaryKeyConstraint("source_id", name="pk_source_files"),
    )
    op.create_table(
        "record_sources",
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["record_id"], ["records.id"], name="fk_record_sources_record_id_records"
        ),
        sa.ForeignKeyConstraint(
            ["source_id"], ["sources.id"], name="fk_record_sources_source_id_sources"
        ),
        sa.PrimaryKeyConstraint("record_id", "source_id", name="pk_record_sources"),
    )
    op.create_index("ix_record_sources_source_id", "record_sources", ["source_id"])
    op.create_table(
        "aliases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("party_id", sa.Integer(), nullable=True),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("folded", sa.String(), nullable=False),
        sa.CheckConstraint(
            "(party_id IS NULL) <> (person_id IS NULL)", name=op.f("ck_aliases_one_owner")
        ),
        sa.ForeignKeyConstraint(["party_id"], ["parties.id"], name="fk_aliases_party_id_parties"),
        sa.ForeignKeyConstraint(["person_id"], ["persons.id"], name="fk_aliases_person_id_persons"),
        sa.PrimaryKeyConstraint("id", name="pk_aliases"),
        sa.UniqueConstraint("party_id", "folded", name="uq_aliases_party_id"),
        sa.UniqueConstraint("person_id", "folded", name="uq_aliases_person_id"),
    )
    op.create_index("ix_aliases_folded", "aliases", ["folded"])
    backfill()


def backfill() -> None:
    """What the sources, links and names already held say."""
    op.execute("UPDATE sources SET imported_at = created_at")
    slug, file_name = SEEDED_ARTICLE
    op.execute(
        sa.text("UPDATE sources SET file_name = :file WHERE slug = :slug").bindparams(
            file=file_name, slug=slug
        )
    )
    as_bytes = SOURCE_BYTES.get(op.get_bind().dialect.name, "CAST(text AS BLOB)")
    # The seeded article's bytes are its text as UTF-8 (the seed reads the file so); other
    # existing sources (generated ones) keep only their text, as before.
    op.execute(
        f"INSERT INTO source_files (source_id, content) SELECT id, {as_bytes} FROM sources "
        "WHERE EXISTS (SELECT 1 FROM seed_items WHERE key = 'source:' || sources.slug)"
    )
    op.execute(
        "INSERT INTO record_sources (record_id, source_id) SELECT DISTINCT record_id, source_id "
        "FROM annotations WHERE record_id IS NOT NULL AND deleted_at IS NULL"
    )
    insert = sa.text(
        "INSERT INTO aliases (person_id, name, folded) "
        "SELECT id, :name, :folded FROM persons WHERE slug = :slug"
    )
    for name, folded in PRESIDENT_ALIASES:
        op.execute(insert.bindparams(name=name, folded=folded, slug=SEEDED_PRESIDENT))


def downgrade() -> None:
    op.drop_index("ix_aliases_folded", table_name="aliases")
    op.drop_table("aliases")
    op.drop_index("ix_record_sources_source_id", table_name="record_sources")
    op.drop_table("record_sources")
    op.drop_table("source_files")
    if op.get_bind().dialect.name == "sqlite":
        # SQLite drops a column in place; batch mode would rebuild the table, which other
        # tables' foreign keys forbid.
        for column in ("media_type", "file_name", "has_text", "imported_at"):
            op.execute(f"ALTER TABLE sources DROP COLUMN {column}")
        op.execute("ALTER TABLE annotations DROP COLUMN conflicting_value")
        return
    for column in ("media_type", "file_name", "has_text", "imported_at"):
        op.drop_column("sources", column)
    op.drop_column("annotations", "conflicting_value")
