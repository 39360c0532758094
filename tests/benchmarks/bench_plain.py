"""A plain-SQLite twin of an installation, so every encrypted measurement has a baseline.

`export_plain` copies the open encrypted database into an unencrypted file with SQLCipher's
own ``sqlcipher_export``; `open_plain` opens that file with an engine set up exactly like
``storage/engine.py`` (same pragmas, same BEGIN / BEGIN IMMEDIATE logic) but without a key,
wrapped in the same ``Database`` class, so the same service code runs against both.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import ConnectionPoolEntry

from incident_desk.storage.database import Database
from incident_desk.storage.engine import CONNECTION_PRAGMAS, READ_ONLY_OPTION


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
    for pragma in CONNECTION_PRAGMAS:
        connection.execute(pragma)
    connection.execute("PRAGMA journal_mode = WAL").fetchone()
    connection.execute("PRAGMA synchronous = FULL")
    return connection


def plain_engine(path: Path) -> Engine:
    """The engine of ``storage/engine.py`` minus the key: same pragmas, same transactions."""
    engine = create_engine(
        "sqlite://", module=sqlite3, creator=lambda: _plain_connection(path), pool_pre_ping=False
    )

    @event.listens_for(engine, "connect")
    def _disable_driver_transactions(dbapi_connection: Any, record: ConnectionPoolEntry) -> None:
        dbapi_connection.isolation_level = None

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        if connection.get_execution_options().get(READ_ONLY_OPTION):
            connection.exec_driver_sql("BEGIN")
        else:
            connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def open_plain(path: Path) -> Database:
    return Database(path, plain_engine(path))
