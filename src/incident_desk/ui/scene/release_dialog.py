"""Releasing the scene (SPEC step 7, CPP 14.7 G.3.f): by the investigating authority only, once
the investigation is verified complete; who verified it and when are recorded with it.

The release is final: afterwards the entry log is closed, and the screen says so.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QWidget

from incident_desk.domain.protocol import FieldDefinition, FieldKind
from incident_desk.domain.validation import ValidationMessage
from incident_desk.ui.messages import scene as words
from incident_desk.ui.scene.scene_form_dialog import SceneFormDialog
from incident_desk.ui.scene.scene_services import SceneServices
from incident_desk.ui.widgets.background import BackgroundRunner
from incident_desk.ui.workflow.step_fields import DateTimeFieldEditor

AUTHORITY = "authority"
VERIFIED_BY = "verified_complete_by"
VERIFIED_AT = "verified_complete_at"
RELEASED_AT = "released_at"


class ReleaseDialog(SceneFormDialog):
    """The form; ``recorded`` carries the released SceneView."""

    def __init__(
        self,
        scene_id: int,
        services: SceneServices,
        runner: BackgroundRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(words.RELEASE_TITLE, words.RELEASE_SAVE, runner, parent)
        self.scene_id = scene_id
        self._services = services
        self.add_note(words.RELEASE_RULE, top=True)
        self.authority = QLineEdit(self)
        self.authority.setAccessibleName(words.RELEASE_AUTHORITY)
        self.authority.setPlaceholderText(words.RELEASE_AUTHORITY_HINT)
        self.add_row(AUTHORITY, words.RELEASE_AUTHORITY, self.authority)
        self.verified_by = QLineEdit(self)
        self.verified_by.setAccessibleName(words.RELEASE_VERIFIED_BY)
        self.add_row(VERIFIED_BY, words.RELEASE_VERIFIED_BY, self.verified_by)
        self.verified_at = self._time(VERIFIED_AT, words.RELEASE_VERIFIED_AT)
        self.released_at = self._time(RELEASED_AT, words.RELEASE_AT)
        self.add_note(words.RELEASE_FINAL)
        self.finish()
        self.authority.setFocus()

    def _time(self, key: str, label: str) -> DateTimeFieldEditor:
        editor = DateTimeFieldEditor(
            FieldDefinition(key, label, FieldKind.DATETIME), self._services.now, self
        )
        editor.set_moment(self._services.now())
        self.add_row(key, label, editor)
        return editor

    def save(self) -> None:
        verified_at, released_at = self.verified_at.moment(), self.released_at.moment()
        problems = [
            ValidationMessage(key, words.MSG_NO_TIME)
            for key, moment in ((VERIFIED_AT, verified_at), (RELEASED_AT, released_at))
            if moment is None
        ]
        if problems or verified_at is None:
            self.refuse_here(*problems)
            return
        release, scene_id = self._services.release, self.scene_id
        authority, verifier = self.authority.text(), self.verified_by.text()
        self.submit(lambda: release(scene_id, released_at, authority, verifier, verified_at))
