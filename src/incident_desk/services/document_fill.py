"""The pieces every form fill shares: what a fill produces, the case's own facts as printed
words, checklist step states, and hand-drawn signatures as drawings."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from incident_desk.domain.documents import Drawing, SignatureEntry
from incident_desk.domain.enums import StepState
from incident_desk.services.case_record import CaseRecord, StepLine
from incident_desk.services.custody_signatures import SignatureSnapshot
from incident_desk.services.document_words import (
    ALLEGATION_WORDS,
    CERTAINTY_WORDS,
    LOCATION_NOT_KNOWN,
    RECEIVED_HOW_WORDS,
    STATUS_WORDS,
    joined,
    moment,
    stored_moment,
    words,
    yes_no,
)

#: The checklist step that records the EOR and section one being completed and forwarded.
EOR_STEP = "eor_report"


@dataclass(frozen=True)
class Filled:
    """What one document says: its values, table rows, drawings and signature entries."""

    values: Mapping[str, str]
    tables: Mapping[str, tuple[Mapping[str, str], ...]] = field(default_factory=dict)
    drawings: Mapping[str, Drawing] = field(default_factory=dict)
    signatures: tuple[SignatureEntry, ...] = ()
    #: What the document is about beyond the case (an evidence item's number), or "".
    subject: str = ""


def present(values: Mapping[str, str]) -> dict[str, str]:
    """The values that say something; the rest print as "not recorded"."""
    return {key: value for key, value in values.items() if value.strip()}


def case_values(record: CaseRecord) -> dict[str, str]:
    """The case's own facts (SPEC step 1) as every form prints them."""
    incident = moment(record.incident_at)
    if incident and record.incident_margin_minutes:
        incident += f" (give or take {record.incident_margin_minutes} minutes)"
    return {
        "case_number": record.case_number,
        "case_status": STATUS_WORDS[record.status],
        "facility_name": record.facility_name,
        "allegation_type": ALLEGATION_WORDS[record.allegation_type],
        "received_at": moment(record.received_at),
        "received_how": RECEIVED_HOW_WORDS[record.received_how],
        "received_by": record.received_by,
        "reported_by": record.reported_by,
        "incident_at": incident,
        "incident_certainty": CERTAINTY_WORDS[record.incident_certainty],
        "location": record.location,
        "location_type": LOCATION_NOT_KNOWN
        if record.location_type.value == "unknown"
        else words(record.location_type.value),
        "occurred_elsewhere": yes_no(record.occurred_elsewhere),
        "other_facility_name": record.other_facility_name,
        "imminent_risk": yes_no(record.imminent_risk),
        "protective_action": record.protective_action,
        "narrative": record.narrative,
        "protocol_version": record.protocol_version,
    }


def forwarding_values(record: CaseRecord) -> dict[str, str]:
    """When the EOR and section one were completed and forwarded, and to whom (G.8)."""
    line = record.step(EOR_STEP)
    if line is None or line.state is not StepState.DONE:
        return {}
    values = line.values
    return {
        "completed_at": stored_moment(values.get("completed_at", "")),
        "completed_by": values.get("completed_by", ""),
        "forwarded_at": stored_moment(values.get("forwarded_at", "")),
        "forwarded_to": values.get("forwarded_to", ""),
    }


def step_state_words(line: StepLine) -> str:
    """A step's standing in words: done, not applicable and why, still to do, or left out."""
    late = f"Entered late: {line.late_entry_reason}" if line.late_entry_reason else ""
    if line.state is StepState.DONE:
        return joined("Done", late, separator=". ")
    if line.state is StepState.NOT_APPLICABLE:
        return joined(f"Not applicable: {line.not_applicable_reason}", late, separator=". ")
    if not line.applies:
        return "Does not apply to this case"
    return "Still to do"


def recorded_words(name: str, at: datetime | None) -> str:
    """Who recorded something and when: "Sgt. Dana Brooks, 2026-11-22 03:14 UTC"."""
    return joined(name, moment(at), separator=", ")


def drawing_of(signature: SignatureSnapshot) -> Drawing:
    """A stored hand-drawn signature as the renderer draws it (the timing of points dropped)."""
    return Drawing(
        strokes=tuple(
            tuple((point[0], point[1]) for point in stroke) for stroke in signature.strokes
        ),
        width=signature.width,
        height=signature.height,
    )


def drawing_key(signature_id: int) -> str:
    return f"signature-{signature_id}"


def supervisor_name(record: CaseRecord) -> str:
    """The shift supervisor of the case as the checklist names them (told in G.3, or who
    completed the EOR)."""
    safety = record.step("victim_safety")
    eor = record.step(EOR_STEP)
    for line, key in ((eor, "completed_by"), (safety, "shift_supervisor")):
        if line is not None and line.state is StepState.DONE and line.values.get(key):
            return line.values[key]
    return ""
