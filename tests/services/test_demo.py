"""Demo data: every state and finding, the same cases for the same seed, and a record that
holds together (audit trail, custody chains, scene logs, search) on a real installation."""

from __future__ import annotations

import shutil
from collections import defaultdict
from collections.abc import Callable, Iterator
from datetime import timedelta
from itertools import pairwise
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from incident_desk.domain.audit_chain import state_digest
from incident_desk.domain.clock import ManualClock
from incident_desk.domain.enums import (
    CaseStatus,
    CustodyAction,
    Finding,
    PersonKind,
    SceneEvent,
    StepState,
)
from incident_desk.services.cases import list_cases
from incident_desk.services.demo import DEMO_ACTION, DemoSummary, fill_demo
from incident_desk.services.errors import AccessDenied, InputRejected
from incident_desk.services.workspace import Workspace, sign_in
from incident_desk.storage.audit_hooks import row_values
from incident_desk.storage.audit_log import decoded_events
from incident_desk.storage.rows import (
    Base,
    CasePersonRow,
    CaseRow,
    CustodyTransferRow,
    DryCellPlacementRow,
    IncidentReviewRow,
    MedicalRecordRow,
    MentalHealthEvaluationRow,
    NotificationRow,
    RetaliationCheckRow,
    RetaliationMonitoringRow,
    SceneLogEntryRow,
    SceneRow,
    SeparationRow,
    StepRecordRow,
    UserRow,
    VictimNotificationRow,
)
from tests.conftest import START, passphrase_of

CASES = 200
SEED = 7


@pytest.fixture(scope="module")
def filled(
    installation_template: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Workspace, DemoSummary]]:
    """One installation with 200 demo cases, shared by the tests that only read it."""
    root = tmp_path_factory.mktemp("demo") / "data"
    shutil.copytree(installation_template, root)
    workspace = sign_in(root, "pcm", passphrase_of("pcm"), ManualClock(START))
    summary = fill_demo(workspace, CASES, seed=SEED)
    yield workspace, summary
    workspace.close()


def _session(workspace: Workspace) -> Session:
    return Session(workspace.database.engine)


def _outline(workspace: Workspace) -> list[tuple[str, CaseStatus, tuple[str, ...]]]:
    page = list_cases(workspace, limit=None)
    return sorted(
        (case.case_number, case.status, tuple(person.name for person in case.people))
        for case in page.cases
    )


def test_demo_covers_every_state_and_finding(filled: tuple[Workspace, DemoSummary]) -> None:
    workspace, summary = filled
    assert summary.cases == CASES
    assert set(summary.cases_by_status) == set(CaseStatus)
    assert set(summary.closed_by_finding) == set(Finding)
    assert sum(summary.cases_by_status.values()) == CASES
    for table in (
        "case_person",
        "step_record",
        "custody_transfer",
        "scene_log_entry",
        "notification",
        "investigation",
        "incident_review",
        "retaliation_check",
        "victim_notification",
        "dry_cell_placement",
        "medical_record",
    ):
        assert summary.rows_by_table[table] > 0, table
    assert list_cases(workspace).total == CASES
    for status, count in summary.cases_by_status.items():
        assert list_cases(workspace, status=status, limit=5).total == count
    with _session(workspace) as session:
        kinds = set(session.scalars(select(CasePersonRow.kind)))
        numbers = list(session.scalars(select(CaseRow.case_number)))
    assert kinds == set(PersonKind)
    assert len(set(numbers)) == CASES
    assert all(number.split("-")[-1].isdigit() for number in numbers)


def test_the_audit_trail_holds_every_demo_row(filled: tuple[Workspace, DemoSummary]) -> None:
    workspace, summary = filled
    report = workspace.database.verify_audit_chain()
    assert report.intact, report.problem
    assert report.checked >= summary.audit_events == sum(summary.rows_by_table.values())
    assert workspace.database.integrity_problems() == []


