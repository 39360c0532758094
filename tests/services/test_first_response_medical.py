"""Medical care (CPP 14.7 G.5): one record per person, updated; the two consents apart; each part
recorded only by the roles of its checklist step."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest

from incident_desk.domain.clock import ManualClock
from incident_desk.domain.enums import Consent, ExaminerType
from incident_desk.domain.validation import format_moment
from incident_desk.services.errors import AccessDenied, InputRejected
from incident_desk.services.medical import (
    MSG_DEPARTED_BEFORE_ARRANGED,
    MSG_DESTINATION_MISSING,
    MSG_EFFORTS_MISSING,
    MSG_NOTHING_GIVEN,
    medical_records,
    record_medical,
)
from incident_desk.services.workspace import Workspace
from tests.services.test_first_response import VICTIM, audited_events, open_report, person_id


def test_a_refusal_of_the_exam_stands_beside_consent_to_medical_care(
    sign_in_as: Callable[[str], Workspace], clock: ManualClock
) -> None:
    supervisor, medical = sign_in_as("sup"), sign_in_as("med")
    case = open_report(supervisor, clock)
    number, victim = case.summary.case_number, person_id(case, VICTIM)
    clock.advance(timedelta(minutes=10))
    first = record_medical(
        supervisor,
        number,
        victim,
        transport_arranged_at=clock.now(),
        destination="UofL Hospital emergency room",
        clean_sheet_used=True,
    )
    clock.advance(timedelta(minutes=30))
    record_medical(
        medical,
        number,
        victim,
        departed_at=clock.now(),
        examiner_requested_at=clock.now(),
        examiner_type=ExaminerType.SANE,
        examiner_efforts="Called UofL SANE line at 03:45; nurse on call confirmed.",
    )
    clock.advance(timedelta(hours=1))
    final = record_medical(
        medical,
        number,
        victim,
        forensic_exam_consent=Consent.REFUSED,
        medical_care_consent=Consent.CONSENTED,
        notes="Does not want the exam; agreed to STI testing and prophylaxis.",
    )
    assert final.id == first.id  # one record per person, updated as care goes on
    assert final.forensic_exam_consent is Consent.REFUSED
    assert final.medical_care_consent is Consent.CONSENTED
    assert final.consent_recorded_at == clock.now()
    assert final.destination == "UofL Hospital emergency room"
    assert final.clean_sheet_used is True
    assert final.recorded_by == "Nurse Kim Ørsted"
    assert len(medical_records(supervisor, number)) == 1
    # Every version is in the audit trail: one insert and two updates of the same row.
    with supervisor.read() as work:
        versions = [
            event
            for event in work.records.audit_events(case.summary.id)
            if event.entity == "medical_record"
        ]
        assert len({event.after_digest for event in versions}) == 3
    audited_events(supervisor)


def test_consent_is_recorded_only_by_medical_staff(
    sign_in_as: Callable[[str], Workspace], clock: ManualClock
) -> None:
    supervisor, first_responder = sign_in_as("sup"), sign_in_as("fr")
    case = open_report(supervisor, clock)
    number, victim = case.summary.case_number, person_id(case, VICTIM)
    before = audited_events(supervisor)
    with pytest.raises(AccessDenied) as refused:
        record_medical(supervisor, number, victim, forensic_exam_consent=Consent.REFUSED)
    assert str(refused.value) == (
        'Step 9d, "Consent to forensic exam and to medical care", can only be completed by: '
        "medical staff. You are signed in as shift supervisor. Ask one of them to complete it."
    )
    with pytest.raises(AccessDenied) as refused:
        record_medical(first_responder, number, victim, clean_sheet_used=True)
    assert str(refused.value).startswith(
        "Your role (first responder) may not record medical care (CPP 14.7 G.5)."
    )
    assert audited_events(supervisor) == before


def test_medical_times_destination_and_efforts_are_checked(
    sign_in_as: Callable[[str], Workspace], clock: ManualClock
) -> None:
    supervisor, medical = sign_in_as("sup"), sign_in_as("med")
    case = open_report(supervisor, clock)
    number, victim = case.summary.case_number, person_id(case, VICTIM)
    with pytest.raises(InputRejected) as refused:
        record_medical(medical, number, victim)
    assert str(refused.value) == MSG_NOTHING_GIVEN
    clock.advance(timedelta(hours=1))
    arranged, departed = clock.now(), clock.now() - timedelta(minutes=20)
    with pytest.raises(InputRejected) as refused:
        record_medical(
            medical, number, victim, transport_arranged_at=arranged, departed_at=departed
        )
    assert [message.text for message in refused.value.messages] == [
        MSG_DEPARTED_BEFORE_ARRANGED.format(
            departed=format_moment(departed), arranged=format_moment(arranged)
        ),
        MSG_DESTINATION_MISSING,
    ]
    with pytest.raises(InputRejected) as refused:
        record_medical(medical, number, victim, examiner_type=ExaminerType.NONE_AVAILABLE)
    assert str(refused.value) == MSG_EFFORTS_MISSING
    assert medical_records(supervisor, number) == ()
