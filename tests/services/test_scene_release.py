"""Releasing the crime scene (CPP 14.7 G.3.f): the investigator only, nobody inside, once."""

from __future__ import annotations

from datetime import timedelta

import pytest

from incident_desk.domain.clock import ManualClock
from incident_desk.domain.enums import SceneEntrantRole, StepState
from incident_desk.domain.validation import format_moment
from incident_desk.services.contacts import add_contact
from incident_desk.services.errors import AccessDenied, InputRejected
from incident_desk.services.investigation import assign_investigator
from incident_desk.services.scene import (
    SceneView,
    log_scene_entry,
    log_scene_exit,
    record_scene,
    release_scene,
)
from incident_desk.services.scene_messages import (
    MSG_ALREADY_RELEASED,
    MSG_RELEASE_BEFORE_LAST_MOVE,
    MSG_RELEASE_BEFORE_VERIFIED,
    MSG_RELEASE_ROLE,
    MSG_RELEASE_UNSECURED,
    MSG_RELEASE_WITH_PEOPLE_INSIDE,
    MSG_SCENE_RELEASED,
    RELEASE_POLICY_TEXT,
)
from incident_desk.services.timeline import timeline
from incident_desk.services.workflow import checklist
from incident_desk.services.workspace import Workspace
from tests.services.custody_support import SignIn, new_case, nothing_written

MINUTE = timedelta(minutes=1)
AUTHORITY = "KSR Internal Affairs"


@pytest.fixture
def investigator(sign_in_as: SignIn) -> Workspace:
    return sign_in_as("inv")


@pytest.fixture
def scene(supervisor: Workspace, clock: ManualClock) -> SceneView:
    number = new_case(supervisor, clock)
    assign_investigator(supervisor, number, "inv")
    view = record_scene(supervisor, number, "Dorm 4, shower room", secured=True)
    clock.advance(10 * MINUTE)
    return view


@pytest.fixture
def trooper(supervisor: Workspace) -> int:
    return add_contact(supervisor, "Tpr. Ann Lee", "Kentucky State Police", "Trooper").id


def _release(
    workspace: Workspace, scene_id: int, clock: ManualClock, **changes: object
) -> SceneView:
    values: dict[str, object] = {
        "released_at": clock.now(),
        "authority": AUTHORITY,
        "verified_complete_by": "Inv. Pat Moreau",
        "verified_complete_at": clock.now() - MINUTE,
    }
    values.update(changes)
    return release_scene(workspace, scene_id, **values)  # type: ignore[arg-type]


def test_only_the_investigator_releases_the_scene(
    sign_in_as: SignIn, supervisor: Workspace, scene: SceneView, clock: ManualClock
) -> None:
    for workspace in (supervisor, sign_in_as("med"), sign_in_as("warden")):
        with nothing_written(supervisor), pytest.raises(AccessDenied) as refused:
            _release(workspace, scene.scene.id, clock)
        assert str(refused.value) == MSG_RELEASE_ROLE
        assert RELEASE_POLICY_TEXT in str(refused.value)
        assert "CPP 14.7 G.3.f" in str(refused.value)


def test_the_scene_is_released_only_when_nobody_is_inside_and_only_once(
    supervisor: Workspace,
    investigator: Workspace,
    scene: SceneView,
    clock: ManualClock,
    trooper: int,
) -> None:
    scene_id = scene.scene.id
    entered = clock.now()
    log_scene_entry(
        investigator, scene_id, trooper, SceneEntrantRole.STATE_POLICE, entered_at=entered
    )
    clock.advance(60 * MINUTE)
    with nothing_written(supervisor), pytest.raises(InputRejected) as refused:
        _release(investigator, scene_id, clock)
    assert str(refused.value) == MSG_RELEASE_WITH_PEOPLE_INSIDE.format(names="Tpr. Ann Lee")
    log_scene_exit(investigator, scene_id, trooper, clock.now() - 5 * MINUTE)
    view = _release(investigator, scene_id, clock)
    assert view.release is not None
    assert view.release.released_by == "Inv. Pat Moreau"
    assert view.release.authority == AUTHORITY
    assert view.release.released_at == clock.now()
    assert view.inside == ()
    # The release is checklist step 7 done, on record once: no one enters it again.
    step = checklist(investigator, view.scene.case_number).step("scene_release")
    assert step.record is not None
    assert step.record.state is StepState.DONE
    assert step.record.occurred_at == view.release.released_at
    assert step.record.values["verified_by"] == view.release.verified_complete_by
    clock.advance(MINUTE)
    with nothing_written(supervisor), pytest.raises(InputRejected) as refused:
        _release(investigator, scene_id, clock)
    assert str(refused.value) == MSG_ALREADY_RELEASED.format(
        location="Dorm 4, shower room",
        released=format_moment(view.release.released_at),
        authority=AUTHORITY,
    )


