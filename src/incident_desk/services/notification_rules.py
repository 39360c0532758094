"""The rules a notification must meet before it is recorded (CPP 14.7 G.3.c, G.6, G.9, G.10):
who was told, the other facility only when the abuse happened there, and the victim advocate
offer followed through in order: offered, then requested, then contacted.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from incident_desk.domain.clock import ensure_utc
from incident_desk.domain.enums import AdvocateStatus, NotificationKind
from incident_desk.domain.validation import ValidationMessage, format_moment
from incident_desk.services.first_response import why_step_does_not_apply
from incident_desk.services.workspace import Workspace
from incident_desk.storage.rows import CaseRow, NotificationRow
from incident_desk.storage.unit_of_work import UnitOfWork

#: The checklist step each kind of notification belongs to: its roles say who may record it.
KIND_STEPS: dict[NotificationKind, str] = {
    NotificationKind.WARDEN: "warden_notification",
    NotificationKind.INVESTIGATOR: "investigator_notification",
    NotificationKind.STATE_POLICE: "state_police_referral",
    NotificationKind.VICTIM_ADVOCATE: "victim_advocate",
    NotificationKind.OTHER_FACILITY_HEAD: "other_facility_notice",
    NotificationKind.SHIFT_SUPERVISOR: "victim_safety",
    NotificationKind.CENTRAL_OFFICE: "eor_report",
}

G6_TEXT = (
    '"The alleged victim shall be offered victim advocate services. If requested the advocate '
    'service shall be contacted and given the appropriate information." (CPP 14.7 G.6)'
)

MSG_WHO_MISSING = "Say who was told: pick them from the contacts or type their name."
MSG_NO_SUCH_CONTACT = "That person is not in the contacts. Pick them again or type their name."
MSG_OTHER_FACILITY_NAME_MISSING = (
    "Name the facility where the abuse is said to have happened. CPP 14.7 G.10: the Warden "
    'shall notify "the Head of the facility where the alleged incident occurred".'
)
MSG_OTHER_FACILITY_NAME_NOT_HERE = (
    "Only the notice to the head of another facility (CPP 14.7 G.10) names another facility. "
    "Clear the other facility's name for this notification."
)
MSG_ADVOCATE_STATUS_MISSING = (
    "Say where the victim advocate offer stands: offered, declined, requested or contacted. "
    + G6_TEXT
)
MSG_ADVOCATE_STATUS_NOT_HERE = (
    "Only a victim advocate notification has an advocate status. Leave it empty here."
)
MSG_ADVOCATE_OFFER_FIRST = (
    "First record that victim advocate services were offered to the alleged victim. " + G6_TEXT
)
MSG_ADVOCATE_ORDER = (
    'The victim advocate offer stands at "{current}", so "{new}" cannot come next. '
    "Next comes: {allowed}. " + G6_TEXT
)
MSG_ADVOCATE_BEFORE_PREVIOUS = (
    'This time, {moment}, is before the advocate offer was marked "{current}" at {previous}. '
    "Check the time."
)
MSG_ADVOCATE_INFORMATION_MISSING = "Say what information the advocate service was given. " + G6_TEXT

#: What may follow each stage of the advocate offer; None is "nothing recorded yet".
ADVOCATE_NEXT: dict[AdvocateStatus | None, tuple[AdvocateStatus, ...]] = {
    None: (AdvocateStatus.OFFERED,),
    AdvocateStatus.OFFERED: (AdvocateStatus.REQUESTED, AdvocateStatus.DECLINED),
    # The victim may change their mind, or be offered the service again later.
    AdvocateStatus.DECLINED: (AdvocateStatus.REQUESTED, AdvocateStatus.OFFERED),
    AdvocateStatus.REQUESTED: (AdvocateStatus.CONTACTED,),
    # Further contact with the service (more information given) is recorded the same way.
    AdvocateStatus.CONTACTED: (AdvocateStatus.CONTACTED,),
}


def effective(rows: Sequence[NotificationRow]) -> list[NotificationRow]:
    """The rows no later row corrects, in the order given."""
    corrected = {row.corrects_id for row in rows if row.corrects_id is not None}
    return [row for row in rows if row.id not in corrected]


def check_who(
    work: UnitOfWork, person_name: str, contact_id: int | None
) -> tuple[str, list[ValidationMessage]]:
    """The name to record for who was told (a contact's name if none is typed), and any problem."""
    name = person_name.strip()
    if contact_id is not None:
        contact = work.organization.contact(contact_id)
        if contact is None:
            return name, [ValidationMessage("contact_id", MSG_NO_SUCH_CONTACT)]
        return name or contact.name, []
    if not name:
        return name, [ValidationMessage("person_name", MSG_WHO_MISSING)]
    return name, []


def check_other_facility(
    workspace: Workspace, case: CaseRow, kind: NotificationKind, other_facility_name: str
) -> list[ValidationMessage]:
    """G.10: the other facility's head is told only when the abuse happened there, and named."""
    if kind is not NotificationKind.OTHER_FACILITY_HEAD:
        if other_facility_name.strip():
            return [ValidationMessage("other_facility_name", MSG_OTHER_FACILITY_NAME_NOT_HERE)]
        return []
    if not case.occurred_elsewhere:
        step = workspace.protocol.step(KIND_STEPS[kind])
        return [ValidationMessage("kind", why_step_does_not_apply(step))]
    if not other_facility_name.strip():
        return [ValidationMessage("other_facility_name", MSG_OTHER_FACILITY_NAME_MISSING)]
    return []


def check_advocate(
    kind: NotificationKind,
    status: AdvocateStatus | None,
    notified_at: datetime,
    details: str,
    earlier: Sequence[NotificationRow],
) -> list[ValidationMessage]:
    """G.6 in order: offered; if requested, contacted and given the information."""
    if kind is not NotificationKind.VICTIM_ADVOCATE:
        return [ValidationMessage("advocate_status", MSG_ADVOCATE_STATUS_NOT_HERE)]
    if status is None:
        return [ValidationMessage("advocate_status", MSG_ADVOCATE_STATUS_MISSING)]
    previous = earlier[-1] if earlier else None
    current = previous.advocate_status if previous is not None else None
    allowed = ADVOCATE_NEXT[current]
    if status not in allowed:
        if current is None:
            return [ValidationMessage("advocate_status", MSG_ADVOCATE_OFFER_FIRST)]
        text = MSG_ADVOCATE_ORDER.format(
            current=current.value,
            new=status.value,
            allowed=" or ".join(stage.value for stage in allowed),
        )
        return [ValidationMessage("advocate_status", text)]
    messages: list[ValidationMessage] = []
    earlier_than_previous = previous is not None and ensure_utc(notified_at) < ensure_utc(
        previous.notified_at
    )
    if previous is not None and current is not None and earlier_than_previous:
        text = MSG_ADVOCATE_BEFORE_PREVIOUS.format(
            moment=format_moment(notified_at),
            current=current.value,
            previous=format_moment(previous.notified_at),
        )
        messages.append(ValidationMessage("notified_at", text))
    if status is AdvocateStatus.CONTACTED and not details.strip():
        messages.append(ValidationMessage("details", MSG_ADVOCATE_INFORMATION_MISSING))
    return messages
