"""Opening a report (SPEC step 1, CPP 14.7 G.1–G.2), listing and opening cases."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime

from incident_desk.domain.deadlines import Deadline, compute_deadlines
from incident_desk.domain.enums import (
    AllegationType,
    CaseStatus,
    LocationType,
    PersonKind,
    PersonRole,
    ReceivedHow,
    Sex,
    StepState,
    TimeCertainty,
)
from incident_desk.domain.validation import (
    ValidationMessage,
    check_not_future,
    check_required,
)
from incident_desk.services.case_views import case_detail, case_summaries, load_visible_case
from incident_desk.services.errors import InputRejected
from incident_desk.services.snapshots import CaseDetail, CasePage
from incident_desk.services.visibility import REPORTING_ROLES, case_scope, require_role
from incident_desk.services.workspace import Workspace
from incident_desk.storage.repositories.case_repository import CaseQuery, CaseSort
from incident_desk.storage.rows import CasePersonRow, CaseRow, StepRecordRow

__all__ = [
    "INTAKE_STEP",
    "CaseSort",
    "NewPerson",
    "NewReport",
    "case_clocks",
    "check_report",
    "get_case",
    "list_cases",
    "open_case",
]

INTAKE_STEP = "intake"


@dataclass(frozen=True)
class NewPerson:
    name: str
    role: PersonRole
    kind: PersonKind = PersonKind.OFFENDER
    identifier: str = ""
    housing_unit: str = ""
    sex: Sex = Sex.UNKNOWN


@dataclass(frozen=True)
class NewReport:
    """What the first responder knows in the first minutes (SPEC step 1)."""

    received_how: ReceivedHow
    allegation_type: AllegationType
    received_at: datetime | None = None  # default: now
    location: str = ""
    location_type: LocationType = LocationType.UNKNOWN
    reported_by: str = ""
    incident_at: datetime | None = None
    incident_certainty: TimeCertainty = TimeCertainty.UNKNOWN
    incident_margin_minutes: int = 0
    occurred_elsewhere: bool = False
    other_facility_name: str = ""
    narrative: str = ""
    imminent_risk: bool = False
    protective_action: str = ""
    people: tuple[NewPerson, ...] = field(default_factory=tuple)


def check_report(report: NewReport, now: datetime) -> list[ValidationMessage]:
    received_at = report.received_at or now
    messages = check_not_future("received_at", received_at, now)
    if report.incident_certainty is TimeCertainty.UNKNOWN:
        if report.incident_at is not None:
            messages.append(
                ValidationMessage(
                    "incident_at",
                    "The incident time is marked unknown but a time was entered: "
                    "choose exact or approximate, or clear the time.",
                )
            )
    else:
        if report.incident_at is None:
            messages.append(
                ValidationMessage(
                    "incident_at",
                    "Enter when the incident is believed to have happened, or mark it unknown.",
                )
            )
        else:
            messages += check_not_future("incident_at", report.incident_at, now)
            if report.incident_at > received_at:
                messages.append(
                    ValidationMessage(
                        "incident_at",
                        "The incident cannot have happened after the report was received: "
                        "check both times.",
                    )
                )
    if report.incident_margin_minutes < 0:
        messages.append(ValidationMessage("incident_margin", "The margin cannot be negative."))
    if report.occurred_elsewhere:
        messages += check_required(
            "other_facility_name", report.other_facility_name, "the other facility's name"
        )
    if report.imminent_risk and not report.protective_action.strip():
        messages.append(
            ValidationMessage(
                "protective_action",
                'There is a substantial risk of imminent abuse: "immediate action shall be taken '
                'to protect the offender" (CPP 14.7 G.1). Describe the protective action taken.',
            )
        )
    for index, person in enumerate(report.people):
        if not person.name.strip():
            messages.append(
                ValidationMessage(
                    f"people[{index}].name",
                    'Enter the person\'s name, or "Unknown" if the name is not known yet.',
                )
            )
    return messages


def open_case(workspace: Workspace, report: NewReport) -> CaseDetail:
    """Record a new report: the case, its people and the intake step, in one transaction."""
    actor = workspace.actor
    require_role(actor, REPORTING_ROLES, "open a report")
    now = workspace.clock.now()
    messages = check_report(report, now)
    if actor.facility_id is None:
        messages.append(ValidationMessage("facility", "Your account has no facility."))
    if messages:
        raise InputRejected(messages)
    assert actor.facility_id is not None
    received_at = report.received_at or now
    with workspace.write("open_case") as work:
        prefix = f"{actor.facility_code}-{received_at:%Y}-"
        number = f"{prefix}{work.cases.count_numbers_with_prefix(prefix) + 1:05d}"
        case = CaseRow(
            case_number=number,
            facility_id=actor.facility_id,
            status=CaseStatus.OPEN,
            location=report.location.strip(),
            location_type=report.location_type,
            received_at=received_at,
            received_how=report.received_how,
            received_by_id=actor.id,
            reported_by=report.reported_by.strip(),
            incident_at=report.incident_at,
            incident_certainty=report.incident_certainty,
            incident_margin_minutes=report.incident_margin_minutes,
            occurred_elsewhere=report.occurred_elsewhere,
            other_facility_name=report.other_facility_name.strip(),
            allegation_type=report.allegation_type,
            narrative=report.narrative,
            imminent_risk=report.imminent_risk,
            protective_action=report.protective_action.strip(),
            protocol_version=workspace.protocol.version,
            created_at=now,
            updated_at=now,
        )
        work.add(case)
        work.flush()
        work.set_case(case.id)
        for person in report.people:
            work.cases.add_person(
                CasePersonRow(
                    case_id=case.id,
                    role=person.role,
                    kind=person.kind,
                    name=person.name.strip(),
                    identifier=person.identifier.strip(),
                    housing_unit=person.housing_unit.strip(),
                    sex=person.sex,
                    created_at=now,
                )
            )
        work.add(
            StepRecordRow(
                case_id=case.id,
                step_key=INTAKE_STEP,
                state=StepState.DONE,
                values_json=json.dumps(
                    _intake_values(report, received_at, actor.display_name), sort_keys=True
                ),
                occurred_at=received_at,
                recorded_at=now,
                recorded_by_id=actor.id,
                protocol_version=workspace.protocol.version,
            )
        )
        work.flush()
        return case_detail(workspace, work, case)


def _intake_values(report: NewReport, received_at: datetime, received_by: str) -> dict[str, str]:
    """The intake step's values; the report is received by whoever enters it (SPEC step 1)."""
    return {
        "location": report.location,
        "received_at": received_at.isoformat(),
        "received_by": received_by,
        "received_how": report.received_how.value,
        "incident_time": report.incident_at.isoformat() if report.incident_at else "",
        "incident_time_certainty": report.incident_certainty.value,
        "occurred_elsewhere": "yes" if report.occurred_elsewhere else "no",
        "other_facility": report.other_facility_name,
        "allegation_type": report.allegation_type.value,
        "narrative": report.narrative,
        "imminent_risk": "yes" if report.imminent_risk else "no",
        "protective_action": report.protective_action,
    }


