"""Timeline lines of the checklist and the first-hours records: steps, notes, separation,
notifications, evidence preservation, medical care and dry cells (CPP 14.7 G.3-G.10).

One small function per kind of record, so a new kind of record is one more function here.
"""

from __future__ import annotations

from datetime import datetime

from incident_desk.domain.choice_words import choices_words
from incident_desk.domain.enums import NotificationKind, PersonRole, StepState
from incident_desk.domain.protocol import FieldKind, Protocol, StepDefinition
from incident_desk.domain.validation import format_moment
from incident_desk.services.first_response import step_values
from incident_desk.services.timeline_sources import (
    Sources,
    TimelineEntry,
    TimelineKind,
    ref,
    words,
)

_NOTIFIED: dict[NotificationKind, tuple[str, str]] = {
    NotificationKind.WARDEN: ("Warden or designated leadership told", "CPP 14.7 G.3.c"),
    NotificationKind.INVESTIGATOR: ("Facility investigator told", "CPP 14.7 G.9"),
    NotificationKind.STATE_POLICE: ("Referred to the Kentucky State Police", "CPP 14.7 G.9"),
    NotificationKind.VICTIM_ADVOCATE: ("Victim advocate", "CPP 14.7 G.6"),
    NotificationKind.OTHER_FACILITY_HEAD: ("Head of the other facility notified", "CPP 14.7 G.10"),
    NotificationKind.SHIFT_SUPERVISOR: ("Shift supervisor told", "CPP 14.7 G.3"),
    NotificationKind.CENTRAL_OFFICE: ("Central office told", "CPP 14.7 G.8"),
}


SCENE_RELEASE_STEP = "scene_release"


def first_response_entries(src: Sources, protocol: Protocol) -> list[TimelineEntry]:
    """The lines of everything the checklist and the first-hours records hold."""
    return [
        *_steps(src, protocol),
        *_notes(src),
        *_separations(src),
        *_notifications(src),
        *_preservation(src),
        *_medical(src),
        *_dry_cells(src),
    ]


def _steps(src: Sources, protocol: Protocol) -> list[TimelineEntry]:
    # A scene released in the Crime scene section completes step 7 in the same transaction,
    # with the release's own times: the release's entry already tells that act.
    released = {(row.released_at, row.recorded_at) for row in src.scene_releases}
    entries = []
    for record in src.steps:
        if (
            record.step_key == SCENE_RELEASE_STEP
            and record.state is StepState.DONE
            and record.corrects_id is None
            and (record.occurred_at, record.recorded_at) in released
        ):
            continue
        try:
            step: StepDefinition | None = protocol.step(record.step_key)
        except KeyError:
            step = None
        name = f"Step {step.number}, {step.title}" if step else words(record.step_key)
        if record.state is StepState.DONE:
            verb = "corrected" if record.corrects_id else "done"
            details = _value_lines(step, step_values(record))
        elif record.state is StepState.NOT_APPLICABLE:
            verb, details = "marked not applicable", (f"Why: {record.not_applicable_reason}",)
        else:
            verb, details = "reopened", ()
        entries.append(
            TimelineEntry(
                key=ref("step_record", record.id),
                kind=TimelineKind.STEP,
                occurred_at=record.occurred_at,
                recorded_at=record.recorded_at,
                recorded_by=src.user(record.recorded_by_id),
                title=f"{name}: {verb}",
                details=details,
                citation=step.citation if step else "",
                corrects=ref("step_record", record.corrects_id),
                correction_reason=record.correction_reason,
                late_entry_reason=record.late_entry_reason,
            )
        )
    return entries


def _value_lines(step: StepDefinition | None, values: dict[str, str]) -> tuple[str, ...]:
    if step is None:
        return tuple(f"{words(key)}: {value}" for key, value in values.items() if value)
    lines = []
    for definition in step.fields:
        value = values.get(definition.key, "")
        if not value:
            continue
        if definition.kind is FieldKind.DATETIME:
            value = _moment_words(value)
        elif definition.kind.has_choices or definition.kind is FieldKind.BOOLEAN:
            value = choices_words(value)
        lines.append(f"{definition.label}: {value}")
    return tuple(lines)


def _moment_words(value: str) -> str:
    try:
        return format_moment(datetime.fromisoformat(value))
    except ValueError:
        return value  # kept as typed: the record shows what was entered


def _notes(src: Sources) -> list[TimelineEntry]:
    return [
        TimelineEntry(
            key=ref("case_note", note.id),
            kind=TimelineKind.NOTE,
            occurred_at=note.written_at,
            recorded_at=note.written_at,
            recorded_by=src.user(note.written_by_id),
            title="Note corrected" if note.corrects_id else "Note",
            details=(note.body,),
            corrects=ref("case_note", note.corrects_id),
            correction_reason=note.correction_reason,
        )
        for note in src.notes
    ]


def _separations(src: Sources) -> list[TimelineEntry]:
    return [
        TimelineEntry(
            key=ref("separation", row.id),
            kind=TimelineKind.SEPARATION,
            occurred_at=row.separated_at,
            recorded_at=row.recorded_at,
            recorded_by=src.user(row.recorded_by_id),
            title=f"Alleged victim and perpetrator separated: {words(row.method.value)}",
            details=(row.description,) if row.description else (),
            citation="CPP 14.7 G.3.a",
        )
        for row in src.separations
    ]


