"""Staff sexual offense complaints (CPP 3.22 C) and staff–offender relationship notices."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest

from incident_desk.domain.clock import ManualClock
from incident_desk.domain.enums import (
    AttachmentKind,
    Decision,
    RelationshipNoticeKind,
    StatementAuthor,
)
from incident_desk.services.attachments import add_attachment, read_attachment
from incident_desk.services.errors import AccessDenied, InputRejected
from incident_desk.services.relationship_notices import (
    decide_relationship_notice,
    relationship_notices,
    submit_relationship_notice,
)
from incident_desk.services.staff_complaints import (
    add_staff_statement,
    confirm_complaint_account,
    file_staff_complaint,
    get_staff_complaint,
    report_complaint,
    staff_complaints,
)
from incident_desk.services.workspace import Workspace

SignIn = Callable[[str], Workspace]


def _chain_length(workspace: Workspace) -> int:
    report = workspace.database.verify_audit_chain()
    assert report.intact
    return report.checked


# --- complaints (CPP 3.22 C) ------------------------------------------------------------------


def test_written_complaint_with_statements_and_report(supervisor: Workspace) -> None:
    complaint = file_staff_complaint(
        supervisor,
        complainant_name="José Álvarez",
        staff_member_name="Ofc. Ray Dunn",
        written_complaint="He made comments about my body in the shower line.",
    )
    assert complaint.written_by_complainant
    assert [s.author for s in complaint.statements] == [StatementAuthor.COMPLAINANT]
    assert len(complaint.outstanding) == 2
    add_staff_statement(
        supervisor, complaint.id, StatementAuthor.STAFF_INVOLVED, "Ofc. Ray Dunn", "I deny it."
    )
    add_staff_statement(
        supervisor, complaint.id, StatementAuthor.WITNESS, "Ofc. Lee", "I heard the remark."
    )
    reported = report_complaint(supervisor, complaint.id, "Warden Sam Hale")
    assert reported.outstanding == ()
    assert [s.author for s in reported.statements] == [
        StatementAuthor.COMPLAINANT,
        StatementAuthor.STAFF_INVOLVED,
        StatementAuthor.WITNESS,
    ]
    with pytest.raises(InputRejected, match="already reported to Warden Sam Hale"):
        report_complaint(supervisor, complaint.id, "Division Director")
    with pytest.raises(InputRejected, match="no supervisor's account to confirm"):
        confirm_complaint_account(supervisor, complaint.id)
    assert supervisor.database.verify_audit_chain().intact


def test_complaint_needs_writing_or_a_documented_refusal(supervisor: Workspace) -> None:
    before = _chain_length(supervisor)
    with pytest.raises(InputRejected) as refused:
        file_staff_complaint(
            supervisor, complainant_name="José Álvarez", staff_member_name="Ofc. Ray Dunn"
        )
    assert "CPP 3.22 C.1" in str(refused.value)
    assert "put the specifics of his complaint in writing" in str(refused.value)
    with pytest.raises(InputRejected, match="document the refusal") as refused:
        file_staff_complaint(
            supervisor,
            complainant_name="José Álvarez",
            staff_member_name="Ofc. Ray Dunn",
            refused_to_write=True,
        )
    assert refused.value.messages[0].field == "supervisor_account"
    assert _chain_length(supervisor) == before
    assert staff_complaints(supervisor) == ()


def test_refusal_documented_then_confirmed_by_the_complainant(
    supervisor: Workspace, clock: ManualClock
) -> None:
    complaint = file_staff_complaint(
        supervisor,
        complainant_name="José Álvarez",
        staff_member_name="Ofc. Ray Dunn",
        refused_to_write=True,
        supervisor_account="Says the officer touched him during a pat search on 20 Nov.",
    )
    assert complaint.refusal_documented
    assert complaint.statements == ()
    assert "CPP 3.22 C.1.b" in complaint.outstanding[0]
    clock.advance(timedelta(minutes=20))
    confirmed = confirm_complaint_account(supervisor, complaint.id)
    assert confirmed.complainant_confirmed_at == clock.now()
    with pytest.raises(InputRejected, match="already confirmed"):
        confirm_complaint_account(supervisor, complaint.id)


def test_complaints_are_need_to_know(sign_in_as: SignIn) -> None:
    supervisor = sign_in_as("sup")
    complaint = file_staff_complaint(
        supervisor,
        complainant_name="José Álvarez",
        staff_member_name="Ofc. Ray Dunn",
        written_complaint="Written complaint.",
    )
    for username in ("fr", "inv", "med"):
        with pytest.raises(AccessDenied):
            get_staff_complaint(sign_in_as(username), complaint.id)
    assert len(staff_complaints(sign_in_as("warden"))) == 1
    manager = sign_in_as("pcm")
    before = _chain_length(supervisor)
    assert get_staff_complaint(manager, complaint.id).id == complaint.id
    assert _chain_length(supervisor) == before + 1  # the view is audited


def test_statement_needs_text_or_attachment(supervisor: Workspace) -> None:
    complaint = file_staff_complaint(
        supervisor,
        complainant_name="José Álvarez",
        staff_member_name="Ofc. Ray Dunn",
        written_complaint="Written complaint.",
    )
    with pytest.raises(InputRejected, match="Enter the statement's text"):
        add_staff_statement(supervisor, complaint.id, StatementAuthor.WITNESS, "Ofc. Lee")


def test_scanned_statement_is_kept_outside_any_case(sign_in_as: SignIn) -> None:
    supervisor = sign_in_as("sup")
    scan = add_attachment(
        supervisor,
        None,
        AttachmentKind.SCANNED_STATEMENT,
        "dunn.pdf",
        "application/pdf",
        b"%PDF-1.7 signed statement",
        "Signed statement of Ofc. Dunn",
    )
    complaint = file_staff_complaint(
        supervisor,
        complainant_name="José Álvarez",
        staff_member_name="Ofc. Ray Dunn",
        written_complaint="Written complaint.",
    )
    updated = add_staff_statement(
        supervisor,
        complaint.id,
        StatementAuthor.STAFF_INVOLVED,
        "Ofc. Ray Dunn",
        attachment_id=scan.id,
    )
    assert updated.statements[-1].attachment_id == scan.id
    assert read_attachment(sign_in_as("warden"), scan.id) == b"%PDF-1.7 signed statement"
    with pytest.raises(AccessDenied):
        read_attachment(sign_in_as("fr"), scan.id)
    with pytest.raises(AccessDenied, match="outside a case"):
        add_attachment(
            sign_in_as("med"), None, AttachmentKind.DOCUMENT, "x.pdf", "application/pdf", b"x"
        )


# --- relationship notices (WDOC 1.006, St. Louis 1.3.36, OMES-023) ----------------------------


def test_own_notice_approved_by_the_warden(sign_in_as: SignIn) -> None:
    nurse = sign_in_as("med")
    notice = submit_relationship_notice(
        nurse,
        RelationshipNoticeKind.PRE_EXISTING_RELATIONSHIP,
        "Nurse Kim Ørsted",
        "Tom Ørsted",
        relationship="brother",
        details="Lifelong; I wish to write and visit monthly.",
    )
    assert notice.decision is Decision.PENDING
    assert notice.staff_username == "med"
    warden = sign_in_as("warden")
    assert [n.id for n in relationship_notices(warden, pending_only=True)] == [notice.id]
    decided = decide_relationship_notice(warden, notice.id, Decision.APPROVED)
    assert decided.decided_by == "Warden Sam Hale"
    assert relationship_notices(warden, pending_only=True) == ()
    assert [n.decision for n in relationship_notices(nurse)] == [Decision.APPROVED]


def test_pre_existing_relationship_needs_nature_and_duration(sign_in_as: SignIn) -> None:
    with pytest.raises(InputRejected, match=r"WDOC 1\.006") as refused:
        submit_relationship_notice(
            sign_in_as("fr"),
            RelationshipNoticeKind.PRE_EXISTING_RELATIONSHIP,
            "Officer Luis Peña",
            "Ana Peña",
        )
    assert {m.field for m in refused.value.messages} == {"relationship", "details"}


def test_denial_needs_a_reason_and_a_decision_is_final(sign_in_as: SignIn) -> None:
    officer = sign_in_as("fr")
    notice = submit_relationship_notice(
        officer,
        RelationshipNoticeKind.REQUEST_DEPOSIT_MONEY,
        "Officer Luis Peña",
        "Ana Peña",
        details="$40 a month to her trust account.",
    )
    manager = sign_in_as("pcm")
    before = _chain_length(manager)
    with pytest.raises(InputRejected, match="reason for the denial"):
        decide_relationship_notice(manager, notice.id, Decision.DENIED)
    with pytest.raises(InputRejected, match=r"St\. Louis 1\.3\.36"):
        decide_relationship_notice(manager, notice.id, Decision.PENDING)
    assert _chain_length(manager) == before
    denied = decide_relationship_notice(
        manager, notice.id, Decision.DENIED, "Deposits by staff are not allowed at this facility."
    )
    assert denied.decision_reason.startswith("Deposits")
    with pytest.raises(InputRejected, match="submits a new notice"):
        decide_relationship_notice(manager, notice.id, Decision.APPROVED)


def test_only_the_warden_or_pcm_decide(sign_in_as: SignIn) -> None:
    officer = sign_in_as("fr")
    notice = submit_relationship_notice(
        officer,
        RelationshipNoticeKind.REQUEST_PHONE,
        "Officer Luis Peña",
        "Ana Peña",
        details="Weekly calls with my cousin.",
    )
    for username in ("sup", "fr", "admin"):
        with pytest.raises(AccessDenied, match="may not approve or deny"):
            decide_relationship_notice(sign_in_as(username), notice.id, Decision.APPROVED)


def test_notice_for_someone_else_only_by_supervisors(sign_in_as: SignIn) -> None:
    with pytest.raises(AccessDenied, match="only your own notice"):
        submit_relationship_notice(
            sign_in_as("fr"),
            RelationshipNoticeKind.GIFT_CONSENT,
            "Nurse Kim Ørsted",
            "Tom",
            details="A painted card.",
            staff_username="med",
        )
    supervisor = sign_in_as("sup")
    for_volunteer = submit_relationship_notice(
        supervisor,
        RelationshipNoticeKind.REQUEST_VISIT,
        "Chaplain Volunteer Ann Roe",
        "Ben Roe",
        details="Visiting her son twice a month.",
        staff_username="",
    )
    assert for_volunteer.staff_username == ""
    for_nurse = submit_relationship_notice(
        supervisor,
        RelationshipNoticeKind.GIFT_CONSENT,
        "Nurse Kim Ørsted",
        "Tom Ørsted",
        details="A painted card.",
        staff_username="med",
    )
    assert for_nurse.staff_username == "med"
    assert [n.id for n in relationship_notices(sign_in_as("med"))] == [for_nurse.id]
    assert len(relationship_notices(sign_in_as("pcm"), facility="KSR")) == 2
