"""Filling the Crime Scene Entry Log (CPP 14.7 G.3.d-e): each scene as secured or why not, then
every entry and exit ever logged, a violation marked as such and a corrected line kept next to
its correction, and the release (G.3.f)."""

from __future__ import annotations

from incident_desk.domain.documents import SignatureEntry
from incident_desk.domain.enums import SceneEvent, StepState
from incident_desk.services.case_record import CaseRecord
from incident_desk.services.document_fill import Filled, present, recorded_words
from incident_desk.services.document_words import (
    ENTRANT_WORDS,
    joined,
    moment,
    stored_moment,
    yes_no,
)
from incident_desk.services.scene_views import SceneLogLine, SceneView

LOG_STEP = "scene_entry_log"
EVENT_WORDS = {SceneEvent.ENTERED: "In", SceneEvent.EXITED: "Out"}
VIOLATION = "VIOLATION."
LINE_CORRECTS = "Corrects an earlier line: {reason}"
LINE_SUPERSEDED = "Replaced by a correction below."
NOT_RELEASED = "Not released yet"


def fill_scene_entry_log(record: CaseRecord) -> Filled:
    lines = [(view, line) for view in record.scenes for line in view.lines]
    standing = [line for _, line in lines if not line.superseded]
    values = {
        "case_number": record.case_number,
        "facility_name": record.facility_name,
        "entry_count": str(sum(1 for line in standing if line.event is SceneEvent.ENTERED)),
        "violation_count": str(sum(len(view.violations) for view in record.scenes)),
        "still_inside": joined(
            *(person.contact.label for view in record.scenes for person in view.inside)
        )
        or ("No one" if record.scenes else ""),
    }
    step = record.step(LOG_STEP)
    if step is not None and step.state is StepState.DONE:
        videotaping = step.values.get("videotaping", "")
        values |= {
            "log_started_at": stored_moment(step.values.get("log_started_at", "")),
            "log_kept_by": step.values.get("log_kept_by", ""),
            "videotaping": "Yes" if videotaping == "yes" else ("No" if videotaping else ""),
            "videotaping_how": step.values.get("videotaping_how", ""),
        }
    return Filled(
        values=present(values),
        tables={
            "scenes": tuple(_scene_row(view) for view in record.scenes),
            "entries": tuple(_entry_row(view, line) for view, line in lines),
        },
        signatures=_signatures(record, values.get("log_kept_by", "")),
    )


def _scene_row(view: SceneView) -> dict[str, str]:
    scene = view.scene
    secured = (
        joined("Yes", moment(scene.secured_at), scene.secured_by, separator=", ")
        if scene.secured
        else f"No: {scene.cannot_secure_reason}"
    )
    release = view.release
    return {
        "location": scene.location,
        "secured": secured,
        "documented": joined(
            f"Photographed: {yes_no(scene.photographed)}",
            f"Videotaped: {yes_no(scene.videotaped)}",
            f"Evidence collected: {yes_no(scene.evidence_collected)}",
        ),
        "outstanding": joined(*scene.outstanding) or "Nothing",
        "release": NOT_RELEASED
        if release is None
        else joined(
            f"{moment(release.released_at)} by {release.released_by} ({release.authority})",
            f"Investigation verified complete {moment(release.verified_complete_at)} "
            f"by {release.verified_complete_by}",
        ),
    }


def _entry_row(view: SceneView, line: SceneLogLine) -> dict[str, str]:
    videotaped = yes_no(line.videotaped)
    if line.videotaped and line.video_reference:
        videotaped += f" ({line.video_reference})"
    allowed = VIOLATION if line.violation or not line.entrant_role.authorized else "Yes."
    notes = list(line.notes)
    if line.is_correction:
        notes.append(LINE_CORRECTS.format(reason=line.correction_reason))
    if line.superseded:
        notes.append(LINE_SUPERSEDED)
    return {
        "scene": view.scene.location,
        "event": EVENT_WORDS[line.event],
        "occurred_at": moment(line.occurred_at),
        "name": joined(line.contact.name, line.contact.title, separator=", "),
        "role": _role(line),
        "purpose": line.purpose,
        "videotaped": videotaped,
        "allowed": joined(allowed, *notes, separator=" "),
        "recorded_by": recorded_words(line.recorded_by, line.recorded_at),
    }


def _role(line: SceneLogLine) -> str:
    """Who the entrant is at the scene, and their agency when that adds something."""
    role = ENTRANT_WORDS[line.entrant_role]
    agency = line.agency if line.agency and line.agency not in role else ""
    return joined(role, agency, separator=", ")


def _signatures(record: CaseRecord, log_keeper: str) -> tuple[SignatureEntry, ...]:
    released = next((v.release for v in record.scenes if v.release is not None), None)
    investigator = released.released_by if released is not None else ""
    if not investigator and record.investigation is not None:
        investigator = record.investigation.investigator
    if not investigator:
        investigator = joined(*record.assigned_investigators)
    entries = (
        SignatureEntry("log_keeper", log_keeper, "Kept the scene entry log"),
        SignatureEntry("investigator", investigator, "Investigator"),
    )
    return tuple(entry for entry in entries if entry.name)
