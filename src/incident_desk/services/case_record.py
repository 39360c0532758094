"""Everything the printed forms say about one case, read in a single transaction.

One reading, so the five forms of a packet agree with each other and with the audit chain head
printed on them. The pieces are the same snapshots the screens use (``scene_views``,
``evidence_views``, ``notifications``, the timeline's sources), built over this one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from incident_desk.domain.enums import (
    AllegationType,
    CaseStatus,
    Finding,
    Injury,
    LocationType,
    PersonKind,
    PersonRole,
    ReceivedHow,
    Sex,
    StepState,
    TimeCertainty,
)
from incident_desk.domain.protocol import Protocol, StepDefinition
from incident_desk.services.custody_signatures import SignatureSnapshot, signature_snapshot
from incident_desk.services.evidence_views import EvidenceItemView, build_item_views
from incident_desk.services.first_response import display_names, protocol_facts, step_values
from incident_desk.services.notification_rules import effective
from incident_desk.services.notifications import NotificationSnapshot, notification_snapshot
from incident_desk.services.scene_views import SceneView, build_scene_view
from incident_desk.services.timeline_entries import first_response_entries
from incident_desk.services.timeline_scene_entries import scene_and_evidence_entries
from incident_desk.services.timeline_sources import Sources, TimelineEntry
from incident_desk.storage.audit_log import HEAD_ID
from incident_desk.storage.rows import (
    AuditChainHeadRow,
    CasePersonRow,
    CaseRow,
    NotificationRow,
)
from incident_desk.storage.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class PersonFacts:
    """A person of the case with the Survey of Sexual Victimization data elements."""

    id: int
    name: str
    role: PersonRole
    kind: PersonKind
    identifier: str
    housing_unit: str
    sex: Sex
    gender_identity: str
    birth_year: int | None
    race: str
    hispanic: bool | None
    injury: Injury
    sanction: str


@dataclass(frozen=True)
class StepLine:
    """A checklist step as it stands: whether it applies and its newest record."""

    definition: StepDefinition
    applies: bool
    state: StepState
    values: dict[str, str]
    not_applicable_reason: str
    occurred_at: datetime | None
    recorded_at: datetime | None
    recorded_by: str
    late_entry_reason: str


@dataclass(frozen=True)
class InvestigationFacts:
    investigator: str
    started_at: datetime
    criminal_referral: bool
    referral_agency: str
    referred_at: datetime | None
    concluded_at: datetime | None
    finding: Finding | None
    staff_actions_contributed: bool | None


@dataclass(frozen=True)
class CaseRecord:
    case_id: int
    case_number: str
    status: CaseStatus
    agency: str
    facility_name: str
    allegation_type: AllegationType
    received_at: datetime
    received_how: ReceivedHow
    received_by: str
    reported_by: str
    incident_at: datetime | None
    incident_certainty: TimeCertainty
    incident_margin_minutes: int
    location: str
    location_type: LocationType
    occurred_elsewhere: bool
    other_facility_name: str
    narrative: str
    imminent_risk: bool
    protective_action: str
    protocol_version: str
    people: tuple[PersonFacts, ...]
    steps: tuple[StepLine, ...]
    notifications: tuple[NotificationSnapshot, ...]
    scenes: tuple[SceneView, ...]
    evidence: tuple[EvidenceItemView, ...]
    #: Every drawn signature on the evidence chains, strokes included, by id.
    signatures: dict[int, SignatureSnapshot]
    #: Everything recorded, as the timeline shows it, oldest first.
    timeline: tuple[TimelineEntry, ...]
    investigation: InvestigationFacts | None
    #: The investigators the case is assigned to now (CPP 14.7 G.9).
    assigned_investigators: tuple[str, ...]
    #: The audit chain's head hash when the record was read.
    audit_head: str

    def step(self, key: str) -> StepLine | None:
        return next((line for line in self.steps if line.definition.key == key), None)

    def people_in(self, role: PersonRole) -> tuple[PersonFacts, ...]:
        return tuple(person for person in self.people if person.role is role)


def read_case_record(work: UnitOfWork, protocol: Protocol, case: CaseRow) -> CaseRecord:
    """The whole record of ``case`` (already checked visible to the signed-in user)."""
    facility = work.organization.facility(case.facility_id)
    received_by = work.organization.user(case.received_by_id)
    items = work.evidence.items(case.id)
    chains = work.evidence.case_chain_records(case.id)
    signature_ids = [
        sid
        for links in chains.values()
        for link in links
        for sid in (link.from_signature_id, link.to_signature_id)
        if sid is not None
    ]
    notifications = effective(work.records.of_case(NotificationRow, case.id))
    names = display_names(work, [row.recorded_by_id for row in notifications])
    sources = Sources.load(work, case)
    head = work.get(AuditChainHeadRow, HEAD_ID)
    return CaseRecord(
        case_id=case.id,
        case_number=case.case_number,
        status=case.status,
        agency=facility.agency_name if facility is not None else "",
        facility_name=facility.name if facility is not None else "",
        allegation_type=case.allegation_type,
        received_at=case.received_at,
        received_how=case.received_how,
        received_by=received_by.display_name if received_by is not None else "",
        reported_by=case.reported_by,
        incident_at=case.incident_at,
        incident_certainty=case.incident_certainty,
        incident_margin_minutes=case.incident_margin_minutes,
        location=case.location,
        location_type=case.location_type,
        occurred_elsewhere=case.occurred_elsewhere,
        other_facility_name=case.other_facility_name,
        narrative=case.narrative,
        imminent_risk=case.imminent_risk,
        protective_action=case.protective_action,
        protocol_version=case.protocol_version,
        people=tuple(_person(row) for row in work.cases.people(case.id)),
        steps=_steps(work, protocol, case),
        notifications=tuple(notification_snapshot(row, names) for row in notifications),
        scenes=tuple(
            build_scene_view(work, scene, case.case_number) for scene in work.scenes.scenes(case.id)
        ),
        evidence=build_item_views(work, case, items, chains),
        signatures={
            sid: signature_snapshot(row)
            for sid, row in work.evidence.signatures(signature_ids).items()
        },
        timeline=_oldest_first(
            first_response_entries(sources, protocol) + scene_and_evidence_entries(sources)
        ),
        investigation=_investigation(work, case),
        assigned_investigators=_assigned(work, case),
        audit_head=bytes(head.hash).hex() if head is not None else "",
    )


def _person(row: CasePersonRow) -> PersonFacts:
    return PersonFacts(
        id=row.id,
        name=row.name,
        role=row.role,
        kind=row.kind,
        identifier=row.identifier,
        housing_unit=row.housing_unit,
        sex=row.sex,
        gender_identity=row.gender_identity,
        birth_year=row.birth_year,
        race=row.race,
        hispanic=row.hispanic,
        injury=row.injury,
        sanction=row.sanction,
    )


def _steps(work: UnitOfWork, protocol: Protocol, case: CaseRow) -> tuple[StepLine, ...]:
    facts = protocol_facts(work, case)
    current = work.steps.current(case.id)
    names = display_names(work, [record.recorded_by_id for record in current.values()])
    lines = []
    for definition in protocol.steps:
        record = current.get(definition.key)
        lines.append(
            StepLine(
                definition=definition,
                applies=protocol.applies(definition, facts),
                state=record.state if record is not None else StepState.PENDING,
                values=step_values(record) if record is not None else {},
                not_applicable_reason=record.not_applicable_reason if record else "",
                occurred_at=record.occurred_at if record else None,
                recorded_at=record.recorded_at if record else None,
                recorded_by=names.get(record.recorded_by_id, "") if record else "",
                late_entry_reason=record.late_entry_reason if record else "",
            )
        )
    return tuple(lines)


def _investigation(work: UnitOfWork, case: CaseRow) -> InvestigationFacts | None:
    row = work.records.investigation(case.id)
    if row is None:
        return None
    investigator = work.organization.user(row.investigator_id) if row.investigator_id else None
    return InvestigationFacts(
        investigator=investigator.display_name if investigator is not None else "",
        started_at=row.started_at,
        criminal_referral=row.criminal_referral,
        referral_agency=row.referral_agency,
        referred_at=row.referred_at,
        concluded_at=row.concluded_at,
        finding=row.finding,
        staff_actions_contributed=row.staff_actions_contributed,
    )


def _assigned(work: UnitOfWork, case: CaseRow) -> tuple[str, ...]:
    names = display_names(work, list(work.cases.assigned_user_ids(case.id)))
    return tuple(name for name in names.values() if name)


def _oldest_first(entries: list[TimelineEntry]) -> tuple[TimelineEntry, ...]:
    ordered = sorted(
        enumerate(entries), key=lambda pair: (pair[1].occurred_at, pair[1].recorded_at, pair[0])
    )
    return tuple(entry for _, entry in ordered)
