"""A database file with one flipped byte is reported as damaged, never as a stack trace.

SQLCipher authenticates every page (HMAC), so one flipped bit anywhere makes that page
unreadable. Which commands notice depends on which pages they read, so the pages are chosen
by role, from the schema's root pages (which never move):

- page 1 holds the salt and the schema; nothing opens without it. SQLCipher cannot tell that
  from a wrong key, but the key vault has already proved the key right, so the file is at fault:
  exit 1 (damaged data), not 2 (bad input).
- the root page of ``audit_event`` is read by every sign-in, which appends an event.
- the root page of ``case_file`` is read by listing cases but not by signing in.
- a page in the middle of the file is found by ``check``, which reads every page.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import text

from incident_desk.domain.clock import ManualClock
from incident_desk.domain.enums import AllegationType, PersonRole, ReceivedHow, TimeCertainty
from incident_desk.services.cases import NewPerson, NewReport, list_cases, open_case
from incident_desk.services.workspace import Workspace, sign_in
from incident_desk.storage.engine import create_sqlcipher_engine
from incident_desk.storage.errors import DatabaseDamaged, DatabaseKeyRejected
from incident_desk.storage.key_vault import KeyVault
from tests.conftest import START, passphrase_of

SRC = Path(__file__).resolve().parents[2] / "src"
DATABASE = "incident-desk.db"
COMMANDS = {
    "check": ["check", "--user", "admin"],
    "audit verify": ["audit", "verify", "--user", "admin"],
    "cases list": ["cases", "list", "--user", "sup"],
}


UNTOUCHED_BY_SIGN_IN = ("custody_transfer", "scene_log_entry", "evidence_item", "staff_statement")


@dataclass(frozen=True)
class Layout:
    page_size: int
    page_count: int
    roots: dict[str, int]


def _cli(data_dir: Path, tmp_path: Path, command: str) -> subprocess.CompletedProcess[str]:
    arguments = COMMANDS[command]
    secret = tmp_path / f"{arguments[-1]}.pass"
    secret.write_text(passphrase_of(arguments[-1]) + "\n", encoding="utf-8")
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), env.get("PYTHONPATH")]))
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "incident_desk",
            *arguments,
            "--data-dir",
            str(data_dir),
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


def _reported_damaged(result: subprocess.CompletedProcess[str], command: str) -> str:
    assert result.returncode == 1, (command, result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr + result.stdout
    lines = result.stderr.splitlines()
    assert len(lines) == 1, (command, result.stderr)
    assert "damaged" in lines[0], (command, lines[0])
    assert "unexpected error" not in lines[0]
    return lines[0]


@pytest.fixture(scope="module")
def prepared(
    installation_template: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, Layout]:
    """Enough cases that the busy tables span several pages, then everything checkpointed."""
    root = tmp_path_factory.mktemp("damaged") / "data"
    shutil.copytree(installation_template, root)
    supervisor = sign_in(root, "sup", passphrase_of("sup"), ManualClock(START))
    try:
        for number in range(15):
            open_case(
                supervisor,
                NewReport(
                    received_how=ReceivedHow.VERBAL,
                    allegation_type=AllegationType.OFFENDER_NONCONSENSUAL_SEXUAL_ACTS,
                    incident_certainty=TimeCertainty.UNKNOWN,
                    narrative=f"Report {number}: " + "what the officer was told. " * 30,
                    people=(NewPerson(f"Person {number}", PersonRole.ALLEGED_VICTIM),),
                ),
            )
        with supervisor.database.engine.connect() as connection:
            page_size = int(connection.execute(text("PRAGMA page_size")).scalar_one())
            page_count = int(connection.execute(text("PRAGMA page_count")).scalar_one())
            roots = {
                str(name): int(page)
                for name, page in connection.execute(
                    text("SELECT name, rootpage FROM sqlite_master WHERE type = 'table'")
                )
            }
    finally:
        supervisor.close()  # the last connection to close checkpoints the log into the file
    wal = root / f"{DATABASE}-wal"
    assert not wal.exists() or wal.stat().st_size == 0
    assert page_count * page_size == (root / DATABASE).stat().st_size
    return root, Layout(page_size, page_count, roots)


@pytest.fixture
def layout(prepared: tuple[Path, Layout], data_dir: Path) -> Layout:
    """The prepared installation, copied over this test's own data folder."""
    shutil.rmtree(data_dir)
    shutil.copytree(prepared[0], data_dir)
    return prepared[1]


