"""The failed sign-in counter and lock-out on real files, with a clock that moves when told."""

from __future__ import annotations

import json
import stat
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from incident_desk.domain.clock import ManualClock
from incident_desk.storage.key_vault import (
    KdfParams,
    KeyVault,
    WrongCredentials,
    generate_data_key,
    generate_recovery_key,
)
from incident_desk.storage.signin_guard import FailedSignIn, LockState, SignInGuard

START = datetime(2025, 3, 14, 22, 5, tzinfo=UTC)
ALICE = "a" * 64
BOB = "b" * 64


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(START)


@pytest.fixture
def state_path(tmp_path: Path) -> Path:
    return tmp_path / "signin-state.json"


@pytest.fixture
def guard(state_path: Path, clock: ManualClock) -> SignInGuard:
    return SignInGuard(state_path, clock)


def fail(guard: SignInGuard, slot_id: str, times: int) -> LockState:
    state = guard.state(slot_id)
    for _ in range(times):
        state = guard.record_failure(slot_id)
    return state


def test_no_file_means_no_failures_and_reading_creates_nothing(
    guard: SignInGuard, state_path: Path
) -> None:
    assert guard.state(ALICE) == LockState(locked=False, locked_until=None, failures=0)
    assert guard.pending_failures() == ()
    assert guard.record_success(ALICE) == ()
    guard.clear(ALICE)
    assert not state_path.exists()


def test_four_failures_do_not_lock_and_the_fifth_locks_for_ten_minutes(
    guard: SignInGuard, clock: ManualClock
) -> None:
    for expected in range(1, 5):
        state = guard.record_failure(ALICE)
        assert state == LockState(locked=False, locked_until=None, failures=expected)
        clock.advance(timedelta(seconds=20))
    fifth = guard.record_failure(ALICE)
    assert fifth.locked
    assert fifth.failures == 5
    assert fifth.locked_until == clock.now() + timedelta(minutes=10)
    assert fifth.minutes_left(clock.now()) == 10
    assert guard.state(ALICE) == fifth
    clock.advance(timedelta(minutes=2, seconds=30))
    assert guard.state(ALICE).minutes_left(clock.now()) == 8  # 7.5 minutes, rounded up
    assert not guard.state(BOB).locked


def test_lock_out_expires_and_the_count_starts_again(
    guard: SignInGuard, clock: ManualClock
) -> None:
    locked = fail(guard, ALICE, 5)
    clock.advance(timedelta(minutes=9, seconds=59))
    assert guard.state(ALICE).locked
    assert guard.state(ALICE).minutes_left(clock.now()) == 1
    clock.advance(timedelta(seconds=1))
    assert clock.now() == locked.locked_until
    assert guard.state(ALICE) == LockState(locked=False, locked_until=None, failures=0)
    assert guard.record_failure(ALICE).failures == 1
    assert not fail(guard, ALICE, 3).locked
    assert guard.record_failure(ALICE).locked


def test_reading_the_state_never_writes(
    guard: SignInGuard, state_path: Path, clock: ManualClock
) -> None:
    fail(guard, ALICE, 5)
    before = (state_path.read_bytes(), state_path.stat().st_mtime_ns)
    guard.state(ALICE)
    guard.state(BOB)
    guard.pending_failures()
    clock.advance(timedelta(hours=1))
    guard.state(ALICE)
    assert (state_path.read_bytes(), state_path.stat().st_mtime_ns) == before


def test_a_try_during_the_lock_out_is_logged_but_does_not_extend_it(
    guard: SignInGuard, clock: ManualClock
) -> None:
    locked = fail(guard, ALICE, 5)
    clock.advance(timedelta(minutes=3))
    again = guard.record_failure(ALICE)
    assert again.locked_until == locked.locked_until
    assert again.failures == 5
    assert len(guard.pending_failures()) == 6


def test_success_resets_that_user_and_hands_over_every_pending_failure(
    guard: SignInGuard, clock: ManualClock
) -> None:
    guard.record_failure(ALICE)
    first = clock.now()
    clock.advance(timedelta(minutes=1))
    guard.record_failure(BOB)
    clock.advance(timedelta(minutes=1))
    guard.record_failure(ALICE)
    third = clock.now()

    collected = guard.record_success(ALICE)

    assert collected == (
        FailedSignIn(ALICE, first),
        FailedSignIn(BOB, first + timedelta(minutes=1)),
        FailedSignIn(ALICE, third),
    )
    assert all(item.at.tzinfo is not None for item in collected)
    assert guard.state(ALICE).failures == 0
    assert guard.state(BOB).failures == 1  # only the user who signed in is reset
    assert guard.record_success(BOB) == ()


def test_pending_failures_survive_a_restart(state_path: Path, clock: ManualClock) -> None:
    fail(SignInGuard(state_path, clock), ALICE, 5)
    restarted = SignInGuard(state_path, clock)
    assert restarted.state(ALICE).locked
    assert len(restarted.record_success(BOB)) == 5


def test_administrator_clear_unlocks_but_keeps_failures_for_the_audit(
    guard: SignInGuard,
) -> None:
    fail(guard, ALICE, 5)
    fail(guard, BOB, 2)
    guard.clear(ALICE)
    assert guard.state(ALICE) == LockState(locked=False, locked_until=None, failures=0)
    assert guard.state(BOB).failures == 2
    assert len(guard.pending_failures()) == 7


