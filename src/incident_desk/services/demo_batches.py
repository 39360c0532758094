"""Turning a demo plan into batches of rows, here or in a helper process.

Drawing the cases and encoding their rows is half the work of a large fill and the database
writes are the other half, so on a machine with two cores the drawing runs in a helper
process while this one writes: the helper sends each batch, encoded, down a queue that holds
at most two, and the writer takes them in order. The helper draws from the same generator
state the caller would have used, so both ways give exactly the same cases.
"""

from __future__ import annotations

import gc
import multiprocessing
import queue
import random
import traceback
from collections import Counter
from collections.abc import Generator, Sequence
from dataclasses import dataclass
from typing import Any

from incident_desk.domain.enums import CaseStatus, Finding
from incident_desk.services.demo_aftercare import write_aftercare
from incident_desk.services.demo_cases import CaseWriter
from incident_desk.services.demo_plan import DemoSetup, plan_cases
from incident_desk.services.demo_response import write_first_response
from incident_desk.services.demo_rows import RowSink
from incident_desk.storage.bulk_loader import EncodedRows, TableRows, encode_batch

AFTERCARE_STATUSES = (CaseStatus.UNDER_INVESTIGATION, CaseStatus.CLOSED)
QUEUE_BATCHES = 2  # how far the helper may run ahead (each batch is tens of megabytes)
POLL_SECONDS = 1.0


@dataclass(frozen=True)
class GeneratedBatch:
    """One transaction's worth of demo cases: rows per table, and what kinds of cases."""

    parts: Sequence[TableRows | EncodedRows]
    statuses: Counter[CaseStatus]
    findings: Counter[Finding]
    first_number: str
    last_number: str


class HelperFailed(RuntimeError):
    """The helper process stopped with an error (its traceback is the message)."""


def generate_batches(setup: DemoSetup, rng: random.Random) -> Generator[GeneratedBatch, None, None]:
    """The demo cases of ``setup``, ``setup.batch_cases`` at a time, as rows per table."""
    plans = plan_cases(setup, rng)
    sink = RowSink(setup.first_ids)
    writer = CaseWriter(rng, sink, setup.cast, setup.now, setup.protocol_version)
    for start, end in batch_bounds(len(plans), setup.batch_cases):
        chunk = plans[start:end]
        sink.start_batch()
        for plan in chunk:
            case = writer.write(plan)
            if plan.status is not CaseStatus.OPEN:
                write_first_response(writer, case)
            if plan.status in AFTERCARE_STATUSES:
                write_aftercare(writer, case)
            case.row["updated_at"] = case.last
        yield GeneratedBatch(
            parts=sink.batch(),
            statuses=Counter(plan.status for plan in chunk),
            findings=Counter(plan.finding for plan in chunk if plan.finding is not None),
            first_number=chunk[0].number,
            last_number=chunk[-1].number,
        )


def batch_bounds(cases: int, batch_cases: int) -> list[tuple[int, int]]:
    """Where batches start and end. The first is a fifth of the others: the writer waits
    for it with nothing to do, and waits less for a small one."""
    first = max(1, batch_cases // 5)
    bounds = [(0, min(first, cases))]
    while bounds[-1][1] < cases:
        start = bounds[-1][1]
        bounds.append((start, min(start + batch_cases, cases)))
    return bounds


def batches_from_helper(
    setup: DemoSetup, rng: random.Random
) -> Generator[GeneratedBatch, None, None]:
    """`generate_batches`, drawn and encoded in a helper process; stops it if abandoned."""
    context = multiprocessing.get_context("spawn")
    channel: Any = context.Queue(maxsize=QUEUE_BATCHES)
    helper = context.Process(
        target=_draw_in_helper,
        args=(setup, rng.getstate(), channel),
        name="incident-desk-demo",
        daemon=True,
    )
    helper.start()
    try:
        while True:
            try:
                item = channel.get(timeout=POLL_SECONDS)
            except queue.Empty:
                if not helper.is_alive():
                    raise HelperFailed(
                        f"the demo helper process ended unexpectedly (exit code {helper.exitcode})"
                    ) from None
                continue
            if item is None:
                break
            if isinstance(item, str):
                raise HelperFailed(item)
            yield item
    finally:
        if helper.is_alive():
            helper.terminate()
        helper.join()
        channel.close()


def _draw_in_helper(setup: DemoSetup, state: Any, channel: Any) -> None:
    # Rows are acyclic: without the cyclic collector walking them, drawing is far faster.
    gc.disable()
    try:
        rng = random.Random()
        rng.setstate(state)
        for batch in generate_batches(setup, rng):
            encoded = encode_batch(part for part in batch.parts if isinstance(part, TableRows))
            channel.put(
                GeneratedBatch(
                    encoded, batch.statuses, batch.findings, batch.first_number, batch.last_number
                )
            )
        channel.put(None)
    except BaseException:
        channel.put(traceback.format_exc())
        raise
