"""What the alleged victim is told after the investigation (CPP 14.7 H.6): the finding, and
the perpetrator no longer posted in the unit, no longer employed, indicted or convicted, each
dated. "The obligation to inform the alleged victim shall terminate if the offender is released
from custody" (H.7), so nothing here is owed forever; each notice is simply recorded.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from incident_desk.domain.enums import NotificationMethod, PersonRole, Role, VictimNoticeKind
from incident_desk.domain.validation import ValidationMessage, check_not_future
from incident_desk.services.case_views import load_visible_case
from incident_desk.services.errors import InputRejected, NotFound, rejected
from incident_desk.services.investigation import display_name
from incident_desk.services.visibility import require_role
from incident_desk.services.workspace import Workspace
from incident_desk.storage.repositories.aftercare_repository import AftercareRepository
from incident_desk.storage.rows import VictimNotificationRow

VICTIM_NOTICE_ROLES = frozenset(
    {Role.INVESTIGATOR, Role.SHIFT_SUPERVISOR, Role.WARDEN, Role.PREA_COMPLIANCE_MANAGER}
)

MSG_NOT_A_VICTIM = (
    "{name} is not an alleged victim in this case. Only the alleged victim is told of the "
    "outcome (CPP 14.7 H.6)."
)


@dataclass(frozen=True)
class VictimNotificationSnapshot:
    id: int
    case_number: str
    person_name: str
    kind: VictimNoticeKind
    event_on: datetime | None
    informed_at: datetime
    informed_by: str
    method: str
    details: str


def record_victim_notification(
    workspace: Workspace,
    case_number: str,
    case_person_id: int,
    kind: VictimNoticeKind,
    event_on: datetime | None,
    informed_at: datetime,
    method: NotificationMethod,
    details: str = "",
) -> VictimNotificationSnapshot:
    """H.6: the alleged victim told of the finding or of the perpetrator's moves, each dated."""
    require_role(workspace.actor, VICTIM_NOTICE_ROLES, "record what the alleged victim was told")
    now = workspace.clock.now()
    messages = check_not_future("informed_at", informed_at, now)
    messages += check_not_future("event_on", event_on, now)
    if kind is not VictimNoticeKind.FINDING and event_on is None:
        messages.append(ValidationMessage("event_on", "Enter the date this happened."))
    if event_on is not None and informed_at < event_on:
        messages.append(
            ValidationMessage(
                "informed_at",
                "The victim cannot have been told before it happened. Check both dates.",
            )
        )
    if messages:
        raise InputRejected(messages)
    with workspace.write("record_victim_notification") as work:
        case = load_visible_case(workspace, work, case_number)
        aftercare = work.repository(AftercareRepository)
        person = aftercare.person(case.id, case_person_id)
        if person is None:
            raise NotFound(f"Case {case.case_number} has no person #{case_person_id}.")
        if person.role is not PersonRole.ALLEGED_VICTIM:
            raise rejected("case_person_id", MSG_NOT_A_VICTIM.format(name=person.name))
        investigation = aftercare.investigation(case.id)
        if kind is VictimNoticeKind.FINDING and (
            investigation is None or investigation.finding is None
        ):
            raise rejected(
                "kind",
                (
                    "There is no finding to tell the victim about yet: record the investigation's "
                    "finding first (CPP 14.7 H.6.a)."
                ),
            )
        row = VictimNotificationRow(
            case_id=case.id,
            case_person_id=person.id,
            kind=kind,
            event_on=event_on,
            informed_at=informed_at,
            informed_by_id=workspace.actor.id,
            method=method.value,
            details=details.strip(),
        )
        work.add(row)
        work.flush()
        return VictimNotificationSnapshot(
            row.id,
            case.case_number,
            person.name,
            kind,
            event_on,
            informed_at,
            workspace.actor.display_name,
            method.value,
            row.details,
        )


def victim_notifications(
    workspace: Workspace, case_number: str
) -> tuple[VictimNotificationSnapshot, ...]:
    """Everything the alleged victim has been told, in the order they were told."""
    with workspace.read() as work:
        case = load_visible_case(workspace, work, case_number)
        people = {person.id: person.name for person in work.cases.people(case.id)}
        rows = work.repository(AftercareRepository).victim_notifications(case.id)
        return tuple(
            VictimNotificationSnapshot(
                row.id,
                case.case_number,
                people.get(row.case_person_id, ""),
                row.kind,
                row.event_on,
                row.informed_at,
                display_name(work, row.informed_by_id),
                row.method,
                row.details,
            )
            for row in rows
        )
