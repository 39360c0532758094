"""The scene entry log (SPEC step 6, CPP 14.7 G.3.d–e): everyone who goes into a secured scene,
when they went in and came out, and whether they were videotaped.

The log is kept by the shift supervisor and the investigator. Every line is a new row. An entry
by someone G.3.d does not permit is refused, unless it already happened: then it is recorded
with ``as_violation`` and who allowed it, and kept, marked, never dropped.
"""

from __future__ import annotations

from datetime import datetime

from incident_desk.domain.clock import ensure_utc
from incident_desk.domain.enums import Role, SceneEntrantRole, SceneEvent
from incident_desk.domain.validation import (
    FIELD_ENTRANT_ROLE,
    ValidationMessage,
    check_exit_after_entry,
    check_not_future,
    check_scene_entrant,
    format_moment,
    is_scene_entry_violation,
)
from incident_desk.services.case_views import load_visible_case
from incident_desk.services.contacts import ContactSnapshot, contact_snapshot, existing_contact
from incident_desk.services.errors import InputRejected, rejected
from incident_desk.services.scene_messages import (
    MSG_ALREADY_INSIDE,
    MSG_AUTHORIZED_NOT_VIOLATION,
    MSG_CHOOSE_SCENE,
    MSG_ENTRY_BEFORE_SECURED,
    MSG_INSIDE_AT_THAT_TIME,
    MSG_NO_SCENE,
    MSG_NOT_INSIDE,
    MSG_SCENE_NOT_SECURED,
    MSG_SCENE_RELEASED,
    MSG_VIOLATION_NEEDS_ALLOWED_BY,
)
from incident_desk.services.scene_state import SceneLogState
from incident_desk.services.scene_views import SceneLogLine, log_line, visible_scene
from incident_desk.services.visibility import require_role
from incident_desk.services.workspace import Workspace
from incident_desk.storage.repositories.scene_repository import SceneLogRecord
from incident_desk.storage.rows import CaseRow, SceneLogEntryRow, SceneRow
from incident_desk.storage.unit_of_work import UnitOfWork

SCENE_LOG_ROLES = frozenset({Role.SHIFT_SUPERVISOR, Role.INVESTIGATOR})


def log_scene_entry(
    workspace: Workspace,
    scene: int | str,
    contact_id: int,
    entrant_role: SceneEntrantRole,
    agency: str = "",
    purpose: str = "",
    entered_at: datetime | None = None,
    videotaped: bool = False,
    video_reference: str = "",
    allowed_by: str = "",
    *,
    as_violation: bool = False,
) -> SceneLogLine:
    """Log someone going into a secured scene. ``scene`` is a scene id, or a case number whose
    only open secured scene is meant. Roles G.3.d does not permit are refused unless
    ``as_violation`` records an entry that already happened (then ``allowed_by`` is required)."""
    require_role(workspace.actor, SCENE_LOG_ROLES, "keep the scene entry log")
    now = workspace.clock.now()
    entered_at = ensure_utc(entered_at or now)
    messages = check_not_future("entered_at", entered_at, now)
    if not as_violation:
        messages += check_scene_entrant(entrant_role)
    elif not is_scene_entry_violation(entrant_role):
        messages.append(ValidationMessage(FIELD_ENTRANT_ROLE, MSG_AUTHORIZED_NOT_VIOLATION))
    elif not allowed_by.strip():
        messages.append(ValidationMessage("allowed_by", MSG_VIOLATION_NEEDS_ALLOWED_BY))
    if messages:
        raise InputRejected(messages)
    with workspace.write("log_scene_entry") as work:
        scene_row, case = _scene_for_logging(workspace, work, scene)
        _check_scene_open(work, scene_row, entered_at, "entered_at")
        if scene_row.secured_at is not None and entered_at < scene_row.secured_at:
            raise rejected(
                "entered_at",
                MSG_ENTRY_BEFORE_SECURED.format(
                    entered=format_moment(entered_at), secured=format_moment(scene_row.secured_at)
                ),
            )
        contact = existing_contact(work, contact_id, "contact_id")
        state = SceneLogState(work.scenes.log_keys(scene_row.id))
        inside = state.open_visit(contact.id)
        if inside is not None:
            raise rejected(
                "contact_id",
                MSG_ALREADY_INSIDE.format(
                    name=contact.name, entered=format_moment(inside.entered_at)
                ),
            )
        earlier = state.visit_covering(contact.id, entered_at)
        if earlier is not None and earlier.exited_at is not None:
            raise rejected(
                "entered_at",
                MSG_INSIDE_AT_THAT_TIME.format(
                    name=contact.name,
                    moment=format_moment(entered_at),
                    entered=format_moment(earlier.entered_at),
                    exited=format_moment(earlier.exited_at),
                ),
            )
        row = SceneLogEntryRow(
            scene_id=scene_row.id,
            event=SceneEvent.ENTERED,
            contact_id=contact.id,
            entrant_role=entrant_role,
            agency=agency.strip() or contact.agency,
            purpose=purpose.strip(),
            occurred_at=entered_at,
            entry_id=None,
            videotaped=videotaped,
            video_reference=video_reference.strip(),
            violation=as_violation,
            allowed_by=allowed_by.strip(),
            recorded_by_id=workspace.actor.id,
            recorded_at=now,
            corrects_id=None,
            correction_reason="",
        )
        return _added(work, case, row, contact_snapshot(contact), workspace)


