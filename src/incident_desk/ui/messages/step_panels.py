"""Words of a step page's corrections and of the follow-up panels under a step's fields."""

from __future__ import annotations

from incident_desk.domain.enums import AdvocateStatus, Consent, NotificationMethod

# Correcting and reopening a step.
CORRECT = "&Correct this entry\u2026"
REOPEN = "&Reopen step\u2026"
HISTORY_CORRECTED = "Corrected by {who} at {recorded}: {reason}"
HISTORY_REOPENED = "Reopened by {who} at {recorded}: {reason}"
CORRECT_TITLE = 'Correct step {number}, "{title}"'
CORRECT_INTRO = (
    "Change what was recorded and say why. The first entry stays in the record; the "
    "correction is added after it with your name and the time."
)
CORRECT_REASON = "Why it is corrected (required)"
CORRECT_CHANGE_TIME = "Change when it happened"
CORRECT_TIME = "Happened at (UTC)"
CORRECT_LATE_REASON = "Why the time is entered late"
CORRECT_SAVE = "&Save correction"
CORRECT_NOTHING_CHANGED = "Nothing is changed yet: change a value or the time before saving."
REOPEN_TITLE = "Reopen step"
REOPEN_ASK = (
    'Why is step {number}, "{title}", reopened? It goes back to "to do"; what was recorded '
    "stays in the record."
)
CANCEL = "Cancel"
WORKING = "Recording\u2026"
REFUSED = "This could not be recorded. Nothing you entered is lost. Please fix:"
FAILED = "This could not be recorded: {error} Nothing you entered is lost."
LOAD_FAILED = "This could not be loaded: {error}"

# The dry cell (CPP 14.7 G.7).
DRY_CELL_HEADING = "Dry cell placements"
DRY_CELL_NONE = (
    "No one is recorded in a dry cell yet. Marking this step done records the placement."
)
DRY_CELL_PLACEMENT = "{name}, cell {cell}: placed {placed} by {by}."
DRY_CELL_CHECKS = "Strip-searched: {strip}. Paper gown: {gown}. Possessions taken: {possessions}."
DRY_CELL_RELEASED = "Released {released} by {by}: {reason}"
DRY_CELL_RELEASE = "Re&lease from dry cell\u2026"
DRY_CELL_PLACE_ANOTHER = "&Place another alleged perpetrator\u2026"
DRY_CELL_RELEASE_BUTTON = "Record the &release"
DRY_CELL_PLACE_BUTTON = "Record the &placement"
DRY_CELL_RELEASE_TITLE = "Release {name} from dry cell {cell}"
DRY_CELL_RELEASED_AT = "Released at (UTC)"
DRY_CELL_RELEASE_REASON = "Reason for the release (required)"
DRY_CELL_PLACE_TITLE = "Place an alleged perpetrator in a dry cell"
DRY_CELL_WHO = "Who"
DRY_CELL_CELL = "Cell"
DRY_CELL_PLACED_AT = "Placed at (UTC)"
DRY_CELL_STRIP = "Strip-searched"
DRY_CELL_GOWN = "Paper gown issued"
DRY_CELL_POSSESSIONS = "All possessions taken"
DRY_CELL_LATE_REASON = "Why the time is entered late (if it is)"
DRY_CELL_NOBODY_LEFT = "Every alleged offender perpetrator of this case is in a dry cell now."

# The victim advocate offer (CPP 14.7 G.6).
ADVOCATE_HEADING = "The victim advocate offer so far"
ADVOCATE_NONE = "Nothing recorded yet: first record that the offer was made."
ADVOCATE_STAGE = "{stage} {time}: {person}, {method}."
ADVOCATE_INFORMATION = "Information given: {details}"
ADVOCATE_NEXT = "Record &next stage\u2026"
ADVOCATE_RECORD = "&Record this stage"
ADVOCATE_NEXT_TITLE = "Record the next stage of the victim advocate offer"
ADVOCATE_STAGE_LABEL = "Stage"
ADVOCATE_WHEN = "When (UTC)"
ADVOCATE_PERSON = "Who (offered it, or at the advocate service)"
ADVOCATE_METHOD = "How"
ADVOCATE_DETAILS = "Information given"
ADVOCATE_STAGE_WORDS = {
    AdvocateStatus.OFFERED: "Offered",
    AdvocateStatus.DECLINED: "Declined by the victim",
    AdvocateStatus.REQUESTED: "Requested by the victim",
    AdvocateStatus.CONTACTED: "Advocate service contacted",
}

# Notifications (CPP 14.7 G.3.c, G.9, G.10).
NOTIFICATIONS_HEADING = "Recorded notifications of this kind"
NOTIFICATIONS_NONE = "None recorded yet."
NOTIFICATION_LINE = "{person}, by {method}, at {time} (recorded by {by})."
NOTIFICATION_FACILITY = "Facility: {facility}"
NOTIFICATION_CORRECTED = "Corrected by {who} at {recorded}: {reason}"
METHOD_WORDS = {
    NotificationMethod.IN_PERSON: "in person",
    NotificationMethod.PHONE: "phone",
    NotificationMethod.RADIO: "radio",
    NotificationMethod.EMAIL: "e-mail",
    NotificationMethod.WRITTEN: "in writing",
    NotificationMethod.OTHER: "other means",
}

# Consent (CPP 14.7 G.5.c).
CONSENT_HEADING = "Consent as recorded in the medical record"
CONSENT_NONE = "No medical record yet for anyone in this case."
CONSENT_FORENSIC = "Forensic medical examination"
CONSENT_MEDICAL = "Medical care"
CONSENT_RECORDED = "Recorded {recorded} by {by}."
CONSENT_WORDS = {
    Consent.CONSENTED: "Consented",
    Consent.REFUSED: "Refused",
    Consent.NOT_ASKED: "Not asked yet",
}

# The clean sheet and the clothing as evidence (CPP 14.7 G.5.a).
CLEAN_SHEET_HEADING = "Evidence from the clean sheet"
CLEAN_SHEET_INTRO = (
    "The sheet and each piece of clothing become separate evidence items, each in its own "
    "paper bag."
)
CLEAN_SHEET_CREATE = "Create the &evidence items\u2026"
CLEAN_SHEET_TITLE = "Evidence from the clean sheet"
CLEAN_SHEET_PERSON = "Whose clothing"
CLEAN_SHEET_SHEET_ITEM = "Item 1: the clean sheet the person undressed over."
CLEAN_SHEET_CLOTHING = "Clothing, one piece a line"
CLEAN_SHEET_ARTICLE = "Piece of clothing {number}"
CLEAN_SHEET_ADD = "&Add a piece of clothing"
CLEAN_SHEET_REMOVE = "Remove"
CLEAN_SHEET_COLLECTED_BY = "Collected by"
CLEAN_SHEET_COLLECTED_AT = "Collected at (UTC)"
CLEAN_SHEET_CREATE_BUTTON = "&Create items"
CLEAN_SHEET_NO_VICTIM = (
    "No alleged victim is recorded in this case, so there is no one to collect from."
)
CLEAN_SHEET_CREATED = "Created evidence items: {numbers}"


def yes_no(value: bool) -> str:
    return "yes" if value else "no"
