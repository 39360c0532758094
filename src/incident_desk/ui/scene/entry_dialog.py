"""Logging someone going into the secured scene (SPEC step 6, CPP 14.7 G.3.d–e).

Only state police, the assigned investigator and medical staff may enter. Anyone else is
refused with the rule quoted; if they have gone in anyway, the refusal offers "It happened
anyway: record as a violation", which asks who allowed them in. Such an entry is kept and
marked, never dropped.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QWidget

from incident_desk.domain.enums import SceneEntrantRole
from incident_desk.domain.protocol import FieldDefinition, FieldKind
from incident_desk.domain.validation import FIELD_ENTRANT_ROLE, ValidationMessage
from incident_desk.services.contacts import ContactSnapshot
from incident_desk.services.errors import InputRejected
from incident_desk.services.scene_views import SceneLogLine
from incident_desk.ui.messages import scene as words
from incident_desk.ui.scene.person_picker_widget import PersonPickerWidget
from incident_desk.ui.scene.scene_form_dialog import SceneFormDialog
from incident_desk.ui.scene.scene_services import SceneServices
from incident_desk.ui.widgets.background import BackgroundRunner
from incident_desk.ui.workflow.step_fields import DateTimeFieldEditor

CONTACT = "contact_id"
AGENCY = "agency"
PURPOSE = "purpose"
ENTERED_AT = "entered_at"
VIDEO_REFERENCE = "video_reference"
ALLOWED_BY = "allowed_by"
AS_VIOLATION = "as_violation"

LogEntry = Callable[..., SceneLogLine]


class EntryDialog(SceneFormDialog):
    """The form; ``recorded`` carries the new SceneLogLine."""

    def __init__(
        self,
        scene_id: int,
        services: SceneServices,
        runner: BackgroundRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(words.ENTRY_TITLE, words.ENTRY_SAVE, runner, parent)
        self.scene_id = scene_id
        self._services = services
        self.add_note(words.ENTRY_RULE, top=True)
        self.person = PersonPickerWidget(
            services.find_contacts, services.add_contact, runner, (), self
        )
        self.person.chosen_changed.connect(self._on_person_chosen_changed)
        self.add_row(CONTACT, words.PERSON, self.person)
        self.role = QComboBox(self)
        self.role.setAccessibleName(words.ENTRY_ROLE)
        self.role.addItem(words.ENTRY_ROLE_CHOOSE, "")
        for role in SceneEntrantRole:
            self.role.addItem(words.ROLE_WORDS[role], role.value)
        self.role.currentIndexChanged.connect(self._on_role_current_index_changed)
        self.add_row(FIELD_ENTRANT_ROLE, words.ENTRY_ROLE, self.role)
        self.agency = QLineEdit(self)
        self.agency.setAccessibleName(words.ENTRY_AGENCY)
        self.agency.setPlaceholderText(words.ENTRY_AGENCY_HINT)
        self.add_row(AGENCY, words.ENTRY_AGENCY, self.agency)
        self.purpose = QLineEdit(self)
        self.purpose.setAccessibleName(words.ENTRY_PURPOSE)
        self.add_row(PURPOSE, words.ENTRY_PURPOSE, self.purpose)
        definition = FieldDefinition(ENTERED_AT, words.ENTRY_TIME, FieldKind.DATETIME)
        self.entered_at = DateTimeFieldEditor(definition, services.now, self)
        self.entered_at.set_moment(services.now())
        self.add_row(ENTERED_AT, words.ENTRY_TIME, self.entered_at)
        self.videotaped = QCheckBox(words.ENTRY_VIDEOTAPED, self)
        self.videotaped.setAccessibleName(words.ENTRY_VIDEOTAPED.replace("&", ""))
        self.videotaped.setToolTip(words.VIDEOTAPE_RULE)
        self.add_row("videotaped", "", self.videotaped)
        self.video_reference = QLineEdit(self)
        self.video_reference.setAccessibleName(words.ENTRY_VIDEO_REFERENCE)
        self.video_reference.setPlaceholderText(words.ENTRY_VIDEO_HINT)
        self.add_row(VIDEO_REFERENCE, words.ENTRY_VIDEO_REFERENCE, self.video_reference)
        # Offered only once an entry by someone not permitted has been refused.
        self.as_violation = QCheckBox(words.ENTRY_AS_VIOLATION, self)
        self.as_violation.setAccessibleName(words.ENTRY_AS_VIOLATION.replace("&", ""))
        self.as_violation.toggled.connect(self._on_as_violation_toggled)
        self.add_row(AS_VIOLATION, "", self.as_violation)
        self.allowed_by = QLineEdit(self)
        self.allowed_by.setAccessibleName(words.ENTRY_ALLOWED_BY)
        self.allowed_by.setPlaceholderText(words.ENTRY_ALLOWED_BY_HINT)
        self.add_row(ALLOWED_BY, words.ENTRY_ALLOWED_BY, self.allowed_by)
        self._show_violation_path(False)
        self.finish()
        self.person.setFocus()

    # -- the violation path --------------------------------------------------------------------

    def _show_violation_path(self, offered: bool) -> None:
        for key in (AS_VIOLATION, ALLOWED_BY):
            self.set_row_visible(key, offered)
        if not offered:
            self.as_violation.setChecked(False)

    @property
    def violation_offered(self) -> bool:
        return self.row_visible(AS_VIOLATION)

    def on_refused(self, error: BaseException) -> None:
        if isinstance(error, InputRejected) and any(
            message.field == FIELD_ENTRANT_ROLE for message in error.messages
        ):
            self._show_violation_path(self._role() is SceneEntrantRole.OTHER)
            if self.violation_offered:
                self.as_violation.setFocus()

    def _on_as_violation_toggled(self, checked: bool) -> None:
        self.allowed_by.setEnabled(checked)
        self.save_button.setText(words.ENTRY_SAVE_VIOLATION if checked else words.ENTRY_SAVE)
        self.save_button.setAccessibleName(self.save_button.text().replace("&", ""))
        if checked:
            self.allowed_by.setFocus()

    def _on_role_current_index_changed(self, _: int) -> None:
        if self._role() is not SceneEntrantRole.OTHER:
            self._show_violation_path(False)

    def _on_person_chosen_changed(self, person: ContactSnapshot | None) -> None:
        # Left empty, the agency is the person's own: the placeholder shows which it will be.
        agency = person.agency if person is not None else ""
        self.agency.setPlaceholderText(agency or words.ENTRY_AGENCY_HINT)

    # -- recording -----------------------------------------------------------------------------

    def _role(self) -> SceneEntrantRole | None:
        chosen = self.role.currentData()
        # Qt hands the enum back as its plain string value.
        return SceneEntrantRole(chosen) if chosen else None

    def save(self) -> None:
        person, role, when = self.person.chosen, self._role(), self.entered_at.moment()
        problems: list[ValidationMessage] = []
        if person is None:
            problems.append(ValidationMessage(CONTACT, words.PERSON_PICK))
        if role is None:
            problems.append(ValidationMessage(FIELD_ENTRANT_ROLE, words.ENTRY_PICK_ROLE))
        if when is None:
            problems.append(ValidationMessage(ENTERED_AT, words.MSG_NO_TIME))
        if problems or person is None or role is None:
            self.refuse_here(*problems)
            return
        log: LogEntry = self._services.log_entry
        scene_id, contact_id = self.scene_id, person.id
        agency, purpose = self.agency.text(), self.purpose.text()
        videotaped, reference = self.videotaped.isChecked(), self.video_reference.text()
        violation = self.as_violation.isChecked()
        allowed_by = self.allowed_by.text() if violation else ""
        self.submit(
            lambda: log(
                scene_id,
                contact_id,
                role,
                agency,
                purpose,
                when,
                videotaped,
                reference,
                allowed_by,
                as_violation=violation,
            )
        )

    def done(self, result: int) -> None:
        self.person.retire()
        super().done(result)
