"""The encrypted store: the only package that imports SQLAlchemy, Alembic and SQLCipher.

SQLite-specific code lives in engine.py alone, so the same rows, repositories and migrations can
later run against a central PostgreSQL server.
"""
