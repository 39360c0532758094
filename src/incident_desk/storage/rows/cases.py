"""The case: intake (SPEC step 1), its people, assignments, checklist step records and notes."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from incident_desk.domain.enums import (
    AllegationType,
    CaseStatus,
    Injury,
    LocationType,
    PersonKind,
    PersonRole,
    ReceivedHow,
    Sex,
    StepState,
    TimeCertainty,
)
from incident_desk.storage.column_types import UTCDateTime, enum_column
from incident_desk.storage.rows.base import AppendOnly, Base


class CaseRow(Base):
    __tablename__ = "case_file"
    __table_args__ = (
        Index("ix_case_file_facility_received", "facility_id", "received_at"),
        Index("ix_case_file_status_received", "status", "received_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_number: Mapped[str] = mapped_column(String(40), unique=True)
    facility_id: Mapped[int] = mapped_column(ForeignKey("facility.id"))
    status: Mapped[CaseStatus] = mapped_column(enum_column(CaseStatus))
    location: Mapped[str] = mapped_column(String(300), default="")
    location_type: Mapped[LocationType] = mapped_column(
        enum_column(LocationType), default=LocationType.UNKNOWN
    )
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    received_how: Mapped[ReceivedHow] = mapped_column(enum_column(ReceivedHow))
    received_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    reported_by: Mapped[str] = mapped_column(String(200), default="")
    incident_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    incident_certainty: Mapped[TimeCertainty] = mapped_column(enum_column(TimeCertainty))
    incident_margin_minutes: Mapped[int] = mapped_column(Integer, default=0)
    occurred_elsewhere: Mapped[bool] = mapped_column(Boolean, default=False)
    other_facility_name: Mapped[str] = mapped_column(String(200), default="")
    allegation_type: Mapped[AllegationType] = mapped_column(enum_column(AllegationType))
    narrative: Mapped[str] = mapped_column(Text, default="")
    imminent_risk: Mapped[bool] = mapped_column(Boolean, default=False)
    protective_action: Mapped[str] = mapped_column(Text, default="")
    victim_safe: Mapped[bool | None] = mapped_column(Boolean)
    protocol_version: Mapped[str] = mapped_column(String(20))
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class CasePersonRow(Base):
    """An alleged victim, alleged perpetrator or witness, with the SSV demographics."""

    __tablename__ = "case_person"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id"), index=True)
    role: Mapped[PersonRole] = mapped_column(enum_column(PersonRole))
    kind: Mapped[PersonKind] = mapped_column(enum_column(PersonKind))
    name: Mapped[str] = mapped_column(String(200))
    identifier: Mapped[str] = mapped_column(String(60), default="")
    housing_unit: Mapped[str] = mapped_column(String(100), default="")
    sex: Mapped[Sex] = mapped_column(enum_column(Sex), default=Sex.UNKNOWN)
    gender_identity: Mapped[str] = mapped_column(String(60), default="")
    birth_year: Mapped[int | None] = mapped_column(Integer)
    race: Mapped[str] = mapped_column(String(60), default="")
    hispanic: Mapped[bool | None] = mapped_column(Boolean)
    injury: Mapped[Injury] = mapped_column(enum_column(Injury), default=Injury.UNKNOWN)
    sanction: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class PersonNameTokenRow(Base):
    """Folded name words for prefix search, portable across backends (no SQLite FTS)."""

    __tablename__ = "person_name_token"
    __table_args__ = (Index("ix_person_name_token_token", "token", "case_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token: Mapped[str] = mapped_column(String(100))
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id"), index=True)
    case_person_id: Mapped[int] = mapped_column(ForeignKey("case_person.id"), index=True)


class CaseAssignmentRow(Base):
    """Who works a case beyond its facility's supervisors: the assigned investigator(s)."""

    __tablename__ = "case_assignment"
    __table_args__ = (UniqueConstraint("case_id", "user_id", "duty"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    duty: Mapped[str] = mapped_column(String(40))
    assigned_at: Mapped[datetime] = mapped_column(UTCDateTime)
    assigned_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class StepRecordRow(AppendOnly, Base):
    """One completion (or N/A) of a checklist step: who, when, what. Never updated.

    ``occurred_at`` is when it happened (editable, with ``late_entry_reason``); ``recorded_at``
    is when it was entered. The latest record of a step that nothing corrects is the step's state.
    """

    __tablename__ = "step_record"
    __table_args__ = (Index("ix_step_record_case_step", "case_id", "step_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id"))
    step_key: Mapped[str] = mapped_column(String(60))
    state: Mapped[StepState] = mapped_column(enum_column(StepState))
    values_json: Mapped[str] = mapped_column(Text, default="{}")
    not_applicable_reason: Mapped[str] = mapped_column(Text, default="")
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    late_entry_reason: Mapped[str] = mapped_column(Text, default="")
    protocol_version: Mapped[str] = mapped_column(String(20))
    corrects_id: Mapped[int | None] = mapped_column(ForeignKey("step_record.id"))
    correction_reason: Mapped[str] = mapped_column(Text, default="")


class StepFieldEntryRow(AppendOnly, Base):
    """A field's value as typed into a step page, saved the moment it is entered."""

    __tablename__ = "step_field_entry"
    __table_args__ = (Index("ix_step_field_entry_case_step", "case_id", "step_key", "field_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id"))
    step_key: Mapped[str] = mapped_column(String(60))
    field_key: Mapped[str] = mapped_column(String(60))
    value: Mapped[str] = mapped_column(Text)
    entered_at: Mapped[datetime] = mapped_column(UTCDateTime)
    entered_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))


class CaseNoteRow(AppendOnly, Base):
    __tablename__ = "case_note"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id"), index=True)
    body: Mapped[str] = mapped_column(Text)
    written_at: Mapped[datetime] = mapped_column(UTCDateTime)
    written_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    corrects_id: Mapped[int | None] = mapped_column(ForeignKey("case_note.id"))
    correction_reason: Mapped[str] = mapped_column(Text, default="")
