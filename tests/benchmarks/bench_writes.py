"""The step-save benchmark: durable commits of real checklist steps through record_step.

Each save is one transaction (BEGIN IMMEDIATE, the step record, its audit event, the case's
status change on the first step, COMMIT with a full fsync of the write-ahead log), exactly
what a supervisor's click costs.
"""

from __future__ import annotations

import time
from datetime import datetime, timedelta

from incident_desk.domain.enums import (
    AllegationType,
    PersonKind,
    PersonRole,
    ReceivedHow,
    TimeCertainty,
)
from incident_desk.domain.protocol import FieldDefinition, FieldKind, StepCondition
from incident_desk.services.cases import NewPerson, NewReport, open_case
from incident_desk.services.workflow import record_step
from incident_desk.services.workspace import Workspace


def _value(field: FieldDefinition, moment: datetime) -> str:
    match field.kind:
        case FieldKind.DATETIME:
            return moment.isoformat(timespec="seconds")
        case FieldKind.BOOLEAN:
            return "yes"
        case FieldKind.CHOICE:
            return field.choices[0]
        case FieldKind.MULTI_CHOICE:
            return ""
        case FieldKind.NUMBER:
            return "1"
        case _:
            return "Bench entry"


def _steps(workspace: Workspace) -> list[str]:
    """The steps a shift supervisor records on every case, in checklist order."""
    role = workspace.actor.role
    return [
        step.key
        for step in workspace.protocol.steps
        if step.key != "intake" and step.condition is StepCondition.ALWAYS and role in step.roles
    ]


def _new_case(workspace: Workspace) -> str:
    now = workspace.clock.now()
    report = NewReport(
        received_how=ReceivedHow.VERBAL,
        allegation_type=AllegationType.OFFENDER_ABUSIVE_SEXUAL_CONTACT,
        received_at=now - timedelta(minutes=10),
        location="Benchmark dorm",
        incident_at=now - timedelta(hours=1),
        incident_certainty=TimeCertainty.EXACT,
        narrative="Benchmark case.",
        people=(
            NewPerson("Bench Victim", PersonRole.ALLEGED_VICTIM, PersonKind.OFFENDER),
            NewPerson("Bench Perpetrator", PersonRole.ALLEGED_PERPETRATOR, PersonKind.OFFENDER),
        ),
    )
    return open_case(workspace, report).summary.case_number


def step_save_seconds(workspace: Workspace, saves: int = 200) -> list[float]:
    """Seconds taken by each of ``saves`` record_step calls (new cases opened untimed)."""
    keys = _steps(workspace)
    definitions = {step.key: step for step in workspace.protocol.steps}
    seconds: list[float] = []
    while len(seconds) < saves:
        number = _new_case(workspace)
        for key in keys:
            if len(seconds) == saves:
                break
            moment = workspace.clock.now() - timedelta(seconds=1)
            values = {field.key: _value(field, moment) for field in definitions[key].fields}
            started = time.perf_counter()
            record_step(workspace, number, key, values)
            seconds.append(time.perf_counter() - started)
    return seconds
