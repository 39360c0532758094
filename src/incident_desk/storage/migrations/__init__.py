"""Alembic migrations of the record's schema, in batch mode so they run on SQLite and PostgreSQL."""
