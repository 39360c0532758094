"""The clock banner at the top of every case screen: the first-response clocks, counting live.

Shows the 48-hour evidence preservation window (CPP 14.7 G.4), each dry cell placement's
16-hour limit (G.7), the 72-hour notice to another facility (G.10) and the "immediate" steps
(G.3). The deadlines come from a source the owner binds (``snapshot_source`` over a case's
snapshot, or ``facts_source`` over its clock facts); on each tick of the window's
``ClockTicker`` the banner asks the source for the deadlines at that moment and re-words them
with ``deadline_presenter.present``. No database call per tick: when something is recorded the
owner hands over new deadlines with ``set_deadlines``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import datetime, timedelta
from html import escape

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from incident_desk.domain.deadline_timing import open_state
from incident_desk.domain.deadlines import (
    DEFAULT_SETTINGS,
    CaseClockFacts,
    Deadline,
    DeadlineKind,
    DeadlineSettings,
    DeadlineState,
    compute_deadlines,
)
from incident_desk.ui.messages.workflow import (
    BANNER_ACCESSIBLE_NAME,
    BANNER_EMPTY,
    CLOCK_ELAPSED,
    CLOCK_TOOLTIP,
    CLOCK_TOOLTIP_NOTE,
)
from incident_desk.ui.widgets.deadline_presenter import (
    DeadlinePresentation,
    Severity,
    present,
    span_text,
)

#: "What are the case's deadlines at this moment?" — bound once, asked every second.
DeadlineSource = Callable[[datetime], tuple[Deadline, ...]]

#: The clocks of the first hours; the later ones (review, retaliation) belong to other screens.
BANNER_KINDS = frozenset(
    {
        DeadlineKind.EVIDENCE_PRESERVATION,
        DeadlineKind.DRY_CELL,
        DeadlineKind.OTHER_FACILITY_NOTICE,
        DeadlineKind.IMMEDIATE_STEP,
    }
)

#: Four clocks a row fit 1366 pixels; more wrap into another row.
COLUMNS = 4

#: One clock as shown: the deadline at the moment and its wording.
PresentedClock = tuple[Deadline, DeadlinePresentation]


def facts_source(
    facts: CaseClockFacts, settings: DeadlineSettings = DEFAULT_SETTINGS
) -> DeadlineSource:
    """The domain engine itself, asked afresh every tick (exact, and cheap: no I/O)."""
    return lambda now: compute_deadlines(facts, now, settings)


def snapshot_source(
    deadlines: tuple[Deadline, ...], settings: DeadlineSettings = DEFAULT_SETTINGS
) -> DeadlineSource:
    """Deadlines computed earlier (a ``CaseDetail``), carried forward to each later moment.

    Only the passing of time is applied: an open clock becomes due soon or overdue by the same
    rule the domain uses, and the evidence preservation window, which is a window and not a
    task (G.4), ends instead of going overdue. Anything recorded meanwhile needs fresh deadlines.
    """

    def at(now: datetime) -> tuple[Deadline, ...]:
        return tuple(_carried_forward(deadline, now, settings) for deadline in deadlines)

    return at


def _carried_forward(deadline: Deadline, now: datetime, settings: DeadlineSettings) -> Deadline:
    if not deadline.is_open:
        return deadline
    if deadline.kind is DeadlineKind.EVIDENCE_PRESERVATION and now >= deadline.due_at:
        return dataclasses.replace(deadline, state=DeadlineState.MET, met_at=deadline.due_at)
    state = open_state(deadline.due_at, settings.warning(deadline.kind), now)
    return dataclasses.replace(deadline, state=state)


def _key(deadline: Deadline) -> tuple[str, str]:
    return deadline.kind.value, deadline.subject


# Amber and red keep their own text colour so they stay readable in a light or a dark palette;
# normal and closed clocks follow the palette.
_STYLES: dict[Severity, str] = {
    Severity.ALARM: "ClockTile { background: #b71c1c; border: 2px solid #7f0000; }"
    " ClockTile QLabel { color: #ffffff; }",
    Severity.WARNING: "ClockTile { background: #ffc107; border: 2px solid #a86f00; }"
    " ClockTile QLabel { color: #000000; }",
    Severity.NORMAL: "ClockTile { border: 1px solid palette(mid); background: palette(base); }",
    Severity.CLOSED: "ClockTile { border: 1px dashed palette(mid); }",
}


class ClockTile(QFrame):
    """One clock: its title, the status word with the time left or over, any note."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._severity: Severity | None = None
        self._status = ""
        self.title_label = QLabel(self)
        self.status_label = QLabel(self)
        self.note_label = QLabel(self)
        self.elapsed_label = QLabel(self)
        bold = self.title_label.font()
        bold.setBold(True)
        self.title_label.setFont(bold)
        self.status_label.setTextFormat(Qt.TextFormat.RichText)
        for label in (self.title_label, self.status_label, self.note_label, self.elapsed_label):
            label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.setSpacing(1)
        layout.addWidget(self.title_label)
        layout.addWidget(self.status_label)
        layout.addWidget(self.note_label)
        layout.addWidget(self.elapsed_label)
        layout.addStretch(1)  # a short tile beside a tall one keeps its lines together

    @property
    def severity(self) -> Severity | None:
        return self._severity

    @property
    def status_text(self) -> str:
        """The status line as plain text: "Due soon \u2014 10 min left (until …)"."""
        return self._status

    def show_clock(
        self, presentation: DeadlinePresentation, kind: DeadlineKind, elapsed: timedelta
    ) -> None:
        """Show ``presentation``; labels change only when their text does (no relayout)."""
        status = self._status = f"{presentation.status_word} \u2014 {presentation.detail}"
        # The "immediate" steps also count up: how long the victim has been waiting on them.
        counting = kind is DeadlineKind.IMMEDIATE_STEP and presentation.severity in _COUNTING
        since = CLOCK_ELAPSED.format(elapsed=span_text(elapsed)) if counting else ""
        _set_text(self.title_label, presentation.title)
        # The status word in bold, the rest plain: it stands out and the line stays short.
        _set_text(
            self.status_label,
            f"<b>{escape(presentation.status_word)}</b> \u2014 {escape(presentation.detail)}",
        )
        _set_text(self.note_label, presentation.note)
        _set_text(self.elapsed_label, since)
        _set_shown(self.note_label, bool(presentation.note))
        _set_shown(self.elapsed_label, bool(since))
        if presentation.severity is not self._severity:
            self._severity = presentation.severity
            self.setStyleSheet(_STYLES[presentation.severity])
            # An overdue clock says more than an open one: let the row grow to fit, instead of
            # clipping the wrapped lines (this happens once per change of state, not per tick).
            self.updateGeometry()
            banner = self.parentWidget()
            if banner is not None:
                banner.updateGeometry()
        tooltip = CLOCK_TOOLTIP.format(
            title=presentation.title,
            status=presentation.status_word,
            detail=presentation.detail,
            citation=presentation.citation,
        )
        if presentation.note:
            tooltip += CLOCK_TOOLTIP_NOTE.format(note=presentation.note)
        if tooltip != self.toolTip():
            self.setToolTip(tooltip)
            self.setAccessibleDescription(tooltip)
        name = " ".join(part for part in (f"{presentation.title}: {status}.", since) if part)
        if name != self.accessibleName():
            self.setAccessibleName(name)


