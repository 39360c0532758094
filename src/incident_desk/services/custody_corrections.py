"""Correcting a link of a chain of custody: a new link that points at the one it corrects.

A corrected time must stay between the links around it, so a correction never reorders the
chain. A correction may leave the chain broken for a moment (fixing the receiver of one link
and the sender of the next takes two corrections): the item view lists any break in words
until it is mended, and the original links stay visible, marked as superseded.
"""

from __future__ import annotations

from datetime import datetime

from incident_desk.domain.clock import ensure_utc
from incident_desk.domain.enums import CustodyAction
from incident_desk.domain.validation import (
    check_correction_reason,
    check_not_future,
    check_transfer_order,
    format_moment,
)
from incident_desk.services.contacts import existing_contact
from incident_desk.services.custody import DISPOSAL_ROLES
from incident_desk.services.custody_chain import CustodyChainState
from incident_desk.services.custody_messages import (
    MSG_COLLECTION_HAS_NO_SENDER,
    MSG_DISPOSITION_HAS_NO_RECEIVER,
    MSG_LINK_ALREADY_CORRECTED,
    MSG_LINK_CORRECTION_CHANGES_NOTHING,
    MSG_NO_SUCH_LINK,
    MSG_TO_SELF,
    MSG_TRANSFER_AFTER_NEXT,
)
from incident_desk.services.errors import InputRejected, NotFound, rejected
from incident_desk.services.evidence import EVIDENCE_ROLES
from incident_desk.services.evidence_views import EvidenceItemView, item_view, visible_item
from incident_desk.services.visibility import require_role
from incident_desk.services.workspace import Workspace
from incident_desk.storage.rows import CustodyTransferRow

_COPIED = (
    "evidence_item_id",
    "action",
    "from_contact_id",
    "to_contact_id",
    "transferred_at",
    "purpose",
    "disposition_to",
    "from_signature_id",
    "to_signature_id",
)


def correct_custody_transfer(
    workspace: Workspace,
    transfer_id: int,
    *,
    reason: str,
    transferred_at: datetime | None = None,
    from_contact_id: int | None = None,
    to_contact_id: int | None = None,
    purpose: str | None = None,
    disposition_to: str | None = None,
) -> EvidenceItemView:
    """Correct one link. Values left as None keep the original's. A signature stays with the
    link only while the person who gave it is still the one named."""
    require_role(workspace.actor, EVIDENCE_ROLES, "correct the chain of custody")
    now = workspace.clock.now()
    moment = None if transferred_at is None else ensure_utc(transferred_at)
    messages = check_correction_reason(reason) + check_not_future("transferred_at", moment, now)
    if messages:
        raise InputRejected(messages)
    with workspace.write("correct_custody_transfer") as work:
        original = work.evidence.transfer(transfer_id)
        if original is None:
            raise NotFound(MSG_NO_SUCH_LINK.format(link=transfer_id))
        item, case = visible_item(
            workspace, work, work.evidence.item(original.evidence_item_id), transfer_id
        )
        work.set_case(case.id)
        if original.action.ends_chain:
            require_role(
                workspace.actor, DISPOSAL_ROLES, "correct a release, destruction or return"
            )
        state = CustodyChainState(work.evidence.chain_records(item.id))
        if original.id in state.superseded_by:
            raise rejected(
                "transfer_id",
                MSG_LINK_ALREADY_CORRECTED.format(
                    link=original.id, newer=state.superseded_by[original.id]
                ),
            )
        if from_contact_id is not None and original.action is CustodyAction.COLLECTED:
            raise rejected("from_contact_id", MSG_COLLECTION_HAS_NO_SENDER)
        if to_contact_id is not None and original.action.ends_chain:
            raise rejected("to_contact_id", MSG_DISPOSITION_HAS_NO_RECEIVER)
        corrected = CustodyTransferRow(**{key: getattr(original, key) for key in _COPIED})
        if from_contact_id is not None:
            existing_contact(work, from_contact_id, "from_contact_id")
            if from_contact_id != original.from_contact_id:
                corrected.from_contact_id, corrected.from_signature_id = from_contact_id, None
        if to_contact_id is not None:
            receiver = existing_contact(work, to_contact_id, "to_contact_id")
            if to_contact_id != original.to_contact_id:
                corrected.to_contact_id, corrected.to_signature_id = to_contact_id, None
            if corrected.from_contact_id == to_contact_id:
                raise rejected(
                    "to_contact_id", MSG_TO_SELF.format(name=receiver.name, item=item.item_number)
                )
        if purpose is not None:
            corrected.purpose = purpose.strip()
        if disposition_to is not None:
            corrected.disposition_to = disposition_to.strip()
        if moment is not None:
            _check_between(state, original, moment)
            corrected.transferred_at = moment
        if all(getattr(original, key) == getattr(corrected, key) for key in _COPIED):
            raise rejected("transfer_id", MSG_LINK_CORRECTION_CHANGES_NOTHING)
        corrected.corrects_id = original.id
        corrected.correction_reason = reason.strip()
        corrected.recorded_by_id = workspace.actor.id
        corrected.recorded_at = now
        work.add(corrected)
        if corrected.action is CustodyAction.COLLECTED and corrected.to_contact_id is not None:
            # The item's own "collected by / at" follow its first link; the superseded link
            # keeps the earlier values, so nothing is lost.
            item.collected_by_contact_id = corrected.to_contact_id
            item.collected_at = corrected.transferred_at
        work.flush()
        return item_view(work, case, item)


def _check_between(
    state: CustodyChainState, original: CustodyTransferRow, moment: datetime
) -> None:
    before, after = state.neighbours(original.id)
    problems = check_transfer_order(before.transferred_at if before is not None else None, moment)
    if problems:
        raise InputRejected(problems)
    if after is not None and moment > after.transferred_at:
        raise rejected(
            "transferred_at",
            MSG_TRANSFER_AFTER_NEXT.format(
                moment=format_moment(moment), next=format_moment(after.transferred_at)
            ),
        )
