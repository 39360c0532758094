"""The list of a case's stored signed documents: a table over `StoredDocumentsModel`, newest
first, several rows selectable (to print them together), Tab leaving the list and the arrows
moving within it; and the panel that holds it with what can be done to the documents."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from incident_desk.services.case_documents import ITEM_FORM
from incident_desk.services.document_export import StoredDocument
from incident_desk.ui.documents.stored_documents_model import (
    COL_FORM,
    COL_SIGNED_BY,
    StoredDocumentsModel,
)
from incident_desk.ui.messages import documents as words
from incident_desk.ui.workflow.step_fields import page_label

FORM_WIDTH = 190
SIGNED_BY_WIDTH = 160


class StoredDocumentsView(QTableView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.documents_model = StoredDocumentsModel(self)
        self.setModel(self.documents_model)
        self.setAccessibleName(words.STORED_ACCESSIBLE_NAME)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTabKeyNavigation(False)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)

    def show_documents(
        self, documents: Sequence[StoredDocument], titles: Mapping[str, str], wanted: int | None
    ) -> None:
        """List ``documents``; select the one with id ``wanted`` if it is among them."""
        self.documents_model.set_documents(documents, titles)
        self.resizeColumnsToContents()
        header = self.horizontalHeader()
        header.resizeSection(COL_FORM, min(FORM_WIDTH, header.sectionSize(COL_FORM)))
        header.resizeSection(COL_SIGNED_BY, min(SIGNED_BY_WIDTH, header.sectionSize(COL_SIGNED_BY)))
        row = self.documents_model.row_of(wanted) if wanted is not None else None
        if row is not None:
            self.select_row(row)

    def current_document(self) -> StoredDocument | None:
        index = self.currentIndex()
        return self.documents_model.document_at(index.row()) if index.isValid() else None

    def selected_documents(self) -> list[StoredDocument]:
        rows = sorted({index.row() for index in self.selectionModel().selectedRows()})
        return [self.documents_model.document_at(row) for row in rows]

    def select_row(self, row: int) -> None:
        index = self.documents_model.index(row, COL_FORM)
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        self.selectionModel().setCurrentIndex(index, flags)
        self.scrollTo(index)

    def current_chain(self) -> list[StoredDocument]:
        """The chain of evidence forms not replaced by a newer copy, in item order."""
        return [
            document
            for document in sorted(self.documents_model.documents(), key=lambda d: d.subject)
            if document.form_key == ITEM_FORM and document.superseded_by_id is None
        ]


class StoredDocumentsPanel(QWidget):
    """The heading, the list (or the words saying it is empty) and the buttons under it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(page_label(words.STORED_HEADING, self, bold=True))
        self.table = StoredDocumentsView(self)
        column.addWidget(self.table, 1)
        self.no_stored = page_label(words.NO_STORED, self)
        self.no_stored.setAccessibleName(words.NO_STORED)
        column.addWidget(self.no_stored)
        self.countersign_button = self._button(words.COUNTERSIGN, words.COUNTERSIGN_NAME)
        self.save_button = self._button(words.SAVE, words.SAVE_NAME)
        self.print_button = self._button(words.PRINT, words.PRINT_NAME)
        self.print_chain_button = self._button(words.PRINT_CHAIN, words.PRINT_CHAIN_NAME)
        actions = QHBoxLayout()
        for button in (
            self.countersign_button,
            self.save_button,
            self.print_button,
            self.print_chain_button,
        ):
            actions.addWidget(button)
        actions.addStretch(1)
        column.addLayout(actions)
        self.setFocusProxy(self.table)

    def _button(self, text: str, name: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setAccessibleName(name)
        return button
