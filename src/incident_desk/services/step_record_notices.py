"""The notification a completed notification step writes (CPP 14.7 G.3.c, G.6, G.9, G.10).

Steps 5a, 5b, 5c and 5e each write one notification of their kind. Step 5d, the victim
advocate, writes the stages of the offer in the order G.6 and ``notification_rules`` require:
offered (to the alleged victim, in person, at "Offered at"); the victim's answer, requested or
declined, at the same time, since it is the answer to the offer; and, when requested, the
service contacted at "Contacted at" with the information given (the step does not ask how the
service was contacted, so that is recorded as "other"). Stages already recorded (for example
through the advocate panel) are not written again.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from incident_desk.domain.enums import (
    AdvocateStatus,
    NotificationKind,
    NotificationMethod,
    PersonRole,
)
from incident_desk.services.errors import rejected
from incident_desk.services.notification_rules import ADVOCATE_NEXT, effective
from incident_desk.services.notifications import add_notification, add_notification_correction
from incident_desk.services.step_record_fields import (
    Projection,
    StepWrite,
    answer,
    chosen,
    people_of,
    required_moment,
    under_step_fields,
)
from incident_desk.storage.repositories.first_response_repository import (
    FirstResponseRepository,
)
from incident_desk.storage.rows import NotificationRow

METHODS: dict[str, NotificationMethod] = {
    "in_person": NotificationMethod.IN_PERSON,
    "phone": NotificationMethod.PHONE,
    "radio": NotificationMethod.RADIO,
    "email": NotificationMethod.EMAIL,
    "written": NotificationMethod.WRITTEN,
    "other": NotificationMethod.OTHER,
}

MSG_ADVOCATE_STAGE_TAKEN_BACK = (
    'The victim advocate record already shows the offer as "{recorded}", and a stage of the '
    "offer is never taken back. If the victim has changed their mind, record the next stage "
    "of the offer instead; if the answer was written down wrong, add a case note saying so."
)


@dataclass(frozen=True)
class NoticeFields:
    """Which step fields hold who was told, when, by whom, and anything more."""

    kind: NotificationKind
    when: str
    who: str
    by: str
    reference: str = ""
    facility: str = ""


@dataclass(frozen=True)
class _Told:
    """What a notification step says, as the notification holds it."""

    method: NotificationMethod
    notified_at: datetime
    person_name: str
    details: str
    reference: str
    other_facility_name: str


def _notice(fields: NoticeFields) -> Projection:
    def told(write: StepWrite, values: Mapping[str, str]) -> _Told:
        return _Told(
            method=chosen(write.step, values, "method", METHODS),
            notified_at=required_moment(values, fields.when),
            person_name=values.get(fields.who, "").strip(),
            details=f"Told by {values.get(fields.by, '').strip()}",
            reference=values.get(fields.reference, "").strip() if fields.reference else "",
            other_facility_name=(
                values.get(fields.facility, "").strip() if fields.facility else ""
            ),
        )

    names = {
        "notified_at": fields.when,
        "person_name": fields.who,
        "contact_id": fields.who,
        "other_facility_name": fields.facility or fields.who,
        "details": fields.by,
    }

    def complete(write: StepWrite, values: Mapping[str, str]) -> None:
        given = told(write, values)
        with under_step_fields(names):
            add_notification(
                write.workspace,
                write.work,
                write.case,
                fields.kind,
                method=given.method,
                notified_at=given.notified_at,
                person_name=given.person_name,
                details=given.details,
                reference=given.reference,
                other_facility_name=given.other_facility_name,
                late_entry_reason=write.late_entry_reason,
                step_record_id=write.record_id,
            )

    def correct(
        write: StepWrite, before: Mapping[str, str], after: Mapping[str, str], reason: str
    ) -> None:
        rows = _written_with(write, fields.kind)
        if not rows:  # entered before steps wrote their records: write it now
            complete(write, after)
            return
        given = told(write, after)
        if given == told(write, before):
            return  # only fields the notification does not hold were corrected
        with under_step_fields(names):
            add_notification_correction(
                write.workspace,
                write.work,
                write.case,
                rows[-1],
                reason,
                method=given.method,
                notified_at=given.notified_at,
                person_name=given.person_name,
                details=given.details,
                reference=given.reference,
                other_facility_name=given.other_facility_name,
                late_entry_reason=write.late_entry_reason,
                step_record_id=write.record_id,
            )

    return Projection(complete, correct)


def _written_with(write: StepWrite, kind: NotificationKind) -> list[NotificationRow]:
    """The notifications of this kind, as they stand, written with the step's entries."""
    rows = write.work.repository(FirstResponseRepository).notifications(write.case.id, kind)
    return write.written(
        effective(rows), lambda row: (row.step_record_id, row.recorded_at, row.recorded_by_id)
    )


# -- the victim advocate (G.6) ----------------------------------------------------------------


@dataclass(frozen=True)
class _Stage:
    status: AdvocateStatus
    at: datetime
    who: str
    details: str
    #: The step fields a refusal about this stage belongs under.
    when_field: str
    who_field: str
    details_field: str


