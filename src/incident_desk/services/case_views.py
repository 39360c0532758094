"""Turning case rows into the snapshots screens and commands show, deadlines included."""

from __future__ import annotations

from collections.abc import Sequence

from incident_desk.domain.deadlines import Deadline, compute_deadlines
from incident_desk.services.errors import AccessDenied, NotFound
from incident_desk.services.snapshots import CaseDetail, CaseSummary, PersonSnapshot
from incident_desk.services.visibility import case_scope, may_see
from incident_desk.services.workspace import Workspace
from incident_desk.storage.rows import CasePersonRow, CaseRow
from incident_desk.storage.unit_of_work import UnitOfWork


def load_visible_case(workspace: Workspace, work: UnitOfWork, case_number: str) -> CaseRow:
    """The case with this number, if the signed-in user may see it."""
    case = work.cases.by_number(case_number)
    if case is None:
        raise NotFound(f"There is no case {case_number.strip().upper()}.")
    allowed = may_see(
        case_scope(workspace.actor),
        facility_id=case.facility_id,
        status=case.status,
        received_by_id=case.received_by_id,
        assigned_user_ids=work.cases.assigned_user_ids(case.id),
    )
    if not allowed:
        # Said the same way as "not found" would leak that the case exists.
        raise AccessDenied(f"You do not have access to case {case.case_number}.")
    return case


def _person(row: CasePersonRow) -> PersonSnapshot:
    return PersonSnapshot(row.id, row.name, row.role, row.kind, row.identifier)


def case_summaries(
    workspace: Workspace, work: UnitOfWork, rows: Sequence[CaseRow]
) -> list[CaseSummary]:
    if not rows:
        return []
    now = workspace.clock.now()
    people = work.cases.people_of([row.id for row in rows])
    immediate = [step.key for step in workspace.protocol.steps if step.immediate]
    facts = work.clock_facts.facts_for(rows, immediate)
    facilities = {facility.id: facility for facility in work.organization.facilities()}
    summaries = []
    for row in rows:
        deadlines = compute_deadlines(facts[row.id], now, workspace.deadline_settings)
        facility = facilities[row.facility_id]
        summaries.append(
            CaseSummary(
                id=row.id,
                case_number=row.case_number,
                facility_code=facility.code,
                facility_name=facility.name,
                status=row.status,
                allegation_type=row.allegation_type,
                received_at=row.received_at,
                location=row.location,
                people=tuple(_person(person) for person in people.get(row.id, ())),
                open_deadlines=_open(deadlines),
            )
        )
    return summaries


def _open(deadlines: Sequence[Deadline]) -> tuple[Deadline, ...]:
    return tuple(deadline for deadline in deadlines if deadline.is_open)


def case_detail(workspace: Workspace, work: UnitOfWork, row: CaseRow) -> CaseDetail:
    summary = case_summaries(workspace, work, [row])[0]
    facts = work.clock_facts.facts_for(
        [row], [step.key for step in workspace.protocol.steps if step.immediate]
    )[row.id]
    received_by = work.organization.user(row.received_by_id)
    return CaseDetail(
        summary=summary,
        received_how=row.received_how,
        received_by=received_by.display_name if received_by is not None else "",
        reported_by=row.reported_by,
        incident_at=row.incident_at,
        incident_certainty=row.incident_certainty,
        incident_margin_minutes=row.incident_margin_minutes,
        occurred_elsewhere=row.occurred_elsewhere,
        other_facility_name=row.other_facility_name,
        narrative=row.narrative,
        imminent_risk=row.imminent_risk,
        protective_action=row.protective_action,
        protocol_version=row.protocol_version,
        deadlines=compute_deadlines(facts, workspace.clock.now(), workspace.deadline_settings),
    )
