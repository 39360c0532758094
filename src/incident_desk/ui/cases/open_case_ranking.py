"""Which open cases the dashboard shows, without Qt: the most urgent clock first.

A large installation has tens of thousands of open cases; the dashboard holds a few hundred,
because it re-words every clock every second. Which few hundred matters: an old case whose
incident review is overdue must not hide behind hundreds of newer ones. So the newest open
cases come first (they carry the first hours' clocks and appear at once), and then every
open case is read page by page in the background, keeping the most urgent ones.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from incident_desk.domain.deadlines import Deadline, DeadlineSettings, by_urgency
from incident_desk.domain.enums import CaseStatus
from incident_desk.services.cases import CaseSort
from incident_desk.services.snapshots import CasePage, CaseSummary
from incident_desk.ui.models.case_table_model import CaseLoader, restated

OPEN_STATUSES = (CaseStatus.OPEN, CaseStatus.FIRST_RESPONSE, CaseStatus.UNDER_INVESTIGATION)
#: The newest cases of each open status, shown at once.
PER_STATUS = 200
#: How many cases the dashboard holds at most.
KEEP = 600
#: How many cases one background read takes while looking through the older ones. Small reads
#: keep the GUI thread's share of the interpreter: with 1,000 a read held it long enough to stall
#: the screen for over 100 ms (tests/benchmarks/bench_case_list_ui.py); with 100, about 80 ms.
SCAN_PAGE = 100


@dataclass(frozen=True)
class OpenCases:
    cases: tuple[CaseSummary, ...]
    total: int


@dataclass(frozen=True)
class ScanPosition:
    """Where the look through every open case has got to: the status and the offset next."""

    status_index: int = 0
    offset: int = 0
    seen: int = 0

    @property
    def done(self) -> bool:
        return self.status_index >= len(OPEN_STATUSES)


def load_open_cases(loader: CaseLoader, per_status: int = PER_STATUS) -> OpenCases:
    """The newest open cases of each open status, with how many there are in all."""
    pages: list[CasePage] = [
        loader(status, "", CaseSort.RECEIVED_NEWEST, 0, per_status) for status in OPEN_STATUSES
    ]
    cases = tuple(summary for page in pages for summary in page.cases)
    return OpenCases(cases, sum(page.total for page in pages))


def urgent_clock(
    summary: CaseSummary, now: datetime, settings: DeadlineSettings
) -> Deadline | None:
    """The case's most urgent open clock as it stands at ``now``."""
    ranked = by_urgency(restated(summary.open_deadlines, now, settings), now)
    return ranked[0] if ranked else None


def most_urgent_first(
    cases: Iterable[CaseSummary], now: datetime, settings: DeadlineSettings
) -> list[tuple[CaseSummary, Deadline | None]]:
    """Every case with its most urgent clock, the most urgent first; cases with no open clock
    last, the newest of them first."""
    clocks = {summary.id: urgent_clock(summary, now, settings) for summary in cases}
    summaries = {summary.id: summary for summary in cases}
    timed = [clock for clock in clocks.values() if clock is not None]
    order = {id(clock): rank for rank, clock in enumerate(by_urgency(timed, now))}

    def rank(case_id: int) -> tuple[int, float]:
        clock = clocks[case_id]
        if clock is None:
            return len(order), -summaries[case_id].received_at.timestamp()
        return order[id(clock)], 0.0

    return [(summaries[case_id], clocks[case_id]) for case_id in sorted(clocks, key=rank)]


def scan_step(
    loader: CaseLoader,
    position: ScanPosition,
    kept: tuple[CaseSummary, ...],
    now: datetime,
    settings: DeadlineSettings,
    keep: int = KEEP,
    page_size: int = SCAN_PAGE,
) -> tuple[ScanPosition, tuple[CaseSummary, ...]]:
    """Read the next page of open cases and keep the ``keep`` most urgent of all read so far.

    Runs off the GUI thread; the caller calls it again with the new position until done.
    """
    status = OPEN_STATUSES[position.status_index]
    page = loader(status, "", CaseSort.RECEIVED_OLDEST, position.offset, page_size)
    merged = {summary.id: summary for summary in kept}
    merged.update((summary.id, summary) for summary in page.cases)
    ranked = most_urgent_first(merged.values(), now, settings)
    best = tuple(summary for summary, _ in ranked[:keep])
    if len(page.cases) < page_size:
        following = ScanPosition(position.status_index + 1, 0, position.seen + len(page.cases))
    else:
        following = ScanPosition(
            position.status_index, position.offset + page_size, position.seen + page_size
        )
    return following, best
