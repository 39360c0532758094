"""The people of a new report — alleged victims, alleged perpetrators, witnesses — one row each.

Each row is plain widgets rather than a table with in-cell editors, so Tab walks every field in
reading order, a screen reader names each one ("Person 2: Name"), and a problem with a row can
be written right under it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from incident_desk.domain.enums import PersonKind, PersonRole
from incident_desk.services.cases import NewPerson
from incident_desk.ui.messages import intake as words

ERROR_STYLE = "color: #b00020; font-weight: bold;"


class PersonRowEditor(QWidget):
    """One person: name, role, kind, identifier and housing unit, with a Remove button."""

    remove_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name_field = QLineEdit(self)
        self.name_field.setPlaceholderText(words.PERSON_NAME_HINT)
        self.role_field = QComboBox(self)
        for role, text in words.PERSON_ROLE_WORDS.items():
            self.role_field.addItem(text, role)
        self.kind_field = QComboBox(self)
        for kind, text in words.PERSON_KIND_WORDS.items():
            self.kind_field.addItem(text, kind)
        self.identifier_field = QLineEdit(self)
        self.housing_field = QLineEdit(self)
        self.remove_button = QPushButton(words.REMOVE_PERSON, self)
        self.remove_button.clicked.connect(lambda: self.remove_requested.emit(self))
        self.error_label = QLabel(self)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        columns = (
            (words.PERSON_NAME, self.name_field, 3),
            (words.PERSON_ROLE, self.role_field, 2),
            (words.PERSON_KIND, self.kind_field, 2),
            (words.PERSON_IDENTIFIER, self.identifier_field, 2),
            (words.PERSON_HOUSING, self.housing_field, 2),
        )
        for column, (caption, field, stretch) in enumerate(columns):
            label = QLabel(caption, self)
            label.setBuddy(field)
            grid.addWidget(label, 0, column)
            grid.addWidget(field, 1, column)
            grid.setColumnStretch(column, stretch)
        grid.addWidget(self.remove_button, 1, len(columns))
        grid.addWidget(self.error_label, 2, 0, 1, len(columns) + 1)
        self._captions = {field: caption for caption, field, _ in columns}

    def number(self, number: int) -> None:
        """Name every control after the person's place in the list (1-based)."""
        for field, caption in self._captions.items():
            field.setAccessibleName(words.PERSON_FIELD_NAME.format(number=number, field=caption))
        self.remove_button.setAccessibleName(words.REMOVE_PERSON_NAME.format(number=number))
        self.error_label.setAccessibleName(
            words.PERSON_FIELD_NAME.format(number=number, field="problem")
        )

    def person(self) -> NewPerson:
        return NewPerson(
            name=self.name_field.text(),
            role=PersonRole(self.role_field.currentData()),
            kind=PersonKind(self.kind_field.currentData()),
            identifier=self.identifier_field.text(),
            housing_unit=self.housing_field.text(),
        )

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))


class PeopleEditorWidget(QWidget):
    """Add and remove people; ``people()`` gives them as ``NewPerson`` in the order shown."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[PersonRowEditor] = []
        self._empty = QLabel(words.PEOPLE_EMPTY, self)
        self._empty.setWordWrap(True)
        self._rows_layout = QVBoxLayout()
        self.add_button = QPushButton(words.ADD_PERSON, self)
        self.add_button.setAccessibleName(words.ADD_PERSON.replace("&", ""))
        self.add_button.clicked.connect(self._on_add_button_clicked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._empty)
        layout.addLayout(self._rows_layout)
        layout.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)

    def add_person(self) -> PersonRowEditor:
        """A new empty row, after the others, with the cursor in its name field."""
        row = PersonRowEditor(self)
        if not self.rows:
            row.role_field.setCurrentIndex(0)  # the first person is usually the victim
        else:
            row.role_field.setCurrentIndex(1)
        row.remove_requested.connect(self._on_row_remove_requested)
        self.rows.append(row)
        self._rows_layout.addWidget(row)
        self._renumber()
        row.name_field.setFocus()
        self.changed.emit()
        return row

    def remove_person(self, row: PersonRowEditor) -> None:
        index = self.rows.index(row)
        self.rows.remove(row)
        self._rows_layout.removeWidget(row)
        row.deleteLater()
        self._renumber()
        if self.rows:
            self.rows[min(index, len(self.rows) - 1)].name_field.setFocus()
        else:
            self.add_button.setFocus()
        self.changed.emit()

    def people(self) -> tuple[NewPerson, ...]:
        return tuple(row.person() for row in self.rows)

    def show_errors(self, by_index: dict[int, str]) -> None:
        """Write each row's problem under it; rows not named are cleared."""
        for index, row in enumerate(self.rows):
            row.show_error(by_index.get(index, ""))

    def _renumber(self) -> None:
        for number, row in enumerate(self.rows, start=1):
            row.number(number)
        self._empty.setVisible(not self.rows)
        # Tab order follows the page: each row's fields, then the next row, then Add person.
        previous: QWidget | None = None
        for row in self.rows:
            for field in (
                row.name_field,
                row.role_field,
                row.kind_field,
                row.identifier_field,
                row.housing_field,
                row.remove_button,
            ):
                if previous is not None:
                    QWidget.setTabOrder(previous, field)
                previous = field
        if previous is not None:
            QWidget.setTabOrder(previous, self.add_button)

    def _on_add_button_clicked(self) -> None:
        self.add_person()

    def _on_row_remove_requested(self, row: object) -> None:
        assert isinstance(row, PersonRowEditor)
        self.remove_person(row)
