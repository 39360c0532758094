"""Evidence as screens and forms see it: each item with its holder and its whole chain of custody.

Views are written to the audit trail (CPP 14.7 J). Corrected links stay in the chain, marked
as superseded, next to the links that correct them. A case view lists signatures without their
strokes; ``custody_signatures`` loads the strokes of one item for its chain of evidence form.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from incident_desk.domain.enums import CustodyAction, EvidenceSource, Packaging, PersonRole
from incident_desk.services.case_views import load_visible_case
from incident_desk.services.contacts import ContactSnapshot, contact_snapshot
from incident_desk.services.custody_chain import CustodyChainState
from incident_desk.services.custody_messages import (
    MSG_CHAIN_BREAK,
    MSG_CHAIN_STARTS_WRONG,
    MSG_NO_SUCH_ITEM,
    MSG_UNSIGNED,
)
from incident_desk.services.custody_signatures import (
    SignatureRef,
    SignatureSnapshot,
    signature_snapshot,
)
from incident_desk.services.errors import NotFound
from incident_desk.services.workspace import Workspace
from incident_desk.storage.repositories.evidence_repository import (
    ContactDirectory,
    CustodyLinkRecord,
)
from incident_desk.storage.rows import CaseRow, EvidenceItemRow
from incident_desk.storage.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class CustodyLink:
    id: int
    action: CustodyAction
    from_contact: ContactSnapshot | None
    to_contact: ContactSnapshot | None
    transferred_at: datetime
    purpose: str
    disposition_to: str
    from_signature: SignatureRef | None
    to_signature: SignatureRef | None
    recorded_by: str
    recorded_at: datetime
    corrects_id: int | None
    correction_reason: str
    superseded_by: int | None
    notes: tuple[str, ...]

    @property
    def superseded(self) -> bool:
        return self.superseded_by is not None

    @property
    def is_correction(self) -> bool:
        return self.corrects_id is not None


@dataclass(frozen=True)
class EvidenceItemView:
    id: int
    case_id: int
    case_number: str
    item_number: str
    sequence: int
    description: str
    source: EvidenceSource
    found_location: str
    collected_by: ContactSnapshot
    collected_at: datetime
    packaging: Packaging
    seal_number: str
    storage_location: str
    condition: str
    case_person_id: int | None
    person_role: PersonRole | None
    recorded_by: str
    recorded_at: datetime
    chain: tuple[CustodyLink, ...]  # every link ever written, oldest first
    custodian: ContactSnapshot | None  # None once released, destroyed or returned
    held_since: datetime | None
    disposition: CustodyLink | None
    #: Breaks in the standing chain, in words (empty when it is continuous).
    problems: tuple[str, ...]

    @property
    def standing_chain(self) -> tuple[CustodyLink, ...]:
        return tuple(link for link in self.chain if not link.superseded)


def visible_item(
    workspace: Workspace, work: UnitOfWork, item: EvidenceItemRow | None, label: object
) -> tuple[EvidenceItemRow, CaseRow]:
    if item is None:
        raise NotFound(MSG_NO_SUCH_ITEM.format(item=label))
    case = work.cases.get(item.case_id)
    assert case is not None  # a foreign key guarantees it
    return item, load_visible_case(workspace, work, case.case_number)


def evidence_view(workspace: Workspace, case_number: str) -> tuple[EvidenceItemView, ...]:
    """Every item of a case with its holder and chain (a view, so it is audited)."""
    with workspace.write("view_evidence") as work:
        case = load_visible_case(workspace, work, case_number)
        work.record_event("view_evidence", "case_file", case.id, case_id=case.id)
        items = work.evidence.items(case.id)
        return build_item_views(work, case, items, work.evidence.case_chain_records(case.id))


def item_by_number(workspace: Workspace, item_number: str) -> EvidenceItemView:
    """The item whose label was scanned or typed (a view, so it is audited)."""
    with workspace.write("view_evidence_item") as work:
        item = work.evidence.item_by_number(item_number)
        item, case = visible_item(workspace, work, item, item_number.strip().upper())
        work.record_event("view_evidence_item", "evidence_item", item.id, case_id=case.id)
        return item_view(work, case, item)


def custody_signatures(workspace: Workspace, item_id: int) -> dict[int, SignatureSnapshot]:
    """Every signature on an item's chain, by id, strokes included (for its form)."""
    with workspace.read() as work:
        item, _case = visible_item(workspace, work, work.evidence.item(item_id), item_id)
        ids = [
            signature_id
            for link in work.evidence.chain_records(item.id)
            for signature_id in (link.from_signature_id, link.to_signature_id)
            if signature_id is not None
        ]
        rows = work.evidence.signatures(ids)
        return {signature_id: signature_snapshot(row) for signature_id, row in rows.items()}


