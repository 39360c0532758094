"""The words for case statuses and for the people in a case, the same on every screen and
every printed form. Words that differ on purpose (a short allegation name in a list, the
Survey of Sexual Victimization's full name on a form) stay with their screen or form."""

from __future__ import annotations

from incident_desk.domain.enums import CaseStatus, PersonKind, PersonRole

STATUS_WORDS: dict[CaseStatus, str] = {
    CaseStatus.OPEN: "Open",
    CaseStatus.FIRST_RESPONSE: "First response",
    CaseStatus.UNDER_INVESTIGATION: "Under investigation",
    CaseStatus.CLOSED: "Closed",
}

PERSON_ROLE_WORDS: dict[PersonRole, str] = {
    PersonRole.ALLEGED_VICTIM: "Alleged victim",
    PersonRole.ALLEGED_PERPETRATOR: "Alleged perpetrator",
    PersonRole.WITNESS: "Witness",
}

PERSON_KIND_WORDS: dict[PersonKind, str] = {
    PersonKind.OFFENDER: "Offender",
    PersonKind.STAFF: "Staff",
    PersonKind.CONTRACTOR: "Contractor",
    PersonKind.VOLUNTEER: "Volunteer",
    PersonKind.VISITOR: "Visitor",
    PersonKind.OTHER: "Other",
}
