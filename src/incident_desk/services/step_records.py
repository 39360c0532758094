"""What a completed checklist step writes besides its own entry: the structured record the
clocks, the panels and the later forms read (CPP 14.7 G).

Completing a step (``workflow.record_step``) writes, in the same transaction and from the
step's own field values:

- separation (3): a separation record;
- crime_scene (4): the scene record, which the entry log hangs on;
- warden_notification, investigator_notification, state_police_referral, victim_advocate,
  other_facility_notice (5a-5e): notifications (``step_record_notices``); the other facility's
  starts nothing but meets the 72-hour clock;
- medical_transport, clean_sheet, forensic_examiner, consent (9a-9d): the alleged victim's
  medical record; dry_cell (10): the placement and its 16-hour clock (``step_record_care``).

Each goes through the same checks as the service that records it from its own panel (those
checks and rows are one function each, shared by both). A refusal is shown under the step field
it came from, and then nothing at all is written: neither the step entry nor the record.

Each row a step writes names the step entry that wrote it (``step_record_id``; a row a
correction changes names the correction). A correction finds the row to correct by that name,
among the rows naming the entry it corrects or any earlier entry of that chain; only rows
stored before rows named their entry are found by their user and time instead.

Correcting a step (``workflow.correct_step``) carries the correction to the record in the same
transaction, as far as that record can be corrected: a notification gets a correction entry
pointing at it; the medical record, the separation and the dry cell placement are updated (the
audit trail keeps the earlier version); a release is added when a release time is given. What
cannot change is refused with a message saying what to do instead: the scene's place and
whether it was secured (its entry log hangs on it), a stage of the advocate offer, a release
already recorded.

Reopening a step (``workflow.reopen_step``) leaves its record as it is: the record is history
of what was done, and the step's entry history shows the reopening and why. Completing the step
again writes only what is not there yet (an offender already in a dry cell is not placed
again; advocate stages already recorded are not repeated).
"""

from __future__ import annotations

from collections.abc import Mapping

from incident_desk.domain.enums import SeparationMethod
from incident_desk.services.errors import rejected
from incident_desk.services.scene import add_documentation_marks, add_scene
from incident_desk.services.separation import add_separation, revise_separation
from incident_desk.services.step_record_care import CARE_PROJECTIONS
from incident_desk.services.step_record_fields import (
    Projection,
    Stamp,
    StepWrite,
    answer,
    chosen,
    entry_chain,
    moment,
    required_moment,
    under_step_fields,
)
from incident_desk.services.step_record_notices import NOTICE_PROJECTIONS
from incident_desk.services.workspace import Workspace
from incident_desk.storage.rows import CaseRow, SceneRow, SeparationRow, StepRecordRow
from incident_desk.storage.unit_of_work import UnitOfWork

MSG_SCENE_NOT_CHANGED = (
    "The crime scene is already recorded as {what}, and its entry log hangs on that record, so "
    "where it is, whether it was secured and when cannot be corrected from here. Add a case "
    "note saying what was wrong."
)

SEPARATIONS: dict[str, SeparationMethod] = {
    "segregate_victim": SeparationMethod.SEGREGATE_VICTIM,
    "segregate_perpetrator": SeparationMethod.SEGREGATE_PERPETRATOR,
    "segregate_both": SeparationMethod.SEGREGATE_BOTH,
    "other_effective_means": SeparationMethod.OTHER_EFFECTIVE_MEANS,
}
_SEPARATION_FIELDS = {
    "method": "method",
    "description": "description",
    "separated_at": "separated_at",
}
_SCENE_FIELDS = {
    "location": "scene_location",
    "secured_at": "secured_at",
    "cannot_secure_reason": "why_not_secured",
}


def project_completion(
    workspace: Workspace,
    work: UnitOfWork,
    case: CaseRow,
    record: StepRecordRow,
    values: Mapping[str, str],
) -> None:
    """Write the structured record of a step just completed (``record``), if it has one."""
    projection = PROJECTIONS.get(record.step_key)
    if projection is not None:
        projection.complete(_write(workspace, work, case, record), values)


