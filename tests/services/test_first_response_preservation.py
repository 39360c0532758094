"""Evidence preservation (CPP 14.7 G.4): requested of the victim, ensured for the perpetrator,
acts that happened anyway, and a card per person with the live 48-hour window."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest

from incident_desk.domain.clock import ManualClock
from incident_desk.domain.deadlines import DeadlineKind, DeadlineState
from incident_desk.domain.enums import PersonKind, PersonRole, PreservationAct
from incident_desk.services.cases import NewPerson
from incident_desk.services.errors import AccessDenied, InputRejected
from incident_desk.services.first_response import MSG_NOT_VICTIM_OR_PERPETRATOR
from incident_desk.services.preservation import (
    MSG_HOW_ENSURED_MISSING,
    preservation_cards,
    record_preservation_instruction,
    record_preservation_violation,
)
from incident_desk.services.workspace import Workspace
from tests.services.test_first_response import (
    PERPETRATOR,
    VICTIM,
    audited_events,
    open_report,
    person_id,
)


def test_cards_show_instructions_violations_and_the_live_window(
    sign_in_as: Callable[[str], Workspace], clock: ManualClock
) -> None:
    supervisor, medical = sign_in_as("sup"), sign_in_as("med")
    case = open_report(supervisor, clock)
    number = case.summary.case_number
    incident_at = clock.now() - timedelta(hours=2)
    clock.advance(timedelta(minutes=5))
    record_preservation_instruction(
        medical, number, person_id(case, VICTIM), clock.now() - timedelta(minutes=1)
    )
    record_preservation_instruction(
        supervisor,
        number,
        person_id(case, PERPETRATOR),
        clock.now(),
        how_ensured="Dry cell, water turned off, constant observation.",
    )
    # Before the report, between the incident and the call: worth knowing, so it is accepted.
    record_preservation_violation(
        supervisor,
        number,
        person_id(case, VICTIM),
        PreservationAct.WASHING,
        incident_at + timedelta(minutes=30),
        "Showered before reporting.",
    )
    victim, perpetrator = preservation_cards(supervisor, number)
    assert victim.person.name == VICTIM
    assert victim.verb == "requested"
    assert perpetrator.person.name == PERPETRATOR
    assert perpetrator.verb == "ensured"
    assert len(victim.prohibited_acts) == 8
    assert victim.instructed_at == clock.now() - timedelta(minutes=1)
    assert perpetrator.instructions[0].how_ensured.startswith("Dry cell")
    assert [(v.act, v.details) for v in victim.violations] == [
        (PreservationAct.WASHING, "Showered before reporting.")
    ]
    assert perpetrator.violations == ()
    assert victim.applies
    assert victim.window.kind is DeadlineKind.EVIDENCE_PRESERVATION
    assert victim.window.due_at == incident_at + timedelta(hours=48)
    assert victim.window.is_open
    clock.advance(timedelta(hours=44))
    later = preservation_cards(supervisor, number)[0].window
    assert later.state is DeadlineState.DUE_SOON
    audited_events(supervisor)


def test_the_perpetrator_is_the_supervisor_s_and_how_must_be_said(
    sign_in_as: Callable[[str], Workspace], clock: ManualClock
) -> None:
    supervisor, medical = sign_in_as("sup"), sign_in_as("med")
    case = open_report(supervisor, clock)
    number = case.summary.case_number
    with pytest.raises(AccessDenied) as refused:
        record_preservation_instruction(medical, number, person_id(case, PERPETRATOR), clock.now())
    assert str(refused.value) == (
        'Step 8b, "Evidence preservation: alleged perpetrator", can only be completed by: '
        "shift supervisor. You are signed in as medical staff. Ask one of them to complete it."
    )
    with pytest.raises(InputRejected) as missing:
        record_preservation_instruction(
            supervisor, number, person_id(case, PERPETRATOR), clock.now()
        )
    assert str(missing.value) == MSG_HOW_ENSURED_MISSING


def test_preservation_is_refused_for_an_incident_older_than_48_hours(
    supervisor: Workspace, clock: ManualClock
) -> None:
    case = open_report(supervisor, clock, incident_at=clock.now() - timedelta(days=3))
    with pytest.raises(InputRejected) as refused:
        record_preservation_instruction(
            supervisor, case.summary.case_number, person_id(case, VICTIM), clock.now()
        )
    assert "does not apply to this case: the incident is recorded as more than 48 hours" in str(
        refused.value
    )
    assert "CPP 14.7 G.4" in str(refused.value)
    assert not preservation_cards(supervisor, case.summary.case_number)[0].applies


def test_a_witness_gets_no_preservation_record(supervisor: Workspace, clock: ManualClock) -> None:
    case = open_report(
        supervisor,
        clock,
        people=(
            NewPerson(VICTIM, PersonRole.ALLEGED_VICTIM, PersonKind.OFFENDER),
            NewPerson("Ann Witt", PersonRole.WITNESS, PersonKind.OFFENDER),
        ),
    )
    before = audited_events(supervisor)
    with pytest.raises(InputRejected) as refused:
        record_preservation_violation(
            supervisor,
            case.summary.case_number,
            person_id(case, "Ann Witt"),
            PreservationAct.EATING,
            clock.now(),
        )
    assert str(refused.value) == MSG_NOT_VICTIM_OR_PERPETRATOR.format(
        name="Ann Witt", what="a witness"
    )
    assert audited_events(supervisor) == before
    assert [card.person.name for card in preservation_cards(supervisor, case.summary.case_number)]
    assert len(preservation_cards(supervisor, case.summary.case_number)) == 1
