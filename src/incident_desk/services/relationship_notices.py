"""Staff–offender relationship notices and requests, and their written approval or denial.

A staff member declares a relationship that existed before the offender's custody (WDOC 1.006
IV.A.2.i.a), or asks in writing to visit, write, phone, deposit money (St. Louis 1.3.36
IV.A.4) or accept a gift (OMES-023); the warden or the PREA compliance manager answers in
writing. A decision is final: a change of mind is a new notice, so the record shows both.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from incident_desk.domain.enums import Decision, RelationshipNoticeKind, Role
from incident_desk.domain.validation import (
    ValidationMessage,
    check_not_future,
    check_required,
    format_moment,
)
from incident_desk.services.errors import AccessDenied, InputRejected, NotFound, rejected
from incident_desk.services.visibility import require_role
from incident_desk.services.workspace import Workspace
from incident_desk.storage.repositories.staff_conduct_repository import StaffConductRepository
from incident_desk.storage.rows import AttachmentRow, RelationshipNoticeRow
from incident_desk.storage.unit_of_work import UnitOfWork

DECIDING_ROLES = frozenset({Role.WARDEN, Role.PREA_COMPLIANCE_MANAGER})
# Those who may enter a notice on someone else's behalf (e.g. from a paper form).
RECORDING_ROLES = frozenset({Role.SHIFT_SUPERVISOR, Role.WARDEN, Role.PREA_COMPLIANCE_MANAGER})

POLICY_WDOC_NOTICE = (
    'WDOC 1.006 asks for "written notice of the nature and duration of the preexisting '
    'relationship"'
)
POLICY_ST_LOUIS_RESPONSE = (
    '"The Appointing Authority/designee will provide a written response to the employee '
    'indicating approval or denial of the request" (St. Louis 1.3.36 IV.A.4)'
)
MSG_DENIAL_REASON = "Write the reason for the denial; the staff member receives it in writing."
MSG_DECISION_PENDING = "Choose approve or deny. {policy}."
MSG_ALREADY_DECIDED = (
    "This notice was already {decision} on {when} by {who}. A decision is final: if something "
    "has changed, the staff member submits a new notice."
)


@dataclass(frozen=True)
class RelationshipNoticeSnapshot:
    id: int
    facility_id: int
    kind: RelationshipNoticeKind
    staff_name: str
    staff_username: str
    offender_name: str
    offender_identifier: str
    relationship: str
    details: str
    submitted_at: datetime
    decision: Decision
    decided_by: str
    decided_at: datetime | None
    decision_reason: str
    attachment_id: int | None


def check_notice(
    kind: RelationshipNoticeKind,
    staff_name: str,
    offender_name: str,
    relationship: str,
    details: str,
) -> list[ValidationMessage]:
    messages = check_required("staff_name", staff_name, "staff member")
    messages += check_required("offender_name", offender_name, "offender")
    if kind is RelationshipNoticeKind.PRE_EXISTING_RELATIONSHIP:
        if not relationship.strip():
            messages.append(
                ValidationMessage(
                    "relationship",
                    f"Say what the relationship is (for example brother, cousin, neighbour): "
                    f"{POLICY_WDOC_NOTICE}.",
                )
            )
        if not details.strip():
            messages.append(
                ValidationMessage(
                    "details",
                    "Say how long the relationship has existed and whether you wish to write to, "
                    f"visit or send money to the offender: {POLICY_WDOC_NOTICE}.",
                )
            )
    elif not details.strip():
        messages.append(
            ValidationMessage(
                "details", "Describe what is asked for: when, how often, how much or what item."
            )
        )
    return messages


def submit_relationship_notice(
    workspace: Workspace,
    kind: RelationshipNoticeKind,
    staff_name: str,
    offender_name: str,
    *,
    offender_identifier: str = "",
    relationship: str = "",
    details: str = "",
    staff_username: str | None = None,
    attachment_id: int | None = None,
    submitted_at: datetime | None = None,
) -> RelationshipNoticeSnapshot:
    """A staff member's notice. ``staff_username`` is None for your own notice, a user name to
    enter a colleague's, or "" for someone with no account (a contractor or volunteer); only a
    supervisor, the warden or the PCM may enter one for someone else."""
    actor = workspace.actor
    now = workspace.clock.now()
    submitted = submitted_at or now
    messages = check_notice(kind, staff_name, offender_name, relationship, details)
    messages += check_not_future("submitted_at", submitted, now)
    if messages:
        raise InputRejected(messages)
    with workspace.write("submit_relationship_notice") as work:
        staff_user_id: int | None = actor.id
        facility_id = actor.facility_id
        wanted = None if staff_username is None else staff_username.strip()
        if wanted is not None and wanted.casefold() != actor.username.casefold():
            if actor.role not in RECORDING_ROLES:
                raise AccessDenied(
                    "You may submit only your own notice. A supervisor, the warden or the PREA "
                    "compliance manager can enter one for someone else."
                )
            staff_user_id = None
            if wanted:
                user = work.organization.user_by_name(wanted)
                if user is None:
                    raise NotFound(f"There is no user called {wanted}.")
                staff_user_id, facility_id = user.id, user.facility_id or facility_id
        if facility_id is None:
            raise rejected("facility", "Your account has no facility.")
        if attachment_id is not None and work.get(AttachmentRow, attachment_id) is None:
            raise rejected("attachment_id", f"There is no attachment #{attachment_id}.")
        row = RelationshipNoticeRow(
            facility_id=facility_id,
            kind=kind,
            staff_name=staff_name.strip(),
            staff_user_id=staff_user_id,
            offender_name=offender_name.strip(),
            offender_identifier=offender_identifier.strip(),
            relationship=relationship.strip(),
            details=details.strip(),
            submitted_at=submitted,
            decision=Decision.PENDING,
            attachment_id=attachment_id,
        )
        work.add(row)
        work.flush()
        return _snapshot(work, row)


def decide_relationship_notice(
    workspace: Workspace, notice_id: int, decision: Decision, reason: str = ""
) -> RelationshipNoticeSnapshot:
    """The written approval or denial; a denial says why."""
    actor = workspace.actor
    require_role(actor, DECIDING_ROLES, "approve or deny relationship notices")
    messages: list[ValidationMessage] = []
    if decision is Decision.PENDING:
        messages.append(
            ValidationMessage(
                "decision", MSG_DECISION_PENDING.format(policy=POLICY_ST_LOUIS_RESPONSE)
            )
        )
    elif decision is Decision.DENIED and not reason.strip():
        messages.append(ValidationMessage("reason", MSG_DENIAL_REASON))
    if messages:
        raise InputRejected(messages)
    now = workspace.clock.now()
    with workspace.write("decide_relationship_notice") as work:
        row = work.repository(StaffConductRepository).notice(notice_id)
        if row is None:
            raise NotFound(f"There is no relationship notice #{notice_id}.")
        if actor.role is Role.WARDEN and row.facility_id != actor.facility_id:
            raise AccessDenied("This notice belongs to another facility; its warden decides it.")
        if row.decision is not Decision.PENDING:
            raise rejected(
                "decision",
                MSG_ALREADY_DECIDED.format(
                    decision=row.decision.value,
                    when=format_moment(row.decided_at) if row.decided_at else "an unknown date",
                    who=_name(work, row.decided_by_id) or "someone",
                ),
            )
        row.decision = decision
        row.decided_by_id = actor.id
        row.decided_at = now
        row.decision_reason = reason.strip()
        work.flush()
        return _snapshot(work, row)


def relationship_notices(
    workspace: Workspace, facility: str | None = None, pending_only: bool = False
) -> tuple[RelationshipNoticeSnapshot, ...]:
    """Notices the user may see: all (PCM), their facility's (warden), else their own."""
    actor = workspace.actor
    with workspace.read() as work:
        repository = work.repository(StaffConductRepository)
        facility_id: int | None = None
        if facility is not None:
            found = work.organization.facility_by_code(facility.strip())
            if found is None:
                raise NotFound(f"There is no facility with the code {facility.strip()}.")
            facility_id = found.id
        if actor.role is Role.PREA_COMPLIANCE_MANAGER:
            rows = repository.notices(facility_id, pending_only)
        elif actor.role is Role.WARDEN:
            if facility_id is not None and facility_id != actor.facility_id:
                raise AccessDenied("You may see the notices of your own facility only.")
            rows = repository.notices(actor.facility_id, pending_only) if actor.facility_id else ()
        else:
            rows = repository.notices(facility_id, pending_only, submitted_for_user_id=actor.id)
        return tuple(_snapshot(work, row) for row in rows)


def _snapshot(work: UnitOfWork, row: RelationshipNoticeRow) -> RelationshipNoticeSnapshot:
    staff = work.organization.user(row.staff_user_id) if row.staff_user_id is not None else None
    return RelationshipNoticeSnapshot(
        id=row.id,
        facility_id=row.facility_id,
        kind=row.kind,
        staff_name=row.staff_name,
        staff_username=staff.username if staff is not None else "",
        offender_name=row.offender_name,
        offender_identifier=row.offender_identifier,
        relationship=row.relationship,
        details=row.details,
        submitted_at=row.submitted_at,
        decision=row.decision,
        decided_by=_name(work, row.decided_by_id),
        decided_at=row.decided_at,
        decision_reason=row.decision_reason,
        attachment_id=row.attachment_id,
    )


def _name(work: UnitOfWork, user_id: int | None) -> str:
    user = work.organization.user(user_id) if user_id is not None else None
    return user.display_name if user is not None else ""