def _stages(write: StepWrite, values: Mapping[str, str]) -> list[_Stage]:
    victims = people_of(write.work, write.case, PersonRole.ALLEGED_VICTIM)
    victim = victims[0].name if victims else "the alleged victim"
    offered_at = required_moment(values, "offered_at")
    offered_by = values.get("offered_by", "").strip()
    requested = answer(values, "requested")
    stages = [
        _Stage(
            AdvocateStatus.OFFERED,
            offered_at,
            victim,
            f"Offered by {offered_by}",
            "offered_at",
            "offered_by",
            "offered_by",
        ),
        _Stage(
            AdvocateStatus.REQUESTED if requested else AdvocateStatus.DECLINED,
            offered_at,
            victim,
            "",
            "offered_at",
            "requested",
            "requested",
        ),
    ]
    if requested:
        stages.append(
            _Stage(
                AdvocateStatus.CONTACTED,
                required_moment(values, "contacted_at"),
                values.get("advocate_service", "").strip(),
                values.get("information_given", "").strip(),
                "contacted_at",
                "advocate_service",
                "information_given",
            )
        )
    return stages


def _write_stages(write: StepWrite, stages: list[_Stage]) -> None:
    """Write the stages not yet recorded, from where the offer stands now."""
    rows = write.work.repository(FirstResponseRepository).notifications(
        write.case.id, NotificationKind.VICTIM_ADVOCATE
    )
    current = _standing_status(rows)
    statuses = [stage.status for stage in stages]
    if current is not None and current in statuses:
        start = len(statuses) - statuses[::-1].index(current)
    else:
        allowed = ADVOCATE_NEXT[current]
        start = next((i for i, status in enumerate(statuses) if status in allowed), 0)
    for stage in stages[start:]:
        names = {
            "notified_at": stage.when_field,
            "person_name": stage.who_field,
            "contact_id": stage.who_field,
            "details": stage.details_field,
            "advocate_status": "requested",
        }
        method = (
            NotificationMethod.OTHER
            if stage.status is AdvocateStatus.CONTACTED
            else NotificationMethod.IN_PERSON
        )
        with under_step_fields(names):
            add_notification(
                write.workspace,
                write.work,
                write.case,
                NotificationKind.VICTIM_ADVOCATE,
                method=method,
                notified_at=stage.at,
                person_name=stage.who,
                details=stage.details,
                advocate_status=stage.status,
                late_entry_reason=write.late_entry_reason,
                step_record_id=write.record_id,
            )


def _standing_status(rows: Sequence[NotificationRow]) -> AdvocateStatus | None:
    """Where the offer stands: the stage of the latest original entry (a correction of an
    earlier stage, appended later, does not move the offer back)."""
    by_id = {row.id: row for row in rows}

    def first_entry(row: NotificationRow) -> int:
        while row.corrects_id is not None and row.corrects_id in by_id:
            row = by_id[row.corrects_id]
        return row.id

    standing = effective(rows)
    if not standing:
        return None
    return max(standing, key=first_entry).advocate_status


def _advocate_complete(write: StepWrite, values: Mapping[str, str]) -> None:
    _write_stages(write, _stages(write, values))


def _advocate_correct(
    write: StepWrite, before: Mapping[str, str], after: Mapping[str, str], reason: str
) -> None:
    old = {stage.status: stage for stage in _stages(write, before)}
    new = _stages(write, after)
    rows = _written_with(write, NotificationKind.VICTIM_ADVOCATE)
    written = {row.advocate_status: row for row in rows}
    for status in old:
        if status in written and status not in {stage.status for stage in new}:
            text = MSG_ADVOCATE_STAGE_TAKEN_BACK.format(recorded=status.value)
            raise rejected("requested", text)
    for stage in new:
        row = written.get(stage.status)
        if row is None:
            continue
        was = old.get(stage.status)
        if was is not None and (was.at, was.who, was.details) == (
            stage.at,
            stage.who,
            stage.details,
        ):
            continue
        names = {
            "notified_at": stage.when_field,
            "person_name": stage.who_field,
            "contact_id": stage.who_field,
            "details": stage.details_field,
        }
        with under_step_fields(names):
            add_notification_correction(
                write.workspace,
                write.work,
                write.case,
                row,
                reason,
                notified_at=stage.at,
                person_name=stage.who,
                details=stage.details,
                late_entry_reason=write.late_entry_reason,
                step_record_id=write.record_id,
            )
    _write_stages(write, new)


NOTICE_PROJECTIONS: dict[str, Projection] = {
    "warden_notification": _notice(
        NoticeFields(NotificationKind.WARDEN, "notified_at", "person_notified", "notified_by")
    ),
    "investigator_notification": _notice(
        NoticeFields(NotificationKind.INVESTIGATOR, "notified_at", "investigator", "notified_by")
    ),
    "state_police_referral": _notice(
        NoticeFields(
            NotificationKind.STATE_POLICE,
            "referred_at",
            "police_contact",
            "referred_by",
            reference="police_reference",
        )
    ),
    "other_facility_notice": _notice(
        NoticeFields(
            NotificationKind.OTHER_FACILITY_HEAD,
            "notified_at",
            "facility_head",
            "notified_by",
            facility="facility",
        )
    ),
    "victim_advocate": Projection(_advocate_complete, _advocate_correct),
}
