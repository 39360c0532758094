"""User-input checks: each accepts good input with no message and refuses bad input in words."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from incident_desk.domain.enums import Role, SceneEntrantRole
from incident_desk.domain.protocol import (
    FieldDefinition,
    FieldKind,
    Protocol,
    StepCondition,
    StepDefinition,
)
from incident_desk.domain.validation import (
    MSG_SCENE_ENTRY_REFUSED,
    SCENE_ENTRY_POLICY_TEXT,
    ValidationMessage,
    check_correction_reason,
    check_exit_after_entry,
    check_not_applicable_reason,
    check_not_future,
    check_required,
    check_scene_entrant,
    check_step_role,
    check_step_values,
    check_transfer_order,
    format_moment,
    is_scene_entry_violation,
)

NOW = datetime(2026, 11, 22, 3, 14, tzinfo=UTC)


# -- format ----------------------------------------------------------------------------------


def test_times_are_shown_day_month_year_hour_minute() -> None:
    assert format_moment(NOW) == "22 Nov 2026 03:14"
    assert format_moment(datetime(2026, 1, 5, 23, 7)) == "05 Jan 2026 23:07"


# -- check_not_future --------------------------------------------------------------------------


def test_past_and_present_times_are_accepted() -> None:
    assert check_not_future("received_at", NOW - timedelta(hours=3), NOW) == []
    assert check_not_future("received_at", NOW, NOW) == []


def test_a_missing_time_is_not_a_future_time() -> None:
    assert check_not_future("incident_time", None, NOW) == []


def test_a_time_within_the_tolerance_is_accepted() -> None:
    assert check_not_future("received_at", NOW + timedelta(minutes=2), NOW) == []
    assert check_not_future("x", NOW + timedelta(minutes=9), NOW, timedelta(minutes=10)) == []


def test_a_future_time_is_refused() -> None:
    later = NOW + timedelta(hours=1, minutes=30)
    assert check_not_future("received_at", later, NOW) == [
        ValidationMessage(
            "received_at",
            "This time, 22 Nov 2026 04:44, is later than now (22 Nov 2026 03:14). "
            "Enter the time it actually happened.",
        )
    ]


def test_future_check_compares_across_time_zones() -> None:
    local = NOW.astimezone(timezone(timedelta(hours=-5)))
    assert check_not_future("received_at", local, NOW) == []


# -- check_required --------------------------------------------------------------------------


def test_a_filled_value_is_accepted() -> None:
    assert check_required("location", "Dorm 3", "Where it happened") == []


@pytest.mark.parametrize("value", [None, "", "   \n"])
def test_an_empty_value_is_refused(value: str | None) -> None:
    assert check_required("location", value, "Where it happened") == [
        ValidationMessage(
            "location", 'Fill in "Where it happened". The record cannot be saved without it.'
        )
    ]


# -- check_exit_after_entry ------------------------------------------------------------------


def test_exit_after_or_at_entry_is_accepted() -> None:
    assert check_exit_after_entry(NOW, NOW + timedelta(minutes=20)) == []
    assert check_exit_after_entry(NOW, NOW) == []


def test_exit_before_entry_is_refused() -> None:
    assert check_exit_after_entry(NOW, NOW - timedelta(minutes=5)) == [
        ValidationMessage(
            "exited_at",
            "The exit time, 22 Nov 2026 03:09, is before the entry time, 22 Nov 2026 03:14. "
            "Check both times and correct the wrong one.",
        )
    ]


# -- check_transfer_order --------------------------------------------------------------------


def test_first_transfer_and_later_transfers_are_accepted() -> None:
    assert check_transfer_order(None, NOW) == []
    assert check_transfer_order(NOW, NOW + timedelta(hours=1)) == []
    assert check_transfer_order(NOW, NOW) == []


def test_transfer_before_the_previous_one_is_refused() -> None:
    previous = NOW + timedelta(hours=2)
    assert check_transfer_order(previous, NOW) == [
        ValidationMessage(
            "transferred_at",
            "This hand-over time, 22 Nov 2026 03:14, is before the previous hand-over at "
            "22 Nov 2026 05:14. Check the time: each hand-over must come after the one "
            "before it.",
        )
    ]


# -- check_step_role -------------------------------------------------------------------------


def _step(key: str, fields: tuple[FieldDefinition, ...], roles: frozenset[Role]) -> StepDefinition:
    return StepDefinition(
        key=key,
        number="7",
        title="Release the crime scene",
        citation="CPP 14.7 G.3.f",
        policy_text="The area shall remain secured.",
        prompt="Release it.",
        fields=fields,
        roles=roles,
        immediate=False,
        condition=StepCondition.ALWAYS,
        records="Who released it.",
    )


RELEASE = _step(
    "scene_release",
    (FieldDefinition("released_at", "Released at", FieldKind.DATETIME, required=True),),
    frozenset({Role.INVESTIGATOR}),
)
MEDICAL_STEP = _step(
    "transport",
    (FieldDefinition("destination", "Destination", FieldKind.TEXT),),
    frozenset({Role.MEDICAL, Role.SHIFT_SUPERVISOR}),
)
PROTOCOL = Protocol("test", "1", "Test", "CPP 14.7 G", (RELEASE, MEDICAL_STEP))


def test_a_permitted_role_is_accepted() -> None:
    assert check_step_role(PROTOCOL, "scene_release", Role.INVESTIGATOR) == []


def test_a_role_not_permitted_is_refused_with_who_may() -> None:
    assert check_step_role(PROTOCOL, "scene_release", Role.SHIFT_SUPERVISOR) == [
        ValidationMessage(
            "role",
            'Step 7, "Release the crime scene", can only be completed by: investigator. '
            "You are signed in as shift supervisor. Ask one of them to complete it.",
        )
    ]


def test_several_permitted_roles_are_listed_in_a_stable_order() -> None:
    (message,) = check_step_role(PROTOCOL, "transport", Role.ADMINISTRATOR)
    assert "completed by: shift supervisor, medical staff." in message.text
    assert "signed in as administrator." in message.text


def test_an_unknown_step_gets_a_message_not_an_exception() -> None:
    assert check_step_role(PROTOCOL, "nope", Role.INVESTIGATOR) == [
        ValidationMessage(
            "role", 'There is no step "nope" in this checklist. Close it and open the step again.'
        )
    ]


# -- reasons ---------------------------------------------------------------------------------


def test_a_not_applicable_reason_in_words_is_accepted() -> None:
    assert check_not_applicable_reason("No physical contact was alleged.") == []
    assert check_not_applicable_reason("Verbal harassment only") == []


@pytest.mark.parametrize("reason", [None, "", "   "])
def test_a_missing_not_applicable_reason_is_refused(reason: str | None) -> None:
    assert check_not_applicable_reason(reason) == [
        ValidationMessage(
            "not_applicable_reason",
            "Say why this step does not apply. "
            "A step can be marked not applicable only with a reason.",
        )
    ]


@pytest.mark.parametrize("reason", ["n/a", "N.A.", " none ", "-", "...", "x", "123"])
def test_a_placeholder_not_applicable_reason_is_refused(reason: str) -> None:
    assert check_not_applicable_reason(reason) == [
        ValidationMessage(
            "not_applicable_reason",
            f'"{reason.strip()}" does not say why. Write the reason in a few words, '
            'for example "no physical contact was alleged".',
        )
    ]


def test_a_correction_reason_in_words_is_accepted() -> None:
    assert check_correction_reason("Wrong cell number, it was 14B") == []


def test_a_missing_correction_reason_is_refused() -> None:
    assert check_correction_reason("  ") == [
        ValidationMessage(
            "correction_reason",
            "Say why you are correcting this entry. "
            "The original stays in the record and your reason is kept with the correction.",
        )
    ]


def test_a_placeholder_correction_reason_is_refused() -> None:
    assert check_correction_reason("n/a") == [
        ValidationMessage(
            "correction_reason",
            '"n/a" does not say why. Write in a few words what was wrong with the original entry.',
        )
    ]


# -- scene entry -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "role",
    [
        SceneEntrantRole.STATE_POLICE,
        SceneEntrantRole.ASSIGNED_INVESTIGATOR,
        SceneEntrantRole.MEDICAL,
    ],
)
def test_permitted_scene_entrants_are_accepted(role: SceneEntrantRole) -> None:
    assert check_scene_entrant(role) == []
    assert not is_scene_entry_violation(role)


def test_anyone_else_is_refused_with_the_policy_quoted() -> None:
    assert check_scene_entrant(SceneEntrantRole.OTHER) == [
        ValidationMessage("entrant_role", MSG_SCENE_ENTRY_REFUSED)
    ]
    assert is_scene_entry_violation(SceneEntrantRole.OTHER)
    assert MSG_SCENE_ENTRY_REFUSED == (
        "Do not let this person into the scene. CPP 14.7 G.3.d: "
        '"The only persons permitted to enter a secured crime scene shall be Kentucky State '
        'Police, the assigned investigator or medical staff as needed." '
        "If they have already gone in, still record the entry: it will be logged as a violation."
    )
    assert SCENE_ENTRY_POLICY_TEXT in MSG_SCENE_ENTRY_REFUSED


# -- check_step_values -----------------------------------------------------------------------

FORM = _step(
    "form",
    (
        FieldDefinition("when", "Received at", FieldKind.DATETIME, required=True),
        FieldDefinition(
            "how", "How", FieldKind.CHOICE, required=True, choices=("verbal", "third_party")
        ),
        FieldDefinition("risk", "Imminent risk", FieldKind.BOOLEAN, required=True),
        FieldDefinition(
            "action", "Protective action", FieldKind.LONG_TEXT, required_if=("risk", "yes")
        ),
        FieldDefinition(
            "acts", "Happened anyway", FieldKind.MULTI_CHOICE, choices=("washing", "eating")
        ),
        FieldDefinition("count", "Bags", FieldKind.NUMBER),
        FieldDefinition("who", "Received by", FieldKind.PERSON),
    ),
    frozenset({Role.SHIFT_SUPERVISOR}),
)
GOOD = {
    "when": "2026-11-22 03:14",
    "how": "third_party",
    "risk": "yes",
    "action": "Moved to medical observation cell.",
    "acts": "washing, eating",
    "count": "2",
    "who": "Sgt. Lee",
}


def test_good_values_are_accepted() -> None:
    assert check_step_values(FORM, GOOD) == []


def test_optional_fields_may_be_left_out() -> None:
    values = {"when": "2026-11-22T03:14:00+00:00", "how": "verbal", "risk": "no"}
    assert check_step_values(FORM, values) == []


def test_an_unknown_field_is_refused() -> None:
    assert check_step_values(FORM, {**GOOD, "colour": "red"}) == [
        ValidationMessage(
            "colour", 'Step 7 has no field "colour". Close the step and enter the value again.'
        )
    ]


def test_a_missing_required_field_is_refused() -> None:
    values = {**GOOD, "when": " "}
    del values["how"]
    assert check_step_values(FORM, values) == [
        ValidationMessage("when", 'Fill in "Received at". The record cannot be saved without it.'),
        ValidationMessage("how", 'Fill in "How". The record cannot be saved without it.'),
    ]


def test_a_field_required_by_another_answer_is_refused_when_empty() -> None:
    assert check_step_values(FORM, {**GOOD, "action": ""}) == [
        ValidationMessage(
            "action", 'Fill in "Protective action". It is needed because "Imminent risk" is yes.'
        )
    ]
    assert check_step_values(FORM, {**GOOD, "risk": "no", "action": ""}) == []


def test_a_bad_choice_is_refused_listing_the_options() -> None:
    assert check_step_values(FORM, {**GOOD, "how": "email"}) == [
        ValidationMessage(
            "how", '"email" is not an option for "How". Pick one of: verbal, third party.'
        )
    ]


def test_a_bad_multi_choice_part_is_refused() -> None:
    assert check_step_values(FORM, {**GOOD, "acts": "washing,smoking,"}) == [
        ValidationMessage(
            "acts",
            '"smoking" is not an option for "Happened anyway". Pick one of: washing, eating.',
        )
    ]


@pytest.mark.parametrize("value", ["22/11/2026", "yesterday", "2026-13-01 10:00"])
def test_a_bad_datetime_is_refused(value: str) -> None:
    assert check_step_values(FORM, {**GOOD, "when": value}) == [
        ValidationMessage(
            "when", 'Enter "Received at" as a date and time, for example 2026-11-22 03:14.'
        )
    ]


@pytest.mark.parametrize("value", ["true", "Y", "maybe"])
def test_a_bad_boolean_is_refused(value: str) -> None:
    assert check_step_values(FORM, {**GOOD, "risk": value}) == [
        ValidationMessage("risk", 'Answer "Imminent risk" with yes or no.')
    ]


@pytest.mark.parametrize("value", ["two", "1e3", "nan", "3."])
def test_a_bad_number_is_refused(value: str) -> None:
    assert check_step_values(FORM, {**GOOD, "count": value}) == [
        ValidationMessage("count", 'Enter "Bags" as a number, for example 3 or 2.5.')
    ]


def test_every_problem_is_reported_at_once() -> None:
    values = {"when": "soon", "how": "email", "risk": "", "count": "many", "extra": "1"}
    fields = [message.field for message in check_step_values(FORM, values)]
    assert fields == ["extra", "when", "how", "risk", "count"]
