"""The guided first-response checklist (SPEC "The first-response workflow", CPP 14.7 G).

The protocol (``forms/first_response.toml``) says which steps there are, who may complete each
and when each applies; this module keeps the record of them. Every field is saved as it is
typed (a crash loses nothing), a step is completed, marked not applicable with a reason,
corrected or reopened only by appending a new step record, never by changing one: the newest
record of a step is its state. Completing or correcting a step also writes its structured
record (a notification, the dry cell placement...) in the same transaction (``step_records``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from incident_desk.domain.clock import ensure_utc
from incident_desk.domain.enums import CaseStatus, StepState
from incident_desk.domain.protocol import FieldKind, ProtocolFacts, StepDefinition
from incident_desk.domain.validation import (
    ValidationMessage,
    check_correction_reason,
    check_not_applicable_reason,
    check_not_future,
    check_step_values,
    format_moment,
)
from incident_desk.services.case_notes import add_note, correct_note
from incident_desk.services.case_views import load_visible_case
from incident_desk.services.errors import NotFound, rejected
from incident_desk.services.first_response import (
    begin_first_response,
    check_late_entry,
    display_names,
    load_case_for_recording,
    new_step_record,
    protocol_facts,
    raise_if,
    require_step_applies,
    require_step_role,
    role_may,
    step_values,
    why_step_does_not_apply,
)
from incident_desk.services.snapshots import StepRecordSnapshot
from incident_desk.services.step_drafts import draft_values, save_step_field, step_draft
from incident_desk.services.step_records import project_completion, project_correction
from incident_desk.services.workspace import Workspace
from incident_desk.storage.repositories.first_response_repository import (
    FirstResponseRepository,
)
from incident_desk.storage.rows import CaseRow, StepRecordRow
from incident_desk.storage.unit_of_work import UnitOfWork

# The notes and drafts of the checklist live in their own modules; they are part of this API.
__all__ = [
    "ChecklistSnapshot",
    "ChecklistStep",
    "add_note",
    "checklist",
    "correct_note",
    "correct_step",
    "mark_not_applicable",
    "record_step",
    "reopen_step",
    "save_step_field",
    "step_draft",
]

INTAKE_STEP = "intake"

MSG_ALREADY_DONE = (
    'Step {number}, "{title}", was already recorded on {moment} by {name}. '
    "To change it, correct that entry and say why."
)
MSG_ALREADY_NOT_APPLICABLE = (
    'Step {number}, "{title}", is already marked not applicable: "{reason}". '
    "To record it after all, complete the step; the earlier entry stays in the record."
)
MSG_DONE_NOT_MARKABLE = (
    'Step {number}, "{title}", was recorded as done on {moment} by {name}. '
    "To say it does not apply after all, reopen it first and give the reason."
)
MSG_NO_SUCH_ENTRY = "There is no such checklist entry. Close the case and open it again."
MSG_CORRECT_ONLY_DONE = (
    "Only a completed step can be corrected. This entry is {state}: reopen the step or "
    "complete it instead."
)
MSG_ALREADY_REPLACED = (
    "This entry was already replaced by a later one, made on {moment} by {name}. "
    "Correct the latest entry instead."
)
MSG_NOTHING_TO_REOPEN = (
    'Step {number}, "{title}", is still to be done, so there is nothing to reopen.'
)
MSG_INTAKE_NOT_REOPENED = (
    "The intake cannot be reopened: the case stands on it. Correct the intake entry instead."
)

_STATE_WORDS = {StepState.PENDING: "reopened", StepState.NOT_APPLICABLE: "marked not applicable"}


@dataclass(frozen=True)
class ChecklistStep:
    """One step as it stands for the signed-in user."""

    definition: StepDefinition
    applies: bool
    #: Why the step is left out of this case ("" when it applies).
    why_not_applicable: str
    state: StepState
    record: StepRecordSnapshot | None
    may_complete: bool

    @property
    def key(self) -> str:
        return self.definition.key

    @property
    def title(self) -> str:
        return self.definition.title

    @property
    def citation(self) -> str:
        return self.definition.citation

    @property
    def policy_text(self) -> str:
        return self.definition.policy_text


@dataclass(frozen=True)
class ChecklistSnapshot:
    case_id: int
    case_number: str
    status: CaseStatus
    protocol_version: str
    facts: ProtocolFacts
    steps: tuple[ChecklistStep, ...]
    #: The first applicable step still pending that the signed-in role may complete.
    next_step: ChecklistStep | None

    def step(self, key: str) -> ChecklistStep:
        for step in self.steps:
            if step.key == key:
                return step
        raise KeyError(key)


def checklist(workspace: Workspace, case_number: str) -> ChecklistSnapshot:
    """Every step of the protocol for this case: whether it applies, its state, who may do it."""
    protocol = workspace.protocol
    role = workspace.actor.role
    with workspace.read() as work:
        case = load_visible_case(workspace, work, case_number)
        facts = protocol_facts(work, case)
        current = work.steps.current(case.id)
        names = display_names(work, [record.recorded_by_id for record in current.values()])
        # Snapshots are taken while the rows are still attached to the reading session.
        records = {key: _snapshot(record, names) for key, record in current.items()}
        identity = (case.id, case.case_number, case.status, case.protocol_version)
    steps: list[ChecklistStep] = []
    for definition in protocol.steps:
        record = records.get(definition.key)
        applies = protocol.applies(definition, facts)
        steps.append(
            ChecklistStep(
                definition=definition,
                applies=applies,
                why_not_applicable="" if applies else why_step_does_not_apply(definition),
                state=record.state if record is not None else StepState.PENDING,
                record=record,
                may_complete=role_may(workspace, definition.key, role),
            )
        )
    states = {key: record.state for key, record in records.items()}
    following = protocol.next_step(facts, states, role)
    case_id, number, status, version = identity
    return ChecklistSnapshot(
        case_id=case_id,
        case_number=number,
        status=status,
        protocol_version=version,
        facts=facts,
        steps=tuple(steps),
        next_step=None if following is None else next(s for s in steps if s.key == following.key),
    )


def record_step(
    workspace: Workspace,
    case_number: str,
    step_key: str,
    values: Mapping[str, str] | None = None,
    occurred_at: datetime | None = None,
    late_entry_reason: str = "",
) -> StepRecordSnapshot:
    """Complete a step with what it records; without ``values`` the saved draft is used."""
    step = require_step_role(workspace, step_key)
    now = workspace.clock.now()
    moment = now if occurred_at is None else ensure_utc(occurred_at)
    raise_if(_check_moment(moment, now, late_entry_reason))
    with workspace.write("record_step") as work:
        case = load_case_for_recording(workspace, work, case_number)
        require_step_applies(workspace, work, case, step)
        current = work.repository(FirstResponseRepository).latest_step_record(case.id, step.key)
        if current is not None and current.state is StepState.DONE:
            raise rejected("step", _about(MSG_ALREADY_DONE, step, current, work))
        entered = _cleaned(values) if values is not None else draft_values(work, case, step)
        raise_if(_check_values(step, entered, now))
        record = new_step_record(workspace, case, step, StepState.DONE, moment, now)
        record.values_json = json.dumps(entered, sort_keys=True)
        record.late_entry_reason = late_entry_reason.strip()
        snapshot = _add(workspace, work, case, record)
        project_completion(workspace, work, case, record, entered)
        return snapshot


def mark_not_applicable(
    workspace: Workspace, case_number: str, step_key: str, reason: str
) -> StepRecordSnapshot:
    """Say, with a reason, that a step does not apply to this case."""
    step = require_step_role(workspace, step_key)
    raise_if(check_not_applicable_reason(reason))
    now = workspace.clock.now()
    with workspace.write("mark_step_not_applicable") as work:
        case = load_case_for_recording(workspace, work, case_number)
        require_step_applies(workspace, work, case, step)
        current = work.repository(FirstResponseRepository).latest_step_record(case.id, step.key)
        if current is not None and current.state is StepState.DONE:
            raise rejected("step", _about(MSG_DONE_NOT_MARKABLE, step, current, work))
        if current is not None and current.state is StepState.NOT_APPLICABLE:
            text = MSG_ALREADY_NOT_APPLICABLE.format(
                number=step.number, title=step.title, reason=current.not_applicable_reason
            )
            raise rejected("step", text)
        record = new_step_record(workspace, case, step, StepState.NOT_APPLICABLE, now, now)
        record.not_applicable_reason = reason.strip()
        return _add(workspace, work, case, record)


def correct_step(
    workspace: Workspace,
    record_id: int,
    values: Mapping[str, str],
    reason: str,
    occurred_at: datetime | None = None,
    late_entry_reason: str = "",
) -> StepRecordSnapshot:
    """Append a correction of a completed step; the original entry is kept as it was.

    ``values`` holds the fields that change; the others keep the original's values.
    """
    raise_if(check_correction_reason(reason))
    now = workspace.clock.now()
    with workspace.write("correct_step") as work:
        original, case, step = _load_entry(workspace, work, record_id)
        if original.state is not StepState.DONE:
            state = _STATE_WORDS[original.state]
            raise rejected("record", MSG_CORRECT_ONLY_DONE.format(state=state))
        _refuse_if_replaced(work, original)
        moment = original.occurred_at if occurred_at is None else ensure_utc(occurred_at)
        late = late_entry_reason.strip() or original.late_entry_reason
        if occurred_at is not None:
            raise_if(_check_moment(moment, now, late))
        merged = step_values(original) | _cleaned(values)
        raise_if(_check_values(step, merged, now))
        record = new_step_record(workspace, case, step, StepState.DONE, moment, now)
        record.values_json = json.dumps(merged, sort_keys=True)
        record.late_entry_reason = late
        record.corrects_id = original.id
        record.correction_reason = reason.strip()
        snapshot = _add(workspace, work, case, record)
        project_correction(workspace, work, case, record, step_values(original), merged)
        return snapshot


def reopen_step(
    workspace: Workspace, case_number: str, step_key: str, reason: str
) -> StepRecordSnapshot:
    """Put a done or not-applicable step back to pending, saying why."""
    step = require_step_role(workspace, step_key)
    if step.key == INTAKE_STEP:
        raise rejected("step", MSG_INTAKE_NOT_REOPENED)
    raise_if(check_correction_reason(reason))
    now = workspace.clock.now()
    with workspace.write("reopen_step") as work:
        case = load_case_for_recording(workspace, work, case_number)
        current = work.repository(FirstResponseRepository).latest_step_record(case.id, step.key)
        if current is None or current.state is StepState.PENDING:
            raise rejected(
                "step", MSG_NOTHING_TO_REOPEN.format(number=step.number, title=step.title)
            )
        record = new_step_record(workspace, case, step, StepState.PENDING, now, now)
        record.corrects_id = current.id
        record.correction_reason = reason.strip()
        return _add(workspace, work, case, record)


# -- helpers -----------------------------------------------------------------------------------


def _cleaned(values: Mapping[str, str]) -> dict[str, str]:
    return {key: value.strip() for key, value in values.items()}


def _check_moment(moment: datetime, now: datetime, late_reason: str) -> list[ValidationMessage]:
    return check_not_future("occurred_at", moment, now) + check_late_entry(moment, now, late_reason)


def _check_values(
    step: StepDefinition, values: Mapping[str, str], now: datetime
) -> list[ValidationMessage]:
    messages = check_step_values(step, values)
    if messages:
        return messages
    for definition in step.fields:
        value = values.get(definition.key, "")
        if definition.kind is FieldKind.DATETIME and value:
            messages += check_not_future(definition.key, datetime.fromisoformat(value), now)
    return messages


def _load_entry(
    workspace: Workspace, work: UnitOfWork, record_id: int
) -> tuple[StepRecordRow, CaseRow, StepDefinition]:
    original = work.steps.get(record_id)
    case = None if original is None else work.cases.get(original.case_id)
    if original is None or case is None:
        raise NotFound(MSG_NO_SUCH_ENTRY)
    case = load_case_for_recording(workspace, work, case.case_number)
    return original, case, require_step_role(workspace, original.step_key)


def _refuse_if_replaced(work: UnitOfWork, original: StepRecordRow) -> None:
    latest = work.repository(FirstResponseRepository).latest_step_record(
        original.case_id, original.step_key
    )
    if latest is not None and latest.id != original.id:
        name = display_names(work, [latest.recorded_by_id]).get(latest.recorded_by_id, "")
        text = MSG_ALREADY_REPLACED.format(moment=format_moment(latest.recorded_at), name=name)
        raise rejected("record", text)


def _about(template: str, step: StepDefinition, record: StepRecordRow, work: UnitOfWork) -> str:
    name = display_names(work, [record.recorded_by_id]).get(record.recorded_by_id, "")
    return template.format(
        number=step.number, title=step.title, moment=format_moment(record.occurred_at), name=name
    )


def _add(
    workspace: Workspace, work: UnitOfWork, case: CaseRow, record: StepRecordRow
) -> StepRecordSnapshot:
    work.add(record)
    begin_first_response(case, record.recorded_at)
    work.flush()
    return _snapshot(record, {workspace.actor.id: workspace.actor.display_name})


def _snapshot(record: StepRecordRow, names: Mapping[int, str]) -> StepRecordSnapshot:
    return StepRecordSnapshot(
        id=record.id,
        step_key=record.step_key,
        state=record.state,
        values=step_values(record),
        not_applicable_reason=record.not_applicable_reason,
        occurred_at=record.occurred_at,
        recorded_at=record.recorded_at,
        recorded_by=names.get(record.recorded_by_id, ""),
        late_entry_reason=record.late_entry_reason,
        corrects_id=record.corrects_id,
        correction_reason=record.correction_reason,
    )