def test_release_times_must_follow_verification_and_the_last_log_line(
    supervisor: Workspace,
    investigator: Workspace,
    scene: SceneView,
    clock: ManualClock,
    trooper: int,
) -> None:
    scene_id = scene.scene.id
    log_scene_entry(investigator, scene_id, trooper, SceneEntrantRole.STATE_POLICE)
    clock.advance(30 * MINUTE)
    exited = clock.now()
    log_scene_exit(investigator, scene_id, trooper, exited)
    clock.advance(30 * MINUTE)
    early = clock.now() - 45 * MINUTE
    with nothing_written(supervisor), pytest.raises(InputRejected) as refused:
        _release(investigator, scene_id, clock, released_at=early, verified_complete_at=early)
    assert str(refused.value) == MSG_RELEASE_BEFORE_LAST_MOVE.format(
        released=format_moment(early), name="Tpr. Ann Lee", moment=format_moment(exited)
    )
    verified = clock.now()
    released = clock.now() - MINUTE
    with nothing_written(supervisor), pytest.raises(InputRejected) as refused:
        _release(investigator, scene_id, clock, released_at=released, verified_complete_at=verified)
    assert str(refused.value) == MSG_RELEASE_BEFORE_VERIFIED.format(
        released=format_moment(released), verified=format_moment(verified)
    )
    with nothing_written(supervisor), pytest.raises(InputRejected) as refused:
        _release(
            investigator,
            scene_id,
            clock,
            authority=" ",
            released_at=clock.now() + timedelta(hours=1),
        )
    assert {m.field for m in refused.value.messages} == {"authority", "released_at"}


def test_nothing_is_logged_after_the_release_but_a_late_entry_from_before_is(
    supervisor: Workspace,
    investigator: Workspace,
    scene: SceneView,
    clock: ManualClock,
    trooper: int,
) -> None:
    scene_id = scene.scene.id
    before_release = clock.now()
    clock.advance(60 * MINUTE)
    view = _release(investigator, scene_id, clock)
    assert view.release is not None
    clock.advance(MINUTE)
    with nothing_written(supervisor), pytest.raises(InputRejected) as refused:
        log_scene_entry(supervisor, scene.scene.case_number, trooper, SceneEntrantRole.STATE_POLICE)
    assert str(refused.value) == MSG_SCENE_RELEASED.format(
        location="Dorm 4, shower room",
        released=format_moment(view.release.released_at),
        authority=AUTHORITY,
    )
    # Someone who went in before the release, logged late, is still recorded, never dropped.
    log_scene_entry(
        supervisor, scene_id, trooper, SceneEntrantRole.STATE_POLICE, entered_at=before_release
    )
    line = log_scene_exit(supervisor, scene_id, trooper, before_release + 5 * MINUTE)
    assert line.name == "Tpr. Ann Lee"


def test_a_scene_that_was_never_secured_is_not_released(
    supervisor: Workspace, investigator: Workspace, scene: SceneView, clock: ManualClock
) -> None:
    view = record_scene(
        supervisor, scene.scene.case_number, "Yard", secured=False, cannot_secure_reason="Open yard"
    )
    with nothing_written(supervisor), pytest.raises(InputRejected) as refused:
        _release(investigator, view.scene.id, clock)
    assert str(refused.value) == MSG_RELEASE_UNSECURED.format(location="Yard")


def test_a_release_is_one_act_on_the_timeline(
    investigator: Workspace, scene: SceneView, clock: ManualClock
) -> None:
    clock.advance(60 * MINUTE)
    view = _release(investigator, scene.scene.id, clock)
    titles = [entry.title for entry in timeline(investigator, view.scene.case_number)]
    about = [title for title in titles if "release" in title.lower()]
    assert len(about) == 1, about
