"""Accounts: adding users, changing passphrases, and an administrator's lock and unlock."""

from __future__ import annotations

from incident_desk.domain.enums import Role
from incident_desk.domain.validation import ValidationMessage
from incident_desk.services.errors import AccessDenied, InputRejected, NotFound, rejected
from incident_desk.services.installation import check_passphrase, check_username
from incident_desk.services.snapshots import UserSnapshot
from incident_desk.services.visibility import require_role
from incident_desk.services.workspace import Workspace, user_snapshot
from incident_desk.storage.rows import ContactRow, UserRow

ADMINISTRATORS = frozenset({Role.ADMINISTRATOR})


def add_user(
    workspace: Workspace,
    *,
    username: str,
    passphrase: str,
    role: Role,
    display_name: str = "",
    facility_code: str | None = None,
    title: str = "",
) -> UserSnapshot:
    require_role(workspace.actor, ADMINISTRATORS, "add users")
    messages = check_username(username) + check_passphrase(passphrase)
    if messages:
        raise InputRejected(messages)
    if workspace.vault.has_user(username):
        raise rejected("user", f"There is already a user called {username}.")
    now = workspace.clock.now()
    with workspace.write("add_user") as work:
        if facility_code:
            facility = work.organization.facility_by_code(facility_code)
            if facility is None:
                raise rejected("facility", f"There is no facility with the code {facility_code}.")
            facility_id: int | None = facility.id
            agency = facility.agency_name
        else:
            facility_id = workspace.actor.facility_id
            facility = work.organization.facility(facility_id) if facility_id else None
            agency = facility.agency_name if facility is not None else ""
        if work.organization.user_by_name(username) is not None:
            raise rejected("user", f"There is already a user called {username}.")
        name = display_name.strip() or username
        user = UserRow(
            username=username,
            display_name=name,
            role=role,
            facility_id=facility_id,
            title=title,
            vault_slot_id=workspace.vault.user_slot_id(username),
            created_at=now,
            created_by_id=workspace.actor.id,
        )
        work.add(user)
        work.flush()
        work.add(
            ContactRow(
                name=name,
                agency=agency,
                title=title or role.value.replace("_", " "),
                user_id=user.id,
                facility_id=facility_id,
                created_at=now,
            )
        )
        work.flush()
        snapshot = user_snapshot(work, user)
        # The vault changes last: if it fails, the transaction rolls back and no row remains.
        workspace.vault.add_user(username, passphrase, workspace.data_key)
    return snapshot


def change_passphrase(workspace: Workspace, username: str, new_passphrase: str) -> None:
    """Rewrap the user's slot under a new passphrase; the database is not re-encrypted."""
    actor = workspace.actor
    if actor.username.casefold() != username.casefold() and actor.role is not Role.ADMINISTRATOR:
        raise AccessDenied("Only an administrator may change another user's passphrase.")
    messages: list[ValidationMessage] = check_passphrase(new_passphrase)
    if messages:
        raise InputRejected(messages)
    with workspace.write("change_passphrase") as work:
        user = _existing(work.organization.user_by_name(username), username)
        work.record_event("change_passphrase", "user_account", user.id)
        workspace.vault.set_passphrase(username, new_passphrase, workspace.data_key)


def lock_user(workspace: Workspace, username: str, reason: str = "") -> None:
    require_role(workspace.actor, ADMINISTRATORS, "lock users")
    if username.casefold() == workspace.actor.username.casefold():
        raise rejected("user", "You cannot lock your own account.")
    with workspace.write("lock_user") as work:
        user = _existing(work.organization.user_by_name(username), username)
        user.disabled = True
        user.disabled_reason = reason.strip()


def unlock_user(workspace: Workspace, username: str) -> None:
    """Lift an administrator's lock and any lock-out after wrong passphrases."""
    require_role(workspace.actor, ADMINISTRATORS, "unlock users")
    with workspace.write("unlock_user") as work:
        user = _existing(work.organization.user_by_name(username), username)
        user.disabled = False
        user.disabled_reason = ""
        work.record_event("clear_lockout", "user_account", user.id)
        workspace.guard.clear(user.vault_slot_id)


def list_users(workspace: Workspace) -> list[UserSnapshot]:
    require_role(workspace.actor, ADMINISTRATORS, "list users")
    with workspace.read() as work:
        return [user_snapshot(work, user) for user in work.organization.users()]


def _existing(user: UserRow | None, username: str) -> UserRow:
    if user is None:
        raise NotFound(f"There is no user called {username}.")
    return user
