"""The two ways to change a recorded step: "Correct this entry…" (a done step: its values and
time, with a reason) and "Reopen step…" (back to pending, with a reason).

The correction dialog records by itself; the reopening reason is handed to the page, which
records it and shows a refusal where it shows every other one.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QInputDialog, QPushButton, QWidget

from incident_desk.domain.enums import StepState
from incident_desk.services.workflow import INTAKE_STEP, ChecklistStep
from incident_desk.ui.messages import step_panels as words
from incident_desk.ui.widgets.background import BackgroundRunner
from incident_desk.ui.workflow.step_correction_dialog import CorrectStep, StepCorrectionDialog


class StepAmendWidget(QWidget):
    """The buttons; ``corrected`` after a correction is recorded, ``reopen_asked`` a reason."""

    corrected = Signal(str)
    reopen_asked = Signal(str)

    def __init__(
        self,
        step: ChecklistStep,
        correct: CorrectStep | None,
        may_reopen: bool,
        now: Callable[[], datetime],
        runner: BackgroundRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.step = step
        self._correct = correct
        self._now = now
        self._runner = runner
        self.correction_dialog: StepCorrectionDialog | None = None
        self.reason_dialog: QInputDialog | None = None
        self.correct = QPushButton(words.CORRECT, self)
        self.correct.setAccessibleName("Correct this entry, with a reason")
        self.correct.clicked.connect(self._on_correct_clicked)
        self.reopen = QPushButton(words.REOPEN, self)
        self.reopen.setAccessibleName("Reopen this step, with a reason")
        self.reopen.clicked.connect(self._on_reopen_clicked)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.correct)
        row.addWidget(self.reopen)
        recorded = step.may_complete and step.state is not StepState.PENDING
        self.correct.setVisible(recorded and step.state is StepState.DONE and correct is not None)
        self.reopen.setVisible(recorded and may_reopen and step.key != INTAKE_STEP)

    def _on_correct_clicked(self) -> None:
        if self._correct is None:
            return
        dialog = StepCorrectionDialog(self.step, self._correct, self._now, self._runner, self)
        dialog.succeeded.connect(self._on_correction_dialog_succeeded)
        self.correction_dialog = dialog
        dialog.open()

    def _on_correction_dialog_succeeded(self, _: object) -> None:
        self.corrected.emit(self.step.key)

    def _on_reopen_clicked(self) -> None:
        dialog = QInputDialog(self)
        dialog.setWindowTitle(words.REOPEN_TITLE)
        definition = self.step.definition
        dialog.setLabelText(
            words.REOPEN_ASK.format(number=definition.number, title=definition.title)
        )
        dialog.setAccessibleName("Reason the step is reopened")
        dialog.textValueSelected.connect(self.reopen_asked)
        self.reason_dialog = dialog
        dialog.open()
