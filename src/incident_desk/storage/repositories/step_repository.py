"""Checklist step records and field entries: the current state is the newest record of each step."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from incident_desk.storage.rows import CaseNoteRow, StepFieldEntryRow, StepRecordRow


class StepRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def get(self, record_id: int) -> StepRecordRow | None:
        return self._session.get(StepRecordRow, record_id)

    def history(self, case_id: int) -> Sequence[StepRecordRow]:
        return self._session.scalars(
            select(StepRecordRow).where(StepRecordRow.case_id == case_id).order_by(StepRecordRow.id)
        ).all()

    def current(self, case_id: int) -> dict[str, StepRecordRow]:
        """The newest record of each step: later records (corrections included) win."""
        return {record.step_key: record for record in self.history(case_id)}

    def current_of(
        self, case_ids: Sequence[int], step_keys: Sequence[str]
    ) -> dict[int, dict[str, StepRecordRow]]:
        newest = (
            select(func.max(StepRecordRow.id))
            .where(StepRecordRow.case_id.in_(case_ids), StepRecordRow.step_key.in_(step_keys))
            .group_by(StepRecordRow.case_id, StepRecordRow.step_key)
        )
        found: dict[int, dict[str, StepRecordRow]] = {}
        for row in self._session.scalars(select(StepRecordRow).where(StepRecordRow.id.in_(newest))):
            found.setdefault(row.case_id, {})[row.step_key] = row
        return found

    def field_values(self, case_id: int, step_key: str) -> dict[str, StepFieldEntryRow]:
        rows = self._session.scalars(
            select(StepFieldEntryRow)
            .where(StepFieldEntryRow.case_id == case_id, StepFieldEntryRow.step_key == step_key)
            .order_by(StepFieldEntryRow.id)
        )
        return {row.field_key: row for row in rows}

    def notes(self, case_id: int) -> Sequence[CaseNoteRow]:
        return self._session.scalars(
            select(CaseNoteRow).where(CaseNoteRow.case_id == case_id).order_by(CaseNoteRow.id)
        ).all()
