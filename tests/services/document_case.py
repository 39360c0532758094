"""A case recorded through the real use-cases, with something in every printed form: steps done
and one marked not applicable with its reason, notifications (one corrected), a secured scene
with entries, exits and a violation, and evidence handed over three times with drawn
signatures. Names carry é, ñ and ø so the forms are checked with them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from incident_desk.domain.clock import ManualClock
from incident_desk.domain.enums import (
    AllegationType,
    EvidenceSource,
    LocationType,
    NotificationKind,
    NotificationMethod,
    PersonKind,
    PersonRole,
    PreservationAct,
    ReceivedHow,
    SceneEntrantRole,
    SeparationMethod,
    TimeCertainty,
)
from incident_desk.services.cases import NewPerson, NewReport, open_case
from incident_desk.services.contacts import add_contact
from incident_desk.services.custody import transfer_custody
from incident_desk.services.custody_signatures import DrawnSignature
from incident_desk.services.evidence import add_evidence
from incident_desk.services.investigation import assign_investigator
from incident_desk.services.notifications import correct_notification, record_notification
from incident_desk.services.preservation import (
    record_preservation_instruction,
    record_preservation_violation,
)
from incident_desk.services.scene import record_scene
from incident_desk.services.scene_log import log_scene_entry, log_scene_exit
from incident_desk.services.separation import record_separation
from incident_desk.services.workflow import mark_not_applicable, record_step
from incident_desk.services.workspace import Workspace
from tests.services.custody_support import user_contact

MINUTE = timedelta(minutes=1)
VICTIM = "José Álvarez"
PERPETRATOR = "Mark Støne"
WITNESS = "Iñigo Peña"
NARRATIVE = "Álvarez told Officer Peña at the dayroom door that he was assaulted in shower 3."
TROOPER = "Tpr. Søren Ibáñez"
VISITOR = "Chaplain Zoë Brønn"
NOT_APPLICABLE_REASON = "Mark Støne is already in segregation under constant watch; no dry cell."
CAMERA = "Hand-held camera CAM-7"
HOW_ENSURED = "Water to cell 14 turned off; constant watch by Officer Ødegaard"
VIOLATION_DETAILS = "Lit a cigarette in the holding cell"
FORWARDED_TO = "Deputy Warden Núñez and the central office PREA coordinator"


def strokes(offset: float) -> DrawnSignature:
    """A small hand-drawn signature, different for each ``offset``."""
    return DrawnSignature(
        [
            [[0 + offset, 10, 0], [30, 40 - offset, 15], [60, 5, 30], [90 + offset, 35, 45]],
            [[20, 25, 60], [70, 25 + offset, 75]],
        ],
        width=120,
        height=50,
    )


@dataclass(frozen=True)
class RecordedCase:
    number: str
    item_number: str
    item_id: int
    values: tuple[str, ...]
    """Words the record holds that the forms must print."""


def record_full_case(supervisor: Workspace, clock: ManualClock) -> RecordedCase:
    def tick(minutes: int = 5) -> None:
        clock.advance(minutes * MINUTE)

    detail = open_case(
        supervisor,
        NewReport(
            received_how=ReceivedHow.VERBAL,
            allegation_type=AllegationType.OFFENDER_NONCONSENSUAL_SEXUAL_ACTS,
            location="Dorm 4, shower 3",
            location_type=LocationType.SHOWER,
            reported_by="Officer Luis Peña",
            incident_at=clock.now() - timedelta(hours=2),
            incident_certainty=TimeCertainty.EXACT,
            narrative=NARRATIVE,
            imminent_risk=True,
            protective_action="Moved Álvarez to the medical unit under escort.",
            people=(
                NewPerson(VICTIM, PersonRole.ALLEGED_VICTIM, PersonKind.OFFENDER, "A-1001", "D4"),
                NewPerson(
                    PERPETRATOR, PersonRole.ALLEGED_PERPETRATOR, PersonKind.OFFENDER, "B-2002"
                ),
                NewPerson(WITNESS, PersonRole.WITNESS, PersonKind.OFFENDER, "C-3003", "D4-12"),
            ),
        ),
    )
    number = detail.summary.case_number
    assign_investigator(supervisor, number, "inv")
    tick()
    record_step(
        supervisor,
        number,
        "victim_safety",
        {
            "safety_ensured_at": (clock.now() - MINUTE).isoformat(),
            "safety_action": "Kept in the sergeant's office with an officer.",
            "safety_ensured_by": "Officer Luis Peña",
            "supervisor_notified_at": (clock.now() - MINUTE).isoformat(),
            "supervisor_notified_by": "Officer Luis Peña",
            "shift_supervisor": "Sgt. Dana Brooks",
        },
    )
    tick()
    record_separation(
        supervisor, number, SeparationMethod.SEGREGATE_BOTH, "Both to segregation.", clock.now()
    )
    tick()
    warden = record_notification(
        supervisor,
        number,
        NotificationKind.WARDEN,
        method=NotificationMethod.PHONE,
        notified_at=clock.now(),
        person_name="Warden Sam Hale",
    )
    tick()
    correct_notification(
        supervisor,
        warden.id,
        "Called at home, not at the office.",
        method=NotificationMethod.PHONE,
        notified_at=warden.notified_at,
        person_name="Warden Sam Hale",
        details="Called at home",
    )
    record_notification(
        supervisor,
        number,
        NotificationKind.STATE_POLICE,
        method=NotificationMethod.PHONE,
        notified_at=clock.now(),
        person_name=TROOPER,
        reference="KSP-26-0412",
    )
    tick()
    mark_not_applicable(supervisor, number, "dry_cell", NOT_APPLICABLE_REASON)
    victim = next(p.id for p in detail.summary.people if p.name == VICTIM)
    perpetrator = next(p.id for p in detail.summary.people if p.name == PERPETRATOR)
    record_preservation_instruction(supervisor, number, victim, clock.now())
    record_preservation_instruction(supervisor, number, perpetrator, clock.now(), HOW_ENSURED)
    tick()
    record_preservation_violation(
        supervisor, number, perpetrator, PreservationAct.SMOKING, clock.now(), VIOLATION_DETAILS
    )
    tick()
    scene = record_scene(supervisor, number, "Dorm 4, shower 3", True, clock.now())
    record_step(
        supervisor,
        number,
        "scene_entry_log",
        {
            "log_started_at": clock.now().isoformat(),
            "log_kept_by": "Sgt. Dana Brooks",
            "videotaping": "yes",
            "videotaping_how": CAMERA,
        },
    )
    trooper = add_contact(supervisor, TROOPER, "Kentucky State Police", "Trooper").id
    chaplain = add_contact(supervisor, VISITOR, "Religious services", "Chaplain").id
    investigator = user_contact(supervisor, "inv")
    tick()
    log_scene_entry(
        supervisor,
        scene.scene.id,
        trooper,
        SceneEntrantRole.STATE_POLICE,
        purpose="Photographs",
        videotaped=True,
        video_reference="CAM-7 clip 12",
    )
    log_scene_entry(
        supervisor,
        scene.scene.id,
        chaplain,
        SceneEntrantRole.OTHER,
        purpose="Walked in to pray",
        allowed_by="Officer Kowalski",
        as_violation=True,
    )
    tick()
    log_scene_exit(supervisor, scene.scene.id, chaplain)
    log_scene_entry(
        supervisor, scene.scene.id, investigator, SceneEntrantRole.ASSIGNED_INVESTIGATOR
    )
    tick()
    log_scene_exit(supervisor, scene.scene.id, trooper)
    collected = clock.now()
    tick()
    item = add_evidence(
        supervisor,
        number,
        "Grey T-shirt with a torn collar",
        EvidenceSource.SCENE,
        "Shower stall 3, floor",
        supervisor.actor.contact_id,
        collected,
        seal_number="S-4471",
        storage_location="Evidence locker 2",
        collector_signature=strokes(0),
    )
    sergeant = supervisor.actor.contact_id
    tick()
    transfer_custody(
        supervisor,
        item.id,
        sergeant,
        investigator,
        clock.now() - MINUTE,
        "To the investigator",
        from_signature=strokes(1),
        to_signature=strokes(2),
    )
    tick()
    transfer_custody(
        supervisor,
        item.id,
        investigator,
        trooper,
        clock.now() - MINUTE,
        "To the KSP lab",
        from_signature=strokes(3),
        to_signature=strokes(4),
    )
    tick()
    transfer_custody(
        supervisor,
        item.id,
        trooper,
        investigator,
        clock.now() - MINUTE,
        "Back from the lab",
        from_signature=strokes(5),
        to_signature=strokes(6),
    )
    tick()
    record_step(
        supervisor,
        number,
        "eor_report",
        {
            "completed_at": (clock.now() - MINUTE).isoformat(),
            "completed_by": "Sgt. Dana Brooks",
            "forwarded_at": (clock.now() - MINUTE).isoformat(),
            "forwarded_to": FORWARDED_TO,
        },
    )
    tick()
    return RecordedCase(
        number=number,
        item_number=item.item_number,
        item_id=item.id,
        values=(
            VICTIM,
            PERPETRATOR,
            WITNESS,
            NARRATIVE,
            TROOPER,
            VISITOR,
            NOT_APPLICABLE_REASON,
            FORWARDED_TO,
            "A-1001",
            "KSP-26-0412",
            "CAM-7 clip 12",
            "Officer Kowalski",
            "Grey T-shirt with a torn collar",
            "S-4471",
            "Evidence locker 2",
            "Back from the lab",
            "Called at home",
            CAMERA,
            HOW_ENSURED,
            VIOLATION_DETAILS,
        ),
    )
