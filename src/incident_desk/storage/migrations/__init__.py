"""Alembic migrations of the record's schema (batch mode, so they run on SQLite as on PostgreSQL)."""
