"""Failed sign-in counting and the lock-out, kept in a small file beside the key vault.

A failed sign-in must leave the database and the key vault byte-for-byte unchanged, so this file
(``signin-state.json``) is the only thing it writes. Per key vault slot id (never a user name) it
holds the count of wrong tries and when a lock-out ends, plus the failed sign-ins not yet written
to the audit trail; the next successful sign-in collects them.

The file cannot be authenticated before anyone has signed in, so whoever can write it can also
reset a lock-out; the guard slows guessing at the keyboard, it does not stop a file-level attacker.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Final

from incident_desk.domain.clock import Clock, ensure_utc
from incident_desk.storage.atomic_files import atomic_write_bytes
from incident_desk.storage.key_vault import is_slot_id

FORMAT_NAME: Final = "incident-desk-signin-state"
FORMAT_VERSION: Final = 1
DEFAULT_MAX_FAILURES: Final = 5
DEFAULT_LOCKOUT: Final = timedelta(minutes=10)

_logger = logging.getLogger(__name__)
_MINUTE: Final = timedelta(minutes=1)


@dataclass(frozen=True)
class FailedSignIn:
    """One failed sign-in waiting to be written to the audit trail."""

    slot_id: str
    at: datetime


@dataclass(frozen=True)
class LockState:
    """Whether a user is locked out, until when, and how many wrong tries count so far."""

    locked: bool
    locked_until: datetime | None
    failures: int

    def minutes_left(self, now: datetime) -> int:
        """Whole minutes until the lock-out ends, rounded up; 0 when not locked."""
        if not self.locked or self.locked_until is None:
            return 0
        remaining = self.locked_until - ensure_utc(now)
        if remaining <= timedelta(0):
            return 0
        return -(-remaining // _MINUTE)


@dataclass(frozen=True)
class _Counter:
    failures: int
    locked_until: datetime | None


@dataclass(frozen=True)
class _State:
    counters: Mapping[str, _Counter]
    pending: tuple[FailedSignIn, ...]


_EMPTY: Final = _State({}, ())
_UNLOCKED: Final = LockState(locked=False, locked_until=None, failures=0)


class SignInGuard:
    """Counts wrong tries per slot and locks a slot out after too many."""

    def __init__(
        self,
        path: Path,
        clock: Clock,
        max_failures: int = DEFAULT_MAX_FAILURES,
        lockout: timedelta = DEFAULT_LOCKOUT,
    ) -> None:
        if max_failures < 1:
            raise ValueError("max_failures must be at least 1")
        if lockout <= timedelta(0):
            raise ValueError("the lock-out must last some time")
        self._path = path
        self._damaged_path = path.with_name(path.name + ".damaged")
        self._clock = clock
        self._max_failures = max_failures
        self._lockout = lockout
        self._lock = threading.Lock()

    @property
    def path(self) -> Path:
        return self._path

    def state(self, slot_id: str) -> LockState:
        """The slot's lock state now; reading never writes."""
        _require_slot_id(slot_id)
        with self._lock:
            current, _ = self._read()
            return self._effective(current.counters.get(slot_id), self._clock.now())

    def pending_failures(self) -> tuple[FailedSignIn, ...]:
        """Failed sign-ins not yet collected, without clearing them."""
        with self._lock:
            return self._read()[0].pending

    def record_failure(self, slot_id: str) -> LockState:
        """Count one wrong try; the one that reaches ``max_failures`` starts the lock-out."""
        _require_slot_id(slot_id)
        with self._lock:
            current, damaged = self._read()
            now = self._clock.now()
            before = self._effective(current.counters.get(slot_id), now)
            if before.locked:
                # A try during a lock-out is still logged but neither counts nor extends it.
                counter = _Counter(before.failures, before.locked_until)
            else:
                failures = before.failures + 1
                ends = now + self._lockout if failures >= self._max_failures else None
                counter = _Counter(failures, ends)
            counters = {**self._live(current.counters, now), slot_id: counter}
            pending = (*current.pending, FailedSignIn(slot_id, now))
            self._write(_State(counters, pending), damaged)
            return self._effective(counter, now)

    def record_success(self, slot_id: str) -> tuple[FailedSignIn, ...]:
        """Reset this slot's count; return and forget every slot's pending failed sign-ins."""
        _require_slot_id(slot_id)
        with self._lock:
            current, damaged = self._read()
            live = self._live(current.counters, self._clock.now())
            updated = _State({k: v for k, v in live.items() if k != slot_id}, ())
            if updated != current or damaged is not None:
                self._write(updated, damaged)
            return current.pending

    def clear(self, slot_id: str) -> None:
        """Administrator unlock: forget the slot's count; its failures stay pending for audit."""
        _require_slot_id(slot_id)
        with self._lock:
            current, damaged = self._read()
            live = self._live(current.counters, self._clock.now())
            updated = _State({k: v for k, v in live.items() if k != slot_id}, current.pending)
            if updated != current or damaged is not None:
                self._write(updated, damaged)

    def _effective(self, counter: _Counter | None, now: datetime) -> LockState:
        if counter is None:
            return _UNLOCKED
        if counter.locked_until is None:
            return LockState(locked=False, locked_until=None, failures=counter.failures)
        # A clock set back must not stretch a lock-out past its normal length.
        ends = min(counter.locked_until, now + self._lockout)
        if now < ends:
            return LockState(locked=True, locked_until=ends, failures=counter.failures)
        return _UNLOCKED  # the lock-out is over and the count starts again from zero

    def _live(self, counters: Mapping[str, _Counter], now: datetime) -> dict[str, _Counter]:
        # Expired lock-outs are dropped on every write so the file does not grow forever.
        return {k: v for k, v in counters.items() if self._effective(v, now) != _UNLOCKED}

    def _read(self) -> tuple[_State, bytes | None]:
        """The stored state, plus the raw bytes when the file was damaged and read as empty."""
        try:
            raw = self._path.read_bytes()
        except FileNotFoundError:
            return _EMPTY, None
        try:
            return _decode(raw), None
        except _MalformedError as error:
            # Sign-in must keep working; the bad file is kept aside at the next write.
            _logger.warning("sign-in state file %s is damaged (%s)", self._path, error)
            return _EMPTY, raw

    def _write(self, state: _State, damaged: bytes | None) -> None:
        if damaged is not None:
            atomic_write_bytes(self._damaged_path, damaged)
        atomic_write_bytes(self._path, _encode(state))


