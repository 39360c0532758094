"""Tampering with the stored audit trail behind the application's back is detected and named.

The trail is made through the services, then changed with plain SQL on the open database, as
someone holding the key could: edit an event, delete one, reorder two, cut the newest off, move
one to another case. Each must break verification at the event that was touched.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from incident_desk.domain.audit_chain import decode_body, encode_body, state_digest
from incident_desk.domain.clock import ManualClock
from incident_desk.domain.enums import AllegationType, PersonRole, ReceivedHow, TimeCertainty
from incident_desk.services.cases import NewPerson, NewReport, get_case, open_case
from incident_desk.services.workspace import Workspace
from incident_desk.storage.audit_hooks import row_values
from incident_desk.storage.audit_log import decoded_events
from incident_desk.storage.rows import CaseRow
from tests.conftest import passphrase_of

SRC = Path(__file__).resolve().parents[2] / "src"


@pytest.fixture
def trail(supervisor: Workspace, clock: ManualClock) -> Workspace:
    """A supervisor's workspace over a trail of some dozens of events made by real use-cases."""
    for number in range(3):
        opened = open_case(
            supervisor,
            NewReport(
                received_how=ReceivedHow.VERBAL,
                allegation_type=AllegationType.OFFENDER_NONCONSENSUAL_SEXUAL_ACTS,
                incident_certainty=TimeCertainty.UNKNOWN,
                narrative=f"Report number {number}.",
                people=(NewPerson(f"Person {number}", PersonRole.ALLEGED_VICTIM),),
            ),
        )
        get_case(supervisor, opened.summary.case_number)
    report = supervisor.database.verify_audit_chain()
    assert report.intact
    assert report.checked >= 30
    return supervisor


def _run_sql(workspace: Workspace, statement: str, **values: object) -> None:
    with workspace.database.engine.begin() as connection:
        connection.execute(text(statement), values)


def _head_seq(workspace: Workspace) -> int:
    with workspace.database.engine.connect() as connection:
        return int(connection.execute(text("SELECT max(seq) FROM audit_event")).scalar_one())


def _edit_event(workspace: Workspace, seq: int, **changes: Any) -> None:
    with workspace.database.engine.connect() as connection:
        body = connection.execute(
            text("SELECT body FROM audit_event WHERE seq = :seq"), {"seq": seq}
        ).scalar_one()
    forged = encode_body(replace(decode_body(bytes(body)), **changes))
    _run_sql(
        workspace, "UPDATE audit_event SET body = :body WHERE seq = :seq", body=forged, seq=seq
    )


@pytest.mark.parametrize("field", ["action", "detail"])
def test_an_edited_event_is_named(trail: Workspace, field: str) -> None:
    target = _head_seq(trail) // 2
    _edit_event(trail, target, **{field: "nothing to see here"})
    report = trail.database.verify_audit_chain()
    assert not report.intact
    assert report.first_bad_seq == target
    assert f"event {target}" in report.problem
    assert report.checked == target - 1


def test_a_deleted_event_is_named(trail: Workspace) -> None:
    target = _head_seq(trail) // 2
    _run_sql(trail, "DELETE FROM audit_event WHERE seq = :seq", seq=target)
    report = trail.database.verify_audit_chain()
    assert not report.intact
    assert f"event {target} is missing" in report.problem
    assert report.first_bad_seq in (target, target + 1)


def test_two_reordered_events_are_named(trail: Workspace) -> None:
    first, second = 10, 20
    # Swap the two events' places in the sequence (through a free number, as seq is the key).
    _run_sql(trail, "UPDATE audit_event SET seq = -1 WHERE seq = :seq", seq=first)
    _run_sql(trail, "UPDATE audit_event SET seq = :new WHERE seq = :old", new=first, old=second)
    _run_sql(trail, "UPDATE audit_event SET seq = :new WHERE seq = -1", new=second)
    report = trail.database.verify_audit_chain()
    assert not report.intact
    assert report.first_bad_seq == first
    assert f"event {first}" in report.problem


def test_a_newest_event_cut_off_behind_the_head_record_is_detected(trail: Workspace) -> None:
    last = _head_seq(trail)
    _run_sql(trail, "DELETE FROM audit_event WHERE seq = :seq", seq=last)
    report = trail.database.verify_audit_chain()
    assert not report.intact
    assert report.first_bad_seq == last
    assert "missing from the end" in report.problem


