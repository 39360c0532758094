"""Creating an installation: the data folder, the key vault, the encrypted database, the facility
and its administrator. The recovery key is returned once and never stored in clear."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from incident_desk.domain.clock import Clock
from incident_desk.domain.deadlines import DeadlineSettings
from incident_desk.domain.enums import Role
from incident_desk.domain.validation import ValidationMessage
from incident_desk.paths import InstallationPaths as InstallationPaths  # re-exported
from incident_desk.services.errors import InputRejected
from incident_desk.services.signing_authority import (
    create_signing_authority_in,
    write_trust_file,
)
from incident_desk.storage.database import Database
from incident_desk.storage.errors import InstallationExists
from incident_desk.storage.key_vault import (
    KdfParams,
    KeyVault,
    generate_data_key,
    generate_recovery_key,
)
from incident_desk.storage.rows import ContactRow, FacilityRow, SettingRow, UserRow

MIN_PASSPHRASE_LENGTH = 12
_CODE_PATTERN = re.compile(r"^[A-Z0-9][A-Z0-9-]{1,19}$")
_USERNAME_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{1,79}$")
SETTING_PREFIX_DEADLINE = "deadline."
SETTING_AUTO_LOCK_MINUTES = "auto_lock_minutes"


@dataclass(frozen=True)
class InitResult:
    recovery_key: str
    paths: InstallationPaths
    facility_code: str
    admin_username: str


def check_passphrase(passphrase: str, field: str = "passphrase") -> list[ValidationMessage]:
    if len(passphrase) < MIN_PASSPHRASE_LENGTH:
        return [
            ValidationMessage(
                field,
                f"The passphrase must be at least {MIN_PASSPHRASE_LENGTH} characters long. "
                "A short sentence is easy to remember and hard to guess.",
            )
        ]
    return []


def check_username(username: str, field: str = "user") -> list[ValidationMessage]:
    if not _USERNAME_PATTERN.match(username):
        return [
            ValidationMessage(
                field,
                "A user name is 2 to 80 letters, digits, dots, dashes or underscores, "
                "starting with a letter or digit (for example jsmith).",
            )
        ]
    return []


def check_facility(name: str, code: str) -> list[ValidationMessage]:
    messages = []
    if not name.strip():
        messages.append(ValidationMessage("facility", "Enter the facility's name."))
    if not _CODE_PATTERN.match(code.strip().upper()):
        messages.append(
            ValidationMessage(
                "facility_code",
                "The facility code is 2 to 20 letters, digits or dashes (for example KSR); "
                "it starts every case number.",
            )
        )
    return messages


def initialize(
    data_dir: Path,
    *,
    facility_name: str,
    facility_code: str,
    admin_username: str,
    admin_passphrase: str,
    clock: Clock,
    agency_name: str = "",
    admin_display_name: str = "",
    kdf: KdfParams | None = None,
) -> InitResult:
    """Create a new installation in ``data_dir``; refuses a folder that already holds one."""
    paths = InstallationPaths.at(data_dir)
    if paths.exists():
        raise InstallationExists(
            f"{data_dir} already holds an Incident Desk installation; it was left as it is"
        )
    messages = (
        check_facility(facility_name, facility_code)
        + check_username(admin_username, "admin")
        + check_passphrase(admin_passphrase)
    )
    if messages:
        raise InputRejected(messages)
    code = facility_code.strip().upper()
    data_dir.mkdir(parents=True, exist_ok=True)
    data_key = generate_data_key()
    recovery_key = generate_recovery_key()
    vault = KeyVault.create(
        paths.vault,
        data_key,
        admin_username,
        admin_passphrase,
        recovery_key,
        **({"kdf": kdf} if kdf is not None else {}),
    )
    try:
        database = Database.open(paths.database, data_key, paths.backups)
        try:
            authority_der = _seed(
                database,
                vault,
                data_key,
                clock,
                facility_name.strip(),
                code,
                agency_name.strip(),
                admin_username,
                admin_display_name.strip() or admin_username,
            )
        finally:
            database.close()
        write_trust_file(paths, (authority_der,))
    except BaseException:
        # Leave nothing half-made behind, so init can simply be run again.
        paths.signing_authority.unlink(missing_ok=True)
        for leftover in (paths.database, paths.vault):
            for suffix in ("", "-wal", "-shm"):
                leftover.with_name(leftover.name + suffix).unlink(missing_ok=True)
        raise
    return InitResult(recovery_key, paths, code, admin_username)


def _seed(
    database: Database,
    vault: KeyVault,
    data_key: bytes,
    clock: Clock,
    facility_name: str,
    code: str,
    agency_name: str,
    admin_username: str,
    admin_display_name: str,
) -> bytes:
    """Fill the new database; returns the signing authority's public certificate (DER)."""
    now = clock.now()
    with database.write("initialize_installation", None, now) as work:
        facility = FacilityRow(
            code=code, name=facility_name, agency_name=agency_name, created_at=now
        )
        work.add(facility)
        work.flush()
        admin = UserRow(
            username=admin_username,
            display_name=admin_display_name,
            role=Role.ADMINISTRATOR,
            facility_id=facility.id,
            vault_slot_id=vault.user_slot_id(admin_username),
            created_at=now,
        )
        work.add(admin)
        work.flush()
        work.add(
            ContactRow(
                name=admin_display_name,
                agency=agency_name,
                title="Administrator",
                user_id=admin.id,
                facility_id=facility.id,
                created_at=now,
            )
        )
        for key, seconds in DeadlineSettings().as_mapping().items():
            work.add(
                SettingRow(key=SETTING_PREFIX_DEADLINE + key, value=str(seconds), updated_at=now)
            )
        work.add(SettingRow(key=SETTING_AUTO_LOCK_MINUTES, value="15", updated_at=now))
        authority = create_signing_authority_in(work, vault, data_key, facility.id, now)
        assert authority.certificate_der is not None
        return authority.certificate_der
