"""The crime scene of a demo case (CPP 14.7 G.3.b, G.3.d–e): secured or documented, the
evidence collected there, and the entry log: who went in and out, with a few entries by
people G.3.d does not permit, kept and flagged as violations, as the real log keeps them.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from incident_desk.domain.enums import SceneEntrantRole, SceneEvent
from incident_desk.services import demo_names as words
from incident_desk.services.demo_cases import CaseDraft, CaseWriter
from incident_desk.services.demo_evidence import collect_evidence
from incident_desk.services.demo_rows import iso_minutes, later
from incident_desk.storage.rows import SceneLogEntryRow, SceneRow


def write_scene(w: CaseWriter, case: CaseDraft, at: datetime) -> None:
    if at > w.now:
        return
    rng, supervisor = w.rng, case.facility.supervisor
    secured = rng.random() < 0.85
    location = case.row["location"]
    collected = rng.random() < 0.6
    case.scene_secured = secured
    scene: dict[str, Any] = {
        "case_id": case.id,
        "location": location,
        "secured": secured,
        "secured_at": at if secured else None,
        "secured_by_id": supervisor.user_id if secured else None,
        "cannot_secure_reason": "" if secured else "Area in continuous use; photographed instead.",
        "photographed": not secured or rng.random() < 0.5,
        "videotaped": rng.random() < 0.3,
        "evidence_collected": collected,
        "recorded_by_id": supervisor.user_id,
        "recorded_at": min(later(at, 6), w.now),
        "step_record_id": None,
    }
    case.scene_id = w.sink.add(SceneRow, scene)
    scene["step_record_id"] = w.step(
        case,
        "crime_scene",
        at,
        supervisor,
        {
            "scene_location": location,
            "scene_secured": "yes" if secured else "no",
            "secured_at": iso_minutes(at) if secured else "",
            "secured_by": supervisor.name if secured else "",
            "why_not_secured": "" if secured else "Area in continuous use.",
            "evidence_collected": "yes" if collected else "no",
            "evidence_locker": "Locker 2",
        },
    )
    if secured:
        _entry_log(w, case, later(at, w.between(5, 20)))
    if collected:
        collect_evidence(w, case, later(at, w.between(15, 90)), w.between(1, 2), scene=True)


def _entry_log(w: CaseWriter, case: CaseDraft, at: datetime) -> None:
    if at > w.now:
        return
    rng, supervisor = w.rng, case.facility.supervisor
    video = rng.random() < 0.4
    w.step(
        case,
        "scene_entry_log",
        at,
        supervisor,
        {
            "log_started_at": iso_minutes(at),
            "log_kept_by": case.facility.responder.name,
            "videotaping": "yes" if video else "no",
            "videotaping_how": "Body camera" if video else "",
        },
    )
    assert case.investigator is not None
    entrants = [
        (case.investigator, SceneEntrantRole.ASSIGNED_INVESTIGATOR, "Photograph and collect")
    ]
    if case.criminal:
        trooper = w.cast.outside[w.pick(words.POLICE)]
        entrants.append((trooper, SceneEntrantRole.STATE_POLICE, "Process the scene"))
    if rng.random() < 0.25:
        entrants.append((case.facility.nurse, SceneEntrantRole.MEDICAL, "Check for blood"))
    if rng.random() < 0.05:  # G.3.d breached: kept, flagged, with who let them in
        entrants.append((case.facility.responder, SceneEntrantRole.OTHER, "Fetched belongings"))
    for member, role, purpose in entrants:
        at = later(at, w.between(10, 60))
        if at > w.now:
            return
        violation = not role.authorized
        entry = {
            "scene_id": case.scene_id,
            "event": SceneEvent.ENTERED,
            "contact_id": member.contact_id,
            "entrant_role": role,
            "agency": member.agency,
            "purpose": purpose,
            "occurred_at": at,
            "entry_id": None,
            "videotaped": video,
            "video_reference": f"BWC-{w.between(1000, 9999)}" if video else "",
            "violation": violation,
            "allowed_by": supervisor.name if violation else "",
            "recorded_by_id": supervisor.user_id,
            "recorded_at": min(later(at, 2), w.now),
            "corrects_id": None,
            "correction_reason": "",
        }
        entry_id = w.sink.add(SceneLogEntryRow, entry, case.id)
        left = later(at, w.between(10, 90))
        if left <= w.now:
            w.sink.add(
                SceneLogEntryRow,
                {
                    **entry,
                    "event": SceneEvent.EXITED,
                    "occurred_at": left,
                    "entry_id": entry_id,
                    "recorded_at": min(later(left, 2), w.now),
                    "purpose": "",
                },
                case.id,
            )
