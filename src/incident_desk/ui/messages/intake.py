"""Words of the New report dialog (SPEC step 1, CPP 14.7 G.1–G.2): safety first, then the
intake, then the people."""

from __future__ import annotations

from incident_desk.domain.enums import LocationType, ReceivedHow
from incident_desk.domain.vocabulary_words import PERSON_KIND_WORDS as PERSON_KIND_WORDS
from incident_desk.domain.vocabulary_words import PERSON_ROLE_WORDS as PERSON_ROLE_WORDS

DIALOG_TITLE = "Incident Desk"
HEADING = "New report"
INTRO = (
    "Answer the two safety questions first. Record what you know now; "
    "anything not known yet can be left blank and added later."
)

# Safety first: what matters in the first minutes.
SAFETY_HEADING = "First: is everyone safe?"
VICTIM_SAFE = "Is the alleged victim safe right now?"
IMMINENT_RISK = "Is anyone at imminent risk of sexual abuse?"
CHOOSE = "Choose…"
YES_SAFE = "Yes, safe now"
NO_NOT_SAFE = "No, not safe yet"
YES_AT_RISK = "Yes, someone is at risk"
NO_RISK = "No"
G1_QUOTE = (
    "\u201cIf at any time it is learned that an offender is subject to a substantial risk of "
    "imminent sexual abuse, immediate action shall be taken to protect the offender.\u201d "
    "(CPP 14.7 G.1)"
)
PROTECTIVE_ACTION = "Protective action taken"
PROTECTIVE_ACTION_HINT = "What was done to protect them, by whom, and when."
ANSWER_VICTIM_SAFE = "Say whether the alleged victim is safe right now."
ANSWER_IMMINENT_RISK = "Say whether anyone is at imminent risk of sexual abuse."

# The intake.
REPORT_HEADING = "The report"
RECEIVED_HOW = "How was it received?"
RECEIVED_AT = "When was it received?"
REPORTED_BY = "Reported by"
REPORTED_BY_HINT = "Who told you, e.g. the offender's name, or \u201canonymous\u201d"
LOCATION = "Where did it happen?"
LOCATION_HINT = "Building, unit, cell or room"
LOCATION_TYPE = "Kind of place"
INCIDENT_CERTAINTY = "When did it happen?"
INCIDENT_AT = "Believed time of the incident"
INCIDENT_MARGIN = "Give or take"
MARGIN_SUFFIX = " hours"
MARGIN_PREFIX = "\u00b1 "
OCCURRED_ELSEWHERE = "It happened at another facility"
OTHER_FACILITY = "Name of the other facility"
ALLEGATION = "What is alleged?"
ANSWER_ALLEGATION = "Choose what is alleged; if unsure, choose the closest and explain below."
NARRATIVE = "What was reported, in the reporter's words"
TIME_FORMAT = "yyyy-MM-dd HH:mm"

CERTAINTY_EXACT = "At a known time"
CERTAINTY_APPROXIMATE = "At about a time"
CERTAINTY_UNKNOWN = "Not known"

RECEIVED_HOW_WORDS: dict[ReceivedHow, str] = {
    ReceivedHow.VERBAL: "Told to staff in person",
    ReceivedHow.WRITTEN: "In writing (note, grievance, request)",
    ReceivedHow.HOTLINE: "Through the PREA hotline",
    ReceivedHow.THIRD_PARTY: "From a third party (family, friend, advocate)",
    ReceivedHow.ANONYMOUS: "Anonymously",
    ReceivedHow.STAFF_OBSERVATION: "Seen or heard by staff",
}

LOCATION_TYPE_WORDS: dict[LocationType, str] = {
    LocationType.UNKNOWN: "Not known yet",
    LocationType.CELL: "Cell",
    LocationType.SHOWER: "Shower",
    LocationType.DAYROOM: "Dayroom",
    LocationType.DORMITORY: "Dormitory",
    LocationType.YARD: "Yard",
    LocationType.KITCHEN: "Kitchen",
    LocationType.WORKPLACE: "Work assignment",
    LocationType.MEDICAL: "Medical unit",
    LocationType.OFFICE: "Office",
    LocationType.VEHICLE: "Vehicle",
    LocationType.VISITING: "Visiting room",
    LocationType.OTHER: "Somewhere else",
}

# The people.
PEOPLE_HEADING = "People involved"
PEOPLE_EMPTY = "No one added yet. Add the alleged victim first, then anyone else involved."
ADD_PERSON = "&Add person"
REMOVE_PERSON = "Remove"
REMOVE_PERSON_NAME = "Remove person {number}"
PERSON_NAME = "Name"
PERSON_NAME_HINT = "Full name, or \u201cUnknown\u201d"
PERSON_ROLE = "Role"
PERSON_KIND = "Who they are"
PERSON_IDENTIFIER = "Offender or staff number"
PERSON_HOUSING = "Housing unit"
PERSON_FIELD_NAME = "Person {number}: {field}"


# Sending it.
OPEN_REPORT = "&Open the report"
CANCEL = "Cancel"
BUSY = "Saving the report…"
BUSY_NAME = "Saving"
SUMMARY_NAME = "Problems to fix before the report can be opened"
SUMMARY_HEADING = (
    "The report was not opened yet. Fix these and try again; nothing you typed is lost:"
)
FAILED = "The report could not be saved: {error} Nothing you typed is lost; try again."
