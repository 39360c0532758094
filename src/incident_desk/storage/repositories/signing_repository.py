"""Signing authorities and the users' signing certificates they issued."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from incident_desk.storage.rows import SigningAuthorityRow, UserCertificateRow


class SigningRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def authority(self, authority_id: int) -> SigningAuthorityRow | None:
        return self._session.get(SigningAuthorityRow, authority_id)

    def current_authorities(self, facility_id: int | None = None) -> Sequence[SigningAuthorityRow]:
        """Authorities not retired (of one facility when given), newest first."""
        query = select(SigningAuthorityRow).where(SigningAuthorityRow.retired_at.is_(None))
        if facility_id is not None:
            query = query.where(SigningAuthorityRow.facility_id == facility_id)
        return self._session.scalars(query.order_by(SigningAuthorityRow.id.desc())).all()

    def authorities(self) -> Sequence[SigningAuthorityRow]:
        """Every authority ever used here, retired ones too, current ones first, newest first."""
        return self._session.scalars(
            select(SigningAuthorityRow).order_by(
                SigningAuthorityRow.retired_at.is_not(None), SigningAuthorityRow.id.desc()
            )
        ).all()

    def current_certificate(self, user_id: int) -> UserCertificateRow | None:
        """The user's newest certificate that has not been revoked."""
        return self._session.scalars(
            select(UserCertificateRow)
            .where(UserCertificateRow.user_id == user_id, UserCertificateRow.revoked_at.is_(None))
            .order_by(UserCertificateRow.id.desc())
        ).first()

    def certificates_from(self, authority_id: int) -> Sequence[UserCertificateRow]:
        """Certificates the authority issued that are still in force."""
        return self._session.scalars(
            select(UserCertificateRow).where(
                UserCertificateRow.authority_id == authority_id,
                UserCertificateRow.revoked_at.is_(None),
            )
        ).all()

    def certificates_of(self, user_id: int) -> Sequence[UserCertificateRow]:
        """Every certificate the user was ever issued, revoked ones too, oldest first."""
        return self._session.scalars(
            select(UserCertificateRow)
            .where(UserCertificateRow.user_id == user_id)
            .order_by(UserCertificateRow.id)
        ).all()
