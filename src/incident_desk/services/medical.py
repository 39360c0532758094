"""Medical care after a report (CPP 14.7 G.5): transport to an outside facility, undressing over
a clean sheet, the SAFE/SANE request with the efforts made, and consent.

"Medical care and forensic medical examinations are separate and different procedures.
Offenders shall have a right to refuse either." (G.5.c) The two consents are recorded apart, so
a refusal of one stands beside consent to the other.

There is one medical record per person, updated as care goes on; the audit trail keeps a digest
of every version. Each part is recorded by the roles of its checklist step (9a-9d), so only
those the protocol allows may record, for example, consent.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from incident_desk.domain.clock import ensure_utc
from incident_desk.domain.enums import Consent, ExaminerType, Role
from incident_desk.domain.validation import ValidationMessage, format_moment
from incident_desk.services.case_views import load_visible_case
from incident_desk.services.errors import rejected
from incident_desk.services.first_response import (
    begin_first_response,
    check_record_time,
    display_names,
    load_case_for_recording,
    note_time_before_report,
    raise_if,
    require_step_role,
    victim_or_perpetrator,
)
from incident_desk.services.visibility import require_role
from incident_desk.services.workspace import Workspace
from incident_desk.storage.repositories.first_response_repository import (
    FirstResponseRepository,
)
from incident_desk.storage.rows import CasePersonRow, CaseRow, MedicalRecordRow
from incident_desk.storage.unit_of_work import UnitOfWork

#: Which checklist step each recorded column belongs to (its roles may record it).
FIELD_STEPS: dict[str, str] = {
    "transport_arranged_at": "medical_transport",
    "departed_at": "medical_transport",
    "destination": "medical_transport",
    "clean_sheet_used": "clean_sheet",
    "examiner_requested_at": "forensic_examiner",
    "examiner_type": "forensic_examiner",
    "examiner_efforts": "forensic_examiner",
    "forensic_exam_consent": "consent",
    "medical_care_consent": "consent",
}
_TIMES = {
    "transport_arranged_at": "Transport arranged at",
    "departed_at": "Left the facility at",
    "examiner_requested_at": "SAFE or SANE requested at",
}

MSG_NOTHING_GIVEN = "Nothing to record yet: fill in at least one part of the medical record."
MSG_DEPARTED_BEFORE_ARRANGED = (
    "The departure time, {departed}, is before transport was arranged at {arranged}. "
    "Check both times and correct the wrong one."
)
MSG_DESTINATION_MISSING = (
    "Name the outside facility the person is taken to for examination (CPP 14.7 G.5)."
)
MSG_EFFORTS_MISSING = (
    'Write down the efforts made to provide a SAFE or SANE: "The efforts to provide SAFEs or '
    'SANEs shall be documented." (CPP 14.7 G.5.b)'
)


@dataclass(frozen=True)
class MedicalSnapshot:
    id: int
    case_id: int
    case_person_id: int
    transport_arranged_at: datetime | None
    departed_at: datetime | None
    destination: str
    clean_sheet_used: bool | None
    examiner_requested_at: datetime | None
    examiner_type: ExaminerType | None
    examiner_efforts: str
    forensic_exam_consent: Consent
    medical_care_consent: Consent
    consent_recorded_at: datetime | None
    notes: str
    recorded_by: str
    updated_at: datetime


def medical_roles(workspace: Workspace) -> frozenset[Role]:
    """Everyone who may record some part of the medical record."""
    roles: set[Role] = set()
    for step_key in set(FIELD_STEPS.values()):
        roles |= workspace.protocol.step(step_key).roles
    return frozenset(roles)


def record_medical(
    workspace: Workspace,
    case_number: str,
    case_person_id: int,
    *,
    transport_arranged_at: datetime | None = None,
    departed_at: datetime | None = None,
    destination: str | None = None,
    clean_sheet_used: bool | None = None,
    examiner_requested_at: datetime | None = None,
    examiner_type: ExaminerType | None = None,
    examiner_efforts: str | None = None,
    forensic_exam_consent: Consent | None = None,
    medical_care_consent: Consent | None = None,
    notes: str | None = None,
    late_entry_reason: str = "",
) -> MedicalSnapshot:
    """Record or update the person's medical record; a part left as None stays as recorded."""
    require_role(workspace.actor, medical_roles(workspace), "record medical care (CPP 14.7 G.5)")
    given: dict[str, Any] = {
        "transport_arranged_at": _utc(transport_arranged_at),
        "departed_at": _utc(departed_at),
        "destination": None if destination is None else destination.strip(),
        "clean_sheet_used": clean_sheet_used,
        "examiner_requested_at": _utc(examiner_requested_at),
        "examiner_type": examiner_type,
        "examiner_efforts": None if examiner_efforts is None else examiner_efforts.strip(),
        "forensic_exam_consent": forensic_exam_consent,
        "medical_care_consent": medical_care_consent,
        "notes": None if notes is None else notes.strip(),
    }
    given = {key: value for key, value in given.items() if value is not None}
    with workspace.write("record_medical") as work:
        case = load_case_for_recording(workspace, work, case_number)
        person = victim_or_perpetrator(work, case, case_person_id)
        row = save_medical(workspace, work, case, person, given, late_entry_reason)
        names = display_names(work, [row.recorded_by_id])
        return medical_snapshot(row, names)


