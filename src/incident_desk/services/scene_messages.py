"""What the crime-scene use-cases say to the user, with the policy's own words (CPP 14.7 G.3)."""

from __future__ import annotations

#: CPP 14.7 G.3.b, verbatim (the part about a scene that cannot be secured).
UNSECURED_SCENE_POLICY_TEXT = (
    "If the crime scene cannot be secured, the crime scene shall be photographed or videotaped "
    "and the evidence, if any, collected and placed in a paper bag with a chain of evidence form "
    "attached. The evidence shall be logged and placed in the evidence locker."
)
#: CPP 14.7 G.3.e, verbatim (second sentence).
VIDEOTAPE_POLICY_TEXT = (
    "Anyone entering the crime scene shall be videotaped as additional documentation."
)
#: CPP 14.7 G.3.f, verbatim.
RELEASE_POLICY_TEXT = (
    "The area shall remain secured as a crime scene until verification of a completed "
    "investigation and released by the investigating authority."
)

MSG_SECURED_WITH_REASON = (
    "The scene is marked secured, but a reason it could not be secured was also entered. "
    "Choose one: clear the reason, or mark the scene as not secured."
)
MSG_UNSECURED_WITH_TIME = (
    "The scene is marked not secured, but a time it was secured was also entered. "
    "Choose one: clear the time, or mark the scene as secured."
)
MSG_OUTSTANDING_PICTURES = (
    "Photograph or videotape the scene, then mark it done. "
    f'CPP 14.7 G.3.b: "{UNSECURED_SCENE_POLICY_TEXT}"'
)
MSG_OUTSTANDING_EVIDENCE = (
    "If there is evidence at the scene, collect it into paper bags, each with a chain of "
    "evidence form, log it and place it in the evidence locker, then mark it done (CPP 14.7 G.3.b)."
)
MSG_NO_SCENE = "No crime scene has been recorded for case {case}. Record the scene first."
MSG_CHOOSE_SCENE = (
    "Case {case} has {count} secured crime scenes still open. "
    "Choose the scene "
    "this line belongs to."
)
MSG_SCENE_NOT_SECURED = (
    "The scene at {location} was recorded as not secured, so it has no entry log. "
    "If it has been secured since, record the scene again as secured."
)
MSG_SCENE_RELEASED = (
    "The scene at {location} was released on {released} by {authority}. It is no longer a "
    "crime scene, so nothing after the release is logged. Check the time."
)
MSG_ENTRY_BEFORE_SECURED = (
    "This entry time, {entered}, is before the scene was secured ({secured}). Only entries into "
    "the secured scene are logged here: check the time."
)
MSG_ALREADY_INSIDE = (
    "{name} is already recorded inside the scene since {entered}. Record their exit first, "
    "or correct the earlier entry if it is wrong."
)
MSG_INSIDE_AT_THAT_TIME = (
    "{name} was already inside the scene at {moment} (entered {entered}, left {exited}). "
    "Check the time."
)
MSG_NOT_INSIDE = (
    "{name} is not recorded as inside the scene, so there is no entry to close. "
    "Record their entry first, with the time they went in, then their exit."
)
MSG_VIOLATION_NEEDS_ALLOWED_BY = (
    'Say who let this person into the scene ("allowed by"). An entry by someone not permitted '
    "is kept as a violation of CPP 14.7 G.3.d, and the record must show who allowed it."
)
MSG_NOT_VIDEOTAPED = f'Not videotaped. CPP 14.7 G.3.e: "{VIDEOTAPE_POLICY_TEXT}"'
MSG_RELEASE_ROLE = (
    f'Only the investigator may release the scene. CPP 14.7 G.3.f: "{RELEASE_POLICY_TEXT}"'
)
MSG_RELEASE_UNSECURED = (
    "The scene at {location} was recorded as not secured, so there is no secured scene to release."
)
MSG_ALREADY_RELEASED = "The scene at {location} was already released on {released} by {authority}."
MSG_RELEASE_WITH_PEOPLE_INSIDE = (
    "The scene cannot be released while people are recorded inside: {names}. "
    "Record their exits first."
)
MSG_RELEASE_BEFORE_VERIFIED = (
    "The release time, {released}, is before the investigation was verified complete "
    f'({{verified}}). CPP 14.7 G.3.f: "{RELEASE_POLICY_TEXT}" Check both times.'
)
MSG_RELEASE_BEFORE_LAST_MOVE = (
    "The release time, {released}, is before the last line of the entry log "
    "({name} at {moment}). Check the time."
)
MSG_LINE_ALREADY_CORRECTED = (
    "Line {line} of the entry log was already corrected by line {newer}. "
    "Correct the newest version instead."
)
MSG_NO_SUCH_LINE = "There is no line {line} in any scene entry log."
MSG_CORRECTION_CHANGES_NOTHING = (
    "This correction changes nothing. Change at least one value, or cancel the correction."
)
MSG_EXIT_CORRECTS_TIME_ONLY = (
    "An exit line records only when the person left. To change who it was or why they went in, "
    "correct their entry line."
)
MSG_ENTRY_AFTER_EXIT = (
    "The corrected entry time, {entered}, is after this person's exit at {exited}. "
    "Check both times and correct the wrong one."
)
MSG_AUTHORIZED_NOT_VIOLATION = (
    "This person's role may enter the scene (CPP 14.7 G.3.d), so the entry is not a violation. "
    "Record it as a normal entry."
)
