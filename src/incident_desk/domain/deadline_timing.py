"""The timing every deadline rule shares: met, late, due soon or overdue at a given moment.

The per-kind rules (``deadline_first_response`` and ``deadline_aftercare``) build their
deadlines from these, so "has it happened yet", "how much time is left" and "when does it fall
due" mean the same thing for every clock.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from incident_desk.domain.deadline_settings import DeadlineSettings
from incident_desk.domain.deadline_types import (
    CaseClockFacts,
    Deadline,
    DeadlineKind,
    DeadlineState,
)
from incident_desk.domain.enums import Finding

__all__ = ["happened", "open_state", "plus", "task", "unfounded_at"]


def task(
    kind: DeadlineKind,
    subject: str,
    anchor: datetime,
    now: datetime,
    settings: DeadlineSettings,
    *,
    done_at: datetime | None,
) -> Deadline:
    """A deadline met by doing something: met once done, otherwise counting down to overdue."""
    due = plus(anchor, settings.length(kind))
    met = happened(done_at, now)
    if met is not None:
        late = met > due
        note = "Done after the deadline." if late else ""
        return Deadline(
            kind, subject, anchor, due, DeadlineState.MET, met_at=met, late=late, note=note
        )
    return Deadline(kind, subject, anchor, due, open_state(due, settings.warning(kind), now))


def open_state(due: datetime, warning: timedelta, now: datetime) -> DeadlineState:
    """Overdue, due soon or upcoming, from the time left until ``due`` at ``now``."""
    # Compared as spans rather than as due - warning, which could fall off the calendar.
    left = due - now
    if left <= timedelta(0):
        return DeadlineState.OVERDUE
    if left <= warning:
        return DeadlineState.DUE_SOON
    return DeadlineState.UPCOMING


def happened(moment: datetime | None, now: datetime) -> datetime | None:
    """``moment`` if it is recorded and not after ``now``; a later record has not happened yet."""
    if moment is None or moment > now:
        return None
    return moment


def unfounded_at(facts: CaseClockFacts, now: datetime) -> datetime | None:
    """When the investigation concluded the allegation unfounded, if it had by ``now``."""
    if facts.finding is not Finding.UNFOUNDED:
        return None
    return happened(facts.investigation_concluded_at, now)


_LATEST = datetime.max.replace(tzinfo=UTC)


def plus(moment: datetime, span: timedelta) -> datetime:
    """``moment + span``, or the last representable moment if that is off the calendar."""
    # An absurdly long agency setting must not crash every screen of a case.
    try:
        return moment + span
    except OverflowError:
        return _LATEST
