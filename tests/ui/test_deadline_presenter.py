"""Every screen words a clock the same way, with a status word beside any colour."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from incident_desk.domain.deadlines import (
    CaseClockFacts,
    DeadlineKind,
    DryCellFacts,
    ImmediateStepFacts,
    compute_deadlines,
)
from incident_desk.domain.enums import TimeCertainty
from incident_desk.ui.widgets.deadline_presenter import (
    DeadlinePresentation,
    Severity,
    present,
    span_text,
)

NOW = datetime(2026, 11, 22, 3, 0, tzinfo=UTC)


def _facts() -> CaseClockFacts:
    return CaseClockFacts(
        received_at=NOW - timedelta(hours=2),
        incident_at=NOW - timedelta(hours=5),
        incident_certainty=TimeCertainty.EXACT,
        immediate_steps=(ImmediateStepFacts("separation", None),),
        dry_cells=(DryCellFacts(1, NOW - timedelta(hours=15), None),),
    )


def _by_kind(now: datetime) -> dict[DeadlineKind, DeadlinePresentation]:
    return {d.kind: present(d, now) for d in compute_deadlines(_facts(), now)}


def test_open_due_soon_and_overdue_read_differently() -> None:
    shown = _by_kind(NOW)
    separation = shown[DeadlineKind.IMMEDIATE_STEP]
    assert separation.severity is Severity.ALARM
    assert separation.text == (
        "Immediate step: Separation: OVERDUE, overdue by 1 h 00 min (was due 22 Nov 02:00 UTC)"
    )
    dry_cell = shown[DeadlineKind.DRY_CELL]
    assert dry_cell.severity is Severity.WARNING
    assert dry_cell.status_word == "Due soon"
    assert dry_cell.citation == "CPP 14.7 G.7"


def test_the_evidence_window_ends_rather_than_being_met() -> None:
    later = NOW + timedelta(days=3)
    window = _by_kind(later)[DeadlineKind.EVIDENCE_PRESERVATION]
    assert window.status_word == "Window ended"
    assert window.severity is Severity.CLOSED


def test_spans_are_short_and_plain() -> None:
    assert span_text(timedelta(days=2, hours=4, minutes=9)) == "2 d 4 h"
    assert span_text(timedelta(hours=5, minutes=7)) == "5 h 07 min"
    assert span_text(timedelta(minutes=12)) == "12 min"
    assert span_text(timedelta(seconds=40)) == "40 s"
    assert span_text(timedelta(seconds=-5)) == "0 s"
