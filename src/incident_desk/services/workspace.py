"""Signing in: unlock the vault with a user's passphrase, open the database, and hand back the
Workspace every other use-case runs in (who is acting, their clock, the protocol, the settings).

A wrong passphrase touches nothing but the failed-try counter; the failures it leaves behind
enter the audit trail at the next successful sign-in.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from incident_desk.domain.audit_chain import format_timestamp
from incident_desk.domain.clock import Clock
from incident_desk.domain.deadlines import DeadlineSettings
from incident_desk.domain.protocol import Protocol
from incident_desk.forms.checklist_loader import default_protocol
from incident_desk.paths import InstallationPaths
from incident_desk.services.errors import WRONG_CREDENTIALS, SignInRefused
from incident_desk.services.installation import SETTING_PREFIX_DEADLINE
from incident_desk.services.snapshots import UserSnapshot
from incident_desk.storage.audit_log import PendingEvent
from incident_desk.storage.database import Database
from incident_desk.storage.errors import DatabaseDamaged, DatabaseKeyRejected, InstallationMissing
from incident_desk.storage.key_vault import KeyVault, WrongCredentials
from incident_desk.storage.rows import UserRow
from incident_desk.storage.signin_guard import FailedSignIn, SignInGuard
from incident_desk.storage.unit_of_work import UnitOfWork


class Workspace:
    """A signed-in user's open installation. Close it to lock."""

    def __init__(
        self,
        paths: InstallationPaths,
        database: Database,
        vault: KeyVault,
        guard: SignInGuard,
        actor: UserSnapshot,
        clock: Clock,
        protocol: Protocol,
        settings: DeadlineSettings,
        data_key: bytes,
    ) -> None:
        self.paths = paths
        self.database = database
        self.vault = vault
        self.guard = guard
        self.actor = actor
        self.clock = clock
        self.protocol = protocol
        self.deadline_settings = settings
        self._data_key = data_key

    @property
    def data_key(self) -> bytes:
        return self._data_key

    @property
    def actor_slot_id(self) -> str:
        return self.vault.user_slot_id(self.actor.username)

    @contextmanager
    def write(self, action: str, case_id: int | None = None) -> Iterator[UnitOfWork]:
        with self.database.write(action, self.actor.id, self.clock.now(), case_id) as work:
            yield work

    @contextmanager
    def read(self) -> Iterator[UnitOfWork]:
        with self.database.read() as work:
            yield work

    def close(self) -> None:
        self.database.close()
        self._data_key = b""


def open_guard(paths: InstallationPaths, clock: Clock) -> SignInGuard:
    return SignInGuard(paths.signin_state, clock)


def sign_in(data_dir: Path, username: str, passphrase: str, clock: Clock) -> Workspace:
    """Unlock the installation as ``username``; raises SignInRefused with a plain reason."""
    paths = InstallationPaths.at(data_dir)
    if not paths.vault.exists():
        raise InstallationMissing(
            f"there is no Incident Desk installation in {data_dir}; "
            "run 'incident-desk init' to create one"
        )
    vault = KeyVault.load(paths.vault)
    guard = open_guard(paths, clock)
    slot_id = vault.user_slot_id(username)
    state = guard.state(slot_id)
    if state.locked:
        raise SignInRefused(_locked_message(state.minutes_left(clock.now())))
    try:
        data_key = vault.unlock(username, passphrase)
    except WrongCredentials:
        state = guard.record_failure(slot_id)
        if state.locked:
            raise SignInRefused(
                f"{WRONG_CREDENTIALS}; after {state.failures} wrong tries this user is locked "
                f"out for {state.minutes_left(clock.now())} minutes"
            ) from None
        raise SignInRefused(WRONG_CREDENTIALS) from None
    try:
        database = Database.open(paths.database, data_key, paths.backups)
    except DatabaseKeyRejected as error:
        # The vault has just proved this key, so a file that refuses it is damaged or replaced.
        raise DatabaseDamaged(
            "the database file does not open with this installation's key: it is damaged "
            "or was replaced; restore it from the latest backup"
        ) from error
    try:
        actor = _admit(database, vault, guard, slot_id, clock)
        with database.read() as work:
            stored = work.organization.settings()
    except BaseException:
        database.close()
        raise
    settings = DeadlineSettings.from_mapping(
        {
            key.removeprefix(SETTING_PREFIX_DEADLINE): int(value)
            for key, value in stored.items()
            if key.startswith(SETTING_PREFIX_DEADLINE)
        }
    )
    return Workspace(
        paths, database, vault, guard, actor, clock, default_protocol(), settings, data_key
    )