def save_medical(
    workspace: Workspace,
    work: UnitOfWork,
    case: CaseRow,
    person: CasePersonRow,
    given: Mapping[str, Any],
    late_entry_reason: str = "",
    step_record_id: int | None = None,
) -> MedicalRecordRow:
    """The checks and the change of a person's medical record, inside an open unit of work.

    ``given`` holds the parts to record (names of ``FIELD_STEPS`` or "notes"), times in UTC and
    text stripped; the checklist's medical steps record through here too, naming their entry
    (``step_record_id``): the record names the step entry that changed it last, or none.
    """
    now = workspace.clock.now()
    row = work.repository(FirstResponseRepository).medical_record(case.id, person.id)
    if row is None and not given:
        raise rejected("medical", MSG_NOTHING_GIVEN)
    current = _values(row)
    changed = {key: value for key, value in given.items() if current.get(key) != value}
    for step_key in sorted({FIELD_STEPS[key] for key in changed if key in FIELD_STEPS}):
        require_step_role(workspace, step_key)
    merged = current | changed
    raise_if(_check(merged, changed, now, case.received_at, late_entry_reason))
    if row is None:
        row = MedicalRecordRow(case_id=case.id, case_person_id=person.id)
        work.add(row)
    if changed:
        for key, value in changed.items():
            setattr(row, key, value)
        if {"forensic_exam_consent", "medical_care_consent"} & changed.keys():
            row.consent_recorded_at = now
        row.recorded_by_id = workspace.actor.id
        row.updated_at = now
        row.step_record_id = step_record_id
        for key, label in _TIMES.items():
            if key in changed:
                what = f'"{label}" of {person.name}\'s medical record'
                note_time_before_report(
                    workspace, work, case, what, changed[key], late_entry_reason
                )
        begin_first_response(case, now)
    work.flush()
    return row


def medical_records(workspace: Workspace, case_number: str) -> tuple[MedicalSnapshot, ...]:
    """The medical record of each person in the case that has one."""
    with workspace.read() as work:
        case = load_visible_case(workspace, work, case_number)
        rows = work.records.of_case(MedicalRecordRow, case.id)
        names = display_names(work, [row.recorded_by_id for row in rows])
        return tuple(medical_snapshot(row, names) for row in rows)


def _utc(moment: datetime | None) -> datetime | None:
    return None if moment is None else ensure_utc(moment)


def _values(row: MedicalRecordRow | None) -> dict[str, Any]:
    if row is None:
        return {}
    return {key: getattr(row, key) for key in (*FIELD_STEPS, "notes")}


def _check(
    merged: dict[str, Any],
    changed: dict[str, Any],
    now: datetime,
    received_at: datetime,
    late_entry_reason: str,
) -> list[ValidationMessage]:
    messages: list[ValidationMessage] = []
    for key, label in _TIMES.items():
        if key in changed:
            messages += check_record_time(
                key, label, changed[key], now, received_at, late_entry_reason
            )
    arranged, departed = merged.get("transport_arranged_at"), merged.get("departed_at")
    if arranged is not None and departed is not None and departed < arranged:
        text = MSG_DEPARTED_BEFORE_ARRANGED.format(
            departed=format_moment(departed), arranged=format_moment(arranged)
        )
        messages.append(ValidationMessage("departed_at", text))
    if (arranged is not None or departed is not None) and not merged.get("destination"):
        messages.append(ValidationMessage("destination", MSG_DESTINATION_MISSING))
    examiner = merged.get("examiner_requested_at") or merged.get("examiner_type")
    if examiner is not None and not merged.get("examiner_efforts"):
        messages.append(ValidationMessage("examiner_efforts", MSG_EFFORTS_MISSING))
    return messages


def medical_snapshot(row: MedicalRecordRow, names: dict[int, str]) -> MedicalSnapshot:
    return MedicalSnapshot(
        id=row.id,
        case_id=row.case_id,
        case_person_id=row.case_person_id,
        transport_arranged_at=row.transport_arranged_at,
        departed_at=row.departed_at,
        destination=row.destination,
        clean_sheet_used=row.clean_sheet_used,
        examiner_requested_at=row.examiner_requested_at,
        examiner_type=row.examiner_type,
        examiner_efforts=row.examiner_efforts,
        forensic_exam_consent=row.forensic_exam_consent,
        medical_care_consent=row.medical_care_consent,
        consent_recorded_at=row.consent_recorded_at,
        notes=row.notes,
        recorded_by=names.get(row.recorded_by_id, ""),
        updated_at=row.updated_at,
    )
