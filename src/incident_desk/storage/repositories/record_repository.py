"""The rest of the record, by case: notifications, preservation, medical, dry cells, separation,
investigation and after-care, attachments, documents and the case's audit events."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from incident_desk.domain.audit_chain import AuditFields
from incident_desk.storage.audit_log import decoded_events
from incident_desk.storage.rows import (
    AttachmentBlobRow,
    AttachmentRow,
    InvestigationRow,
)

RowT = TypeVar("RowT")


class RecordRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def of_case(self, row_type: type[RowT], case_id: int) -> Sequence[RowT]:
        """Every row of ``row_type`` that belongs to the case, oldest first."""
        table: Any = row_type
        return self._session.scalars(
            select(row_type).where(table.case_id == case_id).order_by(table.id)
        ).all()

    def investigation(self, case_id: int) -> InvestigationRow | None:
        return self._session.scalars(
            select(InvestigationRow).where(InvestigationRow.case_id == case_id)
        ).first()

    def attachment_content(self, attachment_id: int) -> bytes | None:
        blob = self._session.get(AttachmentBlobRow, attachment_id)
        return None if blob is None else blob.content

    def attachment(self, attachment_id: int) -> AttachmentRow | None:
        return self._session.get(AttachmentRow, attachment_id)

    def audit_events(self, case_id: int) -> list[AuditFields]:
        """The case's audit events, oldest first, as recorded in their hashed bodies."""
        return decoded_events(self._session.connection(), case_id)
