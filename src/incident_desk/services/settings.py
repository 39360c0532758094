"""Agency settings: deadline lengths and warnings, the workstation auto-lock, the attachment size
limit. Stored as setting rows (deadlines as "deadline.<name>" in whole seconds).

An agency may make a policy deadline stricter, never looser: a clock the policy caps (the dry
cell's sixteen hours) can be shortened, a period the policy sets as a minimum (90 days of
retaliation monitoring) can be lengthened, and neither the other way.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from datetime import datetime, timedelta

from incident_desk.domain.deadlines import DeadlineSettings
from incident_desk.domain.enums import Role
from incident_desk.domain.validation import ValidationMessage
from incident_desk.services.errors import InputRejected, ServiceError
from incident_desk.services.installation import SETTING_AUTO_LOCK_MINUTES, SETTING_PREFIX_DEADLINE
from incident_desk.services.visibility import require_role
from incident_desk.services.workspace import Workspace
from incident_desk.storage.rows import SettingRow
from incident_desk.storage.unit_of_work import UnitOfWork

SETTINGS_ROLES = frozenset({Role.ADMINISTRATOR, Role.PREA_COMPLIANCE_MANAGER})
SETTING_ATTACHMENT_MAX_BYTES = "attachment.max_bytes"
DEFAULT_AUTO_LOCK_MINUTES = 15
MAX_AUTO_LOCK_MINUTES = 30
MEGABYTE = 1024 * 1024
DEFAULT_ATTACHMENT_MAX_BYTES = 50 * MEGABYTE
# SQLite keeps a value of at most 1,000,000,000 bytes; stay well inside it.
MAX_ATTACHMENT_MEGABYTES = 500

MSG_AUTO_LOCK_RANGE = (
    f"The workstation must lock after 1 to {MAX_AUTO_LOCK_MINUTES} minutes without use. Case "
    "files are confidential (CPP 14.7 J): an unattended screen must not stay open."
)

_DEADLINE_NAMES = tuple(field.name for field in dataclasses.fields(DeadlineSettings))

#: Deadlines the policy caps: (longest allowed, the policy's words).
POLICY_MAXIMUMS: dict[str, tuple[timedelta, str]] = {
    "dry_cell": (
        timedelta(hours=16),
        'an offender "shall not remain in this status longer than sixteen hours" (CPP 14.7 G.7)',
    ),
    "other_facility_notice": (
        timedelta(hours=72),
        'the notice is due "Within 72 hours of receiving an allegation" (CPP 14.7 G.10)',
    ),
    "incident_review": (
        timedelta(days=30),
        'the review is held "within 30 days of the '
        'conclusion of every sexual abuse investigation" (CPP 14.7 I)',
    ),
    "mental_health_evaluation": (
        timedelta(days=60),
        'the evaluation is due "within 60 days of learning of such abuse" (CPP 14.7 E.3)',
    ),
}
#: Periods the policy sets as a minimum: (shortest allowed, the policy's words).
POLICY_MINIMUMS: dict[str, tuple[timedelta, str]] = {
    "evidence_preservation": (
        timedelta(hours=48),
        'evidence is preserved "If the incident '
        'occurred within the previous 48 hours" (CPP 14.7 G.4)',
    ),
    "retaliation_monitoring": (
        timedelta(days=90),
        '"Monitoring shall occur for at least 90 '
        'days following an incident of sexual abuse" (CPP 14.7 K)',
    ),
}


def deadline_settings(workspace: Workspace) -> DeadlineSettings:
    """The agency's deadline settings as stored now."""
    with workspace.read() as work:
        return _stored_deadlines(work)


def check_deadline_changes(changes: Mapping[str, timedelta]) -> list[ValidationMessage]:
    messages: list[ValidationMessage] = []
    for name, span in changes.items():
        label = name.replace("_", " ")
        if name not in _DEADLINE_NAMES:
            known = ", ".join(_DEADLINE_NAMES)
            messages.append(
                ValidationMessage(
                    name, f'There is no setting "{name}". The deadline settings are: {known}.'
                )
            )
        elif span % timedelta(seconds=1):
            messages.append(ValidationMessage(name, f"Give the {label} in whole seconds."))
        elif name.endswith("_warning"):
            if span < timedelta(0):
                messages.append(
                    ValidationMessage(
                        name, f"The {label} cannot be negative. Use 0 for no early warning."
                    )
                )
        elif span <= timedelta(0):
            messages.append(
                ValidationMessage(
                    name, f"The {label} must be longer than zero. Enter how long the clock runs."
                )
            )
        elif name in POLICY_MAXIMUMS and span > POLICY_MAXIMUMS[name][0]:
            limit, words = POLICY_MAXIMUMS[name]
            messages.append(
                ValidationMessage(
                    name,
                    (
                        f"The {label} cannot be longer than {_words(limit)}: {words}. "
                        "A shorter agency limit is allowed."
                    ),
                )
            )
        elif name in POLICY_MINIMUMS and span < POLICY_MINIMUMS[name][0]:
            limit, words = POLICY_MINIMUMS[name]
            messages.append(
                ValidationMessage(
                    name,
                    (
                        f"The {label} cannot be shorter than {_words(limit)}: {words}. "
                        "A longer agency period is allowed."
                    ),
                )
            )
    return messages


