"""Photos, video stills and scanned statements attached to a case.

The bytes are kept inside the encrypted database, never in a file of their own, so an attachment
is never on disk in clear. Each one carries the SHA-256 of its bytes, checked on every read: a
file changed or damaged after it was added is reported, never silently shown. Opening one is a
view and is written to the audit trail (CPP 14.7 J).

An attachment with no case belongs to a staff complaint or relationship notice; only the roles
that handle those (supervisor, warden, PCM) may add or open one.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import datetime

from incident_desk.domain.enums import AttachmentKind, Role
from incident_desk.domain.validation import ValidationMessage, check_not_future
from incident_desk.services.case_views import load_visible_case
from incident_desk.services.errors import (
    AccessDenied,
    InputRejected,
    NotFound,
    ServiceError,
    rejected,
)
from incident_desk.services.settings import MEGABYTE, stored_attachment_limit
from incident_desk.services.visibility import require_role
from incident_desk.services.workspace import Workspace
from incident_desk.storage.rows import AttachmentBlobRow, AttachmentRow
from incident_desk.storage.unit_of_work import UnitOfWork

CASELESS_ROLES = frozenset({Role.SHIFT_SUPERVISOR, Role.WARDEN, Role.PREA_COMPLIANCE_MANAGER})
_MEDIA_TYPE = re.compile(r"^[a-z0-9][a-z0-9!#$&^_.+-]*/[a-z0-9][a-z0-9!#$&^_.+-]*$")
MAX_FILENAME = 255

MSG_EMPTY_FILE = (
    'The file "{name}" is empty (0 bytes), so there is nothing to attach. Choose the file again; '
    "if it still shows as empty, it may not have finished copying from the camera or scanner."
)
MSG_TOO_LARGE = (
    'The file "{name}" is {size} MB, larger than the agency limit of {limit} MB. Attach a '
    "smaller copy (for example a reduced photo or a still from the video), or ask the "
    "administrator to raise the limit."
)
MSG_DAMAGED = (
    'Attachment #{id} ("{name}") has been changed or damaged since it was added: its content no '
    "longer matches the fingerprint recorded then. Do not rely on it. Tell the administrator, "
    "who can restore it from a backup; this check has been written to the audit trail."
)


class AttachmentDamaged(ServiceError):
    """The stored bytes no longer match the SHA-256 recorded when the attachment was added."""


@dataclass(frozen=True)
class AttachmentSnapshot:
    id: int
    case_number: str
    kind: AttachmentKind
    filename: str
    media_type: str
    size_bytes: int
    sha256: str
    caption: str
    evidence_item_id: int | None
    scene_id: int | None
    taken_at: datetime | None
    added_by: str
    added_at: datetime


def clean_filename(filename: str) -> str:
    """The file's own name, without any folder a path may carry (Windows or POSIX)."""
    return re.split(r"[\\/]", filename.strip())[-1].strip()


def check_attachment(
    filename: str,
    media_type: str,
    content: bytes,
    taken_at: datetime | None,
    now: datetime,
    limit_bytes: int,
) -> list[ValidationMessage]:
    messages: list[ValidationMessage] = []
    name = clean_filename(filename)
    if not name:
        messages.append(ValidationMessage("filename", "Give the file a name."))
    elif len(name) > MAX_FILENAME:
        messages.append(
            ValidationMessage(
                "filename", f"The file name is too long; shorten it to {MAX_FILENAME} characters."
            )
        )
    if not _MEDIA_TYPE.match(media_type.strip().lower()):
        messages.append(
            ValidationMessage(
                "media_type", f'"{media_type}" is not a file type. Use a type like image/jpeg.'
            )
        )
    if not content:
        messages.append(ValidationMessage("content", MSG_EMPTY_FILE.format(name=name)))
    elif len(content) > limit_bytes:
        messages.append(
            ValidationMessage(
                "content",
                MSG_TOO_LARGE.format(
                    name=name, size=_megabytes(len(content)), limit=_megabytes(limit_bytes)
                ),
            )
        )
    messages += check_not_future("taken_at", taken_at, now)
    return messages


