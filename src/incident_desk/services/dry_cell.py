"""The dry cell for an alleged offender perpetrator (CPP 14.7 G.7).

"The alleged offender perpetrator shall be placed in a dry cell to preserve forensic evidence.
The offender shall be strip-searched and issued a paper gown. All possessions shall be taken.
An offender placed in a dry cell, per this policy, shall not remain in this status longer than
sixteen hours."

Only an alleged perpetrator who is an offender is placed; a person has at most one open
placement; each placement runs its own 16-hour clock (domain/deadlines.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from incident_desk.domain.clock import ensure_utc
from incident_desk.domain.deadlines import Deadline, DeadlineKind, compute_deadlines
from incident_desk.domain.enums import PersonKind, PersonRole
from incident_desk.domain.validation import (
    ValidationMessage,
    check_not_future,
    check_required,
    format_moment,
)
from incident_desk.services.case_views import load_visible_case
from incident_desk.services.errors import NotFound, rejected
from incident_desk.services.first_response import (
    begin_first_response,
    check_record_time,
    display_names,
    kind_words,
    load_case_for_recording,
    named_in_step,
    note_time_before_report,
    person_in_case,
    raise_if,
    require_step_role,
    role_words,
)
from incident_desk.services.workspace import Workspace
from incident_desk.storage.repositories.first_response_repository import (
    FirstResponseRepository,
)
from incident_desk.storage.rows import CasePersonRow, CaseRow, DryCellPlacementRow
from incident_desk.storage.unit_of_work import UnitOfWork

DRY_CELL_STEP = "dry_cell"

G7_TEXT = (
    'CPP 14.7 G.7: "The alleged offender perpetrator shall be placed in a dry cell to '
    'preserve forensic evidence."'
)
MSG_NOT_OFFENDER_PERPETRATOR = (
    "{name} cannot be placed in a dry cell: {name} is recorded as {what}. " + G7_TEXT + " "
    "Only an alleged perpetrator who is an offender goes to a dry cell."
)
MSG_ALREADY_IN_DRY_CELL = (
    "{name} is already in dry cell {cell}, placed at {placed}. Record the release from that "
    "placement first."
)
MSG_NO_SUCH_PLACEMENT = "There is no such dry cell placement. Close the case and open it again."
MSG_ALREADY_RELEASED = "{name} was already released from dry cell {cell} at {released}."
MSG_RELEASE_BEFORE_PLACEMENT = (
    "The release time, {released}, is before the placement at {placed}. "
    "Check both times and correct the wrong one."
)


@dataclass(frozen=True)
class DryCellSnapshot:
    id: int
    case_id: int
    case_person_id: int
    person_name: str
    cell: str
    placed_at: datetime
    placed_by: str
    strip_searched: bool
    paper_gown_issued: bool
    possessions_taken: bool
    released_at: datetime | None
    released_by: str
    release_reason: str
    #: The 16-hour clock of this placement as it stands now.
    deadline: Deadline | None


def place_in_dry_cell(
    workspace: Workspace,
    case_number: str,
    case_person_id: int,
    cell: str,
    placed_at: datetime,
    strip_searched: bool,
    paper_gown_issued: bool,
    possessions_taken: bool,
    late_entry_reason: str = "",
) -> DryCellSnapshot:
    """Place an alleged offender perpetrator in a dry cell (G.7); the 16-hour clock starts."""
    require_step_role(workspace, DRY_CELL_STEP)
    with workspace.write("place_in_dry_cell") as work:
        case = load_case_for_recording(workspace, work, case_number)
        person = person_in_case(work, case, case_person_id)
        row = add_placement(
            workspace,
            work,
            case,
            person,
            cell,
            placed_at,
            strip_searched=strip_searched,
            paper_gown_issued=paper_gown_issued,
            possessions_taken=possessions_taken,
            late_entry_reason=late_entry_reason,
        )
        return _snapshots(workspace, work, case, [row])[0]


def add_placement(
    workspace: Workspace,
    work: UnitOfWork,
    case: CaseRow,
    person: CasePersonRow,
    cell: str,
    placed_at: datetime,
    *,
    strip_searched: bool,
    paper_gown_issued: bool,
    possessions_taken: bool,
    late_entry_reason: str = "",
    step_record_id: int | None = None,
) -> DryCellPlacementRow:
    """The checks and the row of a placement, inside an open unit of work (the dry cell panel and
    the checklist's dry cell step both place through here)."""
    now = workspace.clock.now()
    placed_at = ensure_utc(placed_at)
    if person.role is not PersonRole.ALLEGED_PERPETRATOR or person.kind is not (
        PersonKind.OFFENDER
    ):
        what = (
            kind_words(person.kind)
            if person.role is PersonRole.ALLEGED_PERPETRATOR
            else role_words(person.role)
        )
        text = MSG_NOT_OFFENDER_PERPETRATOR.format(name=person.name, what=what)
        raise rejected("case_person_id", text)
    placed = work.repository(FirstResponseRepository).open_dry_cell(person.id)
    if placed is not None:
        text = MSG_ALREADY_IN_DRY_CELL.format(
            name=person.name, cell=placed.cell, placed=format_moment(placed.placed_at)
        )
        raise rejected("case_person_id", text)
    raise_if(
        check_required("cell", cell, "Cell")
        + check_record_time(
            "placed_at",
            "Placed in dry cell at",
            placed_at,
            now,
            case.received_at,
            late_entry_reason,
        )
    )
    row = DryCellPlacementRow(
        case_id=case.id,
        case_person_id=person.id,
        cell=cell.strip(),
        placed_at=placed_at,
        placed_by_id=workspace.actor.id,
        strip_searched=strip_searched,
        paper_gown_issued=paper_gown_issued,
        possessions_taken=possessions_taken,
        release_reason="",
        step_record_id=step_record_id,
    )
    work.add(row)
    what = f"The dry cell placement of {person.name}"
    note_time_before_report(workspace, work, case, what, placed_at, late_entry_reason)
    begin_first_response(case, now)
    work.flush()
    return row


def revise_placement(
    workspace: Workspace,
    work: UnitOfWork,
    case: CaseRow,
    row: DryCellPlacementRow,
    cell: str,
    placed_at: datetime,
    *,
    strip_searched: bool,
    paper_gown_issued: bool,
    possessions_taken: bool,
    late_entry_reason: str = "",
) -> None:
    """Correct what a placement says, with the same checks (the audit trail keeps the earlier
    version); a corrected placement time moves the 16-hour clock. Used when the checklist's dry
    cell entry is corrected."""
    now = workspace.clock.now()
    placed_at = ensure_utc(placed_at)
    messages = check_required("cell", cell, "Cell") + check_record_time(
        "placed_at", "Placed in dry cell at", placed_at, now, case.received_at, late_entry_reason
    )
    if row.released_at is not None and row.released_at < placed_at:
        text = MSG_RELEASE_BEFORE_PLACEMENT.format(
            released=format_moment(row.released_at), placed=format_moment(placed_at)
        )
        messages.append(ValidationMessage("placed_at", text))
    raise_if(messages)
    if placed_at != row.placed_at:
        person = person_in_case(work, case, row.case_person_id)
        what = f"The corrected dry cell placement of {person.name}"
        note_time_before_report(workspace, work, case, what, placed_at, late_entry_reason)
    row.cell = cell.strip()
    row.placed_at = placed_at
    row.strip_searched = strip_searched
    row.paper_gown_issued = paper_gown_issued
    row.possessions_taken = possessions_taken
    work.flush()


def release_from_dry_cell(
    workspace: Workspace, placement_id: int, released_at: datetime, reason: str
) -> DryCellSnapshot:
    """End a placement: when, by whom and why; the 16-hour clock stops."""
    require_step_role(workspace, DRY_CELL_STEP)
    with workspace.write("release_from_dry_cell") as work:
        row = work.get(DryCellPlacementRow, placement_id)
        case = None if row is None else work.cases.get(row.case_id)
        if not isinstance(row, DryCellPlacementRow) or case is None:
            raise NotFound(MSG_NO_SUCH_PLACEMENT)
        case = load_case_for_recording(workspace, work, case.case_number)
        end_placement(workspace, work, case, row, released_at, reason)
        return _snapshots(workspace, work, case, [row])[0]


def end_placement(
    workspace: Workspace,
    work: UnitOfWork,
    case: CaseRow,
    row: DryCellPlacementRow,
    released_at: datetime,
    reason: str,
) -> None:
    """The checks and the change of a release, inside an open unit of work."""
    now = workspace.clock.now()
    released_at = ensure_utc(released_at)
    person = person_in_case(work, case, row.case_person_id)
    if row.released_at is not None:
        text = MSG_ALREADY_RELEASED.format(
            name=person.name, cell=row.cell, released=format_moment(row.released_at)
        )
        raise rejected("placement", text)
    messages = check_not_future("released_at", released_at, now)
    if released_at < row.placed_at:
        text = MSG_RELEASE_BEFORE_PLACEMENT.format(
            released=format_moment(released_at), placed=format_moment(row.placed_at)
        )
        messages.append(ValidationMessage("released_at", text))
    raise_if(messages + check_required("reason", reason, "Reason for the release"))
    row.released_at = released_at
    row.released_by_id = workspace.actor.id
    row.release_reason = reason.strip()
    work.flush()


def dry_cell_placements(workspace: Workspace, case_number: str) -> tuple[DryCellSnapshot, ...]:
    """Every placement of the case, oldest first, each with its 16-hour clock."""
    with workspace.read() as work:
        case = load_visible_case(workspace, work, case_number)
        rows = list(work.records.of_case(DryCellPlacementRow, case.id))
        return tuple(_snapshots(workspace, work, case, rows))


def _snapshots(
    workspace: Workspace, work: UnitOfWork, case: CaseRow, rows: list[DryCellPlacementRow]
) -> list[DryCellSnapshot]:
    immediate = [step.key for step in workspace.protocol.steps if step.immediate]
    facts = work.clock_facts.facts_for([case], immediate)[case.id]
    deadlines = {
        deadline.subject: deadline
        for deadline in compute_deadlines(facts, workspace.clock.now(), workspace.deadline_settings)
        if deadline.kind is DeadlineKind.DRY_CELL
    }
    people = {person.id: person.name for person in work.cases.people(case.id)}
    names = display_names(
        work, [row.placed_by_id for row in rows] + [row.released_by_id for row in rows]
    )
    return [
        DryCellSnapshot(
            id=row.id,
            case_id=row.case_id,
            case_person_id=row.case_person_id,
            person_name=people.get(row.case_person_id, ""),
            cell=row.cell,
            placed_at=row.placed_at,
            placed_by=named_in_step(work, row.step_record_id, "placed_by")
            or names.get(row.placed_by_id, ""),
            strip_searched=row.strip_searched,
            paper_gown_issued=row.paper_gown_issued,
            possessions_taken=row.possessions_taken,
            released_at=row.released_at,
            released_by=names.get(row.released_by_id, "") if row.released_by_id else "",
            release_reason=row.release_reason,
            deadline=deadlines.get(str(row.id)),
        )
        for row in rows
    ]
