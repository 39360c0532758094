"""Releasing a crime scene (SPEC step 7, CPP 14.7 G.3.f): by the investigator only, once the
investigation is verified complete and nobody is left inside. A release is final."""

from __future__ import annotations

import json
from datetime import datetime

from incident_desk.domain.clock import ensure_utc
from incident_desk.domain.enums import Role, StepState
from incident_desk.domain.validation import (
    ValidationMessage,
    check_not_future,
    check_required,
    format_moment,
)
from incident_desk.services.errors import AccessDenied, InputRejected, rejected
from incident_desk.services.first_response import new_step_record
from incident_desk.services.scene_messages import (
    MSG_ALREADY_RELEASED,
    MSG_RELEASE_BEFORE_LAST_MOVE,
    MSG_RELEASE_BEFORE_VERIFIED,
    MSG_RELEASE_ROLE,
    MSG_RELEASE_UNSECURED,
    MSG_RELEASE_WITH_PEOPLE_INSIDE,
)
from incident_desk.services.scene_state import SceneLogState
from incident_desk.services.scene_views import SceneView, build_scene_view, visible_scene
from incident_desk.services.workspace import Workspace
from incident_desk.storage.repositories.evidence_repository import ContactDirectory
from incident_desk.storage.repositories.first_response_repository import (
    FirstResponseRepository,
)
from incident_desk.storage.rows import CaseRow, SceneReleaseRow
from incident_desk.storage.unit_of_work import UnitOfWork

SCENE_RELEASE_ROLES = frozenset({Role.INVESTIGATOR})
#: The checklist step a release completes (SPEC step 7).
RELEASE_STEP = "scene_release"


def release_scene(
    workspace: Workspace,
    scene_id: int,
    released_at: datetime | None,
    authority: str,
    verified_complete_by: str,
    verified_complete_at: datetime,
) -> SceneView:
    """Release a secured scene: the investigating authority, who verified the investigation
    complete and when. Refused while anyone is recorded inside, or if already released."""
    if workspace.actor.role not in SCENE_RELEASE_ROLES:
        raise AccessDenied(MSG_RELEASE_ROLE)
    now = workspace.clock.now()
    released_at = ensure_utc(released_at or now)
    verified_complete_at = ensure_utc(verified_complete_at)
    messages = check_required("authority", authority, "the investigating authority")
    messages += check_required(
        "verified_complete_by", verified_complete_by, "who verified the investigation complete"
    )
    messages += check_not_future("released_at", released_at, now)
    messages += check_not_future("verified_complete_at", verified_complete_at, now)
    if released_at < verified_complete_at:
        text = MSG_RELEASE_BEFORE_VERIFIED.format(
            released=format_moment(released_at), verified=format_moment(verified_complete_at)
        )
        messages.append(ValidationMessage("released_at", text))
    if messages:
        raise InputRejected(messages)
    with workspace.write("release_scene") as work:
        scene, case = visible_scene(workspace, work, scene_id)
        work.set_case(case.id)
        if not scene.secured:
            raise rejected("scene", MSG_RELEASE_UNSECURED.format(location=scene.location))
        earlier = work.scenes.release(scene.id)
        if earlier is not None:
            raise rejected(
                "scene",
                MSG_ALREADY_RELEASED.format(
                    location=scene.location,
                    released=format_moment(earlier.released_at),
                    authority=earlier.authority,
                ),
            )
        state = SceneLogState(work.scenes.log_keys(scene.id))
        directory = work.repository(ContactDirectory)
        inside = state.inside()
        if inside:
            people = directory.contacts(visit.entry.contact_id for visit in inside)
            names = ", ".join(people[visit.entry.contact_id].name for visit in inside)
            raise rejected("scene", MSG_RELEASE_WITH_PEOPLE_INSIDE.format(names=names))
        last = state.last_line()
        if last is not None and released_at < last.occurred_at:
            person = directory.contact(last.contact_id)
            raise rejected(
                "released_at",
                MSG_RELEASE_BEFORE_LAST_MOVE.format(
                    released=format_moment(released_at),
                    name=person.name if person is not None else "",
                    moment=format_moment(last.occurred_at),
                ),
            )
        work.add(
            SceneReleaseRow(
                scene_id=scene.id,
                released_at=released_at,
                released_by_id=workspace.actor.id,
                authority=" ".join(authority.split()),
                verified_complete_by=" ".join(verified_complete_by.split()),
                verified_complete_at=verified_complete_at,
                recorded_at=now,
            )
        )
        _complete_release_step(
            workspace, work, case, released_at, verified_complete_at, verified_complete_by, now
        )
        work.flush()
        return build_scene_view(work, scene, case.case_number)


def _complete_release_step(
    workspace: Workspace,
    work: UnitOfWork,
    case: CaseRow,
    released_at: datetime,
    verified_at: datetime,
    verified_by: str,
    now: datetime,
) -> None:
    """Releasing the scene is checklist step 7 done: record it with the same words, so the
    act is on record once and nobody is asked to enter it again on the step page."""
    step = workspace.protocol.step(RELEASE_STEP)
    current = work.repository(FirstResponseRepository).latest_step_record(case.id, step.key)
    if current is not None and current.state is StepState.DONE:
        return
    values = {
        "released_at": released_at.isoformat(),
        "released_by": workspace.actor.display_name,
        "verified_at": verified_at.isoformat(),
        "verified_by": " ".join(verified_by.split()),
    }
    record = new_step_record(workspace, case, step, StepState.DONE, released_at, now)
    record.values_json = json.dumps(values, sort_keys=True)
    work.add(record)
