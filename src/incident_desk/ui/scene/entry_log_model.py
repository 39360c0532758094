"""The scene entry log as a Qt table model: every line ever written, oldest first.

Corrected lines stay, in italics and marked "corrected by line N"; the correcting line says
which line it corrects and why. A violation of CPP 14.7 G.3.d is marked in its notes and
shown in bold. Display strings are worked out once when the log arrives, so ``data()`` only
looks them up (a log of several hundred lines scrolls smoothly).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from incident_desk.domain.enums import SceneEvent
from incident_desk.domain.validation import format_moment
from incident_desk.services.scene_views import SceneLogLine
from incident_desk.ui.messages import scene as words

AnyIndex = QModelIndex | QPersistentModelIndex

(
    COL_LINE,
    COL_EVENT,
    COL_TIME,
    COL_PERSON,
    COL_ROLE,
    COL_AGENCY,
    COL_PURPOSE,
    COL_VIDEO,
    COL_NOTES,
) = range(9)
_HEADERS = (
    words.COLUMN_LINE,
    words.COLUMN_EVENT,
    words.COLUMN_TIME,
    words.COLUMN_PERSON,
    words.COLUMN_ROLE,
    words.COLUMN_AGENCY,
    words.COLUMN_PURPOSE,
    words.COLUMN_VIDEO,
    words.COLUMN_NOTES,
)

#: The line's id, for tests and for a correction started from the table.
LineIdRole = Qt.ItemDataRole.UserRole + 1


def _video(line: SceneLogLine) -> str:
    if line.event is SceneEvent.EXITED:
        return ""
    if not line.videotaped:
        return words.VIDEO_NO
    if line.video_reference:
        return words.VIDEO_YES_REFERENCE.format(reference=line.video_reference)
    return words.VIDEO_YES


def _correction_notes(line: SceneLogLine) -> list[str]:
    notes: list[str] = []
    if line.corrects_id is not None:
        notes.append(
            words.CORRECTION_OF.format(line=line.corrects_id, reason=line.correction_reason)
        )
    if line.superseded_by is not None:
        notes.append(words.CORRECTED_BY.format(line=line.superseded_by))
    return notes


def line_notes(line: SceneLogLine) -> list[str]:
    """What the notes column says about a line, most important first."""
    notes: list[str] = []
    if line.violation:
        notes.append(words.VIOLATION_MARK.format(who=line.allowed_by or "?"))
    notes += _correction_notes(line)
    if line.event is SceneEvent.ENTERED and not line.videotaped:
        notes.append(words.NOT_VIDEOTAPED_NOTE)
    return notes


def _tooltip(line: SceneLogLine) -> str:
    """The service's full sentences (with the policy quoted), corrections, who recorded it."""
    recorded = words.RECORDED_NOTE.format(
        moment=format_moment(line.recorded_at), who=line.recorded_by
    )
    return "\n".join([*line.notes, *_correction_notes(line), recorded])


def _cells(line: SceneLogLine) -> tuple[str, ...]:
    return (
        str(line.id),
        words.EVENT_IN if line.event is SceneEvent.ENTERED else words.EVENT_OUT,
        format_moment(line.occurred_at),
        line.contact.name,
        words.ROLE_WORDS[line.entrant_role],
        line.agency,
        line.purpose,
        _video(line),
        "; ".join(line_notes(line)),
    )


class EntryLogModel(QAbstractTableModel):
    """Read-only rows of a scene's log; ``set_lines`` replaces them all."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.lines: tuple[SceneLogLine, ...] = ()
        self._cells: list[tuple[str, ...]] = []
        self._tips: list[str] = []
        self._italic = QFont()
        self._italic.setItalic(True)
        self._strike = QFont()
        self._strike.setItalic(True)
        self._strike.setStrikeOut(True)
        self._bold = QFont()
        self._bold.setBold(True)

    def set_lines(self, lines: tuple[SceneLogLine, ...]) -> None:
        self.beginResetModel()
        self.lines = lines
        self._cells = [_cells(line) for line in lines]
        self._tips = [_tooltip(line) for line in lines]
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008 - Qt's API
        return 0 if parent.isValid() else len(self.lines)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008 - Qt's API
        return 0 if parent.isValid() else len(_HEADERS)

    def headerData(  # noqa: N802 - Qt's API
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _HEADERS[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        line = self.lines[row]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._cells[row][column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tips[row]
        if role == LineIdRole:
            return line.id
        if role == Qt.ItemDataRole.FontRole:
            if line.superseded:
                return self._strike if column in (COL_TIME, COL_PERSON, COL_ROLE) else self._italic
            if line.violation and column in (COL_ROLE, COL_NOTES):
                return self._bold
            if line.is_correction:
                return self._italic
        return None

    def text(self, row: int, column: int) -> str:
        """What a cell shows (tests and benchmarks read the screen through this)."""
        return self._cells[row][column]

    def tooltip(self, row: int) -> str:
        return self._tips[row]
