"""The guided checklist: state, roles, conditions, drafts, corrections, notes (SPEC steps 2-11)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest

from incident_desk.domain.clock import ManualClock
from incident_desk.domain.enums import CaseStatus, PersonKind, PersonRole, StepState
from incident_desk.domain.validation import (
    MSG_CORRECTION_REASON_MISSING,
    MSG_NOT_APPLICABLE_REASON_EMPTY_WORD,
    MSG_NOT_APPLICABLE_REASON_MISSING,
    MSG_REQUIRED,
    MSG_TIME_IN_FUTURE,
    MSG_UNKNOWN_FIELD,
    format_moment,
)
from incident_desk.services.case_notes import MSG_NOT_YOUR_NOTE
from incident_desk.services.cases import NewPerson, get_case
from incident_desk.services.errors import AccessDenied, InputRejected
from incident_desk.services.first_response import MSG_CASE_CLOSED
from incident_desk.services.workflow import (
    MSG_ALREADY_DONE,
    MSG_ALREADY_REPLACED,
    MSG_DONE_NOT_MARKABLE,
    MSG_INTAKE_NOT_REOPENED,
    MSG_NOTHING_TO_REOPEN,
    add_note,
    checklist,
    correct_note,
    correct_step,
    mark_not_applicable,
    record_step,
    reopen_step,
    save_step_field,
    step_draft,
)
from incident_desk.services.workspace import Workspace, sign_in
from incident_desk.storage.rows import StepRecordRow
from tests.conftest import passphrase_of
from tests.services.test_first_response import (
    VICTIM,
    audited_events,
    close_case,
    open_report,
)


def safety_values(clock: ManualClock) -> dict[str, str]:
    moment = (clock.now() - timedelta(minutes=1)).isoformat()
    return {
        "safety_ensured_at": moment,
        "safety_action": "Moved to the sergeant's office with an officer.",
        "safety_ensured_by": "Officer Luis Peña",
        "supervisor_notified_at": moment,
        "supervisor_notified_by": "Officer Luis Peña",
        "shift_supervisor": "Sgt. Dana Brooks",
    }


def stored_row(workspace: Workspace, record_id: int) -> dict[str, object]:
    with workspace.read() as work:
        row = work.steps.get(record_id)
        assert isinstance(row, StepRecordRow)
        return {column.key: getattr(row, column.key) for column in row.__table__.columns}


def test_checklist_shows_every_step_with_its_state_policy_and_who_may_do_it(
    supervisor: Workspace, clock: ManualClock
) -> None:
    case = open_report(supervisor, clock)
    snapshot = checklist(supervisor, case.summary.case_number)
    assert [step.key for step in snapshot.steps] == [s.key for s in supervisor.protocol.steps]
    intake = snapshot.step("intake")
    assert intake.state is StepState.DONE
    assert intake.record is not None
    assert intake.record.recorded_by == "Sgt. Dana Brooks"
    safety = snapshot.step("victim_safety")
    assert safety.state is StepState.PENDING
    assert safety.applies
    assert safety.may_complete
    assert safety.citation == "CPP 14.7 G.3"
    assert "ensure the safety of the alleged victim" in safety.policy_text
    elsewhere = snapshot.step("other_facility_notice")
    assert not elsewhere.applies
    assert "CPP 14.7 G.10" in elsewhere.why_not_applicable
    assert not snapshot.step("scene_entry_log").applies
    assert snapshot.step("dry_cell").applies
    assert not snapshot.step("consent").may_complete  # a clinical record: medical staff only
    assert snapshot.next_step is not None
    assert snapshot.next_step.key == "victim_safety"


def test_the_next_step_is_the_first_one_the_signed_in_role_may_do(
    sign_in_as: Callable[[str], Workspace], clock: ManualClock
) -> None:
    supervisor, medical, manager = sign_in_as("sup"), sign_in_as("med"), sign_in_as("pcm")
    number = open_report(supervisor, clock).summary.case_number
    following = checklist(medical, number).next_step
    assert following is not None
    assert following.key == "victim_advocate"
    assert checklist(manager, number).next_step is None
    record_step(supervisor, number, "victim_safety", safety_values(clock))
    following = checklist(supervisor, number).next_step
    assert following is not None
    assert following.key == "separation"


def test_recording_a_step_keeps_who_when_what_and_opens_the_first_response(
    supervisor: Workspace, clock: ManualClock
) -> None:
    number = open_report(supervisor, clock).summary.case_number
    assert get_case(supervisor, number).summary.status is CaseStatus.OPEN
    clock.advance(timedelta(minutes=3))
    saved = record_step(supervisor, number, "victim_safety", safety_values(clock))
    assert saved.state is StepState.DONE
    assert saved.recorded_by == "Sgt. Dana Brooks"
    assert saved.occurred_at == clock.now()
    step = checklist(supervisor, number).step("victim_safety")
    assert step.state is StepState.DONE
    assert step.record is not None
    assert step.record.values["safety_action"] == "Moved to the sergeant's office with an officer."
    assert get_case(supervisor, number).summary.status is CaseStatus.FIRST_RESPONSE
    audited_events(supervisor)


def test_missing_or_future_values_are_refused_and_nothing_is_written(
    supervisor: Workspace, clock: ManualClock
) -> None:
    number = open_report(supervisor, clock).summary.case_number
    before = audited_events(supervisor)
    values = safety_values(clock) | {"safety_action": ""}
    with pytest.raises(InputRejected) as refused:
        record_step(supervisor, number, "victim_safety", values)
    assert [m.text for m in refused.value.messages] == [
        MSG_REQUIRED.format(label="How the victim was made safe")
    ]
    later = clock.now() + timedelta(hours=2)
    values = safety_values(clock) | {"safety_ensured_at": later.isoformat()}
    with pytest.raises(InputRejected) as refused:
        record_step(supervisor, number, "victim_safety", values)
    assert refused.value.messages[0].field == "safety_ensured_at"
    assert refused.value.messages[0].text == MSG_TIME_IN_FUTURE.format(
        moment=format_moment(later), now=format_moment(clock.now())
    )
    assert audited_events(supervisor) == before
    assert checklist(supervisor, number).step("victim_safety").state is StepState.PENDING
    assert get_case(supervisor, number).summary.status is CaseStatus.OPEN


def test_a_role_the_protocol_does_not_name_is_refused(
    sign_in_as: Callable[[str], Workspace], clock: ManualClock
) -> None:
    first_responder = sign_in_as("fr")
    number = open_report(first_responder, clock).summary.case_number
    with pytest.raises(AccessDenied) as refused:
        record_step(first_responder, number, "dry_cell", {})
    assert str(refused.value) == (
        'Step 10, "Dry cell for the alleged perpetrator", can only be completed by: '
        "shift supervisor. You are signed in as first responder. Ask one of them to complete it."
    )
    # The first responder's own step goes through.
    record_step(first_responder, number, "victim_safety", safety_values(clock))


def test_an_entry_made_after_the_fact_must_say_why(
    supervisor: Workspace, clock: ManualClock
) -> None:
    number = open_report(supervisor, clock).summary.case_number
    clock.advance(timedelta(minutes=40))
    back = clock.now() - timedelta(minutes=30)
    with pytest.raises(InputRejected) as refused:
        record_step(supervisor, number, "victim_safety", safety_values(clock), occurred_at=back)
    assert refused.value.messages[0].text == (
        f"This is dated {format_moment(back)}, 30 minutes before now. Say why it is being "
        "entered after the fact: the reason is kept with the record."
    )
    saved = record_step(
        supervisor,
        number,
        "victim_safety",
        safety_values(clock),
        occurred_at=back,
        late_entry_reason="Radio down; written on paper first.",
    )
    assert saved.occurred_at == back
    assert saved.late_entry_reason == "Radio down; written on paper first."
    # A few minutes back is not "after the fact".
    record_step(
        supervisor,
        number,
        "warden_notification",
        {
            "notified_at": (clock.now() - timedelta(minutes=3)).isoformat(),
            "person_notified": "Warden Sam Hale",
            "method": "phone",
            "notified_by": "Sgt. Dana Brooks",
        },
        occurred_at=clock.now() - timedelta(minutes=3),
    )


def test_a_done_step_is_not_recorded_twice(supervisor: Workspace, clock: ManualClock) -> None:
    number = open_report(supervisor, clock).summary.case_number
    record_step(supervisor, number, "victim_safety", safety_values(clock))
    with pytest.raises(InputRejected) as refused:
        record_step(supervisor, number, "victim_safety", safety_values(clock))
    assert str(refused.value) == MSG_ALREADY_DONE.format(
        number="2",
        title="Victim safe, shift supervisor told",
        moment=format_moment(clock.now()),
        name="Sgt. Dana Brooks",
    )


def test_not_applicable_needs_a_real_reason(supervisor: Workspace, clock: ManualClock) -> None:
    number = open_report(supervisor, clock).summary.case_number
    with pytest.raises(InputRejected) as refused:
        mark_not_applicable(supervisor, number, "crime_scene", " ")
    assert str(refused.value) == MSG_NOT_APPLICABLE_REASON_MISSING
    with pytest.raises(InputRejected) as refused:
        mark_not_applicable(supervisor, number, "crime_scene", "n/a")
    assert str(refused.value) == MSG_NOT_APPLICABLE_REASON_EMPTY_WORD.format(reason="n/a")
    marked = mark_not_applicable(supervisor, number, "crime_scene", "Reported a week later by mail")
    assert marked.state is StepState.NOT_APPLICABLE
    step = checklist(supervisor, number).step("crime_scene")
    assert step.state is StepState.NOT_APPLICABLE
    assert step.record is not None
    assert step.record.not_applicable_reason == "Reported a week later by mail"
    assert get_case(supervisor, number).summary.status is CaseStatus.FIRST_RESPONSE


def test_a_done_step_is_reopened_before_it_is_marked_not_applicable(
    supervisor: Workspace, clock: ManualClock
) -> None:
    number = open_report(supervisor, clock).summary.case_number
    record_step(supervisor, number, "victim_safety", safety_values(clock))
    with pytest.raises(InputRejected) as refused:
        mark_not_applicable(supervisor, number, "victim_safety", "Victim was never in danger")
    assert str(refused.value) == MSG_DONE_NOT_MARKABLE.format(
        number="2",
        title="Victim safe, shift supervisor told",
        moment=format_moment(clock.now()),
        name="Sgt. Dana Brooks",
    )
    reopened = reopen_step(supervisor, number, "victim_safety", "Entered on the wrong case")
    assert reopened.state is StepState.PENDING
    assert reopened.correction_reason == "Entered on the wrong case"
    assert checklist(supervisor, number).step("victim_safety").state is StepState.PENDING
    with pytest.raises(InputRejected) as refused:
        reopen_step(supervisor, number, "victim_safety", "Again")
    assert str(refused.value) == MSG_NOTHING_TO_REOPEN.format(
        number="2", title="Victim safe, shift supervisor told"
    )
    with pytest.raises(InputRejected) as refused:
        reopen_step(supervisor, number, "victim_safety", "")
    assert str(refused.value) == MSG_CORRECTION_REASON_MISSING
    with pytest.raises(InputRejected) as refused:
        reopen_step(supervisor, number, "intake", "Wrong case")
    assert str(refused.value) == MSG_INTAKE_NOT_REOPENED


def test_steps_that_do_not_apply_are_refused_with_the_reason(
    supervisor: Workspace, clock: ManualClock
) -> None:
    staff_case = open_report(
        supervisor,
        clock,
        people=(
            NewPerson(VICTIM, PersonRole.ALLEGED_VICTIM, PersonKind.OFFENDER),
            NewPerson("Officer Dale Cole", PersonRole.ALLEGED_PERPETRATOR, PersonKind.STAFF),
        ),
    ).summary.case_number
    with pytest.raises(InputRejected) as refused:
        record_step(supervisor, staff_case, "dry_cell", {})
    assert str(refused.value) == (
        'Step 10, "Dry cell for the alleged perpetrator", does not apply to this case: no '
        'alleged perpetrator in this case is an offender. CPP 14.7 G.7: "The alleged offender '
        'perpetrator shall be placed in a dry cell to preserve forensic evidence." Staff, '
        "contractors, volunteers and visitors are never placed in a dry cell."
    )
    assert not checklist(supervisor, staff_case).step("dry_cell").applies
    with pytest.raises(InputRejected) as refused:
        mark_not_applicable(supervisor, staff_case, "other_facility_notice", "Not elsewhere")
    assert "CPP 14.7 G.10" in str(refused.value)
    assert "recorded as having happened at this facility" in str(refused.value)


def test_the_other_facility_notice_applies_when_it_happened_elsewhere(
    sign_in_as: Callable[[str], Workspace], clock: ManualClock
) -> None:
    supervisor, warden = sign_in_as("sup"), sign_in_as("warden")
    number = open_report(
        supervisor, clock, occurred_elsewhere=True, other_facility_name="Eastern KY Correctional"
    ).summary.case_number
    assert checklist(warden, number).step("other_facility_notice").applies
    values = {
        "facility": "Eastern KY Correctional",
        "facility_head": "Warden Ruth Adams",
        "notified_at": clock.now().isoformat(),
        "method": "phone",
        "notified_by": "Warden Sam Hale",
    }
    for key, value in values.items():
        save_step_field(warden, number, "other_facility_notice", key, value)
    recorded = record_step(warden, number, "other_facility_notice")
    assert recorded.state is StepState.DONE
    assert recorded.recorded_by == "Warden Sam Hale"


def test_a_correction_is_a_new_entry_and_the_original_never_changes(
    supervisor: Workspace, clock: ManualClock
) -> None:
    number = open_report(supervisor, clock).summary.case_number
    original = record_step(supervisor, number, "victim_safety", safety_values(clock))
    before = stored_row(supervisor, original.id)
    with pytest.raises(InputRejected) as refused:
        correct_step(supervisor, original.id, {"safety_action": "x"}, "")
    assert str(refused.value) == MSG_CORRECTION_REASON_MISSING
    clock.advance(timedelta(minutes=20))
    corrected = correct_step(
        supervisor,
        original.id,
        {"safety_action": "Moved to the medical unit with an officer."},
        "The victim was taken to medical, not the office.",
    )
    assert corrected.corrects_id == original.id
    assert corrected.values["safety_action"] == "Moved to the medical unit with an officer."
    assert corrected.values["shift_supervisor"] == "Sgt. Dana Brooks"  # kept from the original
    assert corrected.occurred_at == original.occurred_at
    assert stored_row(supervisor, original.id) == before
    step = checklist(supervisor, number).step("victim_safety")
    assert step.record is not None
    assert step.record.id == corrected.id
    with pytest.raises(InputRejected) as refused:
        correct_step(supervisor, original.id, {"safety_action": "Again"}, "Another fix")
    assert str(refused.value) == MSG_ALREADY_REPLACED.format(
        moment=format_moment(clock.now()), name="Sgt. Dana Brooks"
    )
    audited_events(supervisor)


def test_typed_fields_survive_closing_the_workspace_and_signing_in_again(
    data_dir: Path, clock: ManualClock
) -> None:
    supervisor = sign_in(data_dir, "sup", passphrase_of("sup"), clock)
    number = open_report(supervisor, clock).summary.case_number
    values = safety_values(clock)
    for key, value in values.items():
        save_step_field(supervisor, number, "victim_safety", key, value)
    save_step_field(supervisor, number, "victim_safety", "safety_action", "Moved")
    before = audited_events(supervisor)
    save_step_field(supervisor, number, "victim_safety", "safety_action", "Moved")
    assert audited_events(supervisor) == before  # the same value again is not a new entry
    with pytest.raises(InputRejected) as refused:
        save_step_field(supervisor, number, "victim_safety", "colour", "blue")
    assert str(refused.value) == MSG_UNKNOWN_FIELD.format(number="2", field="colour")
    supervisor.close()  # as if the workstation lost power after the last save

    again = sign_in(data_dir, "sup", passphrase_of("sup"), clock)
    try:
        assert step_draft(again, number, "victim_safety") == values | {"safety_action": "Moved"}
        saved = record_step(again, number, "victim_safety")
        assert saved.values["safety_action"] == "Moved"
        assert saved.values["shift_supervisor"] == "Sgt. Dana Brooks"
    finally:
        again.close()


def test_nothing_is_recorded_in_a_closed_case(supervisor: Workspace, clock: ManualClock) -> None:
    case = open_report(supervisor, clock)
    close_case(supervisor, case.summary.id)
    with pytest.raises(InputRejected) as refused:
        record_step(supervisor, case.summary.case_number, "victim_safety", safety_values(clock))
    assert str(refused.value) == MSG_CASE_CLOSED.format(number=case.summary.case_number)


def test_notes_are_added_and_corrected_only_by_their_writer(
    sign_in_as: Callable[[str], Workspace], clock: ManualClock
) -> None:
    supervisor, warden = sign_in_as("sup"), sign_in_as("warden")
    number = open_report(supervisor, clock).summary.case_number
    with pytest.raises(InputRejected) as refused:
        add_note(supervisor, number, "   ")
    assert str(refused.value) == MSG_REQUIRED.format(label="Note")
    note = add_note(supervisor, number, "Victim asked for a chaplain.")
    assert note.written_by == "Sgt. Dana Brooks"
    with pytest.raises(AccessDenied) as denied:
        correct_note(warden, note.id, "Victim asked for the chaplain.", "Typo")
    assert str(denied.value) == MSG_NOT_YOUR_NOTE
    corrected = correct_note(supervisor, note.id, "Victim asked for Chaplain Ortiz.", "Named him")
    assert corrected.corrects_id == note.id
    assert dataclasses.asdict(note)["body"] == "Victim asked for a chaplain."
    audited_events(supervisor)


def test_a_step_marked_not_applicable_can_still_be_completed(
    supervisor: Workspace, clock: ManualClock
) -> None:
    number = open_report(supervisor, clock).summary.case_number
    marked = mark_not_applicable(supervisor, number, "victim_safety", "Victim already in medical")
    done = record_step(supervisor, number, "victim_safety", safety_values(clock))
    assert done.state is StepState.DONE
    step = checklist(supervisor, number).step("victim_safety")
    assert step.record is not None
    assert step.record.id == done.id != marked.id


def test_securing_the_scene_on_the_checklist_opens_the_entry_log_step(
    supervisor: Workspace, clock: ManualClock
) -> None:
    number = open_report(supervisor, clock).summary.case_number
    with pytest.raises(InputRejected) as refused:
        record_step(supervisor, number, "scene_entry_log", {})
    assert "no secured crime scene is recorded for it" in str(refused.value)
    record_step(
        supervisor,
        number,
        "crime_scene",
        {
            "scene_location": "Dorm 4, shower",
            "scene_secured": "yes",
            "secured_at": clock.now().isoformat(),
            "secured_by": "Sgt. Dana Brooks",
        },
    )
    snapshot = checklist(supervisor, number)
    assert snapshot.facts.scene_secured is True
    assert snapshot.step("scene_entry_log").applies
    assert snapshot.status is CaseStatus.FIRST_RESPONSE
