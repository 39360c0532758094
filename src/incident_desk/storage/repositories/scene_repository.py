"""The scene of a case, its entry log and its release."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from incident_desk.domain.enums import SceneEvent
from incident_desk.storage.rows import SceneLogEntryRow, SceneReleaseRow, SceneRow


class SceneRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def get(self, scene_id: int) -> SceneRow | None:
        return self._session.get(SceneRow, scene_id)

    def scenes(self, case_id: int) -> Sequence[SceneRow]:
        return self._session.scalars(
            select(SceneRow).where(SceneRow.case_id == case_id).order_by(SceneRow.id)
        ).all()

    def log(self, scene_id: int) -> Sequence[SceneLogEntryRow]:
        return self._session.scalars(
            select(SceneLogEntryRow)
            .where(SceneLogEntryRow.scene_id == scene_id)
            .order_by(SceneLogEntryRow.occurred_at, SceneLogEntryRow.id)
        ).all()

    def inside(self, scene_id: int) -> dict[int, SceneLogEntryRow]:
        """Who is inside now: contact id -> their open entry (an entry with no exit)."""
        open_entries: dict[int, SceneLogEntryRow] = {}
        for row in self.log(scene_id):
            if row.event is SceneEvent.ENTERED:
                open_entries[row.contact_id] = row
            else:
                open_entries.pop(row.contact_id, None)
        return open_entries

    def release(self, scene_id: int) -> SceneReleaseRow | None:
        return self._session.scalars(
            select(SceneReleaseRow).where(SceneReleaseRow.scene_id == scene_id)
        ).first()
