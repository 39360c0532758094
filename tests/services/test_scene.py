"""The crime scene: recording it, the entry log (CPP 14.7 G.3.d–e) and its rules."""

from __future__ import annotations

from datetime import timedelta

import pytest

from incident_desk.domain.clock import ManualClock
from incident_desk.domain.enums import SceneEntrantRole, SceneEvent
from incident_desk.domain.validation import (
    MSG_EXIT_BEFORE_ENTRY,
    MSG_SCENE_ENTRY_REFUSED,
    MSG_SCENE_ENTRY_VIOLATION,
    SCENE_ENTRY_POLICY_TEXT,
    format_moment,
)
from incident_desk.services.contacts import MSG_UNKNOWN_CONTACT, add_contact
from incident_desk.services.errors import AccessDenied, InputRejected
from incident_desk.services.investigation import assign_investigator
from incident_desk.services.scene import (
    SceneView,
    log_scene_entry,
    log_scene_exit,
    mark_scene_documented,
    record_scene,
    scene_log,
    scene_view,
)
from incident_desk.services.scene_messages import (
    MSG_ALREADY_INSIDE,
    MSG_AUTHORIZED_NOT_VIOLATION,
    MSG_ENTRY_BEFORE_SECURED,
    MSG_INSIDE_AT_THAT_TIME,
    MSG_NO_SCENE,
    MSG_NOT_INSIDE,
    MSG_NOT_VIDEOTAPED,
    MSG_OUTSTANDING_EVIDENCE,
    MSG_OUTSTANDING_PICTURES,
    MSG_SCENE_NOT_SECURED,
    MSG_SECURED_WITH_REASON,
    MSG_VIOLATION_NEEDS_ALLOWED_BY,
)
from incident_desk.services.workspace import Workspace
from tests.services.custody_support import SignIn, new_case, nothing_written, user_contact

MINUTE = timedelta(minutes=1)


@pytest.fixture
def case_number(supervisor: Workspace, clock: ManualClock) -> str:
    number = new_case(supervisor, clock)
    assign_investigator(supervisor, number, "inv")
    return number


@pytest.fixture
def scene(supervisor: Workspace, clock: ManualClock, case_number: str) -> SceneView:
    view = record_scene(supervisor, case_number, "Dorm 4, shower room", secured=True)
    clock.advance(10 * MINUTE)
    return view


@pytest.fixture
def trooper(supervisor: Workspace) -> int:
    return add_contact(supervisor, "Tpr. Ann Lee", "Kentucky State Police", "Trooper").id


@pytest.fixture
def officer(supervisor: Workspace) -> int:
    return add_contact(supervisor, "CO Rick Vance", "KSR", "Correctional officer").id


def test_a_secured_scene_is_recorded_with_when_and_by_whom(
    scene: SceneView, clock: ManualClock
) -> None:
    assert scene.scene.secured
    assert scene.scene.secured_at == clock.now() - 10 * MINUTE
    assert scene.scene.secured_by == "Sgt. Dana Brooks"
    assert scene.scene.outstanding == ()
    assert scene.lines == ()
    assert scene.inside == ()
    assert scene.release is None


def test_a_scene_that_cannot_be_secured_needs_a_reason_and_lists_what_g3b_still_asks(
    supervisor: Workspace, case_number: str
) -> None:
    with nothing_written(supervisor), pytest.raises(InputRejected) as refused:
        record_scene(supervisor, case_number, "Yard", secured=False)
    assert "why the scene cannot be secured" in str(refused.value)
    with nothing_written(supervisor), pytest.raises(InputRejected) as refused:
        record_scene(supervisor, case_number, "Yard", secured=True, cannot_secure_reason="rain")
    assert str(refused.value) == MSG_SECURED_WITH_REASON
    view = record_scene(
        supervisor, case_number, "Yard", secured=False, cannot_secure_reason="Open yard, storm"
    )
    assert view.scene.outstanding == (MSG_OUTSTANDING_PICTURES, MSG_OUTSTANDING_EVIDENCE)
    assert "CPP 14.7 G.3.b" in view.scene.outstanding[0]
    view = mark_scene_documented(supervisor, view.scene.id, photographed=True)
    assert view.scene.outstanding == (MSG_OUTSTANDING_EVIDENCE,)
    view = mark_scene_documented(supervisor, view.scene.id, evidence_collected=True)
    assert view.scene.outstanding == ()
    assert view.scene.photographed  # marks are only ever added


