"""Filling an installation with realistic demo cases, for training and for the benchmarks.

Cases come in every state of the workflow (open, first response, under investigation, closed
with each finding), across the facilities, with their people, steps, scene logs, evidence
and custody, notifications, medical care, dry cells, investigations, reviews and retaliation
monitoring. A seed always gives the same cases (``random.Random(seed)`` and the workspace's
clock are the only sources). Rows go to the storage bulk loader in transactions of
``BATCH_CASES`` cases, each row audited as "demo_fill", while a helper process draws the next
batch (demo_batches), so 100,000 cases take under two minutes on two idle cores instead of
hours through the ORM, and the audit trail still verifies.
"""

from __future__ import annotations

import os
import random
import time
from collections import Counter
from collections.abc import Callable, Generator, Mapping, Sequence
from contextlib import closing
from dataclasses import dataclass

from incident_desk.domain.enums import CaseStatus, Finding, Role
from incident_desk.services.demo_batches import batches_from_helper, generate_batches
from incident_desk.services.demo_cast import assemble_cast
from incident_desk.services.demo_plan import DemoSetup, number_prefixes
from incident_desk.services.demo_rows import TABLE_ORDER
from incident_desk.services.errors import rejected
from incident_desk.services.visibility import require_role
from incident_desk.services.workspace import Workspace
from incident_desk.storage.bulk_loader import (
    BulkAudit,
    EncodedRows,
    TableRows,
    bulk_insert,
    next_ids,
)

DEMO_ACTION = "demo_fill"
DEMO_ROLES = frozenset({Role.ADMINISTRATOR, Role.PREA_COMPLIANCE_MANAGER})
BATCH_CASES = 5_000  # one transaction: a crash loses at most this many cases
MAX_CASES = 1_000_000


@dataclass(frozen=True)
class DemoSummary:
    """What a demo fill added, and how long it took."""

    cases: int
    first_case_number: str  # the oldest case added (numbers rise with the time received)
    last_case_number: str
    rows_by_table: Mapping[str, int]  # table name -> rows added by the bulk load
    cases_by_status: Mapping[CaseStatus, int]
    closed_by_finding: Mapping[Finding, int]
    audit_events: int  # one per bulk-loaded row (the demo staff's few rows are audited too)
    elapsed_seconds: float


def fill_demo(
    workspace: Workspace,
    cases: int,
    seed: int = 0,
    progress: Callable[[int, int], None] | None = None,
    *,
    batch_cases: int = BATCH_CASES,
    helper_process: bool | None = None,
) -> DemoSummary:
    """Add ``cases`` demo cases; ``progress(done, total)`` is called after each batch.

    ``helper_process`` draws the cases in a second process while this one writes (the
    default when there is more than one batch and more than one core); the cases are the
    same either way.
    """
    require_role(workspace.actor, DEMO_ROLES, "fill the database with demo cases")
    if not 1 <= cases <= MAX_CASES:
        raise rejected("cases", f"Choose between 1 and {MAX_CASES:,} demo cases.")
    if batch_cases < 1:
        raise rejected("batch_cases", "A batch holds at least one case.")
    if helper_process is None:
        helper_process = cases > batch_cases and (os.cpu_count() or 1) > 1
    started = time.perf_counter()
    rng = random.Random(seed)
    setup = _prepare(workspace, cases, seed, batch_cases, rng)
    statuses: Counter[CaseStatus] = Counter()
    findings: Counter[Finding] = Counter()
    numbers: list[str] = []

    def parts() -> Generator[Sequence[TableRows | EncodedRows], None, None]:
        drawn = batches_from_helper if helper_process else generate_batches
        with closing(drawn(setup, rng)) as batches:
            for batch in batches:
                statuses.update(batch.statuses)
                findings.update(batch.findings)
                numbers.extend((batch.first_number, batch.last_number))
                yield batch.parts

    done = 0

    def on_batch(counts: Mapping[str, int]) -> None:
        nonlocal done
        done += counts.get("case_file", 0)
        if progress is not None:
            progress(done, cases)

    audit = BulkAudit(workspace.actor.id, DEMO_ACTION, setup.now)
    with closing(parts()) as batches:
        totals = bulk_insert(workspace.database, batches, audit, on_batch)
    return DemoSummary(
        cases=done,
        first_case_number=numbers[0] if numbers else "",
        last_case_number=numbers[-1] if numbers else "",
        rows_by_table=totals,
        cases_by_status=dict(statuses),
        closed_by_finding=dict(findings),
        audit_events=sum(totals.values()),
        elapsed_seconds=time.perf_counter() - started,
    )


def _prepare(
    workspace: Workspace, cases: int, seed: int, batch_cases: int, rng: random.Random
) -> DemoSetup:
    """The cast, the numbers already taken and the first free ids: all the generator needs."""
    now = workspace.clock.now()
    cast = assemble_cast(workspace, rng)
    with workspace.read() as work:
        taken = {
            prefix: work.cases.count_numbers_with_prefix(prefix)
            for prefix in number_prefixes(cast, now)
        }
    return DemoSetup(
        seed=seed,
        cases=cases,
        batch_cases=batch_cases,
        now=now,
        protocol_version=workspace.protocol.version,
        cast=cast,
        first_ids=next_ids(workspace.database, TABLE_ORDER),
        numbers_taken=taken,
    )