def add_attachment(
    workspace: Workspace,
    case_number: str | None,
    kind: AttachmentKind,
    filename: str,
    media_type: str,
    content: bytes,
    caption: str = "",
    evidence_item_id: int | None = None,
    scene_id: int | None = None,
    taken_at: datetime | None = None,
) -> AttachmentSnapshot:
    """Store a file with the case, sealed with its SHA-256."""
    if case_number is None:
        require_role(workspace.actor, CASELESS_ROLES, "add an attachment outside a case")
    now = workspace.clock.now()
    with workspace.read() as work:
        limit = stored_attachment_limit(work)
    messages = check_attachment(filename, media_type, content, taken_at, now, limit)
    if messages:
        raise InputRejected(messages)
    digest = hashlib.sha256(content).hexdigest()
    with workspace.write("add_attachment") as work:
        case_id = None
        number = ""
        if case_number is not None:
            case = load_visible_case(workspace, work, case_number)
            case_id, number = case.id, case.case_number
        elif evidence_item_id is not None or scene_id is not None:
            raise rejected("case", "A photo of evidence or of a scene belongs to its case.")
        if evidence_item_id is not None:
            item = work.evidence.item(evidence_item_id)
            if item is None or item.case_id != case_id:
                raise rejected(
                    "evidence_item_id", f"Case {number} has no evidence item #{evidence_item_id}."
                )
        if scene_id is not None:
            scene = work.scenes.get(scene_id)
            if scene is None or scene.case_id != case_id:
                raise rejected("scene_id", f"Case {number} has no scene #{scene_id}.")
        row = AttachmentRow(
            case_id=case_id,
            kind=kind,
            filename=clean_filename(filename),
            media_type=media_type.strip().lower(),
            size_bytes=len(content),
            sha256=digest,
            caption=caption.strip(),
            evidence_item_id=evidence_item_id,
            scene_id=scene_id,
            taken_at=taken_at,
            added_by_id=workspace.actor.id,
            added_at=now,
        )
        work.add(row)
        work.flush()
        work.set_case(case_id)
        work.add(AttachmentBlobRow(attachment_id=row.id, content=content))
        work.flush()
        return _snapshot(work, row, number)


def read_attachment(workspace: Workspace, attachment_id: int) -> bytes:
    """The attachment's bytes, after checking them against the SHA-256 recorded when added."""
    with workspace.write("view_attachment") as work:
        row = _visible_attachment(workspace, work, attachment_id)
        content = work.records.attachment_content(row.id)
        intact = content is not None and hashlib.sha256(content).hexdigest() == row.sha256
        if intact:
            work.record_event("view_attachment", "attachment", row.id, case_id=row.case_id)
        else:
            # Kept as its own event: a damaged file is something the administrator must see.
            work.record_event(
                "attachment_integrity_failed",
                "attachment",
                row.id,
                case_id=row.case_id,
                detail=f"expected sha256 {row.sha256}",
            )
        filename = row.filename
    if not intact or content is None:
        raise AttachmentDamaged(MSG_DAMAGED.format(id=attachment_id, name=filename))
    return content


def list_attachments(workspace: Workspace, case_number: str) -> tuple[AttachmentSnapshot, ...]:
    """The case's attachments (descriptions only, no bytes), oldest first."""
    with workspace.read() as work:
        case = load_visible_case(workspace, work, case_number)
        rows = work.records.of_case(AttachmentRow, case.id)
        return tuple(_snapshot(work, row, case.case_number) for row in rows)


def _visible_attachment(
    workspace: Workspace, work: UnitOfWork, attachment_id: int
) -> AttachmentRow:
    row = work.records.attachment(attachment_id)
    if row is None:
        raise NotFound(f"There is no attachment #{attachment_id}.")
    if row.case_id is None:
        if workspace.actor.role not in CASELESS_ROLES:
            raise AccessDenied(f"You do not have access to attachment #{attachment_id}.")
        return row
    case = work.cases.get(row.case_id)
    assert case is not None
    load_visible_case(workspace, work, case.case_number)
    return row


def _snapshot(work: UnitOfWork, row: AttachmentRow, case_number: str) -> AttachmentSnapshot:
    added_by = work.organization.user(row.added_by_id)
    return AttachmentSnapshot(
        id=row.id,
        case_number=case_number,
        kind=row.kind,
        filename=row.filename,
        media_type=row.media_type,
        size_bytes=row.size_bytes,
        sha256=row.sha256,
        caption=row.caption,
        evidence_item_id=row.evidence_item_id,
        scene_id=row.scene_id,
        taken_at=row.taken_at,
        added_by=added_by.display_name if added_by is not None else "",
        added_at=row.added_at,
    )


def _megabytes(size: int) -> str:
    return f"{size / MEGABYTE:.1f}".removesuffix(".0")
