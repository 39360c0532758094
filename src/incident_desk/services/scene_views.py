"""The crime scene as screens and forms see it: the scene, its log, who is inside, the release.

Views are written to the audit trail (CPP 14.7 J). Corrected lines stay in the log, marked as
superseded, next to the lines that correct them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from incident_desk.domain.enums import SceneEntrantRole, SceneEvent
from incident_desk.domain.validation import MSG_SCENE_ENTRY_VIOLATION
from incident_desk.services.case_views import load_visible_case
from incident_desk.services.contacts import ContactSnapshot, contact_snapshot
from incident_desk.services.errors import NotFound
from incident_desk.services.first_response import named_in_step
from incident_desk.services.scene_messages import (
    MSG_NOT_VIDEOTAPED,
    MSG_OUTSTANDING_EVIDENCE,
    MSG_OUTSTANDING_PICTURES,
)
from incident_desk.services.scene_state import SceneLogState
from incident_desk.services.workspace import Workspace
from incident_desk.storage.repositories.evidence_repository import ContactDirectory
from incident_desk.storage.repositories.scene_repository import SceneLogRecord
from incident_desk.storage.rows import CaseRow, SceneRow
from incident_desk.storage.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class SceneSnapshot:
    id: int
    case_id: int
    case_number: str
    location: str
    secured: bool
    secured_at: datetime | None
    secured_by: str
    cannot_secure_reason: str
    photographed: bool
    videotaped: bool
    evidence_collected: bool
    recorded_by: str
    recorded_at: datetime
    #: What CPP 14.7 G.3.b still asks for a scene that could not be secured.
    outstanding: tuple[str, ...]


@dataclass(frozen=True)
class SceneLogLine:
    id: int
    event: SceneEvent
    contact: ContactSnapshot
    entrant_role: SceneEntrantRole
    agency: str
    purpose: str
    occurred_at: datetime
    entry_id: int | None  # for an exit: the entry it closes
    videotaped: bool
    video_reference: str
    violation: bool
    allowed_by: str
    recorded_by: str
    recorded_at: datetime
    corrects_id: int | None
    correction_reason: str
    superseded_by: int | None
    #: Sentences to show beside the line (a violation, a missing videotape).
    notes: tuple[str, ...]

    @property
    def name(self) -> str:
        return self.contact.name

    @property
    def superseded(self) -> bool:
        return self.superseded_by is not None

    @property
    def is_correction(self) -> bool:
        return self.corrects_id is not None


@dataclass(frozen=True)
class PersonInside:
    entry_id: int
    contact: ContactSnapshot
    entrant_role: SceneEntrantRole
    agency: str
    entered_at: datetime
    violation: bool


@dataclass(frozen=True)
class SceneReleaseSnapshot:
    released_at: datetime
    released_by: str
    authority: str
    verified_complete_by: str
    verified_complete_at: datetime
    recorded_at: datetime


@dataclass(frozen=True)
class SceneView:
    scene: SceneSnapshot
    lines: tuple[SceneLogLine, ...]  # every line ever written, oldest first
    inside: tuple[PersonInside, ...]
    release: SceneReleaseSnapshot | None

    @property
    def violations(self) -> tuple[SceneLogLine, ...]:
        return tuple(line for line in self.lines if line.violation and not line.superseded)


def visible_scene(
    workspace: Workspace, work: UnitOfWork, scene_id: int
) -> tuple[SceneRow, CaseRow]:
    """The scene and its case, if the signed-in user may see the case."""
    scene = work.scenes.get(scene_id)
    if scene is None:
        raise NotFound(f"There is no crime scene {scene_id}.")
    case = work.cases.get(scene.case_id)
    assert case is not None  # a foreign key guarantees it
    return scene, load_visible_case(workspace, work, case.case_number)


def scene_log(workspace: Workspace, scene_id: int) -> SceneView:
    """One scene with its whole entry log (a view, so it is audited)."""
    with workspace.write("view_scene_log") as work:
        scene, case = visible_scene(workspace, work, scene_id)
        work.record_event("view_scene_log", "scene", scene.id, case_id=case.id)
        return build_scene_view(work, scene, case.case_number)


def scene_view(workspace: Workspace, case_number: str) -> tuple[SceneView, ...]:
    """Every scene of a case, first recorded first (a view, so it is audited)."""
    with workspace.write("view_scene_log") as work:
        case = load_visible_case(workspace, work, case_number)
        work.record_event("view_scene_log", "case_file", case.id, case_id=case.id)
        return tuple(
            build_scene_view(work, scene, case.case_number) for scene in work.scenes.scenes(case.id)
        )


def build_scene_view(work: UnitOfWork, scene: SceneRow, case_number: str) -> SceneView:
    state = SceneLogState(work.scenes.log_records(scene.id))
    contacts = work.repository(ContactDirectory).contacts(row.contact_id for row in state.rows)
    people = {cid: contact_snapshot(row) for cid, row in contacts.items()}
    names = {user.id: user.display_name for user in work.organization.users()}
    release = work.scenes.release(scene.id)
    lines = tuple(
        log_line(row, people[row.contact_id], names, state.superseded_by.get(row.id))
        for row in state.ordered()
    )
    inside = tuple(
        PersonInside(
            visit.entry.id,
            people[visit.entry.contact_id],
            visit.entry.entrant_role,
            visit.entry.agency,
            visit.entered_at,
            visit.entry.violation,
        )
        for visit in state.inside()
    )
    return SceneView(
        scene=scene_snapshot(
            scene, case_number, names, named_in_step(work, scene.step_record_id, "secured_by")
        ),
        lines=lines,
        inside=inside,
        release=None
        if release is None
        else SceneReleaseSnapshot(
            release.released_at,
            names.get(release.released_by_id, ""),
            release.authority,
            release.verified_complete_by,
            release.verified_complete_at,
            release.recorded_at,
        ),
    )


def scene_snapshot(
    scene: SceneRow, case_number: str, names: dict[int, str], secured_by: str = ""
) -> SceneSnapshot:
    """``secured_by``: the name typed on the checklist step that recorded the scene, if any
    (whoever secured it may have no account); else the user who recorded it as secured."""
    outstanding: list[str] = []
    if not scene.secured:
        if not (scene.photographed or scene.videotaped):
            outstanding.append(MSG_OUTSTANDING_PICTURES)
        if not scene.evidence_collected:
            outstanding.append(MSG_OUTSTANDING_EVIDENCE)
    return SceneSnapshot(
        id=scene.id,
        case_id=scene.case_id,
        case_number=case_number,
        location=scene.location,
        secured=scene.secured,
        secured_at=scene.secured_at,
        secured_by=secured_by
        or (names.get(scene.secured_by_id, "") if scene.secured_by_id else ""),
        cannot_secure_reason=scene.cannot_secure_reason,
        photographed=scene.photographed,
        videotaped=scene.videotaped,
        evidence_collected=scene.evidence_collected,
        recorded_by=names.get(scene.recorded_by_id, ""),
        recorded_at=scene.recorded_at,
        outstanding=tuple(outstanding),
    )


def log_line(
    row: SceneLogRecord,
    contact: ContactSnapshot,
    names: dict[int, str],
    superseded_by: int | None,
) -> SceneLogLine:
    notes: list[str] = []
    if row.violation:
        allowed = f" Allowed in by: {row.allowed_by}." if row.allowed_by else ""
        notes.append(MSG_SCENE_ENTRY_VIOLATION + allowed)
    if row.event is SceneEvent.ENTERED and not row.videotaped:
        notes.append(MSG_NOT_VIDEOTAPED)
    return SceneLogLine(
        id=row.id,
        event=row.event,
        contact=contact,
        entrant_role=row.entrant_role,
        agency=row.agency,
        purpose=row.purpose,
        occurred_at=row.occurred_at,
        entry_id=row.entry_id,
        videotaped=row.videotaped,
        video_reference=row.video_reference,
        violation=row.violation,
        allowed_by=row.allowed_by,
        recorded_by=names.get(row.recorded_by_id, ""),
        recorded_at=row.recorded_at,
        corrects_id=row.corrects_id,
        correction_reason=row.correction_reason,
        superseded_by=superseded_by,
        notes=tuple(notes),
    )
