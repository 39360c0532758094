"""Demo evidence: bagged items and their chains of custody (SPEC "Evidence and chain of
custody"). Each chain starts with the collection, passes hand to hand (every transfer leaves
from whoever received the one before, later in time), and in old closed cases some items are
released, destroyed or returned, which ends the chain.
"""

from __future__ import annotations

from datetime import datetime

from incident_desk.domain.enums import CaseStatus, CustodyAction, Packaging
from incident_desk.services import demo_names as words
from incident_desk.services.demo_cases import CaseDraft, CaseWriter
from incident_desk.services.demo_cast import Member
from incident_desk.services.demo_rows import later
from incident_desk.storage.rows import CustodyTransferRow, EvidenceItemRow

DISPOSALS = (
    (CustodyAction.RELEASED, "State Police Post 4, evidence room"),
    (CustodyAction.DESTROYED, "Incinerated under the retention schedule"),
    (CustodyAction.RETURNED, "Returned to the owner"),
)
_SCENE_ITEMS = tuple(item for item in words.EVIDENCE if item[1].value in ("scene", "other"))
_BODY_ITEMS = tuple(item for item in words.EVIDENCE if item[1].value not in ("scene", "other"))


def collect_evidence(w: CaseWriter, case: CaseDraft, at: datetime, count: int, scene: bool) -> None:
    """``count`` items collected from the scene or at the hospital, each with its chain."""
    rng, supervisor = w.rng, case.facility.supervisor
    collector = supervisor if scene else case.facility.nurse
    items = rng.sample(_SCENE_ITEMS if scene else _BODY_ITEMS, count)
    for description, source in items:
        if at > w.now:
            return
        case.evidence_count += 1
        sequence = case.evidence_count
        item_id = w.sink.add(
            EvidenceItemRow,
            {
                "case_id": case.id,
                "sequence": sequence,
                "item_number": f"{case.number}-E{sequence:03d}",
                "description": description,
                "source": source,
                "found_location": case.row["location"] if scene else "Hospital",
                "collected_by_contact_id": collector.contact_id,
                "collected_at": at,
                "packaging": Packaging.PAPER_BAG if rng.random() < 0.9 else Packaging.ENVELOPE,
                "seal_number": f"S{w.between(100000, 999999)}",
                "storage_location": "Locker 2",
                "condition": "Sealed, dry",
                "recorded_by_id": supervisor.user_id,
                "case_person_id": None if scene else case.victim_id,
                "recorded_at": min(later(at, 5), w.now),
            },
        )
        _chain(w, case, item_id, at, collector)
        at = later(at, w.between(2, 20))


def _chain(w: CaseWriter, case: CaseDraft, item_id: int, at: datetime, holder: Member) -> None:
    rng, now = w.rng, w.now
    assert case.investigator is not None
    outside = w.cast.outside
    keepers = (
        case.facility.supervisor,
        case.investigator,
        outside[w.pick(words.POLICE)],
        outside[words.LAB[0]],
    )
    _link(w, case, item_id, CustodyAction.COLLECTED, None, holder, at, "Collected and sealed")
    for purpose in words.EVIDENCE_PURPOSES[: w.between(1, 4)]:
        at = later(at, w.between(30, 3 * 24 * 60))
        if at > now:
            return
        receiver = w.pick([keeper for keeper in keepers if keeper is not holder])
        _link(w, case, item_id, CustodyAction.TRANSFERRED, holder, receiver, at, purpose)
        holder = receiver
    if case.status is CaseStatus.CLOSED and rng.random() < 0.4:
        action, where = w.pick(DISPOSALS)
        at = later(at, w.between(20, 90) * 24 * 60)
        if at <= now:
            _link(w, case, item_id, action, holder, None, at, "Case closed", where)


def _link(
    w: CaseWriter,
    case: CaseDraft,
    item_id: int,
    action: CustodyAction,
    giver: Member | None,
    receiver: Member | None,
    at: datetime,
    purpose: str,
    disposition: str = "",
) -> None:
    w.sink.add(
        CustodyTransferRow,
        {
            "evidence_item_id": item_id,
            "action": action,
            "from_contact_id": giver.contact_id if giver else None,
            "to_contact_id": receiver.contact_id if receiver else None,
            "transferred_at": at,
            "purpose": purpose,
            "disposition_to": disposition,
            "from_signature_id": None,
            "to_signature_id": None,
            "recorded_by_id": case.facility.supervisor.user_id,
            "recorded_at": min(later(at, 3), w.now),
            "corrects_id": None,
            "correction_reason": "",
        },
        case.id,
    )
    case.last = max(case.last, at)
