"""Who may sign documents, and with which key: the facility's signing authority and the users'
signing certificates it issues.

Every installation gets its own authority at ``init`` (older installations get one the first
time someone signs or verifies). A user's certificate is issued the first time they sign and used
from then on. Private keys live only in the key vault, sealed under the data key; rows keep the
public certificates and the name of the vault secret. The vault is a separate file, so a secret
is stored before the row that names it is committed: a failed commit leaves an unused secret,
never a row without its key. The public root certificates are also written beside the database
as ``signing-authority.pem`` so ``incident-desk verify`` can check a PDF without signing in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from incident_desk.documents.pdf_signing import PdfSigner
from incident_desk.documents.pki import (
    CertificateProblem,
    is_certificate_authority,
    issue_signing_certificate,
    load_pkcs12,
    validity,
)
from incident_desk.domain.enums import Role
from incident_desk.domain.validation import ROLE_LABELS
from incident_desk.services.errors import rejected
from incident_desk.services.signing_authority import (
    add_authority,
    all_roots,
    create_signing_authority_in,
    write_trust_file,
)
from incident_desk.services.visibility import require_role
from incident_desk.storage.repositories.signing_repository import SigningRepository
from incident_desk.storage.rows import SigningAuthorityRow, UserCertificateRow, UserRow

__all__ = [
    "SigningAuthoritySnapshot",
    "create_signing_authority_in",
    "current_authority",
    "import_agency_certificate",
    "signer_for",
    "trust_roots",
    "write_trust_file",
]
from incident_desk.storage.unit_of_work import UnitOfWork

if TYPE_CHECKING:
    from incident_desk.services.workspace import Workspace

ADMINISTRATORS = frozenset({Role.ADMINISTRATOR})
USER_KEY_SECRET = "user-signing-key-{id}"


@dataclass(frozen=True)
class SigningAuthoritySnapshot:
    id: int
    facility_id: int
    subject: str
    imported: bool
    not_after: datetime


def trust_roots(workspace: Workspace) -> tuple[bytes, ...]:
    """Every authority this installation has had (retired ones still vouch for old signatures)."""
    with workspace.read() as work:
        roots = all_roots(work)
    if not roots:
        _ensure_authority(workspace)
        with workspace.read() as work:
            roots = all_roots(work)
    if not workspace.paths.signing_authority.exists():
        write_trust_file(workspace.paths, roots)
    return roots


def signer_for(workspace: Workspace) -> PdfSigner:
    """The signed-in user as a document signer; their certificate is issued at first use."""
    actor = workspace.actor
    with workspace.read() as work:
        found = _usable_signer(work, workspace, actor.id)
    if found is not None:
        return found
    authority_id = _ensure_authority(workspace)
    now = workspace.clock.now()
    with workspace.write("issue_signing_certificate") as work:
        user = _user(work, actor.id)
        authority = work.repository(SigningRepository).authority(authority_id)
        assert authority is not None
        assert authority.certificate_der is not None
        authority_key = _secret(workspace, authority.vault_secret_name)
        if authority_key is None:
            raise rejected(
                "certificate",
                "The signing authority's key is missing from the key vault. "
                "Ask an administrator to restore the key vault from a backup.",
            )
        issued = issue_signing_certificate(
            authority.certificate_der,
            authority_key,
            user.display_name,
            _title(user),
            now,
        )
        row = UserCertificateRow(
            user_id=user.id,
            authority_id=authority.id,
            certificate_der=issued.certificate_der,
            vault_secret_name="",
            serial_number=issued.serial_number,
            not_before=issued.not_before,
            not_after=issued.not_after,
        )
        work.add(row)
        work.flush()
        row.vault_secret_name = USER_KEY_SECRET.format(id=row.id)
        workspace.vault.store_secret(
            row.vault_secret_name, issued.private_key_pem, workspace.data_key
        )
        return _signer(user, issued.private_key_pem, issued.certificate_der, authority)


def import_agency_certificate(
    workspace: Workspace, p12_bytes: bytes, password: str
) -> SigningAuthoritySnapshot:
    """Make an agency's own certificate authority (PKCS#12) this facility's signing authority.

    The facility's current authority is retired and the certificates it issued are revoked, so
    each user's next signature uses a certificate from the agency's authority. Documents signed
    before stay trusted: a retired authority is still among the trust roots.
    """
    require_role(workspace.actor, ADMINISTRATORS, "import the agency's signing certificate")
    try:
        issued, _chain = load_pkcs12(p12_bytes, password)
    except CertificateProblem as error:
        raise rejected("certificate", _sentence(str(error))) from None
    if not is_certificate_authority(issued.certificate_der):
        raise rejected(
            "certificate",
            "That certificate cannot issue certificates to your staff: it is not a "
            "certificate authority. Ask the agency for its signing authority's .p12 file; "
            "the facility's own authority stays in use.",
        )
    now = workspace.clock.now()
    if not issued.not_before <= now <= issued.not_after:
        raise rejected(
            "certificate",
            f"That certificate is valid only from {issued.not_before:%Y-%m-%d} to "
            f"{issued.not_after:%Y-%m-%d}. Ask the agency for a current one.",
        )
    facility_id = _facility_id(workspace)
    with workspace.write("import_signing_authority") as work:
        repository = work.repository(SigningRepository)
        for old in repository.current_authorities(facility_id):
            old.retired_at = now
            for certificate in repository.certificates_from(old.id):
                certificate.revoked_at = now
        row = add_authority(
            work,
            workspace.vault,
            workspace.data_key,
            facility_id,
            issued,
            now,
            imported=True,
        )
        snapshot = _authority_snapshot(row, issued.not_after)
        roots = all_roots(work)
    write_trust_file(workspace.paths, roots)
    return snapshot


def current_authority(workspace: Workspace) -> SigningAuthoritySnapshot:
    """The authority that issues the signed-in user's facility's certificates."""
    authority_id = _ensure_authority(workspace)
    with workspace.read() as work:
        row = work.repository(SigningRepository).authority(authority_id)
        assert row is not None
        assert row.certificate_der is not None
        return _authority_snapshot(row, validity(row.certificate_der)[1])


def _ensure_authority(workspace: Workspace) -> int:
    """The id of the facility's usable authority, making one if there is none."""
    facility_id = _facility_id(workspace)
    with workspace.read() as work:
        for row in work.repository(SigningRepository).current_authorities(facility_id):
            if _secret(workspace, row.vault_secret_name) is not None:
                return row.id
    now = workspace.clock.now()
    with workspace.write("create_signing_authority") as work:
        # An authority whose key is gone from the vault cannot issue anything: retire it.
        for row in work.repository(SigningRepository).current_authorities(facility_id):
            row.retired_at = now
        authority = create_signing_authority_in(
            work, workspace.vault, workspace.data_key, facility_id, now
        )
        roots = all_roots(work)
    write_trust_file(workspace.paths, roots)
    return authority.id


