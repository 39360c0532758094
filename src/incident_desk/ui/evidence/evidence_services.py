"""The evidence use-cases the screens call, bound to the signed-in workspace by the composition
root (each slot is ``functools.partial(<service function>, workspace)``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from incident_desk.domain.enums import AttachmentKind
from incident_desk.services.attachments import AttachmentSnapshot
from incident_desk.services.contacts import ContactSnapshot
from incident_desk.services.custody_signatures import SignatureSnapshot
from incident_desk.services.custody_verification import EvidenceVerification
from incident_desk.services.evidence_views import EvidenceItemView


@dataclass(frozen=True)
class EvidenceServices:
    #: ``items(case_number)`` (services.evidence_views.evidence_view)
    items: Callable[[str], tuple[EvidenceItemView, ...]]
    #: ``item_by_number(item_number)`` (services.evidence_views.item_by_number)
    item_by_number: Callable[[str], EvidenceItemView]
    #: ``signatures(item_id)`` (services.evidence_views.custody_signatures)
    signatures: Callable[[int], dict[int, SignatureSnapshot]]
    #: ``verify(case_number)`` (services.custody_verification.verify_case_evidence)
    verify: Callable[[str], EvidenceVerification]
    #: ``add_item(case_number, description, source, found_location, collected_by_contact_id,
    #: collected_at, packaging, seal_number, storage_location, condition)``
    #: (services.evidence.add_evidence)
    add_item: Callable[..., EvidenceItemView]
    #: ``transfer(item_id, from_contact_id, to_contact_id, transferred_at, purpose,
    #: from_signature, to_signature)`` (services.custody.transfer_custody)
    transfer: Callable[..., EvidenceItemView]
    #: ``dispose(item_id, action, by_contact_id, at, disposition_to, purpose, by_signature=)``
    #: (services.custody.dispose_evidence)
    dispose: Callable[..., EvidenceItemView]
    #: ``find_contacts(text)`` (services.contacts.find_contacts)
    find_contacts: Callable[[str], list[ContactSnapshot]]
    #: ``add_contact(name, agency, title)`` (services.contacts.add_contact)
    add_contact: Callable[[str, str, str], ContactSnapshot]
    #: ``me()``: the signed-in user's own contact (services.contacts.contact_for_user)
    me: Callable[[], ContactSnapshot]
    #: ``add_attachment(case_number, kind, filename, media_type, content, caption,
    #: evidence_item_id)`` (services.attachments.add_attachment)
    add_attachment: Callable[..., AttachmentSnapshot]
    #: ``attachments(case_number)`` (services.attachments.list_attachments)
    attachments: Callable[[str], tuple[AttachmentSnapshot, ...]]
    #: ``read_attachment(attachment_id)`` -> bytes (services.attachments.read_attachment)
    read_attachment: Callable[[int], bytes]
    now: Callable[[], datetime]


PHOTO = AttachmentKind.PHOTO
Job = Callable[[], Any]
