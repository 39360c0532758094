"""The timeline reads choices as the step page offers them, never as stored keys."""

from __future__ import annotations

from collections.abc import Callable

from incident_desk.domain.clock import ManualClock
from incident_desk.services.timeline import timeline
from incident_desk.services.workflow import record_step
from incident_desk.services.workspace import Workspace
from tests.services.test_first_response import open_report


def test_a_recorded_choice_reads_as_the_words_the_page_offered(
    sign_in_as: Callable[[str], Workspace], clock: ManualClock
) -> None:
    supervisor = sign_in_as("sup")
    number = open_report(supervisor, clock).summary.case_number
    record_step(
        supervisor,
        number,
        "preservation_victim",
        {
            "instructed_at": clock.now().isoformat(),
            "instructed_by": "Sgt. Dana Brooks",
            "acts_since": "brushing_teeth,changing_clothes",
            "acts_detail": "Before the report reached staff.",
        },
    )
    lines = [line for entry in timeline(supervisor, number) for line in entry.details]

    acts = [line for line in lines if line.startswith("Happened anyway")]
    assert acts
    assert acts[0].endswith(": Brushing teeth, changing clothes")
    assert not any("_" in line for line in lines)


def test_choice_words_cover_the_unclear_values_and_multiple_choices() -> None:
    from incident_desk.domain.choice_words import choice_words, choices_words

    assert choice_words("segregate_victim") == "Separate the alleged victim"
    assert choice_words("third_party") == "Third party"
    assert choices_words("washing,brushing_teeth") == "Washing, brushing teeth"
    assert choices_words("") == ""
