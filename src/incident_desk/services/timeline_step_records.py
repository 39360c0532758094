"""Which structured records the timeline leaves out because a checklist entry already shows the
same act: completing a step writes its record too (``step_records``), and the record of one act
should read once. The step entry stays: it has every field as entered, and its corrections.

A record is the same act as a completed step entry when it is of that step's kind and carries
the time the entry gives for it, to the minute (the step page takes times to the minute): a
notification told at "Told at", a placement at "Placed in dry cell at", and so on. A scene not
secured has no time of its own; it is matched by when, and by whom, it was entered.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime, timedelta

from incident_desk.domain.clock import ensure_utc
from incident_desk.domain.enums import AdvocateStatus, NotificationKind, StepState
from incident_desk.services.first_response import step_values
from incident_desk.services.timeline_sources import Sources, ref
from incident_desk.storage.rows import StepRecordRow

#: A record written with a step entry is stamped a moment after the entry itself.
_SAME_WRITE = timedelta(seconds=2)

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
    times = _Times(done)
    hidden: set[str] = set()
    for row in src.notifications:
        if row.kind is NotificationKind.VICTIM_ADVOCATE:
            field = (
                "contacted_at"
                if row.advocate_status is AdvocateStatus.CONTACTED
                else ("offered_at")
            )
            step = "victim_advocate"
        elif row.kind in _NOTICE_TIMES:
            step, field = _NOTICE_TIMES[row.kind]
        else:
            continue
        if times.has(step, field, row.notified_at):
            hidden.add(ref("notification", row.id))
    for separation in src.separations:
        if times.has("separation", "separated_at", separation.separated_at):
            hidden.add(ref("separation", separation.id))
    for placement in src.dry_cells:
        key = ref("dry_cell_placement", placement.id)
        if times.has("dry_cell", "placed_at", placement.placed_at):
            hidden.add(key)
        if placement.released_at and times.has("dry_cell", "released_at", placement.released_at):
            hidden.add(f"{key}:release")
    for medical in src.medical:
        base = ref("medical_record", medical.id)
        moments = {
            "transport": medical.transport_arranged_at,
            "departed": medical.departed_at,
            "examiner": medical.examiner_requested_at,
        }
        for part, (step, field) in _MEDICAL_TIMES.items():
            found = moments[part]
            if found is not None and times.has(step, field, found):
                hidden.add(f"{base}:{part}")
        consent = medical.consent_recorded_at
        # The record names only who changed it last, so the consent is matched by time alone.
        if consent is not None and times.entered("consent", consent, None):
            hidden.add(f"{base}:consent")
    for scene in src.scenes:
        if (scene.secured_at and times.has("crime_scene", "secured_at", scene.secured_at)) or (
            times.entered("crime_scene", scene.recorded_at, scene.recorded_by_id)
        ):
            hidden.add(ref("scene", scene.id))
    return frozenset(hidden)


class _Times:
    """The times completed step entries give, by step and field, to the minute."""

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
            key == step and by in (None, user) and abs(at - entered) <= _SAME_WRITE
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
