"""What the timeline is made of: its line type, and every stored entry of a case that it shows,
loaded in one go with the names behind the user, contact and person ids.

``timeline_entries`` and ``timeline_scene_entries`` turn the entries into lines; ``timeline``
orders them and marks the corrections.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from incident_desk.domain.enums import PersonRole
from incident_desk.storage.repositories.first_response_repository import (
    FirstResponseRepository,
)
from incident_desk.storage.rows import (
    CaseNoteRow,
    CaseRow,
    CustodyTransferRow,
    DryCellPlacementRow,
    EvidenceItemRow,
    GeneratedDocumentRow,
    MedicalRecordRow,
    NotificationRow,
    PreservationInstructionRow,
    PreservationViolationRow,
    SceneLogEntryRow,
    SceneReleaseRow,
    SceneRow,
    SeparationRow,
    StepRecordRow,
)
from incident_desk.storage.unit_of_work import UnitOfWork


class TimelineKind(StrEnum):
    STEP = "step"
    NOTE = "note"
    SEPARATION = "separation"
    NOTIFICATION = "notification"
    PRESERVATION_INSTRUCTION = "preservation_instruction"
    PRESERVATION_VIOLATION = "preservation_violation"
    MEDICAL = "medical"
    DRY_CELL = "dry_cell"
    SCENE = "scene"
    SCENE_ENTRY = "scene_entry"
    SCENE_RELEASE = "scene_release"
    EVIDENCE = "evidence"
    CUSTODY = "custody"
    DOCUMENT = "document"


@dataclass(frozen=True)
class TimelineEntry:
    """One line of the record. ``key`` ("step_record:12") names the stored entry it shows."""

    key: str
    kind: TimelineKind
    occurred_at: datetime
    recorded_at: datetime
    recorded_by: str
    title: str
    details: tuple[str, ...] = ()
    citation: str = ""
    #: The key of the entry this one corrects ("" when it is not a correction).
    corrects: str = ""
    correction_reason: str = ""
    #: A later entry replaced this one; ``superseded_by`` is that entry's key.
    superseded: bool = False
    superseded_by: str = ""
    late_entry_reason: str = ""
    #: Something that should not have happened: a forbidden scene entry, evidence destroyed.
    violation: bool = False

    @property
    def is_correction(self) -> bool:
        return bool(self.corrects)


@dataclass(frozen=True)
class Sources:
    """Every stored entry of one case that the timeline shows, with the names behind the ids."""

    steps: Sequence[StepRecordRow]
    notes: Sequence[CaseNoteRow]
    separations: Sequence[SeparationRow]
    notifications: Sequence[NotificationRow]
    instructions: Sequence[PreservationInstructionRow]
    violations: Sequence[PreservationViolationRow]
    medical: Sequence[MedicalRecordRow]
    dry_cells: Sequence[DryCellPlacementRow]
    scenes: Sequence[SceneRow]
    scene_log: Sequence[SceneLogEntryRow]
    scene_releases: Sequence[SceneReleaseRow]
    evidence: Sequence[EvidenceItemRow]
    custody: Sequence[CustodyTransferRow]
    documents: Sequence[GeneratedDocumentRow]
    users: dict[int, str]
    contacts: dict[int, str]
    people: dict[int, tuple[str, PersonRole]]

    @classmethod
    def load(cls, work: UnitOfWork, case: CaseRow) -> Sources:
        records, extra = work.records, work.repository(FirstResponseRepository)
        evidence = work.evidence.items(case.id)
        custody = [row for chain in work.evidence.chains(case.id).values() for row in chain]
        loaded = dict(
            steps=work.steps.history(case.id),
            notes=work.steps.notes(case.id),
            separations=records.of_case(SeparationRow, case.id),
            notifications=records.of_case(NotificationRow, case.id),
            instructions=records.of_case(PreservationInstructionRow, case.id),
            violations=records.of_case(PreservationViolationRow, case.id),
            medical=records.of_case(MedicalRecordRow, case.id),
            dry_cells=records.of_case(DryCellPlacementRow, case.id),
            scenes=work.scenes.scenes(case.id),
            scene_log=extra.scene_log_of_case(case.id),
            scene_releases=extra.scene_releases_of_case(case.id),
            evidence=evidence,
            custody=custody,
            documents=records.of_case(GeneratedDocumentRow, case.id),
        )
        user_ids: list[int | None] = []
        contact_ids: list[int | None] = []
        for rows in loaded.values():
            for row in rows:
                for column in (
                    "recorded_by_id",
                    "written_by_id",
                    "instructed_by_id",
                    "placed_by_id",
                    "released_by_id",
                    "secured_by_id",
                    "generated_by_id",
                ):
                    user_ids.append(getattr(row, column, None))
                for column in (
                    "contact_id",
                    "collected_by_contact_id",
                    "from_contact_id",
                    "to_contact_id",
                ):
                    contact_ids.append(getattr(row, column, None))
        people = {p.id: (p.name, p.role) for p in work.cases.people(case.id)}
        return cls(
            **loaded,  # type: ignore[arg-type]
            users=extra.display_names(user_ids),
            contacts=extra.contact_names(contact_ids),
            people=people,
        )

    def user(self, user_id: int | None) -> str:
        return self.users.get(user_id, "") if user_id is not None else ""

    def contact(self, contact_id: int | None) -> str:
        return self.contacts.get(contact_id, "") if contact_id is not None else ""

    def person(self, case_person_id: int | None) -> str:
        if case_person_id is None or case_person_id not in self.people:
            return ""
        return self.people[case_person_id][0]


def ref(table: str, row_id: int | None) -> str:
    """How a timeline line names the stored entry it shows ("step_record:12")."""
    return f"{table}:{row_id}" if row_id is not None else ""


def words(value: str) -> str:
    """A stored value as words: "brushing_teeth" -> "brushing teeth"."""
    return value.replace("_", " ")
