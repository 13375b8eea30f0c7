"""Alembic environment: migrations run on the connection Accords hands over, never their own."""

from alembic import context

from storage.schema.models import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
