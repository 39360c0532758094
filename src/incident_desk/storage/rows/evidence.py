"""Evidence items and their chain of custody, with the drawn signatures of each hand-over."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from incident_desk.domain.enums import CustodyAction, EvidenceSource, Packaging
from incident_desk.storage.column_types import UTCDateTime, enum_column
from incident_desk.storage.rows.base import AppendOnly, Base


class EvidenceItemRow(Base):
    """A bagged item. Its custody is the chain of CustodyTransferRow, not a column here."""

    __tablename__ = "evidence_item"
    __table_args__ = (UniqueConstraint("case_id", "sequence"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id"), index=True)
    sequence: Mapped[int] = mapped_column(Integer)
    item_number: Mapped[str] = mapped_column(String(60), unique=True)
    description: Mapped[str] = mapped_column(Text)
    source: Mapped[EvidenceSource] = mapped_column(enum_column(EvidenceSource))
    found_location: Mapped[str] = mapped_column(String(300), default="")
    collected_by_contact_id: Mapped[int] = mapped_column(ForeignKey("contact.id"))
    collected_at: Mapped[datetime] = mapped_column(UTCDateTime)
    packaging: Mapped[Packaging] = mapped_column(enum_column(Packaging))
    seal_number: Mapped[str] = mapped_column(String(60), default="")
    storage_location: Mapped[str] = mapped_column(String(200), default="")
    condition: Mapped[str] = mapped_column(Text, default="")
    case_person_id: Mapped[int | None] = mapped_column(ForeignKey("case_person.id"))
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)


class SignatureRow(AppendOnly, Base):
    """A hand-drawn signature kept as vector strokes (JSON list of strokes of [x, y, t] points)."""

    __tablename__ = "signature"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contact.id"), index=True)
    strokes_json: Mapped[str] = mapped_column(Text)
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    captured_at: Mapped[datetime] = mapped_column(UTCDateTime)


class CustodyTransferRow(AppendOnly, Base):
    """A link in the chain: collected, handed over, or disposed of (which ends the chain)."""

    __tablename__ = "custody_transfer"
    __table_args__ = (Index("ix_custody_transfer_item_at", "evidence_item_id", "transferred_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    evidence_item_id: Mapped[int] = mapped_column(ForeignKey("evidence_item.id"))
    action: Mapped[CustodyAction] = mapped_column(enum_column(CustodyAction))
    from_contact_id: Mapped[int | None] = mapped_column(ForeignKey("contact.id"))
    to_contact_id: Mapped[int | None] = mapped_column(ForeignKey("contact.id"), index=True)
    transferred_at: Mapped[datetime] = mapped_column(UTCDateTime)
    purpose: Mapped[str] = mapped_column(Text, default="")
    disposition_to: Mapped[str] = mapped_column(String(200), default="")
    from_signature_id: Mapped[int | None] = mapped_column(ForeignKey("signature.id"))
    to_signature_id: Mapped[int | None] = mapped_column(ForeignKey("signature.id"))
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)
    corrects_id: Mapped[int | None] = mapped_column(ForeignKey("custody_transfer.id"))
    correction_reason: Mapped[str] = mapped_column(Text, default="")
