"""Correcting the scene entry log: new lines pointing at the ones they correct, never edits."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from incident_desk.domain.clock import ManualClock
from incident_desk.domain.enums import SceneEntrantRole, SceneEvent
from incident_desk.domain.validation import (
    MSG_CORRECTION_REASON_MISSING,
    MSG_EXIT_BEFORE_ENTRY,
    format_moment,
)
from incident_desk.services.contacts import add_contact
from incident_desk.services.errors import InputRejected
from incident_desk.services.scene import (
    SceneView,
    correct_scene_entry,
    log_scene_entry,
    log_scene_exit,
    record_scene,
    scene_log,
)
from incident_desk.services.scene_messages import (
    MSG_CORRECTION_CHANGES_NOTHING,
    MSG_ENTRY_AFTER_EXIT,
    MSG_EXIT_CORRECTS_TIME_ONLY,
    MSG_INSIDE_AT_THAT_TIME,
    MSG_LINE_ALREADY_CORRECTED,
    MSG_VIOLATION_NEEDS_ALLOWED_BY,
)
from incident_desk.services.workspace import Workspace
from tests.services.custody_support import new_case, nothing_written, row_counts

MINUTE = timedelta(minutes=1)


@pytest.fixture
def scene(supervisor: Workspace, clock: ManualClock) -> SceneView:
    view = record_scene(supervisor, new_case(supervisor, clock), "Cell B-12", secured=True)
    clock.advance(30 * MINUTE)
    return view


@pytest.fixture
def trooper(supervisor: Workspace) -> int:
    return add_contact(supervisor, "Tpr. Ann Lee", "Kentucky State Police", "Trooper").id


@pytest.fixture
def detective(supervisor: Workspace) -> int:
    return add_contact(supervisor, "Det. Sam Ruiz", "Kentucky State Police", "Detective").id


def _visit(
    supervisor: Workspace, scene: SceneView, contact: int, entered: datetime, minutes: int
) -> tuple[int, int]:
    entry = log_scene_entry(
        supervisor, scene.scene.id, contact, SceneEntrantRole.STATE_POLICE, entered_at=entered
    )
    exit_ = log_scene_exit(supervisor, scene.scene.id, contact, entered + minutes * MINUTE)
    return entry.id, exit_.id


def test_a_corrected_entry_stays_in_the_log_marked_superseded(
    supervisor: Workspace, scene: SceneView, clock: ManualClock, trooper: int
) -> None:
    entered = clock.now() - 20 * MINUTE
    entry_id, _ = _visit(supervisor, scene, trooper, entered, 10)
    lines_before = row_counts(supervisor)["scene_log_entry"]
    view = correct_scene_entry(
        supervisor,
        entry_id,
        occurred_at=entered - 2 * MINUTE,
        purpose="Photographs",
        reason="Time read from the wrong clock",
    )
    assert row_counts(supervisor)["scene_log_entry"] == lines_before + 1
    by_id = {line.id: line for line in view.lines}
    original = by_id[entry_id]
    assert original.superseded
    correction = by_id[original.superseded_by or 0]
    assert correction.is_correction
    assert correction.corrects_id == entry_id
    assert correction.correction_reason == "Time read from the wrong clock"
    assert correction.occurred_at == entered - 2 * MINUTE
    assert correction.purpose == "Photographs"
    assert original.occurred_at == entered  # the original is untouched
    assert [line.event for line in view.lines] == [
        SceneEvent.ENTERED,
        SceneEvent.ENTERED,
        SceneEvent.EXITED,
    ]
    assert view.inside == ()  # the exit closes the corrected entry
    with nothing_written(supervisor), pytest.raises(InputRejected) as refused:
        correct_scene_entry(supervisor, entry_id, purpose="Again", reason="Second thoughts")
    assert str(refused.value) == MSG_LINE_ALREADY_CORRECTED.format(
        line=entry_id, newer=correction.id
    )


def test_a_correction_needs_a_reason_and_a_change(
    supervisor: Workspace, scene: SceneView, clock: ManualClock, trooper: int
) -> None:
    entry_id, _ = _visit(supervisor, scene, trooper, clock.now() - 20 * MINUTE, 10)
    with nothing_written(supervisor), pytest.raises(InputRejected) as refused:
        correct_scene_entry(supervisor, entry_id, purpose="Photographs", reason=" ")
    assert str(refused.value) == MSG_CORRECTION_REASON_MISSING
    with nothing_written(supervisor), pytest.raises(InputRejected) as refused:
        correct_scene_entry(
            supervisor, entry_id, entrant_role=SceneEntrantRole.STATE_POLICE, reason="Checked"
        )
    assert str(refused.value) == MSG_CORRECTION_CHANGES_NOTHING


def test_a_role_corrected_to_a_forbidden_one_becomes_a_violation_and_back(
    supervisor: Workspace, scene: SceneView, clock: ManualClock, trooper: int
) -> None:
    entry_id, _ = _visit(supervisor, scene, trooper, clock.now() - 20 * MINUTE, 10)
    with nothing_written(supervisor), pytest.raises(InputRejected) as refused:
        correct_scene_entry(
            supervisor, entry_id, entrant_role=SceneEntrantRole.OTHER, reason="Was off duty"
        )
    assert str(refused.value) == MSG_VIOLATION_NEEDS_ALLOWED_BY
    view = correct_scene_entry(
        supervisor,
        entry_id,
        entrant_role=SceneEntrantRole.OTHER,
        allowed_by="Lt. Gomez",
        reason="She was off duty, not there for the police",
    )
    (violation,) = view.violations
    assert violation.corrects_id == entry_id
    view = correct_scene_entry(
        supervisor,
        violation.id,
        entrant_role=SceneEntrantRole.STATE_POLICE,
        reason="Duty roster confirms she was on duty",
    )
    assert view.violations == ()
    assert len([line for line in view.lines if line.violation]) == 1  # still shown, superseded


def test_an_exit_corrects_only_its_time_and_stays_after_the_entry(
    supervisor: Workspace, scene: SceneView, clock: ManualClock, trooper: int
) -> None:
    entered = clock.now() - 20 * MINUTE
    entry_id, exit_id = _visit(supervisor, scene, trooper, entered, 10)
    with nothing_written(supervisor), pytest.raises(InputRejected) as refused:
        correct_scene_entry(supervisor, exit_id, purpose="Lab", reason="Wrong purpose")
    assert str(refused.value) == MSG_EXIT_CORRECTS_TIME_ONLY
    too_early = entered - MINUTE
    with nothing_written(supervisor), pytest.raises(InputRejected) as refused:
        correct_scene_entry(supervisor, exit_id, occurred_at=too_early, reason="Misread")
    assert str(refused.value) == MSG_EXIT_BEFORE_ENTRY.format(
        exited=format_moment(too_early), entered=format_moment(entered)
    )
    view = correct_scene_entry(
        supervisor, exit_id, occurred_at=entered + 15 * MINUTE, reason="Misread the clock"
    )
    exits = [line for line in view.lines if line.event is SceneEvent.EXITED]
    assert [(line.superseded, line.entry_id) for line in exits] == [
        (True, entry_id),
        (False, entry_id),
    ]
    late = entered + 16 * MINUTE
    with nothing_written(supervisor), pytest.raises(InputRejected) as refused:
        correct_scene_entry(supervisor, entry_id, occurred_at=late, reason="Misread")
    assert str(refused.value) == MSG_ENTRY_AFTER_EXIT.format(
        entered=format_moment(late), exited=format_moment(entered + 15 * MINUTE)
    )


def test_a_person_corrected_into_an_entry_cannot_be_inside_twice(
    supervisor: Workspace, scene: SceneView, clock: ManualClock, trooper: int, detective: int
) -> None:
    entered = clock.now() - 20 * MINUTE
    trooper_entry, _ = _visit(supervisor, scene, trooper, entered, 10)
    detective_entry, _ = _visit(supervisor, scene, detective, entered + 2 * MINUTE, 3)
    with nothing_written(supervisor), pytest.raises(InputRejected) as refused:
        correct_scene_entry(supervisor, detective_entry, contact_id=trooper, reason="Wrong name")
    assert str(refused.value) == MSG_INSIDE_AT_THAT_TIME.format(
        name="Tpr. Ann Lee",
        moment=format_moment(entered + 2 * MINUTE),
        entered=format_moment(entered),
        exited=format_moment(entered + 10 * MINUTE),
    )
    view = scene_log(supervisor, scene.scene.id)
    assert not any(line.superseded for line in view.lines)
    assert trooper_entry in {line.id for line in view.lines}
