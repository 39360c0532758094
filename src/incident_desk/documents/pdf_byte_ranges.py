"""Finding signatures in a PDF too damaged to parse, straight from the bytes.

A byte changed in a cross-reference table or an object header can stop a PDF reader cold. The
signatures are still there as ``/ByteRange [...]`` and ``/Contents <...>``: each one's digest can
be recomputed over its ranges and compared with the digest it signed. Such a file never passes,
but the report still names each signature and says whether its own bytes are intact.
"""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime

from asn1crypto import cms

from incident_desk.documents.signature_report import OTHER_CHANGES, SignatureReport

# Any array of four whole numbers starting at 0 whose gap is a <hex string> is a signature's
# byte range; the keyword itself is not needed, so a changed "/ByteRange" still finds it.
_RANGE = re.compile(rb"\[\s*0\s+(\d{1,12})\s+(\d{1,12})\s+(\d{1,12})\s*\]")
_OBJECT_START = re.compile(rb"(\d{1,10})\s+(\d{1,5})\s+obj\b")
_FIELD_NAME = re.compile(rb"/T\s*\(((?:[^()\\]|\\.)*)\)")


def byte_range_reports(
    pdf: bytes, problem: str, known: frozenset[tuple[int, ...]] = frozenset()
) -> tuple[SignatureReport, ...]:
    """A failing report per signature found in the bytes, except those whose byte range is
    ``known`` (already checked by a PDF reader); () if there are none."""
    reports = []
    for match in _RANGE.finditer(pdf):
        length1, start2, length2 = (int(value) for value in match.groups())
        ranges = (0, length1, start2, length2)
        gap = pdf[length1:start2]
        if not (length1 < start2 <= len(pdf) and gap.startswith(b"<") and gap.endswith(b">")):
            continue
        if ranges in known:
            continue
        contents = gap[1:-1]
        signer, signed_at, intact = _check(pdf, ranges, contents)
        reports.append(
            SignatureReport(
                field_name=_field_name(pdf, match.start()),
                signer=signer,
                signed_at=signed_at,
                intact=intact,
                trusted=False,
                whole_document=ranges[2] + ranges[3] == len(pdf),
                changes_after=OTHER_CHANGES,
                problem=problem
                if intact
                else f"the signed content was changed after signing; {problem}",
            )
        )
    return tuple(reports)


def _check(
    pdf: bytes, ranges: tuple[int, ...], contents_hex: bytes
) -> tuple[str, datetime | None, bool]:
    start1, length1, start2, length2 = ranges
    if start1 + length1 > len(pdf) or start2 + length2 > len(pdf):
        return "(unknown)", None, False
    if not re.fullmatch(rb"[0-9A-Fa-f\s]*", contents_hex):
        return "(unknown)", None, False
    try:
        # The container is padded with zeros to its reserved size; the DER parser stops at its end.
        container = cms.ContentInfo.load(
            bytes.fromhex(re.sub(rb"\s", b"", contents_hex).decode("ascii"))
        )
        signed_data = container["content"]
        signer_info = signed_data["signer_infos"][0]
        algorithm = signer_info["digest_algorithm"]["algorithm"].native
        attributes = {
            attribute["type"].native: attribute["values"][0].native
            for attribute in signer_info["signed_attrs"]
        }
        signer = _signer_name(signed_data, signer_info)
    except (ValueError, KeyError, TypeError, IndexError):
        return "(unknown)", None, False
    try:
        digest = hashlib.new(algorithm)
    except (ValueError, TypeError):
        return signer, None, False
    digest.update(pdf[start1 : start1 + length1])
    digest.update(pdf[start2 : start2 + length2])
    signed_at = attributes.get("signing_time")
    moment = signed_at.astimezone(UTC) if isinstance(signed_at, datetime) else None
    return signer, moment, digest.digest() == attributes.get("message_digest")


def _signer_name(signed_data: cms.SignedData, signer_info: cms.SignerInfo) -> str:
    sid = signer_info["sid"].native
    serial = sid.get("serial_number") if isinstance(sid, dict) else None
    for choice in signed_data["certificates"]:
        certificate = choice.chosen
        if serial is None or certificate.serial_number == serial:
            name: str = certificate.subject.native.get("common_name", "")
            return name or certificate.subject.human_friendly
    return "(unknown)"


def _field_name(pdf: bytes, signature_at: int) -> str:
    """The /T of the field whose /V points at the signature object around ``signature_at``."""
    # The object that holds the signature: the last "N G obj" before it.
    header = pdf.rfind(b" obj", 0, signature_at)
    found = _OBJECT_START.search(pdf, max(0, header - 24), header + 4) if header >= 0 else None
    if found is None:
        return "(unnamed)"
    number, generation = found.group(1), found.group(2)
    reference = re.compile(rb"/V\s+" + number + rb"\s+" + generation + rb"\s+R\b")
    for match in reference.finditer(pdf):
        opening = pdf.rfind(b" obj", 0, match.start())
        closing = pdf.find(b"endobj", match.end())
        window = pdf[max(opening, 0) : closing if closing >= 0 else len(pdf)]
        name = _FIELD_NAME.search(window)
        if name is not None:
            return name.group(1).decode("latin-1")
    return "(unnamed)"
