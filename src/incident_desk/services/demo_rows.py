"""Where generated demo rows collect: one list of plain dicts per table, ids drawn from
counters that continue after the largest id already stored, in the order the bulk loader
must insert them (parents before children)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from incident_desk.storage.bulk_loader import TableRows
from incident_desk.storage.rows import (
    Base,
    CaseAssignmentRow,
    CasePersonRow,
    CaseRow,
    CustodyTransferRow,
    DryCellPlacementRow,
    EvidenceItemRow,
    IncidentReviewRow,
    InvestigationRow,
    MedicalRecordRow,
    MentalHealthEvaluationRow,
    NotificationRow,
    PersonNameTokenRow,
    PreservationInstructionRow,
    PreservationViolationRow,
    RetaliationCheckRow,
    RetaliationMonitoringRow,
    SceneLogEntryRow,
    SceneReleaseRow,
    SceneRow,
    SeparationRow,
    StepRecordRow,
    VictimNotificationRow,
)

# Parents before children: foreign keys are enforced as rows go in.
TABLE_ORDER: tuple[type[Base], ...] = (
    CaseRow,
    CasePersonRow,
    PersonNameTokenRow,
    CaseAssignmentRow,
    StepRecordRow,
    SeparationRow,
    SceneRow,
    SceneLogEntryRow,
    SceneReleaseRow,
    EvidenceItemRow,
    CustodyTransferRow,
    NotificationRow,
    PreservationInstructionRow,
    PreservationViolationRow,
    MedicalRecordRow,
    DryCellPlacementRow,
    InvestigationRow,
    IncidentReviewRow,
    RetaliationMonitoringRow,
    RetaliationCheckRow,
    VictimNotificationRow,
    MentalHealthEvaluationRow,
)
# Tables whose rows carry no case_id: their audit events are attributed to the case here.
_CASELESS = frozenset({CustodyTransferRow, SceneLogEntryRow, SceneReleaseRow, RetaliationCheckRow})

_MINUTES = tuple(timedelta(minutes=minutes) for minutes in range(24 * 60))


def later(moment: datetime, minutes: int) -> datetime:
    """``moment`` plus whole minutes (the common short offsets come from a table)."""
    if 0 <= minutes < len(_MINUTES):
        return moment + _MINUTES[minutes]
    return moment + timedelta(minutes=minutes)


def iso_minutes(moment: datetime) -> str:
    """A time as a checklist field holds it (ISO, to the minute)."""
    return moment.isoformat(timespec="minutes")


class RowSink:
    """Collects one batch of rows; ``add`` gives each its id."""

    def __init__(self, first_ids: dict[type[Base], int]) -> None:
        self._next = dict(first_ids)
        self.rows: dict[type[Base], list[dict[str, Any]]] = {}
        self.case_ids: dict[type[Base], list[int]] = {}
        self.start_batch()

    def start_batch(self) -> None:
        self.rows = {row_type: [] for row_type in TABLE_ORDER}
        self.case_ids = {row_type: [] for row_type in _CASELESS}

    def add(self, row_type: type[Base], row: dict[str, Any], case_id: int = 0) -> int:
        """Store ``row`` (every column but ``id``); ``case_id`` only for caseless tables."""
        new_id = self._next[row_type]
        self._next[row_type] = new_id + 1
        row["id"] = new_id
        self.rows[row_type].append(row)
        if row_type in _CASELESS:
            self.case_ids[row_type].append(case_id)
        return new_id

    def batch(self) -> list[TableRows]:
        return [
            TableRows(row_type, rows, self.case_ids.get(row_type))
            for row_type, rows in self.rows.items()
            if rows
        ]

    def counts(self) -> dict[str, int]:
        return {
            str(row_type.__tablename__): len(rows) for row_type, rows in self.rows.items() if rows
        }
