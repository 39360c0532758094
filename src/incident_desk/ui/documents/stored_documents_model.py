"""The signed documents stored in a case's record, newest first, as a table.

A counter-signature or a new export never changes a stored document: it stores a new one that
replaces it, and the older copy is shown as replaced ("Replaced by #7"), in words.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from incident_desk.domain.clock import ensure_utc
from incident_desk.services.document_export import StoredDocument
from incident_desk.ui.messages import documents as words

COL_FORM, COL_ITEM, COL_SIGNED_BY, COL_WHEN, COL_COPY, COL_VERSION, COL_SHA = range(7)
SHA_SHOWN = 12

AnyIndex = QModelIndex | QPersistentModelIndex


class StoredDocumentsModel(QAbstractTableModel):
    def __init__(self, parent: object | None = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._documents: list[StoredDocument] = []
        self._titles: Mapping[str, str] = {}

    def set_documents(self, documents: Sequence[StoredDocument], titles: Mapping[str, str]) -> None:
        self.beginResetModel()
        self._documents = sorted(documents, key=lambda d: d.id, reverse=True)
        self._titles = dict(titles)
        self.endResetModel()

    def document_at(self, row: int) -> StoredDocument:
        return self._documents[row]

    def documents(self) -> list[StoredDocument]:
        return list(self._documents)

    def row_of(self, document_id: int) -> int | None:
        for row, document in enumerate(self._documents):
            if document.id == document_id:
                return row
        return None

    def title_of(self, document: StoredDocument) -> str:
        return self._titles.get(document.form_key, document.form_key)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._documents)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(words.COLUMNS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return words.COLUMNS[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        document = self._documents[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(document, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            if index.column() == COL_SHA:
                return document.sha256
            if index.column() == COL_ITEM and document.subject:
                return document.subject
            return f"{self.title_of(document)} \u2014 #{document.id} {document.filename}"
        if role == Qt.ItemDataRole.FontRole and document.superseded_by_id is None:
            font = QFont()
            font.setBold(index.column() == COL_COPY)
            return font
        return None

    def _text(self, document: StoredDocument, column: int) -> str:
        if column == COL_FORM:
            return self.title_of(document)
        if column == COL_VERSION:
            return document.form_version
        if column == COL_ITEM:
            # The tab is one case's: the item's own part of its number is enough ("E001").
            return document.subject.removeprefix(f"{document.case_number}-") or words.NO_ITEM
        if column == COL_SIGNED_BY:
            return ", ".join(name for name in document.signed_by if name)
        if column == COL_WHEN:
            return f"{ensure_utc(document.generated_at):{words.TIME_FORMAT}}"
        if column == COL_SHA:
            return document.sha256[:SHA_SHOWN]
        if document.superseded_by_id is None:
            return f"#{document.id} {words.CURRENT}"
        return f"#{document.id} " + words.REPLACED.format(id=document.superseded_by_id)
