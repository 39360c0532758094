"""The people the record names outside a case: who enters a scene, who holds evidence.

Every user already has a contact; people who never sign in (state police officers, outside
medical staff, a lab courier) are added here so that a scene entry or a hand-over always
points at someone who exists.
"""

from __future__ import annotations

from dataclasses import dataclass

from incident_desk.domain.validation import ValidationMessage, check_required
from incident_desk.services.errors import InputRejected, NotFound
from incident_desk.services.workspace import Workspace
from incident_desk.storage.repositories.case_repository import fold
from incident_desk.storage.repositories.evidence_repository import ContactDirectory
from incident_desk.storage.rows import ContactRow
from incident_desk.storage.unit_of_work import UnitOfWork

FIND_LIMIT = 50
MSG_UNKNOWN_CONTACT = (
    "There is no one with contact number {contact_id} in the contacts list. "
    "Pick the person from the list, or add them as a new contact first."
)
MSG_BAD_EMAIL = 'The e-mail address "{email}" has no @. Correct it, or leave it empty.'


@dataclass(frozen=True)
class ContactSnapshot:
    id: int
    name: str
    agency: str
    title: str
    phone: str
    email: str
    user_id: int | None

    @property
    def label(self) -> str:
        """How lists and forms name the person: "Tpr. Ann Lee, Trooper, Kentucky State Police"."""
        return ", ".join(part for part in (self.name, self.title, self.agency) if part)


def contact_snapshot(row: ContactRow) -> ContactSnapshot:
    return ContactSnapshot(
        row.id, row.name, row.agency, row.title, row.phone, row.email, row.user_id
    )


def existing_contact(work: UnitOfWork, contact_id: int, field: str) -> ContactRow:
    """The contact, or a refusal saying how to pick someone who exists."""
    row = work.repository(ContactDirectory).contact(contact_id)
    if row is None:
        text = MSG_UNKNOWN_CONTACT.format(contact_id=contact_id)
        raise InputRejected([ValidationMessage(field, text)])
    return row


def add_contact(
    workspace: Workspace,
    name: str,
    agency: str,
    title: str,
    phone: str = "",
    email: str = "",
) -> ContactSnapshot:
    """Add someone who does not sign in. Any signed-in user may: the person at the scene door
    has to be recordable by whoever is there."""
    messages = check_required("name", name, "the person's name")
    messages += check_required("agency", agency, "the agency they work for")
    if email.strip() and "@" not in email:
        messages.append(ValidationMessage("email", MSG_BAD_EMAIL.format(email=email.strip())))
    if messages:
        raise InputRejected(messages)
    with workspace.write("add_contact") as work:
        row = ContactRow(
            name=" ".join(name.split()),
            agency=agency.strip(),
            title=title.strip(),
            phone=phone.strip(),
            email=email.strip(),
            user_id=None,
            facility_id=workspace.actor.facility_id,
            created_at=workspace.clock.now(),
        )
        work.add(row)
        work.flush()
        return contact_snapshot(row)


def find_contacts(
    workspace: Workspace, text: str, limit: int = FIND_LIMIT
) -> list[ContactSnapshot]:
    """Contacts whose name, title or agency contain every word typed (accents and case ignored).

    Names that start with the first word come first, then the rest by name.
    """
    words = fold(text).split()
    with workspace.read() as work:
        rows = work.repository(ContactDirectory).everyone()
        matches = []
        for row in rows:
            name = fold(row.name)
            haystack = " ".join((name, fold(row.title), fold(row.agency)))
            if all(word in haystack for word in words):
                starts = bool(words) and any(part.startswith(words[0]) for part in name.split())
                matches.append((not starts, name, row.id, row))
        matches.sort(key=lambda match: match[:3])
        return [contact_snapshot(match[3]) for match in matches[:limit]]


def get_contact(workspace: Workspace, contact_id: int) -> ContactSnapshot:
    with workspace.read() as work:
        row = work.repository(ContactDirectory).contact(contact_id)
        if row is None:
            raise NotFound(MSG_UNKNOWN_CONTACT.format(contact_id=contact_id))
        return contact_snapshot(row)


def contact_for_user(workspace: Workspace, user_id: int | None = None) -> ContactSnapshot:
    """The contact of a user (by default the signed-in one), to sign or receive as themselves."""
    wanted = workspace.actor.id if user_id is None else user_id
    with workspace.read() as work:
        row = work.organization.contact_for_user(wanted)
        if row is None:
            raise NotFound(f"User {wanted} has no contact entry.")
        return contact_snapshot(row)
