"""Initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-28

Tables for sources, parties, people, records, statuses, notes and annotations, and the
FTS5 index over titles, summaries, notes and quotes.
"""

import sqlalchemy as sa
from alembic import op

import storage.schema.types

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "parties",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("created_at", storage.schema.types.UtcDateTime(), nullable=False),
        sa.Column("updated_at", storage.schema.types.UtcDateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["parent_id"], ["parties.id"], name=op.f("fk_parties_parent_id_parties")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_parties")),
        sa.UniqueConstraint("slug", name=op.f("uq_parties_slug")),
    )
    op.create_table(
        "persons",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("created_at", storage.schema.types.UtcDateTime(), nullable=False),
        sa.Column("updated_at", storage.schema.types.UtcDateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_persons")),
        sa.UniqueConstraint("slug", name=op.f("uq_persons_slug")),
    )
    op.create_table(
        "seed_items",
        sa.Column("key", sa.String(), nullable=False),
        sa.Column("applied_at", storage.schema.types.UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_seed_items")),
    )
    op.create_table(
        "roles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("party_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("created_at", storage.schema.types.UtcDateTime(), nullable=False),
        sa.Column("updated_at", storage.schema.types.UtcDateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["party_id"], ["parties.id"], name=op.f("fk_roles_party_id_parties")
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["persons.id"], name=op.f("fk_roles_person_id_persons")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_roles")),
        sa.UniqueConstraint("person_id", "party_id", "title", name=op.f("uq_roles_person_id")),
        sa.UniqueConstraint("slug", name=op.f("uq_roles_slug")),
    )
    op.create_table(
        "sources",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(), nullable=False),
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("publisher", sa.String(), nullable=True),
        sa.Column("url", sa.String(), nullable=True),
        sa.Column("published_on", sa.Date(), nullable=True),
        sa.Column("language", sa.String(length=16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("reported_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", storage.schema.types.UtcDateTime(), nullable=False),
        sa.Column("updated_at", storage.schema.types.UtcDateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["reported_by_id"], ["parties.id"], name=op.f("fk_sources_reported_by_id_parties")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sources")),
        sa.UniqueConstraint("slug", name=op.f("uq_sources_slug")),
    )
    op.create_table(
        "records",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.Column("status_since", storage.schema.types.UtcDateTime(), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("deleted_at", storage.schema.types.UtcDateTime(), nullable=True),
        sa.Column("document_kind", sa.String(length=32), nullable=True),
        sa.Column("binding", sa.String(length=16), nullable=True),
        sa.Column("signed_on", sa.Date(), nullable=True),
        sa.Column("donor_id", sa.Integer(), nullable=True),
        sa.Column("recipient_id", sa.Integer(), nullable=True),
        sa.Column("amount", storage.schema.types.DecimalText(length=64), nullable=True),
        sa.Column("currency", sa.String(length=3), nullable=True),
        sa.Column("currency_as_written", sa.String(length=64), nullable=True),
        sa.Column("qualifier", sa.String(length=16), nullable=True),
        sa.Column("quantity", storage.schema.types.DecimalText(length=64), nullable=True),
        sa.Column("unit", sa.String(length=64), nullable=True),
        sa.Column("equivalent_amount", storage.schema.types.DecimalText(length=64), nullable=True),
        sa.Column("equivalent_as_written", sa.String(length=64), nullable=True),
        sa.Column("announced_on", sa.Date(), nullable=True),
        sa.Column("announced_by_id", sa.Integer(), nullable=True),
        sa.Column("due_start", sa.Date(), nullable=True),
        sa.Column("due_end", sa.Date(), nullable=True),
        sa.Column("due_precision", sa.String(length=16), nullable=True),
        sa.Column("from_document_id", sa.Integer(), nullable=True),
        sa.Column("created_at", storage.schema.types.UtcDateTime(), nullable=False),
        sa.Column("updated_at", storage.schema.types.UtcDateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('document', 'provision', 'pledge')", name=op.f("ck_records_kind")
        ),
        sa.CheckConstraint(
            "amount IS NULL OR quantity IS NULL", name=op.f("ck_records_amount_or_quantity")
        ),
        sa.ForeignKeyConstraint(
            ["announced_by_id"], ["roles.id"], name=op.f("fk_records_announced_by_id_roles")
        ),
        sa.ForeignKeyConstraint(
            ["donor_id"], ["parties.id"], name=op.f("fk_records_donor_id_parties")
        ),
        sa.ForeignKeyConstraint(
            ["from_document_id"], ["records.id"], name=op.f("fk_records_from_document_id_records")
        ),
        sa.ForeignKeyConstraint(
            ["parent_id"], ["records.id"], name=op.f("fk_records_parent_id_records")
        ),
        sa.ForeignKeyConstraint(
            ["recipient_id"], ["parties.id"], name=op.f("fk_records_recipient_id_parties")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_records")),
        sa.UniqueConstraint("slug", name=op.f("uq_records_slug")),
    )
    with op.batch_alter_table("records", schema=None) as batch_op:
        batch_op.create_index("ix_records_announced_on", ["announced_on"], unique=False)
        batch_op.create_index("ix_records_due_end", ["due_end"], unique=False)
        batch_op.create_index("ix_records_kind_status", ["kind", "status"], unique=False)
        batch_op.create_index(batch_op.f("ix_records_parent_id"), ["parent_id"], unique=False)
        batch_op.create_index("ix_records_signed_on", ["signed_on"], unique=False)
        batch_op.create_index("ix_records_title", ["title"], unique=False)

    op.create_table(
        "annotations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=True),
        sa.Column("field", sa.String(length=64), nullable=True),
        sa.Column("start_offset", sa.Integer(), nullable=False),
        sa.Column("end_offset", sa.Integer(), nullable=False),
        sa.Column("quote", sa.Text(), nullable=False),
        sa.Column("prefix", sa.String(), nullable=False),
        sa.Column("suffix", sa.String(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("deleted_at", storage.schema.types.UtcDateTime(), nullable=True),
        sa.Column("created_at", storage.schema.types.UtcDateTime(), nullable=False),
        sa.Column("updated_at", storage.schema.types.UtcDateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("start_offset < end_offset", name=op.f("ck_annotations_span")),
        sa.ForeignKeyConstraint(
            ["record_id"], ["records.id"], name=op.f("fk_annotations_record_id_records")
        ),
        sa.ForeignKeyConstraint(
            ["source_id"], ["sources.id"], name=op.f("fk_annotations_source_id_sources")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_annotations")),
    )
    with op.batch_alter_table("annotations", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_annotations_record_id"), ["record_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_annotations_source_id"), ["source_id"], unique=False)

    op.create_table(
        "deliveries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pledge_id", sa.Integer(), nullable=False),
        sa.Column("delivered_on", sa.Date(), nullable=True),
        sa.Column("amount", storage.schema.types.DecimalText(length=64), nullable=True),
        sa.Column("quantity", storage.schema.types.DecimalText(length=64), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=True),
        sa.Column("deleted_at", storage.schema.types.UtcDateTime(), nullable=True),
        sa.Column("created_at", storage.schema.types.UtcDateTime(), nullable=False),
        sa.Column("updated_at", storage.schema.types.UtcDateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "amount IS NULL OR quantity IS NULL", name=op.f("ck_deliveries_one_measure")
        ),
        sa.ForeignKeyConstraint(
            ["pledge_id"], ["records.id"], name=op.f("fk_deliveries_pledge_id_records")
        ),
        sa.ForeignKeyConstraint(
            ["source_id"], ["sources.id"], name=op.f("fk_deliveries_source_id_sources")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deliveries")),
    )
    with op.batch_alter_table("deliveries", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_deliveries_pledge_id"), ["pledge_id"], unique=False)

    op.create_table(
        "notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("author", sa.String(), nullable=False),
        sa.Column("created_at", storage.schema.types.UtcDateTime(), nullable=False),
        sa.Column("updated_at", storage.schema.types.UtcDateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["record_id"], ["records.id"], name=op.f("fk_notes_record_id_records")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notes")),
    )
    with op.batch_alter_table("notes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_notes_record_id"), ["record_id"], unique=False)

    op.create_table(
        "pledge_categories",
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("category", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["record_id"], ["records.id"], name=op.f("fk_pledge_categories_record_id_records")
        ),
        sa.PrimaryKeyConstraint("record_id", "category", name=op.f("pk_pledge_categories")),
    )
    with op.batch_alter_table("pledge_categories", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_pledge_categories_category"), ["category"], unique=False
        )

    op.create_table(
        "record_parties",
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("party_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["party_id"], ["parties.id"], name=op.f("fk_record_parties_party_id_parties")
        ),
        sa.ForeignKeyConstraint(
            ["record_id"], ["records.id"], name=op.f("fk_record_parties_record_id_records")
        ),
        sa.PrimaryKeyConstraint("record_id", "party_id", name=op.f("pk_record_parties")),
    )
    op.create_table(
        "record_tags",
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("tag", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(
            ["record_id"], ["records.id"], name=op.f("fk_record_tags_record_id_records")
        ),
        sa.PrimaryKeyConstraint("record_id", "tag", name=op.f("pk_record_tags")),
    )
    with op.batch_alter_table("record_tags", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_record_tags_tag"), ["tag"], unique=False)

    op.create_table(
        "relations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("from_id", sa.Integer(), nullable=False),
        sa.Column("to_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(
            ["from_id"], ["records.id"], name=op.f("fk_relations_from_id_records")
        ),
        sa.ForeignKeyConstraint(["to_id"], ["records.id"], name=op.f("fk_relations_to_id_records")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_relations")),
        sa.UniqueConstraint("from_id", "to_id", "kind", name=op.f("uq_relations_from_id")),
    )
    with op.batch_alter_table("relations", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_relations_to_id"), ["to_id"], unique=False)

    op.create_table(
        "signatories",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("role_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["record_id"], ["records.id"], name=op.f("fk_signatories_record_id_records")
        ),
        sa.ForeignKeyConstraint(
            ["role_id"], ["roles.id"], name=op.f("fk_signatories_role_id_roles")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_signatories")),
        sa.UniqueConstraint("record_id", "role_id", name=op.f("uq_signatories_record_id")),
    )
    op.create_table(
        "status_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("from_status", sa.String(length=32), nullable=True),
        sa.Column("to_status", sa.String(length=32), nullable=False),
        sa.Column("changed_at", storage.schema.types.UtcDateTime(), nullable=False),
        sa.Column("changed_by", sa.String(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("evidence_source_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["evidence_source_id"],
            ["sources.id"],
            name=op.f("fk_status_changes_evidence_source_id_sources"),
        ),
        sa.ForeignKeyConstraint(
            ["record_id"], ["records.id"], name=op.f("fk_status_changes_record_id_records")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_status_changes")),
    )
    with op.batch_alter_table("status_changes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_status_changes_record_id"), ["record_id"], unique=False
        )

    op.create_table(
        "note_revisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("note_id", sa.Integer(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("saved_at", storage.schema.types.UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["note_id"], ["notes.id"], name=op.f("fk_note_revisions_note_id_notes")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_note_revisions")),
    )
    with op.batch_alter_table("note_revisions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_note_revisions_note_id"), ["note_id"], unique=False)

    if op.get_bind().dialect.name == "sqlite":
        # One row per record (rowid = record id), rewritten by the storage layer on each change.
        op.execute(
            "CREATE VIRTUAL TABLE records_fts USING fts5("
            "title, summary, notes, quotes, tokenize = 'unicode61 remove_diacritics 2')"
        )
    if op.get_bind().dialect.name == "postgresql":
        postgresql_upgrade()


# PostgreSQL: text compares byte by byte, as in SQLite, whatever the server's locale (so that
# titles sort, and keyset pages step, the same), and the SQLite functions the queries use.
COLLATE_BYTES = """
DO $$ DECLARE col record; BEGIN
  FOR col IN SELECT table_name, column_name, data_type, character_maximum_length
    FROM information_schema.columns
    WHERE table_schema = current_schema() AND data_type IN ('character varying', 'text')
  LOOP
    EXECUTE format('ALTER TABLE %I ALTER COLUMN %I TYPE %s COLLATE "C"', col.table_name,
      col.column_name, CASE WHEN col.character_maximum_length IS NULL THEN col.data_type
      ELSE format('varchar(%s)', col.character_maximum_length) END);
  END LOOP;
END $$"""
FUNCTIONS = (
    # group_concat(value[, separator]): SQLite's, NULLs skipped, "," by default.
    """CREATE FUNCTION accords_concat(state text, value anyelement, separator text)
    RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT CASE WHEN value IS NULL THEN state
    WHEN state IS NULL THEN value::text ELSE state || separator || value::text END $$""",
    """CREATE FUNCTION accords_concat(state text, value anyelement) RETURNS text
    LANGUAGE sql IMMUTABLE AS $$ SELECT accords_concat(state, value, ',') $$""",
    "CREATE AGGREGATE group_concat(anyelement, text) (SFUNC = accords_concat, STYPE = text)",
    "CREATE AGGREGATE group_concat(anyelement) (SFUNC = accords_concat, STYPE = text)",
    # json_group_array(value): SQLite's compact JSON array, "[]" for no rows.
    """CREATE FUNCTION accords_json_step(state text, value anyelement) RETURNS text
    LANGUAGE sql IMMUTABLE AS $$ SELECT CASE WHEN state IS NULL THEN '' ELSE state || ','
    END || coalesce(to_json(value)::text, 'null') $$""",
    """CREATE FUNCTION accords_json_final(state text) RETURNS text LANGUAGE sql IMMUTABLE
    AS $$ SELECT '[' || coalesce(state, '') || ']' $$""",
    """CREATE AGGREGATE json_group_array(anyelement) (SFUNC = accords_json_step,
    STYPE = text, FINALFUNC = accords_json_final)""",
    # decimal_sum(text) and decimal_compare(text, text): storage.schema.sqlfunctions'.
    """CREATE FUNCTION accords_decimal_add(state numeric, value text) RETURNS numeric
    LANGUAGE sql IMMUTABLE AS $$ SELECT CASE WHEN value IS NULL THEN state
    ELSE state + value::numeric END $$""",
    """CREATE FUNCTION accords_decimal_text(state numeric) RETURNS text LANGUAGE sql
    IMMUTABLE AS $$ SELECT state::text $$""",
    """CREATE AGGREGATE decimal_sum(text) (SFUNC = accords_decimal_add, STYPE = numeric,
    INITCOND = '0', FINALFUNC = accords_decimal_text)""",
    # substr of a date or a time: of its text as SQLite stores it (ISO, microseconds).
    """CREATE FUNCTION substr(day date, start integer, count integer) RETURNS text
    LANGUAGE sql STABLE AS $$ SELECT substr(to_char(day, 'YYYY-MM-DD'), start, count) $$""",
    """CREATE FUNCTION substr(moment timestamp, start integer, count integer) RETURNS text
    LANGUAGE sql STABLE AS $$
    SELECT substr(to_char(moment, 'YYYY-MM-DD HH24:MI:SS.US'), start, count) $$""",
    """CREATE FUNCTION decimal_compare(a text, b text) RETURNS integer LANGUAGE sql
    IMMUTABLE STRICT AS $$ SELECT sign(a::numeric - b::numeric)::integer $$""",
)


DROP_FUNCTIONS = (
    "DROP AGGREGATE group_concat(anyelement, text)",
    "DROP AGGREGATE group_concat(anyelement)",
    "DROP AGGREGATE json_group_array(anyelement)",
    "DROP AGGREGATE decimal_sum(text)",
    "DROP FUNCTION accords_concat(text, anyelement, text)",
    "DROP FUNCTION accords_concat(text, anyelement)",
    "DROP FUNCTION accords_json_step(text, anyelement)",
    "DROP FUNCTION accords_json_final(text)",
    "DROP FUNCTION accords_decimal_add(numeric, text)",
    "DROP FUNCTION accords_decimal_text(numeric)",
    "DROP FUNCTION substr(date, integer, integer)",
    "DROP FUNCTION substr(timestamp, integer, integer)",
    "DROP FUNCTION decimal_compare(text, text)",
)


def postgresql_upgrade() -> None:
    """Byte-order text and the SQLite functions, on PostgreSQL."""
    op.execute(COLLATE_BYTES)
    for statement in FUNCTIONS:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE records_fts")
    if op.get_bind().dialect.name == "postgresql":
        for statement in DROP_FUNCTIONS:
            op.execute(statement)
    with op.batch_alter_table("note_revisions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_note_revisions_note_id"))

    op.drop_table("note_revisions")
    with op.batch_alter_table("status_changes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_status_changes_record_id"))

    op.drop_table("status_changes")
    op.drop_table("signatories")
    with op.batch_alter_table("relations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_relations_to_id"))

    op.drop_table("relations")
    with op.batch_alter_table("record_tags", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_record_tags_tag"))

    op.drop_table("record_tags")
    op.drop_table("record_parties")
    with op.batch_alter_table("pledge_categories", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pledge_categories_category"))

    op.drop_table("pledge_categories")
    with op.batch_alter_table("notes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_notes_record_id"))

    op.drop_table("notes")
    with op.batch_alter_table("deliveries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_deliveries_pledge_id"))

    op.drop_table("deliveries")
    with op.batch_alter_table("annotations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_annotations_source_id"))
        batch_op.drop_index(batch_op.f("ix_annotations_record_id"))

    op.drop_table("annotations")
    with op.batch_alter_table("records", schema=None) as batch_op:
        batch_op.drop_index("ix_records_title")
        batch_op.drop_index("ix_records_signed_on")
        batch_op.drop_index(batch_op.f("ix_records_parent_id"))
        batch_op.drop_index("ix_records_kind_status")
        batch_op.drop_index("ix_records_due_end")
        batch_op.drop_index("ix_records_announced_on")

    op.drop_table("records")
    op.drop_table("sources")
    op.drop_table("roles")
    op.drop_table("seed_items")
    op.drop_table("persons")
    op.drop_table("parties")
