"""Completing a checklist step writes its structured record in the same transaction: the dry cell
placement and its 16-hour clock, the notifications and the other facility's 72-hour clock, the
victim's medical record, the separation and the scene. Refusals come back under the step's own
fields with nothing written; a correction reaches the record; the timeline shows the act once."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

import pytest

from incident_desk.domain.clock import ManualClock
from incident_desk.domain.deadline_types import DeadlineKind, DeadlineState
from incident_desk.domain.enums import (
    AdvocateStatus,
    CaseStatus,
    Consent,
    ExaminerType,
    NotificationKind,
    NotificationMethod,
    PersonKind,
    PersonRole,
    SeparationMethod,
    StepState,
)
from incident_desk.services.cases import NewPerson, case_clocks, get_case
from incident_desk.services.dry_cell import dry_cell_placements, place_in_dry_cell
from incident_desk.services.errors import InputRejected
from incident_desk.services.medical import medical_records
from incident_desk.services.notifications import list_notifications, record_notification
from incident_desk.services.scene import scene_view
from incident_desk.services.step_record_care import MSG_RELEASE_REASON_MISSING
from incident_desk.services.timeline import TimelineKind, timeline
from incident_desk.services.workflow import checklist, correct_step, record_step, reopen_step
from incident_desk.services.workspace import Workspace
from incident_desk.storage.rows import NotificationRow, SeparationRow
from tests.services.test_first_response import (
    PERPETRATOR,
    VICTIM,
    audited_events,
    open_report,
    person_id,
)


def minute(moment: datetime) -> str:
    """A time as the step page saves it."""
    return moment.strftime("%Y-%m-%d %H:%M")


def dry_cell_values(clock: ManualClock, **changes: str) -> dict[str, str]:
    values = {
        "placed_at": minute(clock.now()),
        "cell": "D-3",
        "placed_by": "Officer Tran",
        "strip_searched": "yes",
        "paper_gown": "yes",
        "possessions_taken": "no",
    }
    return values | changes


def warden_values(clock: ManualClock, **changes: str) -> dict[str, str]:
    values = {
        "notified_at": minute(clock.now()),
        "person_notified": "Warden Sam Hale",
        "method": "phone",
        "notified_by": "Sgt. Dana Brooks",
    }
    return values | changes


def separations(workspace: Workspace, case_id: int) -> list[tuple[SeparationMethod, str]]:
    """What the separation records of the case hold (no service lists them)."""
    with workspace.read() as work:
        rows = work.records.of_case(SeparationRow, case_id)
        return [(row.method, row.description) for row in rows]


def test_the_dry_cell_step_places_the_perpetrator_and_starts_the_16_hour_clock(
    supervisor: Workspace, clock: ManualClock
) -> None:
    number = open_report(supervisor, clock).summary.case_number
    clock.advance(timedelta(minutes=20))
    record_step(supervisor, number, "dry_cell", dry_cell_values(clock))

    (placement,) = dry_cell_placements(supervisor, number)
    assert placement.person_name == PERPETRATOR
    assert (placement.cell, placement.placed_at) == ("D-3", clock.now())
    assert (placement.strip_searched, placement.possessions_taken) == (True, False)
    # Who placed him is the officer typed on the step, not the supervisor who entered it.
    assert placement.placed_by == "Officer Tran"
    (clock_,) = [d for d in case_clocks(supervisor, number) if d.kind is DeadlineKind.DRY_CELL]
    assert clock_.state is DeadlineState.UPCOMING
    assert clock_.due_at == clock.now() + timedelta(hours=16)
    assert get_case(supervisor, number).summary.status is CaseStatus.FIRST_RESPONSE


def test_a_release_time_with_the_dry_cell_step_needs_a_reason_and_stops_the_clock(
    supervisor: Workspace, clock: ManualClock
) -> None:
    number = open_report(supervisor, clock).summary.case_number
    placed = clock.now()
    clock.advance(timedelta(hours=3))
    values = dry_cell_values(clock, placed_at=minute(placed), released_at=minute(clock.now()))
    before = audited_events(supervisor)
    with pytest.raises(InputRejected) as refused:
        record_step(
            supervisor, number, "dry_cell", values, occurred_at=placed, late_entry_reason="Busy"
        )
    assert [(m.field, m.text) for m in refused.value.messages] == [
        ("release_reason", MSG_RELEASE_REASON_MISSING)
    ]
    assert audited_events(supervisor) == before
    assert dry_cell_placements(supervisor, number) == ()
    assert checklist(supervisor, number).step("dry_cell").state is StepState.PENDING

    values["release_reason"] = "Evidence collected by the SANE."
    record_step(
        supervisor, number, "dry_cell", values, occurred_at=placed, late_entry_reason="Busy"
    )
    (placement,) = dry_cell_placements(supervisor, number)
    assert placement.released_at == clock.now()
    assert placement.release_reason == "Evidence collected by the SANE."
    (clock_,) = [d for d in case_clocks(supervisor, number) if d.kind is DeadlineKind.DRY_CELL]
    assert clock_.state is DeadlineState.MET


def test_a_refusal_of_the_placement_comes_back_under_the_step_field_and_writes_nothing(
    supervisor: Workspace, clock: ManualClock
) -> None:
    number = open_report(supervisor, clock).summary.case_number
    early = clock.now() - timedelta(minutes=30)
    before = audited_events(supervisor)
    with pytest.raises(InputRejected) as refused:
        record_step(supervisor, number, "dry_cell", dry_cell_values(clock, placed_at=minute(early)))
    (message,) = refused.value.messages
    assert message.field == "placed_at"
    assert "before the report was received" in message.text
    assert audited_events(supervisor) == before
    assert dry_cell_placements(supervisor, number) == ()


def test_several_offender_perpetrators_are_placed_one_by_one_through_the_panel(
    supervisor: Workspace, clock: ManualClock
) -> None:
    people = (
        NewPerson(VICTIM, PersonRole.ALLEGED_VICTIM, PersonKind.OFFENDER, "A-1001"),
        NewPerson(PERPETRATOR, PersonRole.ALLEGED_PERPETRATOR, PersonKind.OFFENDER, "B-2002"),
        NewPerson("Lee Hart", PersonRole.ALLEGED_PERPETRATOR, PersonKind.OFFENDER, "C-3003"),
    )
    case = open_report(supervisor, clock, people=people)
    number = case.summary.case_number
    with pytest.raises(InputRejected) as refused:
        record_step(supervisor, number, "dry_cell", dry_cell_values(clock))
    (message,) = refused.value.messages
    assert message.field == "step"
    assert f"{PERPETRATOR}, Lee Hart" in message.text
    assert "Place each one with the dry cell panel" in message.text
    for name, cell in ((PERPETRATOR, "D-3"), ("Lee Hart", "D-4")):
        place_in_dry_cell(
            supervisor, number, person_id(case, name), cell, clock.now(), True, True, True
        )
    record_step(supervisor, number, "dry_cell", dry_cell_values(clock))
    assert [p.cell for p in dry_cell_placements(supervisor, number)] == ["D-3", "D-4"]


def test_notification_steps_write_notifications_and_meet_the_other_facility_clock(
    sign_in_as: Callable[[str], Workspace], clock: ManualClock
) -> None:
    supervisor, warden = sign_in_as("sup"), sign_in_as("warden")
    number = open_report(
        supervisor, clock, occurred_elsewhere=True, other_facility_name="Eastern KY Correctional"
    ).summary.case_number
    clock.advance(timedelta(minutes=10))
    record_step(supervisor, number, "warden_notification", warden_values(clock))
    record_step(
        supervisor,
        number,
        "state_police_referral",
        {
            "referred_at": minute(clock.now()),
            "police_contact": "Tpr. Ann Cole, Post 12",
            "method": "email",
            "referred_by": "Sgt. Dana Brooks",
            "police_reference": "KSP-26-0441",
        },
    )
    (facility_clock,) = [
        d for d in case_clocks(supervisor, number) if d.kind is DeadlineKind.OTHER_FACILITY_NOTICE
    ]
    assert facility_clock.state is not DeadlineState.MET
    record_step(
        warden,
        number,
        "other_facility_notice",
        {
            "facility": "Eastern KY Correctional",
            "facility_head": "Warden Ruth Adams",
            "notified_at": minute(clock.now()),
            "method": "phone",
            "notified_by": "Warden Sam Hale",
        },
    )

    told = {n.kind: n for n in list_notifications(supervisor, number)}
    assert set(told) == {
        NotificationKind.WARDEN,
        NotificationKind.STATE_POLICE,
        NotificationKind.OTHER_FACILITY_HEAD,
    }
    assert told[NotificationKind.WARDEN].person_name == "Warden Sam Hale"
    assert told[NotificationKind.WARDEN].method is NotificationMethod.PHONE
    assert told[NotificationKind.WARDEN].details == "Told by Sgt. Dana Brooks"
    assert told[NotificationKind.STATE_POLICE].reference == "KSP-26-0441"
    assert told[NotificationKind.STATE_POLICE].method is NotificationMethod.EMAIL
    other = told[NotificationKind.OTHER_FACILITY_HEAD]
    assert (other.other_facility_name, other.recorded_by) == (
        "Eastern KY Correctional",
        "Warden Sam Hale",
    )
    (facility_clock,) = [
        d for d in case_clocks(supervisor, number) if d.kind is DeadlineKind.OTHER_FACILITY_NOTICE
    ]
    assert facility_clock.state is DeadlineState.MET
    assert facility_clock.met_at == clock.now()


def test_the_advocate_step_records_the_offer_in_order(
    sign_in_as: Callable[[str], Workspace], clock: ManualClock
) -> None:
    supervisor, medical = sign_in_as("sup"), sign_in_as("med")
    number = open_report(supervisor, clock).summary.case_number
    offered = clock.now()
    # The offer was already made through the advocate panel: only what follows is written.
    record_notification(
        medical,
        number,
        NotificationKind.VICTIM_ADVOCATE,
        method=NotificationMethod.IN_PERSON,
        notified_at=offered,
        person_name=VICTIM,
        advocate_status=AdvocateStatus.OFFERED,
    )
    clock.advance(timedelta(minutes=30))
    record_step(
        medical,
        number,
        "victim_advocate",
        {
            "offered_at": minute(offered),
            "offered_by": "Nurse Kim Ørsted",
            "requested": "yes",
            "advocate_service": "Bluegrass Rape Crisis Center",
            "contacted_at": minute(clock.now()),
            "information_given": "Case number, victim's name and the hospital.",
        },
        occurred_at=offered,
        late_entry_reason="Written up after the exam.",
    )
    stages = [n for n in list_notifications(supervisor, number)]
    assert [n.advocate_status for n in stages] == [
        AdvocateStatus.OFFERED,
        AdvocateStatus.REQUESTED,
        AdvocateStatus.CONTACTED,
    ]
    assert stages[1].person_name == VICTIM
    assert stages[1].notified_at == offered
    assert stages[2].person_name == "Bluegrass Rape Crisis Center"
    assert stages[2].details == "Case number, victim's name and the hospital."


def test_a_declined_offer_is_recorded_as_offered_then_declined(
    supervisor: Workspace, clock: ManualClock
) -> None:
    number = open_report(supervisor, clock).summary.case_number
    values = {
        "offered_at": minute(clock.now()),
        "offered_by": "Sgt. Dana Brooks",
        "requested": "no",
    }
    record_step(supervisor, number, "victim_advocate", values)
    stages = list_notifications(supervisor, number)
    assert [n.advocate_status for n in stages] == [AdvocateStatus.OFFERED, AdvocateStatus.DECLINED]
    assert stages[0].details == "Offered by Sgt. Dana Brooks"


def test_medical_steps_fill_the_victims_medical_record(
    sign_in_as: Callable[[str], Workspace], clock: ManualClock
) -> None:
    supervisor, medical = sign_in_as("sup"), sign_in_as("med")
    case = open_report(supervisor, clock)
    number = case.summary.case_number
    clock.advance(timedelta(minutes=15))
    arranged = clock.now()
    record_step(
        medical,
        number,
        "medical_transport",
        {
            "arranged_at": minute(arranged),
            "arranged_by": "Nurse Kim Ørsted",
            "destination": "UofL Hospital",
        },
    )
    record_step(
        medical,
        number,
        "clean_sheet",
        {
            "instructed_at": minute(arranged),
            "instructed_by": "Nurse Kim Ørsted",
            "sheet_collected": "no",
            "clothing_collected": "no",
        },
    )
    record_step(
        medical,
        number,
        "forensic_examiner",
        {
            "requested_at": minute(arranged),
            "requested_by": "Nurse Kim Ørsted",
            "hospital": "UofL Hospital",
            "examiner_type": "sane",
            "efforts": "Called the SANE on call at 03:20; she is on her way.",
        },
    )
    record_step(
        medical,
        number,
        "consent",
        {
            "forensic_exam": "refused",
            "medical_care": "consented",
            "asked_at": minute(arranged),
            "asked_by": "Nurse Kim Ørsted",
            "notes": "Does not want the exam tonight.",
        },
    )
    (record,) = medical_records(supervisor, number)
    assert record.case_person_id == person_id(case, VICTIM)
    assert (record.transport_arranged_at, record.destination) == (arranged, "UofL Hospital")
    assert record.departed_at is None
    assert record.clean_sheet_used is True
    assert record.examiner_type is ExaminerType.SANE
    assert record.examiner_efforts.startswith("Called the SANE")
    assert record.forensic_exam_consent is Consent.REFUSED
    assert record.medical_care_consent is Consent.CONSENTED
    assert record.notes == "Does not want the exam tonight."


def test_separation_and_scene_steps_write_their_records(
    supervisor: Workspace, clock: ManualClock
) -> None:
    case = open_report(supervisor, clock)
    number = case.summary.case_number
    record_step(
        supervisor,
        number,
        "separation",
        {
            "separated_at": minute(clock.now()),
            "method": "segregate_perpetrator",
            "description": "Stone to segregation cell 12.",
            "separated_by": "Sgt. Dana Brooks",
        },
    )
    assert separations(supervisor, case.summary.id) == [
        (SeparationMethod.SEGREGATE_PERPETRATOR, "Stone to segregation cell 12.")
    ]
    record_step(
        supervisor,
        number,
        "crime_scene",
        {
            "scene_location": "Dorm 4,  shower",
            "scene_secured": "yes",
            "secured_at": minute(clock.now()),
            "secured_by": "Officer Reyes",
        },
    )
    (view,) = scene_view(supervisor, number)
    assert (view.scene.location, view.scene.secured) == ("Dorm 4, shower", True)
    assert view.scene.secured_by == "Officer Reyes"
    assert view.scene.secured_at == clock.now()
    assert checklist(supervisor, number).step("scene_entry_log").applies


def test_a_correction_reaches_the_structured_record(
    supervisor: Workspace, clock: ManualClock
) -> None:
    case = open_report(supervisor, clock)
    number = case.summary.case_number
    warden = record_step(supervisor, number, "warden_notification", warden_values(clock))
    placed = record_step(supervisor, number, "dry_cell", dry_cell_values(clock))
    clock.advance(timedelta(hours=2))

    correct_step(supervisor, warden.id, {"method": "in_person"}, "Told in the hall, not by phone.")
    (told,) = list_notifications(supervisor, number)
    assert told.method is NotificationMethod.IN_PERSON
    assert told.corrects_id is not None
    assert told.correction_reason == "Told in the hall, not by phone."

    released = {"released_at": minute(clock.now()), "release_reason": "Evidence collected."}
    correct_step(supervisor, placed.id, released | {"cell": "D-4"}, "Released; cell was D-4.")
    (placement,) = dry_cell_placements(supervisor, number)
    assert (placement.cell, placement.released_at) == ("D-4", clock.now())
    (dry,) = [d for d in case_clocks(supervisor, number) if d.kind is DeadlineKind.DRY_CELL]
    assert dry.state is DeadlineState.MET


def test_a_correction_the_scene_cannot_take_is_refused_under_its_field(
    supervisor: Workspace, clock: ManualClock
) -> None:
    number = open_report(supervisor, clock).summary.case_number
    values = {
        "scene_location": "Dorm 4, shower",
        "scene_secured": "no",
        "why_not_secured": "Flooded by a burst pipe.",
        "photographed_or_videotaped": "no",
        "evidence_collected": "no",
    }
    scene = record_step(supervisor, number, "crime_scene", values)
    (view,) = scene_view(supervisor, number)
    assert view.scene.outstanding  # pictures and evidence still to come
    before = audited_events(supervisor)
    with pytest.raises(InputRejected) as refused:
        correct_step(supervisor, scene.id, {"scene_location": "Dorm 5"}, "Wrong dorm.")
    (message,) = refused.value.messages
    assert message.field == "scene_location"
    assert "Add a case note" in message.text
    assert audited_events(supervisor) == before
    correct_step(
        supervisor, scene.id, {"photographed_or_videotaped": "yes"}, "Photos taken after all."
    )
    (view,) = scene_view(supervisor, number)
    assert view.scene.photographed


def test_reopening_leaves_the_record_and_completing_again_does_not_repeat_it(
    supervisor: Workspace, clock: ManualClock
) -> None:
    number = open_report(supervisor, clock).summary.case_number
    values = {
        "offered_at": minute(clock.now()),
        "offered_by": "Sgt. Dana Brooks",
        "requested": "no",
    }
    record_step(supervisor, number, "victim_advocate", values)
    reopen_step(supervisor, number, "victim_advocate", "Entered on the wrong case at first.")
    assert len(list_notifications(supervisor, number)) == 2
    record_step(supervisor, number, "victim_advocate", values)
    assert [n.advocate_status for n in list_notifications(supervisor, number)] == [
        AdvocateStatus.OFFERED,
        AdvocateStatus.DECLINED,
    ]


def test_the_timeline_shows_an_act_recorded_through_a_step_once(
    supervisor: Workspace, clock: ManualClock
) -> None:
    number = open_report(supervisor, clock).summary.case_number
    record_step(supervisor, number, "warden_notification", warden_values(clock))
    record_step(supervisor, number, "dry_cell", dry_cell_values(clock))
    clock.advance(timedelta(minutes=5))
    # The same kind of act recorded on its own panel at another time is still shown.
    record_notification(
        supervisor,
        number,
        NotificationKind.WARDEN,
        method=NotificationMethod.RADIO,
        notified_at=clock.now(),
        person_name="Deputy Warden Joe Kim",
    )
    entries = timeline(supervisor, number)
    kinds = [entry.kind for entry in entries]
    assert kinds.count(TimelineKind.DRY_CELL) == 0
    assert kinds.count(TimelineKind.NOTIFICATION) == 1
    assert "Who: Deputy Warden Joe Kim" in entries[0].details
    titles = [entry.title for entry in entries if entry.kind is TimelineKind.STEP]
    assert "Step 10, Dry cell for the alleged perpetrator: done" in titles
    assert "Step 5a, Tell the Warden: done" in titles


def test_corrections_reach_the_separation_and_the_medical_record(
    sign_in_as: Callable[[str], Workspace], clock: ManualClock
) -> None:
    supervisor, medical = sign_in_as("sup"), sign_in_as("med")
    case = open_report(supervisor, clock)
    number = case.summary.case_number
    separated = record_step(
        supervisor,
        number,
        "separation",
        {
            "separated_at": minute(clock.now()),
            "method": "segregate_both",
            "description": "Both to segregation.",
            "separated_by": "Sgt. Dana Brooks",
        },
    )
    transport = record_step(
        medical,
        number,
        "medical_transport",
        {
            "arranged_at": minute(clock.now()),
            "arranged_by": "Nurse Kim Ørsted",
            "destination": "UofL Hospital",
        },
    )
    clock.advance(timedelta(minutes=40))
    correct_step(
        supervisor,
        separated.id,
        {"method": "segregate_perpetrator", "description": "Stone to cell 12 only."},
        "Only Stone was moved.",
    )
    assert separations(supervisor, case.summary.id) == [
        (SeparationMethod.SEGREGATE_PERPETRATOR, "Stone to cell 12 only.")
    ]
    correct_step(
        medical, transport.id, {"departed_at": minute(clock.now())}, "Left before I wrote it."
    )
    (record,) = medical_records(supervisor, number)
    assert (record.departed_at, record.destination) == (clock.now(), "UofL Hospital")


def test_an_advocate_stage_is_never_taken_back_by_a_correction(
    supervisor: Workspace, clock: ManualClock
) -> None:
    number = open_report(supervisor, clock).summary.case_number
    values = {
        "offered_at": minute(clock.now()),
        "offered_by": "Sgt. Dana Brooks",
        "requested": "no",
    }
    declined = record_step(supervisor, number, "victim_advocate", values)
    before = audited_events(supervisor)
    change = {
        "requested": "yes",
        "advocate_service": "Bluegrass Rape Crisis Center",
        "contacted_at": minute(clock.now()),
        "information_given": "Case number.",
    }
    with pytest.raises(InputRejected) as refused:
        correct_step(supervisor, declined.id, change, "She asked for one after all.")
    (message,) = refused.value.messages
    assert message.field == "requested"
    assert '"declined"' in message.text
    assert audited_events(supervisor) == before
    assert len(list_notifications(supervisor, number)) == 2


def test_two_notifications_of_one_kind_in_the_same_minute_are_told_apart(
    supervisor: Workspace, clock: ManualClock
) -> None:
    case = open_report(supervisor, clock)
    number = case.summary.case_number
    step = record_step(supervisor, number, "warden_notification", warden_values(clock))
    # The same minute, the same user: the deputy is told too, on the notification panel.
    record_notification(
        supervisor,
        number,
        NotificationKind.WARDEN,
        method=NotificationMethod.RADIO,
        notified_at=clock.now(),
        person_name="Deputy Warden Joe Kim",
    )
    with supervisor.read() as work:
        rows = work.records.of_case(NotificationRow, case.summary.id)
        assert [(row.person_name, row.step_record_id) for row in rows] == [
            ("Warden Sam Hale", step.id),
            ("Deputy Warden Joe Kim", None),
        ]
    clock.advance(timedelta(minutes=30))

    corrected = correct_step(
        supervisor, step.id, {"person_notified": "Warden Samuel Hale"}, "Full name."
    )

    told = {n.person_name: n for n in list_notifications(supervisor, number)}
    assert sorted(told) == ["Deputy Warden Joe Kim", "Warden Samuel Hale"]
    assert told["Warden Samuel Hale"].correction_reason == "Full name."
    assert told["Warden Samuel Hale"].method is NotificationMethod.PHONE
    deputy = told["Deputy Warden Joe Kim"]
    assert (deputy.corrects_id, deputy.method) == (None, NotificationMethod.RADIO)

    # A second correction reaches the notification the first one wrote.
    correct_step(supervisor, corrected.id, {"method": "in_person"}, "Told in person.")
    told = {n.person_name: n for n in list_notifications(supervisor, number)}
    assert told["Warden Samuel Hale"].method is NotificationMethod.IN_PERSON
    assert told["Deputy Warden Joe Kim"].method is NotificationMethod.RADIO

    entries = timeline(supervisor, number)
    notices = [entry for entry in entries if entry.kind is TimelineKind.NOTIFICATION]
    assert len(notices) == 1
    assert "Who: Deputy Warden Joe Kim" in notices[0].details
    warden_steps = [e for e in entries if e.kind is TimelineKind.STEP and "5a" in e.title]
    assert [e.superseded for e in warden_steps] == [False, True, True]
