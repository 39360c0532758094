"""Queries of the first hours that the step and record repositories do not answer: the newest
record of one step, a person's open dry-cell placement and medical record, the case's scene
log, and the names behind user and contact ids (for timelines and snapshots)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from incident_desk.domain.enums import NotificationKind
from incident_desk.storage.rows import (
    CaseNoteRow,
    ContactRow,
    DryCellPlacementRow,
    MedicalRecordRow,
    NotificationRow,
    SceneLogEntryRow,
    SceneReleaseRow,
    SceneRow,
    StepRecordRow,
    UserRow,
)


class FirstResponseRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def latest_step_record(self, case_id: int, step_key: str) -> StepRecordRow | None:
        """The newest record of one step (its current state), by the (case, step) index."""
        return self._session.scalars(
            select(StepRecordRow)
            .where(StepRecordRow.case_id == case_id, StepRecordRow.step_key == step_key)
            .order_by(StepRecordRow.id.desc())
            .limit(1)
        ).first()

    def step_record_corrected(self, record_id: int) -> bool:
        """Whether a later step record points at this one as the record it corrects."""
        found = self._session.scalars(
            select(StepRecordRow.id).where(StepRecordRow.corrects_id == record_id).limit(1)
        ).first()
        return found is not None

    def note_corrected(self, note_id: int) -> bool:
        """Whether a later note points at this one as the note it corrects."""
        found = self._session.scalars(
            select(CaseNoteRow.id).where(CaseNoteRow.corrects_id == note_id).limit(1)
        ).first()
        return found is not None

    def notification_corrected(self, notification_id: int) -> bool:
        found = self._session.scalars(
            select(NotificationRow.id)
            .where(NotificationRow.corrects_id == notification_id)
            .limit(1)
        ).first()
        return found is not None

    def display_names(self, user_ids: Iterable[int | None]) -> dict[int, str]:
        """User id -> display name, for the ids given (None and unknown ids are skipped)."""
        wanted = sorted({user_id for user_id in user_ids if user_id is not None})
        if not wanted:
            return {}
        rows = self._session.execute(
            select(UserRow.id, UserRow.display_name).where(UserRow.id.in_(wanted))
        )
        return {user_id: name for user_id, name in rows}

    def contact_names(self, contact_ids: Iterable[int | None]) -> dict[int, str]:
        """Contact id -> name, for the ids given."""
        wanted = sorted({contact_id for contact_id in contact_ids if contact_id is not None})
        if not wanted:
            return {}
        rows = self._session.execute(
            select(ContactRow.id, ContactRow.name).where(ContactRow.id.in_(wanted))
        )
        return {contact_id: name for contact_id, name in rows}

    def open_dry_cell(self, case_person_id: int) -> DryCellPlacementRow | None:
        """The person's placement that has not been released, if any."""
        return self._session.scalars(
            select(DryCellPlacementRow).where(
                DryCellPlacementRow.case_person_id == case_person_id,
                DryCellPlacementRow.released_at.is_(None),
            )
        ).first()

    def medical_record(self, case_id: int, case_person_id: int) -> MedicalRecordRow | None:
        return self._session.scalars(
            select(MedicalRecordRow).where(
                MedicalRecordRow.case_id == case_id,
                MedicalRecordRow.case_person_id == case_person_id,
            )
        ).first()

    def notifications(self, case_id: int, kind: NotificationKind) -> Sequence[NotificationRow]:
        """The case's notifications of one kind, oldest first, corrections included."""
        return self._session.scalars(
            select(NotificationRow)
            .where(NotificationRow.case_id == case_id, NotificationRow.kind == kind)
            .order_by(NotificationRow.id)
        ).all()

    def latest_scene(self, case_id: int) -> SceneRow | None:
        return self._session.scalars(
            select(SceneRow).where(SceneRow.case_id == case_id).order_by(SceneRow.id.desc())
        ).first()

    def scene_log_of_case(self, case_id: int) -> Sequence[SceneLogEntryRow]:
        """Every line of every scene log of the case, oldest first."""
        return self._session.scalars(
            select(SceneLogEntryRow)
            .join(SceneRow, SceneRow.id == SceneLogEntryRow.scene_id)
            .where(SceneRow.case_id == case_id)
            .order_by(SceneLogEntryRow.id)
        ).all()

    def scene_releases_of_case(self, case_id: int) -> Sequence[SceneReleaseRow]:
        return self._session.scalars(
            select(SceneReleaseRow)
            .join(SceneRow, SceneRow.id == SceneReleaseRow.scene_id)
            .where(SceneRow.case_id == case_id)
            .order_by(SceneReleaseRow.id)
        ).all()
