"""The protocol's rules: which steps apply, which comes next, which are immediate, who may."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from incident_desk.domain.enums import AllegationType, PersonKind, Role, StepState, TimeCertainty
from incident_desk.domain.protocol import (
    PRESERVATION_WINDOW,
    FieldDefinition,
    FieldKind,
    Protocol,
    ProtocolFacts,
    StepCondition,
    StepDefinition,
    incident_within_preservation_window,
)

NOTHING = ProtocolFacts(
    within_preservation_window=False,
    has_offender_perpetrator=False,
    occurred_elsewhere=False,
    scene_secured=None,
    potentially_criminal=False,
)
EVERYTHING = ProtocolFacts(
    within_preservation_window=True,
    has_offender_perpetrator=True,
    occurred_elsewhere=True,
    scene_secured=True,
    potentially_criminal=True,
)
RECEIVED = datetime(2026, 11, 22, 3, 14, tzinfo=UTC)


def _step(
    key: str,
    condition: StepCondition = StepCondition.ALWAYS,
    roles: frozenset[Role] = frozenset({Role.SHIFT_SUPERVISOR}),
    *,
    immediate: bool = False,
) -> StepDefinition:
    return StepDefinition(
        key=key,
        number=key,
        title=key.title(),
        citation="CPP 14.7 G",
        policy_text="The policy's words.",
        prompt="Do it.",
        fields=(FieldDefinition("done_at", "Done at", FieldKind.DATETIME, required=True),),
        roles=roles,
        immediate=immediate,
        condition=condition,
        records="When it was done.",
    )


PROTOCOL = Protocol(
    key="test",
    version="1",
    title="Test protocol",
    source="CPP 14.7 G",
    steps=(
        _step("a", roles=frozenset({Role.FIRST_RESPONDER, Role.SHIFT_SUPERVISOR})),
        _step("b", immediate=True),
        _step("window", StepCondition.WITHIN_PRESERVATION_WINDOW),
        _step("offender", StepCondition.OFFENDER_PERPETRATOR),
        _step("elsewhere", StepCondition.OCCURRED_ELSEWHERE, immediate=True),
        _step("scene", StepCondition.SCENE_SECURED, frozenset({Role.INVESTIGATOR})),
        _step("criminal", StepCondition.POTENTIALLY_CRIMINAL),
        _step("z"),
    ),
)


def _keys(steps: tuple[StepDefinition, ...]) -> list[str]:
    return [step.key for step in steps]


# -- lookup --------------------------------------------------------------------------------


def test_step_finds_by_key() -> None:
    assert PROTOCOL.step("scene").condition is StepCondition.SCENE_SECURED


def test_unknown_step_raises_key_error_naming_the_key() -> None:
    with pytest.raises(KeyError, match="nope"):
        PROTOCOL.step("nope")


def test_step_field_lookup() -> None:
    step = PROTOCOL.step("a")
    assert step.field("done_at").kind is FieldKind.DATETIME
    with pytest.raises(KeyError, match="missing"):
        step.field("missing")


def test_duplicate_step_keys_are_refused() -> None:
    with pytest.raises(ValueError, match="duplicate step keys"):
        Protocol("p", "1", "P", "src", (_step("a"), _step("a")))


def test_choices_only_on_choice_fields() -> None:
    with pytest.raises(ValueError, match="choices given"):
        FieldDefinition("f", "F", FieldKind.TEXT, choices=("x",))
    with pytest.raises(ValueError, match="needs choices"):
        FieldDefinition("f", "F", FieldKind.CHOICE)


def test_policy_paragraphs_split_at_blank_lines() -> None:
    step = replace(_step("a"), policy_text="First paragraph.\n\nSecond paragraph.")
    assert step.policy_paragraphs == ("First paragraph.", "Second paragraph.")


# -- conditions ----------------------------------------------------------------------------


def test_only_unconditional_steps_apply_when_no_condition_holds() -> None:
    assert _keys(PROTOCOL.applicable_steps(NOTHING)) == ["a", "b", "z"]


def test_every_step_applies_when_every_condition_holds() -> None:
    assert PROTOCOL.applicable_steps(EVERYTHING) == PROTOCOL.steps


@pytest.mark.parametrize(
    ("fact", "value", "step_key"),
    [
        ("within_preservation_window", True, "window"),
        ("has_offender_perpetrator", True, "offender"),
        ("occurred_elsewhere", True, "elsewhere"),
        ("scene_secured", True, "scene"),
        ("potentially_criminal", True, "criminal"),
    ],
)
def test_each_condition_turns_on_its_step_only(fact: str, value: bool, step_key: str) -> None:
    facts = replace(NOTHING, **{fact: value})
    expected = [key for key in _keys(PROTOCOL.steps) if key in {"a", "b", step_key, "z"}]
    assert _keys(PROTOCOL.applicable_steps(facts)) == expected
    assert PROTOCOL.applies(PROTOCOL.step(step_key), facts)
    assert not PROTOCOL.applies(PROTOCOL.step(step_key), NOTHING)


@pytest.mark.parametrize("secured", [False, None])
def test_scene_steps_need_a_secured_scene(secured: bool | None) -> None:
    facts = replace(EVERYTHING, scene_secured=secured)
    assert not PROTOCOL.applies(PROTOCOL.step("scene"), facts)


# -- next step -----------------------------------------------------------------------------


def test_next_step_is_the_first_step_when_nothing_is_done() -> None:
    step = PROTOCOL.next_step(NOTHING, {})
    assert step is not None
    assert step.key == "a"


def test_next_step_skips_done_and_not_applicable() -> None:
    states = {"a": StepState.DONE, "b": StepState.NOT_APPLICABLE}
    step = PROTOCOL.next_step(EVERYTHING, states)
    assert step is not None
    assert step.key == "window"


def test_next_step_skips_steps_whose_condition_fails() -> None:
    states = {"a": StepState.DONE, "b": StepState.DONE}
    step = PROTOCOL.next_step(NOTHING, states)
    assert step is not None
    assert step.key == "z"


def test_next_step_returns_an_earlier_step_left_pending() -> None:
    states = {"a": StepState.DONE, "b": StepState.PENDING, "window": StepState.DONE}
    step = PROTOCOL.next_step(EVERYTHING, states)
    assert step is not None
    assert step.key == "b"


def test_next_step_is_none_when_all_applicable_steps_are_settled() -> None:
    states = {"a": StepState.DONE, "b": StepState.NOT_APPLICABLE, "z": StepState.DONE}
    assert PROTOCOL.next_step(NOTHING, states) is None


def test_next_step_for_a_role_passes_over_steps_it_may_not_complete() -> None:
    states = {key: StepState.DONE for key in ("a", "b", "window", "offender", "elsewhere")}
    supervisor_next = PROTOCOL.next_step(EVERYTHING, states, Role.SHIFT_SUPERVISOR)
    investigator_next = PROTOCOL.next_step(EVERYTHING, states, Role.INVESTIGATOR)
    assert supervisor_next is not None
    assert supervisor_next.key == "criminal"
    assert investigator_next is not None
    assert investigator_next.key == "scene"
    assert PROTOCOL.next_step(EVERYTHING, states, Role.ADMINISTRATOR) is None


_facts = st.builds(
    ProtocolFacts,
    within_preservation_window=st.booleans(),
    has_offender_perpetrator=st.booleans(),
    occurred_elsewhere=st.booleans(),
    scene_secured=st.one_of(st.none(), st.booleans()),
    potentially_criminal=st.booleans(),
)
_states = st.dictionaries(st.sampled_from(_keys(PROTOCOL.steps)), st.sampled_from(StepState))


@given(facts=_facts, states=_states)
def test_next_step_is_always_the_earliest_pending_applicable_step(
    facts: ProtocolFacts, states: dict[str, StepState]
) -> None:
    pending = [
        step
        for step in PROTOCOL.applicable_steps(facts)
        if states.get(step.key, StepState.PENDING) is StepState.PENDING
    ]
    assert PROTOCOL.next_step(facts, states) == (pending[0] if pending else None)


# -- immediate steps and roles -------------------------------------------------------------


def test_immediate_steps_are_the_applicable_immediate_ones() -> None:
    assert _keys(PROTOCOL.immediate_steps(NOTHING)) == ["b"]
    assert _keys(PROTOCOL.immediate_steps(EVERYTHING)) == ["b", "elsewhere"]


def test_may_complete_follows_the_step_roles() -> None:
    assert PROTOCOL.may_complete("a", Role.FIRST_RESPONDER)
    assert PROTOCOL.may_complete("a", Role.SHIFT_SUPERVISOR)
    assert not PROTOCOL.may_complete("b", Role.FIRST_RESPONDER)
    assert PROTOCOL.may_complete("scene", Role.INVESTIGATOR)
    assert not PROTOCOL.may_complete("scene", Role.SHIFT_SUPERVISOR)


def test_may_complete_unknown_step_raises_key_error() -> None:
    with pytest.raises(KeyError, match="nope"):
        PROTOCOL.may_complete("nope", Role.SHIFT_SUPERVISOR)


# -- deriving the facts --------------------------------------------------------------------


def test_exact_time_inside_48_hours_is_within_the_window() -> None:
    incident = RECEIVED - PRESERVATION_WINDOW
    assert incident_within_preservation_window(incident, TimeCertainty.EXACT, RECEIVED)


def test_exact_time_past_48_hours_is_outside_the_window() -> None:
    incident = RECEIVED - PRESERVATION_WINDOW - timedelta(minutes=1)
    assert not incident_within_preservation_window(incident, TimeCertainty.EXACT, RECEIVED)


@pytest.mark.parametrize("certainty", [TimeCertainty.APPROXIMATE, TimeCertainty.UNKNOWN])
def test_unsure_time_counts_as_within_the_window(certainty: TimeCertainty) -> None:
    long_ago = RECEIVED - timedelta(days=30)
    assert incident_within_preservation_window(long_ago, certainty, RECEIVED)


def test_missing_time_counts_as_within_the_window() -> None:
    assert incident_within_preservation_window(None, TimeCertainty.EXACT, RECEIVED)


def test_naive_times_are_taken_as_utc() -> None:
    naive_incident = datetime(2026, 11, 21, 4, 0)
    assert incident_within_preservation_window(naive_incident, TimeCertainty.EXACT, RECEIVED)


def test_derive_facts_from_the_intake() -> None:
    facts = ProtocolFacts.derive(
        received_at=RECEIVED,
        incident_at=RECEIVED - timedelta(days=5),
        incident_time_certainty=TimeCertainty.EXACT,
        perpetrator_kinds=[PersonKind.STAFF, PersonKind.OFFENDER],
        allegation_types=[AllegationType.OFFENDER_SEXUAL_HARASSMENT],
        occurred_elsewhere=True,
        scene_secured=False,
    )
    assert facts == ProtocolFacts(
        within_preservation_window=False,
        has_offender_perpetrator=True,
        occurred_elsewhere=True,
        scene_secured=False,
        potentially_criminal=False,
    )


@pytest.mark.parametrize(
    ("types", "criminal"),
    [
        ([AllegationType.STAFF_SEXUAL_HARASSMENT], False),
        ([AllegationType.STAFF_SEXUAL_MISCONDUCT], True),
        (
            [
                AllegationType.OFFENDER_SEXUAL_HARASSMENT,
                AllegationType.OFFENDER_ABUSIVE_SEXUAL_CONTACT,
            ],
            True,
        ),
        ([], True),
    ],
)
def test_only_harassment_alone_is_not_potentially_criminal(
    types: list[AllegationType], criminal: bool
) -> None:
    facts = ProtocolFacts.derive(
        received_at=RECEIVED,
        incident_at=None,
        incident_time_certainty=TimeCertainty.UNKNOWN,
        perpetrator_kinds=[PersonKind.STAFF],
        allegation_types=types,
        occurred_elsewhere=False,
        scene_secured=None,
    )
    assert facts.potentially_criminal is criminal
    assert facts.within_preservation_window
    assert not facts.has_offender_perpetrator
