"""The first hours of a demo case (CPP 14.7 G.3–G.10): safety, separation, notifications,
the scene and its entry log, preservation, medical care, dry cell and the EOR, each with the
checklist step that records it. Anything that would fall after "now" has not happened yet.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from incident_desk.domain.enums import (
    AdvocateStatus,
    NotificationKind,
    NotificationMethod,
    PersonKind,
    PreservationAct,
    SeparationMethod,
    StepState,
)
from incident_desk.services import demo_names as words
from incident_desk.services.demo_cases import CaseDraft, CaseWriter
from incident_desk.services.demo_cast import Member
from incident_desk.services.demo_medical import write_dry_cell, write_medical, write_preservation
from incident_desk.services.demo_rows import iso_minutes, later
from incident_desk.services.demo_scene import write_scene
from incident_desk.storage.rows import (
    NotificationRow,
    SeparationRow,
)

METHODS = (
    NotificationMethod.PHONE,
    NotificationMethod.PHONE,
    NotificationMethod.IN_PERSON,
    NotificationMethod.RADIO,
    NotificationMethod.EMAIL,
)
ACTS = tuple(PreservationAct)


def write_first_response(w: CaseWriter, case: CaseDraft) -> None:
    rng, now = w.rng, w.now
    received, supervisor = case.received, case.facility.supervisor
    case.investigator = w.pick(w.cast.investigators)
    at = later(received, w.between(3, 15))
    w.step(
        case,
        "victim_safety",
        at,
        supervisor,
        {
            "safety_ensured_at": iso_minutes(at),
            "safety_action": "Escorted to the shift office, away from the alleged perpetrator.",
            "safety_ensured_by": case.facility.responder.name,
            "supervisor_notified_at": iso_minutes(at),
            "supervisor_notified_by": case.facility.responder.name,
            "shift_supervisor": supervisor.name,
        },
    )
    _separate(w, case, later(received, w.between(5, 25)))
    _notify_step(
        w,
        case,
        "warden_notification",
        NotificationKind.WARDEN,
        later(received, w.between(10, 40)),
        case.facility.warden,
        "person_notified",
    )
    _notify_step(
        w,
        case,
        "investigator_notification",
        NotificationKind.INVESTIGATOR,
        later(received, w.between(15, 50)),
        case.investigator,
        "investigator",
    )
    write_scene(w, case, later(received, w.between(10, 30)))
    if case.criminal:
        _notify_step(
            w,
            case,
            "state_police_referral",
            NotificationKind.STATE_POLICE,
            later(received, w.between(30, 90)),
            w.cast.outside[w.pick(words.POLICE)],
            "police_contact",
        )
    _advocate(w, case, later(received, w.between(40, 120)))
    if case.elsewhere:
        _other_facility(w, case, later(received, w.between(60, 70 * 60)))
    if case.in_window:
        write_preservation(w, case, later(received, w.between(8, 30)))
    if case.criminal:
        write_medical(w, case, later(received, w.between(20, 60)))
        if case.perpetrator_kind is PersonKind.OFFENDER and rng.random() < 0.4:
            write_dry_cell(w, case, later(received, w.between(20, 90)))
    else:
        at = later(received, w.between(20, 60))
        if at <= now:
            w.step(
                case,
                "medical_transport",
                at,
                supervisor,
                {},
                StepState.NOT_APPLICABLE,
                "Harassment only: no physical contact was alleged.",
            )
    at = later(received, w.between(180, 480))
    if at <= now:
        w.step(
            case,
            "eor_report",
            at,
            supervisor,
            {
                "completed_at": iso_minutes(at),
                "completed_by": supervisor.name,
                "forwarded_at": iso_minutes(at),
                "forwarded_to": "Warden; PREA compliance manager",
            },
        )


def _notification(
    w: CaseWriter,
    case: CaseDraft,
    kind: NotificationKind,
    at: datetime,
    contact: Member | None,
    *,
    person_name: str = "",
    advocate: AdvocateStatus | None = None,
    other: str = "",
) -> tuple[NotificationMethod, dict[str, Any]]:
    """A notification row; the step entry that records it is named once it is written."""
    method = w.pick(METHODS)
    row: dict[str, Any] = {
        "case_id": case.id,
        "kind": kind,
        "contact_id": contact.contact_id if contact else None,
        "person_name": contact.name if contact else person_name,
        "method": method,
        "notified_at": at,
        "advocate_status": advocate,
        "other_facility_name": other,
        "reference": f"KSP-{w.between(10000, 99999)}"
        if kind is NotificationKind.STATE_POLICE
        else "",
        "details": "",
        "recorded_by_id": case.facility.supervisor.user_id,
        "recorded_at": min(later(at, 5), w.now),
        "corrects_id": None,
        "correction_reason": "",
        "step_record_id": None,
    }
    w.sink.add(NotificationRow, row)
    return method, row


def _notify_step(
    w: CaseWriter,
    case: CaseDraft,
    step_key: str,
    kind: NotificationKind,
    at: datetime,
    contact: Member,
    person_field: str,
) -> None:
    if at > w.now:
        return
    method, row = _notification(w, case, kind, at, contact)
    time_field = "referred_at" if kind is NotificationKind.STATE_POLICE else "notified_at"
    by_field = "referred_by" if kind is NotificationKind.STATE_POLICE else "notified_by"
    row["step_record_id"] = w.step(
        case,
        step_key,
        at,
        case.facility.supervisor,
        {
            time_field: iso_minutes(at),
            person_field: contact.name,
            "method": method.value,
            by_field: case.facility.supervisor.name,
        },
    )


def _separate(w: CaseWriter, case: CaseDraft, at: datetime) -> None:
    if at > w.now:
        return
    method = w.pick(tuple(SeparationMethod))
    description = "Alleged perpetrator moved to another housing unit pending investigation."
    row: dict[str, Any] = {
        "case_id": case.id,
        "method": method,
        "description": description,
        "separated_at": at,
        "recorded_by_id": case.facility.supervisor.user_id,
        "recorded_at": min(later(at, 4), w.now),
        "step_record_id": None,
    }
    w.sink.add(SeparationRow, row)
    row["step_record_id"] = w.step(
        case,
        "separation",
        at,
        case.facility.supervisor,
        {
            "separated_at": iso_minutes(at),
            "method": method.value,
            "description": description,
            "separated_by": case.facility.supervisor.name,
        },
    )


def _advocate(w: CaseWriter, case: CaseDraft, at: datetime) -> None:
    if at > w.now:
        return
    status = w.pick((AdvocateStatus.DECLINED, AdvocateStatus.CONTACTED, AdvocateStatus.CONTACTED))
    advocate = w.cast.outside[w.pick(words.ADVOCATES)]
    _method, row = _notification(
        w, case, NotificationKind.VICTIM_ADVOCATE, at, advocate, advocate=status
    )
    requested = status is AdvocateStatus.CONTACTED
    row["step_record_id"] = w.step(
        case,
        "victim_advocate",
        at,
        case.facility.supervisor,
        {
            "offered_at": iso_minutes(at),
            "offered_by": case.facility.supervisor.name,
            "requested": "yes" if requested else "no",
            "advocate_service": advocate.agency if requested else "",
            "contacted_at": iso_minutes(later(at, 15)) if requested else "",
        },
    )


def _other_facility(w: CaseWriter, case: CaseDraft, at: datetime) -> None:
    if at > w.now:
        return
    other = case.row["other_facility_name"]
    head = dict(words.OTHER_FACILITIES)[other]
    method, row = _notification(
        w, case, NotificationKind.OTHER_FACILITY_HEAD, at, None, person_name=head, other=other
    )
    row["step_record_id"] = w.step(
        case,
        "other_facility_notice",
        at,
        case.facility.warden,
        {
            "facility": other,
            "facility_head": head,
            "notified_at": iso_minutes(at),
            "method": method.value,
            "notified_by": case.facility.warden.name,
        },
    )
