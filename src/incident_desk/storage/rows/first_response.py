"""What the first hours record beyond the checklist: separation, notifications, evidence
preservation, medical care and consent, dry-cell placements (CPP 14.7 G.3–G.10)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from incident_desk.domain.enums import (
    AdvocateStatus,
    Consent,
    ExaminerType,
    NotificationKind,
    NotificationMethod,
    PreservationAct,
    SeparationMethod,
)
from incident_desk.storage.column_types import UTCDateTime, enum_column
from incident_desk.storage.rows.base import AppendOnly, Base


class SeparationRow(Base):
    __tablename__ = "separation"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id"), index=True)
    method: Mapped[SeparationMethod] = mapped_column(enum_column(SeparationMethod))
    description: Mapped[str] = mapped_column(Text, default="")
    separated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)
    #: The checklist step entry that wrote this row, when a completed step wrote it.
    step_record_id: Mapped[int | None] = mapped_column(ForeignKey("step_record.id"), index=True)


class NotificationRow(AppendOnly, Base):
    """A notification made: who was told, how, when (G.3.c, G.6, G.9, G.10)."""

    __tablename__ = "notification"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id"), index=True)
    kind: Mapped[NotificationKind] = mapped_column(enum_column(NotificationKind))
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contact.id"))
    person_name: Mapped[str] = mapped_column(String(200), default="")
    method: Mapped[NotificationMethod] = mapped_column(enum_column(NotificationMethod))
    notified_at: Mapped[datetime] = mapped_column(UTCDateTime)
    advocate_status: Mapped[AdvocateStatus | None] = mapped_column(enum_column(AdvocateStatus))
    other_facility_name: Mapped[str] = mapped_column(String(200), default="")
    reference: Mapped[str] = mapped_column(String(100), default="")
    details: Mapped[str] = mapped_column(Text, default="")
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)
    corrects_id: Mapped[int | None] = mapped_column(ForeignKey("notification.id"))
    correction_reason: Mapped[str] = mapped_column(Text, default="")
    #: The checklist step entry that wrote this row, when a completed step wrote it.
    step_record_id: Mapped[int | None] = mapped_column(ForeignKey("step_record.id"), index=True)


class PreservationInstructionRow(AppendOnly, Base):
    """G.4 instruction given to one person: requested of the victim, ensured for the perpetrator."""

    __tablename__ = "preservation_instruction"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id"), index=True)
    case_person_id: Mapped[int] = mapped_column(ForeignKey("case_person.id"), index=True)
    instructed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    instructed_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    how_ensured: Mapped[str] = mapped_column(Text, default="")
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)


class PreservationViolationRow(AppendOnly, Base):
    """One of the eight prohibited acts that happened anyway, and when."""

    __tablename__ = "preservation_violation"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id"), index=True)
    case_person_id: Mapped[int] = mapped_column(ForeignKey("case_person.id"), index=True)
    act: Mapped[PreservationAct] = mapped_column(enum_column(PreservationAct))
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime)
    details: Mapped[str] = mapped_column(Text, default="")
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)


class MedicalRecordRow(Base):
    """Transport, clean sheet, SAFE/SANE request and the two separate consents (G.5)."""

    __tablename__ = "medical_record"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id"), index=True)
    case_person_id: Mapped[int] = mapped_column(ForeignKey("case_person.id"), index=True)
    transport_arranged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    departed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    destination: Mapped[str] = mapped_column(String(200), default="")
    clean_sheet_used: Mapped[bool | None] = mapped_column(Boolean)
    examiner_requested_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    examiner_type: Mapped[ExaminerType | None] = mapped_column(enum_column(ExaminerType))
    examiner_efforts: Mapped[str] = mapped_column(Text, default="")
    forensic_exam_consent: Mapped[Consent] = mapped_column(
        enum_column(Consent), default=Consent.NOT_ASKED
    )
    medical_care_consent: Mapped[Consent] = mapped_column(
        enum_column(Consent), default=Consent.NOT_ASKED
    )
    consent_recorded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    notes: Mapped[str] = mapped_column(Text, default="")
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    #: The checklist step entry that wrote this record last (None when the medical panel did).
    step_record_id: Mapped[int | None] = mapped_column(ForeignKey("step_record.id"), index=True)


class DryCellPlacementRow(Base):
    """G.7: strip search, paper gown, possessions taken; never longer than sixteen hours."""

    __tablename__ = "dry_cell_placement"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id"), index=True)
    case_person_id: Mapped[int] = mapped_column(ForeignKey("case_person.id"), index=True)
    cell: Mapped[str] = mapped_column(String(100), default="")
    placed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    placed_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    strip_searched: Mapped[bool] = mapped_column(Boolean, default=False)
    paper_gown_issued: Mapped[bool] = mapped_column(Boolean, default=False)
    possessions_taken: Mapped[bool] = mapped_column(Boolean, default=False)
    released_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    released_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    release_reason: Mapped[str] = mapped_column(Text, default="")
    #: The checklist step entry that wrote this row, when a completed step wrote it.
    step_record_id: Mapped[int | None] = mapped_column(ForeignKey("step_record.id"), index=True)
