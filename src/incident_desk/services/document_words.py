"""How the printed forms say stored values: choices as words, times, yes and no.

The screens have their own word lists under ``ui/messages``; the forms are filled below the
user interface, so the words a form prints live here. Values with no entry read as their plain
spelling (``domain.choice_words``).
"""

from __future__ import annotations

from datetime import datetime

from incident_desk.domain.choice_words import choice_words
from incident_desk.domain.clock import ensure_utc
from incident_desk.domain.enums import (
    AdvocateStatus,
    AllegationType,
    Consent,
    CustodyAction,
    Injury,
    NotificationKind,
    ReceivedHow,
    Role,
    SceneEntrantRole,
    Sex,
    TimeCertainty,
)
from incident_desk.domain.vocabulary_words import (
    PERSON_KIND_WORDS as PERSON_KIND_WORDS,
)
from incident_desk.domain.vocabulary_words import (
    PERSON_ROLE_WORDS as PERSON_ROLE_WORDS,
)
from incident_desk.domain.vocabulary_words import STATUS_WORDS as STATUS_WORDS

LOCATION_NOT_KNOWN = "Not known yet"
#: Said inside a sentence when a value is missing ("Race: not recorded.").
NOT_RECORDED = "not recorded"
#: What a cell says when there is nothing to say (rather than "not recorded").
NOTHING = "\u2014"
MOMENT_FORMAT = "%Y-%m-%d %H:%M UTC"

# The DOJ Survey of Sexual Victimization categories (SPEC "Data and reports").
ALLEGATION_WORDS: dict[AllegationType, str] = {
    AllegationType.OFFENDER_NONCONSENSUAL_SEXUAL_ACTS: (
        "Offender-on-offender nonconsensual sexual acts"
    ),
    AllegationType.OFFENDER_ABUSIVE_SEXUAL_CONTACT: "Offender-on-offender abusive sexual contact",
    AllegationType.OFFENDER_SEXUAL_HARASSMENT: "Offender-on-offender sexual harassment",
    AllegationType.STAFF_SEXUAL_MISCONDUCT: "Staff sexual misconduct",
    AllegationType.STAFF_SEXUAL_HARASSMENT: "Staff sexual harassment",
}
RECEIVED_HOW_WORDS: dict[ReceivedHow, str] = {
    ReceivedHow.VERBAL: "Told to staff in person",
    ReceivedHow.WRITTEN: "In writing",
    ReceivedHow.HOTLINE: "Through the PREA hotline",
    ReceivedHow.THIRD_PARTY: "From a third party",
    ReceivedHow.ANONYMOUS: "Anonymously",
    ReceivedHow.STAFF_OBSERVATION: "Seen or heard by staff",
}
CERTAINTY_WORDS: dict[TimeCertainty, str] = {
    TimeCertainty.EXACT: "At a known time",
    TimeCertainty.APPROXIMATE: "At about that time",
    TimeCertainty.UNKNOWN: "Not known",
}
SEX_WORDS: dict[Sex, str] = {
    Sex.MALE: "male",
    Sex.FEMALE: "female",
    Sex.INTERSEX: "intersex",
    Sex.UNKNOWN: "not known",
}
INJURY_WORDS: dict[Injury, str] = {
    Injury.NONE: "None",
    Injury.MINOR: "Minor",
    Injury.SERIOUS: "Serious",
    Injury.UNKNOWN: "Not known",
}
NOTIFICATION_WORDS: dict[NotificationKind, str] = {
    NotificationKind.WARDEN: "Warden",
    NotificationKind.INVESTIGATOR: "Facility investigator",
    NotificationKind.STATE_POLICE: "Kentucky State Police",
    NotificationKind.VICTIM_ADVOCATE: "Victim advocate",
    NotificationKind.OTHER_FACILITY_HEAD: "Head of the other facility",
    NotificationKind.SHIFT_SUPERVISOR: "Shift supervisor",
    NotificationKind.CENTRAL_OFFICE: "Central office",
}
ADVOCATE_WORDS: dict[AdvocateStatus, str] = {
    AdvocateStatus.OFFERED: "Advocate offered",
    AdvocateStatus.DECLINED: "Advocate declined",
    AdvocateStatus.REQUESTED: "Advocate requested",
    AdvocateStatus.CONTACTED: "Advocate contacted",
}
CONSENT_WORDS: dict[Consent, str] = {
    Consent.CONSENTED: "Consented",
    Consent.REFUSED: "Refused",
    Consent.NOT_ASKED: "Not asked yet",
}
CUSTODY_WORDS: dict[CustodyAction, str] = {
    CustodyAction.COLLECTED: "Collected",
    CustodyAction.TRANSFERRED: "Handed over",
    CustodyAction.RELEASED: "Released",
    CustodyAction.DESTROYED: "Destroyed",
    CustodyAction.RETURNED: "Returned",
}
ENTRANT_WORDS: dict[SceneEntrantRole, str] = {
    SceneEntrantRole.STATE_POLICE: "Kentucky State Police",
    SceneEntrantRole.ASSIGNED_INVESTIGATOR: "Assigned investigator",
    SceneEntrantRole.MEDICAL: "Medical staff",
    SceneEntrantRole.OTHER: "Not allowed in (CPP 14.7 G.3.d)",
}
USER_ROLE_WORDS: dict[Role, str] = {
    Role.FIRST_RESPONDER: "First responder",
    Role.SHIFT_SUPERVISOR: "Shift supervisor",
    Role.MEDICAL: "Medical staff",
    Role.INVESTIGATOR: "Investigator",
    Role.WARDEN: "Warden",
    Role.PREA_COMPLIANCE_MANAGER: "PREA compliance manager",
    Role.ADMINISTRATOR: "Administrator",
}


def moment(value: datetime | None) -> str:
    """A time as every form prints it: "2026-11-22 03:14 UTC"; "" when there is none."""
    return "" if value is None else ensure_utc(value).strftime(MOMENT_FORMAT)


def stored_moment(value: str) -> str:
    """A time kept as ISO text in a step record, printed like ``moment``."""
    if not value:
        return ""
    try:
        return moment(datetime.fromisoformat(value))
    except ValueError:
        return value


def yes_no(value: bool | None) -> str:
    return "" if value is None else ("Yes" if value else "No")


def words(value: str | None) -> str:
    """A stored choice as words ("third_party" -> "Third party"); "" stays ""."""
    return choice_words(value) if value else ""


def joined(*parts: str, separator: str = "; ") -> str:
    return separator.join(part for part in parts if part)


def sentences(*parts: str) -> str:
    """Parts written one after the other as sentences, each ended with a full stop."""
    written = []
    for part in (part.strip() for part in parts):
        if part:
            written.append(part if part.endswith((".", "!", "?", '"')) else f"{part}.")
    return " ".join(written)


def or_nothing(text: str) -> str:
    """``text``, or a dash when there is nothing to say."""
    return text or NOTHING
