"""Logging evidence items (CPP 14.7 G.3.b, G.5.a): each bag gets a number and the first link of
its chain of custody, the collection, in the same transaction.

Who may record evidence: the shift supervisor (who keeps the evidence log), the investigator,
and medical staff (the clean sheet and clothing of G.5.a). The first responder is not on the
list: what they collect is logged by the supervisor, naming them as the collector.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from incident_desk.domain.clock import ensure_utc
from incident_desk.domain.enums import CustodyAction, EvidenceSource, Packaging, Role
from incident_desk.domain.validation import ValidationMessage, check_not_future, check_required
from incident_desk.services.case_views import load_visible_case
from incident_desk.services.contacts import existing_contact
from incident_desk.services.custody_messages import (
    MSG_CLOTHING_DESCRIPTION,
    MSG_PERSON_NOT_IN_CASE,
)
from incident_desk.services.custody_signatures import (
    EncodedSignature,
    SignatureInput,
    encode_signatures,
    signature_row,
)
from incident_desk.services.errors import InputRejected, rejected
from incident_desk.services.evidence_views import EvidenceItemView, build_item_views, item_view
from incident_desk.services.visibility import require_role
from incident_desk.services.workspace import Workspace
from incident_desk.storage.rows import CasePersonRow, CaseRow, CustodyTransferRow, EvidenceItemRow
from incident_desk.storage.unit_of_work import UnitOfWork

EVIDENCE_ROLES = frozenset({Role.SHIFT_SUPERVISOR, Role.INVESTIGATOR, Role.MEDICAL})
CLEAN_SHEET_FOUND_AT = "Undressed over a clean sheet before transport (CPP 14.7 G.5.a)"
CLEAN_SHEET_PURPOSE = "Collected as evidence (CPP 14.7 G.5.a)"


@dataclass(frozen=True)
class _NewItem:
    description: str
    source: EvidenceSource
    found_location: str
    packaging: Packaging
    seal_number: str = ""
    storage_location: str = ""
    condition: str = ""
    purpose: str = "Collected"


def add_evidence(
    workspace: Workspace,
    case_number: str,
    description: str,
    source: EvidenceSource,
    found_location: str,
    collected_by_contact_id: int,
    collected_at: datetime | None,
    packaging: Packaging = Packaging.PAPER_BAG,
    seal_number: str = "",
    storage_location: str = "",
    condition: str = "",
    case_person_id: int | None = None,
    *,
    collector_signature: SignatureInput | None = None,
) -> EvidenceItemView:
    """Log a bagged item; it is numbered "<case number>-E001", "-E002"... in the case."""
    require_role(workspace.actor, EVIDENCE_ROLES, "log evidence")
    now = workspace.clock.now()
    collected_at = ensure_utc(collected_at or now)
    messages = check_required("description", description, "what the item is")
    messages += check_not_future("collected_at", collected_at, now)
    (signature,) = encode_signatures(
        messages, ("collector_signature", collector_signature, "collector's")
    )
    if messages:
        raise InputRejected(messages)
    spec = _NewItem(
        description, source, found_location, packaging, seal_number, storage_location, condition
    )
    with workspace.write("add_evidence") as work:
        case = load_visible_case(workspace, work, case_number)
        work.set_case(case.id)
        existing_contact(work, collected_by_contact_id, "collected_by_contact_id")
        if case_person_id is not None:
            _person_of_case(work, case, case_person_id)
        item = _add_item(
            work,
            workspace,
            case,
            spec,
            collected_by_contact_id,
            collected_at,
            case_person_id,
            signature,
        )
        return item_view(work, case, item)


def add_clean_sheet_evidence(
    workspace: Workspace,
    case_number: str,
    case_person_id: int,
    collected_by_contact_id: int,
    collected_at: datetime | None,
    clothing: list[str],
    *,
    found_location: str = "",
    storage_location: str = "",
) -> tuple[EvidenceItemView, ...]:
    """G.5.a: the clean sheet a person undressed over, and each piece of their clothing, as
    separate paper-bagged items in one transaction. Descriptions name the person's role in the
    case, never their name, because labels are seen by everyone who handles the bags."""
    require_role(workspace.actor, EVIDENCE_ROLES, "log evidence")
    now = workspace.clock.now()
    collected_at = ensure_utc(collected_at or now)
    messages = check_not_future("collected_at", collected_at, now)
    for number, article in enumerate(clothing, start=1):
        if not article.strip():
            text = MSG_CLOTHING_DESCRIPTION.format(number=number)
            messages.append(ValidationMessage(f"clothing[{number - 1}]", text))
    if messages:
        raise InputRejected(messages)
    with workspace.write("add_clean_sheet_evidence") as work:
        case = load_visible_case(workspace, work, case_number)
        work.set_case(case.id)
        existing_contact(work, collected_by_contact_id, "collected_by_contact_id")
        person = _person_of_case(work, case, case_person_id)
        role = person.role.value.replace("_", " ")
        where = found_location.strip() or CLEAN_SHEET_FOUND_AT
        specs = [
            _NewItem(
                f"Clean sheet the {role} undressed over",
                EvidenceSource.CLEAN_SHEET,
                where,
                Packaging.PAPER_BAG,
                storage_location=storage_location,
                purpose=CLEAN_SHEET_PURPOSE,
            )
        ]
        specs += [
            _NewItem(
                f"{' '.join(article.split())}, worn by the {role}",
                EvidenceSource.CLOTHING,
                where,
                Packaging.PAPER_BAG,
                storage_location=storage_location,
                purpose=CLEAN_SHEET_PURPOSE,
            )
            for article in clothing
        ]
        items = [
            _add_item(
                work, workspace, case, spec, collected_by_contact_id, collected_at, person.id, None
            )
            for spec in specs
        ]
        chains = {item.id: work.evidence.chain_records(item.id) for item in items}
        return build_item_views(work, case, items, chains)


def _person_of_case(work: UnitOfWork, case: CaseRow, case_person_id: int) -> CasePersonRow:
    person = work.get(CasePersonRow, case_person_id)
    if not isinstance(person, CasePersonRow) or person.case_id != case.id:
        text = MSG_PERSON_NOT_IN_CASE.format(person=case_person_id, case=case.case_number)
        raise rejected("case_person_id", text)
    return person


def _add_item(
    work: UnitOfWork,
    workspace: Workspace,
    case: CaseRow,
    spec: _NewItem,
    collector_id: int,
    collected_at: datetime,
    case_person_id: int | None,
    signature: EncodedSignature | None,
) -> EvidenceItemRow:
    now = workspace.clock.now()
    sequence = work.evidence.next_sequence(case.id)
    item = EvidenceItemRow(
        case_id=case.id,
        sequence=sequence,
        item_number=f"{case.case_number}-E{sequence:03d}",
        description=spec.description.strip(),
        source=spec.source,
        found_location=spec.found_location.strip(),
        collected_by_contact_id=collector_id,
        collected_at=collected_at,
        packaging=spec.packaging,
        seal_number=spec.seal_number.strip(),
        storage_location=spec.storage_location.strip(),
        condition=spec.condition.strip(),
        case_person_id=case_person_id,
        recorded_by_id=workspace.actor.id,
        recorded_at=now,
    )
    work.add(item)
    signature_id = None
    if signature is not None:
        signed = signature_row(signature, collector_id, now)
        work.add(signed)
        work.flush()
        signature_id = signed.id
    work.flush()
    work.add(
        CustodyTransferRow(
            evidence_item_id=item.id,
            action=CustodyAction.COLLECTED,
            from_contact_id=None,
            to_contact_id=collector_id,
            transferred_at=collected_at,
            purpose=spec.purpose,
            disposition_to="",
            from_signature_id=None,
            to_signature_id=signature_id,
            recorded_by_id=workspace.actor.id,
            recorded_at=now,
            corrects_id=None,
            correction_reason="",
        )
    )
    work.flush()
    return item