_COUNTING = frozenset({Severity.NORMAL, Severity.WARNING, Severity.ALARM})


# Each tick touches Qt only where something changed: no relayout and no repaint for a label
# whose text is the same, so a banner ticking every second costs next to nothing.
def _set_text(label: QLabel, text: str) -> None:
    if label.text() != text:
        label.setText(text)


def _set_shown(label: QLabel, shown: bool) -> None:
    if label.isHidden() == shown:
        label.setVisible(shown)


class ClockBannerWidget(QWidget):
    """A row (or two) of clock tiles for one case; connect ``refresh`` to the window's ticker."""

    #: Every refresh: the clocks as shown, as a tuple of (Deadline, DeadlinePresentation).
    refreshed = Signal(object)

    def __init__(self, source: DeadlineSource, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._source = source
        self._tiles: dict[tuple[str, str], ClockTile] = {}
        self._order: list[tuple[str, str]] = []
        self._shown: tuple[PresentedClock, ...] = ()
        self.setAccessibleName(BANNER_ACCESSIBLE_NAME)
        # As tall as its clocks need and no taller: the step page below gets the rest.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(6)
        self._grid.setVerticalSpacing(6)
        for column in range(COLUMNS):
            self._grid.setColumnStretch(column, 1)
        self._empty = QLabel(BANNER_EMPTY, self)
        self._empty.setAccessibleName(BANNER_EMPTY)
        self._grid.addWidget(self._empty, 0, 0, 1, COLUMNS)

    @property
    def clocks(self) -> tuple[PresentedClock, ...]:
        """What the last refresh showed, in display order."""
        return self._shown

    def tiles(self) -> list[ClockTile]:
        return [self._tiles[key] for key in self._order]

    def set_source(self, source: DeadlineSource, now: datetime) -> None:
        """Show another source's clocks (something was recorded), at once."""
        self._source = source
        self.refresh(now)

    def set_deadlines(
        self,
        deadlines: tuple[Deadline, ...],
        now: datetime,
        settings: DeadlineSettings = DEFAULT_SETTINGS,
    ) -> None:
        """Show freshly computed deadlines (a new ``CaseDetail``), carried forward each tick."""
        self.set_source(snapshot_source(deadlines, settings), now)

    @Slot(object)
    def refresh(self, now: datetime) -> None:
        """Re-word every clock for ``now``; rebuild tiles only when the set of clocks changed."""
        deadlines = [d for d in self._source(now) if d.kind in BANNER_KINDS]
        shown = tuple((deadline, present(deadline, now)) for deadline in deadlines)
        order = [_key(deadline) for deadline in deadlines]
        if order != self._order:
            self._rebuild(order)
        for (deadline, presentation), key in zip(shown, order, strict=True):
            self._tiles[key].show_clock(presentation, deadline.kind, now - deadline.anchor_at)
        self._shown = shown
        self.refreshed.emit(shown)

    def _rebuild(self, order: list[tuple[str, str]]) -> None:
        for key in self._order:
            if key not in order:
                tile = self._tiles.pop(key)
                self._grid.removeWidget(tile)
                tile.deleteLater()
        for index, key in enumerate(order):
            if key in self._tiles:
                tile = self._tiles[key]
                self._grid.removeWidget(tile)
            else:
                tile = self._tiles[key] = ClockTile(self)
            self._grid.addWidget(tile, index // COLUMNS, index % COLUMNS)
            tile.show()  # the layout would only show it on the next event loop pass
        self._order = order
        self._empty.setVisible(not order)