def log_scene_exit(
    workspace: Workspace, scene: int | str, contact_id: int, exited_at: datetime | None = None
) -> SceneLogLine:
    """Log someone leaving the scene; closes their open entry."""
    require_role(workspace.actor, SCENE_LOG_ROLES, "keep the scene entry log")
    now = workspace.clock.now()
    exited_at = ensure_utc(exited_at or now)
    messages = check_not_future("exited_at", exited_at, now)
    if messages:
        raise InputRejected(messages)
    with workspace.write("log_scene_exit") as work:
        scene_row, case = _scene_for_logging(workspace, work, scene)
        contact = existing_contact(work, contact_id, "contact_id")
        visit = SceneLogState(work.scenes.log_keys(scene_row.id)).open_visit(contact.id)
        if visit is None:
            raise rejected("contact_id", MSG_NOT_INSIDE.format(name=contact.name))
        problems = check_exit_after_entry(visit.entered_at, exited_at)
        if problems:
            raise InputRejected(problems)
        entry = work.scenes.entry(visit.entry.id)
        assert entry is not None  # it was just read
        row = SceneLogEntryRow(
            scene_id=scene_row.id,
            event=SceneEvent.EXITED,
            contact_id=contact.id,
            entrant_role=entry.entrant_role,
            agency=entry.agency,
            purpose="",
            occurred_at=exited_at,
            entry_id=entry.id,
            videotaped=False,
            video_reference="",
            violation=False,
            allowed_by="",
            recorded_by_id=workspace.actor.id,
            recorded_at=now,
            corrects_id=None,
            correction_reason="",
        )
        return _added(work, case, row, contact_snapshot(contact), workspace)


def _added(
    work: UnitOfWork,
    case: CaseRow,
    row: SceneLogEntryRow,
    contact: ContactSnapshot,
    workspace: Workspace,
) -> SceneLogLine:
    work.set_case(case.id)  # log rows carry no case column; their audit events still name it
    work.add(row)
    work.flush()
    return log_line(
        SceneLogRecord.of(row), contact, {workspace.actor.id: workspace.actor.display_name}, None
    )


def _scene_for_logging(
    workspace: Workspace, work: UnitOfWork, scene: int | str
) -> tuple[SceneRow, CaseRow]:
    """The scene a log line is for: by id, or the one open secured scene of a case."""
    if isinstance(scene, int):
        scene_row, case = visible_scene(workspace, work, scene)
        if not scene_row.secured:
            raise rejected("scene", MSG_SCENE_NOT_SECURED.format(location=scene_row.location))
        return scene_row, case
    case = load_visible_case(workspace, work, scene)
    scenes = list(work.scenes.scenes(case.id))
    if not scenes:
        raise rejected("scene", MSG_NO_SCENE.format(case=case.case_number))
    releases = work.scenes.releases([row.id for row in scenes])
    secured = [row for row in scenes if row.secured]
    candidates = [row for row in secured if row.id not in releases]
    if len(candidates) == 1:
        return candidates[0], case
    if len(candidates) > 1:
        raise rejected(
            "scene", MSG_CHOOSE_SCENE.format(case=case.case_number, count=len(candidates))
        )
    if secured:  # every secured scene has been released: say so about the latest one
        return secured[-1], case
    raise rejected("scene", MSG_SCENE_NOT_SECURED.format(location=scenes[-1].location))


def _check_scene_open(work: UnitOfWork, scene: SceneRow, moment: datetime, field: str) -> None:
    release = work.scenes.release(scene.id)
    if release is not None and moment >= release.released_at:
        raise rejected(
            field,
            MSG_SCENE_RELEASED.format(
                location=scene.location,
                released=format_moment(release.released_at),
                authority=release.authority,
            ),
        )
