"""The records completed care steps write: the dry cell placement (CPP 14.7 G.7, step 10) and
the alleged victim's medical record (G.5, steps 9a-9d).

Dry cell: the step places the case's alleged perpetrator who is an offender, which starts the
16-hour clock. Most cases have one, and the step's one "Cell" field is theirs. An offender
perpetrator already placed (through the dry cell panel) is not placed again. When more than one
is still to be placed, the step cannot say which cell is whose: it is refused, asking to place
each through the dry cell panel first; the step then completes without placing anyone. A
release time entered with the step (or added by correcting it) records the release, which
needs "Why released".

Medical: steps 9a-9d are about the alleged victim, whose one medical record each of them fills
in part: transport and destination, the clean sheet, the SAFE/SANE request, the two consents.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from incident_desk.domain.enums import Consent, ExaminerType, PersonRole
from incident_desk.domain.validation import format_moment
from incident_desk.services.dry_cell import add_placement, end_placement, revise_placement
from incident_desk.services.errors import rejected
from incident_desk.services.medical import save_medical
from incident_desk.services.step_record_fields import (
    STEP_FIELD,
    Projection,
    StepWrite,
    answer,
    chosen,
    moment,
    offender_perpetrators,
    people_of,
    required_moment,
    under_step_fields,
)
from incident_desk.storage.rows import CasePersonRow, DryCellPlacementRow

MSG_SEVERAL_TO_PLACE = (
    "This case names {count} alleged perpetrators who are offenders and are not in a dry cell "
    "yet: {names}. Each goes to their own dry cell with their own 16-hour clock (CPP 14.7 "
    "G.7). Place each one with the dry cell panel below, then mark this step done."
)
MSG_RELEASE_REASON_MISSING = (
    "Say why the alleged perpetrator was released from the dry cell: it is kept with the "
    "release (CPP 14.7 G.7)."
)
MSG_RELEASE_ALREADY_RECORDED = (
    "The release from dry cell {cell} was already recorded at {released}, and a release is not "
    "changed afterwards. Add a case note saying what was wrong."
)
MSG_NO_VICTIM = (
    "This case names no alleged victim, so there is no one to record this medical care for. "
    "Correct the intake first."
)

_PLACEMENT_FIELDS = {
    "case_person_id": STEP_FIELD,
    "cell": "cell",
    "placed_at": "placed_at",
}
_RELEASE_FIELDS = {
    "released_at": "released_at",
    "reason": "release_reason",
    "placement": "released_at",
}


# -- dry cell (G.7) ---------------------------------------------------------------------------


def _check_release_reason(values: Mapping[str, str]) -> None:
    if moment(values, "released_at") is not None and not values.get("release_reason", "").strip():
        raise rejected("release_reason", MSG_RELEASE_REASON_MISSING)


def _dry_cell_complete(write: StepWrite, values: Mapping[str, str]) -> None:
    _check_release_reason(values)
    placed = {row.case_person_id for row in _placements(write)}
    unplaced = [p for p in offender_perpetrators(write.work, write.case) if p.id not in placed]
    if not unplaced:
        return  # every offender perpetrator was placed through the dry cell panel
    if len(unplaced) > 1:
        names = ", ".join(person.name for person in unplaced)
        raise rejected(STEP_FIELD, MSG_SEVERAL_TO_PLACE.format(count=len(unplaced), names=names))
    _place(write, unplaced[0], values)


def _place(write: StepWrite, person: CasePersonRow, values: Mapping[str, str]) -> None:
    with under_step_fields(_PLACEMENT_FIELDS):
        row = add_placement(
            write.workspace,
            write.work,
            write.case,
            person,
            values.get("cell", ""),
            required_moment(values, "placed_at"),
            strip_searched=answer(values, "strip_searched"),
            paper_gown_issued=answer(values, "paper_gown"),
            possessions_taken=answer(values, "possessions_taken"),
            late_entry_reason=write.late_entry_reason,
            step_record_id=write.record_id,
        )
    _release(write, row, values)


def _release(write: StepWrite, row: DryCellPlacementRow, values: Mapping[str, str]) -> None:
    released_at = moment(values, "released_at")
    if released_at is None:
        return
    with under_step_fields(_RELEASE_FIELDS):
        end_placement(
            write.workspace,
            write.work,
            write.case,
            row,
            released_at,
            values.get("release_reason", ""),
        )


def _dry_cell_correct(
    write: StepWrite, before: Mapping[str, str], after: Mapping[str, str], reason: str
) -> None:
    _check_release_reason(after)
    row = _placement_of(write, before)
    if row is None:
        _dry_cell_complete(write, after)
        return
    row.step_record_id = write.record_id  # the entry that says what it holds now
    with under_step_fields(_PLACEMENT_FIELDS):
        revise_placement(
            write.workspace,
            write.work,
            write.case,
            row,
            after.get("cell", ""),
            required_moment(after, "placed_at"),
            strip_searched=answer(after, "strip_searched"),
            paper_gown_issued=answer(after, "paper_gown"),
            possessions_taken=answer(after, "possessions_taken"),
            late_entry_reason=write.late_entry_reason,
        )
    if row.released_at is None:
        _release(write, row, after)
        return
    asked = _release_of(after)
    if asked != _release_of(before) and asked != (row.released_at, row.release_reason):
        text = MSG_RELEASE_ALREADY_RECORDED.format(
            cell=row.cell, released=format_moment(row.released_at)
        )
        raise rejected("released_at", text)


def _release_of(values: Mapping[str, str]) -> tuple[datetime | None, str]:
    return moment(values, "released_at"), values.get("release_reason", "").strip()


def _placements(write: StepWrite) -> list[DryCellPlacementRow]:
    return list(write.work.records.of_case(DryCellPlacementRow, write.case.id))


def _placement_of(write: StepWrite, values: Mapping[str, str]) -> DryCellPlacementRow | None:
    """The placement the step's entries made: the one naming one of them, or, for a placement
    stored before placements named their entry, one at the entry's time by the entry's author."""
    placed_at = moment(values, "placed_at")
    rows = _placements(write)
    named = [row for row in rows if write.names(row.step_record_id)]
    if named:
        return named[-1]
    for row in rows:
        if (
            row.step_record_id is None
            and row.placed_at == placed_at
            and write.made_by(row.placed_by_id)
        ):
            return row
    return None


# -- medical (G.5) ----------------------------------------------------------------------------

EXAMINERS: dict[str, ExaminerType] = {
    "safe": ExaminerType.SAFE,
    "sane": ExaminerType.SANE,
    "other_qualified": ExaminerType.OTHER_QUALIFIED,
    "none_available": ExaminerType.NONE_AVAILABLE,
}
CONSENTS: dict[str, Consent] = {
    "consented": Consent.CONSENTED,
    "refused": Consent.REFUSED,
    "not_asked": Consent.NOT_ASKED,
}


def _transport(write: StepWrite, values: Mapping[str, str]) -> dict[str, Any]:
    return {
        "transport_arranged_at": required_moment(values, "arranged_at"),
        "departed_at": moment(values, "departed_at"),
        "destination": values.get("destination", "").strip(),
    }


def _clean_sheet(write: StepWrite, values: Mapping[str, str]) -> dict[str, Any]:
    return {"clean_sheet_used": True}


def _examiner(write: StepWrite, values: Mapping[str, str]) -> dict[str, Any]:
    return {
        "examiner_requested_at": required_moment(values, "requested_at"),
        "examiner_type": chosen(write.step, values, "examiner_type", EXAMINERS),
        "examiner_efforts": values.get("efforts", "").strip(),
    }


def _consent(write: StepWrite, values: Mapping[str, str]) -> dict[str, Any]:
    notes = values.get("notes", "").strip()
    return {
        "forensic_exam_consent": chosen(write.step, values, "forensic_exam", CONSENTS),
        "medical_care_consent": chosen(write.step, values, "medical_care", CONSENTS),
        "notes": notes or None,
    }


_MEDICAL_FIELDS = {
    "transport_arranged_at": "arranged_at",
    "departed_at": "departed_at",
    "destination": "destination",
    "examiner_requested_at": "requested_at",
    "examiner_type": "examiner_type",
    "examiner_efforts": "efforts",
}


def _medical(parts: Callable[[StepWrite, Mapping[str, str]], dict[str, Any]]) -> Projection:
    def complete(write: StepWrite, values: Mapping[str, str]) -> None:
        victims = people_of(write.work, write.case, PersonRole.ALLEGED_VICTIM)
        if not victims:
            raise rejected(STEP_FIELD, MSG_NO_VICTIM)
        given = {key: value for key, value in parts(write, values).items() if value is not None}
        with under_step_fields(_MEDICAL_FIELDS):
            save_medical(
                write.workspace,
                write.work,
                write.case,
                victims[0],
                given,
                write.late_entry_reason,
                step_record_id=write.record_id,
            )

    def correct(
        write: StepWrite, before: Mapping[str, str], after: Mapping[str, str], reason: str
    ) -> None:
        # One record per person, updated as care goes on: the corrected parts replace the
        # recorded ones (a part emptied by the correction stays as recorded).
        complete(write, after)

    return Projection(complete, correct)


CARE_PROJECTIONS: dict[str, Projection] = {
    "dry_cell": Projection(_dry_cell_complete, _dry_cell_correct),
    "medical_transport": _medical(_transport),
    "clean_sheet": _medical(_clean_sheet),
    "forensic_examiner": _medical(_examiner),
    "consent": _medical(_consent),
}
