"""What every follow-up panel under a step's fields, and every dialog they open, has in common.

A panel shows what is recorded about its step beyond the step's own fields (a placement and its
clock, the stages of an offer, the notifications made) and offers what comes next. It loads in
the background and says ``recorded`` after anything it records, so the checklist, the clocks
and the timeline are read again. A dialog keeps everything typed when a recording is refused
and shows the refusal under the field it names.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QLabel,
    QLayout,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from incident_desk.services.workflow import ChecklistStep
from incident_desk.ui.messages import step_panels as words
from incident_desk.ui.widgets.background import BackgroundRunner
from incident_desk.ui.workflow.step_fields import error_label, page_label
from incident_desk.ui.workflow.step_page_parts import refusal_text
from incident_desk.ui.workflow.step_panel_services import StepPanelServices


@dataclass(frozen=True)
class PanelContext:
    """What a panel is built from: the case, its step as it stands, the use-cases, the runner."""

    case_number: str
    step: ChecklistStep
    services: StepPanelServices
    runner: BackgroundRunner

    @property
    def writable(self) -> bool:
        """Whether the signed-in role may record this step in this case."""
        return self.step.may_complete and self.step.applies


class StepPanel(QFrame):
    """Base of the panels: a heading, the lines of what is recorded, a refusal, ``reload()``."""

    #: Something was recorded: what depends on it should be read again.
    recorded = Signal()
    #: ``(field_key, value)``: a value for one of the step's own fields.
    field_filled = Signal(str, str)
    loaded = Signal()

    def __init__(self, context: PanelContext, heading: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._retired = False
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(heading)
        self.column = QVBoxLayout(self)
        self.heading = page_label(heading, self, bold=True)
        self.column.addWidget(self.heading)
        self.failure = error_label(self)
        self.failure.setAccessibleName("Problem")
        self.column.addWidget(self.failure)
        self.lines: list[QLabel] = []
        self._lines_layout = QVBoxLayout()
        self.column.addLayout(self._lines_layout)

    def retire(self) -> None:
        """Stop reacting to work still in flight; the page is about to be deleted."""
        self._retired = True

    def reload(self) -> None:
        self.context.runner.run(self.load, self._on_loaded, self._on_load_failed)

    def load(self) -> Any:
        """Read what the panel shows (runs off the GUI thread)."""
        raise NotImplementedError

    def show_loaded(self, data: Any) -> None:
        raise NotImplementedError

    def focus_widgets(self) -> list[QWidget]:
        """What Tab visits in the panel, in the order it is read."""
        return [
            widget
            for widget in self.findChildren(QPushButton)
            if isinstance(widget, QWidget) and not widget.isHidden()
        ]

    def set_lines(self, texts: list[str]) -> None:
        for label in self.lines:
            self._lines_layout.removeWidget(label)
            label.deleteLater()
        self.lines = []
        for text in texts:
            label = page_label(text, self)
            label.setAccessibleName(text)
            self._lines_layout.addWidget(label)
            self.lines.append(label)

    def line_texts(self) -> list[str]:
        return [label.text() for label in self.lines]

    def _on_loaded(self, data: Any) -> None:
        if self._retired:
            return
        self.failure.hide()
        self.show_loaded(data)
        self.loaded.emit()

    def _on_load_failed(self, error: BaseException) -> None:
        if self._retired:
            return
        self.failure.setText(words.LOAD_FAILED.format(error=error))
        self.failure.show()


class PanelDialog(QDialog):
    """A small form that records one thing; it closes only when the recording succeeds."""

    succeeded = Signal(object)

    def __init__(
        self,
        title: str,
        runner: BackgroundRunner,
        parent: QWidget | None = None,
        *,
        scrolling: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self._runner = runner
        self.column = QVBoxLayout(self)
        self.summary = error_label(self)
        self.summary.setAccessibleName("Problems to fix")
        self.column.addWidget(self.summary)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        if scrolling:
            # A long step (the intake) still fits a 768-pixel screen: the form scrolls.
            content = QWidget(self)
            content.setLayout(self.form)
            scroll = QScrollArea(self)
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QFrame.Shape.NoFrame)
            scroll.setWidget(content)
            self.column.addWidget(scroll, 1)
        else:
            self.column.addLayout(self.form)
        self.errors: dict[str, QLabel] = {}
        self.buttons = QDialogButtonBox(self)
        self.ok_button = self.buttons.addButton(
            words.CORRECT_SAVE, QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.cancel_button = self.buttons.addButton(
            words.CANCEL, QDialogButtonBox.ButtonRole.RejectRole
        )
        self.cancel_button.setAccessibleName("Cancel, record nothing")
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)

    def set_ok_text(self, text: str, accessible: str) -> None:
        self.ok_button.setText(text)
        self.ok_button.setAccessibleName(accessible)

    def add_row(self, key: str, caption: str, field: QWidget | QLayout) -> None:
        """A captioned field with its own refusal line under it."""
        cell = QVBoxLayout()
        if isinstance(field, QLayout):
            cell.addLayout(field)
        else:
            cell.addWidget(field)
        self.errors[key] = error_label(self)
        cell.addWidget(self.errors[key])
        self.form.addRow(page_label(caption, self), cell)

    def finish_layout(self) -> None:
        self.column.addStretch(1)  # room to spare goes under the form, not into its lines
        self.column.addWidget(self.buttons)
        self.setMinimumWidth(560)

    def _grow_to_fit(self) -> None:
        """Refusal lines appeared: grow so none of them is squeezed or clipped."""
        wanted = self.sizeHint()
        self.resize(max(self.width(), wanted.width()), max(self.height(), wanted.height()))

    def work(self) -> Callable[[], object] | None:
        """The recording to run, or None after showing why nothing can be recorded yet."""
        raise NotImplementedError

    def _on_buttons_accepted(self) -> None:
        self.clear_refusals()
        work = self.work()
        if work is None:
            return
        self.ok_button.setEnabled(False)
        self._runner.run(work, self._on_work_succeeded, self._on_work_failed)

    def _on_work_succeeded(self, result: object) -> None:
        self.ok_button.setEnabled(True)
        self.succeeded.emit(result)
        self.accept()

    def _on_work_failed(self, error: BaseException) -> None:
        self.ok_button.setEnabled(True)
        self.show_refusal(error)

    def clear_refusals(self) -> None:
        self.summary.hide()
        for label in self.errors.values():
            label.hide()

    def show_refusal(self, error: BaseException) -> None:
        self.summary.setText(refusal_text(error, self.errors, words.REFUSED, words.FAILED))
        self.summary.show()
        self._grow_to_fit()

    def show_problem(self, text: str) -> None:
        """A refusal the dialog itself finds, before anything is sent."""
        self.summary.setText(text)
        self.summary.show()
        self._grow_to_fit()
