"""Words of the evidence preservation cards (CPP 14.7 G.4), one card per person."""

from __future__ import annotations

from incident_desk.domain.enums import PersonRole, PreservationAct

CITATION = "CPP 14.7 G.4"
POLICY_TEXT = (
    "If the incident occurred within the previous 48 hours the alleged victim and alleged "
    "perpetrator shall not take any actions that could destroy physical evidence which "
    "includes: washing, brushing teeth, changing clothes, urinating, defecating, smoking, "
    "drinking or eating."
)
POLICY_QUOTE = "\u201c{text}\u201d \u2014 {citation}"

# The whole screen.
SCREEN_ACCESSIBLE_NAME = "Evidence preservation"
SCREEN_HEADING = "Evidence preservation \u2014 case {case_number}"
SCREEN_INTRO = (
    "Asked of each alleged victim, made sure of for each alleged perpetrator. Record when each "
    "was told, and any of the eight acts that happened anyway, with its time."
)
LOADING = "Loading the preservation cards\u2026"
LOAD_FAILED = "The preservation cards could not be loaded: {error} Try again with Reload."
NO_PEOPLE = (
    "No alleged victim or alleged perpetrator is named in this case yet. Add them to the "
    "case first; a card appears for each."
)
RELOAD = "Re&load"
WORKING = "Recording\u2026"

# A card.
ROLE_WORDS = {
    PersonRole.ALLEGED_VICTIM: "Alleged victim",
    PersonRole.ALLEGED_PERPETRATOR: "Alleged perpetrator",
    PersonRole.WITNESS: "Witness",
}
CARD_TITLE = "{role}: {name}"
CARD_TITLE_WITH_ID = "{role}: {name} ({identifier})"
CARD_VERB = {
    "requested": "Preservation is requested of this person.",
    "ensured": "Preservation is ensured for this person: staff make sure it happens.",
}
CARD_DOES_NOT_APPLY = (
    "The incident is known to be more than 48 hours old, so this does not apply "
    "(CPP 14.7 G.4). Nothing needs to be recorded here."
)
ACTS_HEADING = "Must not, until the window ends:"
ACT_WORDS = {
    PreservationAct.WASHING: "Washing",
    PreservationAct.BRUSHING_TEETH: "Brushing teeth",
    PreservationAct.CHANGING_CLOTHES: "Changing clothes",
    PreservationAct.URINATING: "Urinating",
    PreservationAct.DEFECATING: "Defecating",
    PreservationAct.SMOKING: "Smoking",
    PreservationAct.DRINKING: "Drinking",
    PreservationAct.EATING: "Eating",
}
WINDOW_LINE = "{title}: {detail}"

# When the person was told.
INSTRUCTION_HEADING = {"requested": "When it was requested", "ensured": "When it was ensured"}
INSTRUCTION_NONE = {
    "requested": "Not requested yet. Ask the alleged victim now and record it below.",
    "ensured": "Not ensured yet. Make sure of it now and record how below.",
}
INSTRUCTION_DONE = {
    "requested": "Requested {when} UTC by {who}.",
    "ensured": "Ensured {when} UTC by {who}.",
}
INSTRUCTION_HOW = " How: {how}"
INSTRUCTED_AT = "Told at (UTC)"
HOW_ENSURED = {
    "requested": "How it was asked (optional)",
    "ensured": "How it is ensured (required)",
}
HOW_ENSURED_HINT = {
    "requested": "For example: asked in person, in front of the nurse.",
    "ensured": "For example: dry cell, constant observation, water turned off.",
}
BEFORE_REPORT_REASON = "Why it is before the report (only if it is)"
#: Each kind of card has its own access keys: the victim's and the perpetrator's share a screen.
RECORD_INSTRUCTION = {"requested": "Record &instruction", "ensured": "Record how it is e&nsured"}
RECORD_INSTRUCTION_NAME = "Record the preservation instruction for {name}"

# Acts that happened anyway.
VIOLATIONS_HEADING = "Acts that happened anyway"
VIOLATIONS_NONE = "None recorded."
VIOLATION_LINE = "{act} at {when} UTC (recorded by {who})"
VIOLATION_DETAILS = " \u2014 {details}"
VIOLATION_ACT = "Which act"
VIOLATION_CHOOSE = "Choose\u2026"
VIOLATION_AT = "When it happened (UTC)"
VIOLATION_DETAILS_FIELD = "Details (optional)"
RECORD_VIOLATION = {
    "requested": "Record an act that happened &anyway",
    "ensured": "Record an act that happened an&yway",
}
RECORD_VIOLATION_NAME = "Record an act {name} did anyway"
MSG_NO_TIME = "Enter the time, or press Now, then record it again."
MSG_CHOOSE_ACT = "Choose which of the eight acts happened, then record it again."

# Refusals.
REFUSAL_SUMMARY = "This could not be recorded. Nothing you entered is lost. Please fix:"
REFUSAL_FAILED = "This could not be recorded: {error} Nothing you entered is lost."
RECORDED_INSTRUCTION = "Instruction recorded."
RECORDED_VIOLATION = "Act recorded."


def card_title(role: PersonRole, name: str, identifier: str) -> str:
    """ "Alleged victim: José Álvarez (A-1001)"."""
    words = ROLE_WORDS[role]
    if identifier:
        return CARD_TITLE_WITH_ID.format(role=words, name=name, identifier=identifier)
    return CARD_TITLE.format(role=words, name=name)