def item_view(work: UnitOfWork, case: CaseRow, item: EvidenceItemRow) -> EvidenceItemView:
    return build_item_views(work, case, [item], {item.id: work.evidence.chain_records(item.id)})[0]


def build_item_views(
    work: UnitOfWork,
    case: CaseRow,
    items: Sequence[EvidenceItemRow],
    chains: Mapping[int, Sequence[CustodyLinkRecord]],
) -> tuple[EvidenceItemView, ...]:
    links = [link for item in items for link in chains.get(item.id, ())]
    contact_ids = {item.collected_by_contact_id for item in items}
    contact_ids.update(link.from_contact_id for link in links if link.from_contact_id)
    contact_ids.update(link.to_contact_id for link in links if link.to_contact_id)
    contacts = {
        cid: contact_snapshot(row)
        for cid, row in work.repository(ContactDirectory).contacts(contact_ids).items()
    }
    signature_ids = [
        sid for link in links for sid in (link.from_signature_id, link.to_signature_id) if sid
    ]
    signatures = {
        sid: SignatureRef(header.id, header.contact_id, header.sha256, header.captured_at)
        for sid, header in work.evidence.signature_headers(signature_ids).items()
    }
    names = {user.id: user.display_name for user in work.organization.users()}
    roles = {person.id: person.role for person in work.cases.people(case.id)}
    context = _Context(contacts, signatures, names)
    return tuple(
        _item_view(context, case, item, CustodyChainState(chains.get(item.id, ())), roles)
        for item in items
    )


@dataclass(frozen=True)
class _Context:
    contacts: dict[int, ContactSnapshot]
    signatures: dict[int, SignatureRef]
    names: dict[int, str]

    def contact(self, contact_id: int | None) -> ContactSnapshot | None:
        return None if contact_id is None else self.contacts.get(contact_id)

    def name(self, contact_id: int | None) -> str:
        contact = self.contact(contact_id)
        return contact.name if contact is not None else "nobody"


def _item_view(
    context: _Context,
    case: CaseRow,
    item: EvidenceItemRow,
    state: CustodyChainState,
    roles: dict[int, PersonRole],
) -> EvidenceItemView:
    chain = tuple(_link(context, row, state.superseded_by.get(row.id)) for row in state.ordered())
    by_id = {link.id: link for link in chain}
    last = state.last
    problems = [
        MSG_CHAIN_STARTS_WRONG
        if found.holder_id is None and found.number == 1
        else MSG_CHAIN_BREAK.format(
            number=found.number,
            sender=context.name(found.sender_id),
            holder=context.name(found.holder_id),
        )
        for found in state.breaks()
    ]
    collector = context.contact(item.collected_by_contact_id)
    assert collector is not None  # a foreign key guarantees it
    return EvidenceItemView(
        id=item.id,
        case_id=case.id,
        case_number=case.case_number,
        item_number=item.item_number,
        sequence=item.sequence,
        description=item.description,
        source=item.source,
        found_location=item.found_location,
        collected_by=collector,
        collected_at=item.collected_at,
        packaging=item.packaging,
        seal_number=item.seal_number,
        storage_location=item.storage_location,
        condition=item.condition,
        case_person_id=item.case_person_id,
        person_role=roles.get(item.case_person_id) if item.case_person_id else None,
        recorded_by=context.names.get(item.recorded_by_id, ""),
        recorded_at=item.recorded_at,
        chain=chain,
        custodian=context.contact(state.custodian_id),
        held_since=None if last is None or state.ended else last.transferred_at,
        disposition=by_id[last.id] if last is not None and state.ended else None,
        problems=tuple(problems),
    )


def _link(context: _Context, row: CustodyLinkRecord, superseded_by: int | None) -> CustodyLink:
    notes: list[str] = []
    if row.from_contact_id is not None and row.from_signature_id is None:
        notes.append(MSG_UNSIGNED.format(whose=context.name(row.from_contact_id)))
    if row.to_contact_id is not None and row.to_signature_id is None:
        notes.append(MSG_UNSIGNED.format(whose=context.name(row.to_contact_id)))
    return CustodyLink(
        id=row.id,
        action=row.action,
        from_contact=context.contact(row.from_contact_id),
        to_contact=context.contact(row.to_contact_id),
        transferred_at=row.transferred_at,
        purpose=row.purpose,
        disposition_to=row.disposition_to,
        from_signature=context.signatures.get(row.from_signature_id or 0),
        to_signature=context.signatures.get(row.to_signature_id or 0),
        recorded_by=context.names.get(row.recorded_by_id, ""),
        recorded_at=row.recorded_at,
        corrects_id=row.corrects_id,
        correction_reason=row.correction_reason,
        superseded_by=superseded_by,
        notes=tuple(notes),
    )
