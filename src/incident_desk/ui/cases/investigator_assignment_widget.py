"""Who investigates the case, and giving it to an investigator (CPP 14.7 G.9, H.2).

An investigator sees a case only once it is assigned to them, so the supervisor, the Warden or
the PREA compliance manager assigns one from here; the list offers only active accounts with
the investigator role. The choices load in the background; a refusal is shown in words.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from incident_desk.services.errors import ServiceError
from incident_desk.services.investigation import AssignmentSnapshot, InvestigatorChoice
from incident_desk.ui.messages import cases as words
from incident_desk.ui.widgets.background import BackgroundRunner


@dataclass(frozen=True)
class AssignmentServices:
    """``choices(case_number)`` and ``assign(case_number, username)``, bound to the workspace;
    ``allowed``: whether the signed-in role may assign (the panel is shown only then)."""

    choices: Callable[[str], tuple[InvestigatorChoice, ...]]
    assign: Callable[[str, str], AssignmentSnapshot]
    allowed: bool


class InvestigatorAssignmentWidget(QWidget):
    """The assigned investigators and a list to assign another; ``assigned`` after a save."""

    assigned = Signal(str)

    def __init__(
        self,
        case_number: str,
        services: AssignmentServices,
        runner: BackgroundRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._case_number = case_number
        self._services = services
        self._runner = runner
        self.current = QLabel(words.ASSIGNMENT_LOADING, self)
        self.current.setWordWrap(True)
        self.current.setAccessibleName(words.ASSIGNMENT_CURRENT_NAME)
        self.choice = QComboBox(self)
        self.choice.setAccessibleName(words.ASSIGNMENT_CHOICE_NAME)
        self.assign_button = QPushButton(words.ASSIGNMENT_BUTTON, self)
        self.assign_button.setAccessibleName(words.ASSIGNMENT_BUTTON.replace("&", ""))
        self.assign_button.clicked.connect(self._on_assign_button_clicked)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setAccessibleName(words.ASSIGNMENT_MESSAGE_NAME)
        self.message.hide()
        row = QHBoxLayout()
        row.addWidget(self.choice, 1)
        row.addWidget(self.assign_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.current)
        layout.addLayout(row)
        layout.addWidget(self.message)
        self._set_enabled(False)
        self.reload()

    def reload(self) -> None:
        self._runner.run(
            partial(self._services.choices, self._case_number),
            self._on_choices_loaded,
            self._on_failed,
        )

    def _set_enabled(self, enabled: bool) -> None:
        self.choice.setEnabled(enabled)
        self.assign_button.setEnabled(enabled)

    def _on_choices_loaded(self, choices: tuple[InvestigatorChoice, ...]) -> None:
        names = [choice.display_name for choice in choices if choice.assigned]
        self.current.setText(
            words.ASSIGNMENT_CURRENT.format(names=", ".join(names))
            if names
            else words.ASSIGNMENT_NONE
        )
        self.choice.clear()
        for choice in choices:
            if not choice.assigned:
                self.choice.addItem(choice.display_name, choice.username)
        if self.choice.count() == 0:
            self.choice.addItem(words.ASSIGNMENT_NO_CHOICE, "")
        self._set_enabled(bool(self.choice.currentData()))

    def _on_assign_button_clicked(self) -> None:
        username = str(self.choice.currentData() or "")
        if not username:
            return
        self._set_enabled(False)
        self._runner.run(
            partial(self._services.assign, self._case_number, username),
            self._on_assigned,
            self._on_failed,
        )

    def _on_assigned(self, snapshot: AssignmentSnapshot) -> None:
        self.message.setText(words.ASSIGNMENT_DONE.format(name=snapshot.display_name))
        self.message.show()
        self.assigned.emit(snapshot.username)
        self.reload()

    def _on_failed(self, error: BaseException) -> None:
        if not isinstance(error, ServiceError):
            raise error
        self.current.setText(str(error))
        self.message.hide()
        self._set_enabled(False)
