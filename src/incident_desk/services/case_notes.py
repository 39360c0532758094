"""Free-text notes on a case: anything the checklist has no field for, in the writer's words.

Notes are a log: a note is never changed; a correction is a new note that points at the one it
corrects and says why, and only the person who wrote a note may correct it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from incident_desk.domain.validation import check_correction_reason, check_required
from incident_desk.services.case_views import load_visible_case
from incident_desk.services.errors import AccessDenied, NotFound, rejected
from incident_desk.services.first_response import raise_if
from incident_desk.services.workspace import Workspace
from incident_desk.storage.repositories.first_response_repository import (
    FirstResponseRepository,
)
from incident_desk.storage.rows import CaseNoteRow

MSG_NO_SUCH_NOTE = "There is no such note. Close the case and open it again."
MSG_NOT_YOUR_NOTE = (
    "Only the person who wrote a note can correct it. Add a note of your own instead."
)
MSG_NOTE_ALREADY_CORRECTED = (
    "This note has already been corrected. Correct the latest version instead."
)
NOTE_LABEL = "Note"


@dataclass(frozen=True)
class NoteSnapshot:
    id: int
    case_id: int
    body: str
    written_at: datetime
    written_by: str
    corrects_id: int | None
    correction_reason: str


def add_note(workspace: Workspace, case_number: str, text: str) -> NoteSnapshot:
    """Add a note to a case anyone with access to it may read."""
    raise_if(check_required("text", text, NOTE_LABEL))
    with workspace.write("add_note") as work:
        case = load_visible_case(workspace, work, case_number)
        note = CaseNoteRow(
            case_id=case.id,
            body=text.strip(),
            written_at=workspace.clock.now(),
            written_by_id=workspace.actor.id,
            correction_reason="",
        )
        work.add(note)
        work.flush()
        return _snapshot(workspace, note)


def correct_note(workspace: Workspace, note_id: int, text: str, reason: str) -> NoteSnapshot:
    """Append the corrected text of one's own note; the original stays as written."""
    raise_if(check_required("text", text, NOTE_LABEL) + check_correction_reason(reason))
    with workspace.write("correct_note") as work:
        original = work.get(CaseNoteRow, note_id)
        case = None if original is None else work.cases.get(original.case_id)
        if not isinstance(original, CaseNoteRow) or case is None:
            raise NotFound(MSG_NO_SUCH_NOTE)
        load_visible_case(workspace, work, case.case_number)
        if original.written_by_id != workspace.actor.id:
            raise AccessDenied(MSG_NOT_YOUR_NOTE)
        if work.repository(FirstResponseRepository).note_corrected(original.id):
            raise rejected("note", MSG_NOTE_ALREADY_CORRECTED)
        note = CaseNoteRow(
            case_id=case.id,
            body=text.strip(),
            written_at=workspace.clock.now(),
            written_by_id=workspace.actor.id,
            corrects_id=original.id,
            correction_reason=reason.strip(),
        )
        work.add(note)
        work.flush()
        return _snapshot(workspace, note)


def _snapshot(workspace: Workspace, note: CaseNoteRow) -> NoteSnapshot:
    return NoteSnapshot(
        id=note.id,
        case_id=note.case_id,
        body=note.body,
        written_at=note.written_at,
        written_by=workspace.actor.display_name,
        corrects_id=note.corrects_id,
        correction_reason=note.correction_reason,
    )
