"""The facility's certificate authority and the users' signing certificates, read back with
``cryptography`` as any other tool would read them."""

from __future__ import annotations

from datetime import timedelta

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from incident_desk.documents.pki import (
    DOCUMENT_SIGNING,
    CertificateProblem,
    certificate_pem,
    certificates_from_pem,
    create_signing_authority,
    is_certificate_authority,
    issue_signing_certificate,
    load_pkcs12,
)
from tests.documents.signing_support import SIGNED_AT

NOW = SIGNED_AT


def test_the_authority_is_a_twenty_year_self_signed_root() -> None:
    root = create_signing_authority(
        "Kentucky State Reformatory Signing Authority", "Kentucky Department of Corrections", NOW
    )
    certificate = x509.load_der_x509_certificate(root.certificate_der)
    assert certificate.subject == certificate.issuer
    assert certificate.subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)[0].value == (
        "Kentucky Department of Corrections"
    )
    certificate.verify_directly_issued_by(certificate)
    constraints = certificate.extensions.get_extension_for_class(x509.BasicConstraints)
    assert constraints.critical
    assert constraints.value.ca
    usage = certificate.extensions.get_extension_for_class(x509.KeyUsage).value
    assert usage.key_cert_sign
    assert usage.crl_sign
    assert certificate.not_valid_before_utc <= NOW
    lifetime = certificate.not_valid_after_utc - NOW
    assert timedelta(days=365 * 20) <= lifetime <= timedelta(days=365 * 20 + 6)
    assert root.not_after == certificate.not_valid_after_utc
    assert root.serial_number == format(certificate.serial_number, "x")
    key = serialization.load_pem_private_key(root.private_key_pem, password=None)
    assert isinstance(key, ec.EllipticCurvePrivateKey)
    assert key.public_key() == certificate.public_key()
    assert is_certificate_authority(root.certificate_der)


def test_a_user_certificate_is_for_signing_with_non_repudiation() -> None:
    root = create_signing_authority("KSR Signing Authority", "Kentucky DOC", NOW)
    issued = issue_signing_certificate(
        root.certificate_der, root.private_key_pem, "Sgt. Dana Brooks", "Shift supervisor", NOW
    )
    authority = x509.load_der_x509_certificate(root.certificate_der)
    certificate = x509.load_der_x509_certificate(issued.certificate_der)
    certificate.verify_directly_issued_by(authority)
    assert certificate.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value == (
        "Sgt. Dana Brooks"
    )
    assert certificate.subject.get_attributes_for_oid(NameOID.TITLE)[0].value == "Shift supervisor"
    usage = certificate.extensions.get_extension_for_class(x509.KeyUsage)
    assert usage.critical
    assert usage.value.digital_signature
    assert usage.value.content_commitment  # non-repudiation
    assert not usage.value.key_cert_sign
    purposes = certificate.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    assert DOCUMENT_SIGNING in purposes
    assert ExtendedKeyUsageOID.EMAIL_PROTECTION in purposes
    assert not certificate.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    assert not is_certificate_authority(issued.certificate_der)
    assert certificate.not_valid_after_utc - NOW == timedelta(days=3650)
    assert issued.serial_number != root.serial_number


def test_a_user_certificate_never_outlives_its_authority() -> None:
    root = create_signing_authority("KSR Signing Authority", "", NOW)
    late = NOW + timedelta(days=365 * 19)
    issued = issue_signing_certificate(
        root.certificate_der, root.private_key_pem, "Inv. Pat Moreau", "Investigator", late
    )
    assert issued.not_after == root.not_after


def test_a_user_certificate_cannot_issue_more_certificates() -> None:
    root = create_signing_authority("KSR Signing Authority", "", NOW)
    user = issue_signing_certificate(
        root.certificate_der, root.private_key_pem, "Sgt. Dana Brooks", "", NOW
    )
    with pytest.raises(CertificateProblem, match="may not issue"):
        issue_signing_certificate(user.certificate_der, user.private_key_pem, "Someone", "", NOW)


def test_an_agency_pkcs12_opens_with_its_password_and_keeps_its_chain() -> None:
    agency = create_signing_authority("Kentucky DOC Root", "Kentucky DOC", NOW)
    authority = x509.load_der_x509_certificate(agency.certificate_der)
    key = serialization.load_pem_private_key(agency.private_key_pem, password=None)
    assert isinstance(key, ec.EllipticCurvePrivateKey)
    other = x509.load_der_x509_certificate(
        create_signing_authority("Other", "", NOW).certificate_der
    )
    data = pkcs12.serialize_key_and_certificates(
        b"agency", key, authority, [other], serialization.BestAvailableEncryption(b"s3cret pw")
    )
    loaded, chain = load_pkcs12(data, "s3cret pw")
    assert loaded.certificate_der == agency.certificate_der
    reloaded = serialization.load_pem_private_key(loaded.private_key_pem, password=None)
    assert reloaded.public_key() == authority.public_key()  # type: ignore[union-attr]
    assert chain == (other.public_bytes(serialization.Encoding.DER),)
    with pytest.raises(CertificateProblem, match="password is wrong"):
        load_pkcs12(data, "wrong password")
    with pytest.raises(CertificateProblem, match="PKCS#12"):
        load_pkcs12(b"not a certificate at all", "")


def test_pem_files_round_trip() -> None:
    first = create_signing_authority("One", "", NOW).certificate_der
    second = create_signing_authority("Two", "", NOW).certificate_der
    assert certificates_from_pem(certificate_pem(first) + certificate_pem(second)) == (
        first,
        second,
    )
    assert certificates_from_pem(first) == (first,)
    with pytest.raises(CertificateProblem, match="no readable certificate"):
        certificates_from_pem(b"-----BEGIN CERTIFICATE-----\ngarbage\n-----END CERTIFICATE-----\n")


def test_an_rsa_agency_authority_issues_certificates_too() -> None:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Agency RSA Root")])
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(NOW - timedelta(days=1))
        .not_valid_after(NOW + timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    data = pkcs12.serialize_key_and_certificates(
        b"agency", key, certificate, None, serialization.BestAvailableEncryption(b"pw")
    )
    agency, _ = load_pkcs12(data, "pw")
    assert is_certificate_authority(agency.certificate_der)  # no key usage: CA by constraints
    issued = issue_signing_certificate(
        agency.certificate_der, agency.private_key_pem, "Inv. Pat Moreau", "Investigator", NOW
    )
    x509.load_der_x509_certificate(issued.certificate_der).verify_directly_issued_by(certificate)
