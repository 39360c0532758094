"""Correcting a completed step: the recorded values to change, the reason, and if need be the
time it happened (with the reason it is entered late).

The correction is a new entry after the original, which stays in the record as it was. Only
what is changed is sent, so the service keeps the rest of the original. A refusal is shown
under the field it names and the dialog keeps everything typed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtWidgets import QCheckBox, QLineEdit, QWidget

from incident_desk.domain.clock import ensure_utc
from incident_desk.domain.protocol import FieldDefinition, FieldKind
from incident_desk.domain.validation import FIELD_CORRECTION_REASON
from incident_desk.services.first_response import FIELD_LATE_ENTRY_REASON
from incident_desk.services.snapshots import StepRecordSnapshot
from incident_desk.services.workflow import ChecklistStep
from incident_desk.ui.messages import step_panels as words
from incident_desk.ui.widgets.background import BackgroundRunner
from incident_desk.ui.workflow.step_fields import (
    DateTimeFieldEditor,
    FieldEditor,
    editor_for,
    page_label,
)
from incident_desk.ui.workflow.step_panel_base import PanelDialog

#: ``correct_step(record_id, values, reason, occurred_at, late_entry_reason)``.
CorrectStep = Callable[[int, dict[str, str], str, datetime | None, str], StepRecordSnapshot]
OCCURRED_AT = "occurred_at"


class StepCorrectionDialog(PanelDialog):
    """The recorded values of a done step, prefilled, to correct with a reason."""

    def __init__(
        self,
        step: ChecklistStep,
        correct: CorrectStep,
        now: Callable[[], datetime],
        runner: BackgroundRunner,
        parent: QWidget | None = None,
    ) -> None:
        definition = step.definition
        title = words.CORRECT_TITLE.format(number=definition.number, title=definition.title)
        super().__init__(title, runner, parent, scrolling=True)
        assert step.record is not None
        self.record = step.record
        self._correct = correct
        self.column.insertWidget(0, page_label(words.CORRECT_INTRO, self))
        self.editors: dict[str, FieldEditor] = {}
        for field in definition.fields:
            editor = editor_for(field, now, self)
            editor.set_value(self.record.values.get(field.key, ""))
            self.editors[field.key] = editor
            self.add_row(field.key, field.label, editor)
        self.reason = QLineEdit(self)
        self.reason.setAccessibleName(words.CORRECT_REASON)
        self.add_row(FIELD_CORRECTION_REASON, words.CORRECT_REASON, self.reason)
        self.change_time = QCheckBox(words.CORRECT_CHANGE_TIME, self)
        self.change_time.setAccessibleName(words.CORRECT_CHANGE_TIME)
        self.form.addRow("", self.change_time)
        when = FieldDefinition(OCCURRED_AT, words.CORRECT_TIME, FieldKind.DATETIME)
        self.when_edit = DateTimeFieldEditor(when, now, self)
        self.when_edit.set_moment(self.record.occurred_at)
        self.when_edit.setEnabled(False)
        self.add_row(OCCURRED_AT, words.CORRECT_TIME, self.when_edit)
        self.late_reason = QLineEdit(self)
        self.late_reason.setAccessibleName(words.CORRECT_LATE_REASON)
        self.late_reason.setText(self.record.late_entry_reason)
        self.late_reason.setEnabled(False)
        self.add_row(FIELD_LATE_ENTRY_REASON, words.CORRECT_LATE_REASON, self.late_reason)
        self.change_time.toggled.connect(self._on_change_time_toggled)
        self.set_ok_text(words.CORRECT_SAVE, "Save the correction")
        self.finish_layout()
        self.resize(760, 640)

    def _on_change_time_toggled(self, checked: bool) -> None:
        self.when_edit.setEnabled(checked)
        self.late_reason.setEnabled(checked)

    def changed_values(self) -> dict[str, str]:
        """The fields whose value differs from what was recorded ("" for a cleared one)."""
        original = self.record.values
        return {
            key: editor.value()
            for key, editor in self.editors.items()
            if editor.value().strip() != original.get(key, "")
        }

    def changed_time(self) -> datetime | None:
        if not self.change_time.isChecked():
            return None
        moment = self.when_edit.moment()
        recorded = ensure_utc(self.record.occurred_at).replace(second=0, microsecond=0)
        return None if moment is None or moment == recorded else moment

    def work(self) -> Callable[[], object] | None:
        values, moment = self.changed_values(), self.changed_time()
        if not values and moment is None:
            self.show_problem(words.CORRECT_NOTHING_CHANGED)
            return None
        record_id, reason = self.record.id, self.reason.text()
        late = self.late_reason.text() if moment is not None else ""
        correct = self._correct
        return lambda: correct(record_id, values, reason, moment, late)
