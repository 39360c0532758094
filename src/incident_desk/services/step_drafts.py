"""Drafts of checklist steps: every field saved the moment it is typed (SPEC "Nothing entered
is ever lost: a crash or power loss keeps every saved field").

Each save is a new, append-only field entry; the draft of a step is the newest value of each
of its fields, which ``workflow.record_step`` uses when it is not handed the values.
"""

from __future__ import annotations

from incident_desk.domain.protocol import StepDefinition
from incident_desk.domain.validation import MSG_UNKNOWN_FIELD
from incident_desk.services.case_views import load_visible_case
from incident_desk.services.errors import rejected
from incident_desk.services.first_response import (
    known_step,
    load_case_for_recording,
    require_step_role,
)
from incident_desk.services.workspace import Workspace
from incident_desk.storage.rows import CaseRow, StepFieldEntryRow
from incident_desk.storage.unit_of_work import UnitOfWork


def save_step_field(
    workspace: Workspace, case_number: str, step_key: str, field_key: str, value: str
) -> None:
    """Keep one field's value the moment it is typed, so a crash loses nothing."""
    step = require_step_role(workspace, step_key)
    if field_key not in {definition.key for definition in step.fields}:
        text = MSG_UNKNOWN_FIELD.format(number=step.number, field=field_key)
        raise rejected(field_key, text)
    with workspace.write("save_step_field") as work:
        case = load_case_for_recording(workspace, work, case_number)
        saved = work.steps.field_values(case.id, step.key).get(field_key)
        if saved is not None and saved.value == value:
            return  # nothing new: a focus change is not an entry
        work.add(
            StepFieldEntryRow(
                case_id=case.id,
                step_key=step.key,
                field_key=field_key,
                value=value,
                entered_at=workspace.clock.now(),
                entered_by_id=workspace.actor.id,
            )
        )


def step_draft(workspace: Workspace, case_number: str, step_key: str) -> dict[str, str]:
    """The newest saved value of each field of the step, as typed."""
    step = known_step(workspace, step_key)
    with workspace.read() as work:
        case = load_visible_case(workspace, work, case_number)
        return draft_values(work, case, step)


def draft_values(work: UnitOfWork, case: CaseRow, step: StepDefinition) -> dict[str, str]:
    """The newest saved value of each field the step has."""
    known = {definition.key for definition in step.fields}
    saved = work.steps.field_values(case.id, step.key)
    # A field the protocol no longer has is left out rather than refused at completion.
    return {key: row.value for key, row in saved.items() if key in known}