def test_the_first_responder_records_the_scene_but_does_not_keep_the_log(
    sign_in_as: SignIn, clock: ManualClock, trooper: int
) -> None:
    responder = sign_in_as("fr")
    number = new_case(responder, clock)
    view = record_scene(responder, number, "Cell B-12", secured=True)
    assert view.scene.secured_by == "Officer Luis Peña"
    with pytest.raises(AccessDenied):
        log_scene_entry(responder, view.scene.id, trooper, SceneEntrantRole.STATE_POLICE)
    with pytest.raises(AccessDenied):
        record_scene(sign_in_as("warden"), number, "Cell B-12", secured=True)


def test_the_three_permitted_roles_go_in_and_the_log_names_them_oldest_first(
    supervisor: Workspace, scene: SceneView, clock: ManualClock, trooper: int
) -> None:
    scene_id = scene.scene.id
    inv_contact = user_contact(supervisor, "inv")
    med_contact = user_contact(supervisor, "med")
    started = clock.now()
    log_scene_entry(
        supervisor,
        scene_id,
        trooper,
        SceneEntrantRole.STATE_POLICE,
        purpose="Photographs",
        entered_at=started,
        videotaped=True,
        video_reference="Cam 2, 03:10",
    )
    log_scene_entry(
        supervisor,
        scene_id,
        inv_contact,
        SceneEntrantRole.ASSIGNED_INVESTIGATOR,
        entered_at=started + MINUTE,
        videotaped=True,
    )
    line = log_scene_entry(
        supervisor,
        scene.scene.case_number,
        med_contact,
        SceneEntrantRole.MEDICAL,
        entered_at=started + 2 * MINUTE,
    )
    assert line.event is SceneEvent.ENTERED
    assert line.agency == "Kentucky Department of Corrections"  # from the contact
    assert line.notes == (MSG_NOT_VIDEOTAPED,)
    clock.advance(30 * MINUTE)
    log_scene_exit(supervisor, scene_id, trooper, started + 20 * MINUTE)
    view = scene_log(supervisor, scene_id)
    assert [(line.name, line.event) for line in view.lines] == [
        ("Tpr. Ann Lee", SceneEvent.ENTERED),
        ("Inv. Pat Moreau", SceneEvent.ENTERED),
        ("Nurse Kim Ørsted", SceneEvent.ENTERED),
        ("Tpr. Ann Lee", SceneEvent.EXITED),
    ]
    assert view.lines[0].agency == "Kentucky State Police"
    assert view.lines[0].video_reference == "Cam 2, 03:10"
    assert view.lines[3].entry_id == view.lines[0].id
    assert [person.contact.name for person in view.inside] == [
        "Inv. Pat Moreau",
        "Nurse Kim Ørsted",
    ]
    assert view.violations == ()


def test_anyone_else_is_refused_with_the_rule_quoted_and_nothing_is_written(
    supervisor: Workspace, scene: SceneView, officer: int
) -> None:
    with nothing_written(supervisor), pytest.raises(InputRejected) as refused:
        log_scene_entry(supervisor, scene.scene.id, officer, SceneEntrantRole.OTHER)
    assert str(refused.value) == MSG_SCENE_ENTRY_REFUSED
    assert "CPP 14.7 G.3.d" in str(refused.value)
    assert SCENE_ENTRY_POLICY_TEXT in str(refused.value)


def test_an_entry_that_happened_anyway_is_kept_as_a_violation_with_who_allowed_it(
    supervisor: Workspace, scene: SceneView, officer: int
) -> None:
    with nothing_written(supervisor), pytest.raises(InputRejected) as refused:
        log_scene_entry(
            supervisor, scene.scene.id, officer, SceneEntrantRole.OTHER, as_violation=True
        )
    assert str(refused.value) == MSG_VIOLATION_NEEDS_ALLOWED_BY
    line = log_scene_entry(
        supervisor,
        scene.scene.id,
        officer,
        SceneEntrantRole.OTHER,
        purpose="Fetched his radio",
        allowed_by="Lt. Gomez",
        as_violation=True,
    )
    assert line.violation
    assert line.notes[0] == MSG_SCENE_ENTRY_VIOLATION + " Allowed in by: Lt. Gomez."
    view = scene_log(supervisor, scene.scene.id)
    assert [v.id for v in view.violations] == [line.id]
    assert [p.contact.name for p in view.inside] == ["CO Rick Vance"]