def _admit(
    database: Database, vault: KeyVault, guard: SignInGuard, slot_id: str, clock: Clock
) -> UserSnapshot:
    pending = guard.pending_failures()
    now = clock.now()
    with database.write("sign_in", None, now) as work:
        user = work.organization.user_by_slot(slot_id)
        if user is None:
            raise SignInRefused(WRONG_CREDENTIALS)
        _audit_failures(work, pending)
        if user.disabled:
            work.record_event("sign_in_refused_disabled", "user_account", user.id)
            refused = SignInRefused(
                "this account has been locked by an administrator"
                + (f" ({user.disabled_reason})" if user.disabled_reason else "")
                + "; ask an administrator to unlock it"
            )
        else:
            work.record_event("sign_in", "user_account", user.id)
            refused = None
        snapshot = user_snapshot(work, user)
    guard.record_success(slot_id)
    if refused is not None:
        raise refused
    return snapshot


def _audit_failures(work: UnitOfWork, failures: tuple[FailedSignIn, ...]) -> None:
    for failure in failures:
        user = work.organization.user_by_slot(failure.slot_id)
        work.record_pending(
            PendingEvent(
                occurred_at=format_timestamp(failure.at),
                actor_id=None,
                action="sign_in_failed",
                entity="user_account",
                entity_id=str(user.id) if user is not None else "",
                case_id=None,
                before_digest="",
                after_digest="",
                detail="wrong passphrase" if user is not None else "unknown user name",
            )
        )


def user_snapshot(work: UnitOfWork, user: UserRow) -> UserSnapshot:
    facility = work.organization.facility(user.facility_id) if user.facility_id else None
    contact = work.organization.contact_for_user(user.id)
    return UserSnapshot(
        id=user.id,
        username=user.username,
        display_name=user.display_name,
        role=user.role,
        facility_id=user.facility_id,
        facility_code=facility.code if facility is not None else "",
        contact_id=contact.id if contact is not None else 0,
        disabled=user.disabled,
    )


def _locked_message(minutes: int) -> str:
    unit = "minute" if minutes == 1 else "minutes"
    return (
        f"this user is locked out after too many wrong passphrases; try again in {minutes} {unit}"
    )


def reauthenticate(workspace: Workspace, passphrase: str) -> None:
    """Unlock a locked screen: the same user proves their passphrase again.

    Wrong tries count toward the same lock-out as at sign-in, and both outcomes are audited.
    """
    slot_id = workspace.actor_slot_id
    clock = workspace.clock
    state = workspace.guard.state(slot_id)
    if state.locked:
        raise SignInRefused(_locked_message(state.minutes_left(clock.now())))
    try:
        workspace.vault.unlock(workspace.actor.username, passphrase)
    except WrongCredentials:
        state = workspace.guard.record_failure(slot_id)
        with workspace.write("unlock_screen_refused") as work:
            work.record_event("unlock_screen_refused", "user_account", workspace.actor.id)
        if state.locked:
            raise SignInRefused(_locked_message(state.minutes_left(clock.now()))) from None
        raise SignInRefused("wrong passphrase") from None
    workspace.guard.record_success(slot_id)
    with workspace.write("unlock_screen") as work:
        work.record_event("unlock_screen", "user_account", workspace.actor.id)
