"""One person's evidence preservation card (CPP 14.7 G.4): the rule, the eight acts, when the
person was told, what happened anyway, and the 48-hour window.

The card only shows and asks: it emits what the person entered, and the screen around it
does the recording. A refusal is shown under the field it names; the forms keep what was
typed until a recording succeeds, so nothing is lost.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from incident_desk.domain.enums import PreservationAct
from incident_desk.domain.protocol import FieldDefinition, FieldKind
from incident_desk.domain.validation import ValidationMessage, format_moment
from incident_desk.services.errors import InputRejected
from incident_desk.services.preservation import PreservationCard
from incident_desk.ui.messages import preservation as words
from incident_desk.ui.widgets.deadline_presenter import Severity, present
from incident_desk.ui.workflow.step_fields import DateTimeFieldEditor, error_label, page_label

INSTRUCTED_AT = "instructed_at"
HOW_ENSURED = "how_ensured"
LATE_REASON = "late_entry_reason"
ACT = "act"
OCCURRED_AT = "occurred_at"

#: Amber and red keep dark text / white text readable in light and dark palettes alike.
_STATUS_STYLES = {
    Severity.NORMAL: "font-weight: bold; padding: 2px 6px;",
    Severity.WARNING: "background: #ffb900; color: #000000; padding: 2px 6px;",
    Severity.ALARM: "background: #a4262c; color: #ffffff; padding: 2px 6px;",
    Severity.CLOSED: "font-style: italic; padding: 2px 6px;",
}


class PreservationCardWidget(QFrame):
    """A card; ``instruction_requested`` / ``violation_requested`` carry what was entered."""

    #: case_person_id, instructed_at, how_ensured, late_entry_reason
    instruction_requested = Signal(int, object, str, str)
    #: case_person_id, act, occurred_at, details
    violation_requested = Signal(int, object, object, str)

    def __init__(
        self,
        card: PreservationCard,
        now: Callable[[], datetime],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.card = card
        self._now = now
        self.setFrameShape(QFrame.Shape.StyledPanel)
        person = card.person
        self.setAccessibleName(words.card_title(person.role, person.name, person.identifier))
        self.errors: dict[str, QLabel] = {}
        self._touched: set[str] = set()
        column = QVBoxLayout(self)
        self.title = page_label(self.accessibleName(), self, bold=True)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.title.setFont(font)
        column.addWidget(self.title)
        column.addWidget(page_label(words.CARD_VERB[card.verb], self))
        column.addLayout(self._window_row())
        self.summary = error_label(self)
        self.summary.setAccessibleName("Problems to fix")
        column.addWidget(self.summary)
        quote = page_label(
            words.POLICY_QUOTE.format(text=words.POLICY_TEXT, citation=card.citation), self
        )
        quote.setStyleSheet(
            "border-left: 4px solid palette(mid); padding-left: 8px; font-style: italic;"
        )
        column.addWidget(quote)
        column.addWidget(page_label(words.ACTS_HEADING, self, bold=True))
        column.addLayout(self._acts_grid())
        column.addWidget(page_label(words.INSTRUCTION_HEADING[card.verb], self, bold=True))
        self.instruction_text = page_label("", self)
        self.instruction_text.setAccessibleName(words.INSTRUCTION_HEADING[card.verb])
        column.addWidget(self.instruction_text)
        self.instruction_form = self._instruction_form()
        column.addWidget(self.instruction_form)
        column.addWidget(page_label(words.VIOLATIONS_HEADING, self, bold=True))
        self.violations_text = page_label("", self)
        self.violations_text.setAccessibleName(words.VIOLATIONS_HEADING)
        column.addWidget(self.violations_text)
        self.violation_form = self._violation_form()
        column.addWidget(self.violation_form)
        column.addStretch(1)
        self.show_card(card)

    # -- building ------------------------------------------------------------------------------

    def _window_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.window_status = QLabel(self)
        self.window_status.setAccessibleName("Window status")
        self.window_detail = page_label("", self)
        self.window_detail.setAccessibleName("48-hour window")
        row.addWidget(self.window_status)
        row.addWidget(self.window_detail, 1)
        return row

    def _acts_grid(self) -> QGridLayout:
        grid = QGridLayout()
        for index, act in enumerate(self.card.prohibited_acts):
            grid.addWidget(
                page_label(f"\u2022 {words.ACT_WORDS[act]}", self), index // 4, index % 4
            )
        return grid

    def _time_editor(self, key: str, label: str, parent: QWidget) -> DateTimeFieldEditor:
        definition = FieldDefinition(key, label, FieldKind.DATETIME)
        editor = DateTimeFieldEditor(definition, self._now, parent)
        editor.set_moment(self._now())
        # An untouched time keeps following "now"; one the person set is left alone.
        editor.edited.connect(lambda: self._touched.add(key))
        return editor

    def _cell(self, key: str, editor: QWidget, parent: QWidget) -> QVBoxLayout:
        cell = QVBoxLayout()
        cell.addWidget(editor)
        self.errors[key] = error_label(parent)
        cell.addWidget(self.errors[key])
        return cell

    @staticmethod
    def _button_row(button: QPushButton) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(button)
        row.addStretch(1)
        return row

    def _instruction_form(self) -> QWidget:
        verb, name = self.card.verb, self.card.person.name
        form_widget = QWidget(self)
        form = QFormLayout(form_widget)
        form.setContentsMargins(0, 0, 0, 0)
        self.instructed_at = self._time_editor(INSTRUCTED_AT, words.INSTRUCTED_AT, form_widget)
        self.how_ensured = QLineEdit(form_widget)
        self.how_ensured.setAccessibleName(words.HOW_ENSURED[verb])
        self.how_ensured.setPlaceholderText(words.HOW_ENSURED_HINT[verb])
        self.late_reason = QLineEdit(form_widget)
        self.late_reason.setAccessibleName(words.BEFORE_REPORT_REASON)
        form.addRow(words.INSTRUCTED_AT, self._cell(INSTRUCTED_AT, self.instructed_at, form_widget))
        form.addRow(words.HOW_ENSURED[verb], self._cell(HOW_ENSURED, self.how_ensured, form_widget))
        form.addRow(
            words.BEFORE_REPORT_REASON, self._cell(LATE_REASON, self.late_reason, form_widget)
        )
        self.record_instruction = QPushButton(words.RECORD_INSTRUCTION[verb], form_widget)
        self.record_instruction.setAccessibleName(words.RECORD_INSTRUCTION_NAME.format(name=name))
        self.record_instruction.clicked.connect(self._on_record_instruction_clicked)
        form.addRow("", self._button_row(self.record_instruction))
        return form_widget

    def _violation_form(self) -> QWidget:
        form_widget = QWidget(self)
        form = QFormLayout(form_widget)
        form.setContentsMargins(0, 0, 0, 0)
        self.act = QComboBox(form_widget)
        self.act.setAccessibleName(words.VIOLATION_ACT)
        self.act.addItem(words.VIOLATION_CHOOSE, "")
        for act in self.card.prohibited_acts:
            self.act.addItem(words.ACT_WORDS[act], act.value)
        self.occurred_at = self._time_editor(OCCURRED_AT, words.VIOLATION_AT, form_widget)
        self.details = QLineEdit(form_widget)
        self.details.setAccessibleName(words.VIOLATION_DETAILS_FIELD)
        form.addRow(words.VIOLATION_ACT, self._cell(ACT, self.act, form_widget))
        form.addRow(words.VIOLATION_AT, self._cell(OCCURRED_AT, self.occurred_at, form_widget))
        form.addRow(words.VIOLATION_DETAILS_FIELD, self.details)
        self.record_violation = QPushButton(words.RECORD_VIOLATION[self.card.verb], form_widget)
        name = self.card.person.name
        self.record_violation.setAccessibleName(words.RECORD_VIOLATION_NAME.format(name=name))
        self.record_violation.clicked.connect(self._on_record_violation_clicked)
        form.addRow("", self._button_row(self.record_violation))
        return form_widget

    # -- showing -------------------------------------------------------------------------------

    def show_card(self, card: PreservationCard) -> None:
        """Show the card as it now stands; what is typed in the forms stays."""
        self.card = card
        verb = card.verb
        if card.instructions:
            lines = []
            for instruction in card.instructions:
                line = words.INSTRUCTION_DONE[verb].format(
                    when=format_moment(instruction.instructed_at), who=instruction.instructed_by
                )
                if instruction.how_ensured:
                    line += words.INSTRUCTION_HOW.format(how=instruction.how_ensured)
                lines.append(line)
            self.instruction_text.setText("\n".join(lines))
        elif card.applies:
            self.instruction_text.setText(words.INSTRUCTION_NONE[verb])
        else:
            self.instruction_text.setText(words.CARD_DOES_NOT_APPLY)
        # Once told, the record stands; a second instruction is not what the card asks for.
        self.instruction_form.setVisible(card.applies and not card.instructions)
        self.violation_form.setVisible(card.applies)
        lines = []
        for violation in card.violations:
            line = words.VIOLATION_LINE.format(
                act=words.ACT_WORDS[violation.act],
                when=format_moment(violation.occurred_at),
                who=violation.recorded_by,
            )
            if violation.details:
                line += words.VIOLATION_DETAILS.format(details=violation.details)
            lines.append(f"\u2022 {line}")
        self.violations_text.setText("\n".join(lines) or words.VIOLATIONS_NONE)
        self._follow_now()
        self.show_window()

    def _follow_now(self) -> None:
        for key, editor in ((INSTRUCTED_AT, self.instructed_at), (OCCURRED_AT, self.occurred_at)):
            if key not in self._touched:
                editor.set_moment(self._now())

    def show_window(self) -> None:
        """Word the 48-hour window as it stands now (called again as time passes)."""
        shown = present(self.card.window, self._now())
        self.window_status.setText(shown.status_word)
        self.window_status.setStyleSheet(_STATUS_STYLES[shown.severity])
        self.window_detail.setText(words.WINDOW_LINE.format(title=shown.title, detail=shown.detail))

    def clear_instruction_form(self) -> None:
        self._touched.discard(INSTRUCTED_AT)
        self.instructed_at.set_moment(self._now())
        self.how_ensured.clear()
        self.late_reason.clear()

    def clear_violation_form(self) -> None:
        self.act.setCurrentIndex(0)
        self._touched.discard(OCCURRED_AT)
        self.occurred_at.set_moment(self._now())
        self.details.clear()

    def set_busy(self, busy: bool) -> None:
        self.record_instruction.setEnabled(not busy)
        self.record_violation.setEnabled(not busy)

    # -- refusals ------------------------------------------------------------------------------

    def clear_refusals(self) -> None:
        self.summary.hide()
        for label in self.errors.values():
            label.hide()

    def show_refusal(self, error: BaseException) -> None:
        """Each message under its field, and all of them at the top of the card."""
        self.clear_refusals()
        if not isinstance(error, InputRejected):
            self.summary.setText(words.REFUSAL_FAILED.format(error=error))
            self.summary.show()
            return
        lines = [words.REFUSAL_SUMMARY]
        for message in error.messages:
            lines.append(f"\u2022 {message.text}")
            label = self.errors.get(message.field)
            if label is not None:
                label.setText(message.text)
                label.show()
        self.summary.setText("\n".join(lines))
        self.summary.show()

    # -- asking --------------------------------------------------------------------------------

    def _on_record_instruction_clicked(self) -> None:
        self.clear_refusals()
        when = self.instructed_at.moment()
        if when is None:
            self.show_refusal(InputRejected([ValidationMessage(INSTRUCTED_AT, words.MSG_NO_TIME)]))
            return
        self.instruction_requested.emit(
            self.card.person.id, when, self.how_ensured.text(), self.late_reason.text()
        )

    def _on_record_violation_clicked(self) -> None:
        self.clear_refusals()
        chosen = self.act.currentData()
        # Qt hands the enum back as its plain string value.
        act = PreservationAct(chosen) if chosen else None
        when = self.occurred_at.moment()
        messages: list[ValidationMessage] = []
        if act is None:
            messages.append(ValidationMessage(ACT, words.MSG_CHOOSE_ACT))
        if when is None:
            messages.append(ValidationMessage(OCCURRED_AT, words.MSG_NO_TIME))
        if messages:
            self.show_refusal(InputRejected(messages))
            return
        self.violation_requested.emit(self.card.person.id, act, when, self.details.text())
