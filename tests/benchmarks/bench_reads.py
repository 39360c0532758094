"""The read benchmarks: unlocking, the case list's first page, and searches, each run the
same way against the encrypted installation and against its plain-SQLite twin."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench_timing import Timing, measure, measure_pair

from incident_desk.domain.clock import Clock
from incident_desk.domain.enums import CaseStatus
from incident_desk.services.cases import list_cases
from incident_desk.services.workspace import Workspace, sign_in

PAGE = 50
NAME_SEARCH = "nunez"  # demo surname "Nuñez", typed without the accent
STATUS_SEARCH = CaseStatus.UNDER_INVESTIGATION


@dataclass(frozen=True)
class ReadCase:
    """One read operation: a label and how to run it on a given workspace."""

    label: str
    run: Callable[[Workspace], object]


def read_cases(role: str) -> list[ReadCase]:
    return [
        ReadCase(
            f"case list, first {PAGE} + total ({role})",
            lambda ws: list_cases(ws, limit=PAGE),
        ),
        ReadCase(
            f"case list, first {PAGE}, no total ({role})",
            lambda ws: list_cases(ws, limit=PAGE, with_total=False),
        ),
        ReadCase(
            f'search by name "{NAME_SEARCH}", first {PAGE} + total ({role})',
            lambda ws: list_cases(ws, search=NAME_SEARCH, limit=PAGE),
        ),
        ReadCase(
            f"filter by status {STATUS_SEARCH.value}, first {PAGE} + total ({role})",
            lambda ws: list_cases(ws, status=STATUS_SEARCH, limit=PAGE),
        ),
    ]


def time_unlock(
    data_dir: Path, username: str, passphrase: str, clock: Clock, plain_path: Path
) -> tuple[Timing, Timing]:
    """Unlock (key derivation, opening the database, the schema check, the audited sign-in,
    the settings), beside its baseline: opening the plain file and reading its schema."""

    def unlock() -> None:
        sign_in(data_dir, username, passphrase, clock).close()

    def open_plain() -> None:
        connection = sqlite3.connect(str(plain_path))
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        connection.close()

    return measure_pair(unlock, open_plain, repeat=5)


def time_key_derivation(workspace: Workspace, username: str, passphrase: str) -> Timing:
    """The Argon2id part of unlocking alone (the vault's slot unwrap)."""
    return measure(lambda: workspace.vault.unlock(username, passphrase), repeat=5)
