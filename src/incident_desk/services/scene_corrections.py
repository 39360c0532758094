"""Correcting a line of the scene entry log: a new line that points at the one it corrects.

The corrected line stays in the log, shown as superseded; whether an entry is a violation of
CPP 14.7 G.3.d follows the corrected role, so a correction can neither hide nor invent one.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from incident_desk.domain.clock import ensure_utc
from incident_desk.domain.enums import SceneEntrantRole, SceneEvent
from incident_desk.domain.validation import (
    ValidationMessage,
    check_correction_reason,
    check_exit_after_entry,
    check_not_future,
    format_moment,
    is_scene_entry_violation,
)
from incident_desk.services.contacts import existing_contact
from incident_desk.services.errors import InputRejected, NotFound, rejected
from incident_desk.services.scene_log import SCENE_LOG_ROLES
from incident_desk.services.scene_messages import (
    MSG_ALREADY_INSIDE,
    MSG_CORRECTION_CHANGES_NOTHING,
    MSG_ENTRY_AFTER_EXIT,
    MSG_ENTRY_BEFORE_SECURED,
    MSG_EXIT_CORRECTS_TIME_ONLY,
    MSG_INSIDE_AT_THAT_TIME,
    MSG_LINE_ALREADY_CORRECTED,
    MSG_NO_SUCH_LINE,
    MSG_SCENE_RELEASED,
    MSG_VIOLATION_NEEDS_ALLOWED_BY,
)
from incident_desk.services.scene_state import SceneLogState
from incident_desk.services.scene_views import SceneView, build_scene_view, visible_scene
from incident_desk.services.visibility import require_role
from incident_desk.services.workspace import Workspace
from incident_desk.storage.repositories.scene_repository import SceneLogKey
from incident_desk.storage.rows import SceneLogEntryRow, SceneRow

_ENTRY_ONLY_FIELDS = (
    "contact_id",
    "entrant_role",
    "agency",
    "purpose",
    "videotaped",
    "video_reference",
    "allowed_by",
)


def correct_scene_entry(
    workspace: Workspace,
    entry_id: int,
    *,
    reason: str,
    occurred_at: datetime | None = None,
    contact_id: int | None = None,
    entrant_role: SceneEntrantRole | None = None,
    agency: str | None = None,
    purpose: str | None = None,
    videotaped: bool | None = None,
    video_reference: str | None = None,
    allowed_by: str | None = None,
) -> SceneView:
    """Correct a log line (an entry, or an exit's time). Values left as None keep the original's."""
    require_role(workspace.actor, SCENE_LOG_ROLES, "correct the scene entry log")
    now = workspace.clock.now()
    moment = None if occurred_at is None else ensure_utc(occurred_at)
    messages = check_correction_reason(reason) + check_not_future("occurred_at", moment, now)
    if messages:
        raise InputRejected(messages)
    changes = {
        "contact_id": contact_id,
        "entrant_role": entrant_role,
        "agency": agency,
        "purpose": purpose,
        "videotaped": videotaped,
        "video_reference": video_reference,
        "allowed_by": allowed_by,
    }
    with workspace.write("correct_scene_entry") as work:
        original = work.scenes.entry(entry_id)
        if original is None:
            raise NotFound(MSG_NO_SUCH_LINE.format(line=entry_id))
        scene, case = visible_scene(workspace, work, original.scene_id)
        work.set_case(case.id)
        state = SceneLogState(work.scenes.log_keys(scene.id))
        if original.id in state.superseded_by:
            raise rejected(
                "entry_id",
                MSG_LINE_ALREADY_CORRECTED.format(
                    line=original.id, newer=state.superseded_by[original.id]
                ),
            )
        if original.event is SceneEvent.EXITED:
            if any(changes[key] is not None for key in _ENTRY_ONLY_FIELDS):
                raise rejected("entry_id", MSG_EXIT_CORRECTS_TIME_ONLY)
            corrected = _corrected_exit(state, original, moment)
        else:
            person = existing_contact(work, contact_id or original.contact_id, "contact_id")
            corrected = _corrected_entry(state, scene, original, moment, changes, person.name)
            release = work.scenes.release(scene.id)
            if release is not None and corrected.occurred_at >= release.released_at:
                raise rejected(
                    "occurred_at",
                    MSG_SCENE_RELEASED.format(
                        location=scene.location,
                        released=format_moment(release.released_at),
                        authority=release.authority,
                    ),
                )
        if _same(original, corrected):
            raise rejected("entry_id", MSG_CORRECTION_CHANGES_NOTHING)
        corrected.corrects_id = original.id
        corrected.correction_reason = reason.strip()
        corrected.recorded_by_id = workspace.actor.id
        corrected.recorded_at = now
        work.add(corrected)
        work.flush()
        return build_scene_view(work, scene, case.case_number)


def _corrected_exit(
    state: SceneLogState[SceneLogKey], original: SceneLogEntryRow, moment: datetime | None
) -> SceneLogEntryRow:
    corrected = _copy(original)
    if moment is not None:
        visit = state.visit_of(original.entry_id) if original.entry_id is not None else None
        if visit is not None:
            problems = check_exit_after_entry(visit.entered_at, moment)
            if problems:
                raise InputRejected(problems)
        corrected.occurred_at = moment
    return corrected


def _corrected_entry(
    state: SceneLogState[SceneLogKey],
    scene: SceneRow,
    original: SceneLogEntryRow,
    moment: datetime | None,
    changes: Mapping[str, object],
    name: str,
) -> SceneLogEntryRow:
    corrected = _copy(original)
    for key, value in changes.items():
        if value is not None:
            # Free text is trimmed; an enum is a str too, but must stay what it is.
            trimmed = isinstance(value, str) and not isinstance(value, SceneEntrantRole)
            setattr(corrected, key, str(value).strip() if trimmed else value)
    if moment is not None:
        corrected.occurred_at = moment
    corrected.violation = is_scene_entry_violation(corrected.entrant_role)
    if corrected.violation and not corrected.allowed_by:
        raise rejected("allowed_by", MSG_VIOLATION_NEEDS_ALLOWED_BY)
    entered = corrected.occurred_at
    if scene.secured_at is not None and entered < scene.secured_at:
        raise rejected(
            "occurred_at",
            MSG_ENTRY_BEFORE_SECURED.format(
                entered=format_moment(entered), secured=format_moment(scene.secured_at)
            ),
        )
    visit = state.visit_of(original.id)
    if visit is not None and visit.exited_at is not None and entered > visit.exited_at:
        raise rejected(
            "occurred_at",
            MSG_ENTRY_AFTER_EXIT.format(
                entered=format_moment(entered), exited=format_moment(visit.exited_at)
            ),
        )
    _check_no_overlap(state, original, corrected, name, visit is not None and visit.exit is None)
    return corrected


def _check_no_overlap(
    state: SceneLogState[SceneLogKey],
    original: SceneLogEntryRow,
    corrected: SceneLogEntryRow,
    name: str,
    still_in: bool,
) -> None:
    """The corrected person must not already have been inside at the corrected time."""
    contact = corrected.contact_id
    other = state.visit_covering(contact, corrected.occurred_at, ignore_entry=original.id)
    if other is None and still_in:
        open_visit = state.open_visit(contact)
        if open_visit is not None and state.root(open_visit.entry.id) != state.root(original.id):
            other = open_visit
    if other is None:
        return
    if other.exited_at is None:
        text = MSG_ALREADY_INSIDE.format(name=name, entered=format_moment(other.entered_at))
    else:
        text = MSG_INSIDE_AT_THAT_TIME.format(
            name=name,
            moment=format_moment(corrected.occurred_at),
            entered=format_moment(other.entered_at),
            exited=format_moment(other.exited_at),
        )
    raise InputRejected([ValidationMessage("occurred_at", text)])


_COPIED = (
    "scene_id",
    "event",
    "contact_id",
    "entrant_role",
    "agency",
    "purpose",
    "occurred_at",
    "entry_id",
    "videotaped",
    "video_reference",
    "violation",
    "allowed_by",
)


def _copy(row: SceneLogEntryRow) -> SceneLogEntryRow:
    return SceneLogEntryRow(**{key: getattr(row, key) for key in _COPIED})


def _same(original: SceneLogEntryRow, corrected: SceneLogEntryRow) -> bool:
    return all(getattr(original, key) == getattr(corrected, key) for key in _COPIED)
