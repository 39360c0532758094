"""Staff sexual offense complaints with their statements; staff–offender relationship notices."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from incident_desk.domain.enums import Decision
from incident_desk.storage.rows import RelationshipNoticeRow, StaffComplaintRow, StaffStatementRow


class StaffConductRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def complaint(self, complaint_id: int) -> StaffComplaintRow | None:
        return self._session.get(StaffComplaintRow, complaint_id)

    def complaints(
        self, facility_id: int | None = None, supervisor_id: int | None = None
    ) -> Sequence[StaffComplaintRow]:
        """Newest first, narrowed to a facility and/or the supervisor who received them."""
        statement = select(StaffComplaintRow)
        if facility_id is not None:
            statement = statement.where(StaffComplaintRow.facility_id == facility_id)
        if supervisor_id is not None:
            statement = statement.where(StaffComplaintRow.supervisor_id == supervisor_id)
        return self._session.scalars(
            statement.order_by(StaffComplaintRow.received_at.desc(), StaffComplaintRow.id.desc())
        ).all()

    def statements(self, complaint_id: int) -> Sequence[StaffStatementRow]:
        return self._session.scalars(
            select(StaffStatementRow)
            .where(StaffStatementRow.complaint_id == complaint_id)
            .order_by(StaffStatementRow.received_at, StaffStatementRow.id)
        ).all()

    def notice(self, notice_id: int) -> RelationshipNoticeRow | None:
        return self._session.get(RelationshipNoticeRow, notice_id)

    def notices(
        self,
        facility_id: int | None = None,
        pending_only: bool = False,
        submitted_for_user_id: int | None = None,
    ) -> Sequence[RelationshipNoticeRow]:
        """Oldest first, so the longest-waiting request is at the top of a pending list."""
        statement = select(RelationshipNoticeRow)
        if facility_id is not None:
            statement = statement.where(RelationshipNoticeRow.facility_id == facility_id)
        if pending_only:
            statement = statement.where(RelationshipNoticeRow.decision == Decision.PENDING)
        if submitted_for_user_id is not None:
            statement = statement.where(
                RelationshipNoticeRow.staff_user_id == submitted_for_user_id
            )
        return self._session.scalars(
            statement.order_by(RelationshipNoticeRow.submitted_at, RelationshipNoticeRow.id)
        ).all()
