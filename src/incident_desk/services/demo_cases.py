"""One demo case at a time: the report, its people (with their name-search tokens) and the
intake step; then the first response and the aftercare its state calls for.

Only ``random.Random(seed)`` and the clock's "now" feed it, so a seed always gives the same
cases. Rows are plain dicts with every column, as the bulk loader takes them; nothing here
may happen after "now", so a recent case simply has fewer things done yet.
"""

from __future__ import annotations

import json
import random
from collections.abc import Sequence
from datetime import datetime
from typing import Any, TypeVar

from incident_desk.domain.enums import (
    AllegationType,
    CaseStatus,
    Finding,
    Injury,
    PersonKind,
    PersonRole,
    ReceivedHow,
    Sex,
    StepState,
    TimeCertainty,
)
from incident_desk.services import demo_names as words
from incident_desk.services.demo_cast import DemoCast, FacilityCast, Member
from incident_desk.services.demo_plan import CasePlan
from incident_desk.services.demo_rows import RowSink, later
from incident_desk.storage.repositories.case_repository import name_tokens
from incident_desk.storage.rows import CasePersonRow, CaseRow, PersonNameTokenRow, StepRecordRow

# What json.dumps(values, sort_keys=True) writes (as record_step does), without building a
# new encoder for every step.
_values_json = json.JSONEncoder(sort_keys=True).encode
T = TypeVar("T")
ALLEGATIONS = tuple(AllegationType)
ALLEGATION_WEIGHTS = (0.22, 0.24, 0.26, 0.14, 0.14)
OFFENDER_SIDE_KINDS = (PersonKind.OFFENDER,) * 18 + (PersonKind.VISITOR, PersonKind.OTHER)
STAFF_SIDE_KINDS = (PersonKind.STAFF,) * 7 + (PersonKind.CONTRACTOR,) * 2 + (PersonKind.VOLUNTEER,)
RACES = ("White", "Black", "Hispanic", "Asian", "American Indian", "Two or more", "")


class CaseDraft:
    """What the later parts of a case need to know about its first parts."""

    __slots__ = (
        "allegation",
        "criminal",
        "elsewhere",
        "evidence_count",
        "facility",
        "finding",
        "id",
        "in_window",
        "investigator",
        "last",
        "number",
        "perpetrator_id",
        "perpetrator_kind",
        "perpetrator_row",
        "received",
        "row",
        "scene_id",
        "scene_secured",
        "status",
        "victim_id",
        "victim_name",
    )

    def __init__(self, plan: CasePlan, case_id: int, facility: FacilityCast) -> None:
        self.id = case_id
        self.number = plan.number
        self.status = plan.status
        self.finding: Finding | None = plan.finding
        self.received: datetime = plan.received_at
        self.facility = facility
        self.last: datetime = plan.received_at
        self.allegation = AllegationType.OFFENDER_SEXUAL_HARASSMENT
        self.criminal = False
        self.elsewhere = False
        self.in_window = False
        self.victim_id = self.perpetrator_id = self.scene_id = 0
        self.victim_name = ""
        self.perpetrator_kind = PersonKind.OFFENDER
        self.scene_secured = False
        self.investigator: Member | None = None
        self.evidence_count = 0
        self.row: dict[str, Any] = {}
        self.perpetrator_row: dict[str, Any] = {}