def test_a_permitted_role_is_not_recorded_as_a_violation(
    supervisor: Workspace, scene: SceneView, trooper: int
) -> None:
    with nothing_written(supervisor), pytest.raises(InputRejected) as refused:
        log_scene_entry(
            supervisor,
            scene.scene.id,
            trooper,
            SceneEntrantRole.STATE_POLICE,
            allowed_by="Lt. Gomez",
            as_violation=True,
        )
    assert str(refused.value) == MSG_AUTHORIZED_NOT_VIOLATION


def test_entry_and_exit_refusals_each_say_what_to_do_and_write_nothing(
    supervisor: Workspace, scene: SceneView, clock: ManualClock, trooper: int
) -> None:
    scene_id = scene.scene.id
    entered = clock.now() - 5 * MINUTE

    def refused(call: object, *args: object, **kwargs: object) -> str:
        assert callable(call)
        with nothing_written(supervisor), pytest.raises(InputRejected) as caught:
            call(supervisor, scene_id, *args, **kwargs)
        return str(caught.value)

    assert refused(log_scene_exit, trooper, clock.now()) == MSG_NOT_INSIDE.format(
        name="Tpr. Ann Lee"
    )
    secured = scene.scene.secured_at
    assert secured is not None
    assert refused(
        log_scene_entry, trooper, SceneEntrantRole.STATE_POLICE, entered_at=secured - MINUTE
    ) == MSG_ENTRY_BEFORE_SECURED.format(
        entered=format_moment(secured - MINUTE), secured=format_moment(secured)
    )
    assert refused(log_scene_entry, 9999, SceneEntrantRole.STATE_POLICE) == (
        MSG_UNKNOWN_CONTACT.format(contact_id=9999)
    )
    future = clock.now() + timedelta(hours=1)
    assert "later than now" in refused(
        log_scene_entry, trooper, SceneEntrantRole.STATE_POLICE, entered_at=future
    )
    log_scene_entry(
        supervisor, scene_id, trooper, SceneEntrantRole.STATE_POLICE, entered_at=entered
    )
    assert refused(log_scene_entry, trooper, SceneEntrantRole.STATE_POLICE) == (
        MSG_ALREADY_INSIDE.format(name="Tpr. Ann Lee", entered=format_moment(entered))
    )
    too_early = entered - MINUTE
    assert refused(log_scene_exit, trooper, too_early) == MSG_EXIT_BEFORE_ENTRY.format(
        exited=format_moment(too_early), entered=format_moment(entered)
    )
    assert "later than now" in refused(log_scene_exit, trooper, future)
    log_scene_exit(supervisor, scene_id, trooper, entered + 3 * MINUTE)
    during = entered + MINUTE
    assert refused(
        log_scene_entry, trooper, SceneEntrantRole.STATE_POLICE, entered_at=during
    ) == MSG_INSIDE_AT_THAT_TIME.format(
        name="Tpr. Ann Lee",
        moment=format_moment(during),
        entered=format_moment(entered),
        exited=format_moment(entered + 3 * MINUTE),
    )


def test_a_scene_that_was_not_secured_has_no_entry_log(
    supervisor: Workspace, case_number: str, trooper: int
) -> None:
    with nothing_written(supervisor), pytest.raises(InputRejected) as refused:
        log_scene_entry(supervisor, case_number, trooper, SceneEntrantRole.STATE_POLICE)
    assert str(refused.value) == MSG_NO_SCENE.format(case=case_number)
    view = record_scene(
        supervisor, case_number, "Yard", secured=False, cannot_secure_reason="Open yard"
    )
    for scene in (case_number, view.scene.id):
        with nothing_written(supervisor), pytest.raises(InputRejected) as refused:
            log_scene_entry(supervisor, scene, trooper, SceneEntrantRole.STATE_POLICE)
        assert str(refused.value) == MSG_SCENE_NOT_SECURED.format(location="Yard")


def test_viewing_the_scene_is_audited_and_follows_need_to_know(
    sign_in_as: SignIn, supervisor: Workspace, scene: SceneView, clock: ManualClock
) -> None:
    before = supervisor.database.verify_audit_chain().checked
    views = scene_view(supervisor, scene.scene.case_number)
    assert [v.scene.id for v in views] == [scene.scene.id]
    after = supervisor.database.verify_audit_chain()
    assert after.intact
    assert after.checked == before + 1
    other_case = new_case(supervisor, clock)
    with pytest.raises(AccessDenied):
        scene_view(sign_in_as("inv"), other_case)
