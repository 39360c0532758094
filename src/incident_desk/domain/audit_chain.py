"""The arithmetic of the tamper-evident audit trail: canonical form, digests, chain verification.

An event is stored as one canonical body (its fields, separated by U+001F) and a hash:
SHA-256 over the previous event's hash followed by the body. Editing, deleting, inserting or
reordering any event breaks the link at that event. Every check is local to one event and its
predecessor, so a long trail can be verified in segments, in parallel, and still name the
first event that does not match.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any

GENESIS_HASH = bytes(32)
SEPARATOR = "\x1f"
NO_STATE = ""  # the before-digest of a creation, the after-digest of a deletion
FIELD_COUNT = 10


@dataclass(frozen=True)
class AuditFields:
    """The content of one event. ``case_id`` comes first in the body so it can be cross-checked
    against the indexed column cheaply."""

    case_id: int | None
    seq: int
    occurred_at: str
    actor_id: int | None
    action: str
    entity: str
    entity_id: str
    before_digest: str
    after_digest: str
    detail: str


def _text(value: object) -> str:
    # The separator may never appear inside a field, or two bodies could read alike.
    return "" if value is None else str(value).replace(SEPARATOR, " ")


def encode_body(fields: AuditFields) -> bytes:
    return SEPARATOR.join(
        _text(value)
        for value in (
            fields.case_id,
            fields.seq,
            fields.occurred_at,
            fields.actor_id,
            fields.action,
            fields.entity,
            fields.entity_id,
            fields.before_digest,
            fields.after_digest,
            fields.detail,
        )
    ).encode("utf-8")


def decode_body(body: bytes) -> AuditFields:
    parts = body.decode("utf-8").split(SEPARATOR)
    if len(parts) != FIELD_COUNT:
        raise ValueError("not an audit event body")
    case_id, seq, occurred_at, actor_id, action, entity, entity_id, before, after, detail = parts
    return AuditFields(
        case_id=int(case_id) if case_id else None,
        seq=int(seq),
        occurred_at=occurred_at,
        actor_id=int(actor_id) if actor_id else None,
        action=action,
        entity=entity,
        entity_id=entity_id,
        before_digest=before,
        after_digest=after,
        detail=detail,
    )


def body_prefix(case_id: int | None) -> bytes:
    """How a body whose indexed ``case_id`` column is honest must begin."""
    return b"%d\x1f" % case_id if case_id is not None else SEPARATOR.encode()


def link_hash(prev_hash: bytes, body: bytes) -> bytes:
    return hashlib.sha256(prev_hash + body).digest()


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


# A stored event as read back: (seq, case_id, body, hash).
StoredEvent = Sequence[Any]


@dataclass(frozen=True)
class SegmentReport:
    """One stretch of the trail: how many events held, where it stopped, its last hash."""

    start_seq: int
    start_hash: bytes
    checked: int
    last_seq: int
    last_hash: bytes
    first_bad_seq: int | None = None
    problem: str = ""


def verify_segment(rows: Iterable[StoredEvent], prev_hash: bytes, prev_seq: int) -> SegmentReport:
    """Check consecutive events starting after ``prev_seq`` whose predecessor hashed ``prev_hash``.

    This loop is the hot path of ``audit verify`` (millions of events): keep it lean.
    """
    sha256 = hashlib.sha256
    start = (prev_seq, prev_hash)
    expected_seq = prev_seq + 1
    checked = 0
    for seq, case_id, body, stored in rows:
        if seq != expected_seq:
            problem = (
                f"event {expected_seq} is missing (event {seq} stands in its place)"
                if seq > expected_seq
                else f"event {seq} appears out of order after event {expected_seq - 1}"
            )
            return SegmentReport(*start, checked, expected_seq - 1, prev_hash, seq, problem)
        actual = sha256(prev_hash + body).digest()
        if actual != stored:
            problem = _mismatch(seq, body)
            return SegmentReport(*start, checked, seq - 1, prev_hash, seq, problem)
        if not body.startswith(b"%d\x1f" % case_id if case_id is not None else b"\x1f"):
            problem = f"event {seq} was moved to another case"
            return SegmentReport(*start, checked, seq - 1, prev_hash, seq, problem)
        prev_hash = actual
        expected_seq += 1
        checked += 1
    return SegmentReport(*start, checked, expected_seq - 1, prev_hash)


def _mismatch(seq: int, body: bytes) -> str:
    try:
        fields = decode_body(body)
    except (ValueError, UnicodeDecodeError):
        return f"event {seq} is unreadable: it was changed after it was written"
    if fields.seq != seq:
        return f"event {seq} is out of place: its content belongs to event {fields.seq}"
    return (
        f"event {seq} does not match its hash: it was changed after it was written, "
        "or an event before it was removed or reordered"
    )


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


def combine(segments: Sequence[SegmentReport], head: tuple[int, bytes] | None) -> ChainReport:
    """Join consecutive segment reports and compare the end with the chain-head record."""
    checked = 0
    last_seq, last_hash = 0, GENESIS_HASH
    for segment in segments:
        if (segment.start_seq, segment.start_hash) != (last_seq, last_hash):
            # The stretches do not join: events are missing at a boundary.
            return ChainReport(
                checked, last_seq + 1, f"event {last_seq + 1} is missing from the trail"
            )
        checked += segment.checked
        if segment.first_bad_seq is not None:
            return ChainReport(checked, segment.first_bad_seq, segment.problem)
        last_seq, last_hash = segment.last_seq, segment.last_hash
    if head is None:
        if checked:
            return ChainReport(checked, problem="the chain head record is missing")
        return ChainReport(0)
    head_seq, head_hash = head
    if head_seq > last_seq:
        return ChainReport(
            checked,
            last_seq + 1,
            f"events {last_seq + 1} to {head_seq} are missing from the end of the trail",
            head_seq,
        )
    if head_seq != last_seq or head_hash != last_hash:
        return ChainReport(
            checked,
            head_seq + 1 if head_seq < last_seq else head_seq,
            "the chain head record does not name the newest event",
            head_seq,
        )
    return ChainReport(checked, head_seq=head_seq)


def verify_chain(rows: Iterable[StoredEvent], head: tuple[int, bytes] | None) -> ChainReport:
    """Walk the whole trail in one pass (tests and small trails)."""
    return combine([verify_segment(rows, GENESIS_HASH, 0)], head)
