"""Filling the First Response Record (CPP 14.7 G): every checklist step with who did it and
when, or why it was marked not applicable, then the timeline of everything recorded in the case,
oldest first, each correction shown as a correction and each corrected entry kept, marked."""

from __future__ import annotations

from incident_desk.domain.documents import SignatureEntry
from incident_desk.domain.enums import StepState
from incident_desk.services.case_record import CaseRecord
from incident_desk.services.document_fill import (
    Filled,
    case_values,
    present,
    recorded_words,
    step_state_words,
    supervisor_name,
)
from incident_desk.services.document_words import joined, moment, sentences
from incident_desk.services.timeline_sources import TimelineEntry

ENTRY_CORRECTS = "Correction of the entry of {moment} by {name}. Reason: {reason}"
ENTRY_CORRECTS_UNKNOWN = "Correction of an earlier entry. Reason: {reason}"
ENTRY_SUPERSEDED = "Replaced by a later correction"
ENTRY_VIOLATION = "Violation"
ENTRY_LATE = "Entered late: {reason}"
SUMMARY_KEYS = (
    "case_number",
    "facility_name",
    "case_status",
    "allegation_type",
    "received_at",
    "received_by",
    "protocol_version",
)


def fill_first_response_record(record: CaseRecord) -> Filled:
    facts = case_values(record)
    values = {key: facts[key] for key in SUMMARY_KEYS}
    applying = [line for line in record.steps if line.applies]
    values |= {
        "steps_done": str(sum(1 for line in applying if line.state is StepState.DONE)),
        "steps_not_applicable": str(
            sum(1 for line in record.steps if line.state is StepState.NOT_APPLICABLE)
        ),
        "steps_open": str(sum(1 for line in applying if line.state is StepState.PENDING)),
    }
    supervisor = supervisor_name(record)
    return Filled(
        values=present(values),
        tables={
            "steps": tuple(
                {
                    "number": line.definition.number,
                    "title": line.definition.title,
                    "citation": line.definition.citation,
                    "state": step_state_words(line),
                    "occurred_at": moment(line.occurred_at),
                    "recorded": recorded_words(line.recorded_by, line.recorded_at),
                }
                for line in record.steps
            ),
            "timeline": _timeline_rows(record.timeline),
        },
        signatures=(SignatureEntry("shift_supervisor", supervisor, "Shift supervisor"),)
        if supervisor
        else (),
    )


def _timeline_rows(entries: tuple[TimelineEntry, ...]) -> tuple[dict[str, str], ...]:
    by_key = {entry.key: entry for entry in entries}
    replaced = {entry.corrects for entry in entries if entry.corrects}
    rows = []
    for entry in entries:
        notes = []
        if entry.corrects:
            original = by_key.get(entry.corrects)
            notes.append(
                ENTRY_CORRECTS.format(
                    moment=moment(original.recorded_at),
                    name=original.recorded_by,
                    reason=entry.correction_reason,
                )
                if original is not None
                else ENTRY_CORRECTS_UNKNOWN.format(reason=entry.correction_reason)
            )
        if entry.key in replaced:
            notes.append(ENTRY_SUPERSEDED)
        if entry.violation:
            notes.append(ENTRY_VIOLATION)
        if entry.late_entry_reason:
            notes.append(ENTRY_LATE.format(reason=entry.late_entry_reason))
        rows.append(
            {
                "occurred_at": moment(entry.occurred_at),
                "entry": sentences(
                    f"{entry.title} ({entry.citation})" if entry.citation else entry.title,
                    *entry.details,
                ),
                "recorded": recorded_words(entry.recorded_by, entry.recorded_at),
                "status": joined(*notes),
            }
        )
    return tuple(rows)
