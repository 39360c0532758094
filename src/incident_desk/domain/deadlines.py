"""The clocks a case runs against: what is due, by when, and how each one stands at a moment.

Deadlines are computed, never stored: the same recorded facts and the same moment "now" always
give the same answer, and nothing here reads the system clock. A fact stamped later than "now"
is treated as not having happened yet, so a case can be replayed as it stood at any earlier
moment (the report's own receipt is the one exception: it is the origin of every clock).

This is the module other code imports from. The pieces live beside it: the value types in
``deadline_types``, the agency settings in ``deadline_settings``, the rules in
``deadline_first_response`` and ``deadline_aftercare`` (sharing ``deadline_timing`` and the
wording in ``deadline_text``); here they are gathered, ordered and ranked by urgency.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from datetime import datetime

from incident_desk.domain.clock import ensure_utc
from incident_desk.domain.deadline_aftercare import (
    incident_review,
    mental_health_evaluation,
    retaliation,
)
from incident_desk.domain.deadline_first_response import (
    dry_cells,
    evidence_preservation,
    immediate_steps,
    other_facility_notice,
)
from incident_desk.domain.deadline_settings import DEFAULT_SETTINGS, DeadlineSettings
from incident_desk.domain.deadline_types import (
    CaseClockFacts,
    Deadline,
    DeadlineKind,
    DeadlineState,
    DryCellFacts,
    ImmediateStepFacts,
)

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

_KIND_ORDER: dict[DeadlineKind, int] = {kind: index for index, kind in enumerate(DeadlineKind)}


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
    found: list[Deadline] = [evidence_preservation(facts, now, settings)]
    found.extend(dry_cells(facts, now, settings))
    found.extend(other_facility_notice(facts, now, settings))
    found.extend(immediate_steps(facts, now, settings))
    found.extend(incident_review(facts, now, settings))
    found.extend(retaliation(facts, now, settings))
    found.extend(mental_health_evaluation(facts, now, settings))
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
