"""After the investigation: the sexual abuse incident review (CPP 14.7 I) and the mental health
evaluation of a known offender-on-offender abuser (CPP 14.7 E.3).

Retaliation monitoring (CPP 14.7 K) lives in ``retaliation_monitoring``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from incident_desk.domain.enums import Finding, PersonKind, PersonRole, Role
from incident_desk.domain.validation import (
    ValidationMessage,
    check_not_future,
    check_required,
    format_moment,
)
from incident_desk.services.case_views import load_visible_case
from incident_desk.services.errors import InputRejected, NotFound, rejected
from incident_desk.services.visibility import require_role
from incident_desk.services.workspace import Workspace
from incident_desk.storage.repositories.aftercare_repository import AftercareRepository
from incident_desk.storage.rows import IncidentReviewRow, MentalHealthEvaluationRow
from incident_desk.storage.unit_of_work import UnitOfWork

REVIEW_ROLES = frozenset({Role.WARDEN, Role.PREA_COMPLIANCE_MANAGER})
EVALUATION_ROLES = frozenset({Role.MEDICAL, Role.PREA_COMPLIANCE_MANAGER})

#: The five things the review team shall consider (CPP 14.7 I.1–I.5): field, citation, words.
REVIEW_CONSIDERATIONS: tuple[tuple[str, str, str], ...] = (
    (
        "policy_revision_needed",
        "I.1",
        "whether the allegation or investigation indicated a need "
        "to revise policies or practices to better prevent, detect or respond to sexual abuse",
    ),
    (
        "motivation_considered",
        "I.2",
        "whether the incident or allegation was motivated by race; "
        "ethnicity; gender identity; lesbian, gay, bisexual, transgender or intersex "
        "identification, status, or perceived status; gang affiliation; or other group dynamics",
    ),
    (
        "physical_barriers",
        "I.3",
        "the area where the incident allegedly occurred, to assess "
        "whether physical barriers in the area may enable abuse",
    ),
    (
        "staffing_levels",
        "I.4",
        "the adequacy of staffing levels in that area during different shifts",
    ),
    (
        "monitoring_technology",
        "I.5",
        "whether monitoring technology should be deployed or "
        "augmented to supplement supervision by staff",
    ),
)
MSG_REVIEW_UNFOUNDED = (
    "No incident review is held for this case: CPP 14.7 I requires a review of every sexual "
    'abuse investigation "unless the allegation was determined to be unfounded", and this '
    "allegation was found unfounded."
)
MSG_REVIEW_BEFORE_FINDING = (
    "The incident review comes after the investigation has concluded (CPP 14.7 I). Record the "
    "investigation's finding first."
)
MSG_CONSIDERATION_MISSING = (
    "Before the review counts as held, record what the team found on {citation}: {words}."
)
MSG_RECOMMENDATIONS_UNANSWERED = (
    "Say how the recommendations are being implemented, or document the reasons for not doing "
    'so: "The facility shall implement the recommendations for improvement or shall document '
    'its reasons for not doing so" (CPP 14.7 I.7).'
)
MSG_NOT_OFFENDER_ON_OFFENDER = (
    "The 60-day mental health evaluation is for a known offender-on-offender abuser (CPP 14.7 "
    "E.3); {reason}."
)


@dataclass(frozen=True)
class IncidentReviewEntry:
    """What the review team records; ``held_at`` empty saves it as a draft."""

    held_at: datetime | None = None
    team: str = ""
    policy_revision_needed: str = ""
    motivation_considered: str = ""
    physical_barriers: str = ""
    staffing_levels: str = ""
    monitoring_technology: str = ""
    recommendations: str = ""
    implementation: str = ""
    reasons_not_implemented: str = ""
    submitted_at: datetime | None = None


@dataclass(frozen=True)
class IncidentReviewSnapshot:
    case_number: str
    entry: IncidentReviewEntry
    recorded_by: str
    updated_at: datetime
    missing_considerations: tuple[str, ...]

    @property
    def held(self) -> bool:
        return self.entry.held_at is not None


@dataclass(frozen=True)
class MentalHealthEvaluationSnapshot:
    id: int
    case_number: str
    person_name: str
    abuse_known_at: datetime
    attempted_at: datetime | None
    evaluated_at: datetime | None
    outcome: str
    recorded_by: str


def missing_considerations(entry: IncidentReviewEntry) -> list[str]:
    """The citations (I.1–I.5) of the considerations not yet recorded."""
    return [cite for name, cite, _ in REVIEW_CONSIDERATIONS if not getattr(entry, name).strip()]


def check_incident_review(entry: IncidentReviewEntry, now: datetime) -> list[ValidationMessage]:
    messages = check_not_future("held_at", entry.held_at, now)
    messages += check_not_future("submitted_at", entry.submitted_at, now)
    if entry.held_at is not None:
        messages += check_required("team", entry.team, "review team")
        for name, citation, words in REVIEW_CONSIDERATIONS:
            if not getattr(entry, name).strip():
                text = MSG_CONSIDERATION_MISSING.format(
                    citation=f"CPP 14.7 {citation}", words=words
                )
                messages.append(ValidationMessage(name, text))
        if entry.recommendations.strip() and not (
            entry.implementation.strip() or entry.reasons_not_implemented.strip()
        ):
            messages.append(ValidationMessage("implementation", MSG_RECOMMENDATIONS_UNANSWERED))
    if entry.submitted_at is not None:
        if entry.held_at is None:
            messages.append(
                ValidationMessage(
                    "submitted_at",
                    "Enter when the review was held before recording its submission.",
                )
            )
        elif entry.submitted_at < entry.held_at:
            messages.append(
                ValidationMessage(
                    "submitted_at", "The report cannot be submitted before the review was held."
                )
            )
    return messages


def record_incident_review(
    workspace: Workspace, case_number: str, entry: IncidentReviewEntry
) -> IncidentReviewSnapshot:
    """Save the review (a draft until ``held_at`` is given with all five considerations)."""
    require_role(workspace.actor, REVIEW_ROLES, "record the incident review")
    now = workspace.clock.now()
    messages = check_incident_review(entry, now)
    if messages:
        raise InputRejected(messages)
    with workspace.write("record_incident_review") as work:
        case = load_visible_case(workspace, work, case_number)
        aftercare = work.repository(AftercareRepository)
        investigation = aftercare.investigation(case.id)
        if investigation is None or investigation.finding is None:
            raise rejected("investigation", MSG_REVIEW_BEFORE_FINDING)
        if investigation.finding is Finding.UNFOUNDED:
            raise rejected("finding", MSG_REVIEW_UNFOUNDED)
        concluded = investigation.concluded_at
        if entry.held_at is not None and concluded is not None and entry.held_at < concluded:
            raise rejected(
                "held_at",
                (
                    "The review cannot be held before the investigation concluded "
                    f"({format_moment(concluded)}). Check the date."
                ),
            )
        review = aftercare.incident_review(case.id)
        if review is not None and review.held_at is not None and entry.held_at is None:
            raise rejected(
                "held_at",
                (
                    f"This review was recorded as held on {format_moment(review.held_at)}; "
                    "that date can be corrected but not removed."
                ),
            )
        if review is None:
            review = IncidentReviewRow(
                case_id=case.id, recorded_by_id=workspace.actor.id, updated_at=now
            )
            work.add(review)
        _apply(review, entry)
        review.recorded_by_id = workspace.actor.id
        review.updated_at = now
        work.flush()
        return _review_snapshot(work, case.case_number, review)


def get_incident_review(workspace: Workspace, case_number: str) -> IncidentReviewSnapshot | None:
    """The case's review, or None before one is recorded; viewing it is audited (14.7 J)."""
    with workspace.write("view_incident_review") as work:
        case = load_visible_case(workspace, work, case_number)
        work.record_event("view_incident_review", "case_file", case.id, case_id=case.id)
        review = work.repository(AftercareRepository).incident_review(case.id)
        return None if review is None else _review_snapshot(work, case.case_number, review)


