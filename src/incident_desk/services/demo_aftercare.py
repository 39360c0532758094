"""What follows the first response in a demo case (CPP 14.7 E.3, H, I, K): the assigned
investigator and the investigation, the scene's release, retaliation monitoring with its
checks, the abuser's mental health evaluation and, once closed, the finding told to the
victim and the incident review (none after an unfounded finding).
"""

from __future__ import annotations

from datetime import datetime

from incident_desk.domain.enums import (
    CaseStatus,
    Finding,
    PersonKind,
    RetaliationStatus,
    VictimNoticeKind,
)
from incident_desk.services.demo_cases import CaseDraft, CaseWriter
from incident_desk.services.demo_plan import DAY
from incident_desk.services.demo_rows import later
from incident_desk.storage.rows import (
    CaseAssignmentRow,
    IncidentReviewRow,
    InvestigationRow,
    MentalHealthEvaluationRow,
    RetaliationCheckRow,
    RetaliationMonitoringRow,
    SceneReleaseRow,
    VictimNotificationRow,
)

INVESTIGATOR_DUTY = "investigator"  # as services.investigation assigns them
CHECK_EVERY_DAYS = 30
SANCTIONS = {
    PersonKind.OFFENDER: "Disciplinary segregation, 60 days; transferred to another facility.",
    PersonKind.STAFF: "Employment terminated; referred for prosecution.",
    PersonKind.CONTRACTOR: "Contract ended; barred from all facilities.",
    PersonKind.VOLUNTEER: "Volunteer approval revoked.",
    PersonKind.VISITOR: "Visiting privileges revoked.",
    PersonKind.OTHER: "Barred from the facility.",
}


def write_aftercare(w: CaseWriter, case: CaseDraft) -> None:
    rng, received = w.rng, case.received
    investigator, supervisor = case.investigator, case.facility.supervisor
    assert investigator is not None
    w.sink.add(
        CaseAssignmentRow,
        {
            "case_id": case.id,
            "user_id": investigator.user_id,
            "duty": INVESTIGATOR_DUTY,
            "assigned_at": later(received, w.between(30, 90)),
            "assigned_by_id": supervisor.user_id,
            "ended_at": None,
        },
    )
    started = later(received, w.between(2 * 60, 48 * 60))
    closed = case.status is CaseStatus.CLOSED
    concluded = later(received, w.between(20, 100) * DAY) if closed else None
    referral = case.criminal and rng.random() < 0.6
    staff_side = case.perpetrator_kind is not PersonKind.OFFENDER
    w.sink.add(
        InvestigationRow,
        {
            "case_id": case.id,
            "investigator_id": investigator.user_id,
            "started_at": started,
            "criminal_referral": referral,
            "referred_at": later(started, 60) if referral else None,
            "referral_agency": "State Police Post 4" if referral else "",
            "concluded_at": concluded,
            "finding": case.finding,
            "summary": _summary(case.finding),
            "staff_actions_contributed": (rng.random() < 0.2) if closed and staff_side else None,
            "updated_at": concluded or started,
        },
    )
    if case.scene_secured:
        _release_scene(w, case, later(received, w.between(1 * DAY, 3 * DAY)))
    ended = later(received, w.between(90, 100) * DAY) if closed else None
    _monitor(w, case, later(received, DAY), ended)
    if case.allegation.offender_on_offender and case.criminal and not staff_side:
        _evaluate(w, case)
    case.last = max(case.last, started)
    if concluded is None or case.finding is None:
        return
    last = max(_close(w, case, concluded, case.finding), ended or concluded)
    case.row["closed_at"] = later(last, DAY)
    case.last = case.row["closed_at"]


def _summary(finding: Finding | None) -> str:
    if finding is None:
        return ""
    return {
        Finding.SUBSTANTIATED: "The evidence shows the abuse happened.",
        Finding.UNSUBSTANTIATED: "The evidence cannot show whether the abuse happened.",
        Finding.UNFOUNDED: "The evidence shows the abuse did not happen.",
    }[finding]


def _release_scene(w: CaseWriter, case: CaseDraft, at: datetime) -> None:
    investigator = case.investigator
    assert investigator is not None
    verified = later(at, -30)
    w.sink.add(
        SceneReleaseRow,
        {
            "scene_id": case.scene_id,
            "released_at": at,
            "released_by_id": investigator.user_id,
            "authority": f"{investigator.name}, facility investigator",
            "verified_complete_by": investigator.name,
            "verified_complete_at": verified,
            "recorded_at": later(at, 5),
        },
        case.id,
    )
    w.step(
        case,
        "scene_release",
        at,
        investigator,
        {
            "verified_at": verified.isoformat(timespec="minutes"),
            "verified_by": investigator.name,
            "released_at": at.isoformat(timespec="minutes"),
            "released_by": investigator.name,
        },
    )


