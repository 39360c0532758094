"""Reading an append-only chain of custody: which links stand, who holds the item, where it breaks.

Links are never changed: a correction is a new link pointing at the one it corrects. The
standing chain is every link nothing corrects, in time order; a correction keeps its
original's place among links of the same minute.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from incident_desk.domain.enums import CustodyAction
from incident_desk.storage.repositories.evidence_repository import CustodyLinkRecord


@dataclass(frozen=True)
class ChainBreak:
    """Link ``number`` (1-based, in the standing chain) was handed over by someone who did not
    hold the item: ``holder`` did."""

    number: int
    sender_id: int | None
    holder_id: int | None


class CustodyChainState:
    def __init__(self, rows: Sequence[CustodyLinkRecord]) -> None:
        self.rows = tuple(rows)
        self._parent = {row.id: row.corrects_id for row in self.rows}
        #: link id -> the link that corrects it
        self.superseded_by: dict[int, int] = {
            row.corrects_id: row.id for row in self.rows if row.corrects_id is not None
        }
        self.standing = sorted(
            (row for row in self.rows if row.id not in self.superseded_by), key=self.sort_key
        )

    def root(self, link_id: int) -> int:
        parent = self._parent.get(link_id)
        while parent is not None:
            link_id = parent
            parent = self._parent.get(link_id)
        return link_id

    def sort_key(self, row: CustodyLinkRecord) -> tuple[datetime, int]:
        return (row.transferred_at, self.root(row.id))

    def ordered(self) -> list[CustodyLinkRecord]:
        """Every link ever written, corrected ones included, in time order."""
        return sorted(self.rows, key=self.sort_key)

    @property
    def last(self) -> CustodyLinkRecord | None:
        return self.standing[-1] if self.standing else None

    @property
    def ended(self) -> bool:
        return self.last is not None and self.last.action.ends_chain

    @property
    def custodian_id(self) -> int | None:
        """Who holds the item now; None once it has been released, destroyed or returned."""
        last = self.last
        if last is None or last.action.ends_chain:
            return None
        return last.to_contact_id

    def neighbours(self, link_id: int) -> tuple[CustodyLinkRecord | None, CustodyLinkRecord | None]:
        """The standing links just before and just after this one."""
        index = next(i for i, row in enumerate(self.standing) if row.id == link_id)
        before = self.standing[index - 1] if index > 0 else None
        after = self.standing[index + 1] if index + 1 < len(self.standing) else None
        return before, after

    def breaks(self) -> list[ChainBreak]:
        """Where the standing chain is not continuous: each hand-over must come from the holder."""
        found: list[ChainBreak] = []
        holder: int | None = None
        for number, row in enumerate(self.standing, start=1):
            if number == 1:
                if row.action is not CustodyAction.COLLECTED:
                    found.append(ChainBreak(1, row.from_contact_id, None))
            elif row.from_contact_id != holder:
                found.append(ChainBreak(number, row.from_contact_id, holder))
            holder = row.to_contact_id
        return found
