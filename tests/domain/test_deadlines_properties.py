"""Property tests for the deadline engine: rules that hold for every case, not just examples."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from incident_desk.domain.deadlines import (
    CaseClockFacts,
    Deadline,
    DeadlineKind,
    DeadlineSettings,
    DeadlineState,
    DryCellFacts,
    ImmediateStepFacts,
    compute_deadlines,
    most_urgent,
)
from incident_desk.domain.enums import Finding, TimeCertainty

K = DeadlineKind
S = DeadlineState
OPEN = (S.UPCOMING, S.DUE_SOON, S.OVERDUE)
CLOSED = (S.MET, S.CANCELLED)
OPEN_RANK = {S.UPCOMING: 0, S.DUE_SOON: 1, S.OVERDUE: 2}

moments = st.datetimes(
    min_value=datetime(2015, 1, 1), max_value=datetime(2035, 1, 1), timezones=st.just(UTC)
)
# Offsets from the report's receipt, wide enough to cross every default clock.
offsets = st.timedeltas(min_value=timedelta(days=-10), max_value=timedelta(days=200))
lengths = st.timedeltas(min_value=timedelta(seconds=1), max_value=timedelta(days=120))
warnings = st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=120))
margins = st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=5))

deadline_settings = st.builds(
    DeadlineSettings,
    evidence_preservation=lengths,
    dry_cell=lengths,
    other_facility_notice=lengths,
    immediate_steps=lengths,
    incident_review=lengths,
    retaliation_monitoring=lengths,
    retaliation_check_interval=lengths,
    mental_health_evaluation=lengths,
    evidence_preservation_warning=warnings,
    dry_cell_warning=warnings,
    other_facility_notice_warning=warnings,
    immediate_steps_warning=warnings,
    incident_review_warning=warnings,
    retaliation_monitoring_warning=warnings,
    retaliation_check_warning=warnings,
    mental_health_evaluation_warning=warnings,
)
any_settings = st.one_of(st.just(DeadlineSettings()), deadline_settings)


@st.composite
def case_facts(draw: st.DrawFn) -> CaseClockFacts:
    received = draw(moments)

    def moment() -> datetime:
        return received + draw(offsets)

    def maybe() -> datetime | None:
        return moment() if draw(st.booleans()) else None

    step_count = draw(st.integers(min_value=0, max_value=4))
    steps = tuple(
        ImmediateStepFacts(f"step_{index}", maybe(), draw(st.booleans()))
        for index in range(step_count)
    )
    cell_count = draw(st.integers(min_value=0, max_value=3))
    cells = tuple(DryCellFacts(index, moment(), maybe()) for index in range(cell_count))
    checks = tuple(moment() for _ in range(draw(st.integers(min_value=0, max_value=4))))
    return CaseClockFacts(
        received_at=received,
        incident_at=maybe(),
        incident_certainty=draw(st.sampled_from(TimeCertainty)),
        incident_margin=draw(margins),
        occurred_elsewhere=draw(st.booleans()),
        other_facility_notified_at=maybe(),
        immediate_steps=steps,
        dry_cells=cells,
        investigation_concluded_at=maybe(),
        finding=draw(st.sampled_from([None, *Finding])),
        incident_review_held_at=maybe(),
        retaliation_checks=checks,
        retaliation_ended_at=maybe(),
        abuse_known_at=maybe(),
        mental_health_evaluated_at=maybe(),
    )


def recorded_moments(facts: CaseClockFacts) -> list[datetime]:
    """Every moment in the facts: the places where a state may change."""
    found = [
        facts.received_at,
        facts.incident_at,
        facts.other_facility_notified_at,
        facts.investigation_concluded_at,
        facts.incident_review_held_at,
        facts.retaliation_ended_at,
        facts.abuse_known_at,
        facts.mental_health_evaluated_at,
        *facts.retaliation_checks,
        *(step.completed_at for step in facts.immediate_steps),
        *(cell.placed_at for cell in facts.dry_cells),
        *(cell.released_at for cell in facts.dry_cells),
    ]
    return [moment for moment in found if moment is not None]


def find(deadlines: tuple[Deadline, ...], kind: DeadlineKind) -> Deadline | None:
    matches = [d for d in deadlines if d.kind is kind]
    assert len(matches) <= 1
    return matches[0] if matches else None


@settings(max_examples=200, deadline=None)
@given(facts=case_facts(), now_offset=offsets, config=any_settings)
def test_due_is_anchor_plus_length(
    facts: CaseClockFacts, now_offset: timedelta, config: DeadlineSettings
) -> None:
    for deadline in compute_deadlines(facts, facts.received_at + now_offset, config):
        assert deadline.due_at == deadline.anchor_at + config.length(deadline.kind)


@settings(max_examples=200, deadline=None)
@given(facts=case_facts(), now_offset=offsets, config=any_settings)
def test_states_agree_with_times(
    facts: CaseClockFacts, now_offset: timedelta, config: DeadlineSettings
) -> None:
    now = facts.received_at + now_offset
    for deadline in compute_deadlines(facts, now, config):
        if deadline.state is S.MET:
            assert deadline.met_at is not None
            assert deadline.met_at <= now
            if deadline.kind is K.RETALIATION_MONITORING:
                # "At least 90 days": monitoring ended after its minimum is on time, not late.
                assert deadline.met_at >= deadline.due_at
                assert not deadline.late
            else:
                assert deadline.late is (deadline.met_at > deadline.due_at)
        else:
            assert deadline.met_at is None
            assert not deadline.late
        if deadline.state is S.UPCOMING:
            assert deadline.due_at - now > config.warning(deadline.kind)
        if deadline.state is S.DUE_SOON:
            assert timedelta(0) < deadline.due_at - now <= config.warning(deadline.kind)
        if deadline.state is S.OVERDUE and deadline.kind is not K.RETALIATION_MONITORING:
            # Monitoring that ended early is overdue before its 90 days are up.
            assert now >= deadline.due_at
        assert deadline.anchor_at.tzinfo is not None
        assert deadline.due_at.tzinfo is not None


@settings(max_examples=200, deadline=None)
@given(
    facts=case_facts(),
    now_offsets=st.lists(offsets, min_size=1, max_size=12),
    config=any_settings,
)
def test_states_only_move_forward_as_time_passes(
    facts: CaseClockFacts, now_offsets: list[timedelta], config: DeadlineSettings
) -> None:
    nows = [facts.received_at + offset for offset in now_offsets]
    for moment in recorded_moments(facts):
        nows.extend((moment - timedelta(microseconds=1), moment))
    history: dict[tuple[DeadlineKind, str, datetime], DeadlineState] = {}
    for now in sorted(nows):
        for deadline in compute_deadlines(facts, now, config):
            # A deadline is the same one while its anchor stays put; the next retaliation
            # check gets a new anchor each time a check is recorded.
            key = (deadline.kind, deadline.subject, deadline.anchor_at)
            before = history.get(key)
            after = deadline.state
            if before is not None:
                if before in CLOSED:
                    assert after is before, (key, before, after)
                elif after in OPEN:
                    assert OPEN_RANK[after] >= OPEN_RANK[before], (key, before, after)
            history[key] = after


@settings(max_examples=200, deadline=None)
@given(facts=case_facts(), now_offset=offsets, config=any_settings)
def test_preservation_window_is_never_overdue(
    facts: CaseClockFacts, now_offset: timedelta, config: DeadlineSettings
) -> None:
    deadlines = compute_deadlines(facts, facts.received_at + now_offset, config)
    window = find(deadlines, K.EVIDENCE_PRESERVATION)
    assert window is not None
    assert window.state is not S.OVERDUE
    assert window.anchor_at <= facts.received_at
    assert window.estimated is (
        facts.incident_at is None or facts.incident_certainty is not TimeCertainty.EXACT
    )


@settings(max_examples=200, deadline=None)
@given(
    received=moments,
    estimate_before=st.timedeltas(min_value=timedelta(days=-2), max_value=timedelta(days=6)),
    margin=margins,
    position=st.floats(min_value=-1.0, max_value=1.0),
    now_offset=st.timedeltas(min_value=timedelta(days=-1), max_value=timedelta(days=4)),
    certainty=st.sampled_from([TimeCertainty.APPROXIMATE, TimeCertainty.UNKNOWN]),
)
def test_uncertain_incident_time_keeps_window_open_longest(
    received: datetime,
    estimate_before: timedelta,
    margin: timedelta,
    position: float,
    now_offset: timedelta,
    certainty: TimeCertainty,
) -> None:
    estimate = received - estimate_before
    # Any exact time consistent with the estimate that is not after the report.
    exact = estimate + margin * position
    assume(exact <= received)
    now = received + now_offset
    uncertain = find(
        compute_deadlines(CaseClockFacts(received, estimate, certainty, margin), now),
        K.EVIDENCE_PRESERVATION,
    )
    known = find(
        compute_deadlines(CaseClockFacts(received, exact, TimeCertainty.EXACT), now),
        K.EVIDENCE_PRESERVATION,
    )
    assert uncertain is not None
    assert known is not None
    if uncertain.state is S.CANCELLED:
        assert known.state is S.CANCELLED
    if known.state is not S.CANCELLED:
        assert uncertain.state is not S.CANCELLED
        assert uncertain.due_at >= known.due_at
    if known.is_open:
        assert uncertain.is_open
    if certainty is TimeCertainty.UNKNOWN:
        assert uncertain.state is not S.CANCELLED
        assert uncertain.due_at == received + timedelta(hours=48)


@settings(max_examples=200, deadline=None)
@given(facts=case_facts(), concluded_offset=offsets, now_offset=offsets, config=any_settings)
def test_unfounded_finding_cancels_review_and_monitoring(
    facts: CaseClockFacts,
    concluded_offset: timedelta,
    now_offset: timedelta,
    config: DeadlineSettings,
) -> None:
    concluded = facts.received_at + concluded_offset
    facts = dataclasses.replace(
        facts, investigation_concluded_at=concluded, finding=Finding.UNFOUNDED
    )
    now = max(concluded, facts.received_at + now_offset)
    deadlines = compute_deadlines(facts, now, config)
    review = find(deadlines, K.INCIDENT_REVIEW)
    assert review is not None
    assert review.state is S.CANCELLED
    monitoring = find(deadlines, K.RETALIATION_MONITORING)
    assert monitoring is not None
    monitoring_due = facts.received_at + config.length(K.RETALIATION_MONITORING)
    if monitoring.state is not S.CANCELLED:
        # The one exception: monitoring had already run its full length, uninterrupted, before
        # the finding; a met obligation is not rewritten by a later record.
        assert monitoring.state is S.MET
        assert concluded >= monitoring_due
    else:
        assert find(deadlines, K.RETALIATION_CHECK) is None
    if concluded < monitoring_due:
        assert monitoring.state is S.CANCELLED
    ended = facts.retaliation_ended_at
    if concluded >= monitoring_due and (ended is None or ended > now or ended >= monitoring_due):
        assert monitoring.state is S.MET
    evaluation = find(deadlines, K.MENTAL_HEALTH_EVALUATION)
    if evaluation is not None:
        assert evaluation.state in CLOSED


@settings(max_examples=200, deadline=None)
@given(facts=case_facts(), now_offset=offsets, config=any_settings)
def test_never_raises_and_most_urgent_is_open(
    facts: CaseClockFacts, now_offset: timedelta, config: DeadlineSettings
) -> None:
    now = facts.received_at + now_offset
    deadlines = compute_deadlines(facts, now, config)
    assert deadlines == compute_deadlines(facts, now, config)
    order = list(DeadlineKind)
    positions = [order.index(d.kind) for d in deadlines]
    assert positions == sorted(positions)
    urgent = most_urgent(deadlines, now)
    open_ones = [d for d in deadlines if d.is_open]
    if not open_ones:
        assert urgent is None
        return
    assert urgent is not None
    assert urgent.is_open
    if urgent.state is not S.OVERDUE:
        assert all(d.state is not S.OVERDUE for d in open_ones)
    same_state = [d for d in open_ones if d.state is urgent.state]
    assert urgent.due_at == min(d.due_at for d in same_state)


@settings(max_examples=200, deadline=None)
@given(facts=case_facts(), now_offset=offsets)
def test_input_order_does_not_change_output(facts: CaseClockFacts, now_offset: timedelta) -> None:
    now = facts.received_at + now_offset
    shuffled = dataclasses.replace(
        facts,
        immediate_steps=tuple(reversed(facts.immediate_steps)),
        dry_cells=tuple(reversed(facts.dry_cells)),
        retaliation_checks=tuple(reversed(facts.retaliation_checks)),
    )
    assert compute_deadlines(shuffled, now) == compute_deadlines(facts, now)


@settings(max_examples=200, deadline=None)
@given(config=any_settings)
def test_settings_round_trip(config: DeadlineSettings) -> None:
    whole = DeadlineSettings.from_mapping(config.as_mapping())
    assert DeadlineSettings.from_mapping(whole.as_mapping()) == whole
    for kind in DeadlineKind:
        assert abs(whole.length(kind) - config.length(kind)) < timedelta(seconds=1)
