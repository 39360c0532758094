"""The chain of custody: hand-overs, signatures, the holder rule, and the end of a chain."""

from __future__ import annotations

import hashlib
import json
from datetime import timedelta

import pytest

from incident_desk.domain.clock import ManualClock
from incident_desk.domain.enums import CustodyAction, EvidenceSource
from incident_desk.domain.validation import MSG_TRANSFER_BEFORE_PREVIOUS, format_moment
from incident_desk.services.contacts import MSG_UNKNOWN_CONTACT, add_contact
from incident_desk.services.custody import dispose_evidence, transfer_custody
from incident_desk.services.custody_messages import (
    MSG_CHAIN_ENDED,
    MSG_NOT_A_DISPOSITION,
    MSG_NOT_CUSTODIAN,
    MSG_TO_SELF,
    MSG_UNSIGNED,
)
from incident_desk.services.custody_signatures import DrawnSignature
from incident_desk.services.errors import AccessDenied, InputRejected
from incident_desk.services.evidence import add_evidence
from incident_desk.services.evidence_views import (
    EvidenceItemView,
    custody_signatures,
    evidence_view,
)
from incident_desk.services.investigation import assign_investigator
from incident_desk.services.workspace import Workspace
from tests.services.custody_support import SignIn, new_case, nothing_written, user_contact

MINUTE = timedelta(minutes=1)
STROKES: list[list[list[float]]] = [
    [[0, 0, 0], [10.5, 3.25, 16], [21.125, 7.0, 33]],
    [[0.1, 0.2, 50], [1e-07, 123456.789, 66.6], [-2, 3.3333333333333335, 83]],
]


@pytest.fixture
def item(supervisor: Workspace, clock: ManualClock) -> EvidenceItemView:
    number = new_case(supervisor, clock)
    assign_investigator(supervisor, number, "inv")
    collected = clock.now()
    clock.advance(30 * MINUTE)
    return add_evidence(
        supervisor,
        number,
        "Torn grey T-shirt",
        EvidenceSource.SCENE,
        "Shower stall 3",
        supervisor.actor.contact_id,
        collected,
        seal_number="S-0001",
    )


@pytest.fixture
def trooper(supervisor: Workspace) -> int:
    return add_contact(supervisor, "Tpr. Ann Lee", "Kentucky State Police", "Trooper").id


def test_the_holder_hands_over_with_both_signatures_kept_stroke_for_stroke(
    supervisor: Workspace, clock: ManualClock, item: EvidenceItemView, trooper: int
) -> None:
    sergeant = supervisor.actor.contact_id
    at = clock.now() - 5 * MINUTE
    view = transfer_custody(
        supervisor,
        item.id,
        sergeant,
        trooper,
        at,
        "To the KSP lab",
        from_signature=DrawnSignature(STROKES, width=400, height=150),
        to_signature=STROKES[:1],
    )
    assert view.custodian is not None
    assert view.custodian.name == "Tpr. Ann Lee"
    assert view.held_since == at
    link = view.chain[-1]
    assert link.action is CustodyAction.TRANSFERRED
    assert (link.from_contact, link.to_contact) == (item.custodian, view.custodian)
    assert link.purpose == "To the KSP lab"
    assert link.notes == ()
    assert link.from_signature is not None
    assert link.to_signature is not None
    signatures = custody_signatures(supervisor, item.id)
    sent = signatures[link.from_signature.id]
    assert [[list(point) for point in stroke] for stroke in sent.strokes] == STROKES
    assert (sent.width, sent.height, sent.contact_id) == (400, 150, sergeant)
    text = json.dumps(STROKES, separators=(",", ":"))
    assert sent.sha256 == hashlib.sha256(text.encode()).hexdigest() == link.from_signature.sha256
    assert sent.intact
    received = signatures[link.to_signature.id]
    assert [[list(p) for p in stroke] for stroke in received.strokes] == STROKES[:1]
    assert (received.width, received.height) == (22, 8)  # worked out from the points


def test_an_unsigned_hand_over_is_kept_and_says_who_has_not_signed(
    supervisor: Workspace, item: EvidenceItemView, trooper: int
) -> None:
    view = transfer_custody(
        supervisor, item.id, supervisor.actor.contact_id, trooper, None, "To the lab"
    )
    assert view.chain[-1].notes == (
        MSG_UNSIGNED.format(whose="Sgt. Dana Brooks"),
        MSG_UNSIGNED.format(whose="Tpr. Ann Lee"),
    )