def test_each_audit_digest_matches_the_row_as_read_back(
    filled: tuple[Workspace, DemoSummary],
) -> None:
    """The loader's fast encoding stores what the ORM reads back and digests the same."""
    workspace, _ = filled
    tables = {mapper.class_.__tablename__: mapper.class_ for mapper in Base.registry.mappers}
    # The engine keeps one connection per thread: read the events, then the rows.
    with _session(workspace) as session:
        closed = session.scalars(
            select(CaseRow.id).where(CaseRow.status == CaseStatus.CLOSED).limit(3)
        ).all()
    with workspace.database.engine.connect() as connection:
        events = [
            event
            for case_id in closed
            for event in decoded_events(connection, case_id)
            if event.action == DEMO_ACTION
        ]
    assert len({event.entity for event in events}) > 10
    with _session(workspace) as session:
        for event in events:
            row = session.get(tables[event.entity], int(event.entity_id))
            assert state_digest(row_values(row)) == event.after_digest, event.entity


def test_custody_chains_run_forward_from_hand_to_hand(
    filled: tuple[Workspace, DemoSummary],
) -> None:
    workspace, _ = filled
    chains: dict[int, list[CustodyTransferRow]] = defaultdict(list)
    with _session(workspace) as session:
        for link in session.scalars(select(CustodyTransferRow).order_by(CustodyTransferRow.id)):
            chains[link.evidence_item_id].append(link)
    assert chains
    disposed = 0
    for links in chains.values():
        assert links[0].action is CustodyAction.COLLECTED
        assert links[0].from_contact_id is None
        assert 2 <= len(links) <= 6 or links[0].transferred_at > START - timedelta(days=7)
        for before, after in pairwise(links):
            assert after.transferred_at >= before.transferred_at
            assert after.from_contact_id == before.to_contact_id
            assert not before.action.ends_chain
        disposed += links[-1].action.ends_chain
    assert disposed > 0


def test_scene_logs_never_show_an_exit_before_its_entry(
    filled: tuple[Workspace, DemoSummary],
) -> None:
    workspace, _ = filled
    with _session(workspace) as session:
        lines = {line.id: line for line in session.scalars(select(SceneLogEntryRow))}
    exits = [line for line in lines.values() if line.event is SceneEvent.EXITED]
    assert exits
    assert any(line.violation for line in lines.values())
    for line in exits:
        assert line.entry_id is not None
        entry = lines[line.entry_id]
        assert entry.event is SceneEvent.ENTERED
        assert (entry.scene_id, entry.contact_id) == (line.scene_id, line.contact_id)
        assert entry.occurred_at <= line.occurred_at
        assert entry.id < line.id


def test_each_record_a_step_shows_names_that_step_entry(
    filled: tuple[Workspace, DemoSummary],
) -> None:
    workspace, _ = filled
    notices = {
        "warden": "warden_notification",
        "investigator": "investigator_notification",
        "state_police": "state_police_referral",
        "victim_advocate": "victim_advocate",
        "other_facility_head": "other_facility_notice",
    }
    medical = {"medical_transport", "forensic_examiner", "consent", "clean_sheet"}
    with _session(workspace) as session:
        steps = {row.id: row for row in session.scalars(select(StepRecordRow))}
        # (the step entry each row names, its case, the steps that write such a row)
        named = [
            (row.step_record_id, row.case_id, {notices[row.kind.value]})
            for row in session.scalars(select(NotificationRow))
        ]
        for table, keys in (
            (SeparationRow, {"separation"}),
            (SceneRow, {"crime_scene"}),
            (DryCellPlacementRow, {"dry_cell"}),
            (MedicalRecordRow, medical),
        ):
            named += [
                (row.step_record_id, row.case_id, keys) for row in session.scalars(select(table))
            ]
    assert len(named) > CASES
    for step_record_id, case_id, keys in named:
        assert step_record_id is not None
        entry = steps[step_record_id]
        assert (entry.case_id, entry.state) == (case_id, StepState.DONE)
        assert entry.step_key in keys


