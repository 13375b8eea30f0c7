"""A team on one PostgreSQL database: its roles, their grants, and what the connected user may do.

Imports the schema (``storage.schema.tables``) and SQLAlchemy; never Qt or ``gui``.
"""
