"""One transaction's worth of work: the repositories, adding rows, and audit events without rows.

Services receive a UnitOfWork and never a SQLAlchemy session, so nothing above storage needs
to know what the database is.
"""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy.orm import Session

from incident_desk.domain.audit_chain import format_timestamp
from incident_desk.storage.audit_hooks import AUDIT_INFO_KEY, AuditContext
from incident_desk.storage.audit_log import PendingEvent
from incident_desk.storage.repositories.case_repository import CaseRepository
from incident_desk.storage.repositories.clock_facts_repository import ClockFactsRepository
from incident_desk.storage.repositories.evidence_repository import EvidenceRepository
from incident_desk.storage.repositories.organization_repository import OrganizationRepository
from incident_desk.storage.repositories.record_repository import RecordRepository
from incident_desk.storage.repositories.scene_repository import SceneRepository
from incident_desk.storage.repositories.step_repository import StepRepository

RepositoryT = TypeVar("RepositoryT")


class UnitOfWork:
    def __init__(self, session: Session) -> None:
        self._session = session
        self.cases = CaseRepository(session)
        self.organization = OrganizationRepository(session)
        self.steps = StepRepository(session)
        self.scenes = SceneRepository(session)
        self.evidence = EvidenceRepository(session)
        self.records = RecordRepository(session)
        self.clock_facts = ClockFactsRepository(session)

    def repository(self, repository_type: type[RepositoryT]) -> RepositoryT:
        """A repository of any area over this unit of work's transaction."""
        return repository_type(self._session)  # type: ignore[call-arg]

    def add(self, row: Any) -> None:
        self._session.add(row)

    def add_all(self, rows: list[Any]) -> None:
        self._session.add_all(rows)

    def flush(self) -> None:
        """Send pending rows now so they get their ids (the audit events are written too)."""
        self._session.flush()

    def get(self, row_type: type[Any], key: object) -> Any:
        return self._session.get(row_type, key)

    def set_case(self, case_id: int | None) -> None:
        """Attribute the events of this unit of work to a case (for rows with no case column)."""
        self._context().case_id = case_id

    def record_event(
        self,
        action: str,
        entity: str,
        entity_id: str | int,
        case_id: int | None = None,
        detail: str = "",
    ) -> None:
        """An audit event with no row change: a view, an export, a print, a sign-in."""
        context = self._context()
        context.extra_events.append(
            PendingEvent(
                occurred_at=format_timestamp(context.now),
                actor_id=context.actor_id,
                action=action,
                entity=entity,
                entity_id=str(entity_id),
                case_id=case_id,
                before_digest="",
                after_digest="",
                detail=detail,
            )
        )

    def record_pending(self, event: PendingEvent) -> None:
        """An audit event prepared by the caller (e.g. a failed sign-in, stamped when it failed)."""
        self._context().extra_events.append(event)

    def _context(self) -> AuditContext:
        context = self._session.info.get(AUDIT_INFO_KEY)
        if not isinstance(context, AuditContext):
            raise RuntimeError("this unit of work is read-only")
        return context
