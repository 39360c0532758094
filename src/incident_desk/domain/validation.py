"""Checks on what a user enters: each returns the messages to show, never raises.

An empty list means the input is acceptable. Every sentence a user can see is a module
constant below, so the screens can show the same words (and tests can assert them).
Messages say what to do, in plain words, for a supervisor at the end of a long shift.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from incident_desk.domain.clock import ensure_utc
from incident_desk.domain.enums import Role, SceneEntrantRole
from incident_desk.domain.protocol import (
    BOOLEAN_VALUES,
    MULTI_CHOICE_SEPARATOR,
    FieldDefinition,
    FieldKind,
    Protocol,
    StepDefinition,
)

# -- The words shown to the user -------------------------------------------------------------

#: CPP 14.7 G.3.d, verbatim.
SCENE_ENTRY_POLICY_TEXT = (
    "The only persons permitted to enter a secured crime scene shall be Kentucky State "
    "Police, the assigned investigator or medical staff as needed."
)
SCENE_ENTRY_CITATION = "CPP 14.7 G.3.d"

MSG_TIME_IN_FUTURE = (
    "This time, {moment}, is later than now ({now}). Enter the time it actually happened."
)
MSG_REQUIRED = 'Fill in "{label}". The record cannot be saved without it.'
MSG_REQUIRED_IF = 'Fill in "{label}". It is needed because "{other}" is {value}.'
MSG_EXIT_BEFORE_ENTRY = (
    "The exit time, {exited}, is before the entry time, {entered}. "
    "Check both times and correct the wrong one."
)
MSG_TRANSFER_BEFORE_PREVIOUS = (
    "This hand-over time, {transferred}, is before the previous hand-over at {previous}. "
    "Check the time: each hand-over must come after the one before it."
)
MSG_UNKNOWN_STEP = 'There is no step "{step}" in this checklist. Close it and open the step again.'
MSG_ROLE_NOT_ALLOWED = (
    'Step {number}, "{title}", can only be completed by: {allowed}. '
    "You are signed in as {role}. Ask one of them to complete it."
)
MSG_NOT_APPLICABLE_REASON_MISSING = (
    "Say why this step does not apply. A step can be marked not applicable only with a reason."
)
MSG_NOT_APPLICABLE_REASON_EMPTY_WORD = (
    '"{reason}" does not say why. Write the reason in a few words, '
    'for example "no physical contact was alleged".'
)
MSG_CORRECTION_REASON_MISSING = (
    "Say why you are correcting this entry. "
    "The original stays in the record and your reason is kept with the correction."
)
MSG_CORRECTION_REASON_EMPTY_WORD = (
    '"{reason}" does not say why. Write in a few words what was wrong with the original entry.'
)
MSG_UNKNOWN_FIELD = (
    'Step {number} has no field "{field}". Close the step and enter the value again.'
)
MSG_BAD_CHOICE = '"{value}" is not an option for "{label}". Pick one of: {choices}.'
MSG_BAD_DATETIME = 'Enter "{label}" as a date and time, for example 2026-11-22 03:14.'
MSG_BAD_BOOLEAN = 'Answer "{label}" with yes or no.'
MSG_BAD_NUMBER = 'Enter "{label}" as a number, for example 3 or 2.5.'
MSG_SCENE_ENTRY_REFUSED = (
    "Do not let this person into the scene. "
    f'{SCENE_ENTRY_CITATION}: "{SCENE_ENTRY_POLICY_TEXT}" '
    "If they have already gone in, still record the entry: it will be logged as a violation."
)
#: Shown beside an entry by someone not permitted, which is kept, never dropped (SPEC step 6).
MSG_SCENE_ENTRY_VIOLATION = (
    f"Violation of {SCENE_ENTRY_CITATION}: this person entered the secured crime scene "
    "without being permitted to."
)

#: How a role is named in messages.
ROLE_LABELS: Mapping[Role, str] = {
    Role.FIRST_RESPONDER: "first responder",
    Role.SHIFT_SUPERVISOR: "shift supervisor",
    Role.MEDICAL: "medical staff",
    Role.INVESTIGATOR: "investigator",
    Role.WARDEN: "warden",
    Role.PREA_COMPLIANCE_MANAGER: "PREA compliance manager",
    Role.ADMINISTRATOR: "administrator",
}

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

#: Words that fill a reason box without giving a reason (compared case-blind, no punctuation).
_EMPTY_REASONS = frozenset(
    {"na", "n a", "none", "nil", "no", "nothing", "not applicable", "x", "xx", "xxx"}
)

# -- Field names used by the checks that are not step fields ---------------------------------

FIELD_EXITED_AT = "exited_at"
FIELD_TRANSFERRED_AT = "transferred_at"
FIELD_ROLE = "role"
FIELD_NOT_APPLICABLE_REASON = "not_applicable_reason"
FIELD_CORRECTION_REASON = "correction_reason"
FIELD_ENTRANT_ROLE = "entrant_role"


@dataclass(frozen=True)
class ValidationMessage:
    """A problem with one input: ``field`` is the input's key, ``text`` what to do about it."""

    field: str
    text: str


