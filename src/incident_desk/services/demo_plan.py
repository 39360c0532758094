"""The outline of a demo fill: how many cases in which state, when each was received, where,
and its case number, before any detail is drawn.

Cases are numbered in the order they were received, per facility and year, continuing after
the numbers already taken, exactly as ``open_case`` numbers them.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from incident_desk.domain.enums import CaseStatus, Finding
from incident_desk.services.demo_cast import DemoCast
from incident_desk.storage.rows import Base

DAY = 24 * 60  # minutes
# (status, share of cases, received between this many minutes ago ... and this many).
STATUS_MIX = (
    (CaseStatus.OPEN, 0.06, 10, 4 * 60),
    (CaseStatus.FIRST_RESPONSE, 0.10, 60, 6 * DAY),
    (CaseStatus.UNDER_INVESTIGATION, 0.19, 6 * DAY, 200 * DAY),
    # A closed case's last event (its review, or the end of monitoring) comes at most about
    # 130 days after the report, so none is younger than that.
    (CaseStatus.CLOSED, 0.65, 150 * DAY, 3 * 365 * DAY),
)
FINDING_MIX = (
    (Finding.SUBSTANTIATED, 0.22),
    (Finding.UNSUBSTANTIATED, 0.48),
    (Finding.UNFOUNDED, 0.30),
)
# The first cases of every fill cover each state and each finding, so even a small demo
# shows all of them.
_EVERY_OUTCOME: tuple[tuple[CaseStatus, Finding | None], ...] = (
    (CaseStatus.OPEN, None),
    (CaseStatus.FIRST_RESPONSE, None),
    (CaseStatus.UNDER_INVESTIGATION, None),
    *((CaseStatus.CLOSED, finding) for finding, _ in FINDING_MIX),
)
YEARS_BACK = 4  # the oldest demo case is three years old; its year may be four back


@dataclass(frozen=True)
class DemoSetup:
    """Everything the generator needs; plain picklable values, so it can run elsewhere."""

    seed: int
    cases: int
    batch_cases: int
    now: datetime
    protocol_version: str
    cast: DemoCast
    first_ids: dict[type[Base], int]
    numbers_taken: dict[str, int]  # case-number prefix -> numbers already used


@dataclass(frozen=True)
class CasePlan:
    number: str
    facility_index: int
    status: CaseStatus
    finding: Finding | None
    received_at: datetime


def number_prefixes(cast: DemoCast, now: datetime) -> list[str]:
    """Every prefix a demo case number may take: facility code and year."""
    return [
        f"{facility.code}-{year}-"
        for facility in cast.facilities
        for year in range(now.year - YEARS_BACK, now.year + 1)
    ]


def plan_cases(setup: DemoSetup, rng: random.Random) -> list[CasePlan]:
    """Draw state, facility and receipt time for every case; number them in time order."""
    statuses = [status for status, _, _, _ in STATUS_MIX]
    status_weights = [share for _, share, _, _ in STATUS_MIX]
    windows = {status: (low, high) for status, _, low, high in STATUS_MIX}
    findings = [finding for finding, _ in FINDING_MIX]
    finding_weights = [share for _, share in FINDING_MIX]
    facility_count = len(setup.cast.facilities)
    drawn: list[tuple[int, int, CaseStatus, Finding | None]] = []
    for index in range(setup.cases):
        if index < len(_EVERY_OUTCOME):
            status, finding = _EVERY_OUTCOME[index]
        else:
            status = rng.choices(statuses, status_weights)[0]
            finding = (
                rng.choices(findings, finding_weights)[0] if status is CaseStatus.CLOSED else None
            )
        low, high = windows[status]
        drawn.append((rng.randint(low, high), rng.randrange(facility_count), status, finding))
    # Oldest first, so case ids and numbers rise with the time a report came in.
    drawn.sort(key=lambda entry: -entry[0])
    used = dict(setup.numbers_taken)
    plans = []
    for minutes_ago, facility_index, status, finding in drawn:
        received_at = setup.now - timedelta(minutes=minutes_ago)
        prefix = f"{setup.cast.facilities[facility_index].code}-{received_at.year}-"
        used[prefix] = used.get(prefix, 0) + 1
        number = f"{prefix}{used[prefix]:05d}"
        plans.append(CasePlan(number, facility_index, status, finding, received_at))
    return plans
