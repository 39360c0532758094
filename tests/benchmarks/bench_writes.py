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


class StepSaver:
    """Records the supervisor's steps one at a time, opening a new case when one is done."""

    def __init__(self, workspace: Workspace) -> None:
        self._workspace = workspace
        self._keys = _steps(workspace)
        self._definitions = {step.key: step for step in workspace.protocol.steps}
        self._pending: list[str] = []
        self._number = ""

    def save_one(self) -> float:
        """Seconds one record_step took (opening a fresh case, when needed, is not timed)."""
        workspace = self._workspace
        if not self._pending:
            self._number = _new_case(workspace)
            self._pending = list(self._keys)
        key = self._pending.pop(0)
        moment = workspace.clock.now() - timedelta(seconds=1)
        values = {field.key: _value(field, moment) for field in self._definitions[key].fields}
        started = time.perf_counter()
        record_step(workspace, self._number, key, values)
        return time.perf_counter() - started


def step_save_seconds(
    first: Workspace, second: Workspace, saves: int
) -> tuple[list[float], list[float]]:
    """Seconds of ``saves`` step saves on each workspace, taking turns save by save."""
    savers = StepSaver(first), StepSaver(second)
    seconds: tuple[list[float], list[float]] = ([], [])
    for _ in range(saves):
        for saver, measured in zip(savers, seconds, strict=True):
            measured.append(saver.save_one())
    return seconds
