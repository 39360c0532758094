"""The investigation (CPP 14.7 H, G.9): assigning the investigator, starting, the criminal
referral, the finding and closing the case. What the alleged victim is then told (H.6) is in
``victim_notifications``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from incident_desk.domain.enums import CaseStatus, Finding, Role
from incident_desk.domain.validation import (
    ValidationMessage,
    check_not_future,
    check_required,
    format_moment,
)
from incident_desk.services.case_views import case_detail, load_visible_case
from incident_desk.services.errors import AccessDenied, InputRejected, NotFound, rejected
from incident_desk.services.snapshots import CaseDetail
from incident_desk.services.visibility import require_role
from incident_desk.services.workspace import Workspace
from incident_desk.storage.repositories.aftercare_repository import AftercareRepository
from incident_desk.storage.rows import CaseAssignmentRow, CaseRow, InvestigationRow
from incident_desk.storage.unit_of_work import UnitOfWork

INVESTIGATOR_DUTY = "investigator"
ASSIGNING_ROLES = frozenset({Role.SHIFT_SUPERVISOR, Role.WARDEN, Role.PREA_COMPLIANCE_MANAGER})
INVESTIGATING_ROLES = frozenset({Role.INVESTIGATOR, Role.PREA_COMPLIANCE_MANAGER})
CLOSING_ROLES = frozenset({Role.INVESTIGATOR, Role.WARDEN, Role.PREA_COMPLIANCE_MANAGER})
DEFAULT_REFERRAL_AGENCY = "Kentucky State Police"

MSG_NOT_AN_INVESTIGATOR = (
    '{name} is not an investigator. "Sexual abuse investigations shall be conducted by '
    'specially trained investigators" (CPP 14.7 H.2): choose a user with the investigator role.'
)
MSG_NO_INVESTIGATOR = (
    "No investigator is assigned to this case yet. Ask a shift supervisor, the warden or the "
    "PREA compliance manager to assign one first (CPP 14.7 G.9)."
)
MSG_NOT_STARTED = "The investigation of this case has not been started. Start it first."
MSG_CASE_CLOSED = "Case {number} is closed. A closed case cannot be changed."
MSG_STAFF_CONTRIBUTION = (
    "Answer yes or no: did staff actions or failures to act contribute? CPP 14.7 H.4: "
    '"Administrative investigations that result in a substantiated case of sexual abuse shall '
    "include an effort to determine whether staff actions or failures to act contributed to the "
    'abuse."'
)
MSG_NEEDS_FINDING = (
    "Record the investigation's finding (substantiated, unsubstantiated or unfounded) before "
    "closing the case (CPP 14.7 H.3)."
)


@dataclass(frozen=True)
class AssignmentSnapshot:
    case_number: str
    username: str
    display_name: str
    duty: str
    assigned_at: datetime


@dataclass(frozen=True)
class InvestigationSnapshot:
    case_number: str
    status: CaseStatus
    investigators: tuple[str, ...]
    started_at: datetime
    criminal_referral: bool
    referred_at: datetime | None
    referral_agency: str
    concluded_at: datetime | None
    finding: Finding | None
    staff_actions_contributed: bool | None
    summary: str


def assign_investigator(
    workspace: Workspace, case_number: str, username: str
) -> AssignmentSnapshot:
    """Give the case to an investigator, who from then on sees it (CPP 14.7 G.9, J)."""
    actor = workspace.actor
    require_role(actor, ASSIGNING_ROLES, "assign an investigator")
    now = workspace.clock.now()
    with workspace.write("assign_investigator") as work:
        case = _open_case(workspace, work, case_number)
        user = work.organization.user_by_name(username.strip())
        if user is None:
            raise NotFound(f"There is no user called {username.strip()}.")
        if user.disabled:
            raise rejected("user", f"{user.display_name}'s account is locked; choose another user.")
        if user.role is not Role.INVESTIGATOR:
            raise rejected("user", MSG_NOT_AN_INVESTIGATOR.format(name=user.display_name))
        aftercare = work.repository(AftercareRepository)
        existing = aftercare.assignment(case.id, user.id, INVESTIGATOR_DUTY)
        if existing is not None and existing.ended_at is None:
            raise rejected(
                "user", f"{user.display_name} is already assigned to case {case.case_number}."
            )
        if existing is not None:
            # One row per person and duty: a returning investigator's assignment is reopened.
            existing.ended_at = None
            existing.assigned_at = now
            existing.assigned_by_id = actor.id
        else:
            work.add(
                CaseAssignmentRow(
                    case_id=case.id,
                    user_id=user.id,
                    duty=INVESTIGATOR_DUTY,
                    assigned_at=now,
                    assigned_by_id=actor.id,
                )
            )
        investigation = aftercare.investigation(case.id)
        if investigation is not None and investigation.investigator_id is None:
            investigation.investigator_id = user.id
            investigation.updated_at = now
        work.flush()
        return AssignmentSnapshot(
            case.case_number, user.username, user.display_name, INVESTIGATOR_DUTY, now
        )


@dataclass(frozen=True)
class InvestigatorChoice:
    """An investigator who could take the case, and whether they have it already."""

    username: str
    display_name: str
    assigned: bool


def investigator_choices(workspace: Workspace, case_number: str) -> tuple[InvestigatorChoice, ...]:
    """The investigators a case can be given to (active accounts), those assigned first."""
    require_role(workspace.actor, ASSIGNING_ROLES, "assign an investigator")
    with workspace.read() as work:
        case = _open_case(workspace, work, case_number)
        assigned = {
            row.user_id
            for row in work.repository(AftercareRepository).active_assignments(
                case.id, INVESTIGATOR_DUTY
            )
        }
        choices = [
            InvestigatorChoice(user.username, user.display_name, user.id in assigned)
            for user in work.organization.users()
            if user.role is Role.INVESTIGATOR and not user.disabled
        ]
    return tuple(sorted(choices, key=lambda choice: (not choice.assigned, choice.display_name)))


def start_investigation(
    workspace: Workspace, case_number: str, started_at: datetime | None = None
) -> InvestigationSnapshot:
    """Open the investigation; the case moves to "under investigation" (CPP 14.7 H.1)."""
    actor = workspace.actor
    require_role(actor, INVESTIGATING_ROLES, "start an investigation")
    now = workspace.clock.now()
    started = started_at or now
    messages = check_not_future("started_at", started, now)
    if messages:
        raise InputRejected(messages)
    with workspace.write("start_investigation") as work:
        case = _open_case(workspace, work, case_number)
        assigned = require_assigned_investigator(workspace, work, case, "start the investigation")
        aftercare = work.repository(AftercareRepository)
        existing = aftercare.investigation(case.id)
        if existing is not None:
            raise rejected(
                "started_at",
                (
                    f"The investigation of case {case.case_number} was already started on "
                    f"{format_moment(existing.started_at)}."
                ),
            )
        if started < case.received_at:
            raise rejected(
                "started_at",
                (
                    f"The investigation cannot start before the report was received "
                    f"({format_moment(case.received_at)}). Check the time."
                ),
            )
        lead = actor.id if actor.role is Role.INVESTIGATOR else assigned[0]
        work.add(
            InvestigationRow(
                case_id=case.id, investigator_id=lead, started_at=started, updated_at=now
            )
        )
        case.status = CaseStatus.UNDER_INVESTIGATION
        case.updated_at = now
        work.flush()
        return _snapshot(work, case)


def record_criminal_referral(
    workspace: Workspace,
    case_number: str,
    agency: str = DEFAULT_REFERRAL_AGENCY,
    referred_at: datetime | None = None,
) -> InvestigationSnapshot:
    """G.9: "all allegations of sexual abuse that involve potentially criminal behavior shall be
    referred for criminal investigation to the Kentucky State Police"."""
    require_role(workspace.actor, INVESTIGATING_ROLES, "record a criminal referral")
    now = workspace.clock.now()
    referred = referred_at or now
    messages = check_required("referral_agency", agency, "referred to") + check_not_future(
        "referred_at", referred, now
    )
    if messages:
        raise InputRejected(messages)
    with workspace.write("record_criminal_referral") as work:
        case, investigation = _investigation_to_change(workspace, work, case_number, "refer it")
        if investigation.criminal_referral and investigation.referred_at is not None:
            raise rejected(
                "referred_at",
                (
                    f"This case was already referred to {investigation.referral_agency} on "
                    f"{format_moment(investigation.referred_at)}."
                ),
            )
        if referred < case.received_at:
            raise rejected(
                "referred_at", "The referral cannot come before the report. Check the time."
            )
        investigation.criminal_referral = True
        investigation.referred_at = referred
        investigation.referral_agency = agency.strip()
        investigation.updated_at = now
        work.flush()
        return _snapshot(work, case)


