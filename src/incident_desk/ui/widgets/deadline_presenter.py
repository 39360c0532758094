"""How a deadline reads on screen: a title, a live remaining/overdue text, a severity.

The domain computes the deadline; this only words it, so every screen (banner, dashboard, case
list) says the same thing the same way, and colour always comes with words.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum

from incident_desk.domain.deadlines import Deadline, DeadlineKind, DeadlineState
from incident_desk.ui.messages.clocks import (
    CLOCK_TITLES,
    STEP_TITLES,
    WORD_CANCELLED,
    WORD_DUE_SOON,
    WORD_MET,
    WORD_OVERDUE,
    WORD_UPCOMING,
    WORD_WINDOW_ENDED,
)


class Severity(Enum):
    """NORMAL open, WARNING due soon (amber), ALARM overdue (red), CLOSED met or cancelled."""

    NORMAL = "normal"
    WARNING = "warning"
    ALARM = "alarm"
    CLOSED = "closed"


@dataclass(frozen=True)
class DeadlinePresentation:
    title: str
    status_word: str
    detail: str  # e.g. "5 h 12 min left (until 22 Nov 07:00)" or "overdue by 1 h 03 min"
    severity: Severity
    citation: str
    note: str

    @property
    def text(self) -> str:
        """One line for lists and accessible names."""
        return f"{self.title}: {self.status_word}, {self.detail}"


def span_text(span: timedelta) -> str:
    """A short duration: "2 d 4 h", "5 h 07 min", "12 min", "40 s"."""
    seconds = max(0, int(span.total_seconds()))
    days, rest = divmod(seconds, 86_400)
    hours, rest = divmod(rest, 3_600)
    minutes, secs = divmod(rest, 60)
    if days:
        return f"{days} d {hours} h"
    if hours:
        return f"{hours} h {minutes:02d} min"
    if minutes:
        return f"{minutes} min"
    return f"{secs} s"


def _title(deadline: Deadline) -> str:
    title = CLOCK_TITLES[deadline.kind]
    if deadline.kind is DeadlineKind.IMMEDIATE_STEP:
        step = STEP_TITLES.get(deadline.subject, deadline.subject.replace("_", " ").capitalize())
        return f"{title}: {step}"
    if deadline.kind is DeadlineKind.DRY_CELL and deadline.subject:
        return f"{title} (placement {deadline.subject})"
    return title


def present(deadline: Deadline, now: datetime) -> DeadlinePresentation:
    remaining = deadline.due_at - now
    due = f"{deadline.due_at:%d %b %H:%M} UTC"
    if deadline.state is DeadlineState.MET:
        # The 48-hour window is not a task: when it closes it has ended, not been "met".
        window = deadline.kind is DeadlineKind.EVIDENCE_PRESERVATION
        word = WORD_WINDOW_ENDED if window else WORD_MET
        late = " (late)" if deadline.late else ""
        detail = f"at {deadline.met_at:%d %b %H:%M} UTC{late}" if deadline.met_at else due
        severity = Severity.CLOSED
    elif deadline.state is DeadlineState.CANCELLED:
        word, detail, severity = (
            WORD_CANCELLED,
            deadline.note or "no longer required",
            Severity.CLOSED,
        )
    elif deadline.state is DeadlineState.OVERDUE or remaining <= timedelta(0):
        word, detail = WORD_OVERDUE, f"overdue by {span_text(-remaining)} (was due {due})"
        severity = Severity.ALARM
    elif deadline.state is DeadlineState.DUE_SOON:
        word, detail = WORD_DUE_SOON, f"{span_text(remaining)} left (until {due})"
        severity = Severity.WARNING
    else:
        word, detail = WORD_UPCOMING, f"{span_text(remaining)} left (until {due})"
        severity = Severity.NORMAL
    return DeadlinePresentation(
        title=_title(deadline),
        status_word=word,
        detail=detail,
        severity=severity,
        citation=deadline.kind.citation,
        note=deadline.note,
    )
