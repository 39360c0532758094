"""The arithmetic of the tamper-evident audit trail: canonical form, digests, chain verification.

Each event's hash is SHA-256 over the previous event's hash and the event's own fields, so
editing, deleting, inserting or reordering any event breaks every link after it. Every check
here is local to one event and its predecessor, which keeps verification a single fast pass.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any

GENESIS_HASH = "0" * 64
FIELD_SEPARATOR = "\x1f"
NO_STATE = ""  # the before-digest of a creation, the after-digest of a deletion


@dataclass(frozen=True)
class AuditFields:
    """The hashed content of one event, in canonical order."""

    seq: int
    occurred_at: str
    actor_id: int | None
    action: str
    entity: str
    entity_id: str
    case_id: int | None
    before_digest: str
    after_digest: str
    detail: str


def canonical_bytes(prev_hash: str, fields: AuditFields) -> bytes:
    """What the hash covers: the previous hash, then every field, separated by U+001F."""
    return _canonical(
        prev_hash,
        fields.seq,
        fields.occurred_at,
        fields.actor_id,
        fields.action,
        fields.entity,
        fields.entity_id,
        fields.case_id,
        fields.before_digest,
        fields.after_digest,
        fields.detail,
    )


def _canonical(prev_hash: str, *values: object) -> bytes:
    parts = [prev_hash]
    parts.extend("" if value is None else str(value) for value in values)
    return FIELD_SEPARATOR.join(parts).encode("utf-8")


def event_hash(prev_hash: str, fields: AuditFields) -> str:
    return hashlib.sha256(canonical_bytes(prev_hash, fields)).hexdigest()


def format_timestamp(moment: datetime) -> str:
    """The exact text an event's time is stored and hashed as (UTC, microseconds)."""
    return moment.isoformat(timespec="microseconds")


def state_digest(values: Mapping[str, Any] | None) -> str:
    """SHA-256 of a record's values in canonical JSON, or NO_STATE for "did not exist"."""
    if values is None:
        return NO_STATE
    encoded = json.dumps(values, sort_keys=True, default=_json_default, separators=(",", ":"))
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()


def _json_default(value: object) -> object:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, bytes):
        return hashlib.sha256(value).hexdigest()
    raise TypeError(f"cannot digest a value of type {type(value).__name__}")


@dataclass(frozen=True)
class ChainReport:
    """The outcome of walking the chain: how many events held, and the first that did not."""

    checked: int
    first_bad_seq: int | None = None
    problem: str = ""
    head_seq: int = 0

    @property
    def intact(self) -> bool:
        return self.first_bad_seq is None and not self.problem


# A stored row in the column order of ``AuditFields`` followed by prev_hash and hash.
StoredEvent = Sequence[Any]


def verify_chain(
    rows: Iterable[StoredEvent],
    head: tuple[int, str] | None,
) -> ChainReport:
    """Walk stored events in ``seq`` order; name the first that does not match.

    ``head`` is the (seq, hash) the chain-head record says is newest, so that events deleted
    from the end are detected too. Each row is
    ``(seq, occurred_at, actor_id, action, entity, entity_id, case_id, before, after, detail,
    prev_hash, hash)``.
    """
    expected_prev = GENESIS_HASH
    expected_seq = 1
    checked = 0
    sha256 = hashlib.sha256
    canonical = _canonical
    for row in rows:
        seq = row[0]
        prev_hash = row[10]
        if seq != expected_seq:
            problem = (
                f"event {expected_seq} is missing (found event {seq} in its place)"
                if seq > expected_seq
                else f"event {seq} appears out of order after event {expected_seq - 1}"
            )
            return ChainReport(checked, first_bad_seq=seq, problem=problem)
        if prev_hash != expected_prev:
            return ChainReport(
                checked,
                first_bad_seq=seq,
                problem=f"event {seq} does not follow event {seq - 1}: the link is broken",
            )
        actual = sha256(canonical(prev_hash, *row[:10])).hexdigest()
        if actual != row[11]:
            return ChainReport(
                checked,
                first_bad_seq=seq,
                problem=f"event {seq} was changed after it was written (content and hash differ)",
            )
        expected_prev = actual
        expected_seq += 1
        checked += 1
    last_seq = expected_seq - 1
    if head is None:
        if checked:
            return ChainReport(
                checked, problem="the chain head record is missing", head_seq=last_seq
            )
        return ChainReport(0)
    head_seq, head_hash = head
    if head_seq != last_seq or (head_seq and head_hash != expected_prev):
        if head_seq > last_seq:
            return ChainReport(
                checked,
                first_bad_seq=last_seq + 1,
                problem=f"events {last_seq + 1} to {head_seq} are missing from the end",
                head_seq=head_seq,
            )
        return ChainReport(
            checked,
            first_bad_seq=head_seq + 1 if head_seq < last_seq else head_seq,
            problem="the chain head record does not name the newest event",
            head_seq=head_seq,
        )
    return ChainReport(checked, head_seq=head_seq)
