"""Retaliation monitoring (CPP 14.7 K): a designated staff member watches each person for at
least 90 days after the allegation, with periodic status checks.

The 90 days are counted from the receipt of the allegation, as the deadline engine counts them
(domain/deadlines.py), so the screen's countdown and these rules always agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from incident_desk.domain.deadlines import DeadlineKind
from incident_desk.domain.enums import Finding, RetaliationStatus, Role
from incident_desk.domain.validation import (
    ValidationMessage,
    check_not_future,
    check_required,
    format_moment,
)
from incident_desk.services.case_views import load_visible_case
from incident_desk.services.errors import AccessDenied, InputRejected, NotFound, rejected
from incident_desk.services.visibility import require_role
from incident_desk.services.workspace import Workspace
from incident_desk.storage.repositories.aftercare_repository import AftercareRepository
from incident_desk.storage.rows import (
    CaseRow,
    RetaliationCheckRow,
    RetaliationMonitoringRow,
)
from incident_desk.storage.unit_of_work import UnitOfWork

DESIGNATING_ROLES = frozenset({Role.WARDEN, Role.PREA_COMPLIANCE_MANAGER})

POLICY_K_PERIOD = (
    '"Monitoring shall occur for at least 90 days following an incident of sexual abuse" '
    "(CPP 14.7 K)"
)
POLICY_K_PROTECTION = (
    '"Emotional support services shall be provided as well as appropriate measures taken to '
    'protect any individual who expresses a fear of retaliation" (CPP 14.7 K)'
)
MSG_ENDED_EARLY = (
    "Monitoring cannot end before {due}: {policy}. It may end earlier only when the allegation "
    "was found unfounded or the person has been released from custody."
)
MSG_EARLY_REASON = "Say why monitoring ends before the required period."
MSG_CONCERN_NOTES = "Describe the concern and the measures taken. {policy}."
MSG_UNFOUNDED = (
    "The allegation was found unfounded, and an unfounded finding ends retaliation monitoring; "
    "there is nothing to start."
)


@dataclass(frozen=True)
class RetaliationCheckSnapshot:
    id: int
    checked_at: datetime
    status: RetaliationStatus
    notes: str
    checked_by: str


@dataclass(frozen=True)
class MonitoringSnapshot:
    id: int
    case_number: str
    person_name: str
    monitor: str
    started_at: datetime
    required_until: datetime
    ended_at: datetime | None
    end_reason: str
    checks: tuple[RetaliationCheckSnapshot, ...]


def start_retaliation_monitoring(
    workspace: Workspace,
    case_number: str,
    case_person_id: int,
    monitor_username: str,
    started_at: datetime | None = None,
) -> MonitoringSnapshot:
    """K: "Each facility shall designate a staff member ... charged with monitoring retaliation"."""
    require_role(workspace.actor, DESIGNATING_ROLES, "designate retaliation monitoring")
    now = workspace.clock.now()
    started = started_at or now
    messages = check_not_future("started_at", started, now)
    if messages:
        raise InputRejected(messages)
    with workspace.write("start_retaliation_monitoring") as work:
        case = load_visible_case(workspace, work, case_number)
        aftercare = work.repository(AftercareRepository)
        person = aftercare.person(case.id, case_person_id)
        if person is None:
            raise NotFound(f"Case {case.case_number} has no person #{case_person_id}.")
        monitor = work.organization.user_by_name(monitor_username.strip())
        if monitor is None:
            raise NotFound(f"There is no user called {monitor_username.strip()}.")
        if monitor.disabled:
            raise rejected(
                "monitor", f"{monitor.display_name}'s account is locked; choose another."
            )
        if _unfounded(work, case) is not None:
            raise rejected("case", MSG_UNFOUNDED)
        if aftercare.active_monitoring(case.id, person.id) is not None:
            raise rejected("case_person_id", f"{person.name} is already being monitored.")
        if started < case.received_at:
            raise rejected("started_at", "Monitoring cannot start before the report was received.")
        row = RetaliationMonitoringRow(
            case_id=case.id, case_person_id=person.id, monitor_id=monitor.id, started_at=started
        )
        work.add(row)
        work.flush()
        return _snapshot(workspace, work, case, row)


def record_retaliation_check(
    workspace: Workspace,
    monitoring_id: int,
    status: RetaliationStatus,
    notes: str = "",
    checked_at: datetime | None = None,
) -> MonitoringSnapshot:
    """K: "periodic status checks shall be conducted by the designated staff member"."""
    now = workspace.clock.now()
    checked = checked_at or now
    messages = check_not_future("checked_at", checked, now)
    if status is not RetaliationStatus.NO_CONCERN and not notes.strip():
        messages.append(
            ValidationMessage("notes", MSG_CONCERN_NOTES.format(policy=POLICY_K_PROTECTION))
        )
    if messages:
        raise InputRejected(messages)
    with workspace.write("record_retaliation_check") as work:
        row, case = _monitoring(workspace, work, monitoring_id, "record a status check")
        if row.ended_at is not None:
            raise rejected(
                "monitoring",
                (
                    f"This monitoring ended on {format_moment(row.ended_at)}. Start a new one to "
                    "keep checking."
                ),
            )
        if checked < row.started_at:
            raise rejected("checked_at", "A check cannot come before monitoring started.")
        work.add(
            RetaliationCheckRow(
                monitoring_id=row.id,
                checked_at=checked,
                status=status,
                notes=notes.strip(),
                checked_by_id=workspace.actor.id,
            )
        )
        work.flush()
        return _snapshot(workspace, work, case, row)


def end_retaliation_monitoring(
    workspace: Workspace,
    monitoring_id: int,
    reason: str = "",
    ended_at: datetime | None = None,
    released_from_custody: bool = False,
) -> MonitoringSnapshot:
    """End monitoring: freely after the required period, before it only as K allows."""
    now = workspace.clock.now()
    ended = ended_at or now
    messages = check_not_future("ended_at", ended, now)
    if messages:
        raise InputRejected(messages)
    with workspace.write("end_retaliation_monitoring") as work:
        row, case = _monitoring(workspace, work, monitoring_id, "end monitoring")
        if row.ended_at is not None:
            raise rejected(
                "monitoring", f"This monitoring already ended on {format_moment(row.ended_at)}."
            )
        if ended < row.started_at:
            raise rejected("ended_at", "Monitoring cannot end before it started.")
        due = required_until(workspace, case)
        if ended < due:
            early: list[ValidationMessage] = check_required("reason", reason, "reason")
            if early:
                early = [ValidationMessage("reason", MSG_EARLY_REASON)]
            unfounded_at = _unfounded(work, case)
            if not released_from_custody and (unfounded_at is None or unfounded_at > ended):
                early.append(
                    ValidationMessage(
                        "ended_at",
                        MSG_ENDED_EARLY.format(due=format_moment(due), policy=POLICY_K_PERIOD),
                    )
                )
            if early:
                raise InputRejected(early)
        row.ended_at = ended
        row.end_reason = reason.strip()
        work.flush()
        return _snapshot(workspace, work, case, row)


def retaliation_monitoring(
    workspace: Workspace, case_number: str
) -> tuple[MonitoringSnapshot, ...]:
    """Every monitoring of the case, with its checks."""
    with workspace.read() as work:
        case = load_visible_case(workspace, work, case_number)
        rows = work.repository(AftercareRepository).monitorings(case.id)
        return tuple(_snapshot(workspace, work, case, row) for row in rows)


def required_until(workspace: Workspace, case: CaseRow) -> datetime:
    """When the required monitoring period ends for this case."""
    return case.received_at + workspace.deadline_settings.length(
        DeadlineKind.RETALIATION_MONITORING
    )


def _monitoring(
    workspace: Workspace, work: UnitOfWork, monitoring_id: int, doing: str
) -> tuple[RetaliationMonitoringRow, CaseRow]:
    row = work.repository(AftercareRepository).monitoring(monitoring_id)
    if row is None:
        raise NotFound(f"There is no retaliation monitoring #{monitoring_id}.")
    case = work.cases.get(row.case_id)
    assert case is not None
    if row.monitor_id == workspace.actor.id:
        # The designated monitor acts on this one person whatever their role's case scope.
        work.set_case(case.id)
        return row, case
    if workspace.actor.role not in DESIGNATING_ROLES:
        raise AccessDenied(
            f"Only the designated monitor, the warden or the PREA compliance manager may {doing}."
        )
    load_visible_case(workspace, work, case.case_number)
    work.set_case(case.id)
    return row, case


def _unfounded(work: UnitOfWork, case: CaseRow) -> datetime | None:
    investigation = work.repository(AftercareRepository).investigation(case.id)
    if investigation is None or investigation.finding is not Finding.UNFOUNDED:
        return None
    return investigation.concluded_at


def _snapshot(
    workspace: Workspace, work: UnitOfWork, case: CaseRow, row: RetaliationMonitoringRow
) -> MonitoringSnapshot:
    aftercare = work.repository(AftercareRepository)
    person = aftercare.person(case.id, row.case_person_id)
    checks = tuple(
        RetaliationCheckSnapshot(
            check.id, check.checked_at, check.status, check.notes, _name(work, check.checked_by_id)
        )
        for check in aftercare.checks(row.id)
    )
    return MonitoringSnapshot(
        id=row.id,
        case_number=case.case_number,
        person_name=person.name if person is not None else "",
        monitor=_name(work, row.monitor_id),
        started_at=row.started_at,
        required_until=required_until(workspace, case),
        ended_at=row.ended_at,
        end_reason=row.end_reason,
        checks=checks,
    )


def _name(work: UnitOfWork, user_id: int | None) -> str:
    user = work.organization.user(user_id) if user_id is not None else None
    return user.display_name if user is not None else ""
