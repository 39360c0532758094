"""The dry cell (CPP 14.7 G.7): only an alleged offender perpetrator, one open placement at a
time, a 16-hour clock per placement, and a release that cannot come before the placement."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest

from incident_desk.domain.clock import ManualClock
from incident_desk.domain.deadlines import DeadlineState
from incident_desk.domain.enums import PersonKind, PersonRole
from incident_desk.domain.validation import MSG_REQUIRED, format_moment
from incident_desk.services.cases import NewPerson
from incident_desk.services.dry_cell import (
    MSG_ALREADY_IN_DRY_CELL,
    MSG_ALREADY_RELEASED,
    MSG_NOT_OFFENDER_PERPETRATOR,
    MSG_RELEASE_BEFORE_PLACEMENT,
    dry_cell_placements,
    place_in_dry_cell,
    release_from_dry_cell,
)
from incident_desk.services.errors import AccessDenied, InputRejected
from incident_desk.services.workspace import Workspace
from tests.services.test_first_response import (
    PERPETRATOR,
    VICTIM,
    audited_events,
    open_report,
    person_id,
)


def test_placement_starts_a_16_hour_clock_that_the_release_stops(
    supervisor: Workspace, clock: ManualClock
) -> None:
    case = open_report(supervisor, clock)
    number = case.summary.case_number
    clock.advance(timedelta(minutes=20))
    placed = place_in_dry_cell(
        supervisor, number, person_id(case, PERPETRATOR), "D-3", clock.now(), True, True, True
    )
    assert placed.person_name == PERPETRATOR
    assert placed.placed_by == "Sgt. Dana Brooks"
    assert placed.deadline is not None
    assert placed.deadline.due_at == clock.now() + timedelta(hours=16)
    assert placed.deadline.state is DeadlineState.UPCOMING
    clock.advance(timedelta(hours=15))
    assert dry_cell_placements(supervisor, number)[0].deadline.state is DeadlineState.DUE_SOON  # type: ignore[union-attr]
    released = release_from_dry_cell(
        supervisor, placed.id, clock.now(), "Evidence collected by the SANE."
    )
    assert released.released_at == clock.now()
    assert released.released_by == "Sgt. Dana Brooks"
    assert released.deadline is not None
    assert released.deadline.state is DeadlineState.MET
    audited_events(supervisor)


def test_a_staff_perpetrator_or_the_victim_is_never_placed(
    supervisor: Workspace, clock: ManualClock
) -> None:
    case = open_report(
        supervisor,
        clock,
        people=(
            NewPerson(VICTIM, PersonRole.ALLEGED_VICTIM, PersonKind.OFFENDER),
            NewPerson("Officer Dale Cole", PersonRole.ALLEGED_PERPETRATOR, PersonKind.STAFF),
        ),
    )
    number = case.summary.case_number
    before = audited_events(supervisor)
    with pytest.raises(InputRejected) as refused:
        place_in_dry_cell(
            supervisor,
            number,
            person_id(case, "Officer Dale Cole"),
            "D-3",
            clock.now(),
            True,
            True,
            True,
        )
    assert str(refused.value) == MSG_NOT_OFFENDER_PERPETRATOR.format(
        name="Officer Dale Cole", what="a staff member"
    )
    assert 'CPP 14.7 G.7: "The alleged offender perpetrator shall be placed' in str(refused.value)
    with pytest.raises(InputRejected) as refused:
        place_in_dry_cell(
            supervisor, number, person_id(case, VICTIM), "D-3", clock.now(), True, True, True
        )
    assert str(refused.value) == MSG_NOT_OFFENDER_PERPETRATOR.format(
        name=VICTIM, what="the alleged victim"
    )
    assert audited_events(supervisor) == before
    assert dry_cell_placements(supervisor, number) == ()


def test_the_first_responder_may_not_place_anyone_in_a_dry_cell(
    sign_in_as: Callable[[str], Workspace], clock: ManualClock
) -> None:
    first_responder = sign_in_as("fr")
    case = open_report(first_responder, clock)
    with pytest.raises(AccessDenied) as refused:
        place_in_dry_cell(
            first_responder,
            case.summary.case_number,
            person_id(case, PERPETRATOR),
            "D-3",
            clock.now(),
            True,
            True,
            True,
        )
    assert "can only be completed by: shift supervisor" in str(refused.value)


def test_one_open_placement_and_a_release_after_the_placement(
    supervisor: Workspace, clock: ManualClock
) -> None:
    case = open_report(supervisor, clock)
    number, perpetrator = case.summary.case_number, person_id(case, PERPETRATOR)
    clock.advance(timedelta(minutes=30))
    placed_at = clock.now() - timedelta(minutes=5)
    placed = place_in_dry_cell(supervisor, number, perpetrator, "D-3", placed_at, True, True, True)
    with pytest.raises(InputRejected) as refused:
        place_in_dry_cell(supervisor, number, perpetrator, "D-4", clock.now(), True, True, True)
    assert str(refused.value) == MSG_ALREADY_IN_DRY_CELL.format(
        name=PERPETRATOR, cell="D-3", placed=format_moment(placed_at)
    )
    too_early = placed_at - timedelta(minutes=10)
    with pytest.raises(InputRejected) as refused:
        release_from_dry_cell(supervisor, placed.id, too_early, "Evidence collected.")
    assert str(refused.value) == MSG_RELEASE_BEFORE_PLACEMENT.format(
        released=format_moment(too_early), placed=format_moment(placed_at)
    )
    with pytest.raises(InputRejected) as refused:
        release_from_dry_cell(supervisor, placed.id, clock.now(), " ")
    assert str(refused.value) == MSG_REQUIRED.format(label="Reason for the release")
    assert dry_cell_placements(supervisor, number)[0].released_at is None
    release_from_dry_cell(supervisor, placed.id, clock.now(), "Evidence collected.")
    with pytest.raises(InputRejected) as refused:
        release_from_dry_cell(supervisor, placed.id, clock.now(), "Again.")
    assert str(refused.value) == MSG_ALREADY_RELEASED.format(
        name=PERPETRATOR, cell="D-3", released=format_moment(clock.now())
    )
    # Released, the person may be placed again (a new placement with its own clock).
    again = place_in_dry_cell(supervisor, number, perpetrator, "D-4", clock.now(), True, True, True)
    assert [p.cell for p in dry_cell_placements(supervisor, number)] == ["D-3", "D-4"]
    assert again.deadline is not None
    assert again.deadline.is_open