def check_finding(
    finding: Finding, staff_actions_contributed: bool | None, summary: str
) -> list[ValidationMessage]:
    messages = check_required("summary", summary, "summary of the investigation report")
    if finding is Finding.SUBSTANTIATED and staff_actions_contributed is None:
        messages.append(ValidationMessage("staff_actions_contributed", MSG_STAFF_CONTRIBUTION))
    return messages


def record_finding(
    workspace: Workspace,
    case_number: str,
    finding: Finding,
    concluded_at: datetime,
    staff_actions_contributed: bool | None,
    summary: str,
) -> InvestigationSnapshot:
    """The investigation's conclusion; it starts (or, if unfounded, cancels) the review clock."""
    require_role(workspace.actor, INVESTIGATING_ROLES, "record the finding")
    now = workspace.clock.now()
    messages = check_finding(finding, staff_actions_contributed, summary)
    messages += check_not_future("concluded_at", concluded_at, now)
    if messages:
        raise InputRejected(messages)
    with workspace.write("record_finding") as work:
        case, investigation = _investigation_to_change(
            workspace, work, case_number, "record the finding"
        )
        if investigation.finding is not None:
            raise rejected(
                "finding",
                (
                    f"The finding of case {case.case_number} ({investigation.finding.value}) is "
                    "already recorded."
                ),
            )
        if concluded_at < investigation.started_at:
            raise rejected(
                "concluded_at",
                (
                    "The investigation cannot conclude before it started "
                    f"({format_moment(investigation.started_at)}). Check the time."
                ),
            )
        investigation.finding = finding
        investigation.concluded_at = concluded_at
        investigation.staff_actions_contributed = staff_actions_contributed
        investigation.summary = summary.strip()
        investigation.updated_at = now
        work.flush()
        return _snapshot(work, case)


