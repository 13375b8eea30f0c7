"""Alembic migrations of the Accords schema, run automatically when a database is opened."""
