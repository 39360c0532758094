"""Picking the person who receives or collects an item from the contacts list, or adding them.

Typing searches the contacts (name, title or agency, accents ignored) in the background; the
person is picked from the results. Someone not in the list (a state police officer, a lab
courier) is added inline, without leaving the form.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from incident_desk.services.contacts import ContactSnapshot
from incident_desk.services.errors import InputRejected
from incident_desk.ui.messages import evidence as words
from incident_desk.ui.widgets.background import BackgroundRunner
from incident_desk.ui.workflow.step_fields import error_label, page_label

SEARCH_DELAY_MS = 150
ContactRole = Qt.ItemDataRole.UserRole + 1


class ContactPickerWidget(QWidget):
    """A search box, the people found, the one picked, and an inline "new person" form."""

    contact_picked = Signal(object)  # ContactSnapshot | None
    searched = Signal()

    def __init__(
        self,
        what: str,
        find: Callable[[str], list[ContactSnapshot]],
        add: Callable[[str, str, str], ContactSnapshot],
        runner: BackgroundRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.what = what
        self._find = find
        self._add = add
        self._runner = runner
        self._contact: ContactSnapshot | None = None
        self._search_generation = 0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(words.CONTACT_SEARCH_PLACEHOLDER)
        self.search.setAccessibleName(f"Find the {what}")
        self.search.textEdited.connect(self._on_search_text_edited)
        self.add_button = QPushButton(words.CONTACT_ADD, self)
        self.add_button.setAccessibleName(f"Add the {what} as a new person")
        self.add_button.clicked.connect(self._on_add_button_clicked)
        row.addWidget(self.search, 1)
        row.addWidget(self.add_button)
        layout.addLayout(row)
        self.results = QListWidget(self)
        self.results.setAccessibleName(words.CONTACT_RESULTS_NAME.format(what=what))
        self.results.setMaximumHeight(96)
        self.results.currentItemChanged.connect(self._on_results_current_item_changed)
        self.results.hide()  # shown once a search finds someone
        layout.addWidget(self.results)
        self.picked = page_label("", self)
        self.picked.setAccessibleName(f"The {what} picked")
        layout.addWidget(self.picked)
        self.new_form = self._new_person_form()
        self.new_form.hide()
        layout.addWidget(self.new_form)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self._on_timer_timeout)
        self.setFocusProxy(self.search)

    def _new_person_form(self) -> QFrame:
        frame = QFrame(self)
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        form = QFormLayout(frame)
        form.addRow(page_label(words.CONTACT_ADD_HEADING, frame, bold=True))
        self.new_errors = error_label(frame)
        self.new_errors.setAccessibleName("Why the person was not added")
        form.addRow(self.new_errors)
        self.new_name = QLineEdit(frame)
        self.new_name.setAccessibleName(f"Name of the new {self.what}")
        self.new_agency = QLineEdit(frame)
        self.new_agency.setAccessibleName(f"Agency of the new {self.what}")
        self.new_title = QLineEdit(frame)
        self.new_title.setAccessibleName(f"Title or rank of the new {self.what}")
        form.addRow(words.CONTACT_NAME + words.REQUIRED, self.new_name)
        form.addRow(words.CONTACT_AGENCY + words.REQUIRED, self.new_agency)
        form.addRow(words.CONTACT_TITLE, self.new_title)
        buttons = QHBoxLayout()
        self.new_save = QPushButton(words.CONTACT_SAVE, frame)
        self.new_save.setAccessibleName(f"Add this person as the {self.what}")
        self.new_save.setAutoDefault(False)
        self.new_save.clicked.connect(self._on_new_save_clicked)
        self.new_cancel = QPushButton(words.CONTACT_CANCEL, frame)
        self.new_cancel.setAccessibleName("Do not add a new person")
        self.new_cancel.setAutoDefault(False)
        self.new_cancel.clicked.connect(self._on_new_cancel_clicked)
        buttons.addStretch(1)
        buttons.addWidget(self.new_save)
        buttons.addWidget(self.new_cancel)
        form.addRow(buttons)
        return frame

    # -- what was picked -------------------------------------------------------------------------

    def contact(self) -> ContactSnapshot | None:
        return self._contact

    def typed_text(self) -> str:
        return self.search.text().strip()

    def set_contact(self, contact: ContactSnapshot | None) -> None:
        self._contact = contact
        if contact is not None:
            self.search.setText(contact.name)
            self.search.setCursorPosition(0)
            self.picked.setText(words.CONTACT_PICKED.format(label=contact.label))
        else:
            self.picked.setText("")
        self.contact_picked.emit(contact)

    def missing_message(self) -> str:
        typed = self.typed_text()
        if typed:
            return words.CONTACT_NOT_PICKED.format(what=self.what, typed=typed)
        return words.CONTACT_NOT_PICKED_EMPTY.format(what=self.what)

    # -- searching -------------------------------------------------------------------------------

    def _on_search_text_edited(self, _: str) -> None:
        if self._contact is not None:
            self.set_contact(None)
        self._timer.start()

    def _on_timer_timeout(self) -> None:
        self._search_generation += 1
        generation, text, find = self._search_generation, self.search.text(), self._find

        def shown(found: list[ContactSnapshot]) -> None:
            if generation == self._search_generation:
                self._show_results(found)

        self._runner.run(lambda: find(text), shown, self._on_search_failed)

    def _show_results(self, found: list[ContactSnapshot]) -> None:
        self.results.blockSignals(True)
        self.results.clear()
        for contact in found:
            entry = QListWidgetItem(contact.label, self.results)
            entry.setData(ContactRole, contact)
        if not found:
            self.picked.setText(words.CONTACT_NONE_FOUND)
        self.results.setVisible(bool(found))
        self.results.blockSignals(False)
        self.searched.emit()

    def _on_search_failed(self, error: BaseException) -> None:
        self.picked.setText(str(error))

    def _on_results_current_item_changed(self, current: QListWidgetItem | None, _: object) -> None:
        if current is None:
            return
        contact = current.data(ContactRole)
        if isinstance(contact, ContactSnapshot):
            self._contact = contact
            self.picked.setText(words.CONTACT_PICKED.format(label=contact.label))
            self.contact_picked.emit(contact)

    # -- adding someone new ------------------------------------------------------------------------

    def _on_add_button_clicked(self) -> None:
        self.new_form.show()
        if not self.new_name.text() and self.typed_text() and self._contact is None:
            self.new_name.setText(self.typed_text())
        self.new_name.setFocus()

    def _on_new_cancel_clicked(self) -> None:
        self.new_form.hide()
        self.new_errors.hide()
        self.search.setFocus()

    def _on_new_save_clicked(self) -> None:
        name, agency, title = self.new_name.text(), self.new_agency.text(), self.new_title.text()
        add = self._add
        self.new_save.setEnabled(False)
        self._runner.run(lambda: add(name, agency, title), self._on_added, self._on_add_failed)

    def _on_added(self, contact: ContactSnapshot) -> None:
        self.new_save.setEnabled(True)
        self.new_errors.hide()
        for field in (self.new_name, self.new_agency, self.new_title):
            field.clear()
        self.new_form.hide()
        self.results.clear()
        self.results.hide()
        self.set_contact(contact)
        self.search.setFocus()

    def _on_add_failed(self, error: BaseException) -> None:
        self.new_save.setEnabled(True)
        texts = (
            [message.text for message in error.messages]
            if isinstance(error, InputRejected)
            else [str(error)]
        )
        self.new_errors.setText(" ".join(texts))
        self.new_errors.show()