def test_limits_are_constructor_parameters(state_path: Path, clock: ManualClock) -> None:
    guard = SignInGuard(state_path, clock, max_failures=3, lockout=timedelta(minutes=1))
    assert not fail(guard, ALICE, 2).locked
    third = guard.record_failure(ALICE)
    assert third.locked_until == START + timedelta(minutes=1)
    clock.advance(timedelta(seconds=61))
    assert not guard.state(ALICE).locked
    with pytest.raises(ValueError, match="at least 1"):
        SignInGuard(state_path, clock, max_failures=0)
    with pytest.raises(ValueError, match="lock-out"):
        SignInGuard(state_path, clock, lockout=timedelta(0))


def test_a_clock_set_back_cannot_stretch_a_lock_out(guard: SignInGuard, clock: ManualClock) -> None:
    fail(guard, ALICE, 5)
    clock.set(START - timedelta(days=2))
    state = guard.state(ALICE)
    assert state.locked
    assert state.minutes_left(clock.now()) == 10


@pytest.mark.parametrize(
    ("left", "minutes"),
    [
        (timedelta(minutes=10), 10),
        (timedelta(minutes=9, seconds=1), 10),
        (timedelta(minutes=7), 7),
        (timedelta(seconds=59), 1),
        (timedelta(microseconds=1), 1),
        (timedelta(0), 0),
        (timedelta(seconds=-5), 0),
    ],
)
def test_minutes_left_rounds_up(left: timedelta, minutes: int) -> None:
    state = LockState(locked=True, locked_until=START + left, failures=5)
    assert state.minutes_left(START) == minutes


def test_minutes_left_is_zero_when_not_locked() -> None:
    assert LockState(locked=False, locked_until=None, failures=2).minutes_left(START) == 0


@pytest.mark.parametrize(
    "content",
    [
        b"{not json",
        b"",
        b"\x00\xff\x10garbage",
        b'{"format": "incident-desk-signin-state", "version": 1, "slots": [], "pending": []}',
        b'{"format": "incident-desk-signin-state", "version": 1, "slots": {},'
        b' "pending": [{"slot_id": "Alice", "at": "2025-03-14T22:05:00+00:00"}]}',
        b'{"format": "incident-desk-signin-state", "version": 1,'
        b' "slots": {"' + b"a" * 64 + b'": {"failures": "5", "locked_until": null}},'
        b' "pending": []}',
        b'{"format": "incident-desk-signin-state", "version": 1, "slots": {},'
        b' "pending": [{"slot_id": "' + b"a" * 64 + b'", "at": "2025-03-14T22:05:00"}]}',
    ],
    ids=["broken", "empty", "binary", "wrong-shape", "name-in-clear", "text-count", "naive-time"],
)
def test_a_damaged_file_reads_as_empty_and_is_kept_aside(
    guard: SignInGuard, state_path: Path, content: bytes
) -> None:
    state_path.write_bytes(content)
    assert guard.state(ALICE) == LockState(locked=False, locked_until=None, failures=0)
    assert state_path.read_bytes() == content  # reading alone changes nothing

    assert guard.record_failure(ALICE).failures == 1

    damaged = state_path.with_name("signin-state.json.damaged")
    assert damaged.read_bytes() == content
    assert guard.state(ALICE).failures == 1
    assert len(guard.pending_failures()) == 1


def test_success_over_a_damaged_file_repairs_it(guard: SignInGuard, state_path: Path) -> None:
    state_path.write_bytes(b"\x00garbage")
    assert guard.record_success(ALICE) == ()
    assert state_path.with_name("signin-state.json.damaged").read_bytes() == b"\x00garbage"
    assert json.loads(state_path.read_text())["format"] == "incident-desk-signin-state"


def test_the_file_holds_slot_ids_only(guard: SignInGuard, state_path: Path) -> None:
    fail(guard, ALICE, 2)
    body = json.loads(state_path.read_text())
    assert body["version"] == 1
    assert list(body["slots"]) == [ALICE]
    assert {entry["slot_id"] for entry in body["pending"]} == {ALICE}
    for user_name in ("Alice", "alice", "", "A" * 64, "g" * 64):
        with pytest.raises(ValueError, match="never a user name"):
            guard.record_failure(user_name)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_state_file_is_private_and_written_without_leftovers(
    guard: SignInGuard, state_path: Path
) -> None:
    guard.record_failure(ALICE)
    guard.record_success(ALICE)
    assert stat.S_IMODE(state_path.stat().st_mode) == 0o600
    assert [p.name for p in state_path.parent.iterdir()] == ["signin-state.json"]


def test_a_failed_sign_in_writes_only_the_guard_file(tmp_path: Path, clock: ManualClock) -> None:
    vault_path = tmp_path / "vault.json"
    light = KdfParams(time_cost=1, memory_cost_kib=8, parallelism=1)
    vault = KeyVault.create(
        vault_path, generate_data_key(), "Alice", "right", generate_recovery_key(), light
    )
    guard = SignInGuard(tmp_path / "signin-state.json", clock)
    vault_before = (vault_path.read_bytes(), vault_path.stat().st_mtime_ns)

    for name in ("Alice", "Mallory"):
        with pytest.raises(WrongCredentials):
            vault.unlock(name, "wrong")
        guard.record_failure(vault.user_slot_id(name))

    assert (vault_path.read_bytes(), vault_path.stat().st_mtime_ns) == vault_before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["signin-state.json", "vault.json"]
    raw = (tmp_path / "signin-state.json").read_bytes().lower()
    assert b"alice" not in raw
    assert b"mallory" not in raw
    vault.unlock("Alice", "right")
    collected = guard.record_success(vault.user_slot_id("Alice"))
    assert [item.slot_id for item in collected] == [
        vault.user_slot_id("Alice"),
        vault.user_slot_id("Mallory"),
    ]
