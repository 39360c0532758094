"""Log rows can be added, never changed or deleted: a correction is a new row.

Each log kind (checklist step records, custody transfers, scene entry-log lines, audit events)
is written through a real audited unit of work, then changed or deleted through another. The
attempt must raise AppendOnlyViolation, and the row, the trail and its length stay as they were.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import delete, update
from sqlalchemy.orm import Session

from incident_desk.domain.clock import ManualClock
from incident_desk.domain.enums import (
    AllegationType,
    CustodyAction,
    EvidenceSource,
    Packaging,
    PersonRole,
    ReceivedHow,
    SceneEntrantRole,
    SceneEvent,
    StepState,
    TimeCertainty,
)
from incident_desk.services.cases import NewPerson, NewReport, open_case
from incident_desk.services.workspace import Workspace
from incident_desk.storage.audit_hooks import row_values
from incident_desk.storage.errors import AppendOnlyViolation
from incident_desk.storage.rows import (
    AuditEventRow,
    CustodyTransferRow,
    EvidenceItemRow,
    SceneLogEntryRow,
    SceneRow,
    StepRecordRow,
)


class _SessionHandle:
    """A repository in its plainest form: any repository holds the unit of work's session."""

    def __init__(self, session: Session) -> None:
        self.session = session


@dataclass(frozen=True)
class LogKind:
    row_type: type[Any]
    field: str
    new_value: object


LOG_KINDS = {
    "step_record": LogKind(StepRecordRow, "values_json", '{"narrative": "rewritten"}'),
    "custody_transfer": LogKind(CustodyTransferRow, "purpose", "never happened"),
    "scene_log_entry": LogKind(SceneLogEntryRow, "purpose", "was never here"),
    "audit_event": LogKind(AuditEventRow, "body", b"rewritten history"),
}


@pytest.fixture
def log_rows(supervisor: Workspace, clock: ManualClock) -> dict[str, object]:
    """One row of each log kind, written the audited way; their primary keys by kind."""
    detail = open_case(
        supervisor,
        NewReport(
            received_how=ReceivedHow.VERBAL,
            allegation_type=AllegationType.OFFENDER_NONCONSENSUAL_SEXUAL_ACTS,
            location="Dorm 4, shower",
            incident_certainty=TimeCertainty.UNKNOWN,
            people=(NewPerson("José Álvarez", PersonRole.ALLEGED_VICTIM),),
        ),
    )
    case_id = detail.summary.id
    actor = supervisor.actor
    now = clock.now()
    with supervisor.write("record_log_rows", case_id) as work:
        step = StepRecordRow(
            case_id=case_id,
            step_key="separate",
            state=StepState.DONE,
            occurred_at=now,
            recorded_at=now,
            recorded_by_id=actor.id,
            protocol_version=supervisor.protocol.version,
        )
        item = EvidenceItemRow(
            case_id=case_id,
            sequence=1,
            item_number=f"{detail.summary.case_number}-E01",
            description="Bed sheet",
            source=EvidenceSource.SCENE,
            collected_by_contact_id=actor.contact_id,
            collected_at=now,
            packaging=Packaging.PAPER_BAG,
            recorded_by_id=actor.id,
            recorded_at=now,
        )
        scene = SceneRow(
            case_id=case_id,
            location="Dorm 4, shower",
            secured=True,
            secured_at=now,
            secured_by_id=actor.id,
            recorded_by_id=actor.id,
            recorded_at=now,
        )
        work.add_all([step, item, scene])
        work.flush()
        transfer = CustodyTransferRow(
            evidence_item_id=item.id,
            action=CustodyAction.COLLECTED,
            to_contact_id=actor.contact_id,
            transferred_at=now,
            recorded_by_id=actor.id,
            recorded_at=now,
        )
        entry = SceneLogEntryRow(
            scene_id=scene.id,
            event=SceneEvent.ENTERED,
            contact_id=actor.contact_id,
            entrant_role=SceneEntrantRole.ASSIGNED_INVESTIGATOR,
            purpose="photographs",
            occurred_at=now - timedelta(minutes=5),
            recorded_by_id=actor.id,
            recorded_at=now,
        )
        work.add_all([transfer, entry])
        work.flush()
        keys: dict[str, object] = {
            "step_record": step.id,
            "custody_transfer": transfer.id,
            "scene_log_entry": entry.id,
        }
    keys["audit_event"] = supervisor.database.verify_audit_chain().head_seq // 2
    return keys


def _values(workspace: Workspace, kind: LogKind, key: object) -> dict[str, Any]:
    with workspace.read() as work:
        row = work.get(kind.row_type, key)
        assert row is not None
        return row_values(row)


def _change(workspace: Workspace, kind: LogKind, key: object, change: str) -> None:
    with workspace.write("tamper") as work:
        if change == "update":
            setattr(work.get(kind.row_type, key), kind.field, kind.new_value)
        elif change == "delete":
            work.repository(_SessionHandle).session.delete(work.get(kind.row_type, key))
        else:
            table = kind.row_type
            column = table.__mapper__.primary_key[0]
            statement: Any = (
                update(table).where(column == key).values({kind.field: kind.new_value})
                if change == "bulk update"
                else delete(table).where(column == key)
            )
            work.repository(_SessionHandle).session.execute(statement)


def _attempt(workspace: Workspace, kind_name: str, key: object, change: str) -> None:
    kind = LOG_KINDS[kind_name]
    before = _values(workspace, kind, key)
    trail = workspace.database.verify_audit_chain()
    assert trail.intact
    with pytest.raises(AppendOnlyViolation, match="never"):
        _change(workspace, kind, key, change)
    assert _values(workspace, kind, key) == before
    after = workspace.database.verify_audit_chain()
    assert after.intact
    assert after.head_seq == trail.head_seq


@pytest.mark.parametrize("kind_name", LOG_KINDS)
@pytest.mark.parametrize("change", ["update", "delete"])
def test_a_log_row_is_never_changed_or_deleted(
    supervisor: Workspace, log_rows: dict[str, object], kind_name: str, change: str
) -> None:
    _attempt(supervisor, kind_name, log_rows[kind_name], change)


@pytest.mark.parametrize("change", ["bulk update", "bulk delete"])
def test_a_log_row_is_never_changed_by_a_bulk_statement(
    supervisor: Workspace, log_rows: dict[str, object], change: str
) -> None:
    _attempt(supervisor, "step_record", log_rows["step_record"], change)
