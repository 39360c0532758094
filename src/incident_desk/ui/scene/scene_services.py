"""The crime scene use-cases the screens call, bound to the signed-in workspace by the
composition root (``partial(fn, workspace)``), so widgets never see a workspace or the ORM."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from incident_desk.domain.enums import Role
from incident_desk.services.attachments import AttachmentSnapshot
from incident_desk.services.contacts import ContactSnapshot
from incident_desk.services.custody_verification import EvidenceVerification
from incident_desk.services.scene_views import SceneLogLine, SceneView


@dataclass(frozen=True)
class SceneServices:
    """One slot per use-case; the comment names the service function bound into it."""

    #: ``scenes(case_number)`` (services.scene.scene_view)
    scenes: Callable[[str], tuple[SceneView, ...]]
    #: ``record_scene(case_number, location, secured, secured_at, cannot_secure_reason,
    #: photographed, videotaped, evidence_collected)`` (services.scene.record_scene)
    record_scene: Callable[..., SceneView]
    #: ``mark_documented(scene_id, photographed=, videotaped=, evidence_collected=)``
    #: (services.scene.mark_scene_documented)
    mark_documented: Callable[..., SceneView]
    #: ``log_entry(scene_id, contact_id, entrant_role, agency, purpose, entered_at, videotaped,
    #: video_reference, allowed_by, *, as_violation)`` (services.scene.log_scene_entry)
    log_entry: Callable[..., SceneLogLine]
    #: ``log_exit(scene_id, contact_id, exited_at)`` (services.scene.log_scene_exit)
    log_exit: Callable[[int, int, datetime | None], SceneLogLine]
    #: ``release(scene_id, released_at, authority, verified_complete_by, verified_complete_at)``
    #: (services.scene.release_scene)
    release: Callable[[int, datetime | None, str, str, datetime], SceneView]
    #: ``find_contacts(text)`` (services.contacts.find_contacts)
    find_contacts: Callable[[str], Sequence[ContactSnapshot]]
    #: ``add_contact(name, agency, title)`` (services.contacts.add_contact)
    add_contact: Callable[[str, str, str], ContactSnapshot]
    #: ``attachments(case_number)`` (services.attachments.list_attachments)
    attachments: Callable[[str], tuple[AttachmentSnapshot, ...]]
    #: ``read_attachment(attachment_id)`` (services.attachments.read_attachment)
    read_attachment: Callable[[int], bytes]
    #: ``add_attachment(case_number, kind, filename, media_type, content, caption,
    #: scene_id=)`` (services.attachments.add_attachment)
    add_attachment: Callable[..., AttachmentSnapshot]
    #: ``verify(case_number)`` (services.custody_verification.verify_case_evidence)
    verify: Callable[[str], EvidenceVerification]
    #: the clock's ``now`` (workspace.clock.now)
    now: Callable[[], datetime]
    #: the signed-in user's role (workspace.actor.role): which buttons are offered
    role: Role