def _usable_signer(work: UnitOfWork, workspace: Workspace, user_id: int) -> PdfSigner | None:
    repository = work.repository(SigningRepository)
    certificate = repository.current_certificate(user_id)
    if certificate is None or certificate.authority_id is None:
        return None
    authority = repository.authority(certificate.authority_id)
    now = workspace.clock.now()
    if authority is None or authority.retired_at is not None or authority.certificate_der is None:
        return None
    if not certificate.not_before <= now < certificate.not_after:
        return None
    key = _secret(workspace, certificate.vault_secret_name)
    if key is None:
        return None
    user = _user(work, user_id)
    return _signer(user, key, certificate.certificate_der, authority)


def _facility_id(workspace: Workspace) -> int:
    if workspace.actor.facility_id is not None:
        return workspace.actor.facility_id
    with workspace.read() as work:
        facilities = work.organization.facilities()
        if not facilities:
            raise rejected("facility", "There is no facility yet to sign for.")
        return min(facility.id for facility in facilities)


def _secret(workspace: Workspace, name: str) -> bytes | None:
    if not name:
        return None
    found = workspace.vault.load_secret(name, workspace.data_key)
    if found is None:
        found = workspace.vault.load_secret(name, workspace.data_key)
    return found


def _user(work: UnitOfWork, user_id: int) -> UserRow:
    user = work.organization.user(user_id)
    if user is None:
        raise rejected("user", "The signed-in user no longer exists.")
    return user


def _title(user: UserRow) -> str:
    return user.title.strip() or _role_words(user.role)


def _role_words(role: Role) -> str:
    label = ROLE_LABELS[role]
    return label[:1].upper() + label[1:]


def _signer(
    user: UserRow, key_pem: bytes, certificate_der: bytes, authority: SigningAuthorityRow
) -> PdfSigner:
    assert authority.certificate_der is not None
    return PdfSigner(
        private_key_pem=key_pem,
        certificate_der=certificate_der,
        chain_der=(authority.certificate_der,),
        name=user.display_name,
        role=_role_words(user.role),
    )


def _authority_snapshot(row: SigningAuthorityRow, not_after: datetime) -> SigningAuthoritySnapshot:
    return SigningAuthoritySnapshot(
        id=row.id,
        facility_id=row.facility_id,
        subject=row.subject,
        imported=row.imported,
        not_after=not_after,
    )


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")
