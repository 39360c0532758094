"""Words of the guided checklist: the step list, a step's page and its field editors."""

from __future__ import annotations

# Choice values read as words in one place (the domain) for screens, timeline and forms.
from incident_desk.domain.choice_words import choice_words as choice_words
from incident_desk.domain.enums import Role

# The checklist on the left.
CHECKLIST_ACCESSIBLE_NAME = "First-response checklist"
CHECKLIST_HEADING = "Checklist"
CHECKLIST_ITEM = "{number}. {title} \u2014 {state}"
CHECKLIST_NEXT = "\u25b6 NEXT FOR YOU: "
STATE_PENDING = "Pending"
STATE_DONE = "Done"
STATE_NOT_APPLICABLE = "Not applicable: {reason}"
STATE_DOES_NOT_APPLY = "Does not apply: {why}"
#: Where the reason starts in the service's "does not apply" sentence (services.first_response).
WHY_MARKER = "does not apply to this case: "

# A step's page.
STEP_HEADING = "Step {number}: {title}"
STEP_POLICY_HEADING = "What the policy says ({citation})"
STEP_POLICY_QUOTE = "\u201c{text}\u201d"
STEP_CITATION = "\u2014 {citation}"
STEP_PROMPT_HEADING = "What to do"
STEP_FIELDS_HEADING = "What to record"
STEP_REQUIRED = "(required)"
STEP_REQUIRED_IF = '(required when "{other}" is {value})'
STEP_STAMP_DONE = "Done: happened {occurred}, recorded {recorded} by {who}."
STEP_STAMP_NOT_APPLICABLE = "Marked not applicable {recorded} by {who}. Reason: {reason}"
STEP_STAMP_PENDING = "Not done yet."
STEP_STAMP_LATE = " Entered after the fact: {reason}"
STEP_READ_ONLY = "Only {roles} may complete this step. You can read it, but not record it."
STEP_DOES_NOT_APPLY = "This step does not apply to this case: {why}"
STEP_DONE_LOCKED = "This step is recorded. The values below are what was recorded."
STEP_WHEN = "When it happened (UTC)"
STEP_LATE_REASON = "Why it is entered late"
STEP_LATE_REQUIRED = "(required: more than 5 minutes ago)"
STEP_LATE_OPTIONAL = "(only needed if it happened more than 5 minutes ago)"
STEP_MARK_DONE = "&Mark done"
STEP_NOT_APPLICABLE = "&Not applicable\u2026"
STEP_NOT_APPLICABLE_TITLE = "Incident Desk"
STEP_NOT_APPLICABLE_ASK = 'Why does step {number}, "{title}", not apply to this case?'
STEP_SAVED = "Saved {time}"
STEP_SAVING = "Saving\u2026"
STEP_SAVE_FAILED = "Not saved: {error}"
STEP_WORKING = "Recording\u2026"
STEP_SUMMARY = "This could not be recorded. Nothing you entered is lost. Please fix:"
STEP_FAILED = "This could not be recorded: {error} Nothing you entered is lost."
STEP_NOW = "Now"
STEP_NOT_SET = "Not set"
STEP_CHOOSE = "Choose\u2026"
STEP_YES = "Yes"
STEP_NO = "No"

# The workspace: checklist on the left, the open step on the right.
WORKFLOW_LOADING = "Loading the checklist\u2026"
WORKFLOW_FAILED = "The checklist could not be loaded: {error}"
WORKFLOW_PICK = "Choose a step from the checklist."

ROLE_WORDS = {
    Role.FIRST_RESPONDER: "a first responder",
    Role.SHIFT_SUPERVISOR: "the shift supervisor",
    Role.MEDICAL: "medical staff",
    Role.INVESTIGATOR: "an investigator",
    Role.WARDEN: "the Warden",
    Role.PREA_COMPLIANCE_MANAGER: "the PREA compliance manager",
    Role.ADMINISTRATOR: "the administrator",
}


def roles_words(roles: frozenset[Role]) -> str:
    """Who may complete a step, in the order of the role list: "a first responder or ..."."""
    words = [ROLE_WORDS[role] for role in Role if role in roles]
    if len(words) <= 1:
        return "".join(words) or "nobody"
    return ", ".join(words[:-1]) + " or " + words[-1]
