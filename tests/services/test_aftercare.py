"""After the investigation: incident review (14.7 I), retaliation monitoring (14.7 K) and the
abuser's mental health evaluation (14.7 E.3), with the deadlines they meet or cancel."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import timedelta

import pytest

from incident_desk.domain.clock import ManualClock
from incident_desk.domain.deadlines import DeadlineKind, DeadlineState
from incident_desk.domain.enums import (
    AllegationType,
    Finding,
    PersonKind,
    PersonRole,
    ReceivedHow,
    RetaliationStatus,
    TimeCertainty,
)
from incident_desk.services.aftercare import (
    IncidentReviewEntry,
    get_incident_review,
    record_incident_review,
    record_mental_health_evaluation,
)
from incident_desk.services.cases import NewPerson, NewReport, get_case, open_case
from incident_desk.services.errors import AccessDenied, InputRejected
from incident_desk.services.investigation import (
    assign_investigator,
    record_finding,
    start_investigation,
)
from incident_desk.services.retaliation_monitoring import (
    end_retaliation_monitoring,
    record_retaliation_check,
    retaliation_monitoring,
    start_retaliation_monitoring,
)
from incident_desk.services.workspace import Workspace

SignIn = Callable[[str], Workspace]

FULL_REVIEW = IncidentReviewEntry(
    team="Warden Hale, Deputy Warden Ortiz; input from Sgt. Brooks, Inv. Moreau, Nurse Ørsted",
    policy_revision_needed="No revision needed; shower rounds practice tightened.",
    motivation_considered="No indication of race, identity or gang motivation.",
    physical_barriers="Shower partition blocks the officer's line of sight.",
    staffing_levels="One officer on nights for two dorms; inadequate.",
    monitoring_technology="A camera covering the shower entrance is recommended.",
)


def _report(clock: ManualClock, allegation: AllegationType) -> NewReport:
    return NewReport(
        received_how=ReceivedHow.VERBAL,
        allegation_type=allegation,
        incident_at=clock.now() - timedelta(hours=2),
        incident_certainty=TimeCertainty.EXACT,
        people=(
            NewPerson("José Álvarez", PersonRole.ALLEGED_VICTIM, PersonKind.OFFENDER),
            NewPerson("Mark Stone", PersonRole.ALLEGED_PERPETRATOR, PersonKind.OFFENDER),
            NewPerson("Ofc. Ray Dunn", PersonRole.ALLEGED_PERPETRATOR, PersonKind.STAFF),
        ),
    )


def _case(
    sign_in_as: SignIn,
    clock: ManualClock,
    finding: Finding | None = None,
    allegation: AllegationType = AllegationType.OFFENDER_NONCONSENSUAL_SEXUAL_ACTS,
) -> tuple[str, dict[str, int]]:
    """A case under investigation (concluded with ``finding`` if given); people by name."""
    supervisor = sign_in_as("sup")
    detail = open_case(supervisor, _report(clock, allegation))
    number = detail.summary.case_number
    assign_investigator(supervisor, number, "inv")
    investigator = sign_in_as("inv")
    start_investigation(investigator, number)
    if finding is not None:
        clock.advance(timedelta(days=3))
        contributed = False if finding is Finding.SUBSTANTIATED else None
        record_finding(investigator, number, finding, clock.now(), contributed, "Report.")
    return number, {person.name: person.id for person in detail.summary.people}


def _deadline(workspace: Workspace, number: str, kind: DeadlineKind) -> DeadlineState:
    return next(d.state for d in get_case(workspace, number).deadlines if d.kind is kind)


def _chain_length(workspace: Workspace) -> int:
    report = workspace.database.verify_audit_chain()
    assert report.intact
    return report.checked


# --- incident review (14.7 I) -----------------------------------------------------------------


def test_review_needs_all_five_considerations_to_count_as_held(
    sign_in_as: SignIn, clock: ManualClock
) -> None:
    number, _ = _case(sign_in_as, clock, Finding.SUBSTANTIATED)
    warden = sign_in_as("warden")
    draft = record_incident_review(
        warden, number, IncidentReviewEntry(physical_barriers="Partition blocks view.")
    )
    assert not draft.held
    assert draft.missing_considerations == ("I.1", "I.2", "I.4", "I.5")
    assert _deadline(warden, number, DeadlineKind.INCIDENT_REVIEW) is DeadlineState.UPCOMING
    before = _chain_length(warden)
    partial = dataclasses.replace(FULL_REVIEW, staffing_levels="", held_at=clock.now())
    with pytest.raises(InputRejected) as refused:
        record_incident_review(warden, number, partial)
    assert [m.field for m in refused.value.messages] == ["staffing_levels"]
    assert "CPP 14.7 I.4" in str(refused.value)
    assert _chain_length(warden) == before
    held = record_incident_review(
        warden, number, dataclasses.replace(FULL_REVIEW, held_at=clock.now())
    )
    assert held.held
    assert held.missing_considerations == ()
    assert _deadline(warden, number, DeadlineKind.INCIDENT_REVIEW) is DeadlineState.MET


def test_recommendations_need_implementation_or_reasons(
    sign_in_as: SignIn, clock: ManualClock
) -> None:
    number, _ = _case(sign_in_as, clock, Finding.UNSUBSTANTIATED)
    manager = sign_in_as("pcm")
    with_recommendation = dataclasses.replace(
        FULL_REVIEW, held_at=clock.now(), recommendations="Install a camera at the shower."
    )
    with pytest.raises(InputRejected, match=r"CPP 14\.7 I\.7"):
        record_incident_review(manager, number, with_recommendation)
    assert get_incident_review(manager, number) is None
    answered = dataclasses.replace(
        with_recommendation, reasons_not_implemented="No capital budget until July."
    )
    saved = record_incident_review(manager, number, answered)
    assert saved.entry.reasons_not_implemented == "No capital budget until July."
    assert saved.recorded_by == "Jordan Reyes"


def test_review_is_refused_for_an_unfounded_allegation(
    sign_in_as: SignIn, clock: ManualClock
) -> None:
    number, _ = _case(sign_in_as, clock, Finding.UNFOUNDED)
    warden = sign_in_as("warden")
    with pytest.raises(InputRejected) as refused:
        record_incident_review(
            warden, number, dataclasses.replace(FULL_REVIEW, held_at=clock.now())
        )
    assert "unless the allegation was determined to be unfounded" in str(refused.value)
    assert _deadline(warden, number, DeadlineKind.INCIDENT_REVIEW) is DeadlineState.CANCELLED


def test_review_waits_for_the_finding_and_is_for_management(
    sign_in_as: SignIn, clock: ManualClock
) -> None:
    number, _ = _case(sign_in_as, clock)
    with pytest.raises(InputRejected, match="Record the investigation's finding first"):
        record_incident_review(sign_in_as("warden"), number, FULL_REVIEW)
    with pytest.raises(AccessDenied, match="may not record the incident review"):
        record_incident_review(sign_in_as("sup"), number, FULL_REVIEW)


def test_held_review_cannot_go_back_to_draft(sign_in_as: SignIn, clock: ManualClock) -> None:
    number, _ = _case(sign_in_as, clock, Finding.SUBSTANTIATED)
    warden = sign_in_as("warden")
    record_incident_review(warden, number, dataclasses.replace(FULL_REVIEW, held_at=clock.now()))
    with pytest.raises(InputRejected, match="can be corrected but not removed"):
        record_incident_review(warden, number, FULL_REVIEW)


# --- retaliation monitoring (14.7 K) ----------------------------------------------------------


def test_monitoring_with_checks_and_a_concern_needs_notes(
    sign_in_as: SignIn, clock: ManualClock
) -> None:
    number, people = _case(sign_in_as, clock)
    manager = sign_in_as("pcm")
    monitoring = start_retaliation_monitoring(manager, number, people["José Álvarez"], "sup")
    assert monitoring.monitor == "Sgt. Dana Brooks"
    with pytest.raises(InputRejected, match="already being monitored"):
        start_retaliation_monitoring(manager, number, people["José Álvarez"], "sup")
    monitor = sign_in_as("sup")
    clock.advance(timedelta(days=10))
    record_retaliation_check(monitor, monitoring.id, RetaliationStatus.NO_CONCERN)
    with pytest.raises(InputRejected, match="Emotional support services") as refused:
        record_retaliation_check(monitor, monitoring.id, RetaliationStatus.CONCERN_RAISED)
    assert "CPP 14.7 K" in str(refused.value)
    record_retaliation_check(
        monitor,
        monitoring.id,
        RetaliationStatus.CONCERN_RAISED,
        "Threat reported; moved to B unit.",
    )
    [current] = retaliation_monitoring(manager, number)
    assert [c.status for c in current.checks] == [
        RetaliationStatus.NO_CONCERN,
        RetaliationStatus.CONCERN_RAISED,
    ]
    with pytest.raises(AccessDenied, match="designated monitor"):
        record_retaliation_check(sign_in_as("inv"), monitoring.id, RetaliationStatus.NO_CONCERN)


def test_monitoring_cannot_end_before_90_days_without_cause(
    sign_in_as: SignIn, clock: ManualClock
) -> None:
    number, people = _case(sign_in_as, clock)
    manager = sign_in_as("pcm")
    monitoring = start_retaliation_monitoring(manager, number, people["José Álvarez"], "pcm")
    clock.advance(timedelta(days=30))
    before = _chain_length(manager)
    with pytest.raises(InputRejected) as refused:
        end_retaliation_monitoring(manager, monitoring.id)
    fields = {m.field for m in refused.value.messages}
    assert fields == {"reason", "ended_at"}
    assert "at least 90 days" in str(refused.value)
    with pytest.raises(InputRejected, match="at least 90 days"):
        end_retaliation_monitoring(manager, monitoring.id, "Seems calm now.")
    assert _chain_length(manager) == before
    ended = end_retaliation_monitoring(
        manager, monitoring.id, "Paroled on 20 Dec.", released_from_custody=True
    )
    assert ended.ended_at == clock.now()
    with pytest.raises(InputRejected, match="already ended"):
        end_retaliation_monitoring(manager, monitoring.id, "Again.")
    with pytest.raises(InputRejected, match="ended on"):
        record_retaliation_check(manager, monitoring.id, RetaliationStatus.NO_CONCERN)


def test_monitoring_ends_freely_after_90_days(sign_in_as: SignIn, clock: ManualClock) -> None:
    number, people = _case(sign_in_as, clock)
    warden = sign_in_as("warden")
    monitoring = start_retaliation_monitoring(warden, number, people["Mark Stone"], "warden")
    clock.advance(timedelta(days=91))
    ended = end_retaliation_monitoring(warden, monitoring.id)
    assert ended.ended_at == clock.now()
    assert ended.required_until < clock.now()
    state = _deadline(warden, number, DeadlineKind.RETALIATION_MONITORING)
    assert state is DeadlineState.MET


def test_unfounded_finding_ends_monitoring_early_and_refuses_new_monitoring(
    sign_in_as: SignIn, clock: ManualClock
) -> None:
    number, people = _case(sign_in_as, clock)
    manager = sign_in_as("pcm")
    monitoring = start_retaliation_monitoring(manager, number, people["José Álvarez"], "pcm")
    clock.advance(timedelta(days=3))
    record_finding(sign_in_as("inv"), number, Finding.UNFOUNDED, clock.now(), None, "No basis.")
    state = _deadline(manager, number, DeadlineKind.RETALIATION_MONITORING)
    assert state is DeadlineState.CANCELLED
    ended = end_retaliation_monitoring(manager, monitoring.id, "Allegation found unfounded.")
    assert ended.end_reason == "Allegation found unfounded."
    with pytest.raises(InputRejected, match="unfounded finding ends retaliation monitoring"):
        start_retaliation_monitoring(manager, number, people["Mark Stone"], "pcm")


def test_only_the_warden_or_pcm_designate_a_monitor(sign_in_as: SignIn, clock: ManualClock) -> None:
    number, people = _case(sign_in_as, clock)
    with pytest.raises(AccessDenied, match="may not designate retaliation monitoring"):
        start_retaliation_monitoring(sign_in_as("sup"), number, people["José Álvarez"], "sup")


# --- mental health evaluation (14.7 E.3) ------------------------------------------------------


def test_evaluation_of_an_offender_abuser_meets_the_60_day_clock(
    sign_in_as: SignIn, clock: ManualClock
) -> None:
    number, people = _case(sign_in_as, clock)
    manager = sign_in_as("pcm")
    known = clock.now()
    first = record_mental_health_evaluation(
        manager, number, people["Mark Stone"], known, None, None, ""
    )
    assert first.evaluated_at is None
    assert _deadline(manager, number, DeadlineKind.MENTAL_HEALTH_EVALUATION) in (
        DeadlineState.UPCOMING,
    )
    clock.advance(timedelta(days=20))
    done = record_mental_health_evaluation(
        manager,
        number,
        people["Mark Stone"],
        known,
        clock.now(),
        clock.now(),
        "Evaluated; no treatment indicated at this time.",
    )
    assert done.evaluated_at == clock.now()
    assert _deadline(manager, number, DeadlineKind.MENTAL_HEALTH_EVALUATION) is DeadlineState.MET


def test_evaluation_refused_for_anyone_but_an_offender_perpetrator(
    sign_in_as: SignIn, clock: ManualClock
) -> None:
    number, people = _case(sign_in_as, clock)
    manager = sign_in_as("pcm")
    before = _chain_length(manager)
    for name in ("José Álvarez", "Ofc. Ray Dunn"):
        with pytest.raises(InputRejected, match=r"CPP 14\.7 E\.3") as refused:
            record_mental_health_evaluation(
                manager, number, people[name], clock.now(), None, None, ""
            )
        assert f"{name} is not an offender alleged perpetrator" in str(refused.value)
    assert _chain_length(manager) == before
    with pytest.raises(AccessDenied):
        record_mental_health_evaluation(
            sign_in_as("sup"), number, people["Mark Stone"], clock.now(), None, None, ""
        )


def test_evaluation_refused_for_a_staff_allegation(sign_in_as: SignIn, clock: ManualClock) -> None:
    number, people = _case(sign_in_as, clock, allegation=AllegationType.STAFF_SEXUAL_MISCONDUCT)
    with pytest.raises(InputRejected, match="not offender-on-offender"):
        record_mental_health_evaluation(
            sign_in_as("pcm"), number, people["Mark Stone"], clock.now(), None, None, ""
        )


def test_evaluation_needs_an_outcome_and_sane_dates(sign_in_as: SignIn, clock: ManualClock) -> None:
    number, people = _case(sign_in_as, clock)
    manager = sign_in_as("pcm")
    with pytest.raises(InputRejected) as refused:
        record_mental_health_evaluation(
            manager,
            number,
            people["Mark Stone"],
            clock.now(),
            clock.now() - timedelta(days=1),
            clock.now(),
            "",
        )
    fields = {m.field for m in refused.value.messages}
    assert fields == {"attempted_at", "outcome"}
