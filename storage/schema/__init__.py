"""The schema: vocabularies, column types, tables, ORM models and migrations; imports no storage."""
