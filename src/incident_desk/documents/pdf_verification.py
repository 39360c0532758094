"""Checking the signatures in a PDF: intact, trusted by the given roots, and what changed after.

Offline and quick: pyHanko validates each signature against the trust roots passed in, with no
fetching of revocation data, and its difference analysis says what later revisions changed.
A file too damaged to parse still gets an answer per signature where the signatures can be found
(see ``pdf_byte_ranges``): a byte changed inside a signed range must fail, never crash.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import UTC, datetime
from io import BytesIO

from asn1crypto import x509 as asn1_x509
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.pdf_embedded import EmbeddedPdfSignature
from pyhanko.sign.validation.status import PdfSignatureStatus, SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from incident_desk.documents.pdf_byte_ranges import byte_range_reports
from incident_desk.documents.signature_report import (
    LATER_SIGNATURES_ONLY,
    NO_CHANGES,
    OTHER_CHANGES,
    SignatureReport,
    UnreadablePdf,
)

__all__ = [
    "LATER_SIGNATURES_ONLY",
    "NO_CHANGES",
    "OTHER_CHANGES",
    "SignatureReport",
    "UnreadablePdf",
    "verify_pdf",
]


# pyHanko logs what it finds odd in a damaged file; the reports say it, so keep the logs quiet
# unless the application configures logging itself.
logging.getLogger("pyhanko").addHandler(logging.NullHandler())
logging.getLogger("pyhanko_certvalidator").addHandler(logging.NullHandler())


def verify_pdf(pdf: bytes, trust_roots_der: Sequence[bytes]) -> tuple[SignatureReport, ...]:
    """One report per signature, in signing order; () for a PDF with no signatures."""
    if b"%PDF-" not in pdf[:1024]:
        return _damaged(pdf, "the file does not start like a PDF", "the file is not a PDF")
    try:
        reader = PdfFileReader(BytesIO(pdf), strict=False)
        signatures = list(reader.embedded_regular_signatures)
    except Exception as error:  # pyHanko raises many kinds on a damaged file
        return _damaged(
            pdf,
            f"the file's structure is damaged ({error})",
            f"the file cannot be read as a PDF ({error})",
        )
    roots = [asn1_x509.Certificate.load(der) for der in trust_roots_der]
    signed_revisions = set()
    for signature in signatures:
        try:
            signed_revisions.add(signature.signed_revision)
        except Exception:  # a damaged revision table: that signature is reported below
            continue
    reports = [_report(signature, roots, signed_revisions, reader) for signature in signatures]
    # A signature in the bytes that the document no longer links to is a damaged document.
    listed = frozenset(_byte_range(signature) for signature in signatures)
    unlisted = byte_range_reports(
        pdf, "the document no longer lists this signature among its fields", listed
    )
    return (*reports, *unlisted)


def _damaged(pdf: bytes, problem: str, unreadable: str) -> tuple[SignatureReport, ...]:
    found = byte_range_reports(pdf, problem)
    if not found:
        raise UnreadablePdf(unreadable)
    return found


def _byte_range(signature: EmbeddedPdfSignature) -> tuple[int, ...]:
    try:
        return tuple(int(value) for value in signature.sig_object["/ByteRange"])
    except (KeyError, TypeError, ValueError):
        return ()


def _report(
    signature: EmbeddedPdfSignature,
    roots: list[asn1_x509.Certificate],
    signed_revisions: set[int],
    reader: PdfFileReader,
) -> SignatureReport:
    field_name = signature.field_name or "(unnamed)"
    context = ValidationContext(trust_roots=roots, allow_fetching=False)
    try:
        status = validate_pdf_signature(signature, context)
    except Exception as error:  # a damaged signature fails in many ways; it is reported
        return SignatureReport(
            field_name=field_name,
            signer=_signer_of(signature),
            signed_at=None,
            intact=False,
            trusted=False,
            whole_document=False,
            changes_after=OTHER_CHANGES,
            problem=f"the signature cannot be checked ({error})",
        )
    intact = bool(status.intact and status.valid)
    trusted = status.validation_path is not None and status.trust_problem_indic is None
    whole = status.coverage is SignatureCoverageLevel.ENTIRE_FILE
    try:
        changes = _changes_after(status, signature.signed_revision, signed_revisions, reader)
    except Exception:  # pyHanko's look at later revisions can fail on a tampered file
        changes = OTHER_CHANGES
    return SignatureReport(
        field_name=field_name,
        signer=status.signing_cert.subject.native.get("common_name", "")
        or status.signing_cert.subject.human_friendly,
        signed_at=_utc(status.signer_reported_dt),
        intact=intact,
        trusted=trusted,
        whole_document=whole,
        changes_after=changes,
        problem=_problem(status, intact, trusted, changes),
    )


def _changes_after(
    status: PdfSignatureStatus,
    signed_revision: int,
    signed_revisions: set[int],
    reader: PdfFileReader,
) -> str:
    if status.coverage is SignatureCoverageLevel.ENTIRE_FILE:
        return NO_CHANGES
    if status.coverage is not SignatureCoverageLevel.ENTIRE_REVISION:
        return OTHER_CHANGES
    level = status.modification_level
    if level is None or level > ModificationLevel.FORM_FILLING:
        return OTHER_CHANGES
    later = range(signed_revision + 1, reader.xrefs.total_revisions)
    if all(revision in signed_revisions for revision in later):
        return LATER_SIGNATURES_ONLY
    return OTHER_CHANGES


def _problem(status: PdfSignatureStatus, intact: bool, trusted: bool, changes: str) -> str:
    problems = []
    if not intact:
        problems.append("the signed content was changed after signing")
    if not trusted:
        problems.append(_untrusted_reason(status))
    if changes == OTHER_CHANGES:
        problems.append("the document was changed after this signature, not only signed again")
    return "; ".join(problems)


_TRUST_PROBLEMS = {
    "NO_CERTIFICATE_CHAIN_FOUND": "the signer's certificate is not from an authority trusted here",
    "EXPIRED": "the signer's certificate has expired",
    "NOT_YET_VALID": "the signer's certificate is not valid yet",
    "REVOKED": "the signer's certificate has been revoked",
}


def _untrusted_reason(status: PdfSignatureStatus) -> str:
    name = str(getattr(status.trust_problem_indic, "name", ""))
    default = "the signer's certificate is not trusted here"
    reason = _TRUST_PROBLEMS.get(name, default)
    return reason if name in _TRUST_PROBLEMS or not name else f"{default} ({name.lower()})"


def _signer_of(signature: EmbeddedPdfSignature) -> str:
    try:
        subject = signature.signer_cert.subject
    except Exception:  # a damaged signature container has no readable certificate
        return "(unknown)"
    name: str = subject.native.get("common_name", "") or subject.human_friendly
    return name


def _utc(moment: datetime | None) -> datetime | None:
    return None if moment is None else moment.astimezone(UTC)
