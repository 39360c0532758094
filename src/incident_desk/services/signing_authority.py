"""The facility's signing authority as rows and vault secrets: making one, and the public
trust file beside the database. Kept apart from ``signing`` so that creating an installation
does not load the PDF signing machinery."""

from __future__ import annotations

from datetime import datetime

from incident_desk.documents.pki import (
    IssuedKey,
    certificate_pem,
    create_signing_authority,
    subject_text,
)
from incident_desk.paths import InstallationPaths
from incident_desk.storage.atomic_files import atomic_write_bytes
from incident_desk.storage.key_vault import KeyVault
from incident_desk.storage.repositories.signing_repository import SigningRepository
from incident_desk.storage.rows import SigningAuthorityRow
from incident_desk.storage.unit_of_work import UnitOfWork

AUTHORITY_SECRET = "signing-authority-{id}"


def create_signing_authority_in(
    work: UnitOfWork, vault: KeyVault, data_key: bytes, facility_id: int, now: datetime
) -> SigningAuthorityRow:
    """Make a new root for the facility inside ``work``; its key goes to the vault at once."""
    facility = work.organization.facility(facility_id)
    if facility is None:
        raise ValueError(f"there is no facility {facility_id}")
    organization = facility.agency_name or facility.name
    issued = create_signing_authority(f"{facility.name} Signing Authority", organization, now)
    return add_authority(work, vault, data_key, facility_id, issued, now, imported=False)


def write_trust_file(paths: InstallationPaths, certificates_der: tuple[bytes, ...]) -> None:
    """The public root certificates, PEM, beside the database (current authority first)."""
    atomic_write_bytes(
        paths.signing_authority,
        b"".join(certificate_pem(der) for der in certificates_der),
        mode=0o644,
    )


def add_authority(
    work: UnitOfWork,
    vault: KeyVault,
    data_key: bytes,
    facility_id: int,
    issued: IssuedKey,
    now: datetime,
    *,
    imported: bool,
) -> SigningAuthorityRow:
    row = SigningAuthorityRow(
        facility_id=facility_id,
        subject=subject_text(issued.certificate_der)[:300],
        certificate_der=issued.certificate_der,
        vault_secret_name="",
        imported=imported,
        created_at=now,
    )
    work.add(row)
    work.flush()
    row.vault_secret_name = AUTHORITY_SECRET.format(id=row.id)
    # Before the commit: a row must never name a secret the vault does not hold.
    vault.store_secret(row.vault_secret_name, issued.private_key_pem, data_key)
    return row


def all_roots(work: UnitOfWork) -> tuple[bytes, ...]:
    return tuple(
        row.certificate_der
        for row in work.repository(SigningRepository).authorities()
        if row.certificate_der is not None
    )
