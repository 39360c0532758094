"""The words of the case list and the dashboard: column names, statuses, allegations, people."""

from __future__ import annotations

from collections.abc import Sequence

from incident_desk.domain.enums import AllegationType, PersonRole
from incident_desk.domain.vocabulary_words import STATUS_WORDS as STATUS_WORDS
from incident_desk.services.snapshots import PersonSnapshot

# The DOJ Survey of Sexual Victimization categories, as a supervisor would say them.
ALLEGATION_WORDS: dict[AllegationType, str] = {
    AllegationType.OFFENDER_NONCONSENSUAL_SEXUAL_ACTS: "Offender-on-offender nonconsensual acts",
    AllegationType.OFFENDER_ABUSIVE_SEXUAL_CONTACT: "Offender-on-offender abusive contact",
    AllegationType.OFFENDER_SEXUAL_HARASSMENT: "Offender-on-offender sexual harassment",
    AllegationType.STAFF_SEXUAL_MISCONDUCT: "Staff sexual misconduct",
    AllegationType.STAFF_SEXUAL_HARASSMENT: "Staff sexual harassment",
}

ROLE_WORDS: dict[PersonRole, str] = {
    PersonRole.ALLEGED_VICTIM: "alleged victim",
    PersonRole.ALLEGED_PERPETRATOR: "alleged perpetrator",
    PersonRole.WITNESS: "witness",
}

COLUMN_CASE_NUMBER = "Case"
COLUMN_STATUS = "Status"
COLUMN_ALLEGATION = "Allegation"
COLUMN_RECEIVED = "Received"
COLUMN_PEOPLE = "People"
COLUMN_FACILITY = "Facility"
COLUMN_NEXT_CLOCK = "Next clock"

NO_OPEN_CLOCK = "No open clock"
NO_PEOPLE = "No one named yet"

SEARCH_PLACEHOLDER = "Find a case by number or a person's name (Ctrl+F)"
SEARCH_NAME = "Find a case"
STATUS_FILTER_NAME = "Show cases with status"
STATUS_FILTER_ALL = "All statuses"
TABLE_NAME = "Cases"
COUNT_NAME = "Number of cases found"
BUSY_NAME = "Loading cases"
BUSY_TEXT = "Loading cases…"
LOAD_FAILED = "The cases could not be loaded: {reason} Try again, or sign out and back in."
OPEN_HINT = "Press Enter or double-click a case to open it."
SORT_NOT_AVAILABLE = "This column cannot be sorted; sort by case, status or received."

DASHBOARD_TITLE = "Open cases and their most urgent clocks"
DASHBOARD_NAME = "Open cases, most urgent first"
DASHBOARD_EMPTY = "No open cases you may see. New reports appear here."
DASHBOARD_HINT = "Most urgent first. Press Enter or double-click a case to open it."
DASHBOARD_SCANNING = (
    "Showing the {shown:,} newest open cases while the older ones are checked for urgent "
    "clocks: {seen:,} of {total:,} checked."
)
DASHBOARD_CAPPED = (
    "Showing the {shown:,} most urgent of {total:,} open cases. "
    "Find the others in the case list (Ctrl+F)."
)
COLUMN_MOST_URGENT = "Most urgent clock"


def clock_cell_text(status_word: str, title: str, detail: str) -> str:
    """A clock in a list cell: the status word first, so a narrow column still shows it."""
    return f"{status_word} · {title} · {detail}"


def count_text(total: int) -> str:
    """ "1 case", "1,234 cases"."""
    return "1 case" if total == 1 else f"{total:,} cases"


def person_text(person: PersonSnapshot) -> str:
    return f"{person.name} ({ROLE_WORDS.get(person.role, person.role.value)})"


def people_text(people: Sequence[PersonSnapshot]) -> str:
    """Everyone named in the case with their role, victims first, as one line."""
    if not people:
        return NO_PEOPLE
    order = {role: index for index, role in enumerate(PersonRole)}
    ranked = sorted(people, key=lambda person: order.get(person.role, len(order)))
    return "; ".join(person_text(person) for person in ranked)


# Who investigates the case (CPP 14.7 G.9, H.2).
ASSIGNMENT_HEADING = "Investigator"
ASSIGNMENT_LOADING = "Loading who investigates this case…"
ASSIGNMENT_CURRENT = "Assigned: {names}. An assigned investigator sees the case and its scene."
ASSIGNMENT_NONE = (
    "No investigator is assigned yet. Until one is, no investigator can open this case, its "
    "scene or its evidence."
)
ASSIGNMENT_CURRENT_NAME = "Investigators assigned to this case"
ASSIGNMENT_CHOICE_NAME = "Investigator to assign"
ASSIGNMENT_BUTTON = "Assign &investigator"
ASSIGNMENT_NO_CHOICE = "No other active investigator account"
ASSIGNMENT_MESSAGE_NAME = "Assignment result"
ASSIGNMENT_DONE = "{name} now investigates this case."
