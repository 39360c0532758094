"""The schema and its migrations agree, a newer database is refused, and the pre-upgrade copy is
a sealed, complete, openable copy.

All on real keyed SQLCipher files, and on a real old one: ``data/revision_0001`` is a data folder
made by the release at revision 0001 (passphrases as in tests/conftest.py): a case recorded
through its panels and steps (the warden and the investigator told through their steps), a
scene with its entry log, evidence handed over, the EOR exported and signed. It upgrades to the
head with every row kept, and the new code reads its rows (DESIGN: migrations tested on real
old files).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, text

from incident_desk.domain.clock import ManualClock
from incident_desk.domain.enums import NotificationMethod
from incident_desk.services.document_export import (
    countersign_document,
    stored_documents,
    verify_document_bytes,
)
from incident_desk.services.notifications import list_notifications
from incident_desk.services.timeline import TimelineKind, timeline
from incident_desk.services.workflow import correct_step
from incident_desk.services.workspace import sign_in
from incident_desk.storage import schema
from incident_desk.storage.database import Database
from incident_desk.storage.engine import create_sqlcipher_engine
from incident_desk.storage.errors import DatabaseKeyRejected, StorageError
from incident_desk.storage.key_vault import KeyVault, generate_data_key
from incident_desk.storage.rows import Base, SettingRow
from tests.conftest import START, passphrase_of

SRC = Path(__file__).resolve().parents[2] / "src"
SQLITE_HEADER = b"SQLite format 3\x00"
PROBE = "Zyxwvut-probe-value-8841"
OLD_DATA = Path(__file__).resolve().parent / "data" / "revision_0001"
OLD_CASE = "KSR-2026-00001"
LINKED = ("separation", "notification", "medical_record", "dry_cell_placement", "scene")


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


def _rows(engine: Engine, tables: dict[str, list[str]]) -> dict[str, list[tuple[object, ...]]]:
    """Every row of these tables (these columns), in id order."""
    found = {}
    with engine.connect() as connection:
        for table, columns in tables.items():
            names = ", ".join(f'"{name}"' for name in columns)
            query = f'SELECT {names} FROM "{table}" ORDER BY rowid'
            found[table] = [tuple(row) for row in connection.execute(text(query))]
    return found


def _columns(engine: Engine) -> dict[str, list[str]]:
    with engine.connect() as connection:
        tables = connection.execute(
            text("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        ).scalars()
        return {
            table: [row[1] for row in connection.execute(text(f'PRAGMA table_info("{table}")'))]
            for table in tables
        }


def _checks(engine: Engine) -> dict[str, int]:
    with engine.connect() as connection:
        found = connection.execute(text("SELECT name, sql FROM sqlite_master WHERE type='table'"))
        return {name: sql.count("CHECK") for name, sql in found}


def test_a_database_made_at_0001_upgrades_with_every_row_kept_and_reads_in_the_new_code(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    shutil.copytree(OLD_DATA, data)
    key = KeyVault.load(data / "vault.json").unlock("sup", passphrase_of("sup"))
    old = create_sqlcipher_engine(data / "incident-desk.db", key)
    try:
        assert schema.current_revision(old) == "0001"
        old_columns = _columns(old)
        before = _rows(old, old_columns)
        checks_before = _checks(old)
    finally:
        old.dispose()
    assert len(before["notification"]) == 5
    assert len(before["generated_document"]) == 1
    assert before["scene_log_entry"]

    clock = ManualClock(START + timedelta(hours=3))
    supervisor = sign_in(data, "sup", passphrase_of("sup"), clock)
    try:
        engine = supervisor.database.engine
        assert schema.current_revision(engine) == schema.HEAD_REVISION
        (backup,) = (data / "backups").iterdir()
        assert "before-upgrade-from-0001" in backup.name
        # Signing in is written to the trail, moving its head: every earlier event is there.
        moved = ("audit_event", "audit_chain_head", "alembic_version")
        after = _rows(engine, {t: c for t, c in old_columns.items() if t not in moved[1:]})
        assert after.pop("audit_event")[: len(before["audit_event"])] == before["audit_event"]
        assert after == {table: rows for table, rows in before.items() if table not in moved}
        with engine.connect() as connection:
            context = MigrationContext.configure(
                connection, opts={"compare_type": True, "compare_server_default": True}
            )
            assert compare_metadata(context, Base.metadata) == []
            assert connection.execute(text("PRAGMA foreign_key_check")).all() == []
        assert _checks(engine) == checks_before  # the enum columns keep their CHECKs
        with engine.connect() as connection:
            for table in LINKED:
                links = connection.execute(text(f"SELECT step_record_id FROM {table}")).scalars()
                assert set(links) <= {None}
            boxes = connection.execute(text("SELECT signature_boxes FROM generated_document"))
            assert boxes.scalars().all() == ["[]"]
            warden_entry = connection.execute(
                text("SELECT id FROM step_record WHERE step_key = 'warden_notification'")
            ).scalar_one()
        assert supervisor.database.verify_audit_chain().intact

        # The notifications the steps wrote before they were named by them read once on the
        # timeline, and correcting the step still reaches the one it wrote.
        lines = [e for e in timeline(supervisor, OLD_CASE) if e.kind is TimelineKind.NOTIFICATION]
        assert len(lines) == 3
        assert not any("Inv. Pat Moreau" in " ".join(line.details) for line in lines)
        clock.advance(timedelta(minutes=5))
        correct_step(supervisor, warden_entry, {"method": "in_person"}, "Told in person.")
        told = list_notifications(supervisor, OLD_CASE)
        assert len(told) == 4
        corrected = [n for n in told if n.correction_reason == "Told in person."]
        assert [n.method for n in corrected] == [NotificationMethod.IN_PERSON]
    finally:
        supervisor.close()

    # The document exported before its boxes were kept with it is counter-signed where its
    # audit event says the next box is.
    warden = sign_in(data, "warden", passphrase_of("warden"), clock)
    try:
        (old_document,) = stored_documents(warden, OLD_CASE)
        second = countersign_document(warden, old_document.id)
        assert second.signed_by == ("Sgt. Dana Brooks", "Warden Sam Hale")
        reports = verify_document_bytes(warden, second.pdf)
        assert [r.intact and r.trusted for r in reports] == [True, True]
        assert [r.field_name for r in reports] == [
            "Signature1-shift_supervisor",
            "Signature2-warden_review",
        ]
    finally:
        warden.close()
