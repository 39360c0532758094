"""Which structured records the timeline leaves out because a checklist entry already shows the
same act: completing a step writes its record too (``step_records``), and the record of one act
should read once. The step entry stays: it has every field as entered, and its corrections.

A record written by a step names that step entry (``step_record_id``); it is left out when that
entry is one the timeline shows, a completed one. A dry cell release is left out with its
placement when the entry named gives the same release. The alleged victim's one medical record
is filled in part by four steps (transport, examiner, consent...), so each part is left out when
a completed entry of its own step gives that part's value; there is one record per person, so
the value says which part of which record it is.

Rows stored before records named their entry carry none; for those the earlier matching stays,
against the entries no record names: the record's time to the minute in an entry of its step,
or, for a scene not secured, when and by whom it was entered. A record written on its own panel
names no entry either, so it is never hidden by an entry that wrote its own record.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import datetime

from incident_desk.domain.clock import ensure_utc
from incident_desk.domain.enums import AdvocateStatus, NotificationKind, StepState
from incident_desk.services.first_response import step_values
from incident_desk.services.step_record_fields import SAME_WRITE
from incident_desk.services.timeline_sources import Sources, ref
from incident_desk.storage.rows import (
    DryCellPlacementRow,
    MedicalRecordRow,
    NotificationRow,
    SceneRow,
    StepRecordRow,
)

#: The step of each kind of notification, and the field giving its time.
_NOTICE_TIMES: dict[NotificationKind, tuple[str, str]] = {
    NotificationKind.WARDEN: ("warden_notification", "notified_at"),
    NotificationKind.INVESTIGATOR: ("investigator_notification", "notified_at"),
    NotificationKind.STATE_POLICE: ("state_police_referral", "referred_at"),
    NotificationKind.OTHER_FACILITY_HEAD: ("other_facility_notice", "notified_at"),
}
_MEDICAL_TIMES: dict[str, tuple[str, str]] = {
    # timeline part of the medical record: (step, field with its time)
    "transport": ("medical_transport", "arranged_at"),
    "departed": ("medical_transport", "departed_at"),
    "examiner": ("forensic_examiner", "requested_at"),
}


def shown_by_steps(src: Sources) -> frozenset[str]:
    """The keys of the record lines a completed step entry already shows."""
    done = [record for record in src.steps if record.state is StepState.DONE]
    shown = {record.id: record for record in done}
    # A row naming no entry is matched the earlier way, against the entries no row names:
    # those made before rows named their entry (or that wrote nothing).
    named = {
        row.step_record_id
        for rows in (src.notifications, src.separations, src.dry_cells, src.medical, src.scenes)
        for row in rows
    }
    legacy = _Times(record for record in done if record.id not in named)
    hidden: set[str] = set()
    for row in src.notifications:
        link = row.step_record_id
        if link in shown or (link is None and _legacy_notice(legacy, row)):
            hidden.add(ref("notification", row.id))
    for separation in src.separations:
        link = separation.step_record_id
        if link in shown or (
            link is None and legacy.has("separation", "separated_at", separation.separated_at)
        ):
            hidden.add(ref("separation", separation.id))
    for placement in src.dry_cells:
        key, link = ref("dry_cell_placement", placement.id), placement.step_record_id
        if link in shown or (
            link is None and legacy.has("dry_cell", "placed_at", placement.placed_at)
        ):
            hidden.add(key)
        if placement.released_at is not None and _release_shown(placement, shown, legacy):
            hidden.add(f"{key}:release")
    for medical in src.medical:
        hidden.update(_medical_parts_shown(medical, done))
    for scene in src.scenes:
        link = scene.step_record_id
        if link in shown or (link is None and _legacy_scene(legacy, scene)):
            hidden.add(ref("scene", scene.id))
    return frozenset(hidden)


def _release_shown(
    placement: DryCellPlacementRow, shown: Mapping[int, StepRecordRow], legacy: _Times
) -> bool:
    released_at = placement.released_at
    assert released_at is not None
    if placement.step_record_id is None:
        return legacy.has("dry_cell", "released_at", released_at)
    entry = shown.get(placement.step_record_id)
    if entry is None:
        return False
    given = list(_parsed(step_values(entry).get("released_at", "")))
    return given == [_minute(released_at)]


def _medical_parts_shown(medical: MedicalRecordRow, done: Sequence[StepRecordRow]) -> set[str]:
    base = ref("medical_record", medical.id)
    given = [(entry.step_key, step_values(entry)) for entry in done]
    moments = {
        "transport": medical.transport_arranged_at,
        "departed": medical.departed_at,
        "examiner": medical.examiner_requested_at,
    }
    parts: set[str] = set()
    for part, (step, field) in _MEDICAL_TIMES.items():
        found = moments[part]
        if found is not None and any(
            key == step and list(_parsed(values.get(field, ""))) == [_minute(found)]
            for key, values in given
        ):
            parts.add(f"{base}:{part}")
    answers = (medical.forensic_exam_consent.value, medical.medical_care_consent.value)
    if medical.consent_recorded_at is not None and any(
        key == "consent" and (values.get("forensic_exam"), values.get("medical_care")) == answers
        for key, values in given
    ):
        parts.add(f"{base}:consent")
    return parts


def _legacy_notice(legacy: _Times, row: NotificationRow) -> bool:
    if row.kind is NotificationKind.VICTIM_ADVOCATE:
        contacted = row.advocate_status is AdvocateStatus.CONTACTED
        field = "contacted_at" if contacted else "offered_at"
        return legacy.has("victim_advocate", field, row.notified_at)
    if row.kind in _NOTICE_TIMES:
        step, field = _NOTICE_TIMES[row.kind]
        return legacy.has(step, field, row.notified_at)
    return False


def _legacy_scene(legacy: _Times, scene: SceneRow) -> bool:
    secured_at = scene.secured_at
    return bool(secured_at and legacy.has("crime_scene", "secured_at", secured_at)) or (
        legacy.entered("crime_scene", scene.recorded_at, scene.recorded_by_id)
    )


class _Times:
    """The times completed step entries give, by step and field, to the minute (for records
    stored before they named their step entry)."""

    def __init__(self, done: Iterable[StepRecordRow]) -> None:
        self._given: set[tuple[str, str, datetime]] = set()
        self._entered: list[tuple[str, datetime, int]] = []
        for record in done:
            self._entered.append(
                (record.step_key, ensure_utc(record.recorded_at), record.recorded_by_id)
            )
            for field, value in step_values(record).items():
                for moment in _parsed(value):
                    self._given.add((record.step_key, field, moment))

    def has(self, step: str, field: str, moment: datetime) -> bool:
        return (step, field, _minute(moment)) in self._given

    def entered(self, step: str, moment: datetime, by: int | None) -> bool:
        """Whether a record stamped ``moment`` by ``by`` (anyone, for None) was written with an
        entry of the step."""
        at = ensure_utc(moment)
        return any(
            key == step and by in (None, user) and abs(at - entered) <= SAME_WRITE
            for key, entered, user in self._entered
        )


def _parsed(value: str) -> Iterator[datetime]:
    if len(value) < 16 or value[4:5] != "-":
        return
    try:
        yield _minute(datetime.fromisoformat(value))
    except ValueError:
        return


def _minute(moment: datetime) -> datetime:
    return ensure_utc(moment).replace(second=0, microsecond=0)
