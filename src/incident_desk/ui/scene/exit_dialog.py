"""Logging someone leaving the scene: it closes their open entry (SPEC step 6).

The people inside are listed first; anyone else can be searched for, and the log refuses an
exit for someone not inside, or an exit earlier than the entry it closes, saying which.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QWidget

from incident_desk.domain.protocol import FieldDefinition, FieldKind
from incident_desk.domain.validation import FIELD_EXITED_AT, ValidationMessage
from incident_desk.services.contacts import ContactSnapshot
from incident_desk.ui.messages import scene as words
from incident_desk.ui.scene.person_picker_widget import PersonPickerWidget
from incident_desk.ui.scene.scene_form_dialog import SceneFormDialog
from incident_desk.ui.scene.scene_services import SceneServices
from incident_desk.ui.widgets.background import BackgroundRunner
from incident_desk.ui.workflow.step_fields import DateTimeFieldEditor

CONTACT = "contact_id"


class ExitDialog(SceneFormDialog):
    """The form; ``recorded`` carries the new SceneLogLine."""

    def __init__(
        self,
        scene_id: int,
        inside: Sequence[ContactSnapshot],
        services: SceneServices,
        runner: BackgroundRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(words.EXIT_TITLE, words.EXIT_SAVE, runner, parent)
        self.scene_id = scene_id
        self._services = services
        self.person = PersonPickerWidget(
            services.find_contacts, services.add_contact, runner, inside, self
        )
        self.add_row(CONTACT, words.PERSON, self.person)
        definition = FieldDefinition(FIELD_EXITED_AT, words.EXIT_TIME, FieldKind.DATETIME)
        self.exited_at = DateTimeFieldEditor(definition, services.now, self)
        self.exited_at.set_moment(services.now())
        self.add_row(FIELD_EXITED_AT, words.EXIT_TIME, self.exited_at)
        self.finish()
        self.person.setFocus()

    def save(self) -> None:
        person, when = self.person.chosen, self.exited_at.moment()
        problems: list[ValidationMessage] = []
        if person is None:
            problems.append(ValidationMessage(CONTACT, words.PERSON_PICK))
        if when is None:
            problems.append(ValidationMessage(FIELD_EXITED_AT, words.MSG_NO_TIME))
        if problems or person is None:
            self.refuse_here(*problems)
            return
        log_exit, scene_id, contact_id = self._services.log_exit, self.scene_id, person.id
        self.submit(lambda: log_exit(scene_id, contact_id, when))

    def done(self, result: int) -> None:
        self.person.retire()
        super().done(result)