def project_correction(
    workspace: Workspace,
    work: UnitOfWork,
    case: CaseRow,
    record: StepRecordRow,
    before: Mapping[str, str],
    after: Mapping[str, str],
) -> None:
    """Carry a correction (``record``, just added) of a step to its structured record."""
    projection = PROJECTIONS.get(record.step_key)
    if projection is None or record.corrects_id is None:
        return
    original = work.steps.get(record.corrects_id)
    if original is None:
        return
    write = _write(workspace, work, case, record)
    projection.correct(write, before, after, record.correction_reason)


def _write(
    workspace: Workspace,
    work: UnitOfWork,
    case: CaseRow,
    record: StepRecordRow,
) -> StepWrite:
    # The entry was flushed before its record is written, so it has its id to be named by.
    assert record.id is not None
    return StepWrite(
        workspace=workspace,
        work=work,
        case=case,
        step=workspace.protocol.step(record.step_key),
        late_entry_reason=record.late_entry_reason,
        record_id=record.id,
        entries=entry_chain(work, record),
    )


# -- separation (G.3.a) -----------------------------------------------------------------------


def _separation_complete(write: StepWrite, values: Mapping[str, str]) -> None:
    method = chosen(write.step, values, "method", SEPARATIONS)
    with under_step_fields(_SEPARATION_FIELDS):
        add_separation(
            write.workspace,
            write.work,
            write.case,
            method,
            values.get("description", ""),
            required_moment(values, "separated_at"),
            write.late_entry_reason,
            step_record_id=write.record_id,
        )


def _separation_correct(
    write: StepWrite, before: Mapping[str, str], after: Mapping[str, str], reason: str
) -> None:
    rows = write.written(write.work.records.of_case(SeparationRow, write.case.id), _stamp)
    if not rows:
        _separation_complete(write, after)
        return
    method = chosen(write.step, after, "method", SEPARATIONS)
    rows[-1].step_record_id = write.record_id  # the entry that says what it holds now
    with under_step_fields(_SEPARATION_FIELDS):
        revise_separation(
            write.workspace,
            write.work,
            write.case,
            rows[-1],
            method,
            after.get("description", ""),
            required_moment(after, "separated_at"),
            write.late_entry_reason,
        )


# -- crime scene (G.3.b) ----------------------------------------------------------------------


def _scene_complete(write: StepWrite, values: Mapping[str, str]) -> None:
    secured = answer(values, "scene_secured")
    documented = answer(values, "photographed_or_videotaped")
    with under_step_fields(_SCENE_FIELDS):
        add_scene(
            write.workspace,
            write.work,
            write.case,
            values.get("scene_location", ""),
            secured,
            moment(values, "secured_at") if secured else None,
            "" if secured else values.get("why_not_secured", ""),
            # The checklist asks one question for photos or video; the scene counts either.
            photographed=documented,
            evidence_collected=answer(values, "evidence_collected"),
            step_record_id=write.record_id,
        )


def _scene_correct(
    write: StepWrite, before: Mapping[str, str], after: Mapping[str, str], reason: str
) -> None:
    scenes = write.written(write.work.scenes.scenes(write.case.id), _stamp)
    if not scenes:
        _scene_complete(write, after)
        return
    scene = scenes[-1]
    for key in ("scene_location", "scene_secured", "secured_at", "why_not_secured"):
        if before.get(key, "").strip() != after.get(key, "").strip():
            raise rejected(key, MSG_SCENE_NOT_CHANGED.format(what=_scene_words(scene)))
    add_documentation_marks(
        scene,
        photographed=answer(after, "photographed_or_videotaped"),
        videotaped=False,
        evidence_collected=answer(after, "evidence_collected"),
    )
    scene.step_record_id = write.record_id
    write.work.flush()


def _stamp(row: SeparationRow | SceneRow) -> Stamp:
    return row.step_record_id, row.recorded_at, row.recorded_by_id


def _scene_words(scene: SceneRow) -> str:
    state = "secured" if scene.secured else "not secured"
    return f'"{scene.location}", {state}'


PROJECTIONS: dict[str, Projection] = {
    "separation": Projection(_separation_complete, _separation_correct),
    "crime_scene": Projection(_scene_complete, _scene_correct),
    **NOTICE_PROJECTIONS,
    **CARE_PROJECTIONS,
}
