"""The five printed forms of a case, each with a tick box, in the order the packet prints them.

The Chain of Evidence form is one document per evidence item: its row opens onto one row per
item, so each item's form can be previewed on its own (they are signed together). Choosing a
row asks for its preview; Space ticks or unticks the row that has the focus.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from incident_desk.domain.documents import DocumentContent, FormDefinition
from incident_desk.services.case_documents import FORM_KEYS, ITEM_FORM, form_definitions
from incident_desk.ui.messages import documents as words
from incident_desk.ui.workflow.step_fields import page_label

Documents = tuple[tuple[FormDefinition, DocumentContent], ...]
#: Where a row keeps its form key, and the index of its document (-1: a form without one).
FORM_ROLE = Qt.ItemDataRole.UserRole
DOCUMENT_ROLE = Qt.ItemDataRole.UserRole + 1


class FormChoiceWidget(QWidget):
    """``document_chosen`` carries the index, in the loaded documents, of the row chosen."""

    document_chosen = Signal(int)
    ticks_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(page_label(words.CHOICE_HEADING, self, bold=True))
        self.tree = QTreeWidget(self)
        self.tree.setHeaderHidden(True)
        self.tree.setAccessibleName(words.CHOICE_ACCESSIBLE_NAME)
        self.tree.setRootIsDecorated(True)
        self.tree.setUniformRowHeights(True)
        layout.addWidget(self.tree, 1)
        note = page_label(words.CHOICE_NOTE, self)
        note.setAccessibleName("About the chain of evidence forms")
        layout.addWidget(note)
        self.setFocusProxy(self.tree)
        self.tree.currentItemChanged.connect(self._on_tree_current_item_changed)
        self.tree.itemChanged.connect(self._on_tree_item_changed)
        self._documents: Documents = ()

    def set_documents(self, documents: Documents) -> None:
        """One row per form; the ticks already given are kept (all ticked the first time)."""
        before = {key: self.is_ticked(key) for key in FORM_KEYS} if self._documents else None
        current = self.current_document()
        self._documents = documents
        self.tree.blockSignals(True)
        self.tree.clear()
        definitions = form_definitions()
        for key in FORM_KEYS:
            title = definitions[key].title
            indexes = [i for i, (d, _c) in enumerate(documents) if d.key == key]
            row = QTreeWidgetItem(self.tree)
            row.setData(0, FORM_ROLE, key)
            row.setData(0, DOCUMENT_ROLE, indexes[0] if indexes and key != ITEM_FORM else -1)
            if key == ITEM_FORM:
                row.setText(0, _chain_words(title, len(indexes)))
                for index in indexes:
                    child = QTreeWidgetItem(row)
                    child.setText(
                        0, words.CHAIN_ITEM.format(item=documents[index][1].header.subject)
                    )
                    child.setData(0, FORM_ROLE, key)
                    child.setData(0, DOCUMENT_ROLE, index)
                row.setExpanded(True)
            else:
                row.setText(0, title)
            usable = bool(indexes)
            flags = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled
            if usable:
                flags |= Qt.ItemFlag.ItemIsUserCheckable
            row.setFlags(flags)
            ticked = usable and (before is None or before.get(key, True))
            row.setCheckState(0, Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
            if not usable:
                row.setData(0, Qt.ItemDataRole.CheckStateRole, None)
        self.tree.blockSignals(False)
        self._fit_height()
        self._choose(current if current is not None and current < len(documents) else 0)
        self.ticks_changed.emit()

    def _fit_height(self) -> None:
        """Tall enough for every row, and no taller: the rest of the page needs the room."""
        rows = len(self._all_rows())
        height = rows * max(self.tree.sizeHintForRow(0), 1) + 2 * self.tree.frameWidth() + 4
        self.tree.setMaximumHeight(max(height, 80))

    def ticked_forms(self) -> list[str]:
        """The ticked forms' keys, in packet order."""
        return [key for key in FORM_KEYS if self.is_ticked(key)]

    def is_ticked(self, key: str) -> bool:
        row = self._row(key)
        return row is not None and row.checkState(0) == Qt.CheckState.Checked

    def set_ticked(self, key: str, ticked: bool) -> None:
        row = self._row(key)
        if row is not None and row.flags() & Qt.ItemFlag.ItemIsUserCheckable:
            row.setCheckState(0, Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)

    def current_document(self) -> int | None:
        item = self.tree.currentItem()
        if item is None:
            return None
        index = item.data(0, DOCUMENT_ROLE)
        return index if isinstance(index, int) and index >= 0 else None

    def row_of_document(self, index: int) -> QTreeWidgetItem | None:
        for item in self._all_rows():
            if item.data(0, DOCUMENT_ROLE) == index:
                return item
        return None

    def _choose(self, index: int) -> None:
        row = self.row_of_document(index)
        if row is not None:
            self.tree.setCurrentItem(row)

    def _row(self, key: str) -> QTreeWidgetItem | None:
        for row in self._top_rows():
            if row.data(0, FORM_ROLE) == key:
                return row
        return None

    def _top_rows(self) -> list[QTreeWidgetItem]:
        found = (self.tree.topLevelItem(p) for p in range(self.tree.topLevelItemCount()))
        return [row for row in found if row is not None]

    def _all_rows(self) -> list[QTreeWidgetItem]:
        rows = []
        for row in self._top_rows():
            rows.append(row)
            children = (row.child(c) for c in range(row.childCount()))
            rows += [child for child in children if child is not None]
        return rows

    def _on_tree_current_item_changed(
        self, current: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None
    ) -> None:
        if current is None:
            return
        index = current.data(0, DOCUMENT_ROLE)
        first = current.child(0) if index == -1 else None
        if first is not None:
            index = first.data(0, DOCUMENT_ROLE)
        if isinstance(index, int) and index >= 0:
            self.document_chosen.emit(index)

    def _on_tree_item_changed(self, _item: QTreeWidgetItem, _column: int) -> None:
        self.ticks_changed.emit()


def _chain_words(title: str, count: int) -> str:
    if count:
        return words.CHAIN_NODE.format(title=title, count=count)
    return words.CHAIN_NONE.format(title=title)
