"""Recording a crime scene (SPEC step 4, CPP 14.7 G.3.b): where it is, and either when it was
secured (by the user recording it) or why it cannot be, with what G.3.b asks instead.
"""

from __future__ import annotations

from PySide6.QtWidgets import QButtonGroup, QCheckBox, QHBoxLayout, QLineEdit, QRadioButton, QWidget

from incident_desk.domain.protocol import FieldDefinition, FieldKind
from incident_desk.domain.validation import ValidationMessage
from incident_desk.ui.messages import scene as words
from incident_desk.ui.scene.scene_form_dialog import SceneFormDialog
from incident_desk.ui.scene.scene_services import SceneServices
from incident_desk.ui.widgets.background import BackgroundRunner
from incident_desk.ui.workflow.step_fields import DateTimeFieldEditor

LOCATION = "location"
SECURED = "secured"
SECURED_AT = "secured_at"
REASON = "cannot_secure_reason"


class SceneRecordDialog(SceneFormDialog):
    """The form; ``recorded`` carries the new SceneView."""

    def __init__(
        self,
        case_number: str,
        services: SceneServices,
        runner: BackgroundRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(words.RECORD_TITLE, words.RECORD_SAVE, runner, parent)
        self.case_number = case_number
        self._services = services
        self.location = QLineEdit(self)
        self.location.setAccessibleName(words.RECORD_LOCATION)
        self.location.setPlaceholderText(words.RECORD_LOCATION_HINT)
        self.add_row(LOCATION, words.RECORD_LOCATION, self.location)
        choice = QWidget(self)
        row = QHBoxLayout(choice)
        row.setContentsMargins(0, 0, 0, 0)
        self.secured_yes = QRadioButton(words.RECORD_SECURED_YES, choice)
        self.secured_yes.setAccessibleName(words.RECORD_SECURED_YES.replace("&", ""))
        self.secured_no = QRadioButton(words.RECORD_SECURED_NO, choice)
        self.secured_no.setAccessibleName(words.RECORD_SECURED_NO.replace("&", ""))
        self._group = QButtonGroup(choice)
        for button in (self.secured_yes, self.secured_no):
            self._group.addButton(button)
            row.addWidget(button)
            button.toggled.connect(self._on_secured_toggled)
        row.addStretch(1)
        self.add_row(SECURED, words.RECORD_SECURED_QUESTION, choice)
        definition = FieldDefinition(SECURED_AT, words.RECORD_SECURED_AT, FieldKind.DATETIME)
        self.secured_at = DateTimeFieldEditor(definition, services.now, self)
        self.secured_at.set_moment(services.now())
        self.add_row(SECURED_AT, words.RECORD_SECURED_AT, self.secured_at)
        self.reason = QLineEdit(self)
        self.reason.setAccessibleName(words.RECORD_REASON)
        self.add_row(REASON, words.RECORD_REASON, self.reason)
        self.photographed = self._check(words.PHOTOGRAPHED)
        self.videotaped = self._check(words.VIDEOTAPED)
        self.evidence_collected = self._check(words.EVIDENCE_COLLECTED)
        self.unsecured_rule = self.add_note(words.UNSECURED_RULE)
        self.finish()
        self._on_secured_toggled()
        self.location.setFocus()

    def _check(self, text: str) -> QCheckBox:
        box = QCheckBox(text, self)
        box.setAccessibleName(f"{words.RECORD_DONE_HEADING}: {text}")
        self.add_row(text, words.RECORD_DONE_HEADING if text == words.PHOTOGRAPHED else "", box)
        return box

    def _on_secured_toggled(self, *_: object) -> None:
        secured = self.secured_yes.isChecked()
        unsecured = self.secured_no.isChecked()
        self.set_row_visible(SECURED_AT, secured)
        self.set_row_visible(REASON, unsecured)
        for key in (words.PHOTOGRAPHED, words.VIDEOTAPED, words.EVIDENCE_COLLECTED):
            self.set_row_visible(key, unsecured)
        self.unsecured_rule.setVisible(unsecured)

    def save(self) -> None:
        secured, unsecured = self.secured_yes.isChecked(), self.secured_no.isChecked()
        when = self.secured_at.moment() if secured else None
        problems = []
        if not (secured or unsecured):
            problems.append(ValidationMessage(SECURED, words.RECORD_PICK_SECURED))
        if secured and when is None:
            problems.append(ValidationMessage(SECURED_AT, words.MSG_NO_TIME))
        if problems:
            self.refuse_here(*problems)
            return
        record, number = self._services.record_scene, self.case_number
        location, reason = self.location.text(), self.reason.text() if unsecured else ""
        marks = (
            self.photographed.isChecked() and unsecured,
            self.videotaped.isChecked() and unsecured,
            self.evidence_collected.isChecked() and unsecured,
        )
        self.submit(lambda: record(number, location, secured, when, reason, *marks))
