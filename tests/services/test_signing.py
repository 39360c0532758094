"""The facility's signing authority and the users' certificates, on real installations: made at
init, keys sealed in the vault, a certificate issued at first signature and reused after, and an
agency's own authority imported by the administrator."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12

from incident_desk.documents.pdf_signing import sign_pdf
from incident_desk.documents.pdf_verification import verify_pdf
from incident_desk.documents.pki import (
    IssuedKey,
    certificates_from_pem,
    create_signing_authority,
    issue_signing_certificate,
)
from incident_desk.services.errors import AccessDenied, InputRejected
from incident_desk.services.signing import (
    current_authority,
    import_agency_certificate,
    signer_for,
    trust_roots,
)
from incident_desk.services.workspace import Workspace
from incident_desk.storage.repositories.signing_repository import SigningRepository
from tests.conftest import START
from tests.documents.signing_support import (
    INVESTIGATOR_BOX,
    SUPERVISOR_BOX,
    pdfsig_valid,
    qpdf_check,
    small_pdf,
)

SignIn = Callable[[str], Workspace]


def _authorities(workspace: Workspace) -> list[tuple[int, bool, bool, str]]:
    with workspace.read() as work:
        return [
            (row.id, row.imported, row.retired_at is not None, row.vault_secret_name)
            for row in work.repository(SigningRepository).authorities()
        ]


@dataclass(frozen=True)
class _Certificate:
    id: int
    vault_secret_name: str
    certificate_der: bytes
    revoked: bool


def _certificates(workspace: Workspace, user_id: int) -> list[_Certificate]:
    with workspace.read() as work:
        return [
            _Certificate(
                row.id, row.vault_secret_name, row.certificate_der, row.revoked_at is not None
            )
            for row in work.repository(SigningRepository).certificates_of(user_id)
        ]


def test_init_gives_the_facility_an_authority_sealed_in_the_vault(
    sign_in_as: SignIn, data_dir: Path
) -> None:
    admin = sign_in_as("admin")
    ((authority_id, imported, retired, secret_name),) = _authorities(admin)
    assert (imported, retired, secret_name) == (False, False, f"signing-authority-{authority_id}")
    with admin.read() as work:
        row = work.repository(SigningRepository).authority(authority_id)
        assert row is not None
        assert row.certificate_der is not None
        certificate_der = row.certificate_der
        assert "Kentucky State Reformatory Signing Authority" in row.subject
    key_pem = admin.vault.load_secret(secret_name, admin.data_key)
    assert key_pem is not None
    key = serialization.load_pem_private_key(key_pem, password=None)
    certificate = x509.load_der_x509_certificate(certificate_der)
    assert key.public_key() == certificate.public_key()
    # The key is sealed: nothing of it appears in the vault file in clear.
    vault_text = (data_dir / "vault.json").read_text(encoding="utf-8")
    assert "PRIVATE KEY" not in vault_text
    assert key_pem.split(b"\n")[1].decode() not in vault_text
    assert secret_name in vault_text  # secret names are fixed labels, stored in clear
    # The public root is beside the database for 'incident-desk verify'.
    pem = (data_dir / "signing-authority.pem").read_bytes()
    assert certificates_from_pem(pem) == (certificate_der,)
    assert b"PRIVATE" not in pem
    assert trust_roots(admin) == (certificate_der,)
    snapshot = current_authority(admin)
    assert (snapshot.id, snapshot.imported) == (authority_id, False)


def test_a_certificate_is_issued_at_first_signature_and_reused(sign_in_as: SignIn) -> None:
    supervisor = sign_in_as("sup")
    assert _certificates(supervisor, supervisor.actor.id) == []
    signer = signer_for(supervisor)
    (row,) = _certificates(supervisor, supervisor.actor.id)
    assert row.vault_secret_name == f"user-signing-key-{row.id}"
    assert row.certificate_der == signer.certificate_der
    assert supervisor.vault.load_secret(row.vault_secret_name, supervisor.data_key) == (
        signer.private_key_pem
    )
    assert (signer.name, signer.role) == ("Sgt. Dana Brooks", "Shift supervisor")
    certificate = x509.load_der_x509_certificate(signer.certificate_der)
    authority = x509.load_der_x509_certificate(signer.chain_der[0])
    certificate.verify_directly_issued_by(authority)
    assert certificate.extensions.get_extension_for_class(x509.KeyUsage).value.content_commitment
    assert certificate.not_valid_before_utc <= START
    # Signing again, even after signing out and in, uses the same certificate.
    assert signer_for(supervisor) == signer
    supervisor.close()
    again = sign_in_as("sup")
    assert signer_for(again) == signer
    assert len(_certificates(again, again.actor.id)) == 1
    # Each user gets their own.
    investigator = signer_for(sign_in_as("inv"))
    assert investigator.certificate_der != signer.certificate_der
    assert investigator.chain_der == signer.chain_der


def test_issuing_a_certificate_is_on_the_audit_trail(sign_in_as: SignIn) -> None:
    supervisor = sign_in_as("sup")
    before = supervisor.database.verify_audit_chain().checked
    signer_for(supervisor)
    after = supervisor.database.verify_audit_chain()
    assert after.intact
    assert after.checked > before
    signer_for(supervisor)
    assert supervisor.database.verify_audit_chain().checked == after.checked


def test_supervisor_then_investigator_sign_and_every_verifier_agrees(
    sign_in_as: SignIn, tmp_path: Path
) -> None:
    supervisor = sign_in_as("sup")
    investigator = sign_in_as("inv")
    once = sign_pdf(
        small_pdf(),
        signer_for(supervisor),
        "Supervisor",
        0,
        SUPERVISOR_BOX,
        supervisor.clock.now(),
        "Reviewed",
        "KSR",
    )
    twice = sign_pdf(
        once,
        signer_for(investigator),
        "Investigator",
        0,
        INVESTIGATOR_BOX,
        investigator.clock.now(),
        "Received",
        "KSR",
    )
    reports = verify_pdf(twice, trust_roots(supervisor))
    assert [(r.field_name, r.signer, r.valid) for r in reports] == [
        ("Supervisor", "Sgt. Dana Brooks", True),
        ("Investigator", "Inv. Pat Moreau", True),
    ]
    assert reports[0].signed_at == START
    path = tmp_path / "signed.pdf"
    path.write_bytes(twice)
    assert pdfsig_valid(path)[0] == 2
    assert qpdf_check(path).returncode == 0


def test_an_installation_without_an_authority_gets_one_when_someone_signs(
    sign_in_as: SignIn, data_dir: Path
) -> None:
    admin = sign_in_as("admin")
    # As an installation made before signing existed: no current authority, no trust file.
    with admin.write("test_retire") as work:
        for row in work.repository(SigningRepository).current_authorities():
            row.retired_at = START
    (data_dir / "signing-authority.pem").unlink()
    ((old_id, _, _, _),) = _authorities(admin)

    signer = signer_for(sign_in_as("sup"))
    authorities = _authorities(admin)
    assert [(imported, retired) for _, imported, retired, _ in authorities] == [
        (False, False),
        (False, True),
    ]
    new_id = authorities[0][0]
    assert new_id != old_id
    assert current_authority(admin).id == new_id
    pem = certificates_from_pem((data_dir / "signing-authority.pem").read_bytes())
    assert pem[0] == signer.chain_der[0]
    assert len(pem) == 2  # the retired root still vouches for what it signed


def test_trust_roots_writes_a_missing_trust_file(sign_in_as: SignIn, data_dir: Path) -> None:
    admin = sign_in_as("admin")
    (data_dir / "signing-authority.pem").unlink()
    roots = trust_roots(admin)
    assert certificates_from_pem((data_dir / "signing-authority.pem").read_bytes()) == roots


def _agency_p12(password: str, *, ca: bool = True) -> tuple[bytes, IssuedKey]:
    root = create_signing_authority("Kentucky DOC Signing CA", "Kentucky DOC", START)
    issued = (
        root
        if ca
        else issue_signing_certificate(
            root.certificate_der, root.private_key_pem, "Kentucky DOC", "", START
        )
    )
    key = serialization.load_pem_private_key(issued.private_key_pem, password=None)
    assert isinstance(key, ec.EllipticCurvePrivateKey)
    certificate = x509.load_der_x509_certificate(issued.certificate_der)
    data = pkcs12.serialize_key_and_certificates(
        b"agency", key, certificate, None, serialization.BestAvailableEncryption(password.encode())
    )
    return data, issued


def test_the_administrator_imports_the_agency_authority(sign_in_as: SignIn, data_dir: Path) -> None:
    admin = sign_in_as("admin")
    supervisor = sign_in_as("sup")
    old_signer = signer_for(supervisor)
    signed_before = sign_pdf(
        small_pdf(), old_signer, "Supervisor", 0, SUPERVISOR_BOX, START, "", ""
    )
    data, agency = _agency_p12("agency passphrase")

    snapshot = import_agency_certificate(admin, data, "agency passphrase")
    assert snapshot.imported
    assert "Kentucky DOC Signing CA" in snapshot.subject
    assert current_authority(admin).id == snapshot.id
    assert admin.vault.load_secret(f"signing-authority-{snapshot.id}", admin.data_key) == (
        agency.private_key_pem
    )
    # The old authority is retired, its certificates revoked; the next signature uses the agency's.
    new_signer = signer_for(supervisor)
    assert new_signer.certificate_der != old_signer.certificate_der
    assert [c.revoked for c in _certificates(supervisor, supervisor.actor.id)] == [True, False]
    assert new_signer.chain_der == (agency.certificate_der,)
    x509.load_der_x509_certificate(new_signer.certificate_der).verify_directly_issued_by(
        x509.load_der_x509_certificate(agency.certificate_der)
    )
    roots = trust_roots(admin)
    assert roots[0] == agency.certificate_der
    assert len(roots) == 2
    assert certificates_from_pem((data_dir / "signing-authority.pem").read_bytes()) == roots
    # What was signed before stays trusted, and so does what is signed now.
    assert verify_pdf(signed_before, roots)[0].valid
    signed_after = sign_pdf(small_pdf(), new_signer, "Supervisor", 0, SUPERVISOR_BOX, START, "", "")
    assert verify_pdf(signed_after, roots)[0].valid


def test_an_agency_certificate_that_is_not_an_authority_is_refused(sign_in_as: SignIn) -> None:
    admin = sign_in_as("admin")
    before = _authorities(admin)
    data, _ = _agency_p12("agency passphrase", ca=False)
    with pytest.raises(InputRejected, match="not a certificate authority"):
        import_agency_certificate(admin, data, "agency passphrase")
    with pytest.raises(InputRejected, match="password is wrong"):
        import_agency_certificate(admin, _agency_p12("right")[0], "wrong")
    assert _authorities(admin) == before


def test_only_the_administrator_imports_an_agency_authority(sign_in_as: SignIn) -> None:
    data, _ = _agency_p12("agency passphrase")
    for username in ("sup", "warden"):
        with pytest.raises(AccessDenied, match="import the agency's signing certificate"):
            import_agency_certificate(sign_in_as(username), data, "agency passphrase")
