"""The chain of custody (SPEC "Evidence and chain of custody"): hand-overs and the disposition
that ends a chain.

Only the person holding an item can hand it over, to someone who exists, no earlier than the
previous link and not in the future; both may sign. Hand-overs are recorded by the evidence
roles (shift supervisor, investigator, medical staff). Ending a chain (released, destroyed,
returned) is the investigator's decision, as the scene release is (CPP 14.7 G.3.f): evidence
of a possible crime leaves the record only on the investigating authority's word.
"""

from __future__ import annotations

from datetime import datetime

from incident_desk.domain.clock import ensure_utc
from incident_desk.domain.enums import CustodyAction, Role
from incident_desk.domain.validation import (
    ValidationMessage,
    check_not_future,
    check_required,
    check_transfer_order,
    format_moment,
)
from incident_desk.services.contacts import existing_contact
from incident_desk.services.custody_chain import CustodyChainState
from incident_desk.services.custody_messages import (
    ACTION_WORDS,
    MSG_CHAIN_ENDED,
    MSG_NOT_A_DISPOSITION,
    MSG_NOT_CUSTODIAN,
    MSG_TO_SELF,
)
from incident_desk.services.custody_signatures import (
    EncodedSignature,
    SignatureInput,
    encode_signatures,
    signature_row,
)
from incident_desk.services.errors import InputRejected, rejected
from incident_desk.services.evidence import EVIDENCE_ROLES
from incident_desk.services.evidence_views import EvidenceItemView, item_view, visible_item
from incident_desk.services.visibility import require_role
from incident_desk.services.workspace import Workspace
from incident_desk.storage.repositories.evidence_repository import ContactDirectory
from incident_desk.storage.rows import CustodyTransferRow, EvidenceItemRow
from incident_desk.storage.unit_of_work import UnitOfWork

DISPOSAL_ROLES = frozenset({Role.INVESTIGATOR})
_DISPOSITION_LABELS = {
    CustodyAction.RELEASED: "who the item was released to",
    CustodyAction.RETURNED: "who the item was returned to",
}


def transfer_custody(
    workspace: Workspace,
    item_id: int,
    from_contact_id: int,
    to_contact_id: int,
    transferred_at: datetime | None,
    purpose: str,
    from_signature: SignatureInput | None = None,
    to_signature: SignatureInput | None = None,
) -> EvidenceItemView:
    """Record a hand-over from the item's holder to someone else, with their signatures."""
    require_role(workspace.actor, EVIDENCE_ROLES, "record evidence hand-overs")
    now = workspace.clock.now()
    moment = ensure_utc(transferred_at or now)
    messages = check_required("purpose", purpose, "why the item is handed over")
    messages += check_not_future("transferred_at", moment, now)
    signatures = encode_signatures(
        messages,
        ("from_signature", from_signature, "sender's"),
        ("to_signature", to_signature, "receiver's"),
    )
    if messages:
        raise InputRejected(messages)
    with workspace.write("transfer_custody") as work:
        item, case = visible_item(workspace, work, work.evidence.item(item_id), item_id)
        work.set_case(case.id)
        sender = existing_contact(work, from_contact_id, "from_contact_id")
        receiver = existing_contact(work, to_contact_id, "to_contact_id")
        _holder_check(work, item, sender.id, sender.name, moment)
        if receiver.id == sender.id:
            raise rejected(
                "to_contact_id", MSG_TO_SELF.format(name=receiver.name, item=item.item_number)
            )
        from_id = _stored(work, signatures[0], sender.id, now)
        to_id = _stored(work, signatures[1], receiver.id, now)
        work.add(
            CustodyTransferRow(
                evidence_item_id=item.id,
                action=CustodyAction.TRANSFERRED,
                from_contact_id=sender.id,
                to_contact_id=receiver.id,
                transferred_at=moment,
                purpose=purpose.strip(),
                disposition_to="",
                from_signature_id=from_id,
                to_signature_id=to_id,
                recorded_by_id=workspace.actor.id,
                recorded_at=now,
                corrects_id=None,
                correction_reason="",
            )
        )
        work.flush()
        return item_view(work, case, item)


