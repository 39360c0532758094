"""After the first response: investigation and finding, victim notices, incident review,
retaliation monitoring and the abuser's mental health evaluation (CPP 14.7 E.3, H, I, K)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from incident_desk.domain.enums import Finding, RetaliationStatus, VictimNoticeKind
from incident_desk.storage.column_types import UTCDateTime, enum_column
from incident_desk.storage.rows.base import AppendOnly, Base


class InvestigationRow(Base):
    __tablename__ = "investigation"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id"), unique=True)
    investigator_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), index=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    criminal_referral: Mapped[bool] = mapped_column(Boolean, default=False)
    referred_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    referral_agency: Mapped[str] = mapped_column(String(200), default="")
    concluded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finding: Mapped[Finding | None] = mapped_column(enum_column(Finding))
    staff_actions_contributed: Mapped[bool | None] = mapped_column(Boolean)
    summary: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class VictimNotificationRow(AppendOnly, Base):
    """H.6: the alleged victim told of the finding and of the perpetrator's moves, each dated."""

    __tablename__ = "victim_notification"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id"), index=True)
    case_person_id: Mapped[int] = mapped_column(ForeignKey("case_person.id"))
    kind: Mapped[VictimNoticeKind] = mapped_column(enum_column(VictimNoticeKind))
    event_on: Mapped[datetime | None] = mapped_column(UTCDateTime)
    informed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    informed_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    method: Mapped[str] = mapped_column(String(60), default="")
    details: Mapped[str] = mapped_column(Text, default="")


class IncidentReviewRow(Base):
    """14.7 I: the review team's five considerations and what became of the recommendations."""

    __tablename__ = "incident_review"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id"), unique=True)
    held_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    team: Mapped[str] = mapped_column(Text, default="")
    policy_revision_needed: Mapped[str] = mapped_column(Text, default="")
    motivation_considered: Mapped[str] = mapped_column(Text, default="")
    physical_barriers: Mapped[str] = mapped_column(Text, default="")
    staffing_levels: Mapped[str] = mapped_column(Text, default="")
    monitoring_technology: Mapped[str] = mapped_column(Text, default="")
    recommendations: Mapped[str] = mapped_column(Text, default="")
    implementation: Mapped[str] = mapped_column(Text, default="")
    reasons_not_implemented: Mapped[str] = mapped_column(Text, default="")
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class RetaliationMonitoringRow(Base):
    """14.7 K: at least 90 days for one person, by a designated staff member."""

    __tablename__ = "retaliation_monitoring"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id"), index=True)
    case_person_id: Mapped[int] = mapped_column(ForeignKey("case_person.id"))
    monitor_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    end_reason: Mapped[str] = mapped_column(Text, default="")


class RetaliationCheckRow(AppendOnly, Base):
    __tablename__ = "retaliation_check"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    monitoring_id: Mapped[int] = mapped_column(ForeignKey("retaliation_monitoring.id"), index=True)
    checked_at: Mapped[datetime] = mapped_column(UTCDateTime)
    status: Mapped[RetaliationStatus] = mapped_column(enum_column(RetaliationStatus))
    notes: Mapped[str] = mapped_column(Text, default="")
    checked_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))


class MentalHealthEvaluationRow(Base):
    """14.7 E.3: evaluation of a known offender-on-offender abuser within 60 days."""

    __tablename__ = "mental_health_evaluation"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id"), index=True)
    case_person_id: Mapped[int] = mapped_column(ForeignKey("case_person.id"))
    abuse_known_at: Mapped[datetime] = mapped_column(UTCDateTime)
    attempted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    evaluated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    outcome: Mapped[str] = mapped_column(Text, default="")
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
