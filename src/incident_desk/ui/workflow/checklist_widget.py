"""The checklist of a case: every step in order, with its state in words.

The next step the signed-in role should do is marked with words and a bold face, never by
colour alone. The list is a plain list: arrow keys move, and moving selects the step.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from incident_desk.domain.enums import StepState
from incident_desk.services.workflow import ChecklistSnapshot, ChecklistStep
from incident_desk.ui.messages import steps as words

#: The step key an item stands for.
STEP_KEY_ROLE = Qt.ItemDataRole.UserRole + 1


def short_why(why: str) -> str:
    """The reason itself out of the service's full sentence, which the step's page shows whole.

    "Step 6, "...", does not apply to this case: no secured crime scene is recorded for it.
    CPP 14.7 ..." becomes "no secured crime scene is recorded for it."
    """
    _, found, reason = why.partition(words.WHY_MARKER)
    if not found:
        return why
    first, stop, _ = reason.partition(". ")
    return first + "." if stop else reason


def state_words(step: ChecklistStep) -> str:
    """Pending / Done / Not applicable: why / Does not apply: why."""
    if not step.applies:
        return words.STATE_DOES_NOT_APPLY.format(why=short_why(step.why_not_applicable))
    if step.state is StepState.DONE:
        return words.STATE_DONE
    if step.state is StepState.NOT_APPLICABLE:
        reason = step.record.not_applicable_reason if step.record is not None else ""
        return words.STATE_NOT_APPLICABLE.format(reason=reason)
    return words.STATE_PENDING


def item_text(step: ChecklistStep, is_next: bool) -> str:
    definition = step.definition
    text = words.CHECKLIST_ITEM.format(
        number=definition.number, title=definition.title, state=state_words(step)
    )
    return words.CHECKLIST_NEXT + text if is_next else text


class ChecklistWidget(QWidget):
    """The steps of one case; ``step_selected`` carries the key of the step chosen."""

    step_selected = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel(words.CHECKLIST_HEADING, self)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.step_list = QListWidget(self)
        self.step_list.setAccessibleName(words.CHECKLIST_ACCESSIBLE_NAME)
        self.step_list.setWordWrap(True)
        self.step_list.setAlternatingRowColors(True)
        self.step_list.currentItemChanged.connect(self._on_step_list_current_item_changed)
        self.heading.setBuddy(self.step_list)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.step_list, 1)
        self.setFocusProxy(self.step_list)
        self._snapshot: ChecklistSnapshot | None = None

    @property
    def snapshot(self) -> ChecklistSnapshot | None:
        return self._snapshot

    def set_checklist(self, snapshot: ChecklistSnapshot, current_key: str | None = None) -> None:
        """Show ``snapshot``, keeping ``current_key`` selected without announcing it again."""
        self._snapshot = snapshot
        next_key = snapshot.next_step.key if snapshot.next_step is not None else None
        self.step_list.blockSignals(True)
        self.step_list.clear()
        for step in snapshot.steps:
            item = QListWidgetItem(item_text(step, step.key == next_key), self.step_list)
            item.setData(STEP_KEY_ROLE, step.key)
            item.setToolTip(
                step.why_not_applicable or f"{step.citation}: {step.definition.records}"
            )
            font = item.font()
            font.setBold(step.key == next_key)
            font.setItalic(not step.applies)
            item.setFont(font)
            if step.key == current_key:
                self.step_list.setCurrentItem(item)
        self.step_list.blockSignals(False)

    def select_step(self, key: str) -> None:
        """Select the step called ``key`` (emits ``step_selected`` if it changes)."""
        for row in range(self.step_list.count()):
            if self.step_list.item(row).data(STEP_KEY_ROLE) == key:
                self.step_list.setCurrentRow(row)
                return

    def current_key(self) -> str | None:
        item = self.step_list.currentItem()
        return None if item is None else str(item.data(STEP_KEY_ROLE))

    def item_texts(self) -> list[str]:
        return [self.step_list.item(row).text() for row in range(self.step_list.count())]

    def _on_step_list_current_item_changed(
        self, current: QListWidgetItem | None, _: QListWidgetItem | None
    ) -> None:
        if current is not None:
            self.step_selected.emit(str(current.data(STEP_KEY_ROLE)))
