"""What the evidence dialogs share: fields with a refusal under each, a summary, and recording
through the background runner so the screen never freezes. A refusal keeps everything typed."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from incident_desk.services.errors import InputRejected
from incident_desk.ui.messages import evidence as words
from incident_desk.ui.widgets.background import BackgroundRunner
from incident_desk.ui.workflow.step_fields import error_label, page_label


class EvidenceFormDialog(QDialog):
    """A dialog whose Record button runs one use-case; ``recorded`` carries what it returned."""

    recorded = Signal(object)
    refused = Signal(str)

    def __init__(self, title: str, runner: BackgroundRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self._runner = runner
        self.result_value: object = None
        self.errors: dict[str, QLabel] = {}
        self.outer = QVBoxLayout(self)
        self.summary = error_label(self)
        self.summary.setAccessibleName("Why nothing was recorded")
        self.outer.addWidget(self.summary)
        self.buttons = QDialogButtonBox(self)
        self.record_button = QPushButton(words.SAVE, self)
        self.record_button.setDefault(True)
        self.record_button.setAutoDefault(True)
        self.record_button.setAccessibleName(f"{words.SAVE}: {title}")
        self.cancel_button = QPushButton(words.CANCEL, self)
        self.cancel_button.setAccessibleName(words.CANCEL)
        self.cancel_button.setAutoDefault(False)
        self.buttons.addButton(self.record_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.record_button.clicked.connect(self._on_record_button_clicked)
        self.cancel_button.clicked.connect(self.reject)

    def finish_layout(self) -> None:
        """Put the buttons last, once the subclass has added its fields."""
        self.outer.addWidget(self.buttons)

    def heading(self, text: str) -> QLabel:
        label = page_label(text, self)
        self.outer.addWidget(label)
        return label

    def error_for(self, key: str, parent: QWidget | None = None) -> QLabel:
        label = error_label(parent or self)
        label.setAccessibleName(f"Problem: {key.replace('_', ' ')}")
        self.errors[key] = label
        return label

    # -- recording -------------------------------------------------------------------------------

    def work(self) -> Callable[[], object] | None:
        """The use-case to run, or None after showing what is missing (subclasses)."""
        raise NotImplementedError

    def clear_refusals(self) -> None:
        self.summary.hide()
        for label in self.errors.values():
            label.hide()

    def show_refusal(self, error: BaseException) -> None:
        """Each message under its field; every message in the summary too."""
        self.clear_refusals()
        texts = []
        if isinstance(error, InputRejected):
            for message in error.messages:
                label = self.errors.get(message.field)
                if label is not None:
                    label.setText(message.text)
                    label.show()
                texts.append(message.text)
        else:
            texts.append(str(error))
        self.summary.setText(words.SUMMARY_REFUSED.format(text=" ".join(texts)))
        self.summary.show()
        self._fit_height()
        self.refused.emit(" ".join(texts))

    def _fit_height(self) -> None:
        """Grow to show the messages just revealed, within the screen."""
        layout = self.layout()
        if layout is not None:
            layout.activate()
        wanted = self.sizeHint().height()
        screen = self.screen()
        if screen is not None:
            wanted = min(wanted, screen.availableGeometry().height() - 40)
        if wanted > self.height():
            self.resize(self.width(), wanted)

    def _on_record_button_clicked(self) -> None:
        self.clear_refusals()
        job = self.work()
        if job is None:
            return
        self._set_busy(True)
        self._runner.run(job, self._on_job_succeeded, self._on_job_failed)

    def _on_job_succeeded(self, value: object) -> None:
        self._set_busy(False)
        self.result_value = value
        self.recorded.emit(value)
        self.accept()

    def _on_job_failed(self, error: BaseException) -> None:
        self._set_busy(False)
        self.show_refusal(error)

    def _set_busy(self, busy: bool) -> None:
        self.record_button.setEnabled(not busy)
