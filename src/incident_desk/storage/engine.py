"""The SQLCipher engine: the only place that knows the database is SQLite underneath.

Every connection is keyed with the raw 256-bit data key before anything else touches it, then
set to WAL, FULL synchronous, in-memory temp storage and enforced foreign keys. A key that does
not open the file fails here, at once, before any page is written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlcipher3
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.pool import ConnectionPoolEntry, QueuePool

from incident_desk.storage.errors import DatabaseDamaged, DatabaseKeyRejected, StorageError

DATA_KEY_BYTES = 32
CONNECTION_PRAGMAS = (
    "PRAGMA foreign_keys = ON",
    "PRAGMA temp_store = MEMORY",
    "PRAGMA busy_timeout = 10000",
    "PRAGMA cache_size = -65536",
)
# Execution option that marks a read-only unit of work: it starts with a plain BEGIN instead of
# BEGIN IMMEDIATE, so readers never wait for the write lock.
READ_ONLY_OPTION = "incident_desk_read_only"


def apply_connection_settings(connection: Any) -> None:
    """The settings every connection gets once it is open (and, for SQLCipher, keyed)."""
    for pragma in CONNECTION_PRAGMAS:
        connection.execute(pragma)
    mode = connection.execute("PRAGMA journal_mode = WAL").fetchone()
    if mode is None or str(mode[0]).lower() != "wal":
        raise DatabaseDamaged("the database could not be switched to write-ahead logging")
    connection.execute("PRAGMA synchronous = FULL")


def _keyed_connection(path: Path, data_key: bytes) -> sqlcipher3.Connection:
    connection = sqlcipher3.connect(str(path), check_same_thread=False, isolation_level=None)
    try:
        # SQLCipher would print its own alarm on stderr for every failed page; our errors speak.
        connection.execute("PRAGMA cipher_log_level = NONE")
        connection.execute(f"PRAGMA key = \"x'{data_key.hex()}'\"")
        # Reading the schema forces SQLCipher to decrypt page 1: a wrong key fails here.
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        apply_connection_settings(connection)
    except sqlcipher3.DatabaseError as error:
        connection.close()
        if "not a database" in str(error).lower():
            raise DatabaseKeyRejected(
                "the database does not open with this key: the key vault and the database "
                "do not belong together, or the database file is damaged"
            ) from error
        raise DatabaseDamaged(f"the database file is damaged ({error})") from error
    return connection


def create_sqlcipher_engine(path: Path, data_key: bytes) -> Engine:
    """An engine over the encrypted file at ``path``; raises at once if the key is wrong."""
    if len(data_key) != DATA_KEY_BYTES:
        raise ValueError("the data key must be 32 bytes")
    # Fail fast (and without creating anything) before the pool hides the first connection.
    _keyed_connection(path, data_key).close()

    return engine_over(sqlcipher3, lambda: _keyed_connection(path, data_key))


def engine_over(module: Any, creator: Callable[[], Any]) -> Engine:
    """The pool and transaction handling of every store, over connections ``creator`` makes.

    The benchmarks' plain-SQLite baseline uses this too, so both sides differ only by the key.
    """
    engine = create_engine(
        "sqlite://",
        module=module,
        creator=creator,
        # The URL names no file, so SQLAlchemy would assume an in-memory database and share one
        # connection per thread; a file wants a real pool (a read and a write may overlap).
        poolclass=QueuePool,
        pool_size=4,
        max_overflow=4,
    )

    @event.listens_for(engine, "connect")
    def _disable_driver_transactions(dbapi_connection: Any, record: ConnectionPoolEntry) -> None:
        # The DB-API driver's implicit transactions would hide BEGIN from us; we emit our own.
        dbapi_connection.isolation_level = None

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        if connection.get_execution_options().get(READ_ONLY_OPTION):
            connection.exec_driver_sql("BEGIN")
        else:
            # Take the write lock up front so two writers never deadlock on an upgrade.
            connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def checkpoint(engine: Engine) -> None:
    """Fold the write-ahead log into the main file (before copying the file aside).

    It runs on the driver connection directly: inside the BEGIN IMMEDIATE that the engine's
    begin listener opens, SQLite refuses a checkpoint."""
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        busy, log_frames, checkpointed = cursor.execute(
            "PRAGMA wal_checkpoint(TRUNCATE)"
        ).fetchone()
        cursor.close()
    finally:
        raw.close()
    if busy or log_frames != checkpointed:
        # A copy taken now would miss the newest pages still in the log.
        raise StorageError(
            "the database is in use by another Incident Desk window; close it and try again"
        )


def integrity_problems(engine: Engine) -> list[str]:
    """SQLite's structural check and SQLCipher's page authentication; [] when sound."""
    problems: list[str] = []
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        for row in cursor.execute("PRAGMA integrity_check").fetchall():
            if str(row[0]) != "ok":
                problems.append(str(row[0]))
        problems.extend(str(row[0]) for row in cursor.execute("PRAGMA cipher_integrity_check"))
        cursor.close()
    finally:
        raw.close()
    return problems


@contextmanager
def enlarged_page_cache(connection: Connection, kib: int) -> Iterator[None]:
    """A page cache of ``kib`` KiB for one bulk load: pages evicted mid-batch would be encrypted,
    written, read back and decrypted again for the next row that touches them."""
    driver = connection.connection.driver_connection
    assert driver is not None
    previous = driver.execute("PRAGMA cache_size").fetchone()[0]
    driver.execute(f"PRAGMA cache_size = -{int(kib)}")
    try:
        yield
    finally:
        driver.execute(f"PRAGMA cache_size = {int(previous)}")
