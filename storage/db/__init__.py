"""The database's life: location, engine, migration, checks, recovery, backups; imports schema."""
