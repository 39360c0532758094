"""Measure the foundation against its performance targets, in one command:

    python tests/benchmarks/run_benchmarks.py [--cases 100000] [--out DIR] [--seed 0]

It builds a fresh installation in a temporary folder (or in DIR, which is kept), fills it
with demo cases (timed), makes a plain-SQLite copy of the same data, and times unlocking, the
case list, searches, step saves and a full audit verification against both, printing a
markdown table with the encrypted/plain ratio beside each target. See README.md here.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1] / "src"))
sys.path.insert(0, str(HERE))

from bench_plain import export_plain, open_plain  # noqa: E402
from bench_reads import (  # noqa: E402
    read_cases,
    time_key_derivation,
    time_unlock,
)
from bench_report import Report  # noqa: E402
from bench_timing import measure_pair, percentile  # noqa: E402
from bench_writes import step_save_seconds  # noqa: E402

from incident_desk.domain.clock import SystemClock  # noqa: E402
from incident_desk.domain.enums import Role  # noqa: E402
from incident_desk.services.demo import fill_demo  # noqa: E402
from incident_desk.services.installation import initialize  # noqa: E402
from incident_desk.services.users import add_user  # noqa: E402
from incident_desk.services.workspace import Workspace, sign_in  # noqa: E402
from incident_desk.storage.database import Database  # noqa: E402

USERS = {"sup": Role.SHIFT_SUPERVISOR, "pcm": Role.PREA_COMPLIANCE_MANAGER}
SAVES = 200


def passphrase(username: str) -> str:
    return f"{username} benchmark passphrase"


@contextmanager
def working_folder(out: Path | None) -> Iterator[Path]:
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
        if any(out.iterdir()):
            raise SystemExit(f"{out} is not empty; give an empty or new folder")
        yield out
        return
    with tempfile.TemporaryDirectory(prefix="incident-desk-bench-") as folder:
        yield Path(folder)


def build_installation(data_dir: Path, clock: SystemClock) -> None:
    initialize(
        data_dir,
        facility_name="Kentucky State Reformatory",
        facility_code="KSR",
        agency_name="Kentucky Department of Corrections",
        admin_username="admin",
        admin_passphrase=passphrase("admin"),
        clock=clock,
    )
    admin = sign_in(data_dir, "admin", passphrase("admin"), clock)
    try:
        for username, role in USERS.items():
            add_user(admin, username=username, passphrase=passphrase(username), role=role)
    finally:
        admin.close()


def fill(data_dir: Path, clock: SystemClock, cases: int, seed: int, report: Report) -> None:
    admin = sign_in(data_dir, "admin", passphrase("admin"), clock)
    started = time.perf_counter()

    def progress(done: int, total: int) -> None:
        print(f"  {done:>9,} / {total:,} cases  {time.perf_counter() - started:7.1f} s", flush=True)

    try:
        summary = fill_demo(admin, cases, seed=seed, progress=progress)
    finally:
        admin.close()
    rows = sum(summary.rows_by_table.values())
    print(
        f"demo fill: {summary.cases:,} cases, {rows:,} rows and as many audit events "
        f"in {summary.elapsed_seconds:.1f} s",
        flush=True,
    )
    report.fill(summary.cases, rows, summary.elapsed_seconds)


def twin(workspace: Workspace, plain: Database) -> Workspace:
    """The same user, protocol, settings and clock, over the plain copy."""
    return Workspace(
        workspace.paths,
        plain,
        workspace.vault,
        workspace.guard,
        workspace.actor,
        workspace.clock,
        workspace.protocol,
        workspace.deadline_settings,
        workspace.data_key,
    )


def run_reads(data_dir: Path, plain: Database, clock: SystemClock, report: Report) -> None:
    for username in USERS:
        encrypted = sign_in(data_dir, username, passphrase(username), clock)
        baseline = twin(encrypted, plain)
        try:
            for case in read_cases(username):
                timings = measure_pair(partial(case.run, encrypted), partial(case.run, baseline))
                report.pair(case.label, *timings, "read")
                print(f"  {case.label}: done", flush=True)
        finally:
            encrypted.close()


def run_saves(data_dir: Path, plain: Database, clock: SystemClock, report: Report) -> None:
    encrypted = sign_in(data_dir, "sup", passphrase("sup"), clock)
    try:
        on_encrypted, on_plain = step_save_seconds(encrypted, twin(encrypted, plain), SAVES)
    finally:
        encrypted.close()
    for share, name in ((0.5, "p50"), (0.95, "p95")):
        report.values(
            f"step save {name} ({SAVES} durable commits, record_step)",
            percentile(on_encrypted, share),
            percentile(on_plain, share),
            "save",
        )


def run_verify(data_dir: Path, plain: Database, clock: SystemClock, report: Report) -> None:
    encrypted = sign_in(data_dir, "pcm", passphrase("pcm"), clock)
    try:
        for workers in (1, 2):
            outcome: dict[str, int] = {}

            def verify(
                database: Database,
                key: str,
                workers: int = workers,
                found: dict[str, int] = outcome,
            ) -> None:
                chain = database.verify_audit_chain(workers=workers)
                assert chain.intact, chain.problem
                found[key] = chain.checked

            on_encrypted, on_plain = measure_pair(
                lambda: verify(encrypted.database, "encrypted"),
                lambda: verify(plain, "plain"),
                3,
                0,
            )
            report.verify(workers, outcome["encrypted"], on_encrypted, on_plain)
            print(f"  audit verify with {workers} process(es): done", flush=True)
    finally:
        encrypted.close()


def run_unlock(data_dir: Path, plain_path: Path, clock: SystemClock, report: Report) -> None:
    report.pair(
        "unlock (sign_in: Argon2id + open + schema check + audited sign-in)",
        *time_unlock(data_dir, "sup", passphrase("sup"), clock, plain_path),
        "unlock",
    )
    workspace = sign_in(data_dir, "sup", passphrase("sup"), clock)
    try:
        report.single(
            "  of which key derivation (vault.unlock)",
            time_key_derivation(workspace, "sup", passphrase("sup")),
        )
    finally:
        workspace.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    clock = SystemClock()
    report = Report()
    report.environment(
        f"{platform.python_version()} on {platform.machine()}, "
        f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start"
    )
    with working_folder(args.out) as folder:
        data_dir = folder / "installation"
        build_installation(data_dir, clock)
        fill(data_dir, clock, args.cases, args.seed, report)
        plain_path = folder / "plain.db"
        started = time.perf_counter()
        workspace = sign_in(data_dir, "pcm", passphrase("pcm"), clock)
        try:
            export_plain(workspace.database, plain_path)
        finally:
            workspace.close()
        print(f"plain copy made in {time.perf_counter() - started:.1f} s", flush=True)
        plain = open_plain(plain_path)
        try:
            run_unlock(data_dir, plain_path, clock, report)
            run_reads(data_dir, plain, clock, report)
            run_saves(data_dir, plain, clock, report)
            run_verify(data_dir, plain, clock, report)
        finally:
            plain.close()
        report.environment(
            f"load average {os.getloadavg()[0]:.1f} at the end; database "
            f"{(data_dir / 'incident-desk.db').stat().st_size / 1e9:.2f} GB"
        )
        table = report.markdown()
        print(table)
        if args.out is not None:
            (folder / "benchmarks.md").write_text(table, encoding="utf-8")
    return 0 if report.all_met() else 1


if __name__ == "__main__":
    raise SystemExit(main())
