"""The case list as a Qt table model: pages of frozen case snapshots loaded in the background.

A supervisor's list can hold 100,000 cases, so rows arrive a page at a time (``fetchMore``)
from an injected loader run on the BackgroundRunner; search, filter and sort are done by the
service, and any change of them starts over from the first page. Display strings are worked
out when a page arrives, so ``data()`` only looks them up.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor

from incident_desk.domain.deadline_timing import open_state
from incident_desk.domain.deadlines import (
    DEFAULT_SETTINGS,
    Deadline,
    DeadlineSettings,
    most_urgent,
)
from incident_desk.domain.enums import CaseStatus
from incident_desk.services.cases import CaseSort
from incident_desk.services.snapshots import CasePage, CaseSummary
from incident_desk.ui.messages import cases as words
from incident_desk.ui.widgets.background import BackgroundRunner
from incident_desk.ui.widgets.deadline_presenter import DeadlinePresentation, Severity, present

# (status, search, sort, offset, limit) -> one page; bound to services.cases.list_cases. Only
# the first page's total is used, so later pages may be asked for with_total=False.
CaseLoader = Callable[[CaseStatus | None, str, CaseSort, int, int], CasePage]
AnyIndex = QModelIndex | QPersistentModelIndex

PAGE_SIZE = 200

COL_CASE_NUMBER, COL_STATUS, COL_ALLEGATION, COL_RECEIVED, COL_PEOPLE, COL_FACILITY = range(6)
COL_NEXT_CLOCK = 6
_HEADERS = (
    words.COLUMN_CASE_NUMBER,
    words.COLUMN_STATUS,
    words.COLUMN_ALLEGATION,
    words.COLUMN_RECEIVED,
    words.COLUMN_PEOPLE,
    words.COLUMN_FACILITY,
    words.COLUMN_NEXT_CLOCK,
)

CaseNumberRole = Qt.ItemDataRole.UserRole + 1
SeverityRole = Qt.ItemDataRole.UserRole + 2
SummaryRole = Qt.ItemDataRole.UserRole + 3

# Header column and direction -> the service's order. Columns not listed are not sortable.
_SORTS: dict[tuple[int, Qt.SortOrder], CaseSort] = {
    (COL_CASE_NUMBER, Qt.SortOrder.AscendingOrder): CaseSort.NUMBER_ASCENDING,
    (COL_CASE_NUMBER, Qt.SortOrder.DescendingOrder): CaseSort.NUMBER_DESCENDING,
    (COL_STATUS, Qt.SortOrder.AscendingOrder): CaseSort.STATUS_ASCENDING,
    (COL_STATUS, Qt.SortOrder.DescendingOrder): CaseSort.STATUS_DESCENDING,
    (COL_RECEIVED, Qt.SortOrder.AscendingOrder): CaseSort.RECEIVED_OLDEST,
    (COL_RECEIVED, Qt.SortOrder.DescendingOrder): CaseSort.RECEIVED_NEWEST,
}
SORTABLE_COLUMNS = frozenset(column for column, _ in _SORTS)
_INDICATORS = {sort: key for key, sort in _SORTS.items()}


# Amber and red keep dark text whatever the palette, so they stay readable in dark mode too.
_AMBER = (QColor("#ffc94d"), QColor("#1a1a1a"))
_RED = (QColor("#c62828"), QColor("#ffffff"))


def severity_colours(severity: Severity) -> tuple[QColor, QColor] | None:
    """(background, text) for a warning or an alarm; None keeps the palette's own colours."""
    if severity is Severity.WARNING:
        return _AMBER
    if severity is Severity.ALARM:
        return _RED
    return None


def restated(
    deadlines: Iterable[Deadline], now: datetime, settings: DeadlineSettings
) -> list[Deadline]:
    """The open deadlines as they stand at ``now``: a snapshot loaded an hour ago said
    "upcoming" for a clock that is due soon by now."""
    return [
        dataclasses.replace(
            deadline, state=open_state(deadline.due_at, settings.warning(deadline.kind), now)
        )
        for deadline in deadlines
        if deadline.is_open
    ]


def next_clock(
    deadlines: Iterable[Deadline], now: datetime, settings: DeadlineSettings = DEFAULT_SETTINGS
) -> DeadlinePresentation | None:
    """The most urgent open clock of a case, worded for ``now``; None when none is open."""
    urgent = most_urgent(restated(deadlines, now, settings), now)
    return None if urgent is None else present(urgent, now)


@dataclass(frozen=True)
class _Row:
    summary: CaseSummary
    texts: tuple[str, ...]
    clock_tip: str
    severity: Severity | None


def sort_for(column: int, order: Qt.SortOrder) -> CaseSort | None:
    """The service order behind a header click, or None for a column that cannot be sorted."""
    return _SORTS.get((column, order))


def indicator_for(sort: CaseSort) -> tuple[int, Qt.SortOrder]:
    """The header column and arrow that show ``sort``."""
    return _INDICATORS[sort]


