"""Attachments (encrypted with the database), generated documents and the audit hash chain."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from incident_desk.domain.enums import AttachmentKind
from incident_desk.storage.column_types import UTCDateTime, enum_column
from incident_desk.storage.rows.base import AppendOnly, Base


class AttachmentRow(AppendOnly, Base):
    """A photo, video still or scanned statement. The bytes live in AttachmentBlobRow."""

    __tablename__ = "attachment"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("case_file.id"), index=True)
    kind: Mapped[AttachmentKind] = mapped_column(enum_column(AttachmentKind))
    filename: Mapped[str] = mapped_column(String(255))
    media_type: Mapped[str] = mapped_column(String(100))
    size_bytes: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    caption: Mapped[str] = mapped_column(Text, default="")
    evidence_item_id: Mapped[int | None] = mapped_column(ForeignKey("evidence_item.id"), index=True)
    scene_id: Mapped[int | None] = mapped_column(ForeignKey("scene.id"), index=True)
    taken_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    added_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    added_at: Mapped[datetime] = mapped_column(UTCDateTime)


class AttachmentBlobRow(AppendOnly, Base):
    """The attachment's bytes, inside the encrypted database so they are never on disk in clear."""

    __tablename__ = "attachment_blob"

    attachment_id: Mapped[int] = mapped_column(ForeignKey("attachment.id"), primary_key=True)
    content: Mapped[bytes] = mapped_column(LargeBinary)


class GeneratedDocumentRow(AppendOnly, Base):
    """A signed PDF as exported: part of the record, never silently regenerated."""

    __tablename__ = "generated_document"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id"), index=True)
    form_key: Mapped[str] = mapped_column(String(60))
    form_version: Mapped[str] = mapped_column(String(20))
    attachment_id: Mapped[int] = mapped_column(ForeignKey("attachment.id"))
    sha256: Mapped[str] = mapped_column(String(64))
    audit_head_hash: Mapped[str] = mapped_column(String(64))
    signed_by_ids: Mapped[str] = mapped_column(String(200), default="")
    generated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    generated_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    supersedes_id: Mapped[int | None] = mapped_column(ForeignKey("generated_document.id"))
    #: Where each signature block's box lies, as drawn: a JSON list of {block, page, box}.
    signature_boxes: Mapped[str] = mapped_column(Text, default="[]", server_default="[]")


class AuditEventRow(AppendOnly, Base):
    """One link of the tamper-evident trail: ``hash`` = SHA-256(previous hash + ``body``).

    ``body`` holds every field of the event in canonical form (domain.audit_chain); ``case_id``
    is repeated as a column only so a case's events can be found by index, and verification
    checks that it agrees with the body.
    """

    __tablename__ = "audit_event"
    __table_args__ = (Index("ix_audit_event_case", "case_id", "seq"),)

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    case_id: Mapped[int | None] = mapped_column(Integer)
    body: Mapped[bytes] = mapped_column(LargeBinary)
    hash: Mapped[bytes] = mapped_column(LargeBinary(32))


class AuditChainHeadRow(Base):
    """The single row naming the newest event; writers lock it, so the chain never forks, and a
    truncated tail shows as a head that names an event that is gone."""

    __tablename__ = "audit_chain_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(Integer)
    hash: Mapped[bytes] = mapped_column(LargeBinary(32))
