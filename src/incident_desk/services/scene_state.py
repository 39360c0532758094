"""Reading an append-only scene entry log: which lines stand, who is inside, who was inside when.

Lines are never changed: a correction is a new line pointing at the one it corrects, and an exit
points at the entry it closes (possibly an older version of that entry). This module resolves
those pointers once so the use-cases and the views agree on the answer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Generic, Protocol, TypeVar

from incident_desk.domain.enums import SceneEvent


class LogLine(Protocol):
    """What the rules read of a line: a whole LineT or just its SceneLogKey."""

    @property
    def id(self) -> int: ...
    @property
    def event(self) -> SceneEvent: ...
    @property
    def contact_id(self) -> int: ...
    @property
    def occurred_at(self) -> datetime: ...
    @property
    def entry_id(self) -> int | None: ...
    @property
    def corrects_id(self) -> int | None: ...


LineT = TypeVar("LineT", bound=LogLine)


@dataclass(frozen=True)
class Visit(Generic[LineT]):
    """One stay in the scene: the standing version of an entry and of its exit, if any."""

    entry: LineT
    exit: LineT | None

    @property
    def entered_at(self) -> datetime:
        return self.entry.occurred_at

    @property
    def exited_at(self) -> datetime | None:
        return None if self.exit is None else self.exit.occurred_at

    def covers(self, moment: datetime) -> bool:
        """Whether the person was inside at ``moment`` (the exit minute itself is outside)."""
        if moment < self.entered_at:
            return False
        return self.exited_at is None or moment < self.exited_at


class SceneLogState(Generic[LineT]):
    """The standing lines of one scene's log, built from every line ever written."""

    def __init__(self, rows: Sequence[LineT]) -> None:
        self.rows = tuple(rows)
        self._parent = {row.id: row.corrects_id for row in self.rows}
        #: line id -> the line that corrects it
        self.superseded_by: dict[int, int] = {
            row.corrects_id: row.id for row in self.rows if row.corrects_id is not None
        }
        standing = [row for row in self.rows if row.id not in self.superseded_by]
        exits = {
            self.root(row.entry_id): row
            for row in standing
            if row.event is SceneEvent.EXITED and row.entry_id is not None
        }
        self.visits = tuple(
            Visit(row, exits.get(self.root(row.id)))
            for row in standing
            if row.event is SceneEvent.ENTERED
        )

    def root(self, line_id: int) -> int:
        """The first version of a line: what every later version and any exit trace back to."""
        parent = self._parent.get(line_id)
        while parent is not None:
            line_id = parent
            parent = self._parent.get(line_id)
        return line_id

    def sort_key(self, row: LineT) -> tuple[datetime, int]:
        # A correction keeps its original's place among lines of the same minute.
        return (row.occurred_at, self.root(row.id))

    def ordered(self) -> list[LineT]:
        return sorted(self.rows, key=self.sort_key)

    def inside(self) -> list[Visit[LineT]]:
        """Everyone in the scene now, earliest entry first."""
        return sorted(
            (visit for visit in self.visits if visit.exit is None),
            key=lambda visit: self.sort_key(visit.entry),
        )

    def open_visit(self, contact_id: int) -> Visit[LineT] | None:
        for visit in self.visits:
            if visit.exit is None and visit.entry.contact_id == contact_id:
                return visit
        return None

    def visit_covering(
        self, contact_id: int, moment: datetime, ignore_entry: int | None = None
    ) -> Visit[LineT] | None:
        """A stay of this person that includes ``moment`` (other than the given entry's)."""
        for visit in self.visits:
            same_entry = ignore_entry is not None and self.root(visit.entry.id) == self.root(
                ignore_entry
            )
            if not same_entry and visit.entry.contact_id == contact_id and visit.covers(moment):
                return visit
        return None

    def visit_of(self, entry_id: int) -> Visit[LineT] | None:
        """The stay an entry line (any of its versions) belongs to."""
        wanted = self.root(entry_id)
        for visit in self.visits:
            if self.root(visit.entry.id) == wanted:
                return visit
        return None

    def last_line(self) -> LineT | None:
        standing = [row for row in self.rows if row.id not in self.superseded_by]
        return max(standing, key=self.sort_key) if standing else None
