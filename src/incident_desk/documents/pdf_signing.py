"""Signing a PDF: PAdES B-B with pyHanko, as an incremental update with a visible signature block.

Each signature is appended after the last one, so a supervisor can sign, then an investigator,
and both stay valid. Nothing is fetched from the network: there is no time-stamp authority and no
revocation lookup, which is what B-B (the baseline level) means. The time written into the block
and into the signature is the one the caller passes, so a test's clock decides it.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime
from io import BytesIO
from typing import Any

from asn1crypto import x509 as asn1_x509
from pyhanko.keys import load_private_key_from_pemder_data
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.sign import fields, signers
from pyhanko.sign.general import SigningError
from pyhanko.stamp import TextStampStyle
from pyhanko_certvalidator.registry import SimpleCertificateStore

STAMP_TEXT = "%(signer)s\n%(role)s\nDigitally signed %(ts)s"
STAMP_TIME_FORMAT = "%Y-%m-%d %H:%M UTC"
STAMP_STYLE = TextStampStyle(
    stamp_text=STAMP_TEXT,
    timestamp_format=STAMP_TIME_FORMAT,
    text_box_style=TextBoxStyle(font_size=9, leading=11),
    border_width=1,
    background=None,
)


class SigningFailed(Exception):
    """The PDF could not be signed; the message says why in plain words."""


@dataclass(frozen=True)
class PdfSigner:
    """Who signs: key, certificate, the certificates up to the root, and the words for the block."""

    private_key_pem: bytes
    certificate_der: bytes
    chain_der: tuple[bytes, ...]
    name: str
    role: str


def sign_pdf(
    pdf: bytes,
    signer: PdfSigner,
    field_name: str,
    page: int,
    box: tuple[float, float, float, float],
    signed_at: datetime,
    reason: str,
    location: str,
) -> bytes:
    """``pdf`` with one more signature, in a new field ``field_name`` drawn in ``box`` on ``page``.

    ``box`` is (x1, y1, x2, y2) in PDF points from the bottom left; ``page`` counts from 0.
    """
    moment = signed_at.astimezone(UTC)
    try:
        writer = IncrementalPdfFileWriter(BytesIO(pdf), strict=False)
    except (PdfError, ValueError, KeyError, IndexError) as error:
        raise SigningFailed(f"the document to sign is not a readable PDF ({error})") from error
    metadata = signers.PdfSignatureMetadata(
        field_name=field_name,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        reason=reason or None,
        location=location or None,
        name=signer.name,
    )
    pdf_signer = _TimedPdfSigner(
        moment,
        metadata,
        signer=_pyhanko_signer(signer),
        stamp_style=STAMP_STYLE,
        new_field_spec=fields.SigFieldSpec(
            sig_field_name=field_name, on_page=page, box=_whole_points(box)
        ),
    )
    try:
        output = pdf_signer.sign_pdf(
            writer,
            appearance_text_params={
                "signer": _stamp_safe(signer.name),
                "role": _stamp_safe(signer.role),
            },
        )
    except (SigningError, PdfError) as error:
        raise SigningFailed(f"the document could not be signed ({error})") from error
    signed: bytes = output.getvalue()
    return signed


class _TimedPdfSigner(signers.PdfSigner):
    """A PdfSigner whose signing time is given instead of read from the computer's clock."""

    def __init__(self, moment: datetime, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._moment = moment

    def init_signing_session(self, pdf_out: Any, existing_fields_only: bool = False) -> Any:
        session = super().init_signing_session(pdf_out, existing_fields_only=existing_fields_only)
        session.system_time = self._moment
        return session


def _pyhanko_signer(signer: PdfSigner) -> signers.SimpleSigner:
    key = load_private_key_from_pemder_data(signer.private_key_pem, passphrase=None)
    certificate = asn1_x509.Certificate.load(signer.certificate_der)
    registry = SimpleCertificateStore()  # type: ignore[no-untyped-call]  # untyped upstream
    for der in signer.chain_der:
        registry.register(asn1_x509.Certificate.load(der))
    return signers.SimpleSigner(signing_cert=certificate, signing_key=key, cert_registry=registry)


def _whole_points(box: tuple[float, float, float, float]) -> tuple[int, int, int, int]:
    x1, y1, x2, y2 = box
    return round(x1), round(y1), round(x2), round(y2)


# Letters that carry no separable accent, so NFKD cannot simplify them.
_PLAIN_LETTERS = str.maketrans(
    {"Ł": "L", "ł": "l", "Đ": "D", "đ": "d", "Œ": "OE", "œ": "oe", "ı": "i"}
)


def _stamp_safe(text: str) -> str:
    """Text the block's standard font can show: Latin-1 stays, other accents lose their marks.

    The certificate keeps the exact name; only the drawn block is simplified.
    """
    kept = []
    for character in " ".join(text.split()).translate(_PLAIN_LETTERS):
        if 0x20 <= ord(character) <= 0x7E or 0xA0 <= ord(character) <= 0xFF:
            kept.append(character)
            continue
        plain = unicodedata.normalize("NFKD", character).encode("ascii", "ignore").decode()
        kept.append(plain or "?")
    return "".join(kept)


__all__ = ["PdfSigner", "SigningFailed", "sign_pdf"]
