"""Correcting a chain of custody: new links that point at the ones they correct."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from incident_desk.domain.clock import ManualClock
from incident_desk.domain.enums import CustodyAction, EvidenceSource
from incident_desk.domain.validation import (
    MSG_CORRECTION_REASON_MISSING,
    MSG_TRANSFER_BEFORE_PREVIOUS,
    format_moment,
)
from incident_desk.services.contacts import add_contact
from incident_desk.services.custody import dispose_evidence, transfer_custody
from incident_desk.services.custody_corrections import correct_custody_transfer
from incident_desk.services.custody_messages import (
    MSG_CHAIN_BREAK,
    MSG_COLLECTION_HAS_NO_SENDER,
    MSG_DISPOSITION_HAS_NO_RECEIVER,
    MSG_LINK_ALREADY_CORRECTED,
    MSG_LINK_CORRECTION_CHANGES_NOTHING,
    MSG_TRANSFER_AFTER_NEXT,
)
from incident_desk.services.errors import AccessDenied, InputRejected
from incident_desk.services.evidence import add_evidence
from incident_desk.services.investigation import assign_investigator
from incident_desk.services.workspace import Workspace
from tests.services.custody_support import SignIn, new_case, nothing_written

MINUTE = timedelta(minutes=1)


class Chain:
    """An item collected by the sergeant, handed to a trooper, then to a detective."""

    def __init__(self, supervisor: Workspace, clock: ManualClock) -> None:
        self.number = new_case(supervisor, clock)
        assign_investigator(supervisor, self.number, "inv")
        self.start = clock.now()
        clock.advance(60 * MINUTE)
        self.sergeant = supervisor.actor.contact_id
        self.trooper = add_contact(supervisor, "Tpr. Ann Lee", "KSP", "Trooper").id
        self.detective = add_contact(supervisor, "Det. Sam Ruiz", "KSP", "Detective").id
        self.item = add_evidence(
            supervisor,
            self.number,
            "Shirt",
            EvidenceSource.SCENE,
            "Cell",
            self.sergeant,
            self.start,
        )
        transfer_custody(
            supervisor,
            self.item.id,
            self.sergeant,
            self.trooper,
            self.at(10),
            "Transport",
            to_signature=[[[0, 0, 0], [5, 5, 10]]],
        )
        view = transfer_custody(
            supervisor, self.item.id, self.trooper, self.detective, self.at(20), "Lab intake"
        )
        self.collected, self.handed, self.intake = (link.id for link in view.chain)

    def at(self, minutes: int) -> datetime:
        return self.start + minutes * MINUTE


@pytest.fixture
def chain(supervisor: Workspace, clock: ManualClock) -> Chain:
    return Chain(supervisor, clock)


def test_a_corrected_time_appears_as_a_correction_and_the_original_stays(
    supervisor: Workspace, chain: Chain
) -> None:
    view = correct_custody_transfer(
        supervisor, chain.intake, transferred_at=chain.at(25), reason="Lab log shows 03:25"
    )
    assert [(link.id, link.superseded) for link in view.chain] == [
        (chain.collected, False),
        (chain.handed, False),
        (chain.intake, True),
        (view.chain[-1].id, False),
    ]
    correction = view.chain[-1]
    assert correction.corrects_id == chain.intake
    assert correction.correction_reason == "Lab log shows 03:25"
    assert correction.purpose == "Lab intake"
    assert view.chain[2].superseded_by == correction.id
    assert view.held_since == chain.at(25)
    assert view.custodian is not None
    assert view.custodian.name == "Det. Sam Ruiz"
    assert [link.id for link in view.standing_chain] == [
        chain.collected,
        chain.handed,
        correction.id,
    ]
    with nothing_written(supervisor), pytest.raises(InputRejected) as refused:
        correct_custody_transfer(supervisor, chain.intake, purpose="X", reason="Typo in purpose")
    assert str(refused.value) == MSG_LINK_ALREADY_CORRECTED.format(
        link=chain.intake, newer=correction.id
    )


def test_a_corrected_time_stays_between_its_neighbours(supervisor: Workspace, chain: Chain) -> None:
    with nothing_written(supervisor), pytest.raises(InputRejected) as refused:
        correct_custody_transfer(
            supervisor, chain.handed, transferred_at=chain.at(21), reason="Misread"
        )
    assert str(refused.value) == MSG_TRANSFER_AFTER_NEXT.format(
        moment=format_moment(chain.at(21)), next=format_moment(chain.at(20))
    )
    with nothing_written(supervisor), pytest.raises(InputRejected) as refused:
        correct_custody_transfer(
            supervisor, chain.handed, transferred_at=chain.at(-1), reason="Misread"
        )
    assert str(refused.value) == MSG_TRANSFER_BEFORE_PREVIOUS.format(
        transferred=format_moment(chain.at(-1)), previous=format_moment(chain.start)
    )
    with nothing_written(supervisor), pytest.raises(InputRejected) as refused:
        correct_custody_transfer(supervisor, chain.handed, purpose="Transport", reason="Same")
    assert str(refused.value) == MSG_LINK_CORRECTION_CHANGES_NOTHING
    with nothing_written(supervisor), pytest.raises(InputRejected) as refused:
        correct_custody_transfer(supervisor, chain.handed, purpose="Transport to lab", reason="")
    assert str(refused.value) == MSG_CORRECTION_REASON_MISSING


def test_a_wrong_receiver_is_corrected_in_two_steps_with_the_break_shown_between(
    supervisor: Workspace, chain: Chain
) -> None:
    courier = add_contact(supervisor, "Lee Park", "KSP", "Evidence courier").id
    view = correct_custody_transfer(
        supervisor, chain.handed, to_contact_id=courier, reason="The courier took it, not Lee"
    )
    assert view.problems == (
        MSG_CHAIN_BREAK.format(number=3, sender="Tpr. Ann Lee", holder="Lee Park"),
    )
    corrected = next(link for link in view.chain if link.corrects_id == chain.handed)
    assert corrected.to_signature is None  # the trooper's signature is not the courier's
    view = correct_custody_transfer(
        supervisor, chain.intake, from_contact_id=courier, reason="Handed over by the courier"
    )
    assert view.problems == ()
    assert [link.to_contact.name for link in view.standing_chain if link.to_contact] == [
        "Sgt. Dana Brooks",
        "Lee Park",
        "Det. Sam Ruiz",
    ]


def test_the_holder_follows_the_corrected_chain(supervisor: Workspace, chain: Chain) -> None:
    correct_custody_transfer(
        supervisor, chain.intake, to_contact_id=chain.sergeant, reason="It came back to us"
    )
    with nothing_written(supervisor), pytest.raises(InputRejected) as refused:
        transfer_custody(supervisor, chain.item.id, chain.detective, chain.trooper, None, "Lab")
    assert "is held by Sgt. Dana Brooks" in str(refused.value)
    view = transfer_custody(supervisor, chain.item.id, chain.sergeant, chain.detective, None, "Lab")
    assert view.custodian is not None
    assert view.custodian.name == "Det. Sam Ruiz"


def test_correcting_the_collection_updates_the_item_and_keeps_the_original(
    supervisor: Workspace, chain: Chain
) -> None:
    with nothing_written(supervisor), pytest.raises(InputRejected) as refused:
        correct_custody_transfer(
            supervisor, chain.collected, from_contact_id=chain.trooper, reason="Who gave it"
        )
    assert str(refused.value) == MSG_COLLECTION_HAS_NO_SENDER
    view = correct_custody_transfer(
        supervisor, chain.collected, transferred_at=chain.at(-5), reason="Bagged earlier"
    )
    assert view.collected_at == chain.at(-5)
    assert [link.transferred_at for link in view.chain[:2]] == [chain.at(-5), chain.start]
    assert view.chain[1].superseded


def test_a_disposition_is_corrected_only_by_the_investigator(
    sign_in_as: SignIn, supervisor: Workspace, chain: Chain
) -> None:
    investigator = sign_in_as("inv")
    view = dispose_evidence(
        investigator,
        chain.item.id,
        CustodyAction.RELEASED,
        chain.detective,
        None,
        "KSP Central Lab",
        "Testing",
    )
    assert view.disposition is not None
    ending = view.disposition.id
    with nothing_written(supervisor), pytest.raises(AccessDenied):
        correct_custody_transfer(supervisor, ending, disposition_to="KSP", reason="Short name")
    with nothing_written(supervisor), pytest.raises(InputRejected) as refused:
        correct_custody_transfer(
            investigator, ending, to_contact_id=chain.trooper, reason="Received by"
        )
    assert str(refused.value) == MSG_DISPOSITION_HAS_NO_RECEIVER
    view = correct_custody_transfer(
        investigator, ending, disposition_to="KSP Central Lab, Frankfort", reason="Full name"
    )
    assert view.disposition is not None
    assert view.disposition.disposition_to == "KSP Central Lab, Frankfort"
    assert view.custodian is None
