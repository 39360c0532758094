"""The case list: find a case by number or name, filter by status, sort, and open it.

Typing in the search box waits a quarter of a second after the last key before asking the
service, so a name typed quickly costs one query, not one per letter.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from incident_desk.domain.deadlines import DEFAULT_SETTINGS, DeadlineSettings
from incident_desk.domain.enums import CaseStatus
from incident_desk.ui.messages import cases as words
from incident_desk.ui.models.case_table_model import (
    COL_ALLEGATION,
    COL_CASE_NUMBER,
    COL_FACILITY,
    COL_NEXT_CLOCK,
    COL_PEOPLE,
    COL_RECEIVED,
    COL_STATUS,
    SORTABLE_COLUMNS,
    CaseLoader,
    CaseNumberRole,
    CaseTableModel,
    indicator_for,
)
from incident_desk.ui.widgets.background import BackgroundRunner

SEARCH_DELAY_MS = 250


class CaseListWidget(QWidget):
    case_opened = Signal(str)

    def __init__(
        self,
        loader: CaseLoader,
        runner: BackgroundRunner,
        now: Callable[[], datetime],
        settings: DeadlineSettings = DEFAULT_SETTINGS,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.model = CaseTableModel(loader, runner, now, settings, parent=self)
        self._search = QLineEdit(self)
        self._search.setPlaceholderText(words.SEARCH_PLACEHOLDER)
        self._search.setAccessibleName(words.SEARCH_NAME)
        self._search.setClearButtonEnabled(True)
        self._status = QComboBox(self)
        self._status.setAccessibleName(words.STATUS_FILTER_NAME)
        # Looked up by position: item data would come back as a plain str, not the enum.
        self._statuses: list[CaseStatus | None] = [None, *CaseStatus]
        self._status.addItem(words.STATUS_FILTER_ALL)
        for status in CaseStatus:
            self._status.addItem(words.STATUS_WORDS[status])
        self._count = QLabel(words.count_text(0), self)
        self._count.setAccessibleName(words.COUNT_NAME)
        self._busy = QProgressBar(self)
        self._busy.setRange(0, 0)  # no known end: a moving bar
        self._busy.setMaximumWidth(140)
        self._busy.setTextVisible(False)
        self._busy.setAccessibleName(words.BUSY_NAME)
        self._busy.setToolTip(words.BUSY_TEXT)
        self._busy.hide()
        self._message = QLabel(words.OPEN_HINT, self)
        self._message.setAccessibleName(words.OPEN_HINT)
        self._message.setWordWrap(True)
        self.table = self._make_table()
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DELAY_MS)
        self._lay_out()
        self._connect()
        self.model.reload()

    def _make_table(self) -> QTableView:
        table = QTableView(self)
        table.setModel(self.model)
        table.setAccessibleName(words.TABLE_NAME)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setTabKeyNavigation(False)  # Tab leaves the table, arrows move inside it
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # The clock is what a supervisor looks for: it takes the room left over.
        header.setSectionResizeMode(COL_NEXT_CLOCK, QHeaderView.ResizeMode.Stretch)
        header.setSortIndicator(COL_RECEIVED, Qt.SortOrder.DescendingOrder)
        table.setSortingEnabled(True)
        widths = {
            COL_CASE_NUMBER: 125,
            COL_STATUS: 130,
            COL_ALLEGATION: 250,
            COL_RECEIVED: 165,
            COL_PEOPLE: 300,
            COL_FACILITY: 70,
        }
        for column, width in widths.items():
            table.setColumnWidth(column, width)
        return table

    def _lay_out(self) -> None:
        bar = QHBoxLayout()
        bar.addWidget(self._search, 1)
        bar.addWidget(self._status)
        bar.addWidget(self._busy)
        bar.addWidget(self._count)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self._message)
        self.setTabOrder(self._search, self._status)
        self.setTabOrder(self._status, self.table)

    def _connect(self) -> None:
        self._search.textEdited.connect(self._on_search_edited)
        self._search.returnPressed.connect(self._on_debounce_timeout)
        self._debounce.timeout.connect(self._on_debounce_timeout)
        self._status.currentIndexChanged.connect(self._on_status_changed)
        self.table.horizontalHeader().sortIndicatorChanged.connect(self._on_header_sort_changed)
        self.table.activated.connect(self._on_table_activated)
        self.model.loading_changed.connect(self._busy.setVisible)
        self.model.total_changed.connect(self._on_model_total_changed)
        self.model.load_failed.connect(self._message.setText)
        self.model.modelReset.connect(self._on_model_reset)

    # -- public ----------------------------------------------------------------------------

    def focus_search(self) -> None:
        """Ctrl+F: put the cursor in the search box with its text selected."""
        self._search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self._search.selectAll()

    def reload(self) -> None:
        """Load the list again (after a new report, say), keeping search, filter and order."""
        self.model.reload()

    def refresh_clocks(self, now: datetime) -> None:
        self.model.refresh_clocks(now)

    def count_text(self) -> str:
        return self._count.text()

    # -- slots -----------------------------------------------------------------------------

    def _apply_query(self) -> None:
        self._debounce.stop()
        status = self._statuses[max(0, self._status.currentIndex())]
        self.model.set_query(status, self._search.text(), self.model.current_sort)

    def _on_search_edited(self, _text: str) -> None:
        self._debounce.start()

    def _on_debounce_timeout(self) -> None:
        self._apply_query()

    def _on_status_changed(self, _index: int) -> None:
        self._apply_query()

    def _on_header_sort_changed(self, column: int, order: Qt.SortOrder) -> None:
        if column in SORTABLE_COLUMNS:
            self._message.setText(words.OPEN_HINT)
            return
        # Put the arrow back where the list really is sorted, and say why.
        self._message.setText(words.SORT_NOT_AVAILABLE)
        header = self.table.horizontalHeader()
        blocked = header.blockSignals(True)
        header.setSortIndicator(*indicator_for(self.model.current_sort))
        header.blockSignals(blocked)

    def _on_table_activated(self, index: QModelIndex) -> None:
        number = self.model.data(index, CaseNumberRole)
        if number:
            self.case_opened.emit(str(number))

    def _on_model_total_changed(self, total: int) -> None:
        self._count.setText(words.count_text(total))

    def _on_model_reset(self) -> None:
        self._count.setText(words.BUSY_TEXT)

    def keyPressEvent(self, event: Any) -> None:  # noqa: N802
        # Escape in the search box clears it: the quickest way back to the whole list.
        if event.key() == Qt.Key.Key_Escape and self._search.hasFocus() and self._search.text():
            self._search.clear()
            self._apply_query()
            return
        super().keyPressEvent(event)
