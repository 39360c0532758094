"""Staff sexual offense complaints (CPP 3.22 C) and staff–offender relationship notices and
requests (OMES-023, WDOC 1.006, St. Louis 1.3.36)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from incident_desk.domain.enums import Decision, RelationshipNoticeKind, StatementAuthor
from incident_desk.storage.column_types import UTCDateTime, enum_column
from incident_desk.storage.rows.base import AppendOnly, Base


class StaffComplaintRow(Base):
    """The complaint in writing, or the refusal documented by the supervisor and confirmed."""

    __tablename__ = "staff_complaint"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("case_file.id"), index=True)
    facility_id: Mapped[int] = mapped_column(ForeignKey("facility.id"), index=True)
    complainant_name: Mapped[str] = mapped_column(String(200))
    staff_member_name: Mapped[str] = mapped_column(String(200))
    received_at: Mapped[datetime] = mapped_column(UTCDateTime)
    supervisor_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    written_by_complainant: Mapped[bool] = mapped_column(Boolean, default=False)
    refusal_documented: Mapped[bool] = mapped_column(Boolean, default=False)
    supervisor_account: Mapped[str] = mapped_column(Text, default="")
    complainant_confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reported_to: Mapped[str] = mapped_column(String(200), default="")
    reported_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class StaffStatementRow(AppendOnly, Base):
    __tablename__ = "staff_statement"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("staff_complaint.id"), index=True)
    author: Mapped[StatementAuthor] = mapped_column(enum_column(StatementAuthor))
    author_name: Mapped[str] = mapped_column(String(200))
    received_at: Mapped[datetime] = mapped_column(UTCDateTime)
    text: Mapped[str] = mapped_column(Text, default="")
    attachment_id: Mapped[int | None] = mapped_column(ForeignKey("attachment.id"))
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))


class RelationshipNoticeRow(Base):
    """A declared pre-existing relationship, a request to visit, write, phone or deposit money,
    or gift consent, with the written approval or denial."""

    __tablename__ = "relationship_notice"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    facility_id: Mapped[int] = mapped_column(ForeignKey("facility.id"), index=True)
    kind: Mapped[RelationshipNoticeKind] = mapped_column(enum_column(RelationshipNoticeKind))
    staff_name: Mapped[str] = mapped_column(String(200))
    staff_user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    offender_name: Mapped[str] = mapped_column(String(200))
    offender_identifier: Mapped[str] = mapped_column(String(60), default="")
    relationship: Mapped[str] = mapped_column(String(200), default="")
    details: Mapped[str] = mapped_column(Text, default="")
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime)
    decision: Mapped[Decision] = mapped_column(enum_column(Decision), default=Decision.PENDING)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decision_reason: Mapped[str] = mapped_column(Text, default="")
    attachment_id: Mapped[int | None] = mapped_column(ForeignKey("attachment.id"))
