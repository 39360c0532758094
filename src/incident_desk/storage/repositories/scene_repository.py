"""The scene of a case, its entry log and its release."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from incident_desk.domain.enums import SceneEntrantRole, SceneEvent
from incident_desk.storage.rows import SceneLogEntryRow, SceneReleaseRow, SceneRow


@dataclass(frozen=True, slots=True)
class SceneLogRecord:
    """A log line as plain values: reading hundreds of lines this way is several times faster
    than building ORM rows, and a log line never changes anyway."""

    id: int
    scene_id: int
    event: SceneEvent
    contact_id: int
    entrant_role: SceneEntrantRole
    agency: str
    purpose: str
    occurred_at: datetime
    entry_id: int | None
    videotaped: bool
    video_reference: str
    violation: bool
    allowed_by: str
    recorded_by_id: int
    recorded_at: datetime
    corrects_id: int | None
    correction_reason: str

    @classmethod
    def of(cls, row: SceneLogEntryRow) -> SceneLogRecord:
        return cls(*(getattr(row, name) for name in _LOG_FIELDS))


@dataclass(frozen=True, slots=True)
class SceneLogKey:
    """The part of a log line that decides who was inside when: all the entry rules need,
    and half the cost of a whole line to read."""

    id: int
    event: SceneEvent
    contact_id: int
    occurred_at: datetime
    entry_id: int | None
    corrects_id: int | None


_LOG_FIELDS = tuple(field.name for field in fields(SceneLogRecord))
_LOG_COLUMNS = tuple(getattr(SceneLogEntryRow, name) for name in _LOG_FIELDS)
_KEY_COLUMNS = tuple(getattr(SceneLogEntryRow, field.name) for field in fields(SceneLogKey))


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
        """Every line of the scene's log, corrected and correcting lines alike, oldest first."""
        return self._session.scalars(
            select(SceneLogEntryRow)
            .where(SceneLogEntryRow.scene_id == scene_id)
            .order_by(SceneLogEntryRow.occurred_at, SceneLogEntryRow.id)
        ).all()

    def log_records(self, scene_id: int) -> list[SceneLogRecord]:
        """The same lines as ``log``, as plain values."""
        # Straight through the connection: no ORM row is built, which is what makes it fast.
        self._session.flush()
        rows = self._session.connection().execute(
            select(*_LOG_COLUMNS)
            .where(SceneLogEntryRow.scene_id == scene_id)
            .order_by(SceneLogEntryRow.occurred_at, SceneLogEntryRow.id)
        )
        return [SceneLogRecord(*row) for row in rows]

    def log_keys(self, scene_id: int) -> list[SceneLogKey]:
        """Every line of the log, reduced to what the entry rules need."""
        self._session.flush()
        rows = self._session.connection().execute(
            select(*_KEY_COLUMNS).where(SceneLogEntryRow.scene_id == scene_id)
        )
        return [SceneLogKey(*row) for row in rows]

    def entry(self, entry_id: int) -> SceneLogEntryRow | None:
        return self._session.get(SceneLogEntryRow, entry_id)

    def inside(self, scene_id: int) -> dict[int, SceneLogEntryRow]:
        """Who is inside now: contact id -> their open entry (an entry with no exit).

        Corrected lines are ignored; an exit closes the entry it points at (or any later
        version of that entry).
        """
        rows = self.log(scene_id)
        parent = {row.id: row.corrects_id for row in rows}
        superseded = {row.corrects_id for row in rows if row.corrects_id is not None}

        def root(row_id: int) -> int:
            while parent.get(row_id) is not None:
                row_id = parent[row_id]  # type: ignore[assignment]
            return row_id

        current = [row for row in rows if row.id not in superseded]
        closed = {
            root(row.entry_id)
            for row in current
            if row.event is SceneEvent.EXITED and row.entry_id is not None
        }
        return {
            row.contact_id: row
            for row in current
            if row.event is SceneEvent.ENTERED and root(row.id) not in closed
        }

    def release(self, scene_id: int) -> SceneReleaseRow | None:
        return self._session.scalars(
            select(SceneReleaseRow).where(SceneReleaseRow.scene_id == scene_id)
        ).first()

    def releases(self, scene_ids: Sequence[int]) -> dict[int, SceneReleaseRow]:
        if not scene_ids:
            return {}
        rows = self._session.scalars(
            select(SceneReleaseRow).where(SceneReleaseRow.scene_id.in_(scene_ids))
        )
        return {row.scene_id: row for row in rows}