def _require_slot_id(slot_id: str) -> None:
    # Refusing anything else keeps user names out of this file even if a caller slips.
    if not is_slot_id(slot_id):
        raise ValueError("pass KeyVault.user_slot_id(name), never a user name")


def _encode(state: _State) -> bytes:
    body = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "slots": {
            slot_id: {
                "failures": counter.failures,
                "locked_until": (
                    None if counter.locked_until is None else _timestamp(counter.locked_until)
                ),
            }
            for slot_id, counter in sorted(state.counters.items())
        },
        "pending": [{"slot_id": f.slot_id, "at": _timestamp(f.at)} for f in state.pending],
    }
    return (json.dumps(body, indent=2) + "\n").encode("ascii")


def _timestamp(moment: datetime) -> str:
    return ensure_utc(moment).isoformat()


class _MalformedError(Exception):
    """Internal: why the state file could not be used."""


def _decode(raw: bytes) -> _State:
    try:
        body = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise _MalformedError("not readable JSON") from None
    if not isinstance(body, dict) or body.get("format") != FORMAT_NAME:
        raise _MalformedError("not a sign-in state file")
    if body.get("version") != FORMAT_VERSION:
        raise _MalformedError("unknown version")
    slots = body.get("slots")
    pending = body.get("pending")
    if not isinstance(slots, dict) or not isinstance(pending, list):
        raise _MalformedError("missing slots or pending failures")
    counters: dict[str, _Counter] = {}
    for slot_id, entry in slots.items():
        if not is_slot_id(slot_id) or not isinstance(entry, dict):
            raise _MalformedError("a malformed slot entry")
        failures = entry.get("failures")
        if type(failures) is not int or failures < 0:
            raise _MalformedError("a malformed failure count")
        until = entry.get("locked_until")
        counters[slot_id] = _Counter(failures, None if until is None else _moment(until))
    failed: list[FailedSignIn] = []
    for entry in pending:
        slot_id = entry.get("slot_id") if isinstance(entry, dict) else None
        if not isinstance(slot_id, str) or not is_slot_id(slot_id):
            raise _MalformedError("a malformed pending failure")
        failed.append(FailedSignIn(slot_id, _moment(entry.get("at"))))
    return _State(counters, tuple(failed))


def _moment(value: Any) -> datetime:
    if not isinstance(value, str):
        raise _MalformedError("a time is not text")
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise _MalformedError("a malformed time") from None
    if moment.tzinfo is None:
        raise _MalformedError("a time without a time zone")
    return ensure_utc(moment)
