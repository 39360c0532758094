"""The crime scene, its entry log and its release (CPP 14.7 G.3.b, G.3.d–f)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from incident_desk.domain.enums import SceneEntrantRole, SceneEvent
from incident_desk.storage.column_types import UTCDateTime, enum_column
from incident_desk.storage.rows.base import AppendOnly, Base


class SceneRow(Base):
    __tablename__ = "scene"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id"), index=True)
    location: Mapped[str] = mapped_column(String(300))
    secured: Mapped[bool] = mapped_column(Boolean)
    secured_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    secured_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    cannot_secure_reason: Mapped[str] = mapped_column(Text, default="")
    photographed: Mapped[bool] = mapped_column(Boolean, default=False)
    videotaped: Mapped[bool] = mapped_column(Boolean, default=False)
    evidence_collected: Mapped[bool] = mapped_column(Boolean, default=False)
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)
    #: The checklist step entry that wrote this row, when a completed step wrote it.
    step_record_id: Mapped[int | None] = mapped_column(ForeignKey("step_record.id"), index=True)


class SceneLogEntryRow(AppendOnly, Base):
    """One line of the entry log: someone entered or left. An exit points at its entry.

    An entry by someone not permitted (G.3.d) is kept, marked as a violation with who allowed it.
    """

    __tablename__ = "scene_log_entry"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    scene_id: Mapped[int] = mapped_column(ForeignKey("scene.id"), index=True)
    event: Mapped[SceneEvent] = mapped_column(enum_column(SceneEvent))
    contact_id: Mapped[int] = mapped_column(ForeignKey("contact.id"), index=True)
    entrant_role: Mapped[SceneEntrantRole] = mapped_column(enum_column(SceneEntrantRole))
    agency: Mapped[str] = mapped_column(String(200), default="")
    purpose: Mapped[str] = mapped_column(Text, default="")
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime)
    entry_id: Mapped[int | None] = mapped_column(ForeignKey("scene_log_entry.id"))
    videotaped: Mapped[bool] = mapped_column(Boolean, default=False)
    video_reference: Mapped[str] = mapped_column(String(200), default="")
    violation: Mapped[bool] = mapped_column(Boolean, default=False)
    allowed_by: Mapped[str] = mapped_column(String(200), default="")
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)
    corrects_id: Mapped[int | None] = mapped_column(ForeignKey("scene_log_entry.id"))
    correction_reason: Mapped[str] = mapped_column(Text, default="")


class SceneReleaseRow(AppendOnly, Base):
    """G.3.f: released only by the investigating authority once the investigation is verified."""

    __tablename__ = "scene_release"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    scene_id: Mapped[int] = mapped_column(ForeignKey("scene.id"), unique=True)
    released_at: Mapped[datetime] = mapped_column(UTCDateTime)
    released_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    authority: Mapped[str] = mapped_column(String(200))
    verified_complete_by: Mapped[str] = mapped_column(String(200))
    verified_complete_at: Mapped[datetime] = mapped_column(UTCDateTime)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)
