"""The clocks after the first response, one function per rule: the incident review (CPP 14.7 I),
retaliation monitoring and its status checks (K) and the abuser's mental health evaluation (E.3).

Each rule reads the case's facts as they stood at ``now`` and returns its deadlines;
``compute_deadlines`` in ``domain/deadlines.py`` gathers and orders them.
"""

from __future__ import annotations

from datetime import datetime

from incident_desk.domain.deadline_settings import DeadlineSettings
from incident_desk.domain.deadline_text import words
from incident_desk.domain.deadline_timing import happened, open_state, plus, task, unfounded_at
from incident_desk.domain.deadline_types import (
    CaseClockFacts,
    Deadline,
    DeadlineKind,
    DeadlineState,
)
from incident_desk.domain.enums import Finding

__all__ = ["incident_review", "mental_health_evaluation", "retaliation"]


def incident_review(
    facts: CaseClockFacts, now: datetime, settings: DeadlineSettings
) -> list[Deadline]:
    """The incident review once the investigation has concluded (I)."""
    # I: a review "within 30 days of the conclusion of every sexual abuse investigation";
    # there is nothing to count from until the investigation has concluded.
    concluded = happened(facts.investigation_concluded_at, now)
    if concluded is None:
        return []
    kind = DeadlineKind.INCIDENT_REVIEW
    if facts.finding is Finding.UNFOUNDED:
        due = plus(concluded, settings.length(kind))
        note = (
            'No review is due: CPP 14.7 I requires one "unless the allegation was determined '
            'to be unfounded".'
        )
        return [Deadline(kind, "", concluded, due, DeadlineState.CANCELLED, note=note)]
    return [task(kind, "", concluded, now, settings, done_at=facts.incident_review_held_at)]


def retaliation(facts: CaseClockFacts, now: datetime, settings: DeadlineSettings) -> list[Deadline]:
    """Retaliation monitoring and, while it runs, the next status check (K)."""
    # K: monitoring "for at least 90 days following an incident of sexual abuse", counted from
    # the allegation because that is when the facility learns of the incident.
    kind = DeadlineKind.RETALIATION_MONITORING
    length = settings.length(kind)
    anchor = facts.received_at
    due = plus(anchor, length)
    ended = happened(facts.retaliation_ended_at, now)
    ended_early = ended is not None and ended < due
    unfounded = unfounded_at(facts, now)
    # An unfounded finding means there was no incident to protect anyone after (K), so it ends
    # monitoring; but 90 days already completed before the finding stay met, so that a met
    # obligation is never rewritten by a later record.
    if unfounded is not None and (ended_early or unfounded < due):
        note = (
            "Monitoring is no longer required: the investigation found the allegation "
            "unfounded, and an unfounded finding ends monitoring."
        )
        return [Deadline(kind, "", anchor, due, DeadlineState.CANCELLED, note=note)]
    if ended_early:
        note = (
            f"Monitoring ended before {words(length)}; CPP 14.7 K requires at least "
            f"{words(length)}."
        )
        return [Deadline(kind, "", anchor, due, DeadlineState.OVERDUE, note=note)]
    if now >= due:
        note = f"Monitored for the required {words(length)}."
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
    monitoring = Deadline(kind, "", anchor, due, open_state(due, settings.warning(kind), now))
    return [monitoring, _next_retaliation_check(facts, now, settings)]


def _next_retaliation_check(
    facts: CaseClockFacts, now: datetime, settings: DeadlineSettings
) -> Deadline:
    # K: "periodic status checks shall be conducted" while monitoring runs; the next one is
    # owed one interval after the latest check (or after the report, before the first check).
    kind = DeadlineKind.RETALIATION_CHECK
    done = [check for check in facts.retaliation_checks if check <= now]
    anchor = max([facts.received_at, *done])
    due = plus(anchor, settings.length(kind))
    note = "" if done else "No status check recorded yet."
    return Deadline(kind, "", anchor, due, open_state(due, settings.warning(kind), now), note=note)


def mental_health_evaluation(
    facts: CaseClockFacts, now: datetime, settings: DeadlineSettings
) -> list[Deadline]:
    """The known abuser's mental health evaluation (E.3)."""
    # E.3: an evaluation of a known offender-on-offender perpetrator "within 60 days of
    # learning of such abuse"; the clock exists only once such an abuser is known.
    known = happened(facts.abuse_known_at, now)
    if known is None:
        return []
    kind = DeadlineKind.MENTAL_HEALTH_EVALUATION
    evaluated = happened(facts.mental_health_evaluated_at, now)
    unfounded = unfounded_at(facts, now)
    # An unfounded finding means there was no abuse to learn of; an evaluation already done
    # before that finding stays met.
    if unfounded is not None and (evaluated is None or evaluated > unfounded):
        due = plus(known, settings.length(kind))
        note = "No evaluation is due: the investigation found the allegation unfounded."
        return [Deadline(kind, "", known, due, DeadlineState.CANCELLED, note=note)]
    return [task(kind, "", known, now, settings, done_at=evaluated)]