def list_cases(
    workspace: Workspace,
    *,
    status: CaseStatus | None = None,
    search: str = "",
    limit: int | None = None,
    offset: int = 0,
    with_total: bool = True,
    sort: CaseSort = CaseSort.RECEIVED_NEWEST,
) -> CasePage:
    """The cases the signed-in user may see, newest first unless ``sort`` says otherwise,
    with their open deadlines."""
    query = CaseQuery(case_scope(workspace.actor), status, search, limit, offset, sort=sort)
    with workspace.read() as work:
        rows = work.cases.find(query)
        total = work.cases.count(query) if with_total else len(rows)
        summaries = case_summaries(workspace, work, rows)
    return CasePage(tuple(summaries), total)


def case_clocks(workspace: Workspace, case_number: str) -> tuple[Deadline, ...]:
    """The case's deadlines now, after something was recorded in an open case.

    Not a new view of the case (that was audited when it was opened): only its clocks.
    """
    with workspace.read() as work:
        case = load_visible_case(workspace, work, case_number)
        immediate = [step.key for step in workspace.protocol.steps if step.immediate]
        facts = work.clock_facts.facts_for([case], immediate)[case.id]
    return compute_deadlines(facts, workspace.clock.now(), workspace.deadline_settings)


def get_case(workspace: Workspace, case_number: str) -> CaseDetail:
    """Open a case: a view, so it is written to the audit trail (CPP 14.7 J)."""
    with workspace.write("view_case") as work:
        case = load_visible_case(workspace, work, case_number)
        work.record_event("view_case", "case_file", case.id, case_id=case.id)
        return case_detail(workspace, work, case)
