"""The facility's small certificate authority: a root that never leaves the vault, and the
signing certificates it issues to users. An agency may bring its own authority as PKCS#12.

Keys are EC P-256 (fast to make, accepted by pyHanko, poppler and Adobe). Private keys leave
this module as unencrypted PKCS#8 PEM; the caller seals them in the key vault at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID, ObjectIdentifier

AUTHORITY_DAYS = 7305  # twenty years
DOCUMENT_SIGNING = ObjectIdentifier("1.3.6.1.5.5.7.3.36")  # RFC 9336 id-kp-documentSigning
_BACKDATE = timedelta(minutes=5)  # tolerate a verifier whose clock runs a little behind


class CertificateProblem(ValueError):
    """A certificate or PKCS#12 file that cannot be used, with the reason in plain words."""


@dataclass(frozen=True)
class IssuedKey:
    certificate_der: bytes
    private_key_pem: bytes
    serial_number: str
    not_before: datetime
    not_after: datetime


def create_signing_authority(common_name: str, organization: str, now: datetime) -> IssuedKey:
    """A self-signed root certificate authority valid for 20 years from ``now``."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = _name(common_name, organization)
    not_before = now - _BACKDATE
    not_after = now + timedelta(days=AUTHORITY_DAYS)
    public = key.public_key()
    builder = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(public)
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            _key_usage(key_cert_sign=True, crl_sign=True, digital_signature=True), critical=True
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False)
    )
    certificate = builder.sign(key, hashes.SHA256())
    return _issued(certificate, key)


def issue_signing_certificate(
    authority_cert_der: bytes,
    authority_key_pem: bytes,
    common_name: str,
    title: str,
    now: datetime,
    days: int = 3650,
) -> IssuedKey:
    """A user's signing certificate (digital signature and non-repudiation) from the authority."""
    authority = x509.load_der_x509_certificate(authority_cert_der)
    authority_key = serialization.load_pem_private_key(authority_key_pem, password=None)
    if not isinstance(authority_key, ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey):
        raise CertificateProblem("the signing authority's key is neither EC nor RSA")
    if not is_certificate_authority(authority_cert_der):
        raise CertificateProblem("that certificate may not issue other certificates")
    key = ec.generate_private_key(ec.SECP256R1())
    attributes: list[x509.NameAttribute[Any]] = [
        x509.NameAttribute(NameOID.COMMON_NAME, common_name.strip() or "Unnamed")
    ]
    if title.strip():
        attributes.append(x509.NameAttribute(NameOID.TITLE, title.strip()))
    attributes += [
        attribute
        for attribute in authority.subject
        if attribute.oid in (NameOID.ORGANIZATION_NAME, NameOID.COUNTRY_NAME)
    ]
    not_before = now - _BACKDATE
    not_after = min(now + timedelta(days=days), authority.not_valid_after_utc)
    public = key.public_key()
    builder = (
        x509.CertificateBuilder()
        .subject_name(x509.Name(attributes))
        .issuer_name(authority.subject)
        .public_key(public)
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_key_usage(digital_signature=True, content_commitment=True), critical=True)
        .add_extension(
            x509.ExtendedKeyUsage([DOCUMENT_SIGNING, ExtendedKeyUsageOID.EMAIL_PROTECTION]),
            critical=False,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(authority_key.public_key()),
            critical=False,
        )
    )
    certificate = builder.sign(authority_key, hashes.SHA256())
    return _issued(certificate, key)


def load_pkcs12(data: bytes, password: str) -> tuple[IssuedKey, tuple[bytes, ...]]:
    """The key and certificate in a PKCS#12 file, and the other certificates it carries."""
    try:
        key, certificate, others = pkcs12.load_key_and_certificates(
            data, password.encode("utf-8") if password else None
        )
    except ValueError:
        raise CertificateProblem(
            "the certificate file cannot be opened: the password is wrong or it is not a "
            "PKCS#12 (.p12 or .pfx) file"
        ) from None
    if key is None or certificate is None:
        raise CertificateProblem("the certificate file holds no private key and certificate")
    if not isinstance(key, ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey):
        raise CertificateProblem("the certificate's key is neither EC nor RSA")
    chain = tuple(other.public_bytes(serialization.Encoding.DER) for other in others)
    return _issued(certificate, key), chain


def is_certificate_authority(certificate_der: bytes) -> bool:
    """Whether the certificate may sign other certificates (CA and keyCertSign)."""
    certificate = x509.load_der_x509_certificate(certificate_der)
    try:
        constraints = certificate.extensions.get_extension_for_class(x509.BasicConstraints)
    except x509.ExtensionNotFound:
        return False
    if not constraints.value.ca:
        return False
    try:
        usage = certificate.extensions.get_extension_for_class(x509.KeyUsage)
    except x509.ExtensionNotFound:
        return True
    return usage.value.key_cert_sign


def subject_text(certificate_der: bytes) -> str:
    """The certificate's subject as one readable line (RFC 4514)."""
    return x509.load_der_x509_certificate(certificate_der).subject.rfc4514_string()


def validity(certificate_der: bytes) -> tuple[datetime, datetime]:
    """When the certificate starts and stops being valid (UTC)."""
    certificate = x509.load_der_x509_certificate(certificate_der)
    return certificate.not_valid_before_utc, certificate.not_valid_after_utc


def certificate_pem(certificate_der: bytes) -> bytes:
    certificate = x509.load_der_x509_certificate(certificate_der)
    return certificate.public_bytes(serialization.Encoding.PEM)


def certificates_from_pem(data: bytes) -> tuple[bytes, ...]:
    """Every certificate in a PEM (or single DER) file, as DER."""
    try:
        if b"-----BEGIN" in data:
            found = x509.load_pem_x509_certificates(data)
        else:
            found = [x509.load_der_x509_certificate(data)]
    except ValueError:
        raise CertificateProblem("the file holds no readable certificate") from None
    return tuple(item.public_bytes(serialization.Encoding.DER) for item in found)


def _issued(
    certificate: x509.Certificate, key: ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey
) -> IssuedKey:
    return IssuedKey(
        certificate_der=certificate.public_bytes(serialization.Encoding.DER),
        private_key_pem=key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ),
        serial_number=format(certificate.serial_number, "x"),
        not_before=certificate.not_valid_before_utc,
        not_after=certificate.not_valid_after_utc,
    )


def _name(common_name: str, organization: str) -> x509.Name:
    attributes = [x509.NameAttribute(NameOID.COMMON_NAME, common_name.strip() or "Unnamed")]
    if organization.strip():
        attributes.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, organization.strip()))
    return x509.Name(attributes)


def _key_usage(
    *,
    digital_signature: bool = False,
    content_commitment: bool = False,
    key_cert_sign: bool = False,
    crl_sign: bool = False,
) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=digital_signature,
        content_commitment=content_commitment,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=key_cert_sign,
        crl_sign=crl_sign,
        encipher_only=False,
        decipher_only=False,
    )