def record_mental_health_evaluation(
    workspace: Workspace,
    case_number: str,
    case_person_id: int,
    abuse_known_at: datetime,
    attempted_at: datetime | None,
    evaluated_at: datetime | None,
    outcome: str,
) -> MentalHealthEvaluationSnapshot:
    """E.3: "Mental health practitioners shall attempt to conduct an evaluation on all known
    offender-on-offender perpetrators within 60 days of learning of such abuse"."""
    require_role(workspace.actor, EVALUATION_ROLES, "record a mental health evaluation")
    now = workspace.clock.now()
    messages = check_not_future("abuse_known_at", abuse_known_at, now)
    for field, moment in (("attempted_at", attempted_at), ("evaluated_at", evaluated_at)):
        messages += check_not_future(field, moment, now)
        if moment is not None and moment < abuse_known_at:
            messages.append(
                ValidationMessage(
                    field, "This cannot be before the abuse became known. Check the dates."
                )
            )
    if (attempted_at or evaluated_at) and not outcome.strip():
        messages += check_required("outcome", outcome, "outcome")
    if messages:
        raise InputRejected(messages)
    with workspace.write("record_mental_health_evaluation") as work:
        case = load_visible_case(workspace, work, case_number)
        aftercare = work.repository(AftercareRepository)
        person = aftercare.person(case.id, case_person_id)
        if person is None:
            raise NotFound(f"Case {case.case_number} has no person #{case_person_id}.")
        if not case.allegation_type.offender_on_offender:
            reason = "this allegation is not offender-on-offender"
            raise rejected("case", MSG_NOT_OFFENDER_ON_OFFENDER.format(reason=reason))
        if (
            person.role is not PersonRole.ALLEGED_PERPETRATOR
            or person.kind is not PersonKind.OFFENDER
        ):
            reason = f"{person.name} is not an offender alleged perpetrator in this case"
            raise rejected("case_person_id", MSG_NOT_OFFENDER_ON_OFFENDER.format(reason=reason))
        row = aftercare.mental_health_evaluation(case.id, person.id)
        if row is None:
            row = MentalHealthEvaluationRow(
                case_id=case.id,
                case_person_id=person.id,
                abuse_known_at=abuse_known_at,
                recorded_by_id=workspace.actor.id,
                updated_at=now,
            )
            work.add(row)
        row.abuse_known_at = abuse_known_at
        row.attempted_at = attempted_at
        row.evaluated_at = evaluated_at
        row.outcome = outcome.strip()
        row.recorded_by_id = workspace.actor.id
        row.updated_at = now
        work.flush()
        return MentalHealthEvaluationSnapshot(
            row.id,
            case.case_number,
            person.name,
            abuse_known_at,
            attempted_at,
            evaluated_at,
            row.outcome,
            workspace.actor.display_name,
        )


