"""The dashboard: the open cases the user may see, the most urgent clock first.

The cases are loaded once (in the background) and again only when asked; the main window calls
``refresh(now)`` every second, which re-words and re-orders the clocks from the snapshots
already held, so a ticking dashboard never touches the database.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from incident_desk.domain.deadlines import DEFAULT_SETTINGS, DeadlineSettings
from incident_desk.services.snapshots import CaseSummary
from incident_desk.ui.cases.open_case_ranking import (
    KEEP,
    PER_STATUS,
    SCAN_PAGE,
    OpenCases,
    ScanPosition,
    load_open_cases,
    most_urgent_first,
    scan_step,
)
from incident_desk.ui.messages import cases as words
from incident_desk.ui.models.case_table_model import (
    CaseLoader,
    CaseNumberRole,
    SeverityRole,
    SummaryRole,
    severity_colours,
)
from incident_desk.ui.widgets.background import BackgroundRunner
from incident_desk.ui.widgets.deadline_presenter import DeadlinePresentation, present

COL_CLOCK, COL_CASE, COL_STATUS, COL_ALLEGATION, COL_PEOPLE = range(5)
_HEADERS = (
    words.COLUMN_MOST_URGENT,
    words.COLUMN_CASE_NUMBER,
    words.COLUMN_STATUS,
    words.COLUMN_ALLEGATION,
    words.COLUMN_PEOPLE,
)
AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class DashboardSizes:
    """How many cases show at once, are held at most, and are read per background step."""

    per_status: int = PER_STATUS
    keep: int = KEEP
    page_size: int = SCAN_PAGE


@dataclass(frozen=True)
class _Line:
    summary: CaseSummary
    clock: DeadlinePresentation | None
    texts: tuple[str, ...]


class _DashboardModel(QAbstractTableModel):
    def __init__(self, settings: DeadlineSettings, parent: Any = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self._lines: list[_Line] = []

    def show(self, cases: Sequence[CaseSummary], now: datetime) -> None:
        self.beginResetModel()
        self._lines = self._ordered(cases, now)
        self.endResetModel()

    def refresh(self, now: datetime) -> None:
        if not self._lines:
            return
        # A layout change (not a reset) keeps the keyboard's place on the same case.
        self.layoutAboutToBeChanged.emit()
        before = [line.summary.id for line in self._lines]
        self._lines = self._ordered([line.summary for line in self._lines], now)
        after = {line.summary.id: row for row, line in enumerate(self._lines)}
        moved_from = self.persistentIndexList()
        moved_to = [self.index(after[before[old.row()]], old.column()) for old in moved_from]
        self.changePersistentIndexList(moved_from, moved_to)
        self.layoutChanged.emit()

    def _ordered(self, cases: Sequence[CaseSummary], now: datetime) -> list[_Line]:
        lines = []
        for summary, deadline in most_urgent_first(cases, now, self._settings):
            clock = None if deadline is None else present(deadline, now)
            lines.append(
                _Line(
                    summary,
                    clock,
                    (
                        words.NO_OPEN_CLOCK
                        if clock is None
                        else words.clock_cell_text(clock.status_word, clock.title, clock.detail),
                        summary.case_number,
                        words.STATUS_WORDS[summary.status],
                        words.ALLEGATION_WORDS[summary.allegation_type],
                        words.people_text(summary.people),
                    ),
                )
            )
        return lines

    def summaries(self) -> list[CaseSummary]:
        return [line.summary for line in self._lines]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(_HEADERS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _HEADERS[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        line = self._lines[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return line.texts[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == COL_CLOCK and line.clock is not None:
                return f"{line.clock.text}\n{line.clock.citation}"
            return line.texts[column]
        if role == CaseNumberRole:
            return line.summary.case_number
        if role == SummaryRole:
            return line.summary
        if role == SeverityRole:
            return None if line.clock is None else line.clock.severity
        if column == COL_CLOCK and line.clock is not None:
            colours = severity_colours(line.clock.severity)
            if colours is not None and role == Qt.ItemDataRole.BackgroundRole:
                return colours[0]
            if colours is not None and role == Qt.ItemDataRole.ForegroundRole:
                return colours[1]
        return None


class DashboardWidget(QWidget):
    case_opened = Signal(str)

    def __init__(
        self,
        loader: CaseLoader,
        runner: BackgroundRunner,
        now: Callable[[], datetime],
        settings: DeadlineSettings = DEFAULT_SETTINGS,
        parent: QWidget | None = None,
        sizes: DashboardSizes = DashboardSizes(),
    ) -> None:
        super().__init__(parent)
        self._sizes = sizes
        self._loader = loader
        self._runner = runner
        self._now = now
        self._settings = settings
        self._total = 0
        self._placing = False
        #: The case the user moved to, kept current when the list is shown again.
        self._chosen = ""
        self._generation = 0
        self._last_opened: tuple[str, float] = ("", 0.0)
        self.model = _DashboardModel(settings, self)
        title = QLabel(f"<h2>{words.DASHBOARD_TITLE}</h2>", self)
        title.setAccessibleName(words.DASHBOARD_TITLE)
        self._status = QLabel(words.BUSY_TEXT, self)
        self._status.setAccessibleName(words.COUNT_NAME)
        self._status.setWordWrap(True)
        self._busy = QProgressBar(self)
        self._busy.setRange(0, 0)
        self._busy.setMaximumWidth(140)
        self._busy.setTextVisible(False)
        self._busy.setAccessibleName(words.BUSY_NAME)
        self._busy.hide()
        self.table = self._make_table()
        top = QHBoxLayout()
        top.addWidget(title, 1)
        top.addWidget(self._busy)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self._status)
        layout.addWidget(self.table, 1)
        self.table.activated.connect(self._on_table_activated)
        self.table.selectionModel().currentChanged.connect(self._on_current_changed)
        self.table.clicked.connect(self._on_table_activated)
        self.reload()

    def _make_table(self) -> QTableView:
        table = QTableView(self)
        table.setModel(self.model)
        table.setAccessibleName(words.DASHBOARD_NAME)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setTabKeyNavigation(False)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_PEOPLE, QHeaderView.ResizeMode.Stretch)
        widths = {COL_CLOCK: 520, COL_CASE: 125, COL_STATUS: 135, COL_ALLEGATION: 270}
        for column, width in widths.items():
            table.setColumnWidth(column, width)
        return table

    # -- public ----------------------------------------------------------------------------

    def reload(self) -> None:
        """Ask the service again for the open cases (after a new report or a status change)."""
        self._generation += 1
        generation = self._generation
        loader = self._loader
        self._busy.show()
        self._runner.run(
            lambda: load_open_cases(loader, self._sizes.per_status),
            lambda found: self._on_cases_loaded(generation, found),
            lambda error: self._on_cases_failed(generation, error),
        )

    def refresh(self, now: datetime) -> None:
        """Re-word and re-order the clocks for ``now`` (every second; no database call)."""
        self.model.refresh(now)

    def status_text(self) -> str:
        return self._status.text()

    # -- slots -----------------------------------------------------------------------------

    def _on_cases_loaded(self, generation: int, found: OpenCases) -> None:
        if generation != self._generation:
            return
        self._total = found.total
        self._show(found.cases)
        if not found.cases:
            self._busy.hide()
            self._status.setText(words.DASHBOARD_EMPTY)
        elif found.total > len(found.cases):
            # Older open cases may hold overdue clocks: look through them all, off this thread.
            self._status.setText(
                words.DASHBOARD_SCANNING.format(shown=len(found.cases), seen=0, total=found.total)
            )
            self._scan(generation, ScanPosition(), ())
        else:
            self._busy.hide()
            self._status.setText(f"{words.count_text(found.total)}. {words.DASHBOARD_HINT}")

    def _scan(self, generation: int, position: ScanPosition, kept: tuple[CaseSummary, ...]) -> None:
        loader, now, settings, sizes = self._loader, self._now(), self._settings, self._sizes
        self._runner.run(
            lambda: scan_step(loader, position, kept, now, settings, sizes.keep, sizes.page_size),
            lambda result: self._on_scan_step_done(generation, *result),
            lambda error: self._on_cases_failed(generation, error),
        )

    def _on_scan_step_done(
        self, generation: int, position: ScanPosition, kept: tuple[CaseSummary, ...]
    ) -> None:
        if generation != self._generation:
            return
        if not position.done:
            seen = min(position.seen, self._total)
            self._status.setText(
                words.DASHBOARD_SCANNING.format(
                    shown=self.model.rowCount(), seen=seen, total=self._total
                )
            )
            self._scan(generation, position, kept)
            return
        self._busy.hide()
        self._show(kept)
        self._status.setText(words.DASHBOARD_CAPPED.format(shown=len(kept), total=self._total))

    def _show(self, cases: Sequence[CaseSummary]) -> None:
        """Show these cases. Someone who moved to a case stays on it; otherwise the most urgent
        case is the current one (Enter opens it)."""
        self._placing = True
        try:
            self.model.show(cases, self._now())
            numbers = [summary.case_number for summary in self.model.summaries()]
            row = numbers.index(self._chosen) if self._chosen in numbers else 0
            if cases:
                # Current but not highlighted, so its clock colour still shows.
                self.table.selectionModel().setCurrentIndex(
                    self.model.index(row, COL_CLOCK), QItemSelectionModel.SelectionFlag.NoUpdate
                )
        finally:
            self._placing = False

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not self._placing:
            self._chosen = str(self.model.data(current, CaseNumberRole) or "")

    def _on_cases_failed(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        self._busy.hide()
        self._status.setText(words.LOAD_FAILED.format(reason=str(error).rstrip(".") + "."))

    def _on_table_activated(self, index: QModelIndex) -> None:
        number = str(self.model.data(index, CaseNumberRole) or "")
        if not number:
            return
        # A double-click is also a click: open the case once, not twice.
        moment = time.monotonic()
        last_number, last_moment = self._last_opened
        interval = QApplication.doubleClickInterval() / 1000
        if number == last_number and moment - last_moment < interval:
            return
        self._last_opened = (number, moment)
        self.case_opened.emit(number)