class CaseTableModel(QAbstractTableModel):
    loading_changed = Signal(bool)
    total_changed = Signal(int)
    load_failed = Signal(str)

    def __init__(
        self,
        loader: CaseLoader,
        runner: BackgroundRunner,
        now: Callable[[], datetime],
        settings: DeadlineSettings = DEFAULT_SETTINGS,
        page_size: int = PAGE_SIZE,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._loader = loader
        self._runner = runner
        self._now = now
        self._settings = settings
        self._page_size = page_size
        self._rows: list[_Row] = []
        self._total = 0
        self._status: CaseStatus | None = None
        self._search = ""
        self._sort = CaseSort.RECEIVED_NEWEST
        # Bumped by every reset, so a page that arrives for an older query is dropped.
        self._generation = 0
        self._loading = False

    # -- the query ---------------------------------------------------------------------

    @property
    def total(self) -> int:
        return self._total

    @property
    def loading(self) -> bool:
        return self._loading

    @property
    def current_sort(self) -> CaseSort:
        return self._sort

    def set_query(
        self,
        status: CaseStatus | None = None,
        search: str = "",
        sort: CaseSort | None = None,
    ) -> None:
        """Start over from the first page with this filter, search and order."""
        self._status = status
        self._search = search.strip()
        if sort is not None:
            self._sort = sort
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self._rows = []
        self._total = 0
        self._generation += 1
        self._set_loading(False)
        self.endResetModel()
        self._load_page(0)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        wanted = sort_for(column, order)
        if wanted is not None and wanted is not self._sort:
            self.set_query(self._status, self._search, wanted)

    def refresh_clocks(self, now: datetime) -> None:
        """Re-word the next-clock column for ``now`` from the snapshots (no database call)."""
        if not self._rows:
            return
        self._rows = [self._reclocked(row, now) for row in self._rows]
        top = self.index(0, COL_NEXT_CLOCK)
        bottom = self.index(len(self._rows) - 1, COL_NEXT_CLOCK)
        self.dataChanged.emit(top, bottom)

    def summary_at(self, row: int) -> CaseSummary:
        return self._rows[row].summary

    # -- paging ------------------------------------------------------------------------

    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008, N802
        return not parent.isValid() and not self._loading and len(self._rows) < self._total

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: B008, N802
        if self.canFetchMore(parent):
            self._load_page(len(self._rows))

    def _load_page(self, offset: int) -> None:
        generation = self._generation
        status, search, sort, limit = self._status, self._search, self._sort, self._page_size
        self._set_loading(True)
        self._runner.run(
            lambda: self._loader(status, search, sort, offset, limit),
            lambda page: self._on_page_loaded(generation, offset, page),
            lambda error: self._on_page_failed(generation, error),
        )

    def _on_page_loaded(self, generation: int, offset: int, page: CasePage) -> None:
        if generation != self._generation or offset != len(self._rows):
            return
        self._set_loading(False)
        now = self._now()
        if page.cases:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page.cases) - 1)
            self._rows.extend(self._row(summary, now) for summary in page.cases)
            self.endInsertRows()
        # The first page's count stands (a loader may skip counting for later pages); a short
        # page means the end, whatever the count said when it was taken.
        total = page.total if offset == 0 else self._total
        if len(page.cases) < self._page_size:
            total = len(self._rows)
        self._total = max(total, len(self._rows))
        self.total_changed.emit(self._total)

    def _on_page_failed(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        self._set_loading(False)
        self.load_failed.emit(words.LOAD_FAILED.format(reason=str(error).rstrip(".") + "."))

    def _set_loading(self, loading: bool) -> None:
        if loading != self._loading:
            self._loading = loading
            self.loading_changed.emit(loading)

    def _row(self, summary: CaseSummary, now: datetime) -> _Row:
        texts = (
            summary.case_number,
            words.STATUS_WORDS[summary.status],
            words.ALLEGATION_WORDS[summary.allegation_type],
            f"{summary.received_at:%d %b %Y %H:%M} UTC",
            words.people_text(summary.people),
            summary.facility_code,
            "",
        )
        return self._reclocked(_Row(summary, texts, "", None), now)

    def _reclocked(self, row: _Row, now: datetime) -> _Row:
        """The same row with its next-clock cell worded for ``now`` (the rest is kept)."""
        shown = next_clock(row.summary.open_deadlines, now, self._settings)
        if shown is None:
            clock_text, tip, severity = words.NO_OPEN_CLOCK, words.NO_OPEN_CLOCK, None
        else:
            clock_text = words.clock_cell_text(shown.status_word, shown.title, shown.detail)
            severity = shown.severity
            tip = f"{shown.text}\n{shown.citation}" + (f"\n{shown.note}" if shown.note else "")
        texts = (*row.texts[:COL_NEXT_CLOCK], clock_text)
        return _Row(row.summary, texts, tip, severity)

    # -- Qt model API --------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

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
        row = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return row.texts[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.clock_tip if column == COL_NEXT_CLOCK else row.texts[column]
        if role == CaseNumberRole:
            return row.summary.case_number
        if role == SeverityRole:
            return row.severity
        if role == SummaryRole:
            return row.summary
        if column == COL_NEXT_CLOCK and row.severity is not None:
            colours = severity_colours(row.severity)
            if colours is not None and role == Qt.ItemDataRole.BackgroundRole:
                return colours[0]
            if colours is not None and role == Qt.ItemDataRole.ForegroundRole:
                return colours[1]
        return None
