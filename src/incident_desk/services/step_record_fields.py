"""Reading a checklist step's values for the structured record it writes (``step_records``):
times, yes/no answers and choices mapped explicitly onto the domain's values, the rows that
came from a step's entries, and refusals moved under the step's own field keys.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import TypeVar

from incident_desk.domain.clock import ensure_utc
from incident_desk.domain.enums import PersonKind, PersonRole
from incident_desk.domain.protocol import YES, StepDefinition
from incident_desk.domain.validation import ValidationMessage
from incident_desk.services.errors import InputRejected, rejected
from incident_desk.services.workspace import Workspace
from incident_desk.storage.rows import CasePersonRow, CaseRow, StepRecordRow
from incident_desk.storage.unit_of_work import UnitOfWork

#: A row written before rows named their step entry is matched by the same user within this
#: time of the entry (the entry and its row were stamped by the same clock, a moment apart).
SAME_WRITE = timedelta(seconds=2)

#: Where a refusal that belongs to no single field of the step is shown.
STEP_FIELD = "step"

E = TypeVar("E", bound=StrEnum)
R = TypeVar("R")
#: What tells a structured row's writer: the step entry it names, when and by whom it was stored.
Stamp = tuple[int | None, datetime, int | None]

MSG_NO_MAPPING = (
    '"{value}" in "{label}" cannot be written to the case record: it is not one of the values '
    "this version of the checklist knows. Pick one from the list again."
)


@dataclass(frozen=True)
class StepWrite:
    """A step entry being written, with the open unit of work its structured record joins."""

    workspace: Workspace
    work: UnitOfWork
    case: CaseRow
    step: StepDefinition
    late_entry_reason: str
    #: The step entry being written: the rows it writes name it (``step_record_id``).
    record_id: int
    #: The entry and every earlier one it corrects, oldest last.
    entries: tuple[StepRecordRow, ...] = ()

    def names(self, step_record_id: int | None) -> bool:
        """Whether a row naming this step entry was written with one of the step's entries."""
        return step_record_id is not None and any(e.id == step_record_id for e in self.entries)

    def written(self, rows: Sequence[R], stamp: Callable[[R], Stamp]) -> list[R]:
        """The rows written with the step's entries: those naming one of them. When none does,
        the entries were made before rows named their entry: then the rows naming no entry
        stamped by the entry's user a moment after it (``stamp``: link, time, user)."""
        stamped = [(row, *stamp(row)) for row in rows]
        named = [row for row, link, _at, _by in stamped if self.names(link)]
        if named:
            return named
        return [row for row, link, at, by in stamped if link is None and self._near(at, by)]

    def _near(self, recorded_at: datetime, by: int | None) -> bool:
        moment = ensure_utc(recorded_at)
        return by is not None and any(
            entry.recorded_by_id == by and abs(moment - ensure_utc(entry.recorded_at)) <= SAME_WRITE
            for entry in self.entries
        )

    def made_by(self, user_id: int | None) -> bool:
        """Whether this user made one of the step's entries."""
        return any(entry.recorded_by_id == user_id for entry in self.entries)


def entry_chain(work: UnitOfWork, record: StepRecordRow) -> tuple[StepRecordRow, ...]:
    """A step entry and every entry it corrects, back to the first."""
    chain: list[StepRecordRow] = []
    current: StepRecordRow | None = record
    while current is not None:
        chain.append(current)
        current = None if current.corrects_id is None else work.steps.get(current.corrects_id)
    return tuple(chain)


def moment(values: Mapping[str, str], key: str) -> datetime | None:
    """A time field as an aware UTC time (a time typed without a zone is UTC), or None."""
    value = values.get(key, "").strip()
    return ensure_utc(datetime.fromisoformat(value)) if value else None


def required_moment(values: Mapping[str, str], key: str) -> datetime:
    found = moment(values, key)
    if found is None:  # the step's own checks make these fields required
        raise rejected(key, f'"{key}" is missing.')
    return found


def answer(values: Mapping[str, str], key: str) -> bool:
    return values.get(key, "").strip() == YES


def chosen(
    step: StepDefinition, values: Mapping[str, str], key: str, mapping: Mapping[str, E]
) -> E:
    """A choice field's value through an explicit table; a value with no entry is refused."""
    value = values.get(key, "").strip()
    if value not in mapping:
        label = step.field(key).label
        raise rejected(key, MSG_NO_MAPPING.format(value=value, label=label))
    return mapping[value]


def people_of(work: UnitOfWork, case: CaseRow, role: PersonRole) -> list[CasePersonRow]:
    return [person for person in work.cases.people(case.id) if person.role is role]


def offender_perpetrators(work: UnitOfWork, case: CaseRow) -> list[CasePersonRow]:
    return [
        person
        for person in people_of(work, case, PersonRole.ALLEGED_PERPETRATOR)
        if person.kind is PersonKind.OFFENDER
    ]


@contextmanager
def under_step_fields(names: Mapping[str, str]) -> Iterator[None]:
    """Move a structured record's refusal under the step fields it came from, so the step page
    shows each message under the field to change (``names``: record field -> step field)."""
    try:
        yield
    except InputRejected as refused:
        moved = [
            ValidationMessage(names.get(message.field, STEP_FIELD), message.text)
            for message in refused.messages
        ]
        raise InputRejected(moved) from None


#: Writes a step's structured record when the step is completed.
Complete = Callable[[StepWrite, Mapping[str, str]], None]
#: Carries a correction of the step (values before, values after, reason) to its record.
Correct = Callable[[StepWrite, Mapping[str, str], Mapping[str, str], str], None]


@dataclass(frozen=True)
class Projection:
    complete: Complete
    correct: Correct
