"""Logging evidence items: numbering, the first link of the chain, the G.5.a clean sheet."""

from __future__ import annotations

from datetime import timedelta

import pytest

from incident_desk.domain.clock import ManualClock
from incident_desk.domain.enums import (
    CustodyAction,
    EvidenceSource,
    Packaging,
    PersonRole,
)
from incident_desk.services.cases import get_case
from incident_desk.services.contacts import MSG_UNKNOWN_CONTACT
from incident_desk.services.custody_messages import (
    MSG_CLOTHING_DESCRIPTION,
    MSG_NO_SUCH_ITEM,
    MSG_PERSON_NOT_IN_CASE,
)
from incident_desk.services.errors import AccessDenied, InputRejected, NotFound
from incident_desk.services.evidence import add_clean_sheet_evidence, add_evidence
from incident_desk.services.evidence_views import evidence_view, item_by_number
from incident_desk.services.workspace import Workspace
from tests.services.custody_support import SignIn, new_case, nothing_written, user_contact

MINUTE = timedelta(minutes=1)


@pytest.fixture
def case_number(supervisor: Workspace, clock: ManualClock) -> str:
    number = new_case(supervisor, clock)
    clock.advance(20 * MINUTE)
    return number


def _victim_id(workspace: Workspace, case_number: str) -> int:
    people = get_case(workspace, case_number).summary.people
    return next(person.id for person in people if person.role is PersonRole.ALLEGED_VICTIM)


def test_items_are_numbered_in_the_case_and_start_their_chain_with_the_collector(
    supervisor: Workspace, clock: ManualClock, case_number: str
) -> None:
    collector = supervisor.actor.contact_id
    collected = clock.now() - 5 * MINUTE
    first = add_evidence(
        supervisor,
        case_number,
        "Torn grey T-shirt",
        EvidenceSource.SCENE,
        "Shower stall 3",
        collector,
        collected,
        seal_number="S-0001",
        storage_location="Evidence locker 2",
        condition="Damp",
    )
    second = add_evidence(
        supervisor, case_number, "Bed sheet", EvidenceSource.SCENE, "Bunk 12", collector, None
    )
    assert first.item_number == f"{case_number}-E001"
    assert second.item_number == f"{case_number}-E002"
    assert first.packaging is Packaging.PAPER_BAG
    assert (first.seal_number, first.storage_location, first.condition) == (
        "S-0001",
        "Evidence locker 2",
        "Damp",
    )
    assert first.collected_by.name == "Sgt. Dana Brooks"
    (link,) = first.chain
    assert link.action is CustodyAction.COLLECTED
    assert link.from_contact is None
    assert link.to_contact == first.collected_by
    assert link.transferred_at == collected
    assert first.custodian == first.collected_by
    assert first.held_since == collected
    assert first.problems == ()
    assert second.collected_at == clock.now()  # "now" when no time is given
    assert [item.item_number for item in evidence_view(supervisor, case_number)] == [
        first.item_number,
        second.item_number,
    ]


def test_bad_evidence_is_refused_with_what_to_do_and_nothing_is_written(
    supervisor: Workspace, clock: ManualClock, case_number: str
) -> None:
    collector = supervisor.actor.contact_id

    def refused(**changes: object) -> InputRejected:
        values: dict[str, object] = {
            "description": "Shirt",
            "source": EvidenceSource.SCENE,
            "found_location": "Cell",
            "collected_by_contact_id": collector,
            "collected_at": clock.now(),
        }
        values.update(changes)
        with nothing_written(supervisor), pytest.raises(InputRejected) as caught:
            add_evidence(supervisor, case_number, **values)  # type: ignore[arg-type]
        return caught.value

    assert str(refused(collected_by_contact_id=4242)) == MSG_UNKNOWN_CONTACT.format(contact_id=4242)
    assert "what the item is" in str(refused(description=""))
    assert "later than now" in str(refused(collected_at=clock.now() + timedelta(hours=2)))
    assert str(refused(case_person_id=4242)) == MSG_PERSON_NOT_IN_CASE.format(
        person=4242, case=case_number
    )
    assert "signature could not be read" in str(refused(collector_signature=[[]]))


