"""Words of the case workspace: the clock banner, the clock alarms and the timeline."""

from __future__ import annotations

# The clock banner at the top of every case screen.
BANNER_ACCESSIBLE_NAME = "Case clocks"
BANNER_EMPTY = "No clocks are running on this case."
CLOCK_TOOLTIP = "{title}\n{status}: {detail}\nFrom the policy: {citation}"
CLOCK_TOOLTIP_NOTE = "\n{note}"
CLOCK_ELAPSED = "{elapsed} since the report was received"

# Alarms: shown once per clock when it turns amber or red, never repeated for the same clock.
# Every top-level window is titled "Incident Desk", so the case goes in the message.
ALARM_TITLE = "Incident Desk"
ALARM_OVERDUE = (
    "Case {case_number} \u2014 {title}: OVERDUE, {detail}. Do it now, or record why it could "
    "not be done ({citation})."
)
ALARM_DUE_SOON = "Case {case_number} \u2014 {title}: due soon, {detail} ({citation})."
ALARM_NOTICE_CLOSE = "Close"
ALARM_NOTICE_ACCESSIBLE_NAME = "Clock alarm"

# The timeline: everything recorded in the case, newest first.
TIMELINE_ACCESSIBLE_NAME = "Case timeline, newest first"
TIMELINE_HEADING = "Timeline of case {case_number}, newest first"
TIMELINE_LOADING = "Loading the timeline…"
TIMELINE_EMPTY = "Nothing has been recorded in this case yet."
TIMELINE_FAILED = "The timeline could not be loaded: {error} Try again with Reload."
TIMELINE_RELOAD = "Re&load"
TIMELINE_WHEN = "{occurred} · entered {recorded} by {who}"
TIMELINE_WHEN_SAME = "{occurred} · entered by {who}"
TIMELINE_UNKNOWN_USER = "an unknown user"
TIMELINE_CORRECTED = "CORRECTED"
TIMELINE_CORRECTION = "CORRECTION"
TIMELINE_VIOLATION = "VIOLATION"
TIMELINE_SUPERSEDED_NOTE = "Corrected by a later entry; kept as it was first written."
TIMELINE_LATE_ENTRY = "Entered after the fact: {reason}"
