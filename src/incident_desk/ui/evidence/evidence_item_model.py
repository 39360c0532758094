"""The evidence items of a case as a table: number, description, holder, since, seal, storage."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from incident_desk.domain.validation import format_moment
from incident_desk.services.evidence_views import EvidenceItemView
from incident_desk.ui.messages import evidence as words

AnyIndex = QModelIndex | QPersistentModelIndex

COL_ITEM, COL_DESCRIPTION, COL_HOLDER, COL_SINCE, COL_SEAL, COL_STORAGE, COL_STATUS = range(7)
HEADERS = (
    words.COLUMN_ITEM,
    words.COLUMN_DESCRIPTION,
    words.COLUMN_HOLDER,
    words.COLUMN_SINCE,
    words.COLUMN_SEAL,
    words.COLUMN_STORAGE,
    words.COLUMN_STATUS,
)
#: The item's view itself, for the screen that shows the selected item.
ITEM_ROLE = Qt.ItemDataRole.UserRole + 1


def shown_moment(moment: datetime | None) -> str:
    return words.NOBODY if moment is None else f"{format_moment(moment)} UTC"


def status_of(item: EvidenceItemView) -> str:
    if item.disposition is not None:
        return words.ENDED_STATUS.get(item.disposition.action, words.STATUS_HELD)
    if item.problems:
        return words.STATUS_PROBLEM
    return words.STATUS_HELD


def _cells(item: EvidenceItemView) -> tuple[str, ...]:
    holder = item.custodian.name if item.custodian is not None else words.NOBODY
    since = item.held_since
    if item.disposition is not None:
        since = item.disposition.transferred_at
    return (
        item.item_number,
        " ".join(item.description.split()),
        holder,
        shown_moment(since),
        item.seal_number or words.NOBODY,
        item.storage_location or words.NOBODY,
        status_of(item),
    )


class EvidenceItemModel(QAbstractTableModel):
    """Read-only rows made once per load: painting a row never formats anything again."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._items: list[EvidenceItemView] = []
        self._cells: list[tuple[str, ...]] = []
        self._rows_by_number: dict[str, int] = {}

    def set_items(self, items: Sequence[EvidenceItemView]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self._cells = [_cells(item) for item in self._items]
        self._rows_by_number = {item.item_number: row for row, item in enumerate(self._items)}
        self.endResetModel()

    def items(self) -> list[EvidenceItemView]:
        return list(self._items)

    def item_at(self, row: int) -> EvidenceItemView:
        return self._items[row]

    def row_of(self, item_number: str) -> int | None:
        return self._rows_by_number.get(item_number)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(  # noqa: N802
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section] if 0 <= section < len(HEADERS) else None
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._cells[index.row()][index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == COL_STATUS:
            problems = self._items[index.row()].problems
            return " ".join(problems) or None
        if role == ITEM_ROLE:
            return self._items[index.row()]
        return None