def test_the_clean_sheet_and_each_piece_of_clothing_become_items_named_by_role(
    sign_in_as: SignIn, supervisor: Workspace, clock: ManualClock, case_number: str
) -> None:
    nurse = sign_in_as("med")
    victim = _victim_id(supervisor, case_number)
    collector = user_contact(supervisor, "med")
    items = add_clean_sheet_evidence(
        nurse,
        case_number,
        victim,
        collector,
        clock.now() - MINUTE,
        ["Grey sweatshirt", " state-issue  trousers ", "Socks"],
    )
    assert [item.source for item in items] == [
        EvidenceSource.CLEAN_SHEET,
        EvidenceSource.CLOTHING,
        EvidenceSource.CLOTHING,
        EvidenceSource.CLOTHING,
    ]
    assert [item.description for item in items] == [
        "Clean sheet the alleged victim undressed over",
        "Grey sweatshirt, worn by the alleged victim",
        "state-issue trousers, worn by the alleged victim",
        "Socks, worn by the alleged victim",
    ]
    assert all(item.packaging is Packaging.PAPER_BAG for item in items)
    assert all(item.person_role is PersonRole.ALLEGED_VICTIM for item in items)
    assert all("Álvarez" not in item.description for item in items)
    assert all(item.custodian is not None and item.custodian.id == collector for item in items)
    assert [item.item_number[-4:] for item in items] == ["E001", "E002", "E003", "E004"]


def test_the_clean_sheet_items_are_written_together_or_not_at_all(
    supervisor: Workspace, clock: ManualClock, case_number: str
) -> None:
    victim = _victim_id(supervisor, case_number)
    with nothing_written(supervisor), pytest.raises(InputRejected) as refused:
        add_clean_sheet_evidence(
            supervisor, case_number, victim, supervisor.actor.contact_id, None, ["Shirt", "  "]
        )
    assert str(refused.value) == MSG_CLOTHING_DESCRIPTION.format(number=2)
    with nothing_written(supervisor), pytest.raises(InputRejected):
        add_clean_sheet_evidence(supervisor, case_number, victim, 4242, None, ["Shirt"])
    other_case = new_case(supervisor, clock)
    stranger = _victim_id(supervisor, other_case)
    with nothing_written(supervisor), pytest.raises(InputRejected) as refused:
        add_clean_sheet_evidence(
            supervisor, case_number, stranger, supervisor.actor.contact_id, None, ["Shirt"]
        )
    assert str(refused.value) == MSG_PERSON_NOT_IN_CASE.format(person=stranger, case=case_number)


def test_a_scanned_label_finds_its_item_and_the_scan_is_audited(
    supervisor: Workspace, case_number: str
) -> None:
    item = add_evidence(
        supervisor,
        case_number,
        "Shirt",
        EvidenceSource.SCENE,
        "Cell",
        supervisor.actor.contact_id,
        None,
    )
    before = supervisor.database.verify_audit_chain().checked
    found = item_by_number(supervisor, f"  {item.item_number.lower()} ")
    assert found == item
    assert supervisor.database.verify_audit_chain().checked == before + 1
    with pytest.raises(NotFound) as missing:
        item_by_number(supervisor, "KSR-2026-99999-E001")
    assert str(missing.value) == MSG_NO_SUCH_ITEM.format(item="KSR-2026-99999-E001")


def test_evidence_is_logged_by_the_evidence_roles_and_seen_on_need_to_know(
    sign_in_as: SignIn, supervisor: Workspace, case_number: str
) -> None:
    responder = sign_in_as("fr")
    with pytest.raises(AccessDenied):
        add_evidence(
            responder,
            case_number,
            "Shirt",
            EvidenceSource.SCENE,
            "Cell",
            responder.actor.contact_id,
            None,
        )
    item = add_evidence(
        supervisor,
        case_number,
        "Shirt",
        EvidenceSource.SCENE,
        "Cell",
        supervisor.actor.contact_id,
        None,
    )
    with pytest.raises(AccessDenied):
        item_by_number(sign_in_as("inv"), item.item_number)  # not assigned to the case
    with pytest.raises(AccessDenied):
        evidence_view(responder, case_number)  # not the responder's own report
