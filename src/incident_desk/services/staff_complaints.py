"""Complaints of a staff sexual offense (CPP 3.22 C): the complaint in writing or the refusal
documented and confirmed, the written statements, and the report to the warden.

These records are confidential (CPP 3.22 F): the supervisor who received a complaint, the warden
of its facility and the PREA compliance manager see it, and opening one is audited.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from incident_desk.domain.enums import Role, StatementAuthor
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
from incident_desk.storage.repositories.staff_conduct_repository import StaffConductRepository
from incident_desk.storage.rows import (
    AttachmentRow,
    StaffComplaintRow,
    StaffStatementRow,
)
from incident_desk.storage.unit_of_work import UnitOfWork

COMPLAINT_ROLES = frozenset({Role.SHIFT_SUPERVISOR, Role.WARDEN, Role.PREA_COMPLIANCE_MANAGER})

POLICY_C1_WRITING = (
    '"The supervisor receiving a complaint of a sexual offense shall ask the complainant to put '
    'the specifics of his complaint in writing" (CPP 3.22 C.1)'
)
POLICY_C1_REFUSAL = (
    '"If the complainant refuses, the supervisor shall: (a) document the refusal and the '
    'specifics of the complaint as told to him by the complainant" (CPP 3.22 C.1)'
)
MSG_NO_WRITTEN_COMPLAINT = (
    "Enter or attach the complainant's written complaint, or record that the complainant "
    "refused to write it. {policy}."
)
MSG_NO_SUPERVISOR_ACCOUNT = (
    "The complainant refused to write the complaint: write down the specifics as the "
    "complainant told them to you. {policy}."
)
MSG_BOTH_WRITTEN_AND_REFUSED = (
    "The complaint is marked both as written by the complainant and as refused. Choose one."
)
MSG_STATEMENT_EMPTY = "Enter the statement's text or attach the signed statement."


@dataclass(frozen=True)
class StatementSnapshot:
    id: int
    author: StatementAuthor
    author_name: str
    received_at: datetime
    text: str
    attachment_id: int | None
    recorded_by: str


@dataclass(frozen=True)
class StaffComplaintSnapshot:
    id: int
    case_number: str
    facility_id: int
    complainant_name: str
    staff_member_name: str
    received_at: datetime
    supervisor: str
    written_by_complainant: bool
    refusal_documented: bool
    supervisor_account: str
    complainant_confirmed_at: datetime | None
    reported_to: str
    reported_at: datetime | None
    statements: tuple[StatementSnapshot, ...]
    outstanding: tuple[str, ...]


def file_staff_complaint(
    workspace: Workspace,
    *,
    complainant_name: str,
    staff_member_name: str,
    written_complaint: str = "",
    attachment_id: int | None = None,
    refused_to_write: bool = False,
    supervisor_account: str = "",
    received_at: datetime | None = None,
    case_number: str | None = None,
) -> StaffComplaintSnapshot:
    """Record a complaint as the receiving supervisor (CPP 3.22 C.1)."""
    actor = workspace.actor
    require_role(actor, COMPLAINT_ROLES, "receive a staff sexual offense complaint")
    now = workspace.clock.now()
    received = received_at or now
    messages = check_required("complainant_name", complainant_name, "complainant")
    messages += check_required("staff_member_name", staff_member_name, "staff member involved")
    messages += check_not_future("received_at", received, now)
    has_writing = bool(written_complaint.strip()) or attachment_id is not None
    if refused_to_write:
        if has_writing:
            messages.append(ValidationMessage("refused_to_write", MSG_BOTH_WRITTEN_AND_REFUSED))
        if not supervisor_account.strip():
            messages.append(
                ValidationMessage(
                    "supervisor_account", MSG_NO_SUPERVISOR_ACCOUNT.format(policy=POLICY_C1_REFUSAL)
                )
            )
    elif not has_writing:
        messages.append(
            ValidationMessage(
                "written_complaint", MSG_NO_WRITTEN_COMPLAINT.format(policy=POLICY_C1_WRITING)
            )
        )
    if messages:
        raise InputRejected(messages)
    with workspace.write("file_staff_complaint") as work:
        case_id = None
        facility_id = actor.facility_id
        if case_number:
            case = load_visible_case(workspace, work, case_number)
            case_id, facility_id = case.id, case.facility_id
        if facility_id is None:
            raise rejected("facility", "Your account has no facility.")
        _check_attachment(work, attachment_id, case_id)
        complaint = StaffComplaintRow(
            case_id=case_id,
            facility_id=facility_id,
            complainant_name=complainant_name.strip(),
            staff_member_name=staff_member_name.strip(),
            received_at=received,
            supervisor_id=actor.id,
            written_by_complainant=not refused_to_write,
            refusal_documented=refused_to_write,
            supervisor_account=supervisor_account.strip(),
            updated_at=now,
        )
        work.add(complaint)
        work.flush()
        work.set_case(case_id)
        if not refused_to_write:
            work.add(
                StaffStatementRow(
                    complaint_id=complaint.id,
                    author=StatementAuthor.COMPLAINANT,
                    author_name=complaint.complainant_name,
                    received_at=received,
                    text=written_complaint.strip(),
                    attachment_id=attachment_id,
                    recorded_by_id=actor.id,
                )
            )
            work.flush()
        return _snapshot(work, complaint)


def confirm_complaint_account(
    workspace: Workspace, complaint_id: int, confirmed_at: datetime | None = None
) -> StaffComplaintSnapshot:
    """C.1(b): the complainant confirmed that the supervisor's written version is accurate."""
    now = workspace.clock.now()
    confirmed = confirmed_at or now
    messages = check_not_future("confirmed_at", confirmed, now)
    if messages:
        raise InputRejected(messages)
    with workspace.write("confirm_complaint_account") as work:
        complaint = _complaint(workspace, work, complaint_id)
        if not complaint.refusal_documented:
            raise rejected(
                "complaint",
                (
                    "The complainant wrote this complaint; there is no supervisor's account to "
                    "confirm."
                ),
            )
        if complaint.complainant_confirmed_at is not None:
            raise rejected(
                "confirmed_at",
                (
                    "The complainant already confirmed the account on "
                    f"{format_moment(complaint.complainant_confirmed_at)}."
                ),
            )
        if confirmed < complaint.received_at:
            raise rejected("confirmed_at", "The confirmation cannot come before the complaint.")
        complaint.complainant_confirmed_at = confirmed
        complaint.updated_at = now
        work.flush()
        return _snapshot(work, complaint)


