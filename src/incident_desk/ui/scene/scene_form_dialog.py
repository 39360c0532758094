"""What every crime scene form has in common: refusals under the fields they name and in a
summary at the top, the recording run in the background, and nothing typed lost on a refusal.

A form builds its fields with ``add_row``, then calls ``submit`` with the use-case to run. On
success it emits ``recorded`` with what the service returned and closes; on a refusal it stays
open, showing why, with everything as it was typed.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from incident_desk.domain.validation import ValidationMessage
from incident_desk.services.errors import InputRejected
from incident_desk.ui.messages import scene as words
from incident_desk.ui.widgets.background import BackgroundRunner
from incident_desk.ui.workflow.step_fields import error_label, page_label


class SceneFormDialog(QDialog):
    """Base of the entry, exit, release and scene-record forms."""

    recorded = Signal(object)
    refused = Signal(str)

    def __init__(
        self, title: str, save_text: str, runner: BackgroundRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._closed = False
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setMinimumWidth(560)
        self.errors: dict[str, QLabel] = {}
        #: The field part of each row, by key: what ``set_row_visible`` shows or hides.
        self.rows: dict[str, QWidget] = {}
        self.column = QVBoxLayout(self)
        self.summary = error_label(self)
        self.summary.setAccessibleName("Problems to fix")
        self.column.addWidget(self.summary)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.column.addLayout(self.form)
        self.buttons = QDialogButtonBox(self)
        self.save_button = QPushButton(save_text, self)
        self.save_button.setAccessibleName(save_text.replace("&", ""))
        self.save_button.setDefault(True)
        self.cancel_button = QPushButton(words.CANCEL, self)
        self.cancel_button.setAccessibleName(words.CANCEL)
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.cancel_button.clicked.connect(self.reject)
        self._runner.busy_changed.connect(self._on_runner_busy_changed)

    # -- building ------------------------------------------------------------------------------

    def add_row(self, key: str, label: str, editor: QWidget) -> None:
        """A labelled field with its own refusal line underneath."""
        cell = QWidget(self)
        column = QVBoxLayout(cell)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(editor)
        self.errors[key] = error_label(cell)
        column.addWidget(self.errors[key])
        self.form.addRow(label, cell)
        self.rows[key] = cell

    def set_row_visible(self, key: str, visible: bool) -> None:
        self.form.setRowVisible(self.rows[key], visible)
        self.fit()

    def fit(self) -> None:
        """Grow to show what was just revealed (a refusal, the violation rows), never shrink."""
        hint = self.sizeHint()
        self.resize(max(self.width(), hint.width()), max(self.height(), hint.height()))

    def row_visible(self, key: str) -> bool:
        return self.form.isRowVisible(self.rows[key])

    def add_note(self, text: str, *, top: bool = False) -> QLabel:
        """A quoted rule or a warning: above the fields with ``top``, else below them."""
        label = page_label(text, self)
        label.setStyleSheet("border-left: 4px solid palette(mid); padding-left: 8px;")
        if top:
            self.column.insertWidget(self.column.indexOf(self.summary) + 1, label)
        else:
            self.column.addWidget(label)
        return label

    def finish(self) -> None:
        """Put the buttons last; call once every field is added."""
        self.column.addStretch(1)
        self.column.addWidget(self.buttons)

    # -- refusals ------------------------------------------------------------------------------

    def clear_refusals(self) -> None:
        self.summary.hide()
        for label in self.errors.values():
            label.hide()

    def show_refusal(self, error: BaseException) -> None:
        """Each message under its field, and all of them at the top."""
        self.clear_refusals()
        if not isinstance(error, InputRejected):
            self.summary.setText(words.REFUSAL_FAILED.format(error=error))
            self.summary.show()
            return
        # Each message once: under its field, or here when no field of the form is named.
        lines = [words.REFUSAL_SUMMARY]
        for message in error.messages:
            label = self.errors.get(message.field)
            if label is not None and self.row_visible(message.field):
                label.setText(message.text)
                label.show()
            else:
                lines.append(f"\u2022 {message.text}")
        self.summary.setText("\n".join(lines))
        self.summary.show()
        self.fit()

    def refuse_here(self, *messages: ValidationMessage) -> None:
        """A problem found before anything is sent (no person picked, no time)."""
        self.show_refusal(InputRejected(messages))
        self.refused.emit(" ".join(message.text for message in messages))

    # -- recording -----------------------------------------------------------------------------

    def submit(self, work: Callable[[], object]) -> None:
        def on_success(result: object) -> None:
            if self._closed:
                return
            self.clear_refusals()
            self.recorded.emit(result)
            self.accept()

        def on_failure(error: BaseException) -> None:
            if self._closed:
                return
            self.show_refusal(error)
            self.on_refused(error)
            self.refused.emit(str(error))

        self.clear_refusals()
        self._runner.run(work, on_success, on_failure)

    def on_refused(self, error: BaseException) -> None:
        """Hook for a form that offers something after a refusal (the violation path)."""

    def _on_save_button_clicked(self) -> None:
        self.save()

    def save(self) -> None:
        raise NotImplementedError

    def _on_runner_busy_changed(self, busy: bool) -> None:
        if not self._closed:
            self.save_button.setEnabled(not busy)

    def done(self, result: int) -> None:
        self._closed = True
        super().done(result)
