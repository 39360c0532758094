"""The investigation: assignment, visibility, start, referral, finding, closing, victim notices."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest

from incident_desk.domain.clock import ManualClock
from incident_desk.domain.deadlines import DeadlineKind, DeadlineState
from incident_desk.domain.enums import (
    AllegationType,
    CaseStatus,
    Finding,
    NotificationMethod,
    PersonKind,
    PersonRole,
    ReceivedHow,
    TimeCertainty,
    VictimNoticeKind,
)
from incident_desk.services.cases import NewPerson, NewReport, get_case, list_cases, open_case
from incident_desk.services.errors import AccessDenied, InputRejected
from incident_desk.services.investigation import (
    assign_investigator,
    close_case,
    get_investigation,
    record_criminal_referral,
    record_finding,
    start_investigation,
)
from incident_desk.services.victim_notifications import (
    record_victim_notification,
    victim_notifications,
)
from incident_desk.services.workspace import Workspace

SignIn = Callable[[str], Workspace]


def _report(clock: ManualClock) -> NewReport:
    return NewReport(
        received_how=ReceivedHow.VERBAL,
        allegation_type=AllegationType.OFFENDER_NONCONSENSUAL_SEXUAL_ACTS,
        location="Dorm 4, shower",
        incident_at=clock.now() - timedelta(hours=2),
        incident_certainty=TimeCertainty.EXACT,
        people=(
            NewPerson("José Álvarez", PersonRole.ALLEGED_VICTIM, PersonKind.OFFENDER, "A-1001"),
            NewPerson("Mark Stone", PersonRole.ALLEGED_PERPETRATOR, PersonKind.OFFENDER, "B-2002"),
        ),
    )


def _started_case(sign_in_as: SignIn, clock: ManualClock) -> tuple[str, Workspace]:
    supervisor = sign_in_as("sup")
    number = open_case(supervisor, _report(clock)).summary.case_number
    assign_investigator(supervisor, number, "inv")
    investigator = sign_in_as("inv")
    clock.advance(timedelta(hours=1))
    start_investigation(investigator, number)
    return number, investigator


def _chain_length(workspace: Workspace) -> int:
    report = workspace.database.verify_audit_chain()
    assert report.intact
    return report.checked


def test_assigned_investigator_sees_the_case_and_no_other(
    sign_in_as: SignIn, clock: ManualClock
) -> None:
    supervisor = sign_in_as("sup")
    investigator = sign_in_as("inv")
    number = open_case(supervisor, _report(clock)).summary.case_number
    open_case(supervisor, _report(clock))
    assert list_cases(investigator).total == 0
    with pytest.raises(AccessDenied):
        get_case(investigator, number)
    assignment = assign_investigator(supervisor, number, "inv")
    assert assignment.display_name == "Inv. Pat Moreau"
    assert [case.case_number for case in list_cases(investigator).cases] == [number]
    assert get_case(investigator, number).summary.case_number == number


def test_only_supervisors_wardens_and_the_pcm_assign_and_only_investigators(
    sign_in_as: SignIn, clock: ManualClock
) -> None:
    supervisor = sign_in_as("sup")
    number = open_case(supervisor, _report(clock)).summary.case_number
    with pytest.raises(AccessDenied, match="may not assign an investigator"):
        assign_investigator(sign_in_as("fr"), number, "inv")
    before = _chain_length(supervisor)
    with pytest.raises(InputRejected, match="not an investigator") as refused:
        assign_investigator(supervisor, number, "med")
    assert "CPP 14.7 H.2" in str(refused.value)
    assert _chain_length(supervisor) == before
    assign_investigator(sign_in_as("warden"), number, "inv")
    with pytest.raises(InputRejected, match="already assigned"):
        assign_investigator(sign_in_as("pcm"), number, "inv")


def test_start_moves_the_case_under_investigation(sign_in_as: SignIn, clock: ManualClock) -> None:
    supervisor = sign_in_as("sup")
    number = open_case(supervisor, _report(clock)).summary.case_number
    manager = sign_in_as("pcm")
    with pytest.raises(InputRejected, match="No investigator is assigned"):
        start_investigation(manager, number)
    number, investigator = _started_case(sign_in_as, clock)
    investigation = get_investigation(investigator, number)
    assert investigation is not None
    assert investigation.investigators == ("Inv. Pat Moreau",)
    assert get_case(investigator, number).summary.status is CaseStatus.UNDER_INVESTIGATION
    with pytest.raises(InputRejected, match="already started"):
        start_investigation(investigator, number)
    with pytest.raises(AccessDenied):
        start_investigation(supervisor, number)


def test_criminal_referral_is_recorded_once(sign_in_as: SignIn, clock: ManualClock) -> None:
    number, investigator = _started_case(sign_in_as, clock)
    referred = record_criminal_referral(investigator, number)
    assert referred.criminal_referral
    assert referred.referral_agency == "Kentucky State Police"
    assert referred.referred_at == clock.now()
    with pytest.raises(InputRejected, match="already referred to Kentucky State Police"):
        record_criminal_referral(investigator, number)


def test_substantiated_finding_requires_the_staff_contribution_answer(
    sign_in_as: SignIn, clock: ManualClock
) -> None:
    number, investigator = _started_case(sign_in_as, clock)
    before = _chain_length(investigator)
    with pytest.raises(InputRejected) as refused:
        record_finding(investigator, number, Finding.SUBSTANTIATED, clock.now(), None, "Report.")
    assert refused.value.messages[0].field == "staff_actions_contributed"
    assert "CPP 14.7 H.4" in str(refused.value)
    assert _chain_length(investigator) == before
    investigation = get_investigation(investigator, number)
    assert investigation is not None
    assert investigation.finding is None
    result = record_finding(
        investigator, number, Finding.SUBSTANTIATED, clock.now(), False, "Written report filed."
    )
    assert result.finding is Finding.SUBSTANTIATED
    assert result.staff_actions_contributed is False
    with pytest.raises(InputRejected, match="already recorded"):
        record_finding(investigator, number, Finding.UNFOUNDED, clock.now(), None, "Again.")


def test_finding_is_for_the_investigator_or_the_pcm(sign_in_as: SignIn, clock: ManualClock) -> None:
    number, _ = _started_case(sign_in_as, clock)
    for username in ("sup", "warden", "med"):
        with pytest.raises(AccessDenied, match="may not record the finding"):
            record_finding(
                sign_in_as(username), number, Finding.UNSUBSTANTIATED, clock.now(), None, "x"
            )
    result = record_finding(
        sign_in_as("pcm"), number, Finding.UNSUBSTANTIATED, clock.now(), None, "Insufficient."
    )
    assert result.finding is Finding.UNSUBSTANTIATED


def test_finding_cannot_precede_the_start_or_lie_in_the_future(
    sign_in_as: SignIn, clock: ManualClock
) -> None:
    number, investigator = _started_case(sign_in_as, clock)
    with pytest.raises(InputRejected, match="cannot conclude before it started"):
        record_finding(
            investigator, number, Finding.UNFOUNDED, clock.now() - timedelta(hours=3), None, "x"
        )
    with pytest.raises(InputRejected, match="later than now"):
        record_finding(
            investigator, number, Finding.UNFOUNDED, clock.now() + timedelta(days=1), None, "x"
        )


def test_closing_requires_a_finding_and_freezes_the_case(
    sign_in_as: SignIn, clock: ManualClock
) -> None:
    number, investigator = _started_case(sign_in_as, clock)
    with pytest.raises(InputRejected, match="before closing the case"):
        close_case(investigator, number)
    record_finding(investigator, number, Finding.UNSUBSTANTIATED, clock.now(), None, "Report.")
    with pytest.raises(AccessDenied):
        close_case(sign_in_as("sup"), number)
    closed = close_case(investigator, number)
    assert closed.summary.status is CaseStatus.CLOSED
    with pytest.raises(InputRejected, match="is closed"):
        record_criminal_referral(investigator, number)
    assert investigator.database.verify_audit_chain().intact


def test_unfounded_finding_cancels_review_and_monitoring_end_to_end(
    sign_in_as: SignIn, clock: ManualClock
) -> None:
    number, investigator = _started_case(sign_in_as, clock)
    supervisor = sign_in_as("sup")
    kinds = {d.kind: d.state for d in get_case(supervisor, number).deadlines}
    assert kinds[DeadlineKind.RETALIATION_MONITORING] is DeadlineState.UPCOMING
    assert DeadlineKind.INCIDENT_REVIEW not in kinds
    clock.advance(timedelta(days=5))
    record_finding(investigator, number, Finding.UNFOUNDED, clock.now(), None, "No basis.")
    deadlines = {d.kind: d for d in get_case(supervisor, number).deadlines}
    review = deadlines[DeadlineKind.INCIDENT_REVIEW]
    assert review.state is DeadlineState.CANCELLED
    assert "unless the allegation was determined to be unfounded" in review.note
    assert deadlines[DeadlineKind.RETALIATION_MONITORING].state is DeadlineState.CANCELLED
    assert DeadlineKind.RETALIATION_CHECK not in deadlines


def test_substantiated_finding_starts_the_review_clock(
    sign_in_as: SignIn, clock: ManualClock
) -> None:
    number, investigator = _started_case(sign_in_as, clock)
    record_finding(investigator, number, Finding.SUBSTANTIATED, clock.now(), True, "Report.")
    review = next(
        d
        for d in get_case(investigator, number).deadlines
        if d.kind is DeadlineKind.INCIDENT_REVIEW
    )
    assert review.state is DeadlineState.UPCOMING
    assert review.due_at == clock.now() + timedelta(days=30)


def test_victim_is_told_of_the_finding_and_refused_for_anyone_else(
    sign_in_as: SignIn, clock: ManualClock
) -> None:
    number, investigator = _started_case(sign_in_as, clock)
    people = {p.role: p.id for p in get_case(investigator, number).summary.people}
    victim, perpetrator = people[PersonRole.ALLEGED_VICTIM], people[PersonRole.ALLEGED_PERPETRATOR]
    with pytest.raises(InputRejected, match="no finding to tell"):
        record_victim_notification(
            investigator,
            number,
            victim,
            VictimNoticeKind.FINDING,
            None,
            clock.now(),
            NotificationMethod.IN_PERSON,
        )
    record_finding(investigator, number, Finding.SUBSTANTIATED, clock.now(), False, "Report.")
    before = _chain_length(investigator)
    with pytest.raises(InputRejected, match="Mark Stone is not an alleged victim") as refused:
        record_victim_notification(
            investigator,
            number,
            perpetrator,
            VictimNoticeKind.FINDING,
            None,
            clock.now(),
            NotificationMethod.IN_PERSON,
        )
    assert "CPP 14.7 H.6" in str(refused.value)
    assert _chain_length(investigator) == before
    told = record_victim_notification(
        investigator,
        number,
        victim,
        VictimNoticeKind.FINDING,
        None,
        clock.now(),
        NotificationMethod.IN_PERSON,
        "Told in the unit office.",
    )
    assert told.person_name == "José Álvarez"
    moved_on = clock.now() - timedelta(minutes=30)
    record_victim_notification(
        investigator,
        number,
        victim,
        VictimNoticeKind.PERPETRATOR_NOT_POSTED_IN_UNIT,
        moved_on,
        clock.now(),
        NotificationMethod.WRITTEN,
    )
    notices = victim_notifications(investigator, number)
    assert [n.kind for n in notices] == [
        VictimNoticeKind.FINDING,
        VictimNoticeKind.PERPETRATOR_NOT_POSTED_IN_UNIT,
    ]
    assert notices[1].event_on == moved_on
    assert notices[0].informed_by == "Inv. Pat Moreau"


def test_victim_notice_dates_are_checked(sign_in_as: SignIn, clock: ManualClock) -> None:
    number, investigator = _started_case(sign_in_as, clock)
    victim = next(
        p.id
        for p in get_case(investigator, number).summary.people
        if p.role is PersonRole.ALLEGED_VICTIM
    )
    with pytest.raises(InputRejected) as refused:
        record_victim_notification(
            investigator,
            number,
            victim,
            VictimNoticeKind.PERPETRATOR_INDICTED,
            clock.now(),
            clock.now() - timedelta(days=1),
            NotificationMethod.PHONE,
        )
    assert "told before it happened" in str(refused.value)
    with pytest.raises(InputRejected, match="Enter the date this happened"):
        record_victim_notification(
            investigator,
            number,
            victim,
            VictimNoticeKind.PERPETRATOR_CONVICTED,
            None,
            clock.now(),
            NotificationMethod.PHONE,
        )
    assert victim_notifications(investigator, number) == ()
