"""Session hooks that make auditing and append-only logs automatic.

Every row a unit of work inserts, changes or deletes becomes an audit event carrying the
use-case's name, the actor, and digests of the row before and after, written in the same
transaction. A flush with changes but no audit context is refused: there is no unaudited write.
Log rows (``AppendOnly``) can be inserted, never changed or deleted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import ORMExecuteState, Session, UOWTransaction

from incident_desk.domain.audit_chain import format_timestamp, state_digest
from incident_desk.storage.audit_log import PendingEvent, append_events
from incident_desk.storage.errors import AppendOnlyViolation
from incident_desk.storage.rows import AppendOnly, AuditChainHeadRow, AuditEventRow, CaseRow

AUDIT_INFO_KEY = "incident_desk_audit"


@dataclass
class AuditContext:
    """Who is acting, in which use-case, at what time; set on the session by the service layer."""

    actor_id: int | None
    action: str
    now: datetime
    case_id: int | None = None
    extra_events: list[PendingEvent] = field(default_factory=list)


def audit_context(session: Session) -> AuditContext | None:
    context = session.info.get(AUDIT_INFO_KEY)
    assert context is None or isinstance(context, AuditContext)
    return context


def row_values(row: Any) -> dict[str, Any]:
    mapper = inspect(row).mapper
    return {attr.key: getattr(row, attr.key) for attr in mapper.column_attrs}


def _values_before(row: Any) -> dict[str, Any]:
    state = inspect(row)
    before: dict[str, Any] = {}
    for attr in state.mapper.column_attrs:
        history = state.attrs[attr.key].history
        if history.deleted:
            before[attr.key] = history.deleted[0]
        elif history.unchanged:
            before[attr.key] = history.unchanged[0]
        else:
            before[attr.key] = getattr(row, attr.key)
    return before


def _entity_id(row: Any) -> str:
    # New rows have their primary key by now but not yet an identity key: read the key itself.
    key = inspect(row).mapper.primary_key_from_instance(row)
    return ",".join("" if part is None else str(part) for part in key)


def _case_id(row: Any, context: AuditContext) -> int | None:
    if isinstance(row, CaseRow):
        return row.id
    case_id = getattr(row, "case_id", None)
    if isinstance(case_id, int):
        return case_id
    return context.case_id


def _is_ledger(row: object) -> bool:
    return isinstance(row, AuditEventRow | AuditChainHeadRow)


def _before_flush(session: Session, flush_context: UOWTransaction, instances: object) -> None:
    for row in session.dirty:
        if isinstance(row, AppendOnly) and session.is_modified(row, include_collections=False):
            raise AppendOnlyViolation(
                f"{type(row).__name__} entries are never changed; record a correction instead"
            )
    for row in session.deleted:
        if isinstance(row, AppendOnly):
            raise AppendOnlyViolation(
                f"{type(row).__name__} entries are never deleted; record a correction instead"
            )


def _after_flush(session: Session, flush_context: UOWTransaction) -> None:
    context = audit_context(session)
    changed = [row for row in session.new if not _is_ledger(row)]
    modified = [
        row
        for row in session.dirty
        if not _is_ledger(row) and session.is_modified(row, include_collections=False)
    ]
    deleted = [row for row in session.deleted if not _is_ledger(row)]
    if not (changed or modified or deleted) and (context is None or not context.extra_events):
        return
    if context is None:
        raise RuntimeError("a change was flushed outside an audited unit of work")
    stamp = format_timestamp(context.now)
    events: list[PendingEvent] = list(context.extra_events)
    context.extra_events.clear()
    for row in changed:
        events.append(_event(context, stamp, row, None, row_values(row)))
    for row in modified:
        events.append(_event(context, stamp, row, _values_before(row), row_values(row)))
    for row in deleted:
        events.append(_event(context, stamp, row, _values_before(row), None))
    append_events(session.connection(), events)


def _event(
    context: AuditContext,
    stamp: str,
    row: Any,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
) -> PendingEvent:
    return PendingEvent(
        occurred_at=stamp,
        actor_id=context.actor_id,
        action=context.action,
        entity=str(inspect(row).mapper.local_table.name),
        entity_id=_entity_id(row),
        case_id=_case_id(row, context),
        before_digest=state_digest(before),
        after_digest=state_digest(after),
    )


def _before_commit(session: Session) -> None:
    # Events with no row change (a view, a sign-in) reach the chain here; rows still pending
    # are flushed after this hook and audited by _after_flush.
    context = audit_context(session)
    if context is not None and context.extra_events:
        events = list(context.extra_events)
        context.extra_events.clear()
        append_events(session.connection(), events)


def _refuse_bulk_changes(state: ORMExecuteState) -> None:
    # An ORM UPDATE or DELETE statement skips the flush, so it would escape both the
    # append-only guard and the audit trail: every change goes through rows instead.
    if state.is_update or state.is_delete:
        raise AppendOnlyViolation(
            "records are never changed by bulk UPDATE or DELETE statements, which would "
            "bypass the audit trail; change rows one by one through the unit of work"
        )


def install_audit_hooks(session_class: type[Session]) -> None:
    event.listen(session_class, "do_orm_execute", _refuse_bulk_changes)
    event.listen(session_class, "before_flush", _before_flush)
    event.listen(session_class, "after_flush", _after_flush)
    event.listen(session_class, "before_commit", _before_commit)
