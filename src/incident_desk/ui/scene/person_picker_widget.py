"""Picking the person a scene line is about: from a suggested list, by searching the contacts,
or by adding someone who is not in the list yet (a trooper who never signs in).

Searching and adding run in the background; typing waits for a short pause before searching,
and Enter searches at once. ``chosen`` is the contact picked, or None.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from incident_desk.services.contacts import ContactSnapshot
from incident_desk.ui.messages import scene as words
from incident_desk.ui.widgets.background import BackgroundRunner
from incident_desk.ui.workflow.step_fields import error_label, page_label

SEARCH_PAUSE_MS = 250
_CONTACT = Qt.ItemDataRole.UserRole + 1


class _SearchLine(QLineEdit):
    """Enter searches here; it must not also press the form's default button."""

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        super().keyPressEvent(event)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()


class PersonPickerWidget(QWidget):
    """A search box, the matching people, and a small form to add a new one."""

    chosen_changed = Signal(object)

    def __init__(
        self,
        find: Callable[[str], Sequence[ContactSnapshot]],
        add: Callable[[str, str, str], ContactSnapshot],
        runner: BackgroundRunner,
        suggested: Sequence[ContactSnapshot] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._find = find
        self._add = add
        self._runner = runner
        self._closed = False
        self.setAccessibleName(words.PERSON)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        self.search = _SearchLine(self)
        self.search.setAccessibleName(words.PERSON_SEARCH)
        self.search.setPlaceholderText(words.PERSON_SEARCH_HINT)
        self.search.textEdited.connect(self._on_search_text_edited)
        self.search.returnPressed.connect(self._on_search_return_pressed)
        column.addWidget(self.search)
        self.results = QListWidget(self)
        self.results.setAccessibleName(words.PERSON_LIST)
        self.results.setMinimumHeight(80)
        self.results.setMaximumHeight(110)
        self.results.currentItemChanged.connect(self._on_results_current_item_changed)
        column.addWidget(self.results)
        self.status = page_label("", self)
        self.status.setAccessibleName("Person status")
        column.addWidget(self.status)
        # Adding someone is the rarer case: its fields open on request.
        self.new_toggle = QPushButton(words.PERSON_NEW_OPEN, self)
        self.new_toggle.setAccessibleName(words.PERSON_NEW_HEADING)
        self.new_toggle.setCheckable(True)
        self.new_toggle.setAutoDefault(False)
        self.new_toggle.toggled.connect(self._on_new_toggle_toggled)
        column.addWidget(self.new_toggle, 0, Qt.AlignmentFlag.AlignLeft)
        self.new_box = self._new_person_box()
        self.new_box.hide()
        column.addWidget(self.new_box)
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(SEARCH_PAUSE_MS)
        self._pause.timeout.connect(self._on_pause_timeout)
        self.setFocusProxy(self.search)
        self.show_people(suggested)

    def _new_person_box(self) -> QGroupBox:
        box = QGroupBox(words.PERSON_NEW_HEADING, self)
        box.setAccessibleName(words.PERSON_NEW_HEADING)
        form = QFormLayout(box)
        self.new_name = QLineEdit(box)
        self.new_name.setAccessibleName(f"New person: {words.PERSON_NEW_NAME}")
        self.new_agency = QLineEdit(box)
        self.new_agency.setAccessibleName(f"New person: {words.PERSON_NEW_AGENCY}")
        self.new_title = QLineEdit(box)
        self.new_title.setAccessibleName(f"New person: {words.PERSON_NEW_TITLE}")
        self.add_button = QPushButton(words.PERSON_ADD, box)
        self.add_button.setAccessibleName(words.PERSON_ADD.replace("&", ""))
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.add_error = error_label(box)
        self.add_error.setAccessibleName("Problem adding the person")
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addStretch(1)
        form.addRow(words.PERSON_NEW_NAME, self.new_name)
        form.addRow(words.PERSON_NEW_AGENCY, self.new_agency)
        form.addRow(words.PERSON_NEW_TITLE, self.new_title)
        form.addRow("", row)
        form.addRow("", self.add_error)
        return box

    def _on_new_toggle_toggled(self, opened: bool) -> None:
        self.new_box.setVisible(opened)
        if opened:
            self.new_name.setFocus()

    def retire(self) -> None:
        self._closed = True
        self._pause.stop()

    # -- the list ------------------------------------------------------------------------------

    @property
    def chosen(self) -> ContactSnapshot | None:
        item = self.results.currentItem()
        if item is None:
            return None
        contact = item.data(_CONTACT)
        return contact if isinstance(contact, ContactSnapshot) else None

    def show_people(self, people: Sequence[ContactSnapshot], keep: int | None = None) -> None:
        """List ``people``; the one with id ``keep`` (or the only one) is chosen."""
        self.results.clear()
        for person in people:
            item = QListWidgetItem(person.label, self.results)
            item.setData(_CONTACT, person)
        for row in range(self.results.count()):
            person = self.results.item(row).data(_CONTACT)
            if person.id == keep or len(people) == 1:
                self.results.setCurrentRow(row)

    def choose_by_name(self, name: str) -> bool:
        """Choose the listed person called ``name``; False if nobody listed is."""
        for row in range(self.results.count()):
            if self.results.item(row).data(_CONTACT).name == name:
                self.results.setCurrentRow(row)
                return True
        return False

    def _on_results_current_item_changed(self, *_: object) -> None:
        person = self.chosen
        self.status.setText(
            "" if person is None else words.PERSON_CHOSEN.format(label=person.label)
        )
        self.chosen_changed.emit(person)

    # -- searching -----------------------------------------------------------------------------

    def _on_search_text_edited(self, _: str) -> None:
        self._pause.start()

    def _on_search_return_pressed(self) -> None:
        self._pause.stop()
        self._search()

    def _on_pause_timeout(self) -> None:
        self._search()

    def _search(self) -> None:
        text = self.search.text()
        find = self._find

        def on_found(people: Sequence[ContactSnapshot]) -> None:
            if self._closed or text != self.search.text():
                return  # a newer search is on its way
            self.show_people(people)
            if not people:
                self.status.setText(words.PERSON_NONE_FOUND.format(text=text))

        self._runner.run(lambda: find(text), on_found, self._on_failed)

    def _on_failed(self, error: BaseException) -> None:
        if not self._closed:
            self.add_error.setText(str(error))
            self.add_error.show()

    # -- adding --------------------------------------------------------------------------------

    def _on_add_button_clicked(self) -> None:
        name, agency, title = self.new_name.text(), self.new_agency.text(), self.new_title.text()
        add = self._add
        self.add_error.hide()

        def on_added(person: ContactSnapshot) -> None:
            if self._closed:
                return
            self.new_name.clear()
            self.new_agency.clear()
            self.new_title.clear()
            self.show_people([person])
            self.new_toggle.setChecked(False)
            self.results.setFocus()

        self._runner.run(lambda: add(name, agency, title), on_added, self._on_failed)