def _notifications(src: Sources) -> list[TimelineEntry]:
    entries = []
    for row in src.notifications:
        title, citation = _NOTIFIED[row.kind]
        if row.advocate_status is not None:
            title = f"{title}: {row.advocate_status.value}"
        details = [f"Who: {row.person_name or src.contact(row.contact_id)}"]
        details.append(f"How: {words(row.method.value)}")
        if row.other_facility_name:
            details.append(f"Other facility: {row.other_facility_name}")
        if row.reference:
            details.append(f"Reference: {row.reference}")
        if row.details:
            details.append(row.details)
        entries.append(
            TimelineEntry(
                key=ref("notification", row.id),
                kind=TimelineKind.NOTIFICATION,
                occurred_at=row.notified_at,
                recorded_at=row.recorded_at,
                recorded_by=src.user(row.recorded_by_id),
                title=title,
                details=tuple(details),
                citation=citation,
                corrects=ref("notification", row.corrects_id),
                correction_reason=row.correction_reason,
            )
        )
    return entries


def _preservation(src: Sources) -> list[TimelineEntry]:
    entries = []
    for row in src.instructions:
        perpetrator = src.people.get(row.case_person_id, ("", None))[1]
        verb = "ensured for" if perpetrator is PersonRole.ALLEGED_PERPETRATOR else "requested of"
        entries.append(
            TimelineEntry(
                key=ref("preservation_instruction", row.id),
                kind=TimelineKind.PRESERVATION_INSTRUCTION,
                occurred_at=row.instructed_at,
                recorded_at=row.recorded_at,
                recorded_by=src.user(row.instructed_by_id),
                title=f"Evidence preservation {verb} {src.person(row.case_person_id)}",
                details=(f"How: {row.how_ensured}",) if row.how_ensured else (),
                citation="CPP 14.7 G.4",
            )
        )
    for violation in src.violations:
        entries.append(
            TimelineEntry(
                key=ref("preservation_violation", violation.id),
                kind=TimelineKind.PRESERVATION_VIOLATION,
                occurred_at=violation.occurred_at,
                recorded_at=violation.recorded_at,
                recorded_by=src.user(violation.recorded_by_id),
                title=(
                    f"{src.person(violation.case_person_id)}: {words(violation.act.value)} "
                    "(could destroy evidence)"
                ),
                details=(violation.details,) if violation.details else (),
                citation="CPP 14.7 G.4",
                violation=True,
            )
        )
    return entries


def _medical(src: Sources) -> list[TimelineEntry]:
    entries = []
    for row in src.medical:
        who, by = src.person(row.case_person_id), src.user(row.recorded_by_id)
        base = ref("medical_record", row.id)
        examiner = words(row.examiner_type.value) if row.examiner_type else "not yet known"
        parts: list[tuple[str, datetime | None, str, tuple[str, ...], str]] = [
            (
                "transport",
                row.transport_arranged_at,
                f"Transport arranged for {who}",
                (f"To: {row.destination}", *_sheet(row.clean_sheet_used)),
                "CPP 14.7 G.5",
            ),
            ("departed", row.departed_at, f"{who} left for {row.destination}", (), "CPP 14.7 G.5"),
            (
                "examiner",
                row.examiner_requested_at,
                f"SAFE or SANE requested for {who}",
                (f"Examiner: {examiner}", f"Efforts: {row.examiner_efforts}"),
                "CPP 14.7 G.5.b",
            ),
            (
                "consent",
                row.consent_recorded_at,
                f"Consent recorded for {who}",
                (
                    f"Forensic medical examination: {words(row.forensic_exam_consent.value)}",
                    f"Medical care: {words(row.medical_care_consent.value)}",
                    *((row.notes,) if row.notes else ()),
                ),
                "CPP 14.7 G.5.c",
            ),
        ]
        for part, moment, title, details, citation in parts:
            if moment is None:
                continue
            entries.append(
                TimelineEntry(
                    key=f"{base}:{part}",
                    kind=TimelineKind.MEDICAL,
                    occurred_at=moment,
                    recorded_at=row.updated_at,
                    recorded_by=by,
                    title=title,
                    details=details,
                    citation=citation,
                )
            )
    return entries


def _sheet(used: bool | None) -> tuple[str, ...]:
    if used is None:
        return ()
    return (f"Undressed over a clean sheet: {'yes' if used else 'no'}",)


def _dry_cells(src: Sources) -> list[TimelineEntry]:
    entries = []
    for row in src.dry_cells:
        who = src.person(row.case_person_id)
        done = {
            "Strip-searched": row.strip_searched,
            "Paper gown issued": row.paper_gown_issued,
            "All possessions taken": row.possessions_taken,
        }
        entries.append(
            TimelineEntry(
                key=ref("dry_cell_placement", row.id),
                kind=TimelineKind.DRY_CELL,
                occurred_at=row.placed_at,
                recorded_at=row.placed_at,
                recorded_by=src.user(row.placed_by_id),
                title=f"{who} placed in dry cell {row.cell}",
                details=tuple(
                    f"{label}: {'yes' if flag else 'no'}" for label, flag in done.items()
                ),
                citation="CPP 14.7 G.7",
            )
        )
        if row.released_at is not None:
            entries.append(
                TimelineEntry(
                    key=f"{ref('dry_cell_placement', row.id)}:release",
                    kind=TimelineKind.DRY_CELL,
                    occurred_at=row.released_at,
                    recorded_at=row.released_at,
                    recorded_by=src.user(row.released_by_id),
                    title=f"{who} released from dry cell {row.cell}",
                    details=(f"Why: {row.release_reason}",) if row.release_reason else (),
                    citation="CPP 14.7 G.7",
                )
            )
    return entries
