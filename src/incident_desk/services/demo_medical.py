"""Evidence preservation, medical care and the dry cell in a demo case (CPP 14.7 G.4, G.5,
G.7): instructions given to both people (now and then an act that happened anyway), the
hospital trip with its separate consents and clean-sheet evidence, and released dry cells.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from incident_desk.domain.enums import Consent, ExaminerType, PreservationAct
from incident_desk.services.demo_cases import CaseDraft, CaseWriter
from incident_desk.services.demo_evidence import collect_evidence
from incident_desk.services.demo_rows import iso_minutes, later
from incident_desk.storage.rows import (
    DryCellPlacementRow,
    MedicalRecordRow,
    PreservationInstructionRow,
    PreservationViolationRow,
)

ACTS = tuple(PreservationAct)


def write_preservation(w: CaseWriter, case: CaseDraft, at: datetime) -> None:
    if at > w.now:
        return
    rng, supervisor = w.rng, case.facility.supervisor
    for person_id, key in (
        (case.victim_id, "preservation_victim"),
        (case.perpetrator_id, "preservation_perpetrator"),
    ):
        how = "Kept under watch in a dry holding cell." if key.endswith("perpetrator") else ""
        w.sink.add(
            PreservationInstructionRow,
            {
                "case_id": case.id,
                "case_person_id": person_id,
                "instructed_at": at,
                "instructed_by_id": supervisor.user_id,
                "how_ensured": how,
                "recorded_at": min(later(at, 3), w.now),
            },
        )
        acts = ""
        if rng.random() < 0.06:
            act = w.pick(ACTS)
            acts = act.value
            w.sink.add(
                PreservationViolationRow,
                {
                    "case_id": case.id,
                    "case_person_id": person_id,
                    "act": act,
                    "occurred_at": min(later(at, 30), w.now),
                    "details": "Before staff could stop it.",
                    "recorded_by_id": supervisor.user_id,
                    "recorded_at": min(later(at, 40), w.now),
                },
            )
        values = {"instructed_at": iso_minutes(at), "acts_since": acts}
        if key == "preservation_victim":
            values["instructed_by"] = supervisor.name
        else:
            values.update(ensured_by=supervisor.name, how_ensured=how)
        w.step(case, key, at, supervisor, values)


def write_medical(w: CaseWriter, case: CaseDraft, at: datetime) -> None:
    if at > w.now:
        return
    nurse = case.facility.nurse
    departed = later(at, w.between(15, 45))
    examiner = w.pick(
        (ExaminerType.SANE, ExaminerType.SANE, ExaminerType.SAFE, ExaminerType.NONE_AVAILABLE)
    )
    exam = w.pick((Consent.CONSENTED, Consent.CONSENTED, Consent.REFUSED))
    care = w.pick((Consent.CONSENTED, Consent.CONSENTED, Consent.REFUSED))
    hospital = "University Hospital"
    done = departed <= w.now
    record: dict[str, Any] = {
        "case_id": case.id,
        "case_person_id": case.victim_id,
        "transport_arranged_at": at,
        "departed_at": departed if done else None,
        "destination": hospital,
        "clean_sheet_used": True,
        "examiner_requested_at": at,
        "examiner_type": examiner,
        "examiner_efforts": "Called the on-call SANE through the hospital.",
        "forensic_exam_consent": exam if done else Consent.NOT_ASKED,
        "medical_care_consent": care if done else Consent.NOT_ASKED,
        "consent_recorded_at": departed if done else None,
        "notes": "",
        "recorded_by_id": nurse.user_id,
        "updated_at": min(later(departed, 5), w.now),
        "step_record_id": None,
    }
    w.sink.add(MedicalRecordRow, record)
    # The record names the step entry that changed it last: the last of the steps below.
    record["step_record_id"] = w.step(
        case,
        "medical_transport",
        at,
        nurse,
        {
            "arranged_at": iso_minutes(at),
            "arranged_by": nurse.name,
            "destination": hospital,
            "departed_at": iso_minutes(departed) if done else "",
        },
    )
    record["step_record_id"] = w.step(
        case,
        "forensic_examiner",
        at,
        nurse,
        {
            "requested_at": iso_minutes(at),
            "requested_by": nurse.name,
            "hospital": hospital,
            "examiner_type": examiner.value,
            "efforts": "Called the on-call SANE.",
        },
    )
    if not done:
        return
    record["step_record_id"] = w.step(
        case,
        "consent",
        departed,
        nurse,
        {
            "forensic_exam": exam.value,
            "medical_care": care.value,
            "asked_at": iso_minutes(departed),
            "asked_by": nurse.name,
        },
    )
    record["step_record_id"] = w.step(
        case,
        "clean_sheet",
        departed,
        nurse,
        {
            "instructed_at": iso_minutes(departed),
            "instructed_by": nurse.name,
            "sheet_collected": "yes",
            "clothing_collected": "yes",
        },
    )
    collect_evidence(w, case, later(departed, 5), w.between(1, 2), scene=False)


def write_dry_cell(w: CaseWriter, case: CaseDraft, at: datetime) -> None:
    supervisor = case.facility.supervisor
    released = later(at, w.between(120, 15 * 60))  # G.7: never more than sixteen hours
    if released > w.now:
        return
    cell = f"Dry cell {w.between(1, 4)}"
    placement: dict[str, Any] = {
        "case_id": case.id,
        "case_person_id": case.perpetrator_id,
        "cell": cell,
        "placed_at": at,
        "placed_by_id": supervisor.user_id,
        "strip_searched": True,
        "paper_gown_issued": True,
        "possessions_taken": True,
        "released_at": released,
        "released_by_id": supervisor.user_id,
        "release_reason": "Evidence collected.",
        "step_record_id": None,
    }
    w.sink.add(DryCellPlacementRow, placement)
    placement["step_record_id"] = w.step(
        case,
        "dry_cell",
        at,
        supervisor,
        {
            "placed_at": iso_minutes(at),
            "cell": cell,
            "placed_by": supervisor.name,
            "strip_searched": "yes",
            "paper_gown": "yes",
            "possessions_taken": "yes",
            "released_at": iso_minutes(released),
            "release_reason": "Evidence collected.",
        },
    )
