"""Under the clean sheet step (CPP 14.7 G.5.a): the sheet and each piece of clothing entered in
the evidence log at once, one paper-bagged item each, and their numbers written into the step.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from incident_desk.domain.enums import PersonRole
from incident_desk.domain.protocol import FieldDefinition, FieldKind
from incident_desk.services.contacts import ContactSnapshot
from incident_desk.services.evidence_views import EvidenceItemView
from incident_desk.services.snapshots import PersonSnapshot
from incident_desk.ui.messages import step_panels as words
from incident_desk.ui.workflow.step_fields import DateTimeFieldEditor, page_label
from incident_desk.ui.workflow.step_panel_base import PanelContext, PanelDialog, StepPanel

EVIDENCE_NUMBERS = "evidence_numbers"


class CleanSheetDialog(PanelDialog):
    """Whose clothing, the pieces (one a line), who collected them and when."""

    def __init__(
        self,
        victims: list[PersonSnapshot],
        contacts: tuple[ContactSnapshot, ...],
        context: PanelContext,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(words.CLEAN_SHEET_TITLE, context.runner, parent)
        self._context = context
        self.person = QComboBox(self)
        self.person.setAccessibleName(words.CLEAN_SHEET_PERSON)
        for person in victims:
            self.person.addItem(person.name, person.id)
        self.add_row("case_person_id", words.CLEAN_SHEET_PERSON, self.person)
        self.form.addRow("", page_label(words.CLEAN_SHEET_SHEET_ITEM, self))
        self.articles: list[QLineEdit] = []
        self._rows: list[QWidget] = []
        self._article_layout = QVBoxLayout()
        self.add_article = QPushButton(words.CLEAN_SHEET_ADD, self)
        self.add_article.setAccessibleName("Add a line for another piece of clothing")
        self.add_article.clicked.connect(self._on_add_article_clicked)
        clothing = QVBoxLayout()
        clothing.addLayout(self._article_layout)
        clothing.addWidget(self.add_article)
        self.add_row("clothing", words.CLEAN_SHEET_CLOTHING, clothing)
        self.collected_by = QComboBox(self)
        self.collected_by.setAccessibleName(words.CLEAN_SHEET_COLLECTED_BY)
        for contact in contacts:
            self.collected_by.addItem(contact.label, contact.id)
        self.add_row("collected_by_contact_id", words.CLEAN_SHEET_COLLECTED_BY, self.collected_by)
        when = FieldDefinition("collected_at", words.CLEAN_SHEET_COLLECTED_AT, FieldKind.DATETIME)
        self.collected_at = DateTimeFieldEditor(when, context.services.now, self)
        self.collected_at.set_moment(context.services.now())
        self.add_row("collected_at", words.CLEAN_SHEET_COLLECTED_AT, self.collected_at)
        self.set_ok_text(words.CLEAN_SHEET_CREATE_BUTTON, "Create the evidence items")
        self.finish_layout()
        self.append_article()

    def append_article(self) -> QLineEdit:
        row = QWidget(self)
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        line = QLineEdit(row)
        remove = QPushButton(words.CLEAN_SHEET_REMOVE, row)
        layout.addWidget(line, 1)
        layout.addWidget(remove)
        remove.clicked.connect(partial(self._on_remove_clicked, row, line))
        self._article_layout.addWidget(row)
        self.articles.append(line)
        self._rows.append(row)
        self._renumber()
        # Tab goes through the lines in order, then to "Add a piece of clothing".
        QWidget.setTabOrder(remove, self.add_article)
        return line

    def _renumber(self) -> None:
        for number, (row, line) in enumerate(zip(self._rows, self.articles, strict=True), 1):
            name = words.CLEAN_SHEET_ARTICLE.format(number=number)
            line.setAccessibleName(name)
            line.setPlaceholderText(name)
            remove = row.findChild(QPushButton)
            if remove is not None:
                remove.setAccessibleName(f"Remove {name.lower()}")

    def _on_add_article_clicked(self) -> None:
        self.append_article().setFocus()

    def _on_remove_clicked(self, row: QWidget, line: QLineEdit) -> None:
        self._article_layout.removeWidget(row)
        self._rows.remove(row)
        self.articles.remove(line)
        row.deleteLater()
        self._renumber()
        self.add_article.setFocus()

    def work(self) -> Callable[[], object] | None:
        if self.person.count() == 0:
            self.show_problem(words.CLEAN_SHEET_NO_VICTIM)
            return None
        create = self._context.services.clean_sheet
        case, person = self._context.case_number, int(self.person.currentData())
        contact = int(self.collected_by.currentData())
        moment = self.collected_at.moment()
        clothing = [line.text() for line in self.articles]
        return lambda: create(case, person, contact, moment, clothing)


class CleanSheetPanel(StepPanel):
    """ "Create the evidence items…", and the numbers of the items created."""

    def __init__(self, context: PanelContext, parent: QWidget | None = None) -> None:
        super().__init__(context, words.CLEAN_SHEET_HEADING, parent)
        self.victims: list[PersonSnapshot] = []
        self.contacts: tuple[ContactSnapshot, ...] = ()
        self.dialog: CleanSheetDialog | None = None
        self.column.insertWidget(1, page_label(words.CLEAN_SHEET_INTRO, self))
        self.create_button = QPushButton(words.CLEAN_SHEET_CREATE, self)
        self.create_button.setAccessibleName("Create the evidence items of the sheet and clothing")
        self.create_button.clicked.connect(self._on_create_clicked)
        self.create_button.setVisible(context.writable)
        self.create_button.setEnabled(False)  # until the people and contacts are loaded
        self.column.addWidget(self.create_button)

    def load(self) -> tuple[tuple[PersonSnapshot, ...], tuple[ContactSnapshot, ...]]:
        services = self.context.services
        return services.people(self.context.case_number), services.contacts()

    def show_loaded(
        self, data: tuple[tuple[PersonSnapshot, ...], tuple[ContactSnapshot, ...]]
    ) -> None:
        people, self.contacts = data
        self.victims = [p for p in people if p.role is PersonRole.ALLEGED_VICTIM]
        self.create_button.setEnabled(True)

    def _on_create_clicked(self) -> None:
        dialog = CleanSheetDialog(self.victims, self.contacts, self.context, self)
        dialog.succeeded.connect(self._on_dialog_succeeded)
        self.dialog = dialog
        dialog.open()

    def _on_dialog_succeeded(self, items: object) -> None:
        if self._retired or not isinstance(items, tuple):
            return
        numbers = ", ".join(
            item.item_number for item in items if isinstance(item, EvidenceItemView)
        )
        self.set_lines([words.CLEAN_SHEET_CREATED.format(numbers=numbers)])
        self.field_filled.emit(EVIDENCE_NUMBERS, numbers)
        self.recorded.emit()
