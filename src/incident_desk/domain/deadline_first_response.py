"""The first-response clocks, one function per rule: evidence preservation (CPP 14.7 G.4), dry
cell placements (G.7), notice to another facility (G.10) and the immediate steps (G.3, G.9).

Each rule reads the case's facts as they stood at ``now`` and returns its deadlines;
``compute_deadlines`` in ``domain/deadlines.py`` gathers and orders them.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta

from incident_desk.domain.deadline_settings import DeadlineSettings
from incident_desk.domain.deadline_text import join_notes, words
from incident_desk.domain.deadline_timing import open_state, plus, task
from incident_desk.domain.deadline_types import (
    CaseClockFacts,
    Deadline,
    DeadlineKind,
    DeadlineState,
)
from incident_desk.domain.enums import TimeCertainty

__all__ = ["dry_cells", "evidence_preservation", "immediate_steps", "other_facility_notice"]


def evidence_preservation(
    facts: CaseClockFacts, now: datetime, settings: DeadlineSettings
) -> Deadline:
    """The evidence preservation window (G.4), cancelled when it never applied."""
    kind = DeadlineKind.EVIDENCE_PRESERVATION
    length = settings.length(kind)
    anchor, estimated, basis = _latest_plausible_incident(facts, length)
    due = plus(anchor, length)
    if due < facts.received_at:
        # G.4 applies only "if the incident occurred within the previous 48 hours": an incident
        # known to be older than that when reported never had a window to keep.
        prefix = "Even at the latest time it could have happened, the" if estimated else "The"
        note = (
            f"{prefix} incident was more than {words(length)} before the report was received, "
            "so the evidence preservation rule (CPP 14.7 G.4) does not apply."
        )
        return Deadline(
            kind, "", anchor, due, DeadlineState.CANCELLED, estimated=estimated, note=note
        )
    if now >= due:
        # A window, not a task (G.4): when it closes nothing is missed, the restrictions end.
        ended = f"The {words(length, adjective=True)} window has ended."
        return Deadline(
            kind,
            "",
            anchor,
            due,
            DeadlineState.MET,
            met_at=due,
            estimated=estimated,
            note=join_notes(basis, ended),
        )
    state = open_state(due, settings.warning(kind), now)
    return Deadline(kind, "", anchor, due, state, estimated=estimated, note=basis)


def _latest_plausible_incident(
    facts: CaseClockFacts, length: timedelta
) -> tuple[datetime, bool, str]:
    """The anchor of the preservation window, whether it is estimated, and how it was chosen.

    An uncertain time is resolved to the latest moment the incident could have happened, so the
    window stays open for as long as it could possibly apply (conservative reading of G.4). The
    incident cannot have happened after it was reported, so every anchor is at most the receipt.
    """
    window = words(length, adjective=True)
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
        about = f" (give or take {words(margin)})" if margin else ""
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


def dry_cells(facts: CaseClockFacts, now: datetime, settings: DeadlineSettings) -> list[Deadline]:
    """One clock per dry cell placement made by ``now`` (G.7)."""
    # G.7: an offender in a dry cell "shall not remain in this status longer than sixteen
    # hours"; each placement runs its own clock.
    kind = DeadlineKind.DRY_CELL
    length = settings.length(kind)
    found: list[Deadline] = []
    for placement in facts.dry_cells:
        if placement.placed_at > now:
            continue  # not placed yet at this moment of a replay
        deadline = task(
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
                    f'Still in the dry cell after {words(length)}: an offender "shall not remain '
                    'in this status longer than sixteen hours" (CPP 14.7 G.7).'
                ),
            )
        elif deadline.late:
            deadline = dataclasses.replace(
                deadline, note=f"Released after more than {words(length)} in the dry cell."
            )
        found.append(deadline)
    return found


def other_facility_notice(
    facts: CaseClockFacts, now: datetime, settings: DeadlineSettings
) -> list[Deadline]:
    """The notice to the facility where the abuse happened, when that was elsewhere (G.10)."""
    # G.10: only an allegation of abuse "while confined at another facility" calls for the
    # notice, within 72 hours of receiving it.
    if not facts.occurred_elsewhere:
        return []
    kind = DeadlineKind.OTHER_FACILITY_NOTICE
    deadline = task(
        kind, "", facts.received_at, now, settings, done_at=facts.other_facility_notified_at
    )
    if deadline.state is DeadlineState.OVERDUE:
        deadline = dataclasses.replace(
            deadline,
            note=(
                "The head of the facility where it happened has not been notified within "
                f"{words(settings.length(kind))} (CPP 14.7 G.10)."
            ),
        )
    return [deadline]


def immediate_steps(
    facts: CaseClockFacts, now: datetime, settings: DeadlineSettings
) -> list[Deadline]:
    """One clock per immediate first-response step (G.3, G.9)."""
    # G.3, G.9: safety, separation and notifications are due "immediately"; how long that may
    # take is an agency setting counted from the receipt of the allegation.
    kind = DeadlineKind.IMMEDIATE_STEP
    found: list[Deadline] = []
    for step in facts.immediate_steps:
        if step.not_applicable:
            # A step marked not applicable (with its reason, recorded elsewhere) is not owed.
            due = plus(facts.received_at, settings.length(kind))
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
            task(kind, step.step_key, facts.received_at, now, settings, done_at=step.completed_at)
        )
    return found