class CaseWriter:
    """Writes whole demo cases into a RowSink."""

    def __init__(
        self, rng: random.Random, sink: RowSink, cast: DemoCast, now: datetime, version: str
    ) -> None:
        self.rng = rng
        self.sink = sink
        self.cast = cast
        self.now = now
        self.version = version
        self._tokens: dict[str, list[str]] = {}
        self._random = rng.random

    # random.Random's randint and choice cost several times a bare random() call, and a
    # case makes about a hundred draws.
    def between(self, low: int, high: int) -> int:
        """A whole number from ``low`` to ``high``, both included."""
        return low + int(self._random() * (high - low + 1))

    def pick(self, options: Sequence[T]) -> T:
        return options[int(self._random() * len(options))]

    def step(
        self,
        case: CaseDraft,
        key: str,
        at: datetime,
        by: Member,
        values: dict[str, str],
        state: StepState = StepState.DONE,
        reason: str = "",
    ) -> int:
        """A checklist step record, entered a few minutes after it happened; its id."""
        recorded = min(later(at, self.between(1, 12)), self.now)
        step_id = self.sink.add(
            StepRecordRow,
            {
                "case_id": case.id,
                "step_key": key,
                "state": state,
                "values_json": _values_json(values),
                "not_applicable_reason": reason,
                "occurred_at": at,
                "recorded_at": recorded,
                "recorded_by_id": by.user_id,
                "late_entry_reason": "",
                "protocol_version": self.version,
                "corrects_id": None,
                "correction_reason": "",
            },
        )
        case.last = max(case.last, recorded)
        return step_id

    def person(self, case: CaseDraft, role: PersonRole, kind: PersonKind, name: str) -> int:
        offender = kind is PersonKind.OFFENDER
        person_id = self.sink.add(
            CasePersonRow,
            {
                "case_id": case.id,
                "role": role,
                "kind": kind,
                "name": name,
                "identifier": f"{self.between(100000, 999999)}" if offender else "",
                "housing_unit": self.pick(words.HOUSING_UNITS) if offender else "",
                "sex": self.pick((Sex.MALE, Sex.MALE, Sex.FEMALE, Sex.INTERSEX, Sex.UNKNOWN)),
                "gender_identity": "",
                "birth_year": self.between(1950, 2005),
                "race": self.pick(RACES),
                "hispanic": self.pick((True, False, False, None)),
                "injury": Injury.UNKNOWN
                if role is PersonRole.WITNESS
                else self.pick(tuple(Injury)),
                "sanction": "",
                "created_at": case.received,
            },
        )
        tokens = self._tokens.get(name)
        if tokens is None:
            tokens = self._tokens[name] = name_tokens(name)
        for token in tokens:
            self.sink.add(
                PersonNameTokenRow,
                {
                    "token": token,
                    "case_id": case.id,
                    "case_person_id": person_id,
                },
            )
        return person_id

    def name(self) -> str:
        rng = self.rng
        first = self.pick(words.FIRST_NAMES)
        if rng.random() < 0.1:
            first = f"{first} {self.pick(words.FIRST_NAMES)}"
        return f"{first} {self.pick(words.LAST_NAMES)}"

    def write(self, plan: CasePlan) -> CaseDraft:
        """The report, its people and its intake; the caller adds what its state needs."""
        rng = self.rng
        facility = self.cast.facilities[plan.facility_index]
        row: dict[str, Any] = {}
        case = CaseDraft(plan, self.sink.add(CaseRow, row), facility)
        case.row = row
        case.allegation = rng.choices(ALLEGATIONS, ALLEGATION_WEIGHTS)[0]
        case.criminal = not case.allegation.is_harassment
        case.elsewhere = rng.random() < 0.07
        victim = self.name()
        case.victim_name = victim
        self._fill_case_row(case, row)
        case.victim_id = self.person(case, PersonRole.ALLEGED_VICTIM, PersonKind.OFFENDER, victim)
        kinds = OFFENDER_SIDE_KINDS if case.allegation.offender_on_offender else STAFF_SIDE_KINDS
        case.perpetrator_kind = self.pick(kinds)
        case.perpetrator_id = self.person(
            case, PersonRole.ALLEGED_PERPETRATOR, case.perpetrator_kind, self.name()
        )
        case.perpetrator_row = self.sink.rows[CasePersonRow][-1]
        if rng.random() < 0.35:
            kind = self.pick((PersonKind.OFFENDER, PersonKind.OFFENDER, PersonKind.STAFF))
            self.person(case, PersonRole.WITNESS, kind, self.name())
        self.step(case, "intake", case.received, facility.responder, _intake_values(row))
        return case

    def _fill_case_row(self, case: CaseDraft, row: dict[str, Any]) -> None:
        rng = self.rng
        received = case.received
        location_type = self.pick(tuple(words.LOCATIONS))
        certainty = rng.choices(tuple(TimeCertainty), (0.5, 0.35, 0.15))[0]
        hours_before = self.pick((1, 2, 3, 5, 8, 12, 20, 30, 44, 60, 96, 240))
        incident_at = None
        if certainty is not TimeCertainty.UNKNOWN:
            incident_at = later(received, -hours_before * 60 + self.between(0, 50))
        # G.4: unknown or approximate times count as inside the 48-hour window.
        case.in_window = certainty is not TimeCertainty.EXACT or hours_before < 48
        other = self.pick(words.OTHER_FACILITIES)[0] if case.elsewhere else ""
        imminent = rng.random() < 0.12
        how = self.pick(tuple(ReceivedHow))
        row.update(
            {
                "case_number": case.number,
                "facility_id": case.facility.facility_id,
                "status": case.status,
                "location": self.pick(words.LOCATIONS[location_type]),
                "location_type": location_type,
                "received_at": received,
                "received_how": how,
                "received_by_id": case.facility.responder.user_id,
                "reported_by": _reporter(how, case),
                "incident_at": incident_at,
                "incident_certainty": certainty,
                "incident_margin_minutes": 90 if certainty is TimeCertainty.APPROXIMATE else 0,
                "occurred_elsewhere": case.elsewhere,
                "other_facility_name": other,
                "allegation_type": case.allegation,
                "narrative": self.pick(words.NARRATIVES[case.allegation]),
                "imminent_risk": imminent,
                "protective_action": "Moved to a single cell on another unit." if imminent else "",
                "victim_safe": None if case.status is CaseStatus.OPEN else True,
                "protocol_version": self.version,
                "closed_at": None,
                "created_at": received,
                "updated_at": received,
            }
        )


def _reporter(how: ReceivedHow, case: CaseDraft) -> str:
    match how:
        case ReceivedHow.ANONYMOUS:
            return ""
        case ReceivedHow.THIRD_PARTY:
            return f"Family member of {case.victim_name}"
        case ReceivedHow.STAFF_OBSERVATION:
            return case.facility.responder.name
        case _:
            return case.victim_name


def _intake_values(row: dict[str, Any]) -> dict[str, str]:
    """What open_case records as the intake step, from the case row."""
    incident_at = row["incident_at"]
    return {
        "location": row["location"],
        "received_at": row["received_at"].isoformat(),
        "received_how": row["received_how"].value,
        "incident_time": incident_at.isoformat() if incident_at else "",
        "incident_time_certainty": row["incident_certainty"].value,
        "occurred_elsewhere": "yes" if row["occurred_elsewhere"] else "no",
        "other_facility": row["other_facility_name"],
        "allegation_type": row["allegation_type"].value,
        "narrative": row["narrative"],
        "imminent_risk": "yes" if row["imminent_risk"] else "no",
        "protective_action": row["protective_action"],
    }
