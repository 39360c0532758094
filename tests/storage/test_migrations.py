"""The schema and its migrations agree, a newer database is refused, and the pre-upgrade copy is
a sealed, complete, openable copy.

All on real keyed SQLCipher files. With a single revision there is no older file to upgrade
yet; when the second revision lands, keep a database made by this one under tests/ and upgrade
it here (DESIGN: migrations tested on real old files).
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, text

from incident_desk.domain.clock import ManualClock
from incident_desk.services.workspace import sign_in
from incident_desk.storage import schema
from incident_desk.storage.database import Database
from incident_desk.storage.engine import create_sqlcipher_engine
from incident_desk.storage.errors import DatabaseKeyRejected, StorageError
from incident_desk.storage.key_vault import generate_data_key
from incident_desk.storage.rows import Base, SettingRow
from tests.conftest import START, passphrase_of

SRC = Path(__file__).resolve().parents[2] / "src"
SQLITE_HEADER = b"SQLite format 3\x00"
PROBE = "Zyxwvut-probe-value-8841"


def _scripts() -> ScriptDirectory:
    config = schema.alembic_config()
    assert isinstance(config, Config)
    return ScriptDirectory.from_config(config)


def _fresh(path: Path, key: bytes) -> Engine:
    engine = create_sqlcipher_engine(path, key)
    assert schema.ensure_current(path, engine, path.parent / "backups") is None
    return engine


def test_head_revision_is_the_newest_migration_script() -> None:
    scripts = _scripts()
    assert scripts.get_heads() == [schema.HEAD_REVISION]
    oldest_first = tuple(script.revision for script in reversed(list(scripts.walk_revisions())))
    assert oldest_first == schema.KNOWN_REVISIONS


def test_a_fresh_database_matches_the_orm_exactly(tmp_path: Path) -> None:
    engine = _fresh(tmp_path / "fresh.db", generate_data_key())
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(
                connection, opts={"compare_type": True, "compare_server_default": True}
            )
            assert compare_metadata(context, Base.metadata) == []
        assert schema.current_revision(engine) == schema.HEAD_REVISION
    finally:
        engine.dispose()
    assert not (tmp_path / "backups").exists()


def test_a_database_from_a_newer_version_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "newer.db"
    key = generate_data_key()
    engine = _fresh(path, key)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    engine.dispose()
    before = path.read_bytes()
    with pytest.raises(StorageError, match="newer version of Incident Desk"):
        Database.open(path, key, tmp_path / "backups")
    assert path.read_bytes() == before
    assert not (tmp_path / "backups").exists()


def test_the_command_line_refuses_a_newer_database_in_one_line(
    data_dir: Path, tmp_path: Path
) -> None:
    admin = sign_in(data_dir, "admin", passphrase_of("admin"), ManualClock(START))
    try:
        with admin.database.engine.begin() as connection:
            connection.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    finally:
        admin.close()
    secret = tmp_path / "admin.pass"
    secret.write_text(passphrase_of("admin") + "\n", encoding="utf-8")
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), env.get("PYTHONPATH")]))
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "incident_desk",
            "check",
            "--data-dir",
            str(data_dir),
            "--user",
            "admin",
            "--passphrase-file",
            str(secret),
        ],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
        check=False,
    )
    # Not damaged and not bad input, but this data cannot be used here: a failed check (1).
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert "newer version of Incident Desk" in result.stderr


def test_the_copy_made_before_an_upgrade_is_sealed_complete_and_opens_with_the_same_key(
    tmp_path: Path,
) -> None:
    path = tmp_path / "live.db"
    key = generate_data_key()
    database = Database(path, _fresh(path, key))
    try:
        now = datetime(2026, 11, 22, 3, 0, tzinfo=UTC)
        with database.write("probe", None, now) as work:
            work.add(SettingRow(key="probe", value=PROBE, updated_at=now))
        # The probe is still only in the write-ahead log: the copy must fold it in.
        copy = schema.copy_aside(path, database.engine, tmp_path / "backups", "0001")
    finally:
        database.close()
    assert copy.parent == tmp_path / "backups"
    sealed = copy.read_bytes()
    assert not sealed.startswith(SQLITE_HEADER)
    assert PROBE.encode() not in sealed
    reopened = create_sqlcipher_engine(copy, key)
    try:
        with reopened.connect() as connection:
            value = connection.execute(
                text("SELECT value FROM setting WHERE key = 'probe'")
            ).scalar_one()
        assert value == PROBE
    finally:
        reopened.dispose()
    with pytest.raises(DatabaseKeyRejected):
        create_sqlcipher_engine(copy, generate_data_key())
    plain = sqlite3.connect(copy)
    try:
        with pytest.raises(sqlite3.DatabaseError, match="not a database"):
            plain.execute("SELECT count(*) FROM sqlite_master").fetchall()
    finally:
        plain.close()
