"""Child process of test_crash_safety: signs in, then records cases until it is killed.

Usage: ``python crash_writer.py DATA_DIR USERNAME`` with the passphrase on standard input.
It prints ``ready`` once signed in, then one case number per line, each flushed only after the
transaction that saved the case has committed, so every number the parent reads is a promise
that the case is on disk. The parent kills it with SIGKILL at a random moment.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from incident_desk.domain.clock import SystemClock
from incident_desk.domain.enums import (
    AllegationType,
    PersonKind,
    PersonRole,
    ReceivedHow,
    TimeCertainty,
)
from incident_desk.services.cases import NewPerson, NewReport, get_case, open_case
from incident_desk.services.workspace import sign_in

# A child whose parent died must not write forever.
MAX_SECONDS = 30.0


def _report(number: int) -> NewReport:
    return NewReport(
        received_how=ReceivedHow.VERBAL,
        allegation_type=AllegationType.OFFENDER_NONCONSENSUAL_SEXUAL_ACTS,
        location=f"Dorm {number % 9}, shower",
        incident_certainty=TimeCertainty.UNKNOWN,
        # Long enough that a transaction spans several pages, so kills land mid-write too.
        narrative=f"Report {number}. " + "Said it happened after the evening count. " * 40,
        people=(
            NewPerson(f"Victim Number {number}", PersonRole.ALLEGED_VICTIM, PersonKind.OFFENDER),
            NewPerson(f"Suspect Number {number}", PersonRole.ALLEGED_PERPETRATOR),
        ),
    )


def main() -> int:
    data_dir = Path(sys.argv[1])
    username = sys.argv[2]
    passphrase = sys.stdin.readline().rstrip("\n")
    workspace = sign_in(data_dir, username, passphrase, SystemClock())
    print("ready", flush=True)
    stop_at = time.monotonic() + MAX_SECONDS
    written = 0
    while time.monotonic() < stop_at:
        written += 1
        # open_case returns only after its transaction committed.
        number = open_case(workspace, _report(written)).summary.case_number
        print(number, flush=True)
        if written % 3 == 0:
            # A view is a transaction of its own (an audit event with no row change).
            get_case(workspace, number)
    workspace.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
