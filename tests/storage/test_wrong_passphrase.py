"""A wrong passphrase changes no file but the failed-try counter; five lock the user out.

Runs the real command line against a real installation: a wrong passphrase must leave the
database, the key vault and every other file byte-for-byte as they were (same size, same
modification time), must say so in one line, and must be written to the audit trail at the
next successful sign-in, when the key to the database is at hand again.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import text

from incident_desk.domain.audit_chain import decode_body
from incident_desk.domain.clock import SystemClock
from incident_desk.services.workspace import WRONG_CREDENTIALS, sign_in
from tests.conftest import passphrase_of

SRC = Path(__file__).resolve().parents[2] / "src"
COUNTER_FILE = "signin-state.json"
Snapshot = dict[str, tuple[bytes, int, int]]


def _cli(*arguments: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), env.get("PYTHONPATH")]))
    return subprocess.run(
        [sys.executable, "-m", "incident_desk", *arguments],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
        check=False,
    )


def _as(user: str, secret: Path, data_dir: Path) -> subprocess.CompletedProcess[str]:
    return _cli(
        "cases",
        "list",
        "--data-dir",
        str(data_dir),
        "--user",
        user,
        "--passphrase-file",
        str(secret),
    )


def _snapshot(data_dir: Path) -> Snapshot:
    files = {}
    for path in sorted(data_dir.rglob("*")):
        if path.is_file() and path.name != COUNTER_FILE:
            status = path.stat()
            files[path.relative_to(data_dir).as_posix()] = (
                path.read_bytes(),
                status.st_mtime_ns,
                status.st_size,
            )
    return files


def _refused(result: subprocess.CompletedProcess[str], words: str) -> str:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert words in lines[0]
    assert result.stdout == ""
    return lines[0]


def _secret(folder: Path, name: str, value: str) -> Path:
    path = folder / name
    path.write_text(value + "\n", encoding="utf-8")
    return path


def test_wrong_passphrases_change_no_file_then_lock_out_until_an_administrator_unlocks(
    data_dir: Path, tmp_path: Path
) -> None:
    wrong = _secret(tmp_path, "wrong", "not the supervisor's passphrase")
    right = _secret(tmp_path, "right", passphrase_of("sup"))
    admin = _secret(tmp_path, "admin", passphrase_of("admin"))
    before = _snapshot(data_dir)
    assert "incident-desk.db" in before
    assert "vault.json" in before

    for _ in range(3):
        _refused(_as("sup", wrong, data_dir), WRONG_CREDENTIALS)
    # An unknown user name is refused in exactly the same words and writes nothing either.
    _refused(_as("nobody-here", wrong, data_dir), WRONG_CREDENTIALS)
    assert _snapshot(data_dir) == before
    names_after = {p.relative_to(data_dir).as_posix() for p in data_dir.rglob("*") if p.is_file()}
    assert names_after == set(before) | {COUNTER_FILE}
    # The counter knows users only by their vault slot id, never by name.
    counter = (data_dir / COUNTER_FILE).read_text(encoding="utf-8")
    assert "sup" not in counter.replace("slot", "")
    assert "nobody-here" not in counter

    _refused(_as("sup", wrong, data_dir), WRONG_CREDENTIALS)
    fifth = _refused(_as("sup", wrong, data_dir), "locked out for")
    assert "minutes" in fifth
    # Locked out: even the right passphrase is refused, and it says how long to wait.
    locked = _refused(_as("sup", right, data_dir), "try again in")
    assert "minute" in locked
    assert _snapshot(data_dir) == before

    unlocked = _cli(
        "users",
        "unlock",
        "sup",
        "--data-dir",
        str(data_dir),
        "--user",
        "admin",
        "--passphrase-file",
        str(admin),
    )
    assert unlocked.returncode == 0, unlocked.stderr
    assert _as("sup", right, data_dir).returncode == 0

    workspace = sign_in(data_dir, "admin", passphrase_of("admin"), SystemClock())
    try:
        with workspace.database.engine.connect() as connection:
            bodies = connection.execute(text("SELECT body FROM audit_event ORDER BY seq"))
            failed = [
                event
                for event in (decode_body(bytes(body)) for (body,) in bodies)
                if event.action == "sign_in_failed"
            ]
        assert workspace.database.verify_audit_chain().intact
    finally:
        workspace.close()
    # The five wrong tries of sup and the unknown name; a try while locked out is not a guess.
    assert len(failed) == 6
    details = sorted(event.detail for event in failed)
    assert details == ["unknown user name"] + ["wrong passphrase"] * 5
