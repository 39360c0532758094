"""How long a whole case packet takes to export: the five real forms, with a Chain of Evidence
form for each of 10 items (14 documents), drawn, signed and stored, against the same documents
only drawn. Target: the signed packet in at most 1.5 s.

A case is recorded through the real use-cases: steps, notifications, a scene with entries and
exits, and 10 items each handed over three times with drawn signatures. The first export (the
user's certificate is issued, fonts are read) is reported apart; then the median, min and max
of the rest.

    PYTHONPATH=src python tests/benchmarks/bench_documents.py [--items 10] [--runs 5]
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

from incident_desk.documents.form_renderer import render_form
from incident_desk.domain.clock import ManualClock
from incident_desk.domain.enums import (
    AllegationType,
    EvidenceSource,
    NotificationKind,
    NotificationMethod,
    PersonKind,
    PersonRole,
    ReceivedHow,
    SceneEntrantRole,
    TimeCertainty,
)
from incident_desk.services.case_documents import document_contents
from incident_desk.services.cases import NewPerson, NewReport, open_case
from incident_desk.services.contacts import add_contact
from incident_desk.services.custody import transfer_custody
from incident_desk.services.custody_signatures import DrawnSignature
from incident_desk.services.document_export import export_documents
from incident_desk.services.evidence import add_evidence
from incident_desk.services.notifications import record_notification
from incident_desk.services.scene import record_scene
from incident_desk.services.scene_log import log_scene_entry, log_scene_exit
from incident_desk.services.workspace import Workspace

TARGET_SECONDS = 1.5
START = datetime(2026, 11, 22, 3, 0, tzinfo=UTC)
MINUTE = timedelta(minutes=1)


def drawn(seed: int) -> DrawnSignature:
    points = [[float(10 + i * 9), float(20 + (i * seed) % 30), float(i * 15)] for i in range(30)]
    return DrawnSignature([points, points[::3]], width=300, height=80)


def record_case(workspace: Workspace, clock: ManualClock, items: int) -> str:
    number = open_case(
        workspace,
        NewReport(
            received_how=ReceivedHow.VERBAL,
            allegation_type=AllegationType.OFFENDER_NONCONSENSUAL_SEXUAL_ACTS,
            location="Dorm 4, shower 3",
            incident_at=clock.now() - timedelta(hours=2),
            incident_certainty=TimeCertainty.EXACT,
            narrative="Reported to the officer on the unit. " * 40,
            people=(
                NewPerson("José Álvarez", PersonRole.ALLEGED_VICTIM, PersonKind.OFFENDER, "A-1"),
                NewPerson("Mark Støne", PersonRole.ALLEGED_PERPETRATOR, PersonKind.OFFENDER, "B-2"),
            ),
        ),
    ).summary.case_number
    clock.advance(5 * MINUTE)
    for kind in (NotificationKind.WARDEN, NotificationKind.STATE_POLICE):
        record_notification(
            workspace,
            number,
            kind,
            method=NotificationMethod.PHONE,
            notified_at=clock.now(),
            person_name="Sam Hale",
        )
    scene = record_scene(workspace, number, "Dorm 4, shower 3", True, clock.now()).scene.id
    trooper = add_contact(workspace, "Tpr. Søren Ibáñez", "Kentucky State Police", "Trooper").id
    lab = add_contact(workspace, "Dr. Ana Ruiz", "KSP Central Lab", "Analyst").id
    clock.advance(5 * MINUTE)
    log_scene_entry(workspace, scene, trooper, SceneEntrantRole.STATE_POLICE, videotaped=True)
    clock.advance(5 * MINUTE)
    log_scene_exit(workspace, scene, trooper)
    sergeant = workspace.actor.contact_id
    for index in range(items):
        clock.advance(MINUTE)
        item = add_evidence(
            workspace,
            number,
            f"Item {index + 1}: clothing in a paper bag",
            EvidenceSource.SCENE,
            "Shower stall 3",
            sergeant,
            clock.now() - MINUTE,
            seal_number=f"S-{index:04d}",
            collector_signature=drawn(index),
        )
        for step, (giver, taker) in enumerate(
            ((sergeant, trooper), (trooper, lab), (lab, trooper))
        ):
            clock.advance(MINUTE)
            transfer_custody(
                workspace,
                item.id,
                giver,
                taker,
                clock.now() - MINUTE,
                f"Hand-over {step + 1}",
                from_signature=drawn(step + 2),
                to_signature=drawn(step + 5),
            )
    clock.advance(5 * MINUTE)
    return number


def timed(action: object, runs: int) -> tuple[float, list[float]]:
    assert callable(action)
    first_started = time.perf_counter()
    action()
    first = time.perf_counter() - first_started
    rest = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        rest.append(time.perf_counter() - started)
    return first, rest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=10)
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args(argv)
    clock = ManualClock(START)
    with tempfile.TemporaryDirectory() as folder:
        workspace = install_with_supervisor(
            Path(folder) / "data", clock, "benchmark passphrase 1", "Kentucky DOC"
        )
        try:
            number = record_case(workspace, clock, options.items)
            documents = document_contents(workspace, number)

            def unsigned() -> None:
                for definition, content in documents:
                    render_form(definition, content)

            def signed() -> None:
                export_documents(workspace, number)

            read_first, reads = timed(lambda: document_contents(workspace, number), options.runs)
            draw_first, draws = timed(unsigned, options.runs)
            sign_first, signs = timed(signed, options.runs)
        finally:
            workspace.close()
    print(f"Packet: {len(documents)} documents ({options.items} evidence items)")
    print("| step | first | median | min | max |")
    print("| --- | --- | --- | --- | --- |")
    for label, first, rest in (
        ("read the record (document_contents)", read_first, reads),
        ("draw only (render_form, unsigned)", draw_first, draws),
        ("export: read, draw, sign, store", sign_first, signs),
    ):
        print(
            f"| {label} | {first * 1000:.0f} ms | {statistics.median(rest) * 1000:.0f} ms | "
            f"{min(rest) * 1000:.0f} ms | {max(rest) * 1000:.0f} ms |"
        )
    export = statistics.median(signs)
    ratio = export / statistics.median(draws)
    print(f"Signed export / unsigned drawing: {ratio:.2f}x")
    verdict = "met" if export <= TARGET_SECONDS else "MISSED"
    print(f"Target: signed packet <= {TARGET_SECONDS:.1f} s: {export:.2f} s, {verdict}")
    return 0 if export <= TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
