"""Notifications of the first hours: the Warden (CPP 14.7 G.3.c), the facility investigator and
the State Police (G.9), the victim advocate (G.6) and the head of another facility (G.10).

Each is a log entry of who was told, how and when; a correction is a new entry that points at
the one it corrects. Who may record a notification is the role list of the checklist step it
belongs to, so the protocol file stays the one place that says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from incident_desk.domain.clock import ensure_utc
from incident_desk.domain.enums import AdvocateStatus, NotificationKind, NotificationMethod
from incident_desk.domain.validation import ValidationMessage, check_correction_reason
from incident_desk.services.case_views import load_visible_case
from incident_desk.services.errors import NotFound, rejected
from incident_desk.services.first_response import (
    begin_first_response,
    check_record_time,
    display_names,
    load_case_for_recording,
    note_time_before_report,
    raise_if,
    require_step_role,
)
from incident_desk.services.notification_rules import (
    KIND_STEPS,
    check_advocate,
    check_other_facility,
    check_who,
    effective,
)
from incident_desk.services.workspace import Workspace
from incident_desk.storage.repositories.first_response_repository import (
    FirstResponseRepository,
)
from incident_desk.storage.rows import CaseRow, NotificationRow
from incident_desk.storage.unit_of_work import UnitOfWork

MSG_NO_SUCH_NOTIFICATION = "There is no such notification. Close the case and open it again."
MSG_NOTIFICATION_ALREADY_CORRECTED = (
    "This notification has already been corrected. Correct the latest version instead."
)


@dataclass(frozen=True)
class NotificationSnapshot:
    id: int
    case_id: int
    kind: NotificationKind
    person_name: str
    contact_id: int | None
    method: NotificationMethod
    notified_at: datetime
    details: str
    other_facility_name: str
    advocate_status: AdvocateStatus | None
    reference: str
    recorded_by: str
    recorded_at: datetime
    corrects_id: int | None
    correction_reason: str


def record_notification(
    workspace: Workspace,
    case_number: str,
    kind: NotificationKind,
    *,
    method: NotificationMethod,
    notified_at: datetime,
    person_name: str = "",
    contact_id: int | None = None,
    details: str = "",
    other_facility_name: str = "",
    advocate_status: AdvocateStatus | None = None,
    reference: str = "",
    late_entry_reason: str = "",
) -> NotificationSnapshot:
    """Record that someone was told: who (a name or a contact), how, when, and what was said.

    A time before the report was received needs ``late_entry_reason`` (kept as a case note).
    """
    require_step_role(workspace, KIND_STEPS[kind])
    with workspace.write("record_notification") as work:
        case = load_case_for_recording(workspace, work, case_number)
        row = add_notification(
            workspace,
            work,
            case,
            kind,
            method=method,
            notified_at=notified_at,
            person_name=person_name,
            contact_id=contact_id,
            details=details,
            other_facility_name=other_facility_name,
            advocate_status=advocate_status,
            reference=reference,
            late_entry_reason=late_entry_reason,
        )
        return notification_snapshot(row, {workspace.actor.id: workspace.actor.display_name})


def add_notification(
    workspace: Workspace,
    work: UnitOfWork,
    case: CaseRow,
    kind: NotificationKind,
    *,
    method: NotificationMethod,
    notified_at: datetime,
    person_name: str = "",
    contact_id: int | None = None,
    details: str = "",
    other_facility_name: str = "",
    advocate_status: AdvocateStatus | None = None,
    reference: str = "",
    late_entry_reason: str = "",
    step_record_id: int | None = None,
) -> NotificationRow:
    """The checks and the row of a notification, inside an open unit of work (the checklist's
    notification steps record through here too)."""
    # A screen may hand over the stored spelling ("contacted") rather than the enum: the rules
    # below compare enums, so a plain string would slip past them.
    kind, method = NotificationKind(kind), NotificationMethod(method)
    advocate_status = None if advocate_status is None else AdvocateStatus(advocate_status)
    step = workspace.protocol.step(KIND_STEPS[kind])
    now = workspace.clock.now()
    notified_at = ensure_utc(notified_at)
    name, messages = check_who(work, person_name, contact_id)
    messages += check_other_facility(workspace, case, kind, other_facility_name)
    if kind is NotificationKind.VICTIM_ADVOCATE or advocate_status is not None:
        earlier = effective(
            work.repository(FirstResponseRepository).notifications(
                case.id, NotificationKind.VICTIM_ADVOCATE
            )
        )
        messages += check_advocate(kind, advocate_status, notified_at, details, earlier)
    messages += check_record_time(
        "notified_at", "Told at", notified_at, now, case.received_at, late_entry_reason
    )
    raise_if(messages)
    row = NotificationRow(
        case_id=case.id,
        kind=kind,
        contact_id=contact_id,
        person_name=name,
        method=method,
        notified_at=notified_at,
        advocate_status=advocate_status,
        other_facility_name=other_facility_name.strip(),
        reference=reference.strip(),
        details=details.strip(),
        recorded_by_id=workspace.actor.id,
        recorded_at=now,
        correction_reason="",
        step_record_id=step_record_id,
    )
    work.add(row)
    what = f'The notification "{step.title}"'
    note_time_before_report(workspace, work, case, what, notified_at, late_entry_reason)
    begin_first_response(case, now)
    work.flush()
    return row


def correct_notification(
    workspace: Workspace,
    notification_id: int,
    reason: str,
    *,
    method: NotificationMethod | None = None,
    notified_at: datetime | None = None,
    person_name: str | None = None,
    contact_id: int | None = None,
    details: str | None = None,
    other_facility_name: str | None = None,
    reference: str | None = None,
    late_entry_reason: str = "",
) -> NotificationSnapshot:
    """Append a corrected version of a notification; what is not given stays as it was.

    The kind and the advocate status are not corrected: a new step of the advocate offer is a
    new notification.
    """
    raise_if(check_correction_reason(reason))
    with workspace.write("correct_notification") as work:
        original, case = _load(workspace, work, notification_id)
        require_step_role(workspace, KIND_STEPS[original.kind])
        row = add_notification_correction(
            workspace,
            work,
            case,
            original,
            reason,
            method=method,
            notified_at=notified_at,
            person_name=person_name,
            contact_id=contact_id,
            details=details,
            other_facility_name=other_facility_name,
            reference=reference,
            late_entry_reason=late_entry_reason,
        )
        return notification_snapshot(row, {workspace.actor.id: workspace.actor.display_name})


def add_notification_correction(
    workspace: Workspace,
    work: UnitOfWork,
    case: CaseRow,
    original: NotificationRow,
    reason: str,
    *,
    method: NotificationMethod | None = None,
    notified_at: datetime | None = None,
    person_name: str | None = None,
    contact_id: int | None = None,
    details: str | None = None,
    other_facility_name: str | None = None,
    reference: str | None = None,
    late_entry_reason: str = "",
    step_record_id: int | None = None,
) -> NotificationRow:
    """The checks and the row of a correction, inside an open unit of work."""
    method = None if method is None else NotificationMethod(method)
    now = workspace.clock.now()
    if work.repository(FirstResponseRepository).notification_corrected(original.id):
        raise rejected("notification", MSG_NOTIFICATION_ALREADY_CORRECTED)
    moment = original.notified_at if notified_at is None else ensure_utc(notified_at)
    facility = original.other_facility_name if other_facility_name is None else other_facility_name
    messages: list[ValidationMessage] = []
    if contact_id is None and person_name is None:
        name, contact_id = original.person_name, original.contact_id
    else:
        name, messages = check_who(work, person_name or "", contact_id)
    messages += check_other_facility(workspace, case, original.kind, facility)
    messages += check_record_time(
        "notified_at", "Told at", moment, now, case.received_at, late_entry_reason
    )
    raise_if(messages)
    row = NotificationRow(
        case_id=case.id,
        kind=original.kind,
        contact_id=contact_id,
        person_name=name,
        method=original.method if method is None else method,
        notified_at=moment,
        advocate_status=original.advocate_status,
        other_facility_name=facility.strip(),
        reference=original.reference if reference is None else reference.strip(),
        details=original.details if details is None else details.strip(),
        recorded_by_id=workspace.actor.id,
        recorded_at=now,
        corrects_id=original.id,
        correction_reason=reason.strip(),
        step_record_id=step_record_id,
    )
    work.add(row)
    if notified_at is not None:
        what = "The corrected notification"
        note_time_before_report(workspace, work, case, what, moment, late_entry_reason)
    work.flush()
    return row


def list_notifications(workspace: Workspace, case_number: str) -> tuple[NotificationSnapshot, ...]:
    """The notifications of a case as they stand (corrected versions replace the originals)."""
    with workspace.read() as work:
        case = load_visible_case(workspace, work, case_number)
        rows = effective(work.records.of_case(NotificationRow, case.id))
        names = display_names(work, [row.recorded_by_id for row in rows])
        return tuple(notification_snapshot(row, names) for row in rows)


def _load(
    workspace: Workspace, work: UnitOfWork, notification_id: int
) -> tuple[NotificationRow, CaseRow]:
    original = work.get(NotificationRow, notification_id)
    case = None if original is None else work.cases.get(original.case_id)
    if not isinstance(original, NotificationRow) or case is None:
        raise NotFound(MSG_NO_SUCH_NOTIFICATION)
    return original, load_case_for_recording(workspace, work, case.case_number)


def notification_snapshot(row: NotificationRow, names: dict[int, str]) -> NotificationSnapshot:
    return NotificationSnapshot(
        id=row.id,
        case_id=row.case_id,
        kind=row.kind,
        person_name=row.person_name,
        contact_id=row.contact_id,
        method=row.method,
        notified_at=row.notified_at,
        details=row.details,
        other_facility_name=row.other_facility_name,
        advocate_status=row.advocate_status,
        reference=row.reference,
        recorded_by=names.get(row.recorded_by_id, ""),
        recorded_at=row.recorded_at,
        corrects_id=row.corrects_id,
        correction_reason=row.correction_reason,
    )
