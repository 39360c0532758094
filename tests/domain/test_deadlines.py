"""Example tests for the deadline engine: one or more worked cases per rule."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from incident_desk.domain.deadlines import (
    DEFAULT_SETTINGS,
    CaseClockFacts,
    Deadline,
    DeadlineKind,
    DeadlineSettings,
    DeadlineState,
    DryCellFacts,
    ImmediateStepFacts,
    by_urgency,
    compute_deadlines,
    most_urgent,
)
from incident_desk.domain.enums import Finding, TimeCertainty

H = timedelta(hours=1)
D = timedelta(days=1)
MIN = timedelta(minutes=1)
RECEIVED = datetime(2024, 3, 1, 12, 0, tzinfo=UTC)

K = DeadlineKind
S = DeadlineState


def make_facts(**changes: Any) -> CaseClockFacts:
    """A case reported at RECEIVED about an incident two hours earlier, nothing else recorded."""
    values: dict[str, Any] = {
        "received_at": RECEIVED,
        "incident_at": RECEIVED - 2 * H,
        "incident_certainty": TimeCertainty.EXACT,
    }
    values.update(changes)
    return CaseClockFacts(**values)


def only(deadlines: tuple[Deadline, ...], kind: DeadlineKind, subject: str = "") -> Deadline:
    matches = [d for d in deadlines if d.kind is kind and d.subject == subject]
    assert len(matches) == 1, matches
    return matches[0]


def kinds(deadlines: tuple[Deadline, ...]) -> list[DeadlineKind]:
    return [d.kind for d in deadlines]


def at(now: datetime, **changes: Any) -> tuple[Deadline, ...]:
    return compute_deadlines(make_facts(**changes), now)


# --- settings -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "length", "warning"),
    [
        (K.EVIDENCE_PRESERVATION, 48 * H, 6 * H),
        (K.DRY_CELL, 16 * H, 2 * H),
        (K.OTHER_FACILITY_NOTICE, 72 * H, 12 * H),
        (K.IMMEDIATE_STEP, 1 * H, 15 * MIN),
        (K.INCIDENT_REVIEW, 30 * D, 7 * D),
        (K.RETALIATION_MONITORING, 90 * D, 14 * D),
        (K.RETALIATION_CHECK, 30 * D, 7 * D),
        (K.MENTAL_HEALTH_EVALUATION, 60 * D, 14 * D),
    ],
)
def test_default_lengths_and_warnings(
    kind: DeadlineKind, length: timedelta, warning: timedelta
) -> None:
    assert DeadlineSettings().length(kind) == length
    assert DeadlineSettings().warning(kind) == warning


def test_settings_mapping_is_seconds_per_field() -> None:
    mapping = DeadlineSettings().as_mapping()
    assert mapping["dry_cell"] == 16 * 3600
    assert mapping["immediate_steps_warning"] == 15 * 60
    assert mapping["retaliation_check_interval"] == 30 * 86400
    assert all(isinstance(value, int) for value in mapping.values())
    assert len(mapping) == 16


def test_settings_round_trip() -> None:
    custom = DeadlineSettings(immediate_steps=2 * H, dry_cell_warning=30 * MIN)
    assert DeadlineSettings.from_mapping(custom.as_mapping()) == custom
    assert DeadlineSettings.from_mapping(DEFAULT_SETTINGS.as_mapping()) == DEFAULT_SETTINGS


def test_settings_from_mapping_ignores_unknown_and_defaults_missing() -> None:
    settings = DeadlineSettings.from_mapping({"immediate_steps": 1800, "colour": 3})
    assert settings.immediate_steps == 30 * MIN
    assert settings.dry_cell == 16 * H


@pytest.mark.parametrize(
    "name",
    [
        "evidence_preservation",
        "dry_cell",
        "other_facility_notice",
        "immediate_steps",
        "incident_review",
        "retaliation_monitoring",
        "retaliation_check_interval",
        "mental_health_evaluation",
    ],
)
@pytest.mark.parametrize("seconds", [0, -60])
def test_settings_reject_zero_or_negative_length(name: str, seconds: int) -> None:
    with pytest.raises(ValueError, match=name):
        DeadlineSettings.from_mapping({name: seconds})


def test_settings_reject_negative_warning_but_allow_zero() -> None:
    with pytest.raises(ValueError, match="dry_cell_warning"):
        DeadlineSettings.from_mapping({"dry_cell_warning": -1})
    assert DeadlineSettings.from_mapping({"dry_cell_warning": 0}).dry_cell_warning == timedelta(0)


def test_settings_reject_non_integer_seconds() -> None:
    with pytest.raises(ValueError, match="immediate_steps"):
        DeadlineSettings.from_mapping({"immediate_steps": "3600"})  # type: ignore[dict-item]
    with pytest.raises(ValueError, match="dry_cell"):
        DeadlineSettings.from_mapping({"dry_cell": True})


def test_settings_constructor_validates_too() -> None:
    with pytest.raises(ValueError, match="incident_review"):
        DeadlineSettings(incident_review=timedelta(0))


def test_zero_warning_skips_due_soon() -> None:
    settings = DeadlineSettings(immediate_steps_warning=timedelta(0))
    facts = make_facts(immediate_steps=(ImmediateStepFacts("safety", None),))
    step = only(compute_deadlines(facts, RECEIVED + H - MIN, settings), K.IMMEDIATE_STEP, "safety")
    assert step.state is S.UPCOMING


# --- evidence preservation (G.4) ------------------------------------------------------------


def test_preservation_counts_from_exact_incident_time() -> None:
    window = only(at(RECEIVED), K.EVIDENCE_PRESERVATION)
    assert window.anchor_at == RECEIVED - 2 * H
    assert window.due_at == RECEIVED + 46 * H
    assert window.state is S.UPCOMING
    assert not window.estimated
    assert window.note == ""


def test_preservation_due_soon_in_last_six_hours() -> None:
    assert only(at(RECEIVED + 40 * H), K.EVIDENCE_PRESERVATION).state is S.DUE_SOON
    assert only(at(RECEIVED + 39 * H), K.EVIDENCE_PRESERVATION).state is S.UPCOMING


@pytest.mark.parametrize("after", [timedelta(0), H, 30 * D])
def test_preservation_window_ends_met_never_overdue(after: timedelta) -> None:
    window = only(at(RECEIVED + 46 * H + after), K.EVIDENCE_PRESERVATION)
    assert window.state is S.MET
    assert window.met_at == window.due_at
    assert not window.late
    assert "window has ended" in window.note


def test_preservation_cancelled_when_incident_older_than_window() -> None:
    window = only(at(RECEIVED, incident_at=RECEIVED - 49 * H), K.EVIDENCE_PRESERVATION)
    assert window.state is S.CANCELLED
    assert "more than 48 hours before the report" in window.note
    assert "G.4" in window.note
    assert window.due_at == window.anchor_at + 48 * H


def test_preservation_exactly_at_limit_still_applies() -> None:
    # "within the previous 48 hours" includes the 48th hour; only older is cancelled.
    window = only(at(RECEIVED, incident_at=RECEIVED - 48 * H), K.EVIDENCE_PRESERVATION)
    assert window.state is S.MET
    assert window.due_at == RECEIVED


def test_preservation_unknown_time_counts_from_receipt() -> None:
    window = only(
        at(RECEIVED, incident_at=None, incident_certainty=TimeCertainty.UNKNOWN),
        K.EVIDENCE_PRESERVATION,
    )
    assert window.anchor_at == RECEIVED
    assert window.due_at == RECEIVED + 48 * H
    assert window.estimated
    assert window.note == (
        "Incident time unknown: the 48-hour window is counted from when the report was received."
    )


def test_preservation_unknown_certainty_ignores_any_recorded_time() -> None:
    window = only(
        at(RECEIVED, incident_at=RECEIVED - 100 * H, incident_certainty=TimeCertainty.UNKNOWN),
        K.EVIDENCE_PRESERVATION,
    )
    assert window.anchor_at == RECEIVED
    assert window.state is S.UPCOMING


def test_preservation_approximate_uses_latest_plausible_time() -> None:
    window = only(
        at(
            RECEIVED,
            incident_at=RECEIVED - 10 * H,
            incident_certainty=TimeCertainty.APPROXIMATE,
            incident_margin=3 * H,
        ),
        K.EVIDENCE_PRESERVATION,
    )
    assert window.anchor_at == RECEIVED - 7 * H
    assert window.due_at == RECEIVED + 41 * H
    assert window.estimated
    assert "approximate (give or take 3 hours)" in window.note
    assert "latest time the incident could have happened" in window.note


def test_preservation_approximate_never_after_receipt() -> None:
    window = only(
        at(
            RECEIVED,
            incident_at=RECEIVED - H,
            incident_certainty=TimeCertainty.APPROXIMATE,
            incident_margin=4 * H,
        ),
        K.EVIDENCE_PRESERVATION,
    )
    assert window.anchor_at == RECEIVED
    assert "from when the report was received" in window.note


def test_preservation_approximate_margin_keeps_window_open() -> None:
    # 50 hours before is too old if exact, but within the window if it may be 6 hours later.
    window = only(
        at(
            RECEIVED,
            incident_at=RECEIVED - 50 * H,
            incident_certainty=TimeCertainty.APPROXIMATE,
            incident_margin=6 * H,
        ),
        K.EVIDENCE_PRESERVATION,
    )
    assert window.state is S.DUE_SOON
    assert window.due_at == RECEIVED + 4 * H


def test_preservation_approximate_cancelled_when_even_latest_is_too_old() -> None:
    window = only(
        at(
            RECEIVED,
            incident_at=RECEIVED - 60 * H,
            incident_certainty=TimeCertainty.APPROXIMATE,
            incident_margin=6 * H,
        ),
        K.EVIDENCE_PRESERVATION,
    )
    assert window.state is S.CANCELLED
    assert window.estimated
    assert window.note.startswith("Even at the latest time it could have happened")


def test_preservation_approximate_without_time_is_treated_as_unknown() -> None:
    window = only(
        at(RECEIVED, incident_at=None, incident_certainty=TimeCertainty.APPROXIMATE),
        K.EVIDENCE_PRESERVATION,
    )
    assert window.anchor_at == RECEIVED
    assert window.estimated


def test_preservation_exact_time_after_receipt_is_clamped() -> None:
    window = only(at(RECEIVED, incident_at=RECEIVED + 3 * H), K.EVIDENCE_PRESERVATION)
    assert window.anchor_at == RECEIVED
    assert not window.estimated
    assert "after the report was received" in window.note


def test_preservation_follows_setting_in_notes() -> None:
    settings = DeadlineSettings(evidence_preservation=72 * H)
    facts = make_facts(incident_at=None, incident_certainty=TimeCertainty.UNKNOWN)
    window = only(compute_deadlines(facts, RECEIVED, settings), K.EVIDENCE_PRESERVATION)
    assert window.due_at == RECEIVED + 72 * H
    assert "72-hour window" in window.note


# --- dry cell (G.7) -------------------------------------------------------------------------


def test_dry_cell_one_deadline_per_placement_in_numeric_order() -> None:
    cells = (
        DryCellFacts(10, RECEIVED + H, None),
        DryCellFacts(9, RECEIVED, RECEIVED + 4 * H),
    )
    found = [d for d in at(RECEIVED + 5 * H, dry_cells=cells) if d.kind is K.DRY_CELL]
    assert [d.subject for d in found] == ["9", "10"]
    assert found[0].state is S.MET
    assert found[0].met_at == RECEIVED + 4 * H
    assert not found[0].late
    assert found[1].anchor_at == RECEIVED + H
    assert found[1].due_at == RECEIVED + 17 * H
    assert found[1].state is S.UPCOMING


def test_dry_cell_warns_then_overdue() -> None:
    cells = (DryCellFacts(1, RECEIVED, None),)
    assert only(at(RECEIVED + 14 * H, dry_cells=cells), K.DRY_CELL, "1").state is S.DUE_SOON
    overdue = only(at(RECEIVED + 16 * H, dry_cells=cells), K.DRY_CELL, "1")
    assert overdue.state is S.OVERDUE
    assert "sixteen hours" in overdue.note
    assert "G.7" in overdue.note


def test_dry_cell_released_late() -> None:
    cells = (DryCellFacts(1, RECEIVED, RECEIVED + 17 * H),)
    cell = only(at(RECEIVED + 20 * H, dry_cells=cells), K.DRY_CELL, "1")
    assert cell.state is S.MET
    assert cell.late
    assert "more than 16 hours" in cell.note


def test_dry_cell_release_recorded_after_now_is_not_yet_met() -> None:
    cells = (DryCellFacts(1, RECEIVED, RECEIVED + 10 * H),)
    cell = only(at(RECEIVED + 5 * H, dry_cells=cells), K.DRY_CELL, "1")
    assert cell.state is S.UPCOMING
    assert cell.met_at is None


def test_dry_cell_placement_after_now_is_not_shown() -> None:
    cells = (DryCellFacts(1, RECEIVED + 3 * H, None),)
    assert K.DRY_CELL not in kinds(at(RECEIVED + H, dry_cells=cells))


# --- other-facility notice (G.10) -----------------------------------------------------------


def test_other_facility_notice_only_when_elsewhere() -> None:
    assert K.OTHER_FACILITY_NOTICE not in kinds(at(RECEIVED))
    notice = only(at(RECEIVED, occurred_elsewhere=True), K.OTHER_FACILITY_NOTICE)
    assert notice.anchor_at == RECEIVED
    assert notice.due_at == RECEIVED + 72 * H
    assert notice.state is S.UPCOMING


def test_other_facility_notice_states() -> None:
    assert (
        only(at(RECEIVED + 60 * H, occurred_elsewhere=True), K.OTHER_FACILITY_NOTICE).state
        is S.DUE_SOON
    )
    overdue = only(at(RECEIVED + 72 * H, occurred_elsewhere=True), K.OTHER_FACILITY_NOTICE)
    assert overdue.state is S.OVERDUE
    assert "G.10" in overdue.note
    met = only(
        at(RECEIVED + 80 * H, occurred_elsewhere=True, other_facility_notified_at=RECEIVED + D),
        K.OTHER_FACILITY_NOTICE,
    )
    assert met.state is S.MET
    assert not met.late
    late = only(
        at(
            RECEIVED + 80 * H,
            occurred_elsewhere=True,
            other_facility_notified_at=RECEIVED + 73 * H,
        ),
        K.OTHER_FACILITY_NOTICE,
    )
    assert late.state is S.MET
    assert late.late
    assert late.met_at == RECEIVED + 73 * H


# --- immediate steps (G.3, G.9) -------------------------------------------------------------


def test_immediate_steps_one_each_sorted_by_key() -> None:
    steps = (
        ImmediateStepFacts("separation", None),
        ImmediateStepFacts("notify_warden", RECEIVED + 20 * MIN),
        ImmediateStepFacts("scene", None, not_applicable=True),
    )
    found = at(RECEIVED + 30 * MIN, immediate_steps=steps)
    steps_found = [d for d in found if d.kind is K.IMMEDIATE_STEP]
    assert [d.subject for d in steps_found] == ["notify_warden", "scene", "separation"]
    assert all(d.due_at == RECEIVED + H for d in steps_found)
    assert [d.state for d in steps_found] == [S.MET, S.CANCELLED, S.UPCOMING]
    assert steps_found[1].note == "Marked not applicable."


def test_immediate_step_due_soon_overdue_and_late() -> None:
    steps = (ImmediateStepFacts("safety", RECEIVED + 2 * H),)
    assert (
        only(at(RECEIVED + 45 * MIN, immediate_steps=steps), K.IMMEDIATE_STEP, "safety").state
        is S.DUE_SOON
    )
    assert (
        only(at(RECEIVED + H, immediate_steps=steps), K.IMMEDIATE_STEP, "safety").state is S.OVERDUE
    )
    late = only(at(RECEIVED + 3 * H, immediate_steps=steps), K.IMMEDIATE_STEP, "safety")
    assert late.state is S.MET
    assert late.late
    assert late.note == "Done after the deadline."


def test_immediate_step_met_exactly_at_limit_is_not_late() -> None:
    steps = (ImmediateStepFacts("safety", RECEIVED + H),)
    step = only(at(RECEIVED + H, immediate_steps=steps), K.IMMEDIATE_STEP, "safety")
    assert step.state is S.MET
    assert not step.late


def test_immediate_step_length_is_an_agency_setting() -> None:
    settings = DeadlineSettings(immediate_steps=2 * H)
    facts = make_facts(immediate_steps=(ImmediateStepFacts("safety", None),))
    step = only(compute_deadlines(facts, RECEIVED + 90 * MIN, settings), K.IMMEDIATE_STEP, "safety")
    assert step.due_at == RECEIVED + 2 * H
    assert step.state is S.UPCOMING


# --- incident review (I) --------------------------------------------------------------------

CONCLUDED = RECEIVED + 20 * D


def test_incident_review_absent_until_investigation_concludes() -> None:
    assert K.INCIDENT_REVIEW not in kinds(at(RECEIVED + 10 * D))
    # A conclusion recorded after "now" has not happened yet at "now".
    assert K.INCIDENT_REVIEW not in kinds(
        at(RECEIVED + 10 * D, investigation_concluded_at=CONCLUDED)
    )


@pytest.mark.parametrize("finding", [Finding.SUBSTANTIATED, Finding.UNSUBSTANTIATED, None])
def test_incident_review_due_thirty_days_after_conclusion(finding: Finding | None) -> None:
    review = only(
        at(CONCLUDED + D, investigation_concluded_at=CONCLUDED, finding=finding),
        K.INCIDENT_REVIEW,
    )
    assert review.anchor_at == CONCLUDED
    assert review.due_at == CONCLUDED + 30 * D
    assert review.state is S.UPCOMING


def test_incident_review_states() -> None:
    base = {"investigation_concluded_at": CONCLUDED, "finding": Finding.SUBSTANTIATED}
    assert only(at(CONCLUDED + 24 * D, **base), K.INCIDENT_REVIEW).state is S.DUE_SOON
    assert only(at(CONCLUDED + 30 * D, **base), K.INCIDENT_REVIEW).state is S.OVERDUE
    held = only(
        at(CONCLUDED + 40 * D, incident_review_held_at=CONCLUDED + 10 * D, **base),
        K.INCIDENT_REVIEW,
    )
    assert held.state is S.MET
    assert not held.late
    late = only(
        at(CONCLUDED + 40 * D, incident_review_held_at=CONCLUDED + 35 * D, **base),
        K.INCIDENT_REVIEW,
    )
    assert late.late


def test_incident_review_cancelled_when_unfounded() -> None:
    review = only(
        at(CONCLUDED + D, investigation_concluded_at=CONCLUDED, finding=Finding.UNFOUNDED),
        K.INCIDENT_REVIEW,
    )
    assert review.state is S.CANCELLED
    assert "unless the allegation was determined to be unfounded" in review.note
    assert "CPP 14.7 I" in review.note


# --- retaliation monitoring and checks (K) --------------------------------------------------


def test_monitoring_always_present_for_ninety_days() -> None:
    found = at(RECEIVED)
    monitoring = only(found, K.RETALIATION_MONITORING)
    assert monitoring.anchor_at == RECEIVED
    assert monitoring.due_at == RECEIVED + 90 * D
    assert monitoring.state is S.UPCOMING
    assert only(at(RECEIVED + 80 * D), K.RETALIATION_MONITORING).state is S.DUE_SOON


def test_monitoring_met_after_ninety_days() -> None:
    monitoring = only(at(RECEIVED + 100 * D), K.RETALIATION_MONITORING)
    assert monitoring.state is S.MET
    assert monitoring.met_at == RECEIVED + 90 * D
    assert not monitoring.late
    assert K.RETALIATION_CHECK not in kinds(at(RECEIVED + 100 * D))


def test_monitoring_met_at_recorded_end() -> None:
    monitoring = only(
        at(RECEIVED + 100 * D, retaliation_ended_at=RECEIVED + 95 * D), K.RETALIATION_MONITORING
    )
    assert monitoring.state is S.MET
    assert monitoring.met_at == RECEIVED + 95 * D


def test_monitoring_ended_early_is_overdue() -> None:
    found = at(RECEIVED + 61 * D, retaliation_ended_at=RECEIVED + 60 * D)
    monitoring = only(found, K.RETALIATION_MONITORING)
    assert monitoring.state is S.OVERDUE
    assert "ended before 90 days" in monitoring.note
    assert K.RETALIATION_CHECK not in kinds(found)
    # Still overdue after the 90 days have passed: the minimum was never met.
    assert (
        only(
            at(RECEIVED + 120 * D, retaliation_ended_at=RECEIVED + 60 * D), K.RETALIATION_MONITORING
        ).state
        is S.OVERDUE
    )


def test_monitoring_end_recorded_after_now_is_ignored() -> None:
    monitoring = only(
        at(RECEIVED + 30 * D, retaliation_ended_at=RECEIVED + 60 * D), K.RETALIATION_MONITORING
    )
    assert monitoring.state is S.UPCOMING


def test_monitoring_cancelled_by_unfounded_finding() -> None:
    found = at(
        RECEIVED + 41 * D,
        investigation_concluded_at=RECEIVED + 40 * D,
        finding=Finding.UNFOUNDED,
    )
    monitoring = only(found, K.RETALIATION_MONITORING)
    assert monitoring.state is S.CANCELLED
    assert "an unfounded finding ends monitoring" in monitoring.note
    assert K.RETALIATION_CHECK not in kinds(found)


def test_monitoring_not_cancelled_before_finding_is_reached() -> None:
    monitoring = only(
        at(
            RECEIVED + 10 * D,
            investigation_concluded_at=RECEIVED + 40 * D,
            finding=Finding.UNFOUNDED,
        ),
        K.RETALIATION_MONITORING,
    )
    assert monitoring.state is S.UPCOMING


def test_monitoring_ended_early_then_unfounded_is_cancelled() -> None:
    monitoring = only(
        at(
            RECEIVED + 130 * D,
            retaliation_ended_at=RECEIVED + 30 * D,
            investigation_concluded_at=RECEIVED + 120 * D,
            finding=Finding.UNFOUNDED,
        ),
        K.RETALIATION_MONITORING,
    )
    assert monitoring.state is S.CANCELLED


def test_monitoring_completed_before_unfounded_finding_stays_met() -> None:
    monitoring = only(
        at(
            RECEIVED + 130 * D,
            investigation_concluded_at=RECEIVED + 120 * D,
            finding=Finding.UNFOUNDED,
        ),
        K.RETALIATION_MONITORING,
    )
    assert monitoring.state is S.MET


def test_first_retaliation_check_counts_from_receipt() -> None:
    check = only(at(RECEIVED + D), K.RETALIATION_CHECK)
    assert check.anchor_at == RECEIVED
    assert check.due_at == RECEIVED + 30 * D
    assert check.state is S.UPCOMING
    assert check.note == "No status check recorded yet."
    assert only(at(RECEIVED + 31 * D), K.RETALIATION_CHECK).state is S.OVERDUE


def test_next_retaliation_check_counts_from_latest_past_check() -> None:
    checks = (RECEIVED + 25 * D, RECEIVED + 10 * D, RECEIVED + 70 * D)
    check = only(at(RECEIVED + 50 * D, retaliation_checks=checks), K.RETALIATION_CHECK)
    assert check.anchor_at == RECEIVED + 25 * D
    assert check.due_at == RECEIVED + 55 * D
    assert check.state is S.DUE_SOON
    assert check.note == ""


def test_retaliation_check_interval_is_a_setting() -> None:
    settings = DeadlineSettings(retaliation_check_interval=14 * D)
    check = only(compute_deadlines(make_facts(), RECEIVED, settings), K.RETALIATION_CHECK)
    assert check.due_at == RECEIVED + 14 * D


# --- mental health evaluation (E.3) ---------------------------------------------------------

KNOWN = RECEIVED + 2 * D


def test_mental_health_evaluation_only_when_abuser_known() -> None:
    assert K.MENTAL_HEALTH_EVALUATION not in kinds(at(RECEIVED + 5 * D))
    assert K.MENTAL_HEALTH_EVALUATION not in kinds(at(RECEIVED + D, abuse_known_at=KNOWN))
    evaluation = only(at(KNOWN, abuse_known_at=KNOWN), K.MENTAL_HEALTH_EVALUATION)
    assert evaluation.anchor_at == KNOWN
    assert evaluation.due_at == KNOWN + 60 * D
    assert evaluation.state is S.UPCOMING


def test_mental_health_evaluation_states() -> None:
    assert (
        only(at(KNOWN + 50 * D, abuse_known_at=KNOWN), K.MENTAL_HEALTH_EVALUATION).state
        is S.DUE_SOON
    )
    assert (
        only(at(KNOWN + 60 * D, abuse_known_at=KNOWN), K.MENTAL_HEALTH_EVALUATION).state
        is S.OVERDUE
    )
    met = only(
        at(KNOWN + 70 * D, abuse_known_at=KNOWN, mental_health_evaluated_at=KNOWN + 20 * D),
        K.MENTAL_HEALTH_EVALUATION,
    )
    assert met.state is S.MET
    assert not met.late
    late = only(
        at(KNOWN + 70 * D, abuse_known_at=KNOWN, mental_health_evaluated_at=KNOWN + 65 * D),
        K.MENTAL_HEALTH_EVALUATION,
    )
    assert late.late


def test_mental_health_evaluation_cancelled_when_unfounded() -> None:
    evaluation = only(
        at(
            KNOWN + 30 * D,
            abuse_known_at=KNOWN,
            investigation_concluded_at=KNOWN + 20 * D,
            finding=Finding.UNFOUNDED,
        ),
        K.MENTAL_HEALTH_EVALUATION,
    )
    assert evaluation.state is S.CANCELLED
    assert "unfounded" in evaluation.note


def test_mental_health_evaluation_done_before_unfounded_finding_stays_met() -> None:
    evaluation = only(
        at(
            KNOWN + 30 * D,
            abuse_known_at=KNOWN,
            mental_health_evaluated_at=KNOWN + 10 * D,
            investigation_concluded_at=KNOWN + 20 * D,
            finding=Finding.UNFOUNDED,
        ),
        K.MENTAL_HEALTH_EVALUATION,
    )
    assert evaluation.state is S.MET


# --- output, Deadline and most_urgent -------------------------------------------------------


def test_output_follows_kind_order() -> None:
    found = at(
        RECEIVED + 25 * D,
        occurred_elsewhere=True,
        immediate_steps=(ImmediateStepFacts("b", None), ImmediateStepFacts("a", None)),
        dry_cells=(DryCellFacts(1, RECEIVED, None),),
        investigation_concluded_at=RECEIVED + 20 * D,
        finding=Finding.SUBSTANTIATED,
        abuse_known_at=RECEIVED,
    )
    assert kinds(found) == [
        K.EVIDENCE_PRESERVATION,
        K.DRY_CELL,
        K.OTHER_FACILITY_NOTICE,
        K.IMMEDIATE_STEP,
        K.IMMEDIATE_STEP,
        K.INCIDENT_REVIEW,
        K.RETALIATION_MONITORING,
        K.RETALIATION_CHECK,
        K.MENTAL_HEALTH_EVALUATION,
    ]
    assert [d.subject for d in found if d.kind is K.IMMEDIATE_STEP] == ["a", "b"]


def test_naive_times_are_taken_as_utc() -> None:
    naive = RECEIVED.replace(tzinfo=None)
    found = compute_deadlines(CaseClockFacts(naive, naive - H, TimeCertainty.EXACT), naive + H)
    window = only(found, K.EVIDENCE_PRESERVATION)
    assert window.due_at == RECEIVED + 47 * H
    assert window.due_at.tzinfo is UTC


def test_remaining_and_is_open() -> None:
    window = only(at(RECEIVED), K.EVIDENCE_PRESERVATION)
    assert window.remaining(RECEIVED) == 46 * H
    assert window.remaining(RECEIVED + 50 * H) == -4 * H
    assert window.is_open
    for state in S:
        deadline = Deadline(K.DRY_CELL, "1", RECEIVED, RECEIVED + H, state)
        assert deadline.is_open is (state in (S.UPCOMING, S.DUE_SOON, S.OVERDUE))


def test_citations() -> None:
    assert K.DRY_CELL.citation == "CPP 14.7 G.7"
    assert K.MENTAL_HEALTH_EVALUATION.citation == "CPP 14.7 E.3"
    assert all(kind.citation.startswith("CPP 14.7 ") for kind in K)


def test_most_urgent_none_when_nothing_open() -> None:
    assert most_urgent([], RECEIVED) is None
    closed = [
        Deadline(K.DRY_CELL, "1", RECEIVED, RECEIVED + H, S.MET, met_at=RECEIVED),
        Deadline(K.DRY_CELL, "2", RECEIVED, RECEIVED + H, S.CANCELLED),
    ]
    assert most_urgent(closed, RECEIVED) is None


def test_most_urgent_prefers_due_soon_over_earlier_upcoming() -> None:
    # The review is due in 6 days (inside its 7-day warning); the step is due in 40 minutes
    # but not yet inside its 15-minute warning.
    now = CONCLUDED + 24 * D
    facts = make_facts(
        received_at=now - 20 * MIN,
        incident_at=None,
        incident_certainty=TimeCertainty.UNKNOWN,
        immediate_steps=(ImmediateStepFacts("safety", None),),
        investigation_concluded_at=CONCLUDED,
        finding=Finding.SUBSTANTIATED,
    )
    found = compute_deadlines(facts, now)
    assert only(found, K.IMMEDIATE_STEP, "safety").state is S.UPCOMING
    urgent = most_urgent(found, now)
    assert urgent is not None
    assert urgent.kind is K.INCIDENT_REVIEW
    assert urgent.state is S.DUE_SOON


def test_most_urgent_overdue_first_then_earliest_due() -> None:
    steps = (ImmediateStepFacts("b", None), ImmediateStepFacts("a", None))
    cells = (DryCellFacts(1, RECEIVED + 30 * MIN, None),)
    now = RECEIVED + 17 * H
    found = at(now, immediate_steps=steps, dry_cells=cells)
    urgent = most_urgent(found, now)
    assert urgent is not None
    assert (urgent.kind, urgent.subject) == (K.IMMEDIATE_STEP, "a")
    ordered = by_urgency(found, now)
    assert [(d.kind, d.subject) for d in ordered[:3]] == [
        (K.IMMEDIATE_STEP, "a"),
        (K.IMMEDIATE_STEP, "b"),
        (K.DRY_CELL, "1"),
    ]


def test_most_urgent_treats_stale_open_deadline_as_overdue() -> None:
    stale = Deadline(K.INCIDENT_REVIEW, "", RECEIVED, RECEIVED + H, S.UPCOMING)
    due_soon = Deadline(K.DRY_CELL, "1", RECEIVED, RECEIVED + 5 * H, S.DUE_SOON)
    assert most_urgent([due_soon, stale], RECEIVED + 2 * H) is stale


def test_by_urgency_puts_closed_last() -> None:
    met = Deadline(K.DRY_CELL, "1", RECEIVED, RECEIVED, S.MET, met_at=RECEIVED)
    upcoming = Deadline(K.DRY_CELL, "2", RECEIVED, RECEIVED + 9 * D, S.UPCOMING)
    assert by_urgency([met, upcoming], RECEIVED) == (upcoming, met)