def test_nothing_happens_after_now_and_dry_cells_end_within_sixteen_hours(
    filled: tuple[Workspace, DemoSummary],
) -> None:
    workspace, _ = filled
    latest = (
        CaseRow.updated_at,
        CaseRow.closed_at,
        StepRecordRow.recorded_at,
        CustodyTransferRow.recorded_at,
        SceneLogEntryRow.recorded_at,
        IncidentReviewRow.submitted_at,
        VictimNotificationRow.informed_at,
        RetaliationCheckRow.checked_at,
        RetaliationMonitoringRow.ended_at,
        MentalHealthEvaluationRow.updated_at,
    )
    with _session(workspace) as session:
        for column in latest:
            assert session.scalar(select(func.max(column))) <= START, column
        cases = session.scalars(select(CaseRow)).all()
        cells = session.scalars(select(DryCellPlacementRow)).all()
    assert all(case.closed_at is not None for case in cases if case.status is CaseStatus.CLOSED)
    assert all(case.closed_at is None for case in cases if case.status is not CaseStatus.CLOSED)
    assert cells
    for cell in cells:
        assert cell.released_at is not None
        assert timedelta(0) < cell.released_at - cell.placed_at <= timedelta(hours=16)


def test_demo_cases_are_found_by_name_and_status(filled: tuple[Workspace, DemoSummary]) -> None:
    workspace, _ = filled
    with _session(workspace) as session:
        accented = session.scalars(
            select(CasePersonRow.name).where(CasePersonRow.name.like("%ñ%")).limit(1)
        ).one()
    word = next(part for part in accented.split() if "ñ" in part)
    plain = word.replace("ñ", "n").lower()
    found = list_cases(workspace, search=plain, limit=50)
    assert found.total > 0
    assert all(any(word in person.name for person in case.people) for case in found.cases)
    closed = list_cases(workspace, search=plain, status=CaseStatus.CLOSED, limit=50)
    assert all(case.status is CaseStatus.CLOSED for case in closed.cases)
    assert list_cases(workspace, search="KSR-2026", limit=1).total > 0


def test_demo_staff_can_never_sign_in(filled: tuple[Workspace, DemoSummary]) -> None:
    workspace, _ = filled
    with _session(workspace) as session:
        staff = session.scalars(select(UserRow).where(UserRow.username.like("demo.%"))).all()
    assert staff
    slots = workspace.vault.slot_ids()
    for user in staff:
        assert user.disabled
        assert len(user.vault_slot_id) == 64
        assert user.vault_slot_id not in slots


def test_same_seed_gives_the_same_cases_with_or_without_the_helper(
    sign_in_as: Callable[[str], Workspace], installation_template: Path, tmp_path: Path
) -> None:
    first = sign_in_as("pcm")
    second_root = tmp_path / "second"
    shutil.copytree(installation_template, second_root)
    second = sign_in(second_root, "pcm", passphrase_of("pcm"), ManualClock(START))
    try:
        fill_demo(first, 120, seed=SEED, batch_cases=50, helper_process=False)
        fill_demo(second, 120, seed=SEED, batch_cases=50, helper_process=True)
        assert _outline(first) == _outline(second)
        assert second.database.verify_audit_chain().intact
    finally:
        second.close()


def test_a_second_fill_continues_the_numbers(sign_in_as: Callable[[str], Workspace]) -> None:
    manager = sign_in_as("pcm")
    fill_demo(manager, 20, seed=1)
    fill_demo(manager, 20, seed=2)
    numbers = [case.case_number for case in list_cases(manager, limit=None).cases]
    assert len(numbers) == len(set(numbers)) == 40
    assert manager.database.verify_audit_chain().intact


def test_only_administrators_and_the_compliance_manager_may_fill(
    sign_in_as: Callable[[str], Workspace],
) -> None:
    with pytest.raises(AccessDenied):
        fill_demo(sign_in_as("sup"), 5)
    with pytest.raises(InputRejected):
        fill_demo(sign_in_as("admin"), 0)
