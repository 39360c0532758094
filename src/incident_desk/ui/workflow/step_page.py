"""One step of the first response: what the policy says, what to do, and what to record.

Every field is saved as it is entered (about 400 ms after the last keystroke), so a crash or a
flat battery loses nothing. "Mark done" records the step with the time it happened; a time
more than five minutes back needs a reason (the service's rule, whose words are shown). A
refusal is shown under the field it names and in a summary at the top; the form keeps
everything typed. A role that may not complete the step sees it read-only, told who may.

A recorded step can be corrected (a new entry with a reason; the original stays) or reopened
with a reason; the latest correction or reopening is shown under the stamp. A follow-up panel
(step_panels.py) may sit under the fields, for what the step leads to.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from functools import partial

from PySide6.QtCore import QTimer, Signal, SignalInstance
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from incident_desk.domain.enums import StepState
from incident_desk.domain.protocol import FieldDefinition, FieldKind
from incident_desk.services.snapshots import StepRecordSnapshot
from incident_desk.services.workflow import ChecklistStep
from incident_desk.ui.messages import steps as words
from incident_desk.ui.widgets.background import BackgroundRunner
from incident_desk.ui.workflow.step_amend_widget import StepAmendWidget
from incident_desk.ui.workflow.step_correction_dialog import CorrectStep
from incident_desk.ui.workflow.step_fields import (
    DateTimeFieldEditor,
    FieldEditor,
    editor_for,
    error_label,
    page_label,
)
from incident_desk.ui.workflow.step_page_parts import (
    caption,
    cell,
    chain_after,
    field_caption,
    history_text,
    refusal_text,
    stamp_text,
)
from incident_desk.ui.workflow.step_panel_base import StepPanel

#: ``save_field(step_key, field_key, value)``, bound to the workspace and the case.
SaveField = Callable[[str, str, str], None]
#: ``record_step(step_key, values, occurred_at, late_entry_reason)``.
RecordStep = Callable[[str, dict[str, str], datetime, str], StepRecordSnapshot]
#: ``mark_not_applicable(step_key, reason)``.
MarkNotApplicable = Callable[[str, str], StepRecordSnapshot]
#: ``reopen_step(step_key, reason)``.
ReopenStep = Callable[[str, str], StepRecordSnapshot]

SAVE_DELAY_MS = 400
#: The service's grace before an entry counts as made after the fact (services.first_response).
LATE_AFTER = timedelta(minutes=5)
OCCURRED_AT = "occurred_at"
LATE_REASON = "late_entry_reason"


class StepPage(QWidget):
    """The page of one checklist step; signals say what was recorded."""

    field_saved = Signal(str)
    step_recorded = Signal(str)
    step_marked_not_applicable = Signal(str)
    step_corrected = Signal(str)
    step_reopened = Signal(str)
    refused = Signal(str)

    def __init__(
        self,
        step: ChecklistStep,
        draft: Mapping[str, str],
        save_field: SaveField,
        record_step: RecordStep,
        mark_not_applicable: MarkNotApplicable,
        now: Callable[[], datetime],
        runner: BackgroundRunner | None = None,
        parent: QWidget | None = None,
        *,
        correct_step: CorrectStep | None = None,
        reopen_step: ReopenStep | None = None,
        panel: StepPanel | None = None,
    ) -> None:
        super().__init__(parent)
        self.step = step
        self._correct_step = correct_step
        self._reopen_step = reopen_step
        self.panel = panel
        self._save_field = save_field
        self._record_step = record_step
        self._mark_not_applicable = mark_not_applicable
        self._now = now
        self._runner = runner or BackgroundRunner(self)
        self._pending: set[str] = set()
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self._on_save_timer_timeout)
        self.editors: dict[str, FieldEditor] = {}
        self.field_errors: dict[str, QLabel] = {}
        self.reason_dialog: QInputDialog | None = None
        #: Set when the page is closed: work still running must not touch its widgets.
        self._retired = False

        content = QWidget(self)
        self._column = QVBoxLayout(content)
        self._build_header(content)
        self._build_fields(content, draft)
        if panel is not None:
            panel.setParent(content)
            panel.field_filled.connect(self._on_panel_field_filled)
            self._column.addWidget(panel)
        self._build_completion(content)
        self._column.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        if panel is not None:
            panel.loaded.connect(self._on_panel_loaded)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self._apply_state()

    # -- building ------------------------------------------------------------------------------

    def _build_header(self, content: QWidget) -> None:
        definition = self.step.definition
        heading = words.STEP_HEADING.format(number=definition.number, title=definition.title)
        self.heading = page_label(heading, content, bold=True)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.heading.setFont(font)
        self.stamp = page_label(stamp_text(self.step), content)
        self.history = page_label(history_text(self.step), content)
        self.history.setAccessibleName("Latest correction")
        self.history.setVisible(bool(self.history.text()))
        self.access_note = page_label("", content, bold=True)
        self.access_note.hide()
        self.summary = error_label(content)
        self.summary.setAccessibleName("Problems to fix")
        policy_heading = words.STEP_POLICY_HEADING.format(citation=self.step.citation)
        quote = "\n\n".join(
            words.STEP_POLICY_QUOTE.format(text=paragraph)
            for paragraph in definition.policy_paragraphs
        )
        self.policy = page_label(quote, content)
        self.policy.setStyleSheet(
            "border-left: 4px solid palette(mid); padding-left: 8px; font-style: italic;"
        )
        self.citation = page_label(words.STEP_CITATION.format(citation=self.step.citation), content)
        self.prompt = page_label(definition.prompt.strip(), content)
        for widget in (self.heading, self.stamp, self.history, self.access_note, self.summary):
            self._column.addWidget(widget)
        self._column.addWidget(page_label(policy_heading, content, bold=True))
        self._column.addWidget(self.policy)
        self._column.addWidget(self.citation)
        self._column.addWidget(page_label(words.STEP_PROMPT_HEADING, content, bold=True))
        self._column.addWidget(self.prompt)

    def _build_fields(self, content: QWidget, draft: Mapping[str, str]) -> None:
        self._column.addWidget(page_label(words.STEP_FIELDS_HEADING, content, bold=True))
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        record = self.step.record
        shown = record.values if record is not None and record.state is StepState.DONE else draft
        for definition in self.step.definition.fields:
            editor = editor_for(definition, self._now, content)
            editor.set_value(shown.get(definition.key, ""))
            editor.edited.connect(lambda key=definition.key: self._on_editor_edited(key))
            error = error_label(content)
            self.editors[definition.key] = editor
            self.field_errors[definition.key] = error
            form.addRow(
                caption(field_caption(self.step.definition, definition), content),
                cell(editor, error),
            )
            if definition.help:
                form.addRow("", page_label(definition.help, content))
        self._column.addLayout(form)

    def _build_completion(self, content: QWidget) -> None:
        when = FieldDefinition(OCCURRED_AT, words.STEP_WHEN, FieldKind.DATETIME)
        self.when_edit = DateTimeFieldEditor(when, self._now, content)
        self.when_edit.set_moment(self._now())
        self.when_edit.edited.connect(self._on_when_edit_edited)
        self.late_reason = QLineEdit(content)
        self.late_reason.setAccessibleName(words.STEP_LATE_REASON)
        self.late_caption = page_label("", content)
        self.field_errors[OCCURRED_AT] = error_label(content)
        self.field_errors[LATE_REASON] = error_label(content)
        form = QFormLayout()
        form.addRow(
            caption(words.STEP_WHEN, content),
            cell(self.when_edit, self.field_errors[OCCURRED_AT]),
        )
        late = QVBoxLayout()
        late.addWidget(self.late_caption)
        late.addWidget(self.late_reason)
        late.addWidget(self.field_errors[LATE_REASON])
        form.addRow(caption(words.STEP_LATE_REASON, content), late)
        self._column.addLayout(form)
        self.mark_done = QPushButton(words.STEP_MARK_DONE, content)
        self.mark_done.setAccessibleName("Mark this step done")
        self.mark_done.clicked.connect(self._on_mark_done_clicked)
        self.not_applicable = QPushButton(words.STEP_NOT_APPLICABLE, content)
        self.not_applicable.setAccessibleName("Mark this step not applicable, with a reason")
        self.not_applicable.clicked.connect(self._on_not_applicable_clicked)
        self.busy_bar = QProgressBar(content)
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setMaximumWidth(120)
        self.busy_bar.setTextVisible(False)
        self.busy_bar.setAccessibleName(words.STEP_WORKING)
        self.busy_bar.hide()
        self.saved_note = page_label("", content)
        self.saved_note.setAccessibleName("Save status")
        self.amend = StepAmendWidget(
            self.step,
            self._correct_step,
            self._reopen_step is not None,
            self._now,
            self._runner,
            content,
        )
        self.amend.corrected.connect(self.step_corrected)
        self.amend.reopen_asked.connect(self._on_amend_reopen_asked)
        self.correct, self.reopen = self.amend.correct, self.amend.reopen
        buttons = QHBoxLayout()
        for button in (self.mark_done, self.not_applicable, self.amend):
            buttons.addWidget(button)
        buttons.addWidget(self.busy_bar)
        buttons.addStretch(1)
        buttons.addWidget(self.saved_note)
        self._column.addLayout(buttons)
        self._runner.busy_changed.connect(self.busy_bar.setVisible)
        # Time passes while the page is open: the "why late" field may become required.
        self._late_timer = QTimer(self)
        self._late_timer.setInterval(30_000)
        self._late_timer.timeout.connect(self._update_late_caption)
        self._late_timer.start()
        self._update_late_caption()

    def _apply_state(self) -> None:
        step = self.step
        done = step.record is not None and step.record.state is StepState.DONE
        note = ""
        if not step.may_complete:
            note = words.STEP_READ_ONLY.format(roles=words.roles_words(step.definition.roles))
        elif not step.applies:
            note = words.STEP_DOES_NOT_APPLY.format(why=step.why_not_applicable)
        elif done:
            note = words.STEP_DONE_LOCKED
        if note:
            self.access_note.setText(note)
            self.access_note.show()
        writable = step.may_complete and step.applies and not done
        self.writable = writable
        if done and step.record is not None:
            self.when_edit.set_moment(step.record.occurred_at)
            self.late_reason.setText(step.record.late_entry_reason)
        self.late_caption.setVisible(writable)
        if not writable:
            self._late_timer.stop()
        for editor in (*self.editors.values(), self.when_edit):
            editor.set_read_only(not writable)
        self.late_reason.setReadOnly(not writable)
        self.mark_done.setVisible(writable)
        self.not_applicable.setVisible(writable and step.state is StepState.PENDING)

    def _on_panel_loaded(self) -> None:
        # The panel's buttons are made as it loads: Tab reaches them after the step's fields.
        if self.panel is not None and self.editors:
            chain_after(list(self.editors.values())[-1], self.panel.focus_widgets())

    def retire(self) -> None:
        """Stop reacting to work still in flight; the owner is about to delete the page."""
        self._retired = True
        self._save_timer.stop()
        self._late_timer.stop()
        if self.panel is not None:
            self.panel.retire()

    # -- saving as typed -----------------------------------------------------------------------

    def _on_editor_edited(self, field_key: str) -> None:
        self._pending.add(field_key)
        self.saved_note.setText(words.STEP_SAVING)
        self._save_timer.start()

    def _on_save_timer_timeout(self) -> None:
        self.save_now()

    def save_now(self) -> None:
        """Save every field edited since the last save, without waiting for the pause."""
        self._save_timer.stop()
        pending, self._pending = sorted(self._pending), set()
        for key in pending:
            value = self.editors[key].value()
            self._runner.run(
                partial(self._save_field, self.step.key, key, value),
                partial(self._on_field_saved, key),
                partial(self._on_field_save_failed, key),
            )

    def fill_field(self, field_key: str, value: str) -> None:
        """Put a value into one of the step's fields and save it, as if it had been typed."""
        editor = self.editors.get(field_key)
        if editor is None or not self.writable:  # a recorded step changes only by a correction
            return
        editor.set_value(value)
        self._pending.add(field_key)
        self.save_now()

    def _on_panel_field_filled(self, field_key: str, value: str) -> None:
        # What is already in the field stays: the panel's value is added after it.
        editor = self.editors.get(field_key)
        before = editor.value().strip() if editor is not None else ""
        self.fill_field(field_key, f"{before}, {value}" if before else value)

    def _on_field_saved(self, key: str, _: object = None) -> None:
        if self._retired:
            return
        self.saved_note.setText(words.STEP_SAVED.format(time=self._now().strftime("%H:%M:%S")))
        self.field_errors[key].hide()
        self.field_saved.emit(key)

    def _on_field_save_failed(self, key: str, error: BaseException) -> None:
        if self._retired:
            return
        self.saved_note.setText(words.STEP_SAVE_FAILED.format(error=error))
        self._show_refusal(error)

    # -- completing ----------------------------------------------------------------------------

    def _on_when_edit_edited(self) -> None:
        self._update_late_caption()

    def is_late(self) -> bool:
        moment = self.when_edit.moment()
        return moment is not None and self._now() - moment > LATE_AFTER

    def _update_late_caption(self) -> None:
        late = self.is_late()
        self.late_caption.setText(words.STEP_LATE_REQUIRED if late else words.STEP_LATE_OPTIONAL)

    def values(self) -> dict[str, str]:
        """What the form holds, in the stored format; fields left empty are left out."""
        entered = {key: editor.value() for key, editor in self.editors.items()}
        return {key: value for key, value in entered.items() if value.strip()}

    def _on_mark_done_clicked(self) -> None:
        self._update_late_caption()
        self.save_now()  # the draft stays in step with what is recorded
        occurred = self.when_edit.moment() or self._now()
        values, reason = self.values(), self.late_reason.text()
        self._start_work(
            lambda: self._record_step(self.step.key, values, occurred, reason),
            self.step_recorded,
        )

    def _on_not_applicable_clicked(self) -> None:
        dialog = QInputDialog(self)
        dialog.setWindowTitle(words.STEP_NOT_APPLICABLE_TITLE)
        definition = self.step.definition
        dialog.setLabelText(
            words.STEP_NOT_APPLICABLE_ASK.format(number=definition.number, title=definition.title)
        )
        dialog.setAccessibleName("Reason the step does not apply")
        dialog.textValueSelected.connect(self._on_reason_dialog_text_value_selected)
        self.reason_dialog = dialog
        dialog.open()

    def _on_reason_dialog_text_value_selected(self, reason: str) -> None:
        self._start_work(
            lambda: self._mark_not_applicable(self.step.key, reason),
            self.step_marked_not_applicable,
        )

    def _on_amend_reopen_asked(self, reason: str) -> None:
        reopen = self._reopen_step
        if reopen is not None:
            self._start_work(lambda: reopen(self.step.key, reason), self.step_reopened)

    def _start_work(self, work: Callable[[], StepRecordSnapshot], done: SignalInstance) -> None:
        self._clear_refusals()
        self.mark_done.setEnabled(False)
        self.not_applicable.setEnabled(False)

        def succeeded(_: StepRecordSnapshot) -> None:
            if self._retired:
                return
            self._enable_buttons()
            done.emit(self.step.key)

        def failed(error: BaseException) -> None:
            if self._retired:
                return
            self._enable_buttons()
            self._show_refusal(error)

        self._runner.run(work, succeeded, failed)

    def _enable_buttons(self) -> None:
        self.mark_done.setEnabled(True)
        self.not_applicable.setEnabled(True)

    # -- refusals ------------------------------------------------------------------------------

    def _clear_refusals(self) -> None:
        self.summary.hide()
        for label in self.field_errors.values():
            label.hide()

    def _show_refusal(self, error: BaseException) -> None:
        text = refusal_text(error, self.field_errors, words.STEP_SUMMARY, words.STEP_FAILED)
        self.summary.setText(text)
        self.summary.show()
        self.refused.emit(str(error))
