"""Writing and reading the audit hash chain.

Writers hold the single chain-head row for the length of their transaction, so events get
consecutive sequence numbers and the chain never forks. Verification reads straight from the
driver cursor (a busy installation's trail holds millions of events) and, for a long trail,
splits it into stretches checked by parallel worker processes.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, func, insert, select, update

from incident_desk.domain.audit_chain import (
    GENESIS_HASH,
    AuditFields,
    ChainReport,
    SegmentReport,
    combine,
    decode_body,
    encode_body,
    link_hash,
    verify_segment,
)
from incident_desk.storage.engine import READ_ONLY_OPTION
from incident_desk.storage.rows import AuditChainHeadRow, AuditEventRow

HEAD_ID = 1
PARALLEL_THRESHOLD = 200_000  # below this, starting workers costs more than it saves
_FETCH_BATCH = 20_000


@dataclass(frozen=True)
class PendingEvent:
    """An event before it has a place in the chain."""

    occurred_at: str
    actor_id: int | None
    action: str
    entity: str
    entity_id: str
    case_id: int | None
    before_digest: str
    after_digest: str
    detail: str = ""


def read_head(connection: Connection, lock: bool = True) -> tuple[int, bytes] | None:
    statement = select(AuditChainHeadRow.seq, AuditChainHeadRow.hash).where(
        AuditChainHeadRow.id == HEAD_ID
    )
    row = connection.execute(statement.with_for_update() if lock else statement).first()
    return None if row is None else (int(row[0]), bytes(row[1]))


def chain_rows(
    head: tuple[int, bytes] | None, events: Sequence[PendingEvent]
) -> list[dict[str, Any]]:
    """Give each pending event its sequence number and hash: rows ready for insertion."""
    seq, prev = head if head is not None else (0, GENESIS_HASH)
    rows: list[dict[str, Any]] = []
    for pending in events:
        seq += 1
        body = encode_body(
            AuditFields(
                case_id=pending.case_id,
                seq=seq,
                occurred_at=pending.occurred_at,
                actor_id=pending.actor_id,
                action=pending.action,
                entity=pending.entity,
                entity_id=pending.entity_id,
                before_digest=pending.before_digest,
                after_digest=pending.after_digest,
                detail=pending.detail,
            )
        )
        prev = link_hash(prev, body)
        rows.append({"seq": seq, "case_id": pending.case_id, "body": body, "hash": prev})
    return rows


def append_events(connection: Connection, events: Sequence[PendingEvent]) -> tuple[int, bytes]:
    """Append ``events`` to the chain inside the caller's transaction; returns the new head."""
    head = read_head(connection)
    if not events:
        return head if head is not None else (0, GENESIS_HASH)
    rows = chain_rows(head, events)
    connection.execute(insert(AuditEventRow), rows)
    new_head = (int(rows[-1]["seq"]), bytes(rows[-1]["hash"]))
    if head is None:
        connection.execute(
            insert(AuditChainHeadRow).values(id=HEAD_ID, seq=new_head[0], hash=new_head[1])
        )
    else:
        connection.execute(
            update(AuditChainHeadRow)
            .where(AuditChainHeadRow.id == HEAD_ID)
            .values(seq=new_head[0], hash=new_head[1])
        )
    return new_head


def decoded_events(connection: Connection, case_id: int | None = None) -> list[AuditFields]:
    """The events (of one case, or all), oldest first, read from their hashed bodies."""
    statement = select(AuditEventRow.body).order_by(AuditEventRow.seq)
    if case_id is not None:
        statement = statement.where(AuditEventRow.case_id == case_id)
    return [decode_body(bytes(body)) for body in connection.execute(statement).scalars()]


def _stored_rows(engine: Engine, low: int, high: int | None) -> Iterator[tuple[Any, ...]]:
    """Events from ``low`` (to before ``high``) straight off the driver cursor: no ORM, no
    result wrapping, because this is the hot path of verification."""
    statement = (
        select(AuditEventRow.seq, AuditEventRow.case_id, AuditEventRow.body, AuditEventRow.hash)
        .where(AuditEventRow.seq >= low)
        .order_by(AuditEventRow.seq)
    )
    if high is not None:
        statement = statement.where(AuditEventRow.seq < high)
    # The bounds are integers we made, so inlining them is safe and keeps this dialect-neutral.
    sql = str(statement.compile(dialect=engine.dialect, compile_kwargs={"literal_binds": True}))
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        cursor.execute(sql)
        while rows := cursor.fetchmany(_FETCH_BATCH):
            yield from rows
        cursor.close()
    finally:
        raw.close()


def _predecessor(engine: Engine, low: int) -> tuple[int, bytes]:
    """The last event before ``low`` (where a stretch starting at ``low`` must join)."""
    reader = engine.connect().execution_options(**{READ_ONLY_OPTION: True})
    with reader as connection:
        row = connection.execute(
            select(AuditEventRow.seq, AuditEventRow.hash)
            .where(AuditEventRow.seq < low)
            .order_by(AuditEventRow.seq.desc())
            .limit(1)
        ).first()
    return (0, GENESIS_HASH) if row is None else (int(row[0]), bytes(row[1]))


def verify_stretch(engine: Engine, low: int, high: int | None) -> SegmentReport:
    prev_seq, prev_hash = _predecessor(engine, low)
    return verify_segment(_stored_rows(engine, low, high), prev_hash, prev_seq)


_worker_engine: Engine | None = None


def _verify_in_worker(low: int, high: int | None) -> SegmentReport:
    # A forked worker must not touch the parent's pooled connections: start a fresh pool.
    assert _worker_engine is not None
    _worker_engine.dispose(close=False)
    return verify_stretch(_worker_engine, low, high)


def verify_stored_chain(engine: Engine, workers: int | None = None) -> ChainReport:
    """Verify the whole trail; ``workers`` > 1 checks stretches in parallel processes."""
    # The head and the newest stored event are read from one snapshot, so events that others
    # append while the trail is walked are left out instead of looking like a broken head; an
    # event stored past the head in that same snapshot is still found.
    reader = engine.connect().execution_options(**{READ_ONLY_OPTION: True})
    with reader as connection, connection.begin():
        head = read_head(connection, lock=False)
        newest = int(connection.execute(select(func.max(AuditEventRow.seq))).scalar() or 0)
    end = newest + 1
    if workers is None:
        workers = min(os.cpu_count() or 1, 4)
    can_fork = "fork" in multiprocessing.get_all_start_methods()
    if workers <= 1 or newest < PARALLEL_THRESHOLD or not can_fork:
        return combine([verify_stretch(engine, 1, end)], head)
    step = newest // workers + 1
    bounds: list[tuple[int, int | None]] = [
        (1 + index * step, min(1 + (index + 1) * step, end)) for index in range(workers)
    ]
    global _worker_engine
    _worker_engine = engine
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            segments = pool.starmap(_verify_in_worker, bounds)
    finally:
        _worker_engine = None
    return combine(segments, head)