def add_staff_statement(
    workspace: Workspace,
    complaint_id: int,
    author: StatementAuthor,
    author_name: str,
    text: str = "",
    attachment_id: int | None = None,
    received_at: datetime | None = None,
) -> StaffComplaintSnapshot:
    """C.2: the staff member involved and any witnesses put the specifics in writing."""
    now = workspace.clock.now()
    received = received_at or now
    messages = check_required("author_name", author_name, "written by")
    messages += check_not_future("received_at", received, now)
    if not text.strip() and attachment_id is None:
        messages.append(ValidationMessage("text", MSG_STATEMENT_EMPTY))
    if messages:
        raise InputRejected(messages)
    with workspace.write("add_staff_statement") as work:
        complaint = _complaint(workspace, work, complaint_id)
        _check_attachment(work, attachment_id, complaint.case_id)
        work.add(
            StaffStatementRow(
                complaint_id=complaint.id,
                author=author,
                author_name=author_name.strip(),
                received_at=received,
                text=text.strip(),
                attachment_id=attachment_id,
                recorded_by_id=workspace.actor.id,
            )
        )
        work.flush()
        return _snapshot(work, complaint)


def report_complaint(
    workspace: Workspace, complaint_id: int, reported_to: str, reported_at: datetime | None = None
) -> StaffComplaintSnapshot:
    """C.3: "report it directly to the Warden, District Supervisor or Division Director"."""
    now = workspace.clock.now()
    reported = reported_at or now
    messages = check_required("reported_to", reported_to, "reported to")
    messages += check_not_future("reported_at", reported, now)
    if messages:
        raise InputRejected(messages)
    with workspace.write("report_complaint") as work:
        complaint = _complaint(workspace, work, complaint_id)
        if complaint.reported_at is not None:
            raise rejected(
                "reported_at",
                (
                    f"This complaint was already reported to {complaint.reported_to} on "
                    f"{format_moment(complaint.reported_at)}."
                ),
            )
        if reported < complaint.received_at:
            raise rejected("reported_at", "The report cannot come before the complaint.")
        complaint.reported_to = reported_to.strip()
        complaint.reported_at = reported
        complaint.updated_at = now
        work.flush()
        return _snapshot(work, complaint)


