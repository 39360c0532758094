"""Writing and reading the audit hash chain.

Writers hold the single chain-head row for the length of their transaction, so events get
consecutive sequence numbers and the chain never forks. Reading for verification goes straight
to the driver cursor: the trail of a busy installation holds millions of events.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, insert, select, update

from incident_desk.domain.audit_chain import (
    GENESIS_HASH,
    AuditFields,
    ChainReport,
    event_hash,
    verify_chain,
)
from incident_desk.storage.rows import AuditChainHeadRow, AuditEventRow

HEAD_ID = 1
_EVENT_COLUMNS = (
    "seq, occurred_at, actor_id, action, entity, entity_id, case_id, "
    "before_digest, after_digest, detail, prev_hash, hash"
)


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


def read_head(connection: Connection) -> tuple[int, str] | None:
    row = connection.execute(
        select(AuditChainHeadRow.seq, AuditChainHeadRow.hash)
        .where(AuditChainHeadRow.id == HEAD_ID)
        .with_for_update()
    ).first()
    return None if row is None else (int(row[0]), str(row[1]))


def chain_rows(
    head: tuple[int, str] | None, events: Sequence[PendingEvent]
) -> list[dict[str, Any]]:
    """Give each pending event its sequence number, predecessor and hash."""
    seq, prev = head if head is not None else (0, GENESIS_HASH)
    rows: list[dict[str, Any]] = []
    for pending in events:
        seq += 1
        fields = AuditFields(
            seq=seq,
            occurred_at=pending.occurred_at,
            actor_id=pending.actor_id,
            action=pending.action,
            entity=pending.entity,
            entity_id=pending.entity_id,
            case_id=pending.case_id,
            before_digest=pending.before_digest,
            after_digest=pending.after_digest,
            detail=pending.detail,
        )
        digest = event_hash(prev, fields)
        rows.append({**fields.__dict__, "prev_hash": prev, "hash": digest})
        prev = digest
    return rows


def append_events(connection: Connection, events: Sequence[PendingEvent]) -> tuple[int, str]:
    """Append ``events`` to the chain inside the caller's transaction; returns the new head."""
    if not events:
        head = read_head(connection)
        return head if head is not None else (0, GENESIS_HASH)
    head = read_head(connection)
    rows = chain_rows(head, events)
    connection.execute(insert(AuditEventRow), rows)
    new_head = (int(rows[-1]["seq"]), str(rows[-1]["hash"]))
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


def iter_stored_events(engine: Engine, batch: int = 50_000) -> Iterator[tuple[Any, ...]]:
    """Every stored event in sequence order, as plain tuples, straight from the driver."""
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        cursor.execute(f"SELECT {_EVENT_COLUMNS} FROM audit_event ORDER BY seq")
        while True:
            rows = cursor.fetchmany(batch)
            if not rows:
                break
            yield from rows
        cursor.close()
    finally:
        raw.close()


def verify_stored_chain(engine: Engine) -> ChainReport:
    with engine.connect() as connection:
        head_row = connection.execute(
            select(AuditChainHeadRow.seq, AuditChainHeadRow.hash).where(
                AuditChainHeadRow.id == HEAD_ID
            )
        ).first()
    head = None if head_row is None else (int(head_row[0]), str(head_row[1]))
    return verify_chain(iter_stored_events(engine), head)
