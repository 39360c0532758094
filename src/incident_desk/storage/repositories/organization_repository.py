"""Facilities, users, contacts and settings."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from incident_desk.storage.rows import ContactRow, FacilityRow, SettingRow, UserRow


class OrganizationRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def facility(self, facility_id: int) -> FacilityRow | None:
        return self._session.get(FacilityRow, facility_id)

    def facility_by_code(self, code: str) -> FacilityRow | None:
        return self._session.scalars(
            select(FacilityRow).where(func.upper(FacilityRow.code) == code.upper())
        ).first()

    def facilities(self) -> Sequence[FacilityRow]:
        return self._session.scalars(select(FacilityRow).order_by(FacilityRow.code)).all()

    def user(self, user_id: int) -> UserRow | None:
        return self._session.get(UserRow, user_id)

    def user_by_name(self, username: str) -> UserRow | None:
        return self._session.scalars(
            select(UserRow).where(func.lower(UserRow.username) == username.casefold())
        ).first()

    def user_by_slot(self, slot_id: str) -> UserRow | None:
        return self._session.scalars(
            select(UserRow).where(UserRow.vault_slot_id == slot_id)
        ).first()

    def users(self) -> Sequence[UserRow]:
        return self._session.scalars(select(UserRow).order_by(UserRow.username)).all()

    def count_users(self) -> int:
        return int(self._session.scalar(select(func.count()).select_from(UserRow)) or 0)

    def contact(self, contact_id: int) -> ContactRow | None:
        return self._session.get(ContactRow, contact_id)

    def contact_for_user(self, user_id: int) -> ContactRow | None:
        return self._session.scalars(
            select(ContactRow).where(ContactRow.user_id == user_id)
        ).first()

    def settings(self) -> dict[str, str]:
        return {row.key: row.value for row in self._session.scalars(select(SettingRow))}

    def setting(self, key: str) -> SettingRow | None:
        return self._session.get(SettingRow, key)
