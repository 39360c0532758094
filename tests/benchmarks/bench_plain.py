"""A plain-SQLite twin of an installation, so every encrypted measurement has a baseline.

`export_plain` copies the open encrypted database into an unencrypted file with SQLCipher's
own ``sqlcipher_export``; `open_plain` opens that file with an engine set up exactly like
``storage/engine.py`` (it calls the same settings and pool/transaction code) but without a key,
wrapped in the same ``Database`` class, so the same service code runs against both.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import Engine

from incident_desk.storage.database import Database
from incident_desk.storage.engine import apply_connection_settings, engine_over


def export_plain(database: Database, target: Path) -> None:
    """Write a decrypted copy of ``database`` to ``target`` (which must not exist yet)."""
    raw = database.engine.raw_connection()
    try:
        cursor = raw.cursor()
        cursor.execute(f"ATTACH DATABASE '{target}' AS plaintext KEY ''")
        cursor.execute("SELECT sqlcipher_export('plaintext')")
        cursor.execute("DETACH DATABASE plaintext")
        cursor.close()
    finally:
        raw.close()


def _plain_connection(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
    connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    apply_connection_settings(connection)
    return connection


def plain_engine(path: Path) -> Engine:
    """The engine of ``storage/engine.py`` minus the key: same pragmas, pool and transactions."""
    return engine_over(sqlite3, lambda: _plain_connection(path))


def open_plain(path: Path) -> Database:
    return Database(path, plain_engine(path))
