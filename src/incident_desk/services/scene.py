"""The crime scene (SPEC steps 4, 6 and 7): secured or not, who went in and out, its release.

This module records the scene itself and is the one import point for the scene use-cases.
Who may do what, and why:
- recording the scene (secured, or not and why) is for the first responder, the shift
  supervisor and the investigator: the first responder is often the one who secured it;
- the entry log is kept by the shift supervisor (SPEC "Users and roles") and the investigator
  (scene_log.py);
- the release is the investigator's alone (CPP 14.7 G.3.f, "released by the investigating
  authority"; scene_release.py).
"""

from __future__ import annotations

from datetime import datetime

from incident_desk.domain.clock import ensure_utc
from incident_desk.domain.enums import Role
from incident_desk.domain.validation import ValidationMessage, check_not_future, check_required
from incident_desk.services.case_views import load_visible_case
from incident_desk.services.errors import InputRejected
from incident_desk.services.scene_corrections import correct_scene_entry
from incident_desk.services.scene_log import SCENE_LOG_ROLES, log_scene_entry, log_scene_exit
from incident_desk.services.scene_messages import MSG_SECURED_WITH_REASON, MSG_UNSECURED_WITH_TIME
from incident_desk.services.scene_release import SCENE_RELEASE_ROLES, release_scene
from incident_desk.services.scene_views import (
    PersonInside,
    SceneLogLine,
    SceneReleaseSnapshot,
    SceneSnapshot,
    SceneView,
    build_scene_view,
    scene_log,
    scene_view,
    visible_scene,
)
from incident_desk.services.visibility import require_role
from incident_desk.services.workspace import Workspace
from incident_desk.storage.rows import CaseRow, SceneRow
from incident_desk.storage.unit_of_work import UnitOfWork

__all__ = [
    "SCENE_LOG_ROLES",
    "SCENE_RECORDING_ROLES",
    "SCENE_RELEASE_ROLES",
    "PersonInside",
    "SceneLogLine",
    "SceneReleaseSnapshot",
    "SceneSnapshot",
    "SceneView",
    "correct_scene_entry",
    "log_scene_entry",
    "log_scene_exit",
    "mark_scene_documented",
    "record_scene",
    "release_scene",
    "scene_log",
    "scene_view",
]

SCENE_RECORDING_ROLES = frozenset({Role.FIRST_RESPONDER, Role.SHIFT_SUPERVISOR, Role.INVESTIGATOR})


def record_scene(
    workspace: Workspace,
    case_number: str,
    location: str,
    secured: bool,
    secured_at: datetime | None = None,
    cannot_secure_reason: str = "",
    photographed: bool = False,
    videotaped: bool = False,
    evidence_collected: bool = False,
) -> SceneView:
    """Record the scene of a case: secured (when; by the user recording it), or why it could not
    be, with what G.3.b asks instead. A scene not secured is accepted even before its photos:
    the view lists what is still outstanding rather than refusing the truth."""
    require_role(workspace.actor, SCENE_RECORDING_ROLES, "record the crime scene")
    # The input is checked before the case is opened, so a refusal writes nothing at all.
    _check_scene(location, secured, secured_at, cannot_secure_reason, workspace.clock.now())
    with workspace.write("record_scene") as work:
        case = load_visible_case(workspace, work, case_number)
        scene = add_scene(
            workspace,
            work,
            case,
            location,
            secured,
            secured_at,
            cannot_secure_reason,
            photographed=photographed,
            videotaped=videotaped,
            evidence_collected=evidence_collected,
        )
        return build_scene_view(work, scene, case.case_number)


def add_scene(
    workspace: Workspace,
    work: UnitOfWork,
    case: CaseRow,
    location: str,
    secured: bool,
    secured_at: datetime | None = None,
    cannot_secure_reason: str = "",
    *,
    photographed: bool = False,
    videotaped: bool = False,
    evidence_collected: bool = False,
    step_record_id: int | None = None,
) -> SceneRow:
    """The checks and the row of a scene record, inside an open unit of work (the checklist's
    crime scene step records through here too)."""
    now = workspace.clock.now()
    secured_at = _check_scene(location, secured, secured_at, cannot_secure_reason, now)
    scene = SceneRow(
        case_id=case.id,
        location=" ".join(location.split()),
        secured=secured,
        secured_at=secured_at,
        secured_by_id=workspace.actor.id if secured else None,
        cannot_secure_reason=cannot_secure_reason.strip(),
        photographed=photographed,
        videotaped=videotaped,
        evidence_collected=evidence_collected,
        recorded_by_id=workspace.actor.id,
        recorded_at=now,
        step_record_id=step_record_id,
    )
    work.add(scene)
    work.flush()
    return scene


def add_documentation_marks(
    scene: SceneRow, photographed: bool, videotaped: bool, evidence_collected: bool
) -> None:
    """Add G.3.b's marks to a scene; a mark once made is never taken back."""
    scene.photographed = scene.photographed or photographed
    scene.videotaped = scene.videotaped or videotaped
    scene.evidence_collected = scene.evidence_collected or evidence_collected


def _check_scene(
    location: str,
    secured: bool,
    secured_at: datetime | None,
    cannot_secure_reason: str,
    now: datetime,
) -> datetime | None:
    """The secured time to store (now when secured without a time); refuses bad input."""
    messages = check_required("location", location, "where the scene is")
    if secured:
        secured_at = ensure_utc(secured_at or now)
        messages += check_not_future("secured_at", secured_at, now)
        if cannot_secure_reason.strip():
            messages.append(ValidationMessage("cannot_secure_reason", MSG_SECURED_WITH_REASON))
    else:
        if secured_at is not None:
            messages.append(ValidationMessage("secured_at", MSG_UNSECURED_WITH_TIME))
        messages += check_required(
            "cannot_secure_reason", cannot_secure_reason, "why the scene cannot be secured"
        )
    if messages:
        raise InputRejected(messages)
    return secured_at


def mark_scene_documented(
    workspace: Workspace,
    scene_id: int,
    photographed: bool = False,
    videotaped: bool = False,
    evidence_collected: bool = False,
) -> SceneView:
    """Record that G.3.b's photos, video or evidence collection are done. Marks are only ever
    added, so nothing recorded earlier is taken back."""
    require_role(workspace.actor, SCENE_RECORDING_ROLES, "record the crime scene")
    with workspace.write("mark_scene_documented") as work:
        scene, case = visible_scene(workspace, work, scene_id)
        add_documentation_marks(scene, photographed, videotaped, evidence_collected)
        work.flush()
        return build_scene_view(work, scene, case.case_number)
