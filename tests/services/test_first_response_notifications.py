"""Notifications (CPP 14.7 G.3.c, G.6, G.9, G.10): who may record them, the other facility only
when it happened there, the victim advocate offer in order, and corrections."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest

from incident_desk.domain.clock import ManualClock
from incident_desk.domain.enums import AdvocateStatus, NotificationKind, NotificationMethod
from incident_desk.domain.validation import MSG_TIME_IN_FUTURE, format_moment
from incident_desk.services.errors import AccessDenied, InputRejected
from incident_desk.services.first_response import MSG_BEFORE_REPORT
from incident_desk.services.notification_rules import (
    MSG_ADVOCATE_INFORMATION_MISSING,
    MSG_ADVOCATE_OFFER_FIRST,
    MSG_ADVOCATE_ORDER,
    MSG_NO_SUCH_CONTACT,
    MSG_OTHER_FACILITY_NAME_MISSING,
    MSG_OTHER_FACILITY_NAME_NOT_HERE,
    MSG_WHO_MISSING,
)
from incident_desk.services.notifications import (
    MSG_NOTIFICATION_ALREADY_CORRECTED,
    correct_notification,
    list_notifications,
    record_notification,
)
from incident_desk.services.workspace import Workspace
from incident_desk.storage.rows import NotificationRow
from tests.services.test_first_response import audited_events, open_report


def test_the_warden_notification_names_a_contact_and_is_listed(
    sign_in_as: Callable[[str], Workspace], clock: ManualClock
) -> None:
    supervisor, warden = sign_in_as("sup"), sign_in_as("warden")
    number = open_report(supervisor, clock).summary.case_number
    clock.advance(timedelta(minutes=5))
    told = record_notification(
        supervisor,
        number,
        NotificationKind.WARDEN,
        method=NotificationMethod.PHONE,
        notified_at=clock.now(),
        contact_id=warden.actor.contact_id,
    )
    assert told.person_name == "Warden Sam Hale"
    assert told.recorded_by == "Sgt. Dana Brooks"
    assert [n.id for n in list_notifications(supervisor, number)] == [told.id]
    audited_events(supervisor)


def test_who_was_told_is_required_and_must_exist(supervisor: Workspace, clock: ManualClock) -> None:
    number = open_report(supervisor, clock).summary.case_number
    with pytest.raises(InputRejected) as refused:
        record_notification(
            supervisor,
            number,
            NotificationKind.INVESTIGATOR,
            method=NotificationMethod.PHONE,
            notified_at=clock.now(),
        )
    assert str(refused.value) == MSG_WHO_MISSING
    with pytest.raises(InputRejected) as refused:
        record_notification(
            supervisor,
            number,
            NotificationKind.INVESTIGATOR,
            method=NotificationMethod.PHONE,
            notified_at=clock.now(),
            contact_id=9999,
        )
    assert str(refused.value) == MSG_NO_SUCH_CONTACT


def test_notification_times_are_not_in_the_future_nor_before_the_report(
    supervisor: Workspace, clock: ManualClock
) -> None:
    number = open_report(supervisor, clock).summary.case_number
    later = clock.now() + timedelta(minutes=30)
    with pytest.raises(InputRejected) as refused:
        record_notification(
            supervisor,
            number,
            NotificationKind.WARDEN,
            method=NotificationMethod.PHONE,
            notified_at=later,
            person_name="Warden Sam Hale",
        )
    assert str(refused.value) == MSG_TIME_IN_FUTURE.format(
        moment=format_moment(later), now=format_moment(clock.now())
    )
    earlier = clock.now() - timedelta(minutes=20)
    with pytest.raises(InputRejected) as refused:
        record_notification(
            supervisor,
            number,
            NotificationKind.WARDEN,
            method=NotificationMethod.PHONE,
            notified_at=earlier,
            person_name="Warden Sam Hale",
        )
    assert str(refused.value) == MSG_BEFORE_REPORT.format(
        label="Told at", moment=format_moment(earlier), received=format_moment(clock.now())
    )
    told = record_notification(
        supervisor,
        number,
        NotificationKind.WARDEN,
        method=NotificationMethod.PHONE,
        notified_at=earlier,
        person_name="Warden Sam Hale",
        late_entry_reason="The officer called the Warden before the report was written up.",
    )
    assert told.notified_at == earlier


def test_the_first_responder_may_not_record_the_warden_notification(
    sign_in_as: Callable[[str], Workspace], clock: ManualClock
) -> None:
    first_responder = sign_in_as("fr")
    number = open_report(first_responder, clock).summary.case_number
    with pytest.raises(AccessDenied) as refused:
        record_notification(
            first_responder,
            number,
            NotificationKind.WARDEN,
            method=NotificationMethod.PHONE,
            notified_at=clock.now(),
            person_name="Warden Sam Hale",
        )
    assert str(refused.value).startswith('Step 5a, "Tell the Warden", can only be completed by')
    # Telling the shift supervisor is the first responder's own duty (G.3).
    record_notification(
        first_responder,
        number,
        NotificationKind.SHIFT_SUPERVISOR,
        method=NotificationMethod.RADIO,
        notified_at=clock.now(),
        person_name="Sgt. Dana Brooks",
    )


def test_the_other_facility_head_is_told_only_when_it_happened_there(
    sign_in_as: Callable[[str], Workspace], clock: ManualClock
) -> None:
    supervisor, warden = sign_in_as("sup"), sign_in_as("warden")
    here = open_report(supervisor, clock).summary.case_number
    with pytest.raises(InputRejected) as refused:
        record_notification(
            warden,
            here,
            NotificationKind.OTHER_FACILITY_HEAD,
            method=NotificationMethod.PHONE,
            notified_at=clock.now(),
            person_name="Warden Ruth Adams",
            other_facility_name="Eastern KY Correctional",
        )
    assert str(refused.value) == (
        'Step 5e, "Notify the other facility", does not apply to this case: it is recorded as '
        "having happened at this facility. CPP 14.7 G.10 asks for this notice only on receiving "
        'an allegation that an offender "was sexually abused while confined at another '
        'facility". If it happened elsewhere, correct the intake first.'
    )
    elsewhere = open_report(
        supervisor, clock, occurred_elsewhere=True, other_facility_name="Eastern KY Correctional"
    ).summary.case_number
    with pytest.raises(InputRejected) as refused:
        record_notification(
            warden,
            elsewhere,
            NotificationKind.OTHER_FACILITY_HEAD,
            method=NotificationMethod.PHONE,
            notified_at=clock.now(),
            person_name="Warden Ruth Adams",
        )
    assert str(refused.value) == MSG_OTHER_FACILITY_NAME_MISSING
    notice = record_notification(
        warden,
        elsewhere,
        NotificationKind.OTHER_FACILITY_HEAD,
        method=NotificationMethod.EMAIL,
        notified_at=clock.now(),
        person_name="Warden Ruth Adams",
        other_facility_name="Eastern KY Correctional",
    )
    assert notice.other_facility_name == "Eastern KY Correctional"
    with pytest.raises(InputRejected) as refused:
        record_notification(
            supervisor,
            elsewhere,
            NotificationKind.WARDEN,
            method=NotificationMethod.PHONE,
            notified_at=clock.now(),
            person_name="Warden Sam Hale",
            other_facility_name="Eastern KY Correctional",
        )
    assert str(refused.value) == MSG_OTHER_FACILITY_NAME_NOT_HERE


def test_the_victim_advocate_is_offered_then_requested_then_contacted(
    sign_in_as: Callable[[str], Workspace], clock: ManualClock
) -> None:
    supervisor, medical = sign_in_as("sup"), sign_in_as("med")
    number = open_report(supervisor, clock).summary.case_number

    def advocate(status: AdvocateStatus | None, details: str = "") -> None:
        record_notification(
            medical,
            number,
            NotificationKind.VICTIM_ADVOCATE,
            method=NotificationMethod.IN_PERSON,
            notified_at=clock.now(),
            person_name="Rape Crisis Center of Louisville",
            advocate_status=status,
            details=details,
        )

    with pytest.raises(InputRejected) as refused:
        advocate(AdvocateStatus.REQUESTED)
    assert str(refused.value) == MSG_ADVOCATE_OFFER_FIRST
    advocate(AdvocateStatus.OFFERED)
    with pytest.raises(InputRejected) as refused:
        advocate(AdvocateStatus.CONTACTED, "Told them the victim is at the hospital.")
    assert str(refused.value) == MSG_ADVOCATE_ORDER.format(
        current="offered", new="contacted", allowed="requested or declined"
    )
    advocate(AdvocateStatus.REQUESTED)
    with pytest.raises(InputRejected) as refused:
        advocate(AdvocateStatus.CONTACTED)
    assert str(refused.value) == MSG_ADVOCATE_INFORMATION_MISSING
    advocate(AdvocateStatus.CONTACTED, "Victim at UofL Hospital ER; SANE on the way.")
    statuses = [n.advocate_status for n in list_notifications(supervisor, number)]
    assert statuses == [AdvocateStatus.OFFERED, AdvocateStatus.REQUESTED, AdvocateStatus.CONTACTED]


def test_a_stage_given_as_its_stored_spelling_meets_the_same_rules(
    sign_in_as: Callable[[str], Workspace], clock: ManualClock
) -> None:
    """A screen's list hands over "contacted", not the enum: the information is still asked for."""
    medical = sign_in_as("med")
    number = open_report(sign_in_as("sup"), clock).summary.case_number
    for status in ("offered", "requested"):
        record_notification(
            medical,
            number,
            NotificationKind.VICTIM_ADVOCATE,
            method="in_person",  # type: ignore[arg-type]
            notified_at=clock.now(),
            person_name="Rape Crisis Center of Louisville",
            advocate_status=status,  # type: ignore[arg-type]
        )
    with pytest.raises(InputRejected) as refused:
        record_notification(
            medical,
            number,
            NotificationKind.VICTIM_ADVOCATE,
            method="phone",  # type: ignore[arg-type]
            notified_at=clock.now(),
            person_name="Rape Crisis Center of Louisville",
            advocate_status="contacted",  # type: ignore[arg-type]
        )
    assert str(refused.value) == MSG_ADVOCATE_INFORMATION_MISSING


def test_a_correction_replaces_the_notification_and_keeps_the_original(
    supervisor: Workspace, clock: ManualClock
) -> None:
    number = open_report(supervisor, clock).summary.case_number
    original = record_notification(
        supervisor,
        number,
        NotificationKind.STATE_POLICE,
        method=NotificationMethod.PHONE,
        notified_at=clock.now(),
        person_name="Trooper Hall, Post 4",
    )
    clock.advance(timedelta(minutes=15))
    corrected = correct_notification(
        supervisor, original.id, "Wrong post written down", person_name="Trooper Hall, Post 5"
    )
    assert corrected.corrects_id == original.id
    assert corrected.notified_at == original.notified_at
    assert [n.person_name for n in list_notifications(supervisor, number)] == [
        "Trooper Hall, Post 5"
    ]
    with supervisor.read() as work:
        kept = work.get(NotificationRow, original.id)
        assert isinstance(kept, NotificationRow)
        assert kept.person_name == "Trooper Hall, Post 4"
    with pytest.raises(InputRejected) as refused:
        correct_notification(supervisor, original.id, "Again", reference="KSP-1")
    assert str(refused.value) == MSG_NOTIFICATION_ALREADY_CORRECTED
    audited_events(supervisor)
