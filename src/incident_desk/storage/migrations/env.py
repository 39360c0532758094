"""Alembic environment: runs on the open, keyed connection handed over by ``storage.schema``."""

from __future__ import annotations

from alembic import context

from incident_desk.storage.rows import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError(
        "migrations run only through incident_desk.storage.schema, on an unlocked database"
    )

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
