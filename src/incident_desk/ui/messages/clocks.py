"""What the clocks are called on screen, with the policy paragraph behind each."""

from __future__ import annotations

from incident_desk.domain.deadlines import DeadlineKind

CLOCK_TITLES: dict[DeadlineKind, str] = {
    DeadlineKind.EVIDENCE_PRESERVATION: "48-hour evidence preservation window",
    DeadlineKind.DRY_CELL: "16-hour dry cell limit",
    DeadlineKind.OTHER_FACILITY_NOTICE: "72-hour notice to the other facility",
    DeadlineKind.IMMEDIATE_STEP: "Immediate step",
    DeadlineKind.INCIDENT_REVIEW: "30-day incident review",
    DeadlineKind.RETALIATION_MONITORING: "90-day retaliation monitoring",
    DeadlineKind.RETALIATION_CHECK: "Retaliation status check",
    DeadlineKind.MENTAL_HEALTH_EVALUATION: "60-day abuser mental health evaluation",
}

STEP_TITLES: dict[str, str] = {
    "victim_safety": "Victim safety",
    "separation": "Separation",
    "warden_notification": "Warden notified",
    "investigator_notification": "Investigator notified",
}

# Severity words shown beside the colour, so colour is never the only signal.
WORD_OVERDUE = "OVERDUE"
WORD_DUE_SOON = "Due soon"
WORD_UPCOMING = "Open"
WORD_MET = "Met"
WORD_CANCELLED = "Cancelled"
WORD_WINDOW_ENDED = "Window ended"