def format_moment(moment: datetime) -> str:
    """A time as messages show it: "22 Nov 2026 03:14" (in the time zone it carries)."""
    month = _MONTHS[moment.month - 1]
    return f"{moment.day:02d} {month} {moment.year} {moment.hour:02d}:{moment.minute:02d}"


def check_not_future(
    field: str,
    moment: datetime | None,
    now: datetime,
    tolerance: timedelta = timedelta(minutes=2),
) -> list[ValidationMessage]:
    """Refuse a time later than ``now`` (allowing ``tolerance`` for unsynchronised clocks)."""
    if moment is None or ensure_utc(moment) <= ensure_utc(now) + tolerance:
        return []
    text = MSG_TIME_IN_FUTURE.format(moment=format_moment(moment), now=format_moment(now))
    return [ValidationMessage(field, text)]


def check_required(field: str, value: str | None, label: str) -> list[ValidationMessage]:
    """Refuse an empty or blank value."""
    if value is None or not value.strip():
        return [ValidationMessage(field, MSG_REQUIRED.format(label=label))]
    return []


def check_exit_after_entry(entered_at: datetime, exited_at: datetime) -> list[ValidationMessage]:
    """Refuse a scene exit before the entry it closes (the same minute is fine)."""
    if ensure_utc(exited_at) >= ensure_utc(entered_at):
        return []
    text = MSG_EXIT_BEFORE_ENTRY.format(
        exited=format_moment(exited_at), entered=format_moment(entered_at)
    )
    return [ValidationMessage(FIELD_EXITED_AT, text)]


def check_transfer_order(
    previous_at: datetime | None, transferred_at: datetime
) -> list[ValidationMessage]:
    """Refuse a custody transfer dated before the previous link of the chain."""
    if previous_at is None or ensure_utc(transferred_at) >= ensure_utc(previous_at):
        return []
    text = MSG_TRANSFER_BEFORE_PREVIOUS.format(
        transferred=format_moment(transferred_at), previous=format_moment(previous_at)
    )
    return [ValidationMessage(FIELD_TRANSFERRED_AT, text)]


def check_step_role(protocol: Protocol, step_key: str, role: Role) -> list[ValidationMessage]:
    """Refuse a role that may not complete the step, naming the roles that may."""
    try:
        step = protocol.step(step_key)
    except KeyError:
        return [ValidationMessage(FIELD_ROLE, MSG_UNKNOWN_STEP.format(step=step_key))]
    if role in step.roles:
        return []
    allowed = ", ".join(ROLE_LABELS[r] for r in Role if r in step.roles)
    text = MSG_ROLE_NOT_ALLOWED.format(
        number=step.number, title=step.title, allowed=allowed, role=ROLE_LABELS[role]
    )
    return [ValidationMessage(FIELD_ROLE, text)]


def check_not_applicable_reason(reason: str | None) -> list[ValidationMessage]:
    """A step is marked not applicable only with a reason that says something."""
    return _check_reason(
        FIELD_NOT_APPLICABLE_REASON,
        reason,
        MSG_NOT_APPLICABLE_REASON_MISSING,
        MSG_NOT_APPLICABLE_REASON_EMPTY_WORD,
    )


def check_correction_reason(reason: str | None) -> list[ValidationMessage]:
    """A correction is a new entry that must say why the original was wrong."""
    return _check_reason(
        FIELD_CORRECTION_REASON,
        reason,
        MSG_CORRECTION_REASON_MISSING,
        MSG_CORRECTION_REASON_EMPTY_WORD,
    )


