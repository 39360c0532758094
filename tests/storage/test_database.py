"""The open database: overlapping units of work, and driver errors told in the right words."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlcipher3

from incident_desk.storage.database import Database, _classified
from incident_desk.storage.errors import DatabaseDamaged, StorageError
from incident_desk.storage.rows import FacilityRow

NOW = datetime(2026, 11, 22, 3, 0, tzinfo=UTC)


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    opened = Database.open(tmp_path / "store.db", bytes(range(32)))
    yield opened
    opened.close()


def test_a_write_may_start_while_a_read_is_open_in_the_same_thread(database: Database) -> None:
    with database.read() as reading:
        assert reading.organization.facilities() == []
        with database.write("add_facility", None, NOW) as writing:
            writing.add(FacilityRow(code="KSR", name="Reformatory", created_at=NOW))
    with database.read() as reading:
        assert [facility.code for facility in reading.organization.facilities()] == ["KSR"]
    assert database.verify_audit_chain().intact


def _driver_error(name: str, text: str) -> sqlcipher3.Error:
    error = sqlcipher3.DatabaseError(text)
    error.sqlite_errorname = name  # as the driver sets it
    return error


@pytest.mark.parametrize(
    ("name", "expected_type", "words"),
    [
        ("SQLITE_CORRUPT", DatabaseDamaged, "damaged"),
        ("SQLITE_NOTADB", DatabaseDamaged, "restore it from the latest backup"),
        ("SQLITE_BUSY", StorageError, "busy in another window"),
        ("SQLITE_FULL", StorageError, "disk is full"),
        ("SQLITE_READONLY", StorageError, "permissions"),
        ("SQLITE_IOERR_WRITE", StorageError, "cannot be written or read"),
        ("SQLITE_MISUSE", StorageError, "could not complete"),
    ],
)
def test_only_real_damage_is_called_damage(
    name: str, expected_type: type[StorageError], words: str
) -> None:
    error = _classified(_driver_error(name, "driver text"))
    assert type(error) is expected_type
    assert words in str(error)