def _apply(review: IncidentReviewRow, entry: IncidentReviewEntry) -> None:
    review.held_at = entry.held_at
    review.submitted_at = entry.submitted_at
    review.team = entry.team.strip()
    for name, _, _ in REVIEW_CONSIDERATIONS:
        setattr(review, name, getattr(entry, name).strip())
    review.recommendations = entry.recommendations.strip()
    review.implementation = entry.implementation.strip()
    review.reasons_not_implemented = entry.reasons_not_implemented.strip()


def _review_snapshot(
    work: UnitOfWork, case_number: str, review: IncidentReviewRow
) -> IncidentReviewSnapshot:
    entry = IncidentReviewEntry(
        held_at=review.held_at,
        team=review.team,
        policy_revision_needed=review.policy_revision_needed,
        motivation_considered=review.motivation_considered,
        physical_barriers=review.physical_barriers,
        staffing_levels=review.staffing_levels,
        monitoring_technology=review.monitoring_technology,
        recommendations=review.recommendations,
        implementation=review.implementation,
        reasons_not_implemented=review.reasons_not_implemented,
        submitted_at=review.submitted_at,
    )
    recorder = work.organization.user(review.recorded_by_id)
    return IncidentReviewSnapshot(
        case_number=case_number,
        entry=entry,
        recorded_by=recorder.display_name if recorder is not None else "",
        updated_at=review.updated_at,
        missing_considerations=tuple(missing_considerations(entry)),
    )
