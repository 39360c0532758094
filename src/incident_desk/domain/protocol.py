"""The first-response protocol (CPP 14.7 G) as plain data: steps, their fields, who may do them.

A `Protocol` is built from reviewed data (``forms/first_response.toml``, loaded by
`incident_desk.forms`); this module only holds the shapes and the rules over them: which
steps apply to a case (`ProtocolFacts`), which step is next, which are "immediate" and who
may complete each. No I/O, no clock: callers pass the facts and the step states in.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from incident_desk.domain.clock import ensure_utc
from incident_desk.domain.enums import AllegationType, PersonKind, Role, StepState, TimeCertainty

#: CPP 14.7 G.4: evidence preservation applies to an incident "within the previous 48 hours".
PRESERVATION_WINDOW = timedelta(hours=48)

#: How a BOOLEAN field's value is written: exactly one of these two strings.
YES = "yes"
NO = "no"
BOOLEAN_VALUES: tuple[str, str] = (YES, NO)

#: How a MULTI_CHOICE field's value is written: the chosen values joined by this separator.
MULTI_CHOICE_SEPARATOR = ","


class StepCondition(StrEnum):
    """When a step applies to a case; evaluated against `ProtocolFacts`."""

    ALWAYS = "always"
    #: G.4: incident within the previous 48 h (unknown or approximate time counts as within).
    WITHIN_PRESERVATION_WINDOW = "within_preservation_window"
    #: G.7: a dry cell only for an offender perpetrator.
    OFFENDER_PERPETRATOR = "offender_perpetrator"
    #: G.10: the abuse is said to have happened at another facility.
    OCCURRED_ELSEWHERE = "occurred_elsewhere"
    #: G.3.d-f: an entry log and a release only when a scene was secured.
    SCENE_SECURED = "scene_secured"
    #: G.9: referral to the state police for sexual abuse (not harassment-only) allegations.
    POTENTIALLY_CRIMINAL = "potentially_criminal"


class FieldKind(StrEnum):
    """What a step's field holds; decides the input widget and the format check."""

    TEXT = "text"
    LONG_TEXT = "long_text"
    DATETIME = "datetime"
    BOOLEAN = "boolean"
    CHOICE = "choice"
    MULTI_CHOICE = "multi_choice"
    PERSON = "person"
    NUMBER = "number"

    @property
    def has_choices(self) -> bool:
        return self in (FieldKind.CHOICE, FieldKind.MULTI_CHOICE)


@dataclass(frozen=True)
class FieldDefinition:
    """One thing a step records.

    ``required_if`` makes the field required only when another field of the same step holds
    a given value, e.g. ``("imminent_risk", "yes")`` for the protective action (G.1).
    """

    key: str
    label: str
    kind: FieldKind
    required: bool = False
    choices: tuple[str, ...] = ()
    help: str = ""
    required_if: tuple[str, str] | None = None

    def __post_init__(self) -> None:
        if self.choices and not self.kind.has_choices:
            raise ValueError(f"field {self.key!r}: choices given for a {self.kind} field")
        if self.kind.has_choices and not self.choices:
            raise ValueError(f"field {self.key!r}: a {self.kind} field needs choices")


@dataclass(frozen=True)
class StepDefinition:
    """One page of the checklist: what the policy says, what to do, what to record, who may."""

    key: str
    number: str
    title: str
    citation: str
    policy_text: str
    prompt: str
    fields: tuple[FieldDefinition, ...]
    roles: frozenset[Role]
    immediate: bool
    condition: StepCondition
    records: str

    def field(self, key: str) -> FieldDefinition:
        """The field called ``key``; `KeyError` with the key if the step has none."""
        for candidate in self.fields:
            if candidate.key == key:
                return candidate
        raise KeyError(key)

    @property
    def policy_paragraphs(self) -> tuple[str, ...]:
        """The quoted policy text split at blank lines (a step may quote two paragraphs)."""
        return tuple(part.strip() for part in self.policy_text.split("\n\n") if part.strip())


