"""How long saving a checklist step takes, as the shift supervisor feels it.

Times ``record_step`` end to end on a real installation (SQLCipher, WAL, synchronous=FULL): the
case lookup and access check, the protocol's rules, the step record, its audit event on the
hash chain and the durable commit. The target is p95 <= 25 ms.

    PYTHONPATH=src python tests/benchmarks/bench_step_save.py [--saves 200] [--dir PATH]

``--dir`` puts the installation on the disk to be measured (a tmpfs would make the fsyncs free);
by default a temporary folder is made, and removed afterwards.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from bench_install import install_with_supervisor

from incident_desk.domain.clock import SystemClock
from incident_desk.domain.enums import (
    AllegationType,
    PersonKind,
    PersonRole,
    ReceivedHow,
    TimeCertainty,
)
from incident_desk.domain.protocol import YES, FieldKind, StepDefinition
from incident_desk.services.cases import NewPerson, NewReport, open_case
from incident_desk.services.workflow import checklist, record_step
from incident_desk.services.workspace import Workspace

TARGET_P95_MS = 25.0
PASSPHRASE = "benchmark passphrase, long enough"


def _values(step: StepDefinition, clock: SystemClock) -> dict[str, str]:
    """Every field filled with a valid value, so every conditional field is satisfied too."""
    moment = (clock.now() - timedelta(minutes=1)).isoformat()
    filled: dict[str, str] = {}
    for definition in step.fields:
        match definition.kind:
            case FieldKind.DATETIME:
                filled[definition.key] = moment
            case FieldKind.BOOLEAN:
                filled[definition.key] = YES
            case FieldKind.CHOICE | FieldKind.MULTI_CHOICE:
                filled[definition.key] = definition.choices[0]
            case FieldKind.NUMBER:
                filled[definition.key] = "1"
            case _:
                filled[definition.key] = f"{definition.label}, as entered on the night shift."
    return filled


def _report(clock: SystemClock) -> NewReport:
    return NewReport(
        received_how=ReceivedHow.VERBAL,
        allegation_type=AllegationType.OFFENDER_NONCONSENSUAL_SEXUAL_ACTS,
        location="Dorm 4, shower",
        # Received a little before the steps it times, whose times are a minute in the past.
        received_at=clock.now() - timedelta(minutes=10),
        incident_at=clock.now() - timedelta(hours=2),
        incident_certainty=TimeCertainty.EXACT,
        narrative="Reported to the officer on the unit.",
        people=(
            NewPerson("José Álvarez", PersonRole.ALLEGED_VICTIM, PersonKind.OFFENDER),
            NewPerson("Mark Stone", PersonRole.ALLEGED_PERPETRATOR, PersonKind.OFFENDER),
        ),
    )


def _measure(supervisor: Workspace, clock: SystemClock, saves: int) -> list[float]:
    timings: list[float] = []
    while len(timings) < saves:
        number = open_case(supervisor, _report(clock)).summary.case_number
        # The supervisor's steps in order; the scene step makes the entry-log step apply.
        for step in supervisor.protocol.steps:
            if len(timings) == saves:
                break
            state = checklist(supervisor, number).step(step.key)
            if step.key == "intake" or not (state.applies and state.may_complete):
                continue
            values = _values(step, clock)
            started = time.perf_counter()
            record_step(supervisor, number, step.key, values)
            timings.append((time.perf_counter() - started) * 1000)
    return timings


def _percentile(ordered: list[float], fraction: float) -> float:
    index = min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))
    return ordered[index]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saves", type=int, default=200)
    parser.add_argument("--dir", type=Path, default=None)
    args = parser.parse_args(argv)
    clock = SystemClock()
    with tempfile.TemporaryDirectory(dir=args.dir) as folder:
        supervisor = install_with_supervisor(Path(folder) / "data", clock, PASSPHRASE)
        try:
            timings = _measure(supervisor, clock, args.saves)
            chain = supervisor.database.verify_audit_chain()
        finally:
            supervisor.close()
    ordered = sorted(timings)
    p50, p95 = statistics.median(ordered), _percentile(ordered, 0.95)
    print(f"record_step saves: {len(ordered)} (durable commits, each with its audit event)")
    print(f"p50 {p50:.1f} ms   p95 {p95:.1f} ms   max {ordered[-1]:.1f} ms")
    print(f"mean {statistics.fmean(ordered):.1f} ms   min {ordered[0]:.1f} ms")
    print(f"audit chain intact: {chain.intact} ({chain.checked} events)")
    verdict = p95 <= TARGET_P95_MS and chain.intact
    print(f"target p95 <= {TARGET_P95_MS:.0f} ms: {'met' if verdict else 'NOT met'}")
    return 0 if verdict else 1


if __name__ == "__main__":
    sys.exit(main())
