"""A long chain of custody proved intact, then changed behind the application's back and caught.

The tampering goes straight to the encrypted database through the engine, as someone with the
data key and a SQL prompt could: the audit trail names the first event that no longer holds,
and the case check names the custody record that no longer matches its audit event.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import text

from incident_desk.domain.clock import ManualClock
from incident_desk.domain.enums import EvidenceSource
from incident_desk.services.contacts import add_contact
from incident_desk.services.custody import transfer_custody
from incident_desk.services.custody_verification import MSG_ROW_CHANGED, verify_case_evidence
from incident_desk.services.evidence import add_evidence
from incident_desk.services.evidence_views import EvidenceItemView, custody_signatures
from incident_desk.services.workspace import Workspace
from incident_desk.storage.audit_log import decoded_events
from tests.services.custody_support import new_case

MINUTE = timedelta(minutes=1)
SIGNATURE: list[list[list[float]]] = [[[0, 0, 0], [12.5, 4.75, 16], [30, 9, 40]]]


@pytest.fixture
def long_chain(supervisor: Workspace, clock: ManualClock) -> EvidenceItemView:
    """One item handed back and forth 50 times, every other hand-over signed by both."""
    number = new_case(supervisor, clock)
    sergeant = supervisor.actor.contact_id
    trooper = add_contact(supervisor, "Tpr. Ann Lee", "Kentucky State Police", "Trooper").id
    start = clock.now()
    clock.advance(timedelta(hours=2))
    view = add_evidence(supervisor, number, "Shirt", EvidenceSource.SCENE, "Cell", sergeant, start)
    holder, other = sergeant, trooper
    for step in range(1, 51):
        signature = SIGNATURE if step % 2 else None
        view = transfer_custody(
            supervisor,
            view.id,
            holder,
            other,
            start + step * MINUTE,
            f"Hand-over {step}",
            from_signature=signature,
            to_signature=signature,
        )
        holder, other = other, holder
    return view


def _insert_seq(workspace: Workspace, item: EvidenceItemView, link_index: int) -> int:
    """The audit event that recorded the writing of the item's ``link_index``-th link.

    Links are written one per transaction, in chain order, so their events come in that order.
    """
    with workspace.database.engine.connect() as connection:
        events = decoded_events(connection, item.case_id)
    seqs = [e.seq for e in events if e.entity == "custody_transfer" and e.after_digest]
    assert len(seqs) == len(item.chain)
    return seqs[link_index]


def test_fifty_hand_overs_verify_intact(
    supervisor: Workspace, long_chain: EvidenceItemView
) -> None:
    assert len(long_chain.chain) == 51
    assert long_chain.problems == ()
    assert long_chain.custodian is not None
    assert long_chain.custodian.name == "Sgt. Dana Brooks"  # an even number of hand-overs
    assert supervisor.database.verify_audit_chain().intact
    verification = verify_case_evidence(supervisor, long_chain.case_number)
    assert verification.intact
    assert verification.messages == ()
    # the item, its 51 links and the 50 signatures of the 25 signed hand-overs
    assert verification.rows_checked == 1 + 51 + 50


def test_a_custody_record_edited_in_the_database_is_named_with_its_audit_event(
    supervisor: Workspace, long_chain: EvidenceItemView
) -> None:
    link = long_chain.chain[30]
    seq = _insert_seq(supervisor, long_chain, 30)
    with supervisor.database.engine.begin() as connection:
        connection.execute(
            text("UPDATE custody_transfer SET to_contact_id = :who WHERE id = :id"),
            {"who": supervisor.actor.contact_id + 1, "id": link.id},
        )
    verification = verify_case_evidence(supervisor, long_chain.case_number)
    assert verification.audit.intact  # the trail itself was not touched...
    assert not verification.intact  # ...but the record no longer matches it
    (problem,) = verification.problems
    assert (problem.entity, problem.entity_id, problem.audit_seq) == (
        "custody_transfer",
        str(link.id),
        seq,
    )
    assert problem.text == MSG_ROW_CHANGED.format(
        what=f"Custody record {link.id} of item {long_chain.item_number}", seq=seq
    )


def test_an_audit_event_edited_in_the_database_breaks_the_trail_at_that_event(
    supervisor: Workspace, long_chain: EvidenceItemView
) -> None:
    seq = _insert_seq(supervisor, long_chain, 17)
    with supervisor.database.engine.begin() as connection:
        body = connection.execute(
            text("SELECT body FROM audit_event WHERE seq = :seq"), {"seq": seq}
        ).scalar_one()
        forged = bytes(body).replace(b"transfer_custody", b"correct_custody_")
        assert forged != bytes(body)
        connection.execute(
            text("UPDATE audit_event SET body = :body WHERE seq = :seq"),
            {"body": forged, "seq": seq},
        )
    report = supervisor.database.verify_audit_chain()
    assert not report.intact
    assert report.first_bad_seq == seq
    verification = verify_case_evidence(supervisor, long_chain.case_number)
    assert not verification.intact
    assert str(seq) in verification.messages[0]


def test_a_signature_redrawn_in_the_database_is_caught(
    supervisor: Workspace, long_chain: EvidenceItemView
) -> None:
    signed = next(link for link in long_chain.chain if link.from_signature is not None)
    assert signed.from_signature is not None
    signature_id = signed.from_signature.id
    with supervisor.database.engine.begin() as connection:
        connection.execute(
            text("UPDATE signature SET strokes_json = :json WHERE id = :id"),
            {"json": "[[[0,0,0],[99,99,10]]]", "id": signature_id},
        )
    assert not custody_signatures(supervisor, long_chain.id)[signature_id].intact
    verification = verify_case_evidence(supervisor, long_chain.case_number)
    assert {(p.entity, p.entity_id) for p in verification.problems} == {
        ("signature", str(signature_id))
    }
    assert len(verification.problems) == 2  # its audit digest and its own fingerprint
