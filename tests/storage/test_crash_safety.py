"""Killing the writer at random moments loses nothing it said was saved and damages nothing.

A real child process (crash_writer.py) records cases in a loop and prints each case number only
after its transaction committed; this test kills it with SIGKILL (no clean-up, no atexit, as a
power cut would look to the database) several times over the same data folder, then checks the
file: every promised case is there whole, SQLite and SQLCipher find no damage, and the audit
chain is unbroken.
"""

from __future__ import annotations

import os
import queue
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import IO

import pytest
from sqlalchemy import text

from incident_desk.domain.clock import SystemClock
from incident_desk.services.workspace import Workspace, sign_in
from tests.conftest import passphrase_of

WRITER = Path(__file__).resolve().parent / "crash_writer.py"
SRC = Path(__file__).resolve().parents[2] / "src"
ROUNDS = 6
SEED = 20261122
READY_TIMEOUT = 45.0
USER = "sup"


def _child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), env.get("PYTHONPATH")]))
    return env


def _pump(stream: IO[str], lines: queue.Queue[str | None]) -> None:
    for line in iter(stream.readline, ""):
        lines.put(line)
    lines.put(None)


def _run_and_kill(data_dir: Path, delay: float) -> list[str]:
    """Start the writer, kill it ``delay`` seconds after it is ready; the numbers it promised."""
    child = subprocess.Popen(
        [sys.executable, str(WRITER), str(data_dir), USER],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        env=_child_env(),
    )
    assert child.stdin is not None
    child.stdin.write(passphrase_of(USER) + "\n")
    child.stdin.close()
    lines: queue.Queue[str | None] = queue.Queue()
    reader = threading.Thread(target=_pump, args=(child.stdout, lines), daemon=True)
    reader.start()
    try:
        first = lines.get(timeout=READY_TIMEOUT)
    except queue.Empty:
        child.kill()
        child.wait()
        pytest.fail("the writer did not sign in in time")
    if first != "ready\n":
        child.wait()
        stderr = child.stderr.read() if child.stderr else ""
        pytest.fail(f"the writer failed before it was ready: {first!r} {stderr}")
    time.sleep(delay)
    child.kill()  # SIGKILL on POSIX: the process gets no chance to finish anything
    child.wait()
    reader.join(timeout=10)
    stderr = child.stderr.read() if child.stderr else ""
    if sys.platform != "win32":
        assert child.returncode == -signal.SIGKILL, f"the writer ended by itself: {stderr}"
    promised: list[str] = []
    while True:
        line = lines.get_nowait() if not lines.empty() else None
        if line is None:
            break
        # A line cut short by the kill was never a promise: only whole lines count.
        if line.endswith("\n"):
            promised.append(line.strip())
    return promised


def _assert_sound(workspace: Workspace, promised: set[str], context: str) -> None:
    database = workspace.database
    assert database.integrity_problems() == [], context
    report = database.verify_audit_chain()
    assert report.intact, f"{context}: {report.problem}"
    with database.engine.connect() as connection:
        stored = set(connection.execute(text("SELECT case_number FROM case_file")).scalars())
        # Each case is saved whole or not at all: its two people and its intake step with it.
        half_written = connection.execute(
            text(
                "SELECT count(*) FROM case_file AS c WHERE "
                "(SELECT count(*) FROM case_person AS p WHERE p.case_id = c.id) != 2 OR "
                "(SELECT count(*) FROM step_record AS s "
                " WHERE s.case_id = c.id AND s.step_key = 'intake') != 1"
            )
        ).scalar_one()
    missing = promised - stored
    assert not missing, f"{context}: cases reported saved but gone: {sorted(missing)}"
    assert half_written == 0, f"{context}: {half_written} cases were saved in part"
    # A killed transaction rolls back whole, so numbering has no holes.
    suffixes = sorted(int(number.rsplit("-", 1)[1]) for number in stored)
    assert suffixes == list(range(1, len(suffixes) + 1)), context


@pytest.mark.slow
def test_sigkill_at_random_moments_loses_no_committed_case(data_dir: Path) -> None:
    delays = random.Random(SEED).sample([0.3 + 0.1 * step for step in range(18)], ROUNDS)
    promised: set[str] = set()
    for round_number, delay in enumerate(delays, start=1):
        promised.update(_run_and_kill(data_dir, delay))
        context = f"after kill {round_number} of {ROUNDS} ({delay:.1f} s after ready)"
        workspace = sign_in(data_dir, USER, passphrase_of(USER), SystemClock())
        try:
            _assert_sound(workspace, promised, context)
        finally:
            workspace.close()
    # Sanity: the kills happened while the writer was busy, not before it wrote anything.
    assert len(promised) >= ROUNDS
