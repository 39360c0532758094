"""How fast the evidence screen opens on a big case, and how fast a scene entry is logged.

Builds, through the services, a case with 200 evidence items and 2,000 custody hand-overs
(every tenth one signed by both), then times on a real installation (SQLCipher, WAL,
synchronous=FULL):

- ``evidence_view`` of the whole case: every item, its holder and its full chain, plus the
  audit event the view writes. Target <= 200 ms (median of the runs).
- ``log_scene_entry``, 200 entries (each followed by an exit, so the log grows to 400 lines):
  the access check, the log rules, the new line, its audit event and the durable commit.
  Target p95 <= 25 ms.

    PYTHONPATH=src python tests/benchmarks/bench_custody.py [--items 200] [--transfers 2000]
        [--entries 200] [--dir PATH]

``--dir`` puts the installation on the disk to be measured (a tmpfs would make the fsyncs free);
by default a temporary folder is made, and removed afterwards.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench_install import install_with_supervisor

from incident_desk.domain.clock import ManualClock
from incident_desk.domain.enums import (
    AllegationType,
    EvidenceSource,
    PersonKind,
    PersonRole,
    ReceivedHow,
    SceneEntrantRole,
    TimeCertainty,
)
from incident_desk.services.cases import NewPerson, NewReport, open_case
from incident_desk.services.contacts import add_contact
from incident_desk.services.custody import transfer_custody
from incident_desk.services.evidence import add_evidence
from incident_desk.services.evidence_views import evidence_view
from incident_desk.services.scene import log_scene_entry, log_scene_exit, record_scene
from incident_desk.services.workspace import Workspace

TARGET_VIEW_MS = 200.0
TARGET_ENTRY_P95_MS = 25.0
PASSPHRASE = "benchmark passphrase, long enough"
SIGNATURE = [[[x, (x * 7) % 40, x * 16] for x in range(60)], [[5, 5, 1000], [90, 30, 1100]]]
START = datetime(2026, 11, 22, 3, 0, tzinfo=UTC)


def _report() -> NewReport:
    return NewReport(
        received_how=ReceivedHow.VERBAL,
        allegation_type=AllegationType.OFFENDER_NONCONSENSUAL_SEXUAL_ACTS,
        location="Dorm 4, shower",
        incident_at=START - timedelta(hours=2),
        incident_certainty=TimeCertainty.EXACT,
        people=(
            NewPerson("José Álvarez", PersonRole.ALLEGED_VICTIM, PersonKind.OFFENDER),
            NewPerson("Mark Stone", PersonRole.ALLEGED_PERPETRATOR, PersonKind.OFFENDER),
        ),
    )


def _build_evidence(
    workspace: Workspace, clock: ManualClock, case_number: str, items: int, transfers: int
) -> None:
    people = [workspace.actor.contact_id] + [
        add_contact(workspace, f"Officer {n}", "Kentucky State Police", "Trooper").id
        for n in range(1, 6)
    ]
    item_ids = []
    for n in range(items):
        clock.advance(timedelta(seconds=1))
        view = add_evidence(
            workspace,
            case_number,
            f"Item {n + 1}",
            EvidenceSource.SCENE,
            "Shower stall",
            people[0],
            None,
            seal_number=f"S-{n:05d}",
        )
        item_ids.append(view.id)
    holders = dict.fromkeys(item_ids, 0)
    for n in range(transfers):
        clock.advance(timedelta(seconds=1))
        item_id = item_ids[n % len(item_ids)]
        sender = holders[item_id]
        receiver = (sender + 1) % len(people)
        signature = SIGNATURE if n % 10 == 0 else None
        transfer_custody(
            workspace,
            item_id,
            people[sender],
            people[receiver],
            None,
            "Hand-over",
            from_signature=signature,
            to_signature=signature,
        )
        holders[item_id] = receiver
        if (n + 1) % 500 == 0:
            print(f"  {n + 1} hand-overs recorded", flush=True)


def _time_view(workspace: Workspace, case_number: str, runs: int = 7) -> list[float]:
    timings = []
    for _ in range(runs):
        began = time.perf_counter()
        views = evidence_view(workspace, case_number)
        timings.append((time.perf_counter() - began) * 1000)
    assert views
    return timings


def _time_entries(
    workspace: Workspace, clock: ManualClock, case_number: str, entries: int
) -> list[float]:
    scene = record_scene(workspace, case_number, "Dorm 4, shower room", secured=True)
    people = [
        add_contact(workspace, f"Detective {n}", "Kentucky State Police", "Detective").id
        for n in range(20)
    ]
    timings = []
    for n in range(entries):
        clock.advance(timedelta(seconds=30))
        contact = people[n % len(people)]
        began = time.perf_counter()
        log_scene_entry(
            workspace,
            scene.scene.id,
            contact,
            SceneEntrantRole.STATE_POLICE,
            purpose="Evidence search",
            videotaped=True,
        )
        timings.append((time.perf_counter() - began) * 1000)
        clock.advance(timedelta(seconds=30))
        log_scene_exit(workspace, scene.scene.id, contact)
    return timings


def _p95(timings: list[float]) -> float:
    return statistics.quantiles(timings, n=100)[94]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=200)
    parser.add_argument("--transfers", type=int, default=2000)
    parser.add_argument("--entries", type=int, default=200)
    parser.add_argument("--dir", type=Path, default=None)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(dir=args.dir) as folder:
        clock = ManualClock(START - timedelta(days=1))
        workspace = install_with_supervisor(
            Path(folder) / "data", clock, PASSPHRASE, "Kentucky Department of Corrections"
        )
        try:
            clock.set(START)
            case_number = open_case(workspace, _report()).summary.case_number
            print(f"building {args.items} items and {args.transfers} hand-overs...", flush=True)
            began = time.perf_counter()
            _build_evidence(workspace, clock, case_number, args.items, args.transfers)
            built = time.perf_counter() - began
            print(
                f"  built in {built:.1f} s "
                f"({built / (args.items + args.transfers) * 1000:.1f} ms per use-case)"
            )
            view = _time_view(workspace, case_number)
            entries = _time_entries(workspace, clock, case_number, args.entries)
        finally:
            workspace.close()
    view_median = statistics.median(view)
    entry_p95 = _p95(entries)
    print(
        f"evidence_view ({args.items} items, {args.transfers} hand-overs): "
        f"median {view_median:.1f} ms, min {min(view):.1f}, max {max(view):.1f} "
        f"(target <= {TARGET_VIEW_MS:.0f} ms)"
    )
    print(
        f"log_scene_entry ({args.entries} entries): p50 {statistics.median(entries):.1f} ms, "
        f"p95 {entry_p95:.1f} ms, max {max(entries):.1f} (target p95 <= "
        f"{TARGET_ENTRY_P95_MS:.0f} ms)"
    )
    ok = view_median <= TARGET_VIEW_MS and entry_p95 <= TARGET_ENTRY_P95_MS
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
