"""Frozen views of the record handed to the screens and the command line; never live ORM rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from incident_desk.domain.deadlines import Deadline
from incident_desk.domain.enums import (
    AllegationType,
    CaseStatus,
    PersonKind,
    PersonRole,
    ReceivedHow,
    Role,
    StepState,
    TimeCertainty,
)


@dataclass(frozen=True)
class UserSnapshot:
    id: int
    username: str
    display_name: str
    role: Role
    facility_id: int | None
    facility_code: str
    contact_id: int
    disabled: bool


@dataclass(frozen=True)
class FacilitySnapshot:
    id: int
    code: str
    name: str
    agency_name: str


@dataclass(frozen=True)
class PersonSnapshot:
    id: int
    name: str
    role: PersonRole
    kind: PersonKind
    identifier: str


@dataclass(frozen=True)
class CaseSummary:
    """A line of the case list."""

    id: int
    case_number: str
    facility_code: str
    facility_name: str
    status: CaseStatus
    allegation_type: AllegationType
    received_at: datetime
    location: str
    people: tuple[PersonSnapshot, ...]
    open_deadlines: tuple[Deadline, ...]


@dataclass(frozen=True)
class CaseDetail:
    summary: CaseSummary
    received_how: ReceivedHow
    received_by: str
    reported_by: str
    incident_at: datetime | None
    incident_certainty: TimeCertainty
    incident_margin_minutes: int
    occurred_elsewhere: bool
    other_facility_name: str
    narrative: str
    imminent_risk: bool
    protective_action: str
    protocol_version: str
    deadlines: tuple[Deadline, ...]


@dataclass(frozen=True)
class CasePage:
    cases: tuple[CaseSummary, ...]
    total: int


@dataclass(frozen=True)
class StepRecordSnapshot:
    id: int
    step_key: str
    state: StepState
    values: dict[str, str]
    not_applicable_reason: str
    occurred_at: datetime
    recorded_at: datetime
    recorded_by: str
    late_entry_reason: str
    corrects_id: int | None
    correction_reason: str
