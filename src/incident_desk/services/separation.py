"""Separating the alleged victim and the alleged perpetrator (CPP 14.7 G.3.a).

"The separation of the alleged victim and perpetrator either through the placement of one or
both offenders in segregation or some other effective means." Each separation is recorded with
how it was done and where each one is now; a later move is a new separation record.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from incident_desk.domain.clock import ensure_utc
from incident_desk.domain.enums import SeparationMethod
from incident_desk.domain.validation import ValidationMessage, check_required
from incident_desk.services.first_response import (
    begin_first_response,
    check_record_time,
    load_case_for_recording,
    note_time_before_report,
    raise_if,
    require_step_role,
)
from incident_desk.services.workspace import Workspace
from incident_desk.storage.rows import CaseRow, SeparationRow
from incident_desk.storage.unit_of_work import UnitOfWork

SEPARATION_STEP = "separation"

MSG_OTHER_MEANS_UNDESCRIBED = (
    'Say exactly what keeps them apart. CPP 14.7 G.3.a allows "some other effective means" '
    "than segregation, and the record must show what it was."
)


@dataclass(frozen=True)
class SeparationSnapshot:
    id: int
    case_id: int
    method: SeparationMethod
    description: str
    separated_at: datetime
    recorded_by: str
    recorded_at: datetime


def record_separation(
    workspace: Workspace,
    case_number: str,
    method: SeparationMethod,
    description: str,
    separated_at: datetime,
    late_entry_reason: str = "",
) -> SeparationSnapshot:
    """Record how and when the alleged victim and perpetrator were kept apart.

    A time before the report was received needs ``late_entry_reason`` (kept as a case note).
    """
    require_step_role(workspace, SEPARATION_STEP)
    with workspace.write("record_separation") as work:
        case = load_case_for_recording(workspace, work, case_number)
        row = add_separation(
            workspace, work, case, method, description, separated_at, late_entry_reason
        )
        return separation_snapshot(row, workspace.actor.display_name)


def add_separation(
    workspace: Workspace,
    work: UnitOfWork,
    case: CaseRow,
    method: SeparationMethod,
    description: str,
    separated_at: datetime,
    late_entry_reason: str = "",
    step_record_id: int | None = None,
) -> SeparationRow:
    """The checks and the row of a separation, inside an open unit of work (the checklist's
    separation step records through here too)."""
    now = workspace.clock.now()
    separated_at = ensure_utc(separated_at)
    raise_if(_checks(method, description, separated_at, now, case, late_entry_reason))
    row = SeparationRow(
        case_id=case.id,
        method=method,
        description=description.strip(),
        separated_at=separated_at,
        recorded_by_id=workspace.actor.id,
        recorded_at=now,
        step_record_id=step_record_id,
    )
    work.add(row)
    note_time_before_report(
        workspace, work, case, "The separation", separated_at, late_entry_reason
    )
    begin_first_response(case, now)
    work.flush()
    return row


def revise_separation(
    workspace: Workspace,
    work: UnitOfWork,
    case: CaseRow,
    row: SeparationRow,
    method: SeparationMethod,
    description: str,
    separated_at: datetime,
    late_entry_reason: str = "",
) -> None:
    """Correct what a separation record says, with the same checks (the audit trail keeps the
    earlier version). Used when its checklist entry is corrected."""
    now = workspace.clock.now()
    separated_at = ensure_utc(separated_at)
    raise_if(_checks(method, description, separated_at, now, case, late_entry_reason))
    if separated_at != row.separated_at:
        note_time_before_report(
            workspace, work, case, "The corrected separation", separated_at, late_entry_reason
        )
    row.method = method
    row.description = description.strip()
    row.separated_at = separated_at
    work.flush()


def _checks(
    method: SeparationMethod,
    description: str,
    separated_at: datetime,
    now: datetime,
    case: CaseRow,
    late_entry_reason: str,
) -> list[ValidationMessage]:
    return _check_description(method, description) + check_record_time(
        "separated_at", "Separated at", separated_at, now, case.received_at, late_entry_reason
    )


def _check_description(method: SeparationMethod, description: str) -> list[ValidationMessage]:
    if method is SeparationMethod.OTHER_EFFECTIVE_MEANS and not description.strip():
        return [ValidationMessage("description", MSG_OTHER_MEANS_UNDESCRIBED)]
    return check_required("description", description, "Where each one is now")


def separation_snapshot(row: SeparationRow, recorded_by: str) -> SeparationSnapshot:
    return SeparationSnapshot(
        id=row.id,
        case_id=row.case_id,
        method=row.method,
        description=row.description,
        separated_at=row.separated_at,
        recorded_by=recorded_by,
        recorded_at=row.recorded_at,
    )
