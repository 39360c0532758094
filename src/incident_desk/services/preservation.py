"""Evidence preservation in the first 48 hours (CPP 14.7 G.4).

"If the incident occurred within the previous 48 hours the alleged victim and alleged
perpetrator shall not take any actions that could destroy physical evidence which includes:
washing, brushing teeth, changing clothes, urinating, defecating, smoking, drinking or eating."

Of the alleged victim it is *requested*, for the alleged perpetrator it is *ensured*. Each
instruction and each act that happened anyway is a log entry; the card of each person shows
them with the live deadline of the 48-hour window.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from incident_desk.domain.clock import ensure_utc
from incident_desk.domain.deadlines import Deadline, DeadlineKind, compute_deadlines
from incident_desk.domain.enums import PersonRole, PreservationAct
from incident_desk.domain.validation import ValidationMessage, check_not_future
from incident_desk.services.case_views import load_visible_case
from incident_desk.services.first_response import (
    begin_first_response,
    check_record_time,
    display_names,
    load_case_for_recording,
    note_time_before_report,
    protocol_facts,
    raise_if,
    require_step_applies,
    require_step_role,
    victim_or_perpetrator,
)
from incident_desk.services.snapshots import PersonSnapshot
from incident_desk.services.workspace import Workspace
from incident_desk.storage.rows import (
    CasePersonRow,
    CaseRow,
    PreservationInstructionRow,
    PreservationViolationRow,
)
from incident_desk.storage.unit_of_work import UnitOfWork

VICTIM_STEP = "preservation_victim"
PERPETRATOR_STEP = "preservation_perpetrator"
CITATION = "CPP 14.7 G.4"
#: The eight acts, in the policy's order.
PROHIBITED_ACTS: tuple[PreservationAct, ...] = tuple(PreservationAct)

MSG_HOW_ENSURED_MISSING = (
    "Say how it is ensured that the alleged perpetrator does not destroy evidence, for "
    "example dry cell, constant observation or water turned off (CPP 14.7 G.4)."
)


@dataclass(frozen=True)
class InstructionSnapshot:
    id: int
    instructed_at: datetime
    instructed_by: str
    how_ensured: str
    recorded_at: datetime


@dataclass(frozen=True)
class ViolationSnapshot:
    id: int
    act: PreservationAct
    occurred_at: datetime
    details: str
    recorded_by: str
    recorded_at: datetime


@dataclass(frozen=True)
class PreservationCard:
    """One alleged victim's or perpetrator's evidence preservation, as it stands."""

    person: PersonSnapshot
    #: "requested" of the alleged victim, "ensured" for the alleged perpetrator.
    verb: str
    prohibited_acts: tuple[PreservationAct, ...]
    instructions: tuple[InstructionSnapshot, ...]
    violations: tuple[ViolationSnapshot, ...]
    #: The 48-hour window's deadline as it stands now (counts down while open).
    window: Deadline
    #: Whether G.4 applies to the case at all (an incident known to be older does not).
    applies: bool
    citation: str = CITATION

    @property
    def instructed_at(self) -> datetime | None:
        return self.instructions[0].instructed_at if self.instructions else None


def record_preservation_instruction(
    workspace: Workspace,
    case_number: str,
    case_person_id: int,
    instructed_at: datetime,
    how_ensured: str = "",
    late_entry_reason: str = "",
) -> InstructionSnapshot:
    """Record when the person was asked (victim) or made (perpetrator) to preserve evidence."""
    now = workspace.clock.now()
    instructed_at = ensure_utc(instructed_at)
    with workspace.write("record_preservation_instruction") as work:
        case, person = _load(workspace, work, case_number, case_person_id)
        messages = check_record_time(
            "instructed_at",
            "Instructed at",
            instructed_at,
            now,
            case.received_at,
            late_entry_reason,
        )
        if person.role is PersonRole.ALLEGED_PERPETRATOR and not how_ensured.strip():
            messages.append(ValidationMessage("how_ensured", MSG_HOW_ENSURED_MISSING))
        raise_if(messages)
        row = PreservationInstructionRow(
            case_id=case.id,
            case_person_id=person.id,
            instructed_at=instructed_at,
            instructed_by_id=workspace.actor.id,
            how_ensured=how_ensured.strip(),
            recorded_at=now,
        )
        work.add(row)
        what = f"The evidence preservation instruction for {person.name}"
        note_time_before_report(workspace, work, case, what, instructed_at, late_entry_reason)
        begin_first_response(case, now)
        work.flush()
        return _instruction(row, {workspace.actor.id: workspace.actor.display_name})


def record_preservation_violation(
    workspace: Workspace,
    case_number: str,
    case_person_id: int,
    act: PreservationAct,
    occurred_at: datetime,
    details: str = "",
) -> ViolationSnapshot:
    """Record one of the eight acts that happened anyway, and when.

    It may have happened before the report was received (between incident and report): that
    is worth knowing, so only a time in the future is refused.
    """
    now = workspace.clock.now()
    occurred_at = ensure_utc(occurred_at)
    raise_if(check_not_future("occurred_at", occurred_at, now))
    with workspace.write("record_preservation_violation") as work:
        case, person = _load(workspace, work, case_number, case_person_id)
        row = PreservationViolationRow(
            case_id=case.id,
            case_person_id=person.id,
            act=act,
            occurred_at=occurred_at,
            details=details.strip(),
            recorded_by_id=workspace.actor.id,
            recorded_at=now,
        )
        work.add(row)
        begin_first_response(case, now)
        work.flush()
        return _violation(row, {workspace.actor.id: workspace.actor.display_name})


def preservation_cards(workspace: Workspace, case_number: str) -> tuple[PreservationCard, ...]:
    """A card per alleged victim and perpetrator: the acts, instructions, violations, window."""
    now = workspace.clock.now()
    immediate = [step.key for step in workspace.protocol.steps if step.immediate]
    with workspace.read() as work:
        case = load_visible_case(workspace, work, case_number)
        facts = protocol_facts(work, case)
        clock_facts = work.clock_facts.facts_for([case], immediate)[case.id]
        deadlines = compute_deadlines(clock_facts, now, workspace.deadline_settings)
        window = next(d for d in deadlines if d.kind is DeadlineKind.EVIDENCE_PRESERVATION)
        people = [p for p in work.cases.people(case.id) if p.role is not PersonRole.WITNESS]
        instructions = work.records.of_case(PreservationInstructionRow, case.id)
        violations = work.records.of_case(PreservationViolationRow, case.id)
        names = display_names(
            work,
            [row.instructed_by_id for row in instructions]
            + [row.recorded_by_id for row in violations],
        )
        # Snapshots are taken while the rows are still attached to the reading session.
        return tuple(
            PreservationCard(
                person=PersonSnapshot(p.id, p.name, p.role, p.kind, p.identifier),
                verb="ensured" if p.role is PersonRole.ALLEGED_PERPETRATOR else "requested",
                prohibited_acts=PROHIBITED_ACTS,
                instructions=tuple(
                    _instruction(row, names) for row in instructions if row.case_person_id == p.id
                ),
                violations=tuple(
                    _violation(row, names)
                    for row in sorted(violations, key=lambda row: (row.occurred_at, row.id))
                    if row.case_person_id == p.id
                ),
                window=window,
                applies=facts.within_preservation_window,
            )
            for p in sorted(people, key=lambda p: (p.role is PersonRole.ALLEGED_PERPETRATOR, p.id))
        )


def step_for(person: CasePersonRow) -> str:
    """The checklist step whose roles may record preservation for this person."""
    if person.role is PersonRole.ALLEGED_PERPETRATOR:
        return PERPETRATOR_STEP
    return VICTIM_STEP


def _load(
    workspace: Workspace, work: UnitOfWork, case_number: str, case_person_id: int
) -> tuple[CaseRow, CasePersonRow]:
    case = load_case_for_recording(workspace, work, case_number)
    person = victim_or_perpetrator(work, case, case_person_id)
    step = require_step_role(workspace, step_for(person))
    require_step_applies(workspace, work, case, step)
    return case, person


def _instruction(row: PreservationInstructionRow, names: dict[int, str]) -> InstructionSnapshot:
    return InstructionSnapshot(
        id=row.id,
        instructed_at=row.instructed_at,
        instructed_by=names.get(row.instructed_by_id, ""),
        how_ensured=row.how_ensured,
        recorded_at=row.recorded_at,
    )


def _violation(row: PreservationViolationRow, names: dict[int, str]) -> ViolationSnapshot:
    return ViolationSnapshot(
        id=row.id,
        act=row.act,
        occurred_at=row.occurred_at,
        details=row.details,
        recorded_by=names.get(row.recorded_by_id, ""),
        recorded_at=row.recorded_at,
    )
