"""Facilities, users, contacts outside a case, settings and signing authorities."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from incident_desk.domain.enums import Role
from incident_desk.storage.column_types import UTCDateTime, enum_column
from incident_desk.storage.rows.base import Base


class FacilityRow(Base):
    __tablename__ = "facility"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    agency_name: Mapped[str] = mapped_column(String(200), default="")
    address: Mapped[str] = mapped_column(Text, default="")
    head_title: Mapped[str] = mapped_column(String(100), default="Warden")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class UserRow(Base):
    """A person who signs in. The passphrase lives only as a wrapped key in the vault."""

    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[Role] = mapped_column(enum_column(Role))
    facility_id: Mapped[int | None] = mapped_column(ForeignKey("facility.id"), index=True)
    title: Mapped[str] = mapped_column(String(100), default="")
    badge_number: Mapped[str] = mapped_column(String(40), default="")
    vault_slot_id: Mapped[str] = mapped_column(String(64), unique=True)
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    disabled_reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))


class ContactRow(Base):
    """Anyone who can hold evidence, enter a scene or be notified: a user, or someone from outside.

    Custody transfers, scene entries and notifications point here, so "a person who does not
    exist" is a contact id that does not exist, and a user keeps one contact for life.
    """

    __tablename__ = "contact"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    agency: Mapped[str] = mapped_column(String(200), default="")
    title: Mapped[str] = mapped_column(String(100), default="")
    phone: Mapped[str] = mapped_column(String(60), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), unique=True)
    facility_id: Mapped[int | None] = mapped_column(ForeignKey("facility.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class SettingRow(Base):
    """An agency setting (deadline lengths, auto-lock minutes...), one value as text per key."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))


class SigningAuthorityRow(Base):
    """A facility's certificate authority; its private key lives wrapped in the vault, not here."""

    __tablename__ = "signing_authority"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    facility_id: Mapped[int] = mapped_column(ForeignKey("facility.id"), index=True)
    subject: Mapped[str] = mapped_column(String(300))
    certificate_der: Mapped[bytes | None] = mapped_column(LargeBinary)
    vault_secret_name: Mapped[str] = mapped_column(String(80))
    imported: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    retired_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class UserCertificateRow(Base):
    """A user's signing certificate, issued by the facility's authority (or imported PKCS#12)."""

    __tablename__ = "user_certificate"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    authority_id: Mapped[int | None] = mapped_column(ForeignKey("signing_authority.id"))
    certificate_der: Mapped[bytes] = mapped_column(LargeBinary)
    vault_secret_name: Mapped[str] = mapped_column(String(80))
    serial_number: Mapped[str] = mapped_column(String(80))
    not_before: Mapped[datetime] = mapped_column(UTCDateTime)
    not_after: Mapped[datetime] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