def check_scene_entrant(entrant_role: SceneEntrantRole) -> list[ValidationMessage]:
    """Refuse entry to a secured scene to anyone G.3.d does not permit."""
    if entrant_role.authorized:
        return []
    return [ValidationMessage(FIELD_ENTRANT_ROLE, MSG_SCENE_ENTRY_REFUSED)]


def is_scene_entry_violation(entrant_role: SceneEntrantRole) -> bool:
    """Whether a recorded entry by this role breaches G.3.d (it is kept and flagged)."""
    return not entrant_role.authorized


def check_step_values(step: StepDefinition, values: Mapping[str, str]) -> list[ValidationMessage]:
    """Check a step's entered values: unknown fields, formats, choices and required fields.

    A value is a string as the screen holds it: datetimes in ISO form ("2026-11-22 03:14"),
    booleans "yes" or "no", several choices joined by commas. An empty string means "not
    filled in".
    """
    messages: list[ValidationMessage] = []
    known = {definition.key for definition in step.fields}
    for key in values:
        if key not in known:
            text = MSG_UNKNOWN_FIELD.format(number=step.number, field=key)
            messages.append(ValidationMessage(key, text))
    for definition in step.fields:
        value = values.get(definition.key, "").strip()
        if value:
            messages.extend(_check_format(definition, value))
        elif definition.required:
            messages.extend(check_required(definition.key, value, definition.label))
        elif definition.required_if is not None:
            messages.extend(_check_required_if(step, definition, values))
    return messages


def _check_format(definition: FieldDefinition, value: str) -> list[ValidationMessage]:
    key, label = definition.key, definition.label
    match definition.kind:
        case FieldKind.DATETIME:
            if _parse_datetime(value) is None:
                return [ValidationMessage(key, MSG_BAD_DATETIME.format(label=label))]
        case FieldKind.BOOLEAN:
            if value not in BOOLEAN_VALUES:
                return [ValidationMessage(key, MSG_BAD_BOOLEAN.format(label=label))]
        case FieldKind.NUMBER:
            if not re.fullmatch(r"-?\d+(\.\d+)?", value):
                return [ValidationMessage(key, MSG_BAD_NUMBER.format(label=label))]
        case FieldKind.CHOICE:
            if value not in definition.choices:
                return [_bad_choice(definition, value)]
        case FieldKind.MULTI_CHOICE:
            picked = [part.strip() for part in value.split(MULTI_CHOICE_SEPARATOR)]
            return [
                _bad_choice(definition, part)
                for part in picked
                if part and part not in definition.choices
            ]
        case FieldKind.TEXT | FieldKind.LONG_TEXT | FieldKind.PERSON:
            pass
    return []


def _check_required_if(
    step: StepDefinition, definition: FieldDefinition, values: Mapping[str, str]
) -> list[ValidationMessage]:
    if definition.required_if is None:
        return []
    other_key, trigger = definition.required_if
    if values.get(other_key, "").strip() != trigger:
        return []
    try:
        other_label = step.field(other_key).label
    except KeyError:
        other_label = other_key
    text = MSG_REQUIRED_IF.format(
        label=definition.label, other=other_label, value=_humanise(trigger)
    )
    return [ValidationMessage(definition.key, text)]


def _bad_choice(definition: FieldDefinition, value: str) -> ValidationMessage:
    choices = ", ".join(_humanise(choice) for choice in definition.choices)
    text = MSG_BAD_CHOICE.format(value=value, label=definition.label, choices=choices)
    return ValidationMessage(definition.key, text)


def _parse_datetime(value: str) -> datetime | None:
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def _humanise(value: str) -> str:
    return value.replace("_", " ")


def _check_reason(
    field: str, reason: str | None, missing: str, empty_word: str
) -> list[ValidationMessage]:
    if reason is None or not reason.strip():
        return [ValidationMessage(field, missing)]
    words = " ".join(re.sub(r"[^\w]+", " ", reason.casefold()).split())
    if not re.search(r"[^\W\d_]", reason) or words in _EMPTY_REASONS:
        return [ValidationMessage(field, empty_word.format(reason=reason.strip()))]
    return []
