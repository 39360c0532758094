"""Filling the Chain of Evidence form of one item (CPP 14.7 G.3.b, G.5.a): the item, and every
link of its chain with the hand-drawn signatures of the one who gave and the one who took it.
Corrected links stay on the form, marked, next to the links that correct them."""

from __future__ import annotations

from incident_desk.domain.documents import Drawing, SignatureEntry
from incident_desk.domain.enums import CustodyAction
from incident_desk.services.case_record import CaseRecord
from incident_desk.services.custody_signatures import SignatureRef
from incident_desk.services.document_fill import Filled, drawing_key, drawing_of, present
from incident_desk.services.document_words import (
    CUSTODY_WORDS,
    PERSON_ROLE_WORDS,
    joined,
    moment,
    words,
)
from incident_desk.services.evidence_views import CustodyLink, EvidenceItemView

CHAIN_CONTINUOUS = "Continuous: each hand-over starts from the one who held the item."
CHAIN_CORRECTS = "Corrects hand-over #{number}: {reason}"
CHAIN_SUPERSEDED = "Replaced by the correction #{number}."
SIGNATURE_DAMAGED = "The stored signature of {whose} no longer matches its fingerprint."


def fill_chain_of_evidence(record: CaseRecord, item: EvidenceItemView) -> Filled:
    numbers = {link.id: index for index, link in enumerate(item.chain, start=1)}
    drawings: dict[str, Drawing] = {}
    rows = []
    for index, link in enumerate(item.chain, start=1):
        damaged: list[str] = []
        from_key = _drawing(record, link.from_signature, drawings, damaged, link, "sender")
        to_key = _drawing(record, link.to_signature, drawings, damaged, link, "receiver")
        rows.append(
            {
                "number": str(index),
                "action": CUSTODY_WORDS[link.action],
                "transferred_at": moment(link.transferred_at),
                "from_name": link.from_contact.label if link.from_contact else "",
                "from_signature": from_key,
                "to_name": link.to_contact.label if link.to_contact else link.disposition_to,
                "to_signature": to_key,
                "purpose": link.purpose,
                "notes": joined(*link.notes, *damaged, *_correction_notes(link, numbers)),
            }
        )
    return Filled(
        values=present(_item_values(record, item)),
        tables={"custody": tuple(rows)},
        drawings=drawings,
        signatures=_signatures(item, drawings),
        subject=item.item_number,
    )


def _item_values(record: CaseRecord, item: EvidenceItemView) -> dict[str, str]:
    person = next((p for p in record.people if p.id == item.case_person_id), None)
    disposition = item.disposition
    return {
        "item_number": item.item_number,
        "case_number": record.case_number,
        "description": item.description,
        "source": words(item.source.value),
        "found_location": item.found_location,
        "person": ""
        if person is None
        else f"{person.name} ({PERSON_ROLE_WORDS[person.role].lower()})",
        "collected_by": item.collected_by.label,
        "collected_at": moment(item.collected_at),
        "packaging": words(item.packaging.value),
        "seal_number": item.seal_number,
        "storage_location": item.storage_location,
        "condition": item.condition,
        "custodian": item.custodian.label if item.custodian is not None else "",
        "held_since": moment(item.held_since),
        "disposition": ""
        if disposition is None
        else joined(
            CUSTODY_WORDS[disposition.action],
            moment(disposition.transferred_at),
            disposition.disposition_to,
        ),
        "recorded_by": item.recorded_by,
        "recorded_at": moment(item.recorded_at),
        "chain_state": joined(*item.problems) if item.problems else CHAIN_CONTINUOUS,
    }


def _drawing(
    record: CaseRecord,
    ref: SignatureRef | None,
    drawings: dict[str, Drawing],
    damaged: list[str],
    link: CustodyLink,
    side: str,
) -> str:
    if ref is None or ref.id not in record.signatures:
        return ""
    signature = record.signatures[ref.id]
    if not signature.intact:
        contact = link.from_contact if side == "sender" else link.to_contact
        damaged.append(SIGNATURE_DAMAGED.format(whose=contact.name if contact else side))
    key = drawing_key(ref.id)
    drawings[key] = drawing_of(signature)
    return key


def _correction_notes(link: CustodyLink, numbers: dict[int, int]) -> list[str]:
    notes = []
    if link.corrects_id is not None:
        number = numbers.get(link.corrects_id, 0)
        notes.append(CHAIN_CORRECTS.format(number=number, reason=link.correction_reason))
    if link.superseded_by is not None:
        notes.append(CHAIN_SUPERSEDED.format(number=numbers.get(link.superseded_by, 0)))
    return notes


def _signatures(item: EvidenceItemView, drawings: dict[str, Drawing]) -> tuple[SignatureEntry, ...]:
    """The collector, with the signature given at collection, and the holder now."""
    entries = []
    standing = item.standing_chain
    collected = next((k for k in standing if k.action is CustodyAction.COLLECTED), None)
    collector = item.collected_by
    entries.append(
        SignatureEntry(
            "collector",
            collector.name,
            joined(collector.title, collector.agency, separator=", "),
            item.collected_at,
            _drawn(collected.to_signature if collected else None, drawings),
        )
    )
    if item.custodian is not None:
        last = standing[-1] if standing else None
        entries.append(
            SignatureEntry(
                "evidence_custodian",
                item.custodian.name,
                joined(item.custodian.title, item.custodian.agency, separator=", "),
                item.held_since,
                _drawn(last.to_signature if last else None, drawings),
            )
        )
    return tuple(entries)


def _drawn(ref: SignatureRef | None, drawings: dict[str, Drawing]) -> Drawing | None:
    return None if ref is None else drawings.get(drawing_key(ref.id))