def dispose_evidence(
    workspace: Workspace,
    item_id: int,
    action: CustodyAction,
    by_contact_id: int,
    at: datetime | None,
    disposition_to: str,
    purpose: str,
    *,
    by_signature: SignatureInput | None = None,
) -> EvidenceItemView:
    """End an item's chain: released (e.g. to the state police lab), destroyed or returned."""
    require_role(workspace.actor, DISPOSAL_ROLES, "release, destroy or return evidence")
    now = workspace.clock.now()
    moment = ensure_utc(at or now)
    messages: list[ValidationMessage] = []
    if not action.ends_chain:
        messages.append(
            ValidationMessage(
                "action", MSG_NOT_A_DISPOSITION.format(action=ACTION_WORDS[action.value])
            )
        )
    elif action in _DISPOSITION_LABELS:
        messages += check_required("disposition_to", disposition_to, _DISPOSITION_LABELS[action])
    messages += check_required("purpose", purpose, "why the item leaves the chain of custody")
    messages += check_not_future("at", moment, now)
    signatures = encode_signatures(messages, ("by_signature", by_signature, "holder's"))
    if messages:
        raise InputRejected(messages)
    with workspace.write("dispose_evidence") as work:
        item, case = visible_item(workspace, work, work.evidence.item(item_id), item_id)
        work.set_case(case.id)
        holder = existing_contact(work, by_contact_id, "by_contact_id")
        _holder_check(work, item, holder.id, holder.name, moment)
        signature_id = _stored(work, signatures[0], holder.id, now)
        work.add(
            CustodyTransferRow(
                evidence_item_id=item.id,
                action=action,
                from_contact_id=holder.id,
                to_contact_id=None,
                transferred_at=moment,
                purpose=purpose.strip(),
                disposition_to=disposition_to.strip(),
                from_signature_id=signature_id,
                to_signature_id=None,
                recorded_by_id=workspace.actor.id,
                recorded_at=now,
                corrects_id=None,
                correction_reason="",
            )
        )
        work.flush()
        return item_view(work, case, item)


def chain_ended_message(state: CustodyChainState, item: EvidenceItemRow) -> str:
    last = state.last
    assert last is not None
    to = f" ({last.disposition_to})" if last.disposition_to else ""
    return MSG_CHAIN_ENDED.format(
        item=item.item_number,
        action=ACTION_WORDS[last.action.value],
        moment=format_moment(last.transferred_at),
        to=to,
    )


def _holder_check(
    work: UnitOfWork, item: EvidenceItemRow, sender_id: int, sender_name: str, moment: datetime
) -> CustodyChainState:
    """Refuse unless the chain is open, ``sender`` holds the item, and ``moment`` is not
    before the previous link."""
    state = CustodyChainState(work.evidence.chain_records(item.id))
    if state.ended:
        raise rejected("item_id", chain_ended_message(state, item))
    last = state.last
    if state.custodian_id != sender_id and last is not None:
        holder = work.repository(ContactDirectory).contact(state.custodian_id or 0)
        raise rejected(
            "from_contact_id",
            MSG_NOT_CUSTODIAN.format(
                item=item.item_number,
                custodian=holder.name if holder is not None else "nobody",
                since=format_moment(last.transferred_at),
                sender=sender_name,
            ),
        )
    problems = check_transfer_order(last.transferred_at if last is not None else None, moment)
    if problems:
        raise InputRejected(problems)
    return state


def _stored(
    work: UnitOfWork, signature: EncodedSignature | None, contact_id: int, now: datetime
) -> int | None:
    if signature is None:
        return None
    row = signature_row(signature, contact_id, now)
    work.add(row)
    work.flush()
    return row.id
