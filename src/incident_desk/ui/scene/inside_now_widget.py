"""Who is inside the scene right now, the buttons that change it, and the release.

The buttons are offered as the rules allow: the entry log is kept by the shift supervisor and
the investigator (CPP 14.7 G.3.d–e), the release is the investigator's alone (G.3.f), and a
released scene's log is closed. A role that may not act is told why, in words.
"""

from __future__ import annotations

from PySide6.QtCore import Signal, SignalInstance
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QPushButton, QVBoxLayout, QWidget

from incident_desk.domain.enums import Role
from incident_desk.domain.validation import format_moment
from incident_desk.services.scene import SCENE_LOG_ROLES, SCENE_RELEASE_ROLES
from incident_desk.services.scene_views import PersonInside, SceneView
from incident_desk.ui.messages import scene as words
from incident_desk.ui.workflow.step_fields import page_label


def inside_line(person: PersonInside) -> str:
    """ "Tpr. Ann Lee — State police, Kentucky State Police — in since 22 Nov 2026 03:12 UTC"."""
    text = words.INSIDE_LINE.format(
        name=person.contact.name,
        role=words.ROLE_WORDS[person.entrant_role],
        agency=person.agency or person.contact.agency,
        moment=format_moment(person.entered_at),
    )
    return text + (words.INSIDE_VIOLATION if person.violation else "")


class InsideNowWidget(QWidget):
    """The list and the three buttons; each button says what was asked for."""

    entry_requested = Signal()
    exit_requested = Signal()
    release_requested = Signal()

    def __init__(self, role: Role, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._role = role
        self._view: SceneView | None = None
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        self.heading = page_label(words.INSIDE_HEADING, self, bold=True)
        column.addWidget(self.heading)
        self.inside = QListWidget(self)
        self.inside.setAccessibleName(words.INSIDE_NAME)
        column.addWidget(self.inside, 100)  # nearly all the height, while it is shown
        buttons = QHBoxLayout()
        self.entry_button = self._button(words.LOG_ENTRY, self.entry_requested)
        self.exit_button = self._button(words.LOG_EXIT, self.exit_requested)
        self.release_button = self._button(words.RELEASE, self.release_requested)
        for button in (self.entry_button, self.exit_button, self.release_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        column.addLayout(buttons)
        self.role_note = page_label("", self)
        self.role_note.setAccessibleName("Who may do what")
        column.addWidget(self.role_note)
        self.release_text = page_label("", self)
        self.release_text.setAccessibleName("Scene release")
        column.addWidget(self.release_text)
        column.addStretch(1)  # keeps the words at the top when the list is hidden

    def _button(self, text: str, asked: SignalInstance) -> QPushButton:
        button = QPushButton(text, self)
        button.setAccessibleName(text.replace("&", "").removesuffix("\u2026"))
        button.clicked.connect(lambda: asked.emit())
        return button

    def names(self) -> list[str]:
        return [self.inside.item(row).text() for row in range(self.inside.count())]

    def show_view(self, view: SceneView | None, busy: bool) -> None:
        self._view = view
        self.inside.clear()
        secured = view is not None and view.scene.secured
        # A scene that was not secured has no entry log: nobody is logged in or out.
        for widget in (self.heading, self.inside, *self._buttons()):
            widget.setVisible(secured)
        if view is None:
            self.release_text.setText("")
            self.set_busy(busy)
            return
        for person in view.inside:
            self.inside.addItem(inside_line(person))
        if not view.inside:
            self.inside.addItem(words.INSIDE_NOBODY)
        release = view.release
        if release is None:
            self.release_text.setText(words.NOT_RELEASED if secured else words.NOT_SECURED_NOTE)
        else:
            self.release_text.setText(
                words.RELEASED_BANNER.format(
                    released=format_moment(release.released_at),
                    authority=release.authority,
                    who=release.released_by,
                    verifier=release.verified_complete_by,
                    verified=format_moment(release.verified_complete_at),
                )
            )
        self.set_busy(busy)

    def _buttons(self) -> tuple[QPushButton, ...]:
        return (self.entry_button, self.exit_button, self.release_button)

    def set_busy(self, busy: bool) -> None:
        view = self._view
        open_log = view is not None and view.scene.secured and view.release is None
        may_log, may_release = self._role in SCENE_LOG_ROLES, self._role in SCENE_RELEASE_ROLES
        self.entry_button.setEnabled(open_log and may_log and not busy)
        self.exit_button.setEnabled(open_log and may_log and not busy)
        self.release_button.setEnabled(open_log and may_release and not busy)
        notes = []
        if open_log and not may_log:
            notes.append(words.LOG_ROLE_NOTE)
        if open_log and not may_release:
            notes.append(words.RELEASE_ROLE_NOTE)
        self.role_note.setText("\n".join(notes))
        self.role_note.setVisible(bool(notes))
