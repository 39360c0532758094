"""What comes after the first response, by case: assignments, the investigation, victim notices,
the incident review, retaliation monitoring and the abuser's mental health evaluation."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from incident_desk.storage.rows import (
    CaseAssignmentRow,
    CasePersonRow,
    IncidentReviewRow,
    InvestigationRow,
    MentalHealthEvaluationRow,
    RetaliationCheckRow,
    RetaliationMonitoringRow,
    VictimNotificationRow,
)


class AftercareRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def person(self, case_id: int, case_person_id: int) -> CasePersonRow | None:
        """The person, only if they belong to this case."""
        person = self._session.get(CasePersonRow, case_person_id)
        if person is None or person.case_id != case_id:
            return None
        return person

    def assignment(self, case_id: int, user_id: int, duty: str) -> CaseAssignmentRow | None:
        """The assignment of ``user_id`` to the duty, ended or not (the pair is unique)."""
        return self._session.scalars(
            select(CaseAssignmentRow).where(
                CaseAssignmentRow.case_id == case_id,
                CaseAssignmentRow.user_id == user_id,
                CaseAssignmentRow.duty == duty,
            )
        ).first()

    def active_assignments(self, case_id: int, duty: str) -> Sequence[CaseAssignmentRow]:
        return self._session.scalars(
            select(CaseAssignmentRow)
            .where(
                CaseAssignmentRow.case_id == case_id,
                CaseAssignmentRow.duty == duty,
                CaseAssignmentRow.ended_at.is_(None),
            )
            .order_by(CaseAssignmentRow.assigned_at, CaseAssignmentRow.id)
        ).all()

    def investigation(self, case_id: int) -> InvestigationRow | None:
        return self._session.scalars(
            select(InvestigationRow).where(InvestigationRow.case_id == case_id)
        ).first()

    def victim_notifications(self, case_id: int) -> Sequence[VictimNotificationRow]:
        return self._session.scalars(
            select(VictimNotificationRow)
            .where(VictimNotificationRow.case_id == case_id)
            .order_by(VictimNotificationRow.informed_at, VictimNotificationRow.id)
        ).all()

    def incident_review(self, case_id: int) -> IncidentReviewRow | None:
        return self._session.scalars(
            select(IncidentReviewRow).where(IncidentReviewRow.case_id == case_id)
        ).first()

    def monitoring(self, monitoring_id: int) -> RetaliationMonitoringRow | None:
        return self._session.get(RetaliationMonitoringRow, monitoring_id)

    def monitorings(self, case_id: int) -> Sequence[RetaliationMonitoringRow]:
        return self._session.scalars(
            select(RetaliationMonitoringRow)
            .where(RetaliationMonitoringRow.case_id == case_id)
            .order_by(RetaliationMonitoringRow.id)
        ).all()

    def active_monitoring(
        self, case_id: int, case_person_id: int
    ) -> RetaliationMonitoringRow | None:
        return self._session.scalars(
            select(RetaliationMonitoringRow).where(
                RetaliationMonitoringRow.case_id == case_id,
                RetaliationMonitoringRow.case_person_id == case_person_id,
                RetaliationMonitoringRow.ended_at.is_(None),
            )
        ).first()

    def checks(self, monitoring_id: int) -> Sequence[RetaliationCheckRow]:
        return self._session.scalars(
            select(RetaliationCheckRow)
            .where(RetaliationCheckRow.monitoring_id == monitoring_id)
            .order_by(RetaliationCheckRow.checked_at, RetaliationCheckRow.id)
        ).all()

    def mental_health_evaluation(
        self, case_id: int, case_person_id: int
    ) -> MentalHealthEvaluationRow | None:
        return self._session.scalars(
            select(MentalHealthEvaluationRow).where(
                MentalHealthEvaluationRow.case_id == case_id,
                MentalHealthEvaluationRow.case_person_id == case_person_id,
            )
        ).first()
