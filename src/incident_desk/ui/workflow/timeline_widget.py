"""The timeline of a case: everything recorded, newest first, corrections shown as corrections.

Each line says when it happened, who entered it and when, and what. A corrected entry stays
where it was, struck through and marked CORRECTED; the correction says what it corrects and why
(the service words that). The entries load in the background (viewing is audited, a database
write), with a busy bar meanwhile; the list is a plain keyboard-navigable list.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from incident_desk.domain.validation import format_moment
from incident_desk.services.timeline import TimelineEntry
from incident_desk.ui.messages.workflow import (
    TIMELINE_ACCESSIBLE_NAME,
    TIMELINE_CORRECTED,
    TIMELINE_CORRECTION,
    TIMELINE_EMPTY,
    TIMELINE_FAILED,
    TIMELINE_HEADING,
    TIMELINE_LATE_ENTRY,
    TIMELINE_LOADING,
    TIMELINE_RELOAD,
    TIMELINE_SUPERSEDED_NOTE,
    TIMELINE_UNKNOWN_USER,
    TIMELINE_VIOLATION,
    TIMELINE_WHEN,
    TIMELINE_WHEN_SAME,
)
from incident_desk.ui.widgets.background import BackgroundRunner

#: Bound by the owner, e.g. ``lambda: timeline(workspace, case_number)``; runs off the GUI thread.
TimelineLoader = Callable[[], tuple[TimelineEntry, ...]]

#: The entry shown by a list item, for tests and for screens that open the entry.
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1


def entry_lines(entry: TimelineEntry) -> list[str]:
    """The lines of one entry as shown: when and who, then what, then its details."""
    who = entry.recorded_by or TIMELINE_UNKNOWN_USER
    occurred = format_moment(entry.occurred_at)
    recorded = format_moment(entry.recorded_at)
    if recorded == occurred:
        when = TIMELINE_WHEN_SAME.format(occurred=occurred, who=who)
    else:
        when = TIMELINE_WHEN.format(occurred=occurred, recorded=recorded, who=who)
    marks = [TIMELINE_CORRECTED] * entry.superseded + [TIMELINE_CORRECTION] * entry.is_correction
    marks += [TIMELINE_VIOLATION] * entry.violation
    what = " \u2014 ".join([*marks, entry.title])
    if entry.citation:
        what += f" ({entry.citation})"
    lines = [when, what, *entry.details]
    if entry.late_entry_reason:
        lines.append(TIMELINE_LATE_ENTRY.format(reason=entry.late_entry_reason))
    if entry.superseded:
        lines.append(TIMELINE_SUPERSEDED_NOTE)
    return lines


class TimelineWidget(QWidget):
    """The timeline of one case; ``reload()`` fetches it again."""

    loaded = Signal(int)
    load_failed = Signal(str)

    def __init__(
        self,
        case_number: str,
        loader: TimelineLoader,
        runner: BackgroundRunner | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._loader = loader
        self._runner = runner or BackgroundRunner(self)
        self._entries: tuple[TimelineEntry, ...] = ()
        self.heading = QLabel(TIMELINE_HEADING.format(case_number=case_number), self)
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.heading.setFont(font)
        self.reload_button = QPushButton(TIMELINE_RELOAD, self)
        self.reload_button.setAccessibleName("Reload the timeline")
        self.reload_button.clicked.connect(self._on_reload_button_clicked)
        self.busy_bar = QProgressBar(self)
        self.busy_bar.setRange(0, 0)  # indeterminate: how long a load takes is not known
        self.busy_bar.setMaximumHeight(8)
        self.busy_bar.setTextVisible(False)
        self.busy_bar.setAccessibleName(TIMELINE_LOADING)
        self.busy_bar.hide()
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Timeline status")
        self.status.hide()
        self.entry_list = QListWidget(self)
        self.entry_list.setAccessibleName(TIMELINE_ACCESSIBLE_NAME)
        self.entry_list.setWordWrap(True)
        self.entry_list.setResizeMode(QListView.ResizeMode.Adjust)
        self.entry_list.setAlternatingRowColors(True)
        self.entry_list.setSpacing(2)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.reload_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.busy_bar)
        layout.addWidget(self.status)
        layout.addWidget(self.entry_list, 1)
        self.setTabOrder(self.reload_button, self.entry_list)

    @property
    def entries(self) -> tuple[TimelineEntry, ...]:
        return self._entries

    @property
    def busy(self) -> bool:
        return self._runner.busy

    def reload(self) -> None:
        """Fetch the timeline in the background; the list stays usable meanwhile."""
        self.busy_bar.show()
        self.reload_button.setEnabled(False)
        self.status.setText(TIMELINE_LOADING)
        self.status.show()
        self._runner.run(self._loader, self._on_loader_succeeded, self._on_loader_failed)

    def item_texts(self) -> list[str]:
        return [self.entry_list.item(row).text() for row in range(self.entry_list.count())]

    def _on_reload_button_clicked(self) -> None:
        self.reload()

    def _on_loader_succeeded(self, entries: tuple[TimelineEntry, ...]) -> None:
        self._finish()
        self._entries = entries
        current = self.entry_list.currentRow()
        self.entry_list.clear()
        for entry in entries:
            self.entry_list.addItem(self._item(entry))
        self.status.setText("" if entries else TIMELINE_EMPTY)
        self.status.setVisible(not entries)
        if entries:
            self.entry_list.setCurrentRow(min(max(current, 0), len(entries) - 1))
        self.loaded.emit(len(entries))

    def _on_loader_failed(self, error: BaseException) -> None:
        self._finish()
        message = TIMELINE_FAILED.format(error=error)
        self.status.setText(message)
        self.status.show()
        self.load_failed.emit(message)

    def _finish(self) -> None:
        self.busy_bar.hide()
        self.reload_button.setEnabled(True)

    def _item(self, entry: TimelineEntry) -> QListWidgetItem:
        lines = entry_lines(entry)
        item = QListWidgetItem("\n".join(lines))
        item.setData(ENTRY_ROLE, entry)
        item.setData(Qt.ItemDataRole.AccessibleTextRole, ". ".join(lines))
        if entry.superseded:
            # Struck through as on paper: still readable, visibly no longer the record.
            font = item.font()
            font.setStrikeOut(True)
            item.setFont(font)
        if entry.is_correction or entry.violation:
            font = item.font()
            font.setBold(True)
            item.setFont(font)
        return item