def test_hand_over_refusals_say_what_to_do_and_write_nothing(
    supervisor: Workspace, clock: ManualClock, item: EvidenceItemView, trooper: int
) -> None:
    sergeant = supervisor.actor.contact_id
    detective = add_contact(supervisor, "Det. Sam Ruiz", "Kentucky State Police", "Detective").id

    def refused(sender: int, receiver: int, **changes: object) -> str:
        values: dict[str, object] = {"transferred_at": clock.now(), "purpose": "To the lab"}
        values.update(changes)
        with nothing_written(supervisor), pytest.raises(InputRejected) as caught:
            transfer_custody(supervisor, item.id, sender, receiver, **values)  # type: ignore[arg-type]
        return str(caught.value)

    assert refused(sergeant, 4242) == MSG_UNKNOWN_CONTACT.format(contact_id=4242)
    assert refused(trooper, detective) == MSG_NOT_CUSTODIAN.format(
        item=item.item_number,
        custodian="Sgt. Dana Brooks",
        since=format_moment(item.collected_at),
        sender="Tpr. Ann Lee",
    )
    assert refused(sergeant, sergeant) == MSG_TO_SELF.format(
        name="Sgt. Dana Brooks", item=item.item_number
    )
    before = item.collected_at - MINUTE
    assert refused(sergeant, trooper, transferred_at=before) == (
        MSG_TRANSFER_BEFORE_PREVIOUS.format(
            transferred=format_moment(before), previous=format_moment(item.collected_at)
        )
    )
    assert "later than now" in refused(
        sergeant, trooper, transferred_at=clock.now() + timedelta(hours=1)
    )
    assert "why the item is handed over" in refused(sergeant, trooper, purpose=" ")
    assert "receiver's signature could not be read" in refused(
        sergeant, trooper, to_signature=[[[1, 2]]]
    )
    assert "a point is not made of numbers" in refused(
        sergeant, trooper, from_signature=[[[1, 2, float("nan")]]]
    )


def test_only_the_current_holder_can_hand_over_along_a_chain(
    supervisor: Workspace, clock: ManualClock, item: EvidenceItemView, trooper: int
) -> None:
    sergeant = supervisor.actor.contact_id
    detective = add_contact(supervisor, "Det. Sam Ruiz", "Kentucky State Police", "Detective").id
    start = clock.now() - 20 * MINUTE
    transfer_custody(supervisor, item.id, sergeant, trooper, start, "Transport")
    transfer_custody(supervisor, item.id, trooper, detective, start + MINUTE, "Lab intake")
    with nothing_written(supervisor), pytest.raises(InputRejected) as refused:
        transfer_custody(supervisor, item.id, trooper, sergeant, start + 2 * MINUTE, "Back")
    assert "is held by Det. Sam Ruiz" in str(refused.value)
    view = transfer_custody(supervisor, item.id, detective, sergeant, start + 2 * MINUTE, "Back")
    assert [link.to_contact.name for link in view.chain if link.to_contact] == [
        "Sgt. Dana Brooks",
        "Tpr. Ann Lee",
        "Det. Sam Ruiz",
        "Sgt. Dana Brooks",
    ]
    assert view.problems == ()


def test_the_investigator_ends_a_chain_and_nothing_follows(
    sign_in_as: SignIn,
    supervisor: Workspace,
    clock: ManualClock,
    item: EvidenceItemView,
    trooper: int,
) -> None:
    investigator = sign_in_as("inv")
    sergeant = supervisor.actor.contact_id
    with nothing_written(supervisor), pytest.raises(AccessDenied):
        dispose_evidence(
            supervisor, item.id, CustodyAction.RELEASED, sergeant, None, "KSP lab", "Testing"
        )
    with nothing_written(supervisor), pytest.raises(InputRejected) as refused:
        dispose_evidence(
            investigator, item.id, CustodyAction.TRANSFERRED, sergeant, None, "KSP", "Lab"
        )
    assert str(refused.value) == MSG_NOT_A_DISPOSITION.format(action="handed over")
    with nothing_written(supervisor), pytest.raises(InputRejected) as refused:
        dispose_evidence(investigator, item.id, CustodyAction.RETURNED, sergeant, None, "", "")
    assert {m.field for m in refused.value.messages} == {"disposition_to", "purpose"}
    at = clock.now()
    view = dispose_evidence(
        investigator,
        item.id,
        CustodyAction.RELEASED,
        sergeant,
        at,
        "Kentucky State Police Central Lab",
        "Forensic testing",
        by_signature=STROKES,
    )
    assert view.custodian is None
    assert view.held_since is None
    assert view.disposition is not None
    assert view.disposition.action is CustodyAction.RELEASED
    assert view.disposition.disposition_to == "Kentucky State Police Central Lab"
    ended = MSG_CHAIN_ENDED.format(
        item=item.item_number,
        action="released",
        moment=format_moment(at),
        to=" (Kentucky State Police Central Lab)",
    )
    with nothing_written(supervisor), pytest.raises(InputRejected) as refused:
        transfer_custody(supervisor, item.id, sergeant, trooper, None, "Again")
    assert str(refused.value) == ended
    with nothing_written(supervisor), pytest.raises(InputRejected) as refused:
        dispose_evidence(investigator, item.id, CustodyAction.DESTROYED, sergeant, None, "", "Done")
    assert str(refused.value) == ended


def test_evidence_view_lists_every_item_with_its_holder(
    sign_in_as: SignIn, supervisor: Workspace, item: EvidenceItemView, trooper: int
) -> None:
    add_evidence(
        supervisor,
        item.case_number,
        "Sheet",
        EvidenceSource.SCENE,
        "Bunk",
        user_contact(supervisor, "inv"),
        None,
    )
    transfer_custody(supervisor, item.id, supervisor.actor.contact_id, trooper, None, "Lab")
    views = evidence_view(sign_in_as("inv"), item.case_number)
    assert [(v.item_number[-4:], v.custodian.name if v.custodian else "") for v in views] == [
        ("E001", "Tpr. Ann Lee"),
        ("E002", "Inv. Pat Moreau"),
    ]