def get_staff_complaint(workspace: Workspace, complaint_id: int) -> StaffComplaintSnapshot:
    """One complaint with its statements; opening it is audited (CPP 3.22 F)."""
    with workspace.write("view_staff_complaint") as work:
        complaint = _complaint(workspace, work, complaint_id)
        work.record_event(
            "view_staff_complaint", "staff_complaint", complaint.id, case_id=complaint.case_id
        )
        return _snapshot(work, complaint)


def staff_complaints(workspace: Workspace) -> tuple[StaffComplaintSnapshot, ...]:
    """The complaints the signed-in user may see, newest first."""
    actor = workspace.actor
    require_role(actor, COMPLAINT_ROLES, "see staff sexual offense complaints")
    with workspace.read() as work:
        repository = work.repository(StaffConductRepository)
        if actor.role is Role.PREA_COMPLIANCE_MANAGER:
            rows = repository.complaints()
        elif actor.role is Role.WARDEN:
            rows = repository.complaints(facility_id=actor.facility_id) if actor.facility_id else []
        else:
            rows = repository.complaints(supervisor_id=actor.id)
        return tuple(_snapshot(work, row) for row in rows)


def outstanding_steps(
    complaint: StaffComplaintRow, statements: tuple[StatementSnapshot, ...]
) -> list[str]:
    """What CPP 3.22 C still asks for on this complaint, in plain words."""
    missing = []
    if complaint.refusal_documented and complaint.complainant_confirmed_at is None:
        missing.append("The complainant's confirmation of your written account (CPP 3.22 C.1.b).")
    if not any(statement.author is StatementAuthor.STAFF_INVOLVED for statement in statements):
        missing.append("The written statement of the staff member involved (CPP 3.22 C.2).")
    if complaint.reported_at is None:
        missing.append(
            "The report to the Warden, District Supervisor or Division Director (CPP 3.22 C.3)."
        )
    return missing


def _complaint(workspace: Workspace, work: UnitOfWork, complaint_id: int) -> StaffComplaintRow:
    actor = workspace.actor
    require_role(actor, COMPLAINT_ROLES, "work on staff sexual offense complaints")
    complaint = work.repository(StaffConductRepository).complaint(complaint_id)
    if complaint is None:
        raise NotFound(f"There is no staff complaint #{complaint_id}.")
    allowed = (
        actor.role is Role.PREA_COMPLIANCE_MANAGER
        or (actor.role is Role.WARDEN and complaint.facility_id == actor.facility_id)
        or complaint.supervisor_id == actor.id
    )
    if not allowed:
        raise AccessDenied(f"You do not have access to staff complaint #{complaint_id}.")
    work.set_case(complaint.case_id)
    return complaint


def _check_attachment(work: UnitOfWork, attachment_id: int | None, case_id: int | None) -> None:
    if attachment_id is None:
        return
    attachment = work.get(AttachmentRow, attachment_id)
    if attachment is None or attachment.case_id not in (None, case_id):
        raise rejected("attachment_id", f"There is no attachment #{attachment_id} to use here.")


def _snapshot(work: UnitOfWork, complaint: StaffComplaintRow) -> StaffComplaintSnapshot:
    statements = tuple(
        StatementSnapshot(
            row.id,
            row.author,
            row.author_name,
            row.received_at,
            row.text,
            row.attachment_id,
            _name(work, row.recorded_by_id),
        )
        for row in work.repository(StaffConductRepository).statements(complaint.id)
    )
    case = work.cases.get(complaint.case_id) if complaint.case_id is not None else None
    return StaffComplaintSnapshot(
        id=complaint.id,
        case_number=case.case_number if case is not None else "",
        facility_id=complaint.facility_id,
        complainant_name=complaint.complainant_name,
        staff_member_name=complaint.staff_member_name,
        received_at=complaint.received_at,
        supervisor=_name(work, complaint.supervisor_id),
        written_by_complainant=complaint.written_by_complainant,
        refusal_documented=complaint.refusal_documented,
        supervisor_account=complaint.supervisor_account,
        complainant_confirmed_at=complaint.complainant_confirmed_at,
        reported_to=complaint.reported_to,
        reported_at=complaint.reported_at,
        statements=statements,
        outstanding=tuple(outstanding_steps(complaint, statements)),
    )


def _name(work: UnitOfWork, user_id: int | None) -> str:
    user = work.organization.user(user_id) if user_id is not None else None
    return user.display_name if user is not None else ""
