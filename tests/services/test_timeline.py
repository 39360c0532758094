"""The First Response Record timeline: everything, newest first, corrections shown as such, the
view audited, drafts left out, and the scene's entries read from what the scene stored."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest

from incident_desk.domain.clock import ManualClock
from incident_desk.domain.enums import (
    AdvocateStatus,
    Consent,
    NotificationKind,
    NotificationMethod,
    PreservationAct,
    SceneEntrantRole,
    SceneEvent,
    SeparationMethod,
)
from incident_desk.domain.validation import MSG_SCENE_ENTRY_VIOLATION
from incident_desk.services.case_notes import add_note, correct_note
from incident_desk.services.dry_cell import place_in_dry_cell, release_from_dry_cell
from incident_desk.services.errors import AccessDenied
from incident_desk.services.medical import record_medical
from incident_desk.services.notifications import record_notification
from incident_desk.services.preservation import (
    record_preservation_instruction,
    record_preservation_violation,
)
from incident_desk.services.separation import record_separation
from incident_desk.services.timeline import TimelineKind, timeline
from incident_desk.services.workflow import (
    checklist,
    correct_step,
    record_step,
    save_step_field,
)
from incident_desk.services.workspace import Workspace
from incident_desk.storage.rows import SceneLogEntryRow, SceneRow
from tests.services.test_first_response import (
    PERPETRATOR,
    VICTIM,
    audited_events,
    open_report,
    person_id,
)
from tests.services.test_workflow import safety_values


def test_everything_recorded_is_on_the_timeline_newest_first(
    sign_in_as: Callable[[str], Workspace], clock: ManualClock
) -> None:
    supervisor, medical = sign_in_as("sup"), sign_in_as("med")
    case = open_report(supervisor, clock)
    number = case.summary.case_number
    victim, perpetrator = person_id(case, VICTIM), person_id(case, PERPETRATOR)

    def tick() -> None:
        clock.advance(timedelta(minutes=5))

    tick()
    record_step(supervisor, number, "victim_safety", safety_values(clock))
    tick()
    record_separation(
        supervisor, number, SeparationMethod.SEGREGATE_BOTH, "Both to segregation.", clock.now()
    )
    tick()
    record_notification(
        supervisor,
        number,
        NotificationKind.WARDEN,
        method=NotificationMethod.PHONE,
        notified_at=clock.now(),
        person_name="Warden Sam Hale",
    )
    tick()
    record_preservation_instruction(medical, number, victim, clock.now())
    tick()
    record_preservation_violation(
        supervisor, number, perpetrator, PreservationAct.SMOKING, clock.now(), "Lit up in cell"
    )
    tick()
    record_medical(
        medical,
        number,
        victim,
        forensic_exam_consent=Consent.CONSENTED,
        medical_care_consent=Consent.CONSENTED,
    )
    tick()
    placed = place_in_dry_cell(
        supervisor, number, perpetrator, "D-3", clock.now(), True, True, True
    )
    tick()
    record_notification(
        medical,
        number,
        NotificationKind.VICTIM_ADVOCATE,
        method=NotificationMethod.IN_PERSON,
        notified_at=clock.now(),
        person_name=VICTIM,
        advocate_status=AdvocateStatus.OFFERED,
    )
    tick()
    add_note(supervisor, number, "Victim asked for a chaplain.")
    tick()
    release_from_dry_cell(supervisor, placed.id, clock.now(), "Evidence collected.")
    save_step_field(supervisor, number, "separation", "description", "typed, never completed")

    entries = timeline(supervisor, number)
    kinds = [entry.kind for entry in entries]
    assert kinds == [
        TimelineKind.DRY_CELL,
        TimelineKind.NOTE,
        TimelineKind.NOTIFICATION,
        TimelineKind.DRY_CELL,
        TimelineKind.MEDICAL,
        TimelineKind.PRESERVATION_VIOLATION,
        TimelineKind.PRESERVATION_INSTRUCTION,
        TimelineKind.NOTIFICATION,
        TimelineKind.SEPARATION,
        TimelineKind.STEP,
        TimelineKind.STEP,
    ]
    assert [entry.occurred_at for entry in entries] == sorted(
        (entry.occurred_at for entry in entries), reverse=True
    )
    first_step = entries[-1]
    assert first_step.title == "Step 1, Intake: done"
    assert first_step.recorded_by == "Sgt. Dana Brooks"
    safety = entries[-2]
    assert safety.title == "Step 2, Victim safe, shift supervisor told: done"
    assert "Shift supervisor told: Sgt. Dana Brooks" in safety.details
    assert entries[0].title == f"{PERPETRATOR} released from dry cell D-3"
    assert entries[1].details == ("Victim asked for a chaplain.",)
    assert entries[2].title == "Victim advocate: offered"
    violation = entries[5]
    assert violation.violation
    assert violation.citation == "CPP 14.7 G.4"
    assert entries[4].details[:2] == (
        "Forensic medical examination: consented",
        "Medical care: consented",
    )
    assert entries[6].title == f"Evidence preservation requested of {VICTIM}"
    assert all("typed, never completed" not in " ".join(e.details) for e in entries)
    audited_events(supervisor)


def test_corrections_show_what_they_correct_and_why(
    supervisor: Workspace, clock: ManualClock
) -> None:
    number = open_report(supervisor, clock).summary.case_number
    original = record_step(supervisor, number, "victim_safety", safety_values(clock))
    note = add_note(supervisor, number, "Victim asked for a chaplain.")
    clock.advance(timedelta(minutes=30))
    corrected = correct_step(
        supervisor,
        original.id,
        {"safety_action": "Moved to the medical unit."},
        "Wrong place written down.",
    )
    correct_note(supervisor, note.id, "Victim asked for Chaplain Ortiz.", "Named the chaplain.")
    entries = {entry.key: entry for entry in timeline(supervisor, number)}
    old = entries[f"step_record:{original.id}"]
    new = entries[f"step_record:{corrected.id}"]
    assert old.superseded
    assert old.superseded_by == new.key
    assert not new.superseded
    assert new.is_correction
    assert new.corrects == old.key
    assert new.title == "Step 2, Victim safe, shift supervisor told: corrected"
    assert new.details[0] == (
        "Corrects the entry made 22 Nov 2026 03:00 by Sgt. Dana Brooks: "
        "Step 2, Victim safe, shift supervisor told: done."
    )
    assert new.details[1] == "Reason: Wrong place written down."
    assert "How the victim was made safe: Moved to the medical unit." in new.details
    assert "How the victim was made safe: Moved to the sergeant's office with an officer." in (
        old.details
    )
    notes = [entry for entry in entries.values() if entry.kind is TimelineKind.NOTE]
    assert [(n.title, n.superseded) for n in notes] == [("Note corrected", False), ("Note", True)]
    assert checklist(supervisor, number).step("victim_safety").record.id == corrected.id  # type: ignore[union-attr]


def test_viewing_the_timeline_is_audited_and_needs_access_to_the_case(
    sign_in_as: Callable[[str], Workspace], clock: ManualClock
) -> None:
    supervisor, investigator = sign_in_as("sup"), sign_in_as("inv")
    number = open_report(supervisor, clock).summary.case_number
    before = audited_events(supervisor)
    timeline(supervisor, number)
    assert audited_events(supervisor) == before + 1
    with supervisor.read() as work:
        case = work.cases.by_number(number)
        assert case is not None
        last = work.records.audit_events(case.id)[-1]
        assert (last.action, last.entity) == ("view_timeline", "case_file")
    with pytest.raises(AccessDenied):
        timeline(investigator, number)


def test_the_scene_and_its_log_appear_with_violations_flagged(
    sign_in_as: Callable[[str], Workspace], clock: ManualClock
) -> None:
    supervisor, warden = sign_in_as("sup"), sign_in_as("warden")
    case = open_report(supervisor, clock)
    number = case.summary.case_number
    assert not checklist(supervisor, number).step("scene_entry_log").applies
    # What the scene service stores: a secured scene and an entry by someone not permitted.
    with supervisor.write("record_scene") as work:
        scene = SceneRow(
            case_id=case.summary.id,
            location="Dorm 4, shower",
            secured=True,
            secured_at=clock.now(),
            secured_by_id=supervisor.actor.id,
            recorded_by_id=supervisor.actor.id,
            recorded_at=clock.now(),
        )
        work.add(scene)
        work.flush()
        work.add(
            SceneLogEntryRow(
                scene_id=scene.id,
                event=SceneEvent.ENTERED,
                contact_id=warden.actor.contact_id,
                entrant_role=SceneEntrantRole.OTHER,
                occurred_at=clock.now() + timedelta(minutes=5),
                violation=True,
                recorded_by_id=supervisor.actor.id,
                recorded_at=clock.now() + timedelta(minutes=5),
            )
        )
    clock.advance(timedelta(minutes=10))
    assert checklist(supervisor, number).step("scene_entry_log").applies
    entries = timeline(supervisor, number)
    entry, secured = entries[0], entries[1]
    assert entry.kind is TimelineKind.SCENE_ENTRY
    assert entry.title == "Warden Sam Hale entered the crime scene"
    assert entry.violation
    assert MSG_SCENE_ENTRY_VIOLATION in entry.details
    assert secured.kind is TimelineKind.SCENE
    assert secured.title == "Crime scene secured: Dorm 4, shower"