def close_case(workspace: Workspace, case_number: str) -> CaseDetail:
    """Close a case whose investigation has its finding."""
    require_role(workspace.actor, CLOSING_ROLES, "close a case")
    now = workspace.clock.now()
    with workspace.write("close_case") as work:
        case = _open_case(workspace, work, case_number)
        if workspace.actor.role is Role.INVESTIGATOR:
            require_assigned_investigator(workspace, work, case, "close the case")
        investigation = work.repository(AftercareRepository).investigation(case.id)
        if investigation is None or investigation.finding is None:
            raise rejected("finding", MSG_NEEDS_FINDING)
        case.status = CaseStatus.CLOSED
        case.closed_at = now
        case.updated_at = now
        work.flush()
        return case_detail(workspace, work, case)


def get_investigation(workspace: Workspace, case_number: str) -> InvestigationSnapshot | None:
    """The investigation of a case, or None before it starts; viewing it is audited (14.7 J)."""
    with workspace.write("view_investigation") as work:
        case = load_visible_case(workspace, work, case_number)
        work.record_event("view_investigation", "case_file", case.id, case_id=case.id)
        if work.repository(AftercareRepository).investigation(case.id) is None:
            return None
        return _snapshot(work, case)


def require_assigned_investigator(
    workspace: Workspace, work: UnitOfWork, case: CaseRow, doing: str
) -> list[int]:
    """The ids of the case's investigators; an investigator acting must be one of them."""
    assigned = [
        row.user_id
        for row in work.repository(AftercareRepository).active_assignments(
            case.id, INVESTIGATOR_DUTY
        )
    ]
    if not assigned:
        raise rejected("investigator", MSG_NO_INVESTIGATOR)
    if workspace.actor.role is Role.INVESTIGATOR and workspace.actor.id not in assigned:
        raise AccessDenied(
            f"Only an investigator assigned to case {case.case_number} may {doing}. "
            "Ask a supervisor to assign you."
        )
    return assigned


def _open_case(workspace: Workspace, work: UnitOfWork, case_number: str) -> CaseRow:
    case = load_visible_case(workspace, work, case_number)
    if case.status is CaseStatus.CLOSED:
        raise rejected("case", MSG_CASE_CLOSED.format(number=case.case_number))
    return case


def _investigation_to_change(
    workspace: Workspace, work: UnitOfWork, case_number: str, doing: str
) -> tuple[CaseRow, InvestigationRow]:
    case = _open_case(workspace, work, case_number)
    require_assigned_investigator(workspace, work, case, doing)
    investigation = work.repository(AftercareRepository).investigation(case.id)
    if investigation is None:
        raise rejected("investigation", MSG_NOT_STARTED)
    return case, investigation


def _snapshot(work: UnitOfWork, case: CaseRow) -> InvestigationSnapshot:
    aftercare = work.repository(AftercareRepository)
    investigation = aftercare.investigation(case.id)
    assert investigation is not None
    names = tuple(
        display_name(work, row.user_id)
        for row in aftercare.active_assignments(case.id, INVESTIGATOR_DUTY)
    )
    return InvestigationSnapshot(
        case_number=case.case_number,
        status=case.status,
        investigators=names,
        started_at=investigation.started_at,
        criminal_referral=investigation.criminal_referral,
        referred_at=investigation.referred_at,
        referral_agency=investigation.referral_agency,
        concluded_at=investigation.concluded_at,
        finding=investigation.finding,
        staff_actions_contributed=investigation.staff_actions_contributed,
        summary=investigation.summary,
    )


def display_name(work: UnitOfWork, user_id: int | None) -> str:
    """The user's name as records show it, or "" for none."""
    user = work.organization.user(user_id) if user_id is not None else None
    return user.display_name if user is not None else ""