def _monitor(w: CaseWriter, case: CaseDraft, started: datetime, ended: datetime | None) -> None:
    rng, supervisor = w.rng, case.facility.supervisor
    monitoring_id = w.sink.add(
        RetaliationMonitoringRow,
        {
            "case_id": case.id,
            "case_person_id": case.victim_id,
            "monitor_id": supervisor.user_id,
            "started_at": started,
            "ended_at": ended,
            "end_reason": "Ninety days passed with no sign of retaliation." if ended else "",
        },
    )
    limit = min(ended or w.now, w.now)
    check = later(started, CHECK_EVERY_DAYS * DAY)
    while check <= limit:
        concern = rng.random() < 0.05
        w.sink.add(
            RetaliationCheckRow,
            {
                "monitoring_id": monitoring_id,
                "checked_at": check,
                "status": RetaliationStatus.CONCERN_RAISED
                if concern
                else RetaliationStatus.NO_CONCERN,
                "notes": "Reported threats on the unit; moved."
                if concern
                else "Spoke with the victim.",
                "checked_by_id": supervisor.user_id,
            },
            case.id,
        )
        check = later(check, CHECK_EVERY_DAYS * DAY)


def _evaluate(w: CaseWriter, case: CaseDraft) -> None:
    """E.3: the known offender-on-offender abuser evaluated within 60 days."""
    received = case.received
    evaluated: datetime | None = later(received, w.between(10, 55) * DAY)
    attempted = later(received, 5 * DAY)
    if evaluated is not None and evaluated > w.now:
        evaluated = None
    w.sink.add(
        MentalHealthEvaluationRow,
        {
            "case_id": case.id,
            "case_person_id": case.perpetrator_id,
            "abuse_known_at": received,
            "attempted_at": attempted if attempted <= w.now else None,
            "evaluated_at": evaluated,
            "outcome": "Treatment offered and accepted." if evaluated else "",
            "recorded_by_id": case.facility.nurse.user_id,
            "updated_at": min(evaluated or attempted, w.now),
        },
    )


def _close(w: CaseWriter, case: CaseDraft, concluded: datetime, finding: Finding) -> datetime:
    """The victim told of the finding (H.6) and, unless unfounded, the review (I); the time
    of the last of them."""
    supervisor = case.facility.supervisor
    informed = later(concluded, w.between(1, 5) * DAY)
    notices = [(VictimNoticeKind.FINDING, concluded)]
    if finding is Finding.SUBSTANTIATED:
        if case.perpetrator_kind is PersonKind.OFFENDER:
            notices.append((VictimNoticeKind.OFFENDER_MOVED, later(concluded, 2 * DAY)))
        else:
            notices.append((VictimNoticeKind.PERPETRATOR_NOT_EMPLOYED, concluded))
        case.perpetrator_row["sanction"] = SANCTIONS[case.perpetrator_kind]
    for kind, event_on in notices:
        w.sink.add(
            VictimNotificationRow,
            {
                "case_id": case.id,
                "case_person_id": case.victim_id,
                "kind": kind,
                "event_on": event_on,
                "informed_at": informed,
                "informed_by_id": supervisor.user_id,
                "method": "In person, in writing",
                "details": "",
            },
        )
    if finding is Finding.UNFOUNDED:
        return informed
    held = later(concluded, w.between(5, 28) * DAY)
    submitted = later(held, 2 * DAY)
    w.sink.add(
        IncidentReviewRow,
        {
            "case_id": case.id,
            "held_at": held,
            "team": "Warden, PREA compliance manager, investigator, medical and mental health",
            "policy_revision_needed": "No.",
            "motivation_considered": "Considered; none found.",
            "physical_barriers": "Blind spot behind the laundry storeroom door.",
            "staffing_levels": "Adequate on the shift.",
            "monitoring_technology": "Add a camera covering the storeroom door.",
            "recommendations": "Install the camera; add a round every 30 minutes.",
            "implementation": "Camera installed; rounds added to post orders.",
            "reasons_not_implemented": "",
            "submitted_at": submitted,
            "recorded_by_id": case.facility.warden.user_id,
            "updated_at": submitted,
        },
    )
    return max(informed, submitted)
