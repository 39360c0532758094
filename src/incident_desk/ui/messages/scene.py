"""Words of the crime scene screens (SPEC steps 4, 6 and 7; CPP 14.7 G.3.b, d, e and f)."""

from __future__ import annotations

from incident_desk.domain.enums import SceneEntrantRole
from incident_desk.domain.validation import SCENE_ENTRY_CITATION, SCENE_ENTRY_POLICY_TEXT
from incident_desk.services.scene_messages import (
    RELEASE_POLICY_TEXT,
    UNSECURED_SCENE_POLICY_TEXT,
    VIDEOTAPE_POLICY_TEXT,
)

POLICY_QUOTE = "\u201c{text}\u201d \u2014 {citation}"
ENTRY_RULE = POLICY_QUOTE.format(text=SCENE_ENTRY_POLICY_TEXT, citation=SCENE_ENTRY_CITATION)
VIDEOTAPE_RULE = POLICY_QUOTE.format(text=VIDEOTAPE_POLICY_TEXT, citation="CPP 14.7 G.3.e")
RELEASE_RULE = POLICY_QUOTE.format(text=RELEASE_POLICY_TEXT, citation="CPP 14.7 G.3.f")
UNSECURED_RULE = POLICY_QUOTE.format(text=UNSECURED_SCENE_POLICY_TEXT, citation="CPP 14.7 G.3.b")
UTC_MOMENT = "{moment} UTC"

# The whole screen.
SCREEN_ACCESSIBLE_NAME = "Crime scene"
SCREEN_HEADING = "Crime scene \u2014 case {case_number}"
LOADING = "Loading the crime scene\u2026"
LOAD_FAILED = "The crime scene could not be loaded: {error} Try again with Reload."
NO_SCENE = (
    "No crime scene has been recorded for this case yet. Record it with \u201cRecord a "
    "scene\u201d: where it is, and whether it is secured."
)
RELOAD = "Re&load"
WORKING = "Working\u2026"
CHOOSE_SCENE = "Scene"
SCENE_CHOICE = "{location} (recorded {moment} UTC)"
RECORD_SCENE = "Record a sc&ene\u2026"

# Whether the record still matches the audit trail.
CHAIN_CHECKING = "Checking the record against the audit trail\u2026"
CHAIN_VERIFIED = (
    "Verified: the scene record and its entry log match the tamper-evident audit trail "
    "(records checked: {count}; at {when} UTC)."
)
CHAIN_BROKEN = "NOT VERIFIED. First broken entry: {first}"
CHAIN_MORE = " ({more} more problem(s) found.)"
CHAIN_FAILED = "The record could not be checked against the audit trail: {error}"
CHAIN_NAME = "Audit trail check"

# The scene record panel.
PANEL_HEADING = "Scene record"
LOCATION = "Location: {location}"
SECURED = "Secured {moment} UTC by {who}."
NOT_SECURED = "Could not be secured. Reason: {reason}"
RECORDED_BY = "Recorded {moment} UTC by {who}."
DOCUMENTED_HEADING = "What CPP 14.7 G.3.b asks for a scene that cannot be secured"
DONE = "\u2611 {what}"
NOT_DONE = "\u2610 {what}"
PHOTOGRAPHED = "Photographed"
VIDEOTAPED = "Videotaped"
EVIDENCE_COLLECTED = "Evidence collected, bagged and logged"
MARK_PHOTOGRAPHED = "Mark &photographed"
MARK_VIDEOTAPED = "Mark &videotaped"
MARK_EVIDENCE = "Mark evidence &collected"
PHOTOS_HEADING = "Photos and video stills of the scene"
NO_PHOTOS = "None attached yet."
ATTACH_PHOTO = "&Attach a photo or still\u2026"
ATTACH_FILTER = "Images (*.jpg *.jpeg *.png *.bmp *.gif *.tif *.tiff);;All files (*)"
ATTACH_TITLE = "Attach a photo of the scene"
PHOTO_CAPTION = "{filename} \u2014 added {moment} UTC by {who}"
PHOTO_UNREADABLE = "{filename}: cannot be shown ({error})"
PHOTO_NOT_IMAGE = "{filename}: kept in the record, but it is not a picture that can be shown here."
ATTACH_FAILED = "The file could not be attached: {error}"
FILE_UNREADABLE = "The file {path} could not be read: {error}"

# Recording a scene.
RECORD_TITLE = "Record the crime scene"
RECORD_LOCATION = "Where the scene is"
RECORD_LOCATION_HINT = "for example: Dorm 4, shower room"
RECORD_SECURED_YES = "The scene is &secured"
RECORD_SECURED_NO = "The scene &cannot be secured"
RECORD_SECURED_QUESTION = "Secured?"
RECORD_SECURED_AT = "Secured at"
RECORD_REASON = "Why it cannot be secured"
RECORD_DONE_HEADING = "Already done (CPP 14.7 G.3.b)"
RECORD_SAVE = "&Record the scene"
RECORD_PICK_SECURED = "Say whether the scene is secured or cannot be secured."

