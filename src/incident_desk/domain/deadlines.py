"""The clocks a case runs against: what is due, by when, and how each one stands at a moment.

Deadlines are computed, never stored: the same recorded facts and the same moment "now" always
give the same answer, and nothing here reads the system clock. A fact stamped later than "now"
is treated as not having happened yet, so a case can be replayed as it stood at any earlier
moment (the report's own receipt is the one exception: it is the origin of every clock).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from incident_desk.domain.clock import ensure_utc
from incident_desk.domain.enums import Finding, TimeCertainty

__all__ = [
    "DEFAULT_SETTINGS",
    "CaseClockFacts",
    "Deadline",
    "DeadlineKind",
    "DeadlineSettings",
    "DeadlineState",
    "DryCellFacts",
    "ImmediateStepFacts",
    "by_urgency",
    "compute_deadlines",
    "most_urgent",
]


class DeadlineKind(StrEnum):
    """Which obligation a deadline belongs to; the declaration order is the display order."""

    EVIDENCE_PRESERVATION = "evidence_preservation"
    DRY_CELL = "dry_cell"
    OTHER_FACILITY_NOTICE = "other_facility_notice"
    IMMEDIATE_STEP = "immediate_step"
    INCIDENT_REVIEW = "incident_review"
    RETALIATION_MONITORING = "retaliation_monitoring"
    RETALIATION_CHECK = "retaliation_check"
    MENTAL_HEALTH_EVALUATION = "mental_health_evaluation"

    @property
    def citation(self) -> str:
        """The policy paragraph the clock comes from, for showing next to it."""
        return _CITATIONS[self]


_CITATIONS: dict[DeadlineKind, str] = {
    DeadlineKind.EVIDENCE_PRESERVATION: "CPP 14.7 G.4",
    DeadlineKind.DRY_CELL: "CPP 14.7 G.7",
    DeadlineKind.OTHER_FACILITY_NOTICE: "CPP 14.7 G.10",
    DeadlineKind.IMMEDIATE_STEP: "CPP 14.7 G.3",
    DeadlineKind.INCIDENT_REVIEW: "CPP 14.7 I",
    DeadlineKind.RETALIATION_MONITORING: "CPP 14.7 K",
    DeadlineKind.RETALIATION_CHECK: "CPP 14.7 K",
    DeadlineKind.MENTAL_HEALTH_EVALUATION: "CPP 14.7 E.3",
}

_KIND_ORDER: dict[DeadlineKind, int] = {kind: index for index, kind in enumerate(DeadlineKind)}


class DeadlineState(StrEnum):
    UPCOMING = "upcoming"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    MET = "met"
    CANCELLED = "cancelled"


_OPEN_STATES = frozenset({DeadlineState.UPCOMING, DeadlineState.DUE_SOON, DeadlineState.OVERDUE})


@dataclass(frozen=True)
class DeadlineSettings:
    """Agency settings: how long each clock runs and how early it starts warning.

    Stored as settings rows of whole seconds (see ``as_mapping``). Every length must be longer
    than zero; a warning may be zero (no "due soon" stage) but never negative.
    """

    evidence_preservation: timedelta = timedelta(hours=48)
    dry_cell: timedelta = timedelta(hours=16)
    other_facility_notice: timedelta = timedelta(hours=72)
    immediate_steps: timedelta = timedelta(hours=1)
    incident_review: timedelta = timedelta(days=30)
    retaliation_monitoring: timedelta = timedelta(days=90)
    retaliation_check_interval: timedelta = timedelta(days=30)
    mental_health_evaluation: timedelta = timedelta(days=60)
    evidence_preservation_warning: timedelta = timedelta(hours=6)
    dry_cell_warning: timedelta = timedelta(hours=2)
    other_facility_notice_warning: timedelta = timedelta(hours=12)
    immediate_steps_warning: timedelta = timedelta(minutes=15)
    incident_review_warning: timedelta = timedelta(days=7)
    retaliation_monitoring_warning: timedelta = timedelta(days=14)
    retaliation_check_warning: timedelta = timedelta(days=7)
    mental_health_evaluation_warning: timedelta = timedelta(days=14)

    def __post_init__(self) -> None:
        for name in _LENGTH_FIELDS.values():
            if self._get(name) <= timedelta(0):
                raise ValueError(
                    f"The setting {name!r} must be longer than zero "
                    f"(it is {_seconds(self._get(name))} seconds)."
                )
        for name in _WARNING_FIELDS.values():
            if self._get(name) < timedelta(0):
                raise ValueError(
                    f"The setting {name!r} must not be negative "
                    f"(it is {_seconds(self._get(name))} seconds)."
                )

    def length(self, kind: DeadlineKind) -> timedelta:
        """How long after its anchor a deadline of ``kind`` falls due."""
        return self._get(_LENGTH_FIELDS[kind])

    def warning(self, kind: DeadlineKind) -> timedelta:
        """How long before its limit a deadline of ``kind`` becomes "due soon"."""
        return self._get(_WARNING_FIELDS[kind])

    def as_mapping(self) -> dict[str, int]:
        """Whole seconds per field name, for storing as settings rows."""
        return {f.name: _seconds(self._get(f.name)) for f in dataclasses.fields(self)}

    @classmethod
    def from_mapping(cls, values: Mapping[str, int]) -> DeadlineSettings:
        """Settings from stored rows; unknown names are ignored, missing ones take the default.

        Raises ``ValueError`` naming the setting when a value is not a whole number of seconds,
        when a length is zero or negative, or when a warning is negative.
        """
        known = {f.name for f in dataclasses.fields(cls)}
        spans: dict[str, timedelta] = {}
        for name, seconds in values.items():
            if name not in known:
                continue
            # Rows come from storage and settings screens; a bool is an int to Python but
            # never a meaningful number of seconds.
            if isinstance(seconds, bool) or not isinstance(seconds, int):
                raise ValueError(
                    f"The setting {name!r} must be a whole number of seconds, not {seconds!r}."
                )
            try:
                spans[name] = timedelta(seconds=seconds)
            except OverflowError:
                raise ValueError(
                    f"The setting {name!r} is too large ({seconds} seconds)."
                ) from None
        return cls(**spans)

    def _get(self, name: str) -> timedelta:
        value: timedelta = getattr(self, name)
        return value


_LENGTH_FIELDS: dict[DeadlineKind, str] = {
    DeadlineKind.EVIDENCE_PRESERVATION: "evidence_preservation",
    DeadlineKind.DRY_CELL: "dry_cell",
    DeadlineKind.OTHER_FACILITY_NOTICE: "other_facility_notice",
    DeadlineKind.IMMEDIATE_STEP: "immediate_steps",
    DeadlineKind.INCIDENT_REVIEW: "incident_review",
    DeadlineKind.RETALIATION_MONITORING: "retaliation_monitoring",
    DeadlineKind.RETALIATION_CHECK: "retaliation_check_interval",
    DeadlineKind.MENTAL_HEALTH_EVALUATION: "mental_health_evaluation",
}

_WARNING_FIELDS: dict[DeadlineKind, str] = {
    DeadlineKind.EVIDENCE_PRESERVATION: "evidence_preservation_warning",
    DeadlineKind.DRY_CELL: "dry_cell_warning",
    DeadlineKind.OTHER_FACILITY_NOTICE: "other_facility_notice_warning",
    DeadlineKind.IMMEDIATE_STEP: "immediate_steps_warning",
    DeadlineKind.INCIDENT_REVIEW: "incident_review_warning",
    DeadlineKind.RETALIATION_MONITORING: "retaliation_monitoring_warning",
    DeadlineKind.RETALIATION_CHECK: "retaliation_check_warning",
    DeadlineKind.MENTAL_HEALTH_EVALUATION: "mental_health_evaluation_warning",
}

DEFAULT_SETTINGS = DeadlineSettings()


@dataclass(frozen=True)
class ImmediateStepFacts:
    """One of the "immediate" first-response steps: safety, separation, a notification."""

    step_key: str
    completed_at: datetime | None
    not_applicable: bool = False


@dataclass(frozen=True)
class DryCellFacts:
    """One placement of an offender perpetrator in a dry cell."""

    placement_id: int
    placed_at: datetime
    released_at: datetime | None


@dataclass(frozen=True)
class CaseClockFacts:
    """Everything recorded on a case that starts, stops or cancels a clock."""

    received_at: datetime
    incident_at: datetime | None
    incident_certainty: TimeCertainty
    incident_margin: timedelta = timedelta(0)
    occurred_elsewhere: bool = False
    other_facility_notified_at: datetime | None = None
    immediate_steps: tuple[ImmediateStepFacts, ...] = ()
    dry_cells: tuple[DryCellFacts, ...] = ()
    investigation_concluded_at: datetime | None = None
    finding: Finding | None = None
    incident_review_held_at: datetime | None = None
    retaliation_checks: tuple[datetime, ...] = ()
    retaliation_ended_at: datetime | None = None
    abuse_known_at: datetime | None = None
    mental_health_evaluated_at: datetime | None = None


@dataclass(frozen=True)
class Deadline:
    """One clock on a case as it stands at the moment it was computed.

    ``subject`` is "" or, for one-per-item clocks, the immediate step's key or the dry cell
    placement's id. ``late`` means met, but after ``due_at``. ``estimated`` means the anchor
    was derived from an approximate or unknown incident time; ``note`` says so in plain words.
    """

    kind: DeadlineKind
    subject: str
    anchor_at: datetime
    due_at: datetime
    state: DeadlineState
    met_at: datetime | None = None
    late: bool = False
    estimated: bool = False
    note: str = ""

    def remaining(self, now: datetime) -> timedelta:
        """Time left until ``due_at``; negative once it has passed."""
        return self.due_at - ensure_utc(now)

    @property
    def is_open(self) -> bool:
        return self.state in _OPEN_STATES


def compute_deadlines(
    facts: CaseClockFacts,
    now: datetime,
    settings: DeadlineSettings = DEFAULT_SETTINGS,
) -> tuple[Deadline, ...]:
    """Every deadline of the case as it stands at ``now``, in display order.

    The order is that of ``DeadlineKind``, then by subject (numeric subjects by value).
    """
    now = ensure_utc(now)
    facts = _normalized(facts)
    found: list[Deadline] = [_evidence_preservation(facts, now, settings)]
    found.extend(_dry_cells(facts, now, settings))
    found.extend(_other_facility_notice(facts, now, settings))
    found.extend(_immediate_steps(facts, now, settings))
    found.extend(_incident_review(facts, now, settings))
    found.extend(_retaliation(facts, now, settings))
    found.extend(_mental_health_evaluation(facts, now, settings))
    return tuple(sorted(found, key=_display_key))


def most_urgent(deadlines: Iterable[Deadline], now: datetime) -> Deadline | None:
    """The open deadline to look at first, or None when none is open.

    OVERDUE before DUE_SOON before UPCOMING, then the earliest ``due_at``. A deadline still
    marked open but whose ``due_at`` has passed by ``now`` counts as overdue, so a list computed
    a while ago still puts a missed limit first.
    """
    now = ensure_utc(now)
    open_ones = [deadline for deadline in deadlines if deadline.is_open]
    if not open_ones:
        return None
    return min(open_ones, key=lambda deadline: _urgency_key(deadline, now))


def by_urgency(deadlines: Iterable[Deadline], now: datetime) -> tuple[Deadline, ...]:
    """All deadlines, open ones first in ``most_urgent`` order, then closed ones by ``due_at``."""
    now = ensure_utc(now)
    return tuple(sorted(deadlines, key=lambda deadline: _urgency_key(deadline, now)))


# --- the rules, one function per clock ------------------------------------------------------


def _evidence_preservation(
    facts: CaseClockFacts, now: datetime, settings: DeadlineSettings
) -> Deadline:
    kind = DeadlineKind.EVIDENCE_PRESERVATION
    length = settings.length(kind)
    anchor, estimated, basis = _latest_plausible_incident(facts, length)
    due = _plus(anchor, length)
    if due < facts.received_at:
        # G.4 applies only "if the incident occurred within the previous 48 hours": an incident
        # known to be older than that when reported never had a window to keep.
        prefix = "Even at the latest time it could have happened, the" if estimated else "The"
        note = (
            f"{prefix} incident was more than {_words(length)} before the report was received, "
            "so the evidence preservation rule (CPP 14.7 G.4) does not apply."
        )
        return Deadline(
            kind, "", anchor, due, DeadlineState.CANCELLED, estimated=estimated, note=note
        )
    if now >= due:
        # A window, not a task (G.4): when it closes nothing is missed, the restrictions end.
        ended = f"The {_words(length, adjective=True)} window has ended."
        return Deadline(
            kind,
            "",
            anchor,
            due,
            DeadlineState.MET,
            met_at=due,
            estimated=estimated,
            note=_join(basis, ended),
        )
    state = _open_state(due, settings.warning(kind), now)
    return Deadline(kind, "", anchor, due, state, estimated=estimated, note=basis)


def _latest_plausible_incident(
    facts: CaseClockFacts, length: timedelta
) -> tuple[datetime, bool, str]:
    """The anchor of the preservation window, whether it is estimated, and how it was chosen.

    An uncertain time is resolved to the latest moment the incident could have happened, so the
    window stays open for as long as it could possibly apply (conservative reading of G.4). The
    incident cannot have happened after it was reported, so every anchor is at most the receipt.
    """
    window = _words(length, adjective=True)
    received = facts.received_at
    if facts.incident_at is None or facts.incident_certainty is TimeCertainty.UNKNOWN:
        note = (
            f"Incident time unknown: the {window} window is counted from when the report was "
            "received."
        )
        return received, True, note
    if facts.incident_certainty is TimeCertainty.APPROXIMATE:
        margin = abs(facts.incident_margin)
        latest = facts.incident_at + margin
        about = f" (give or take {_words(margin)})" if margin else ""
        if latest >= received:
            note = (
                f"Incident time approximate{about}: the {window} window is counted from when "
                "the report was received, the latest time the incident could have happened."
            )
            return received, True, note
        note = (
            f"Incident time approximate{about}: the {window} window is counted from the latest "
            "time the incident could have happened."
        )
        return latest, True, note
    if facts.incident_at > received:
        note = (
            "The recorded incident time is after the report was received; the "
            f"{window} window is counted from when the report was received."
        )
        return received, False, note
    return facts.incident_at, False, ""


def _dry_cells(facts: CaseClockFacts, now: datetime, settings: DeadlineSettings) -> list[Deadline]:
    # G.7: an offender in a dry cell "shall not remain in this status longer than sixteen
    # hours"; each placement runs its own clock.
    kind = DeadlineKind.DRY_CELL
    length = settings.length(kind)
    found: list[Deadline] = []
    for placement in facts.dry_cells:
        if placement.placed_at > now:
            continue  # not placed yet at this moment of a replay
        deadline = _task(
            kind,
            str(placement.placement_id),
            placement.placed_at,
            now,
            settings,
            done_at=placement.released_at,
        )
        if deadline.state is DeadlineState.OVERDUE:
            deadline = dataclasses.replace(
                deadline,
                note=(
                    f'Still in the dry cell after {_words(length)}: an offender "shall not remain '
                    'in this status longer than sixteen hours" (CPP 14.7 G.7).'
                ),
            )
        elif deadline.late:
            deadline = dataclasses.replace(
                deadline, note=f"Released after more than {_words(length)} in the dry cell."
            )
        found.append(deadline)
    return found


def _other_facility_notice(
    facts: CaseClockFacts, now: datetime, settings: DeadlineSettings
) -> list[Deadline]:
    # G.10: only an allegation of abuse "while confined at another facility" calls for the
    # notice, within 72 hours of receiving it.
    if not facts.occurred_elsewhere:
        return []
    kind = DeadlineKind.OTHER_FACILITY_NOTICE
    deadline = _task(
        kind, "", facts.received_at, now, settings, done_at=facts.other_facility_notified_at
    )
    if deadline.state is DeadlineState.OVERDUE:
        deadline = dataclasses.replace(
            deadline,
            note=(
                "The head of the facility where it happened has not been notified within "
                f"{_words(settings.length(kind))} (CPP 14.7 G.10)."
            ),
        )
    return [deadline]


def _immediate_steps(
    facts: CaseClockFacts, now: datetime, settings: DeadlineSettings
) -> list[Deadline]:
    # G.3, G.9: safety, separation and notifications are due "immediately"; how long that may
    # take is an agency setting counted from the receipt of the allegation.
    kind = DeadlineKind.IMMEDIATE_STEP
    found: list[Deadline] = []
    for step in facts.immediate_steps:
        if step.not_applicable:
            # A step marked not applicable (with its reason, recorded elsewhere) is not owed.
            due = _plus(facts.received_at, settings.length(kind))
            found.append(
                Deadline(
                    kind,
                    step.step_key,
                    facts.received_at,
                    due,
                    DeadlineState.CANCELLED,
                    note="Marked not applicable.",
                )
            )
            continue
        found.append(
            _task(kind, step.step_key, facts.received_at, now, settings, done_at=step.completed_at)
        )
    return found


def _incident_review(
    facts: CaseClockFacts, now: datetime, settings: DeadlineSettings
) -> list[Deadline]:
    # I: a review "within 30 days of the conclusion of every sexual abuse investigation";
    # there is nothing to count from until the investigation has concluded.
    concluded = _happened(facts.investigation_concluded_at, now)
    if concluded is None:
        return []
    kind = DeadlineKind.INCIDENT_REVIEW
    if facts.finding is Finding.UNFOUNDED:
        due = _plus(concluded, settings.length(kind))
        note = (
            'No review is due: CPP 14.7 I requires one "unless the allegation was determined '
            'to be unfounded".'
        )
        return [Deadline(kind, "", concluded, due, DeadlineState.CANCELLED, note=note)]
    return [_task(kind, "", concluded, now, settings, done_at=facts.incident_review_held_at)]


def _retaliation(
    facts: CaseClockFacts, now: datetime, settings: DeadlineSettings
) -> list[Deadline]:
    # K: monitoring "for at least 90 days following an incident of sexual abuse", counted from
    # the allegation because that is when the facility learns of the incident.
    kind = DeadlineKind.RETALIATION_MONITORING
    length = settings.length(kind)
    anchor = facts.received_at
    due = _plus(anchor, length)
    ended = _happened(facts.retaliation_ended_at, now)
    ended_early = ended is not None and ended < due
    unfounded_at = _unfounded_at(facts, now)
    # An unfounded finding means there was no incident to protect anyone after (K), so it ends
    # monitoring; but 90 days already completed before the finding stay met, so that a met
    # obligation is never rewritten by a later record.
    if unfounded_at is not None and (ended_early or unfounded_at < due):
        note = (
            "Monitoring is no longer required: the investigation found the allegation "
            "unfounded, and an unfounded finding ends monitoring."
        )
        return [Deadline(kind, "", anchor, due, DeadlineState.CANCELLED, note=note)]
    if ended_early:
        note = (
            f"Monitoring ended before {_words(length)}; CPP 14.7 K requires at least "
            f"{_words(length)}."
        )
        return [Deadline(kind, "", anchor, due, DeadlineState.OVERDUE, note=note)]
    if now >= due:
        note = f"Monitored for the required {_words(length)}."
        return [
            Deadline(
                kind,
                "",
                anchor,
                due,
                DeadlineState.MET,
                met_at=ended if ended is not None else due,
                note=note,
            )
        ]
    monitoring = Deadline(kind, "", anchor, due, _open_state(due, settings.warning(kind), now))
    return [monitoring, _next_retaliation_check(facts, now, settings)]


def _next_retaliation_check(
    facts: CaseClockFacts, now: datetime, settings: DeadlineSettings
) -> Deadline:
    # K: "periodic status checks shall be conducted" while monitoring runs; the next one is
    # owed one interval after the latest check (or after the report, before the first check).
    kind = DeadlineKind.RETALIATION_CHECK
    done = [check for check in facts.retaliation_checks if check <= now]
    anchor = max([facts.received_at, *done])
    due = _plus(anchor, settings.length(kind))
    note = "" if done else "No status check recorded yet."
    return Deadline(kind, "", anchor, due, _open_state(due, settings.warning(kind), now), note=note)


def _mental_health_evaluation(
    facts: CaseClockFacts, now: datetime, settings: DeadlineSettings
) -> list[Deadline]:
    # E.3: an evaluation of a known offender-on-offender perpetrator "within 60 days of
    # learning of such abuse"; the clock exists only once such an abuser is known.
    known = _happened(facts.abuse_known_at, now)
    if known is None:
        return []
    kind = DeadlineKind.MENTAL_HEALTH_EVALUATION
    evaluated = _happened(facts.mental_health_evaluated_at, now)
    unfounded_at = _unfounded_at(facts, now)
    # An unfounded finding means there was no abuse to learn of; an evaluation already done
    # before that finding stays met.
    if unfounded_at is not None and (evaluated is None or evaluated > unfounded_at):
        due = _plus(known, settings.length(kind))
        note = "No evaluation is due: the investigation found the allegation unfounded."
        return [Deadline(kind, "", known, due, DeadlineState.CANCELLED, note=note)]
    return [_task(kind, "", known, now, settings, done_at=evaluated)]


# --- shared helpers -------------------------------------------------------------------------


def _task(
    kind: DeadlineKind,
    subject: str,
    anchor: datetime,
    now: datetime,
    settings: DeadlineSettings,
    *,
    done_at: datetime | None,
) -> Deadline:
    """A deadline met by doing something: met once done, otherwise counting down to overdue."""
    due = _plus(anchor, settings.length(kind))
    met = _happened(done_at, now)
    if met is not None:
        late = met > due
        note = "Done after the deadline." if late else ""
        return Deadline(
            kind, subject, anchor, due, DeadlineState.MET, met_at=met, late=late, note=note
        )
    return Deadline(kind, subject, anchor, due, _open_state(due, settings.warning(kind), now))


def _open_state(due: datetime, warning: timedelta, now: datetime) -> DeadlineState:
    # Compared as spans rather than as due - warning, which could fall off the calendar.
    left = due - now
    if left <= timedelta(0):
        return DeadlineState.OVERDUE
    if left <= warning:
        return DeadlineState.DUE_SOON
    return DeadlineState.UPCOMING


def _happened(moment: datetime | None, now: datetime) -> datetime | None:
    """``moment`` if it is recorded and not after ``now``; a later record has not happened yet."""
    if moment is None or moment > now:
        return None
    return moment


def _unfounded_at(facts: CaseClockFacts, now: datetime) -> datetime | None:
    """When the investigation concluded the allegation unfounded, if it had by ``now``."""
    if facts.finding is not Finding.UNFOUNDED:
        return None
    return _happened(facts.investigation_concluded_at, now)


_LATEST = datetime.max.replace(tzinfo=UTC)


def _plus(moment: datetime, span: timedelta) -> datetime:
    # An absurdly long agency setting must not crash every screen of a case.
    try:
        return moment + span
    except OverflowError:
        return _LATEST


def _display_key(deadline: Deadline) -> tuple[int, int, int, str]:
    # Placement ids are numbers: "10" belongs after "9", not after "1".
    subject = deadline.subject
    if subject.isdecimal():
        return _KIND_ORDER[deadline.kind], 0, int(subject), subject
    return _KIND_ORDER[deadline.kind], 1, 0, subject


_URGENCY_RANK: dict[DeadlineState, int] = {
    DeadlineState.OVERDUE: 0,
    DeadlineState.DUE_SOON: 1,
    DeadlineState.UPCOMING: 2,
    DeadlineState.MET: 3,
    DeadlineState.CANCELLED: 3,
}


def _urgency_key(
    deadline: Deadline, now: datetime
) -> tuple[int, datetime, tuple[int, int, int, str]]:
    rank = _URGENCY_RANK[deadline.state]
    if deadline.is_open and deadline.due_at <= now:
        rank = _URGENCY_RANK[DeadlineState.OVERDUE]
    # Ties on state and time fall back to display order, so the answer never depends on input
    # order.
    return rank, deadline.due_at, _display_key(deadline)


def _normalized(facts: CaseClockFacts) -> CaseClockFacts:
    """The same facts with every moment as aware UTC (naive values are taken to be UTC)."""
    return dataclasses.replace(
        facts,
        received_at=ensure_utc(facts.received_at),
        incident_at=_utc(facts.incident_at),
        other_facility_notified_at=_utc(facts.other_facility_notified_at),
        immediate_steps=tuple(
            dataclasses.replace(step, completed_at=_utc(step.completed_at))
            for step in facts.immediate_steps
        ),
        dry_cells=tuple(
            dataclasses.replace(
                placement,
                placed_at=ensure_utc(placement.placed_at),
                released_at=_utc(placement.released_at),
            )
            for placement in facts.dry_cells
        ),
        investigation_concluded_at=_utc(facts.investigation_concluded_at),
        incident_review_held_at=_utc(facts.incident_review_held_at),
        retaliation_checks=tuple(ensure_utc(check) for check in facts.retaliation_checks),
        retaliation_ended_at=_utc(facts.retaliation_ended_at),
        abuse_known_at=_utc(facts.abuse_known_at),
        mental_health_evaluated_at=_utc(facts.mental_health_evaluated_at),
    )


def _utc(moment: datetime | None) -> datetime | None:
    return None if moment is None else ensure_utc(moment)


def _seconds(span: timedelta) -> int:
    return span // timedelta(seconds=1)


def _words(span: timedelta, *, adjective: bool = False) -> str:
    """A span in plain words: "48 hours", "90 days"; as an adjective "48-hour"."""
    seconds = _seconds(span)
    # Policy speaks of 48 and 72 hours but of 30, 60 and 90 days.
    if seconds % 86400 == 0 and seconds > 72 * 3600:
        count, unit = seconds // 86400, "day"
    elif seconds % 3600 == 0 and seconds > 0:
        count, unit = seconds // 3600, "hour"
    elif seconds % 60 == 0 and seconds > 0:
        count, unit = seconds // 60, "minute"
    else:
        count, unit = seconds, "second"
    if adjective:
        return f"{count}-{unit}"
    return f"{count} {unit}" if count == 1 else f"{count} {unit}s"


def _join(*parts: str) -> str:
    return " ".join(part for part in parts if part)
