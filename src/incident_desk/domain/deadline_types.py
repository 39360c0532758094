"""The vocabulary of the deadline clocks: which obligation, how it stands, and the recorded facts.

These are the value types the rules read and produce; ``domain/deadlines.py`` re-exports them,
and that is where other code imports them from.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from incident_desk.domain.clock import ensure_utc
from incident_desk.domain.enums import Finding, TimeCertainty

__all__ = [
    "CaseClockFacts",
    "Deadline",
    "DeadlineKind",
    "DeadlineState",
    "DryCellFacts",
    "ImmediateStepFacts",
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


class DeadlineState(StrEnum):
    UPCOMING = "upcoming"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    MET = "met"
    CANCELLED = "cancelled"


_OPEN_STATES = frozenset({DeadlineState.UPCOMING, DeadlineState.DUE_SOON, DeadlineState.OVERDUE})


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