def test_an_event_moved_to_another_case_is_named(trail: Workspace) -> None:
    with trail.database.engine.connect() as connection:
        target = int(
            connection.execute(
                text("SELECT min(seq) FROM audit_event WHERE case_id = 2")
            ).scalar_one()
        )
    _run_sql(trail, "UPDATE audit_event SET case_id = 1 WHERE seq = :seq", seq=target)
    report = trail.database.verify_audit_chain()
    assert report.first_bad_seq == target
    assert "another case" in report.problem


def _stored_after_digest(workspace: Workspace, case_id: int) -> str:
    with workspace.database.engine.connect() as connection:
        events = decoded_events(connection, case_id)
    written = [e for e in events if (e.entity, e.entity_id) == ("case_file", str(case_id))]
    return [e.after_digest for e in written if e.after_digest][-1]


def _current_digest(workspace: Workspace, case_id: int) -> str:
    with workspace.read() as work:
        return state_digest(row_values(work.get(CaseRow, case_id)))


def test_a_case_row_edited_outside_the_application_differs_from_its_audited_digest(
    trail: Workspace,
) -> None:
    # The chain protects the events, not the rows: an UPDATE that bypasses the application
    # writes no event, so the chain still verifies. What gives it away is the after-digest the
    # last audited change stored for the row, once someone compares it with the row as it is
    # now. This test makes that comparison by hand.
    case_id = 1
    assert _stored_after_digest(trail, case_id) == _current_digest(trail, case_id)
    _run_sql(
        trail,
        "UPDATE case_file SET narrative = 'Nothing happened.' WHERE id = :id",
        id=case_id,
    )
    assert trail.database.verify_audit_chain().intact
    assert _stored_after_digest(trail, case_id) != _current_digest(trail, case_id)


def test_every_row_event_names_the_row_it_wrote(trail: Workspace) -> None:
    # Comparing a row with its after-digest needs the row's last event; only its id finds it.
    with trail.database.engine.connect() as connection:
        row_events = [e for e in decoded_events(connection) if e.after_digest or e.before_digest]
    assert row_events
    assert [e.seq for e in row_events if not e.entity_id] == []


def test_audit_verify_on_the_command_line_exits_1_and_names_the_event(
    trail: Workspace, data_dir: Path, tmp_path: Path
) -> None:
    target = _head_seq(trail) // 2
    _edit_event(trail, target, action="view_case")
    trail.close()
    secret = tmp_path / "sup.pass"
    secret.write_text(passphrase_of("sup") + "\n", encoding="utf-8")
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), env.get("PYTHONPATH")]))
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "incident_desk",
            "audit",
            "verify",
            "--data-dir",
            str(data_dir),
            "--user",
            "sup",
            "--passphrase-file",
            str(secret),
        ],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    verdict = result.stdout.strip().splitlines()
    assert len(verdict) == 1
    assert f"event {target}" in verdict[0]
    assert "BROKEN" in verdict[0]
    complaint = result.stderr.strip().splitlines()
    assert len(complaint) == 1
    assert f"event {target}" in complaint[0]


def test_events_stored_past_the_head_record_are_detected(trail: Workspace) -> None:
    last = _head_seq(trail)
    with trail.database.engine.connect() as connection:
        previous = connection.execute(
            text("SELECT hash FROM audit_event WHERE seq = :seq"), {"seq": last - 1}
        ).scalar_one()
    _run_sql(
        trail, "UPDATE audit_chain_head SET seq = :seq, hash = :hash", seq=last - 1, hash=previous
    )
    report = trail.database.verify_audit_chain()
    assert not report.intact
    assert "does not name the newest event" in report.problem


def test_verifying_while_others_record_never_reports_a_broken_trail(trail: Workspace) -> None:
    """Events appended during a check are after the snapshot it reads: not a broken head."""
    import threading

    number = open_case(
        trail,
        NewReport(
            received_how=ReceivedHow.VERBAL,
            allegation_type=AllegationType.OFFENDER_NONCONSENSUAL_SEXUAL_ACTS,
            incident_certainty=TimeCertainty.UNKNOWN,
            narrative="Viewed over and over while the trail is checked.",
            people=(NewPerson("Person V", PersonRole.ALLEGED_VICTIM),),
        ),
    ).summary.case_number
    stop = threading.Event()
    views = 0

    def keep_viewing() -> None:
        nonlocal views
        while not stop.is_set():
            get_case(trail, number)
            views += 1

    viewer = threading.Thread(target=keep_viewing)
    viewer.start()
    try:
        problems = [
            report.problem
            for report in (trail.database.verify_audit_chain(workers=1) for _ in range(40))
            if not report.intact
        ]
    finally:
        stop.set()
        viewer.join()
    assert views > 10
    assert problems == []