@dataclass(frozen=True)
class ProtocolFacts:
    """What is known about a case that decides which steps apply."""

    within_preservation_window: bool
    has_offender_perpetrator: bool
    occurred_elsewhere: bool
    #: None while the crime-scene step has not said either way.
    scene_secured: bool | None
    potentially_criminal: bool

    @classmethod
    def derive(
        cls,
        *,
        received_at: datetime,
        incident_at: datetime | None,
        incident_time_certainty: TimeCertainty,
        perpetrator_kinds: Iterable[PersonKind],
        allegation_types: Iterable[AllegationType],
        occurred_elsewhere: bool,
        scene_secured: bool | None,
    ) -> ProtocolFacts:
        """Work the facts out from the intake record, leaning to the conservative side.

        With no allegation type recorded yet the case counts as potentially criminal.
        """
        types = tuple(allegation_types)
        return cls(
            within_preservation_window=incident_within_preservation_window(
                incident_at, incident_time_certainty, received_at
            ),
            has_offender_perpetrator=PersonKind.OFFENDER in set(perpetrator_kinds),
            occurred_elsewhere=occurred_elsewhere,
            scene_secured=scene_secured,
            potentially_criminal=not types or any(not kind.is_harassment for kind in types),
        )


def incident_within_preservation_window(
    incident_at: datetime | None, certainty: TimeCertainty, received_at: datetime
) -> bool:
    """Whether the incident happened within 48 hours before the report was received (G.4).

    An unknown or approximate time counts as within: preserving evidence needlessly costs
    little, losing it cannot be undone.
    """
    if incident_at is None or certainty is not TimeCertainty.EXACT:
        return True
    return ensure_utc(received_at) - ensure_utc(incident_at) <= PRESERVATION_WINDOW


@dataclass(frozen=True)
class Protocol:
    """An ordered, versioned checklist of steps."""

    key: str
    version: str
    title: str
    source: str
    steps: tuple[StepDefinition, ...]

    def __post_init__(self) -> None:
        keys = [step.key for step in self.steps]
        duplicates = sorted({key for key in keys if keys.count(key) > 1})
        if duplicates:
            raise ValueError(f"protocol {self.key!r}: duplicate step keys {duplicates}")

    def step(self, key: str) -> StepDefinition:
        """The step called ``key``; `KeyError` with the key if there is none."""
        for step in self.steps:
            if step.key == key:
                return step
        raise KeyError(key)

    def applies(self, step: StepDefinition, facts: ProtocolFacts) -> bool:
        """Whether ``step`` is part of the response for a case with these facts."""
        match step.condition:
            case StepCondition.ALWAYS:
                return True
            case StepCondition.WITHIN_PRESERVATION_WINDOW:
                return facts.within_preservation_window
            case StepCondition.OFFENDER_PERPETRATOR:
                return facts.has_offender_perpetrator
            case StepCondition.OCCURRED_ELSEWHERE:
                return facts.occurred_elsewhere
            case StepCondition.SCENE_SECURED:
                return facts.scene_secured is True
            case StepCondition.POTENTIALLY_CRIMINAL:
                return facts.potentially_criminal

    def applicable_steps(self, facts: ProtocolFacts) -> tuple[StepDefinition, ...]:
        return tuple(step for step in self.steps if self.applies(step, facts))

    def next_step(
        self,
        facts: ProtocolFacts,
        states: Mapping[str, StepState],
        role: Role | None = None,
    ) -> StepDefinition | None:
        """The first applicable step still pending, in order; None when all are settled.

        A step missing from ``states`` is pending. With ``role``, only steps that role may
        complete are offered, so a step waiting on someone else does not block the rest.
        """
        for step in self.applicable_steps(facts):
            if states.get(step.key, StepState.PENDING) is not StepState.PENDING:
                continue
            if role is None or role in step.roles:
                return step
        return None

    def immediate_steps(self, facts: ProtocolFacts) -> tuple[StepDefinition, ...]:
        """The applicable steps that count toward the "immediate steps" clock."""
        return tuple(step for step in self.applicable_steps(facts) if step.immediate)

    def may_complete(self, step_key: str, role: Role) -> bool:
        """Whether ``role`` may complete the step; `KeyError` for an unknown step."""
        return role in self.step(step_key).roles
