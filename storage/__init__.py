"""Accords storage: models, migrations, seeding, queries and export, with no Qt."""
