"""Shared pieces for the signing tests: a small PDF to sign, and the outside tools that check it."""

from __future__ import annotations

import re
import subprocess
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path

from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

from incident_desk.documents.pdf_signing import PdfSigner
from incident_desk.documents.pki import IssuedKey

SIGNED_AT = datetime(2026, 11, 22, 3, 0, tzinfo=UTC)
SUPERVISOR_BOX = (72.0, 72.0, 300.0, 130.0)
INVESTIGATOR_BOX = (320.0, 72.0, 548.0, 130.0)
_RANGE = re.compile(rb"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]")


def small_pdf(title: str = "Incident report KSR-2026-0001", pages: int = 1) -> bytes:
    """A tiny letter-size PDF drawn with reportlab, as the form renderer would make."""
    buffer = BytesIO()
    drawing = canvas.Canvas(buffer, pagesize=letter)
    for number in range(pages):
        drawing.setFont("Helvetica-Bold", 14)
        drawing.drawString(72, 720, title)
        drawing.setFont("Helvetica", 10)
        drawing.drawString(72, 700, f"Page {number + 1} of {pages}")
        drawing.showPage()
    drawing.save()
    return buffer.getvalue()


def signer_from(issued: IssuedKey, authority: IssuedKey, name: str, role: str) -> PdfSigner:
    return PdfSigner(
        private_key_pem=issued.private_key_pem,
        certificate_der=issued.certificate_der,
        chain_der=(authority.certificate_der,),
        name=name,
        role=role,
    )


def byte_ranges(pdf: bytes) -> list[tuple[int, int, int, int]]:
    """Each signature's /ByteRange, in file order."""
    return [(int(a), int(b), int(c), int(d)) for a, b, c, d in _RANGE.findall(pdf)]


def offsets_in(byte_range: tuple[int, int, int, int], count: int) -> list[int]:
    """``count`` offsets spread across both parts of a signed range (start, middle, end)."""
    start1, length1, start2, length2 = byte_range
    signed = [*range(start1, start1 + length1), *range(start2, start2 + length2)]
    step = (len(signed) - 1) / (count - 1)
    return sorted({signed[round(index * step)] for index in range(count)})


def flipped(pdf: bytes, offset: int) -> bytes:
    """``pdf`` with one bit of one byte changed."""
    changed = bytearray(pdf)
    changed[offset] ^= 0x01
    return bytes(changed)


def pdfsig_valid(path: Path) -> tuple[int, str]:
    """How many signatures poppler's ``pdfsig`` calls valid, and its whole report."""
    result = subprocess.run(
        ["pdfsig", str(path)], capture_output=True, text=True, timeout=60, check=False
    )
    report = result.stdout
    return report.count("Signature Validation: Signature is Valid."), report


def qpdf_check(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["qpdf", "--check", str(path)], capture_output=True, text=True, timeout=60, check=False
    )