# The entry log table.
LOG_HEADING = "Entry log (CPP 14.7 G.3.d\u2013e)"
LOG_NAME = "Scene entry log"
LOG_EMPTY = "Nobody has been logged into this scene yet."
COLUMN_LINE = "Line"
COLUMN_EVENT = "In / out"
COLUMN_TIME = "Time (UTC)"
COLUMN_PERSON = "Person"
COLUMN_ROLE = "Role"
COLUMN_AGENCY = "Agency"
COLUMN_PURPOSE = "Purpose"
COLUMN_VIDEO = "Videotaped"
COLUMN_NOTES = "Notes"
EVENT_IN = "In"
EVENT_OUT = "Out"
VIDEO_YES = "Yes"
VIDEO_YES_REFERENCE = "Yes ({reference})"
VIDEO_NO = "No"
VIOLATION_MARK = "VIOLATION \u2014 allowed in by {who}"
CORRECTION_OF = "Correction of line {line}: {reason}"
CORRECTED_BY = "Corrected by line {line}; kept as first written"
RECORDED_NOTE = "Recorded {moment} UTC by {who}"
NOT_VIDEOTAPED_NOTE = "Not videotaped (CPP 14.7 G.3.e)"

ROLE_WORDS = {
    SceneEntrantRole.STATE_POLICE: "State police",
    SceneEntrantRole.ASSIGNED_INVESTIGATOR: "Assigned investigator",
    SceneEntrantRole.MEDICAL: "Medical staff",
    SceneEntrantRole.OTHER: "Someone else (not permitted)",
}

# Who is inside.
INSIDE_HEADING = "Inside now"
INSIDE_NAME = "People inside the scene now"
INSIDE_NOBODY = "Nobody is inside the scene."
INSIDE_LINE = "{name} \u2014 {role}, {agency} \u2014 in since {moment} UTC"
INSIDE_VIOLATION = " \u2014 VIOLATION"
LOG_ENTRY = "Log an &entry\u2026"
LOG_EXIT = "Log an e&xit\u2026"
RELEASE = "Re&lease the scene\u2026"
LOG_ROLE_NOTE = "Only the shift supervisor and the investigator keep the entry log."
RELEASE_ROLE_NOTE = "Only the investigator may release the scene (CPP 14.7 G.3.f)."
NOT_SECURED_NOTE = "This scene was not secured, so it has no entry log and no release."

# The release.
RELEASED_BANNER = (
    "Released {released} UTC by {authority} (recorded by {who}). Investigation verified "
    "complete by {verifier} at {verified} UTC. The entry log is closed: no entries are "
    "accepted after the release."
)
NOT_RELEASED = "Not released: the area remains a secured crime scene. " + RELEASE_RULE

# The person picker.
PERSON = "Person"
PERSON_SEARCH = "Find a person"
PERSON_SEARCH_HINT = "type part of a name, title or agency, then wait or press Enter"
PERSON_LIST = "Matching people"
PERSON_NONE_FOUND = "Nobody matches \u201c{text}\u201d. Add them below as a new person."
PERSON_NEW_HEADING = "Not in the list? Add a new person"
PERSON_NEW_OPEN = "Not in the list? Add a &new person\u2026"
PERSON_NEW_NAME = "Name"
PERSON_NEW_AGENCY = "Agency"
PERSON_NEW_TITLE = "Title"
PERSON_ADD = "A&dd this person"
PERSON_PICK = "Pick the person from the list, or add them as a new person first."
PERSON_CHOSEN = "Chosen: {label}"

# The entry dialog.
ENTRY_TITLE = "Log an entry into the scene"
ENTRY_ROLE = "Role at the scene"
ENTRY_ROLE_CHOOSE = "Choose\u2026"
ENTRY_PICK_ROLE = "Choose the person's role at the scene."
ENTRY_AGENCY = "Agency"
ENTRY_AGENCY_HINT = "taken from the person if left empty"
ENTRY_PURPOSE = "Purpose"
ENTRY_TIME = "Time in"
ENTRY_VIDEOTAPED = "The entry was &videotaped"
ENTRY_VIDEO_REFERENCE = "Video reference"
ENTRY_VIDEO_HINT = "camera, tape or file number"
ENTRY_AS_VIOLATION = "It happened anyway: record as a &violation"
ENTRY_ALLOWED_BY = "Allowed in by"
ENTRY_ALLOWED_BY_HINT = "who let this person into the scene"
ENTRY_SAVE = "&Record the entry"
ENTRY_SAVE_VIOLATION = "&Record the violation"

# The exit dialog.
EXIT_TITLE = "Log an exit from the scene"
EXIT_TIME = "Time out"
EXIT_SAVE = "&Record the exit"

# The release dialog.
RELEASE_TITLE = "Release the scene"
RELEASE_AUTHORITY = "Investigating authority"
RELEASE_AUTHORITY_HINT = "for example: Kentucky State Police, Post 4"
RELEASE_VERIFIED_BY = "Investigation verified complete by"
RELEASE_VERIFIED_AT = "Verified complete at"
RELEASE_AT = "Released at"
RELEASE_SAVE = "&Release the scene"
RELEASE_FINAL = "A release is final: after it, no entry or exit can be logged for this scene."

# Refusals in forms.
REFUSAL_SUMMARY = "Not recorded yet. Fix what is marked below, then try again:"
REFUSAL_FAILED = "Not recorded: {error}"
MSG_NO_TIME = "Enter the time, or press Now."
CANCEL = "Cancel"
