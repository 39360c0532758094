"""Evidence on the timeline: each item's collection once, under the paragraph it rests on."""

from __future__ import annotations

from collections.abc import Callable

from incident_desk.domain.clock import ManualClock
from incident_desk.services.contacts import contact_for_user
from incident_desk.services.evidence import add_clean_sheet_evidence
from incident_desk.services.timeline import timeline
from incident_desk.services.workspace import Workspace
from tests.services.test_first_response import VICTIM, open_report, person_id


def test_clean_sheet_items_are_collected_once_on_the_timeline_under_g5a(
    sign_in_as: Callable[[str], Workspace], clock: ManualClock
) -> None:
    supervisor = sign_in_as("sup")
    case = open_report(supervisor, clock)
    number = case.summary.case_number
    items = add_clean_sheet_evidence(
        supervisor,
        number,
        person_id(case, VICTIM),
        contact_for_user(supervisor).id,
        clock.now(),
        ["Grey T-shirt", "Socks"],
    )
    entries = timeline(supervisor, number)
    for item in items:
        about = [entry for entry in entries if item.item_number in entry.title]
        assert len(about) == 1, [entry.title for entry in about]
        assert about[0].citation == "CPP 14.7 G.5.a"