def _flip_byte_in_page(data_dir: Path, layout: Layout, page: int) -> None:
    assert 1 <= page <= layout.page_count
    offset = (page - 1) * layout.page_size + layout.page_size // 2
    with (data_dir / DATABASE).open("r+b") as file:
        file.seek(offset)
        original = file.read(1)
        file.seek(offset)
        file.write(bytes([original[0] ^ 0x5A]))


def test_a_damaged_first_page_is_exit_1_and_says_damaged(
    data_dir: Path, tmp_path: Path, layout: Layout
) -> None:
    _flip_byte_in_page(data_dir, layout, 1)
    for command in COMMANDS:
        line = _reported_damaged(_cli(data_dir, tmp_path, command), command)
        assert "restore it from the latest backup" in line


def test_a_damaged_first_page_is_database_damaged_once_the_vault_proved_the_key(
    data_dir: Path, layout: Layout, clock: ManualClock
) -> None:
    _flip_byte_in_page(data_dir, layout, 1)
    # The engine alone cannot tell a damaged first page from a wrong key...
    data_key = KeyVault.load(data_dir / "vault.json").unlock("sup", passphrase_of("sup"))
    with pytest.raises(DatabaseKeyRejected):
        create_sqlcipher_engine(data_dir / DATABASE, data_key)
    # ...but signing in has proved the key with the vault first, so it names the damage.
    with pytest.raises(DatabaseDamaged, match="damaged") as raised:
        sign_in(data_dir, "sup", passphrase_of("sup"), clock)
    assert "restore it from the latest backup" in str(raised.value)


def test_a_damaged_page_every_sign_in_reads_stops_every_command_with_exit_1(
    data_dir: Path, tmp_path: Path, layout: Layout
) -> None:
    _flip_byte_in_page(data_dir, layout, layout.roots["audit_event"])
    for command in COMMANDS:
        line = _reported_damaged(_cli(data_dir, tmp_path, command), command)
        assert "restore it from the latest backup" in line


def test_a_damaged_page_every_sign_in_reads_raises_database_damaged(
    data_dir: Path, layout: Layout, clock: ManualClock
) -> None:
    _flip_byte_in_page(data_dir, layout, layout.roots["audit_event"])
    with pytest.raises(DatabaseDamaged, match="damaged"):
        sign_in(data_dir, "sup", passphrase_of("sup"), clock)


def test_a_damaged_case_page_fails_the_case_list_after_a_good_sign_in(
    data_dir: Path, tmp_path: Path, layout: Layout, clock: ManualClock
) -> None:
    _flip_byte_in_page(data_dir, layout, layout.roots["case_file"])
    _reported_damaged(_cli(data_dir, tmp_path, "cases list"), "cases list")
    supervisor = sign_in(data_dir, "sup", passphrase_of("sup"), clock)
    try:
        with pytest.raises(DatabaseDamaged, match="damaged"):
            list_cases(supervisor)
    finally:
        supervisor.close()


def test_a_damaged_page_deep_in_the_file_is_found_by_check(
    data_dir: Path, tmp_path: Path, layout: Layout, clock: ManualClock
) -> None:
    # A page well past the first that a sign-in never reads (a sign-in appends to the audit
    # trail and reads users and settings, so a page picked blindly might be one of theirs):
    # the table of one of the logs a sign-in has no business with.
    middle = max(layout.roots[name] for name in UNTOUCHED_BY_SIGN_IN)
    assert middle > 10
    _flip_byte_in_page(data_dir, layout, middle)
    _reported_damaged(_cli(data_dir, tmp_path, "check"), "check")
    admin = sign_in(data_dir, "admin", passphrase_of("admin"), clock)
    try:
        assert _integrity_outcome(admin), "a page that fails authentication went unnoticed"
    finally:
        admin.close()


def _integrity_outcome(workspace: Workspace) -> str:
    """Either answer keeps the contract: a plain list of problems, or the damage in words."""
    try:
        problems = workspace.database.integrity_problems()
    except DatabaseDamaged as damaged:
        return str(damaged)
    return "; ".join(problems)
