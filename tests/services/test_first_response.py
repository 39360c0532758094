"""The common ground of the first-hours records, and the separation (CPP 14.7 G.3.a).

The helpers at the top open a real case for the other first-response test modules.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest

from incident_desk.domain.clock import ManualClock
from incident_desk.domain.enums import (
    AllegationType,
    CaseStatus,
    PersonKind,
    PersonRole,
    ReceivedHow,
    SeparationMethod,
    TimeCertainty,
)
from incident_desk.domain.validation import MSG_TIME_IN_FUTURE, format_moment
from incident_desk.services.cases import NewPerson, NewReport, get_case, open_case
from incident_desk.services.errors import AccessDenied, InputRejected
from incident_desk.services.first_response import MSG_BEFORE_REPORT, MSG_CASE_CLOSED
from incident_desk.services.separation import MSG_OTHER_MEANS_UNDESCRIBED, record_separation
from incident_desk.services.snapshots import CaseDetail
from incident_desk.services.timeline import TimelineKind, timeline
from incident_desk.services.workspace import Workspace
from incident_desk.storage.rows import CaseRow

VICTIM = "José Álvarez"
PERPETRATOR = "Mark Stone"


def report(clock: ManualClock, **changes: object) -> NewReport:
    """A report received now of abuse two hours ago by an offender: every step applies."""
    values: dict[str, object] = {
        "received_how": ReceivedHow.VERBAL,
        "allegation_type": AllegationType.OFFENDER_NONCONSENSUAL_SEXUAL_ACTS,
        "location": "Dorm 4, shower",
        "incident_at": clock.now() - timedelta(hours=2),
        "incident_certainty": TimeCertainty.EXACT,
        "narrative": "Reported to the officer on the unit.",
        "people": (
            NewPerson(VICTIM, PersonRole.ALLEGED_VICTIM, PersonKind.OFFENDER, "A-1001"),
            NewPerson(PERPETRATOR, PersonRole.ALLEGED_PERPETRATOR, PersonKind.OFFENDER, "B-2002"),
        ),
    }
    values.update(changes)
    return NewReport(**values)  # type: ignore[arg-type]


def open_report(workspace: Workspace, clock: ManualClock, **changes: object) -> CaseDetail:
    return open_case(workspace, report(clock, **changes))


def person_id(detail: CaseDetail, name: str) -> int:
    return next(p.id for p in detail.summary.people if p.name == name)


def audited_events(workspace: Workspace) -> int:
    """How many audit events there are; the chain must be intact whenever it is counted."""
    report_ = workspace.database.verify_audit_chain()
    assert report_.intact
    return report_.checked


def close_case(workspace: Workspace, case_id: int) -> None:
    # No use-case closes a case in the first hours; set the state directly (audited all the same).
    with workspace.write("close_case") as work:
        case = work.cases.get(case_id)
        assert isinstance(case, CaseRow)
        case.status = CaseStatus.CLOSED


def test_separation_is_recorded_and_moves_the_case_into_first_response(
    supervisor: Workspace, clock: ManualClock
) -> None:
    case = open_report(supervisor, clock)
    assert case.summary.status is CaseStatus.OPEN
    clock.advance(timedelta(minutes=10))
    separated = record_separation(
        supervisor,
        case.summary.case_number,
        SeparationMethod.SEGREGATE_PERPETRATOR,
        "Stone moved to segregation cell 12; Álvarez stays in Dorm 4 under watch.",
        clock.now() - timedelta(minutes=2),
    )
    assert separated.method is SeparationMethod.SEGREGATE_PERPETRATOR
    assert separated.recorded_by == "Sgt. Dana Brooks"
    assert get_case(supervisor, case.summary.case_number).summary.status is (
        CaseStatus.FIRST_RESPONSE
    )
    audited_events(supervisor)


def test_other_effective_means_must_say_what_keeps_them_apart(
    supervisor: Workspace, clock: ManualClock
) -> None:
    case = open_report(supervisor, clock)
    before = audited_events(supervisor)
    with pytest.raises(InputRejected) as refused:
        record_separation(
            supervisor,
            case.summary.case_number,
            SeparationMethod.OTHER_EFFECTIVE_MEANS,
            "  ",
            clock.now(),
        )
    assert refused.value.messages[0].text == MSG_OTHER_MEANS_UNDESCRIBED
    assert audited_events(supervisor) == before
    assert get_case(supervisor, case.summary.case_number).summary.status is CaseStatus.OPEN


def test_separation_times_in_the_future_or_before_the_report_are_refused(
    supervisor: Workspace, clock: ManualClock
) -> None:
    case = open_report(supervisor, clock)
    number = case.summary.case_number
    later = clock.now() + timedelta(hours=1)
    with pytest.raises(InputRejected) as refused:
        record_separation(supervisor, number, SeparationMethod.SEGREGATE_BOTH, "Both moved.", later)
    assert refused.value.messages[0].text == MSG_TIME_IN_FUTURE.format(
        moment=format_moment(later), now=format_moment(clock.now())
    )
    earlier = clock.now() - timedelta(minutes=30)
    with pytest.raises(InputRejected) as refused:
        record_separation(
            supervisor, number, SeparationMethod.SEGREGATE_BOTH, "Both moved.", earlier
        )
    assert refused.value.messages[0].text == MSG_BEFORE_REPORT.format(
        label="Separated at",
        moment=format_moment(earlier),
        received=format_moment(clock.now()),
    )


def test_a_time_before_the_report_is_kept_with_its_reason_in_the_notes(
    supervisor: Workspace, clock: ManualClock
) -> None:
    case = open_report(supervisor, clock)
    number = case.summary.case_number
    record_separation(
        supervisor,
        number,
        SeparationMethod.SEGREGATE_BOTH,
        "Both moved to segregation.",
        clock.now() - timedelta(minutes=30),
        late_entry_reason="The officer separated them before calling it in.",
    )
    notes = [e for e in timeline(supervisor, number) if e.kind is TimelineKind.NOTE]
    assert len(notes) == 1
    assert "before the report was received" in notes[0].details[0]
    assert "The officer separated them before calling it in." in notes[0].details[0]


def test_only_the_shift_supervisor_records_the_separation(
    sign_in_as: Callable[[str], Workspace], clock: ManualClock
) -> None:
    first_responder = sign_in_as("fr")
    case = open_report(first_responder, clock)
    with pytest.raises(AccessDenied) as refused:
        record_separation(
            first_responder,
            case.summary.case_number,
            SeparationMethod.SEGREGATE_BOTH,
            "Both moved.",
            clock.now(),
        )
    assert str(refused.value) == (
        'Step 3, "Separate victim and alleged perpetrator", can only be completed by: '
        "shift supervisor. You are signed in as first responder. Ask one of them to complete it."
    )


def test_nothing_more_is_recorded_in_a_closed_case(
    supervisor: Workspace, clock: ManualClock
) -> None:
    case = open_report(supervisor, clock)
    close_case(supervisor, case.summary.id)
    with pytest.raises(InputRejected) as refused:
        record_separation(
            supervisor,
            case.summary.case_number,
            SeparationMethod.SEGREGATE_BOTH,
            "Both moved.",
            clock.now(),
        )
    assert str(refused.value) == MSG_CASE_CLOSED.format(number=case.summary.case_number)