def update_deadline_settings(
    workspace: Workspace, changes: Mapping[str, timedelta]
) -> DeadlineSettings:
    """Change some deadline settings; the rest keep their stored values."""
    require_role(workspace.actor, SETTINGS_ROLES, "change deadline settings")
    messages = check_deadline_changes(changes)
    if messages:
        raise InputRejected(messages)
    now = workspace.clock.now()
    with workspace.write("update_deadline_settings") as work:
        current = _stored_deadlines(work)
        try:
            updated = dataclasses.replace(current, **dict(changes))
        except ValueError as error:
            raise InputRejected([ValidationMessage("deadline", str(error))]) from None
        for name, seconds in updated.as_mapping().items():
            _store(work, SETTING_PREFIX_DEADLINE + name, str(seconds), workspace.actor.id, now)
    # This workstation's clocks follow the new settings at once.
    workspace.deadline_settings = updated
    return updated


def auto_lock_minutes(workspace: Workspace) -> int:
    """Minutes of inactivity after which the workstation locks itself."""
    with workspace.read() as work:
        minutes = _stored_int(work, SETTING_AUTO_LOCK_MINUTES, DEFAULT_AUTO_LOCK_MINUTES)
    # Whatever is stored, an unattended workstation never stays open longer than the maximum.
    return min(max(minutes, 1), MAX_AUTO_LOCK_MINUTES)


def update_auto_lock_minutes(workspace: Workspace, minutes: int) -> int:
    require_role(workspace.actor, SETTINGS_ROLES, "change the auto-lock time")
    if isinstance(minutes, bool) or not 1 <= minutes <= MAX_AUTO_LOCK_MINUTES:
        raise InputRejected([ValidationMessage("auto_lock_minutes", MSG_AUTO_LOCK_RANGE)])
    with workspace.write("update_auto_lock_minutes") as work:
        _store(
            work, SETTING_AUTO_LOCK_MINUTES, str(minutes), workspace.actor.id, workspace.clock.now()
        )
    return minutes


def attachment_size_limit(workspace: Workspace) -> int:
    """The largest attachment accepted, in bytes."""
    with workspace.read() as work:
        return stored_attachment_limit(work)


def update_attachment_size_limit(workspace: Workspace, megabytes: int) -> int:
    """Set the largest attachment accepted, in megabytes; returns the limit in bytes."""
    require_role(workspace.actor, SETTINGS_ROLES, "change the attachment size limit")
    if isinstance(megabytes, bool) or not 1 <= megabytes <= MAX_ATTACHMENT_MEGABYTES:
        text = f"Enter a size limit from 1 to {MAX_ATTACHMENT_MEGABYTES} MB."
        raise InputRejected([ValidationMessage("attachment_max_megabytes", text)])
    with workspace.write("update_attachment_size_limit") as work:
        _store(
            work,
            SETTING_ATTACHMENT_MAX_BYTES,
            str(megabytes * MEGABYTE),
            workspace.actor.id,
            workspace.clock.now(),
        )
    return megabytes * MEGABYTE


def stored_attachment_limit(work: UnitOfWork) -> int:
    return _stored_int(work, SETTING_ATTACHMENT_MAX_BYTES, DEFAULT_ATTACHMENT_MAX_BYTES)


def _stored_deadlines(work: UnitOfWork) -> DeadlineSettings:
    stored = work.organization.settings()
    try:
        return DeadlineSettings.from_mapping(
            {
                key.removeprefix(SETTING_PREFIX_DEADLINE): int(value)
                for key, value in stored.items()
                if key.startswith(SETTING_PREFIX_DEADLINE)
            }
        )
    except ValueError as error:
        raise ServiceError(
            f"The stored deadline settings are not valid ({error}). "
            "Ask an administrator to set them again."
        ) from None


def _stored_int(work: UnitOfWork, key: str, default: int) -> int:
    row = work.organization.setting(key)
    if row is None:
        return default
    try:
        return int(row.value)
    except ValueError:
        return default


def _store(work: UnitOfWork, key: str, value: str, actor_id: int, now: datetime) -> None:
    row = work.organization.setting(key)
    if row is None:
        work.add(SettingRow(key=key, value=value, updated_at=now, updated_by_id=actor_id))
    elif row.value != value:
        # Unchanged rows are left alone so the audit trail shows only real changes.
        row.value = value
        row.updated_at = now
        row.updated_by_id = actor_id


def _words(span: timedelta) -> str:
    hours = span // timedelta(hours=1)
    return f"{hours // 24} days" if hours > 72 else f"{hours} hours"
