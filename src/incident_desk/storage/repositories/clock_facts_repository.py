"""Everything the deadline engine needs about many cases, gathered in a few set-based queries."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from incident_desk.domain.deadlines import CaseClockFacts, DryCellFacts, ImmediateStepFacts
from incident_desk.domain.enums import NotificationKind, StepState
from incident_desk.storage.rows import (
    CaseRow,
    DryCellPlacementRow,
    IncidentReviewRow,
    InvestigationRow,
    MentalHealthEvaluationRow,
    NotificationRow,
    RetaliationCheckRow,
    RetaliationMonitoringRow,
    StepRecordRow,
)

_CHUNK = 900


class ClockFactsRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def facts_for(
        self, cases: Sequence[CaseRow], immediate_step_keys: Sequence[str]
    ) -> dict[int, CaseClockFacts]:
        facts: dict[int, CaseClockFacts] = {}
        for start in range(0, len(cases), _CHUNK):
            chunk = cases[start : start + _CHUNK]
            facts.update(self._facts_for_chunk(chunk, immediate_step_keys))
        return facts

    def _facts_for_chunk(
        self, cases: Sequence[CaseRow], immediate_step_keys: Sequence[str]
    ) -> dict[int, CaseClockFacts]:
        ids = [case.id for case in cases]
        session = self._session
        other_notice = dict(
            session.execute(
                select(NotificationRow.case_id, func.min(NotificationRow.notified_at))
                .where(
                    NotificationRow.case_id.in_(ids),
                    NotificationRow.kind == NotificationKind.OTHER_FACILITY_HEAD,
                )
                .group_by(NotificationRow.case_id)
            ).all()
        )
        steps: dict[int, dict[str, StepRecordRow]] = defaultdict(dict)
        if immediate_step_keys:
            newest = (
                select(func.max(StepRecordRow.id))
                .where(
                    StepRecordRow.case_id.in_(ids),
                    StepRecordRow.step_key.in_(immediate_step_keys),
                )
                .group_by(StepRecordRow.case_id, StepRecordRow.step_key)
            )
            for record in session.scalars(
                select(StepRecordRow).where(StepRecordRow.id.in_(newest))
            ):
                steps[record.case_id][record.step_key] = record
        dry_cells: dict[int, list[DryCellFacts]] = defaultdict(list)
        for placement in session.scalars(
            select(DryCellPlacementRow)
            .where(DryCellPlacementRow.case_id.in_(ids))
            .order_by(DryCellPlacementRow.id)
        ):
            dry_cells[placement.case_id].append(
                DryCellFacts(placement.id, placement.placed_at, placement.released_at)
            )
        investigations = {
            row.case_id: row
            for row in session.scalars(
                select(InvestigationRow).where(InvestigationRow.case_id.in_(ids))
            )
        }
        reviews = dict(
            session.execute(
                select(IncidentReviewRow.case_id, IncidentReviewRow.held_at).where(
                    IncidentReviewRow.case_id.in_(ids)
                )
            ).all()
        )
        checks: dict[int, list[datetime]] = defaultdict(list)
        for case_id, checked_at in session.execute(
            select(RetaliationMonitoringRow.case_id, RetaliationCheckRow.checked_at)
            .join(
                RetaliationCheckRow,
                RetaliationCheckRow.monitoring_id == RetaliationMonitoringRow.id,
            )
            .where(RetaliationMonitoringRow.case_id.in_(ids))
        ):
            checks[case_id].append(checked_at)
        monitor_ends: dict[int, list[datetime | None]] = defaultdict(list)
        for case_id, ended_at in session.execute(
            select(RetaliationMonitoringRow.case_id, RetaliationMonitoringRow.ended_at).where(
                RetaliationMonitoringRow.case_id.in_(ids)
            )
        ):
            monitor_ends[case_id].append(ended_at)
        # A case's monitoring has ended only when monitoring of every person in it has ended.
        ended = {
            case_id: None if None in ends else max(end for end in ends if end is not None)
            for case_id, ends in monitor_ends.items()
        }
        evaluations = {
            row.case_id: row
            for row in session.scalars(
                select(MentalHealthEvaluationRow).where(MentalHealthEvaluationRow.case_id.in_(ids))
            )
        }
        result: dict[int, CaseClockFacts] = {}
        for case in cases:
            case_steps = steps.get(case.id, {})
            immediate = tuple(
                ImmediateStepFacts(
                    step_key=key,
                    completed_at=record.occurred_at
                    if record is not None and record.state is StepState.DONE
                    else None,
                    not_applicable=record is not None and record.state is StepState.NOT_APPLICABLE,
                )
                for key in immediate_step_keys
                for record in [case_steps.get(key)]
            )
            investigation = investigations.get(case.id)
            evaluation = evaluations.get(case.id)
            result[case.id] = CaseClockFacts(
                received_at=case.received_at,
                incident_at=case.incident_at,
                incident_certainty=case.incident_certainty,
                incident_margin=timedelta(minutes=case.incident_margin_minutes),
                occurred_elsewhere=case.occurred_elsewhere,
                other_facility_notified_at=other_notice.get(case.id),
                immediate_steps=immediate,
                dry_cells=tuple(dry_cells.get(case.id, ())),
                investigation_concluded_at=investigation.concluded_at if investigation else None,
                finding=investigation.finding if investigation else None,
                incident_review_held_at=reviews.get(case.id),
                retaliation_checks=tuple(sorted(checks.get(case.id, ()))),
                retaliation_ended_at=ended.get(case.id),
                abuse_known_at=evaluation.abuse_known_at if evaluation else None,
                mental_health_evaluated_at=evaluation.evaluated_at if evaluation else None,
            )
        return result
