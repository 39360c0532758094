"""Signing PDFs and checking them, judged by independent verifiers as well as our own code:
pyHanko's validation used directly, poppler's ``pdfsig`` and ``qpdf --check``."""

from __future__ import annotations

import re
import subprocess
from io import BytesIO
from pathlib import Path

import pytest
from asn1crypto import x509 as asn1_x509
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from incident_desk.documents.pdf_signing import PdfSigner, SigningFailed, sign_pdf
from incident_desk.documents.pdf_verification import (
    LATER_SIGNATURES_ONLY,
    NO_CHANGES,
    OTHER_CHANGES,
    UnreadablePdf,
    verify_pdf,
)
from incident_desk.documents.pki import (
    IssuedKey,
    create_signing_authority,
    issue_signing_certificate,
)
from tests.documents.signing_support import (
    INVESTIGATOR_BOX,
    SIGNED_AT,
    SUPERVISOR_BOX,
    byte_ranges,
    flipped,
    offsets_in,
    pdfsig_valid,
    qpdf_check,
    signer_from,
    small_pdf,
)

LATER = SIGNED_AT.replace(hour=4, minute=17)


@pytest.fixture(scope="module")
def authority() -> IssuedKey:
    return create_signing_authority("KSR Signing Authority", "Kentucky DOC", SIGNED_AT)


@pytest.fixture(scope="module")
def supervisor(authority: IssuedKey) -> PdfSigner:
    issued = issue_signing_certificate(
        authority.certificate_der,
        authority.private_key_pem,
        "Sgt. Dana Brooks",
        "Shift supervisor",
        SIGNED_AT,
    )
    return signer_from(issued, authority, "Sgt. Dana Brooks", "Shift supervisor")


@pytest.fixture(scope="module")
def investigator(authority: IssuedKey) -> PdfSigner:
    issued = issue_signing_certificate(
        authority.certificate_der,
        authority.private_key_pem,
        "Inv. Pat Moreau",
        "Investigator",
        SIGNED_AT,
    )
    return signer_from(issued, authority, "Inv. Pat Moreau", "Investigator")


@pytest.fixture(scope="module")
def once_signed(supervisor: PdfSigner) -> bytes:
    return sign_pdf(
        small_pdf(),
        supervisor,
        "Supervisor",
        0,
        SUPERVISOR_BOX,
        SIGNED_AT,
        "Reviewed the first response",
        "Kentucky State Reformatory",
    )


@pytest.fixture(scope="module")
def twice_signed(once_signed: bytes, investigator: PdfSigner) -> bytes:
    return sign_pdf(
        once_signed,
        investigator,
        "Investigator",
        0,
        INVESTIGATOR_BOX,
        LATER,
        "Received the case",
        "Kentucky State Reformatory",
    )


def _pyhanko_statuses(pdf: bytes, root: bytes) -> list[tuple[str, bool, bool, bool]]:
    reader = PdfFileReader(BytesIO(pdf))
    statuses = []
    for signature in reader.embedded_signatures:
        context = ValidationContext(
            trust_roots=[asn1_x509.Certificate.load(root)], allow_fetching=False
        )
        status = validate_pdf_signature(signature, context)
        statuses.append(
            (
                signature.field_name,
                status.intact and status.valid,
                status.trusted,
                status.bottom_line,
            )
        )
    return statuses


def test_two_signers_in_turn_both_valid_to_every_verifier(
    twice_signed: bytes, authority: IssuedKey, tmp_path: Path
) -> None:
    path = tmp_path / "signed.pdf"
    path.write_bytes(twice_signed)

    assert _pyhanko_statuses(twice_signed, authority.certificate_der) == [
        ("Supervisor", True, True, True),
        ("Investigator", True, True, True),
    ]
    valid, report = pdfsig_valid(path)
    assert valid == 2, report
    assert "Signature Field Name: Supervisor" in report
    assert "Signer Certificate Common Name: Inv. Pat Moreau" in report
    assert "ETSI.CAdES.detached" in report  # the PAdES subfilter
    checked = qpdf_check(path)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "No syntax or stream encoding errors found" in checked.stdout

    first, second = verify_pdf(twice_signed, [authority.certificate_der])
    assert (first.field_name, first.signer, first.signed_at) == (
        "Supervisor",
        "Sgt. Dana Brooks",
        SIGNED_AT,
    )
    assert (first.intact, first.trusted, first.whole_document) == (True, True, False)
    assert first.changes_after == LATER_SIGNATURES_ONLY
    assert (second.field_name, second.signer, second.signed_at) == (
        "Investigator",
        "Inv. Pat Moreau",
        LATER,
    )
    assert (second.intact, second.trusted, second.whole_document) == (True, True, True)
    assert second.changes_after == NO_CHANGES
    assert first.valid
    assert second.valid
    assert first.problem == second.problem == ""


def test_the_second_signature_is_an_incremental_update(
    once_signed: bytes, twice_signed: bytes, authority: IssuedKey
) -> None:
    assert twice_signed.startswith(once_signed)
    first, second = byte_ranges(twice_signed)
    assert first[2] + first[3] == len(once_signed)
    assert second[2] + second[3] == len(twice_signed)
    (alone,) = verify_pdf(once_signed, [authority.certificate_der])
    assert (alone.whole_document, alone.changes_after, alone.valid) == (True, NO_CHANGES, True)


def test_the_visible_block_names_signer_role_and_time(twice_signed: bytes, tmp_path: Path) -> None:
    path = tmp_path / "signed.pdf"
    path.write_bytes(twice_signed)
    image = tmp_path / "page"
    subprocess.run(
        ["pdftoppm", "-r", "100", "-png", "-singlefile", str(path), str(image)],
        check=True,
        timeout=60,
    )
    assert image.with_suffix(".png").stat().st_size > 0
    reader = PdfFileReader(BytesIO(twice_signed))
    texts = []
    for field in reader.root["/AcroForm"]["/Fields"]:
        widget = field.get_object()
        stream = widget["/AP"]["/N"].get_object()
        texts.append(_all_stream_bytes(stream))
    supervisor_text, investigator_text = (_shown(text) for text in texts)
    assert "(Sgt. Dana Brooks) Tj" in supervisor_text
    assert "(Shift supervisor) Tj" in supervisor_text
    assert "(Digitally signed 2026-11-22 03:00 UTC) Tj" in supervisor_text
    assert "(Inv. Pat Moreau) Tj" in investigator_text
    assert "(Investigator) Tj" in investigator_text
    assert "(Digitally signed 2026-11-22 04:17 UTC) Tj" in investigator_text


def _shown(content: bytes) -> str:
    """A content stream with its octal escapes (\\055 for "-") turned back into characters."""
    return re.sub(rb"\\([0-7]{3})", lambda m: bytes([int(m.group(1), 8)]), content).decode(
        "latin-1"
    )


def _all_stream_bytes(stream: generic.StreamObject) -> bytes:
    """The appearance stream and every form XObject it draws, decoded."""
    data = stream.data
    resources = stream.get("/Resources")
    if resources is not None:
        for item in resources.get_object().get("/XObject", {}).values():
            data += _all_stream_bytes(item.get_object())
    return bytes(data)


def test_a_name_outside_latin_1_still_signs_and_shows(authority: IssuedKey, tmp_path: Path) -> None:
    issued = issue_signing_certificate(
        authority.certificate_der, authority.private_key_pem, "Nurse Łucja Ørsted", "", SIGNED_AT
    )
    signer = signer_from(issued, authority, "Nurse Łucja Ørsted", "Medical staff")
    signed = sign_pdf(small_pdf(), signer, "Medical", 0, SUPERVISOR_BOX, SIGNED_AT, "", "")
    (report,) = verify_pdf(signed, [authority.certificate_der])
    assert report.signer == "Nurse Łucja Ørsted"  # the certificate keeps the exact name
    assert report.valid
    path = tmp_path / "signed.pdf"
    path.write_bytes(signed)
    assert pdfsig_valid(path)[0] == 1
    widget = PdfFileReader(BytesIO(signed)).root["/AcroForm"]["/Fields"][0].get_object()
    assert "(Nurse Lucja \xd8rsted) Tj" in _shown(_all_stream_bytes(widget["/AP"]["/N"]))


def test_a_signature_on_a_later_page(supervisor: PdfSigner, authority: IssuedKey) -> None:
    signed = sign_pdf(
        small_pdf(pages=3), supervisor, "Supervisor", 2, SUPERVISOR_BOX, SIGNED_AT, "", ""
    )
    reader = PdfFileReader(BytesIO(signed))
    field = reader.root["/AcroForm"]["/Fields"][0].get_object()
    assert field["/P"].get_object() == reader.root["/Pages"]["/Kids"][2].get_object()
    assert verify_pdf(signed, [authority.certificate_der])[0].valid


def test_any_flipped_byte_inside_a_signed_range_fails(
    twice_signed: bytes, authority: IssuedKey
) -> None:
    first_range, second_range = byte_ranges(twice_signed)
    roots = [authority.certificate_der]
    # The first signature's range lies inside the second's: a change there breaks both.
    for offset in offsets_in(first_range, 12):
        reports = verify_pdf(flipped(twice_signed, offset), roots)
        names = {report.field_name for report in reports if not report.intact}
        assert "Supervisor" in names, (offset, reports)
        assert not any(report.valid for report in reports if report.field_name == "Supervisor")
    # Past the first signature only the second one covers the bytes.
    tail = (first_range[2] + first_range[3], second_range[1] - first_range[2] - first_range[3])
    for offset in offsets_in((tail[0], tail[1], second_range[2], second_range[3]), 12):
        reports = verify_pdf(flipped(twice_signed, offset), roots)
        broken = [report for report in reports if report.field_name == "Investigator"]
        assert broken, (offset, reports)
        assert not broken[0].intact, (offset, reports)
        assert not broken[0].valid


def test_a_sweep_of_flips_never_passes_and_never_crashes(
    twice_signed: bytes, authority: IssuedKey
) -> None:
    _, second_range = byte_ranges(twice_signed)
    for offset in offsets_in(second_range, 40):
        reports = verify_pdf(flipped(twice_signed, offset), [authority.certificate_der])
        assert reports, offset
        assert not all(report.valid for report in reports), (offset, reports)


def test_a_signer_from_another_authority_is_not_trusted(
    authority: IssuedKey, supervisor: PdfSigner, tmp_path: Path
) -> None:
    stranger_root = create_signing_authority("Elsewhere Authority", "Elsewhere", SIGNED_AT)
    stranger = issue_signing_certificate(
        stranger_root.certificate_der, stranger_root.private_key_pem, "Mal Lory", "", SIGNED_AT
    )
    once = sign_pdf(small_pdf(), supervisor, "Supervisor", 0, SUPERVISOR_BOX, SIGNED_AT, "", "")
    signed = sign_pdf(
        once,
        signer_from(stranger, stranger_root, "Mal Lory", "Investigator"),
        "Investigator",
        0,
        INVESTIGATOR_BOX,
        LATER,
        "",
        "",
    )
    first, second = verify_pdf(signed, [authority.certificate_der])
    assert first.valid
    assert (second.signer, second.intact, second.trusted, second.valid) == (
        "Mal Lory",
        True,
        False,
        False,
    )
    assert "not from an authority trusted here" in second.problem
    # pyHanko used directly agrees.
    assert _pyhanko_statuses(signed, authority.certificate_der)[1][2] is False


def test_a_change_after_signing_that_is_not_a_signature_is_reported(
    supervisor: PdfSigner, authority: IssuedKey, tmp_path: Path
) -> None:
    signed = sign_pdf(small_pdf(), supervisor, "Supervisor", 0, SUPERVISOR_BOX, SIGNED_AT, "", "")
    writer = IncrementalPdfFileWriter(BytesIO(signed))
    overlay = writer.add_object(
        generic.StreamObject(stream_data=b"BT /F1 24 Tf 72 600 Td (NO INCIDENT) Tj ET")
    )
    writer.add_stream_to_page(0, overlay)
    output = BytesIO()
    writer.write(output)
    changed = output.getvalue()
    assert changed.startswith(signed)

    (report,) = verify_pdf(changed, [authority.certificate_der])
    assert (report.intact, report.trusted, report.whole_document) == (True, True, False)
    assert report.changes_after == OTHER_CHANGES
    assert not report.valid
    assert "changed after this signature" in report.problem
    path = tmp_path / "changed.pdf"
    path.write_bytes(changed)
    assert qpdf_check(path).returncode == 0


def test_a_pdf_without_signatures_and_files_that_are_not_pdfs() -> None:
    assert verify_pdf(small_pdf(), []) == ()
    with pytest.raises(UnreadablePdf, match="not a PDF"):
        verify_pdf(b"GIF89a not a pdf at all", [])
    with pytest.raises(UnreadablePdf, match="cannot be read"):
        verify_pdf(b"%PDF-1.7\n garbage with no objects", [])


def test_signing_something_that_is_not_a_pdf_says_so(supervisor: PdfSigner) -> None:
    with pytest.raises(SigningFailed, match="not a readable PDF"):
        sign_pdf(b"hello", supervisor, "Supervisor", 0, SUPERVISOR_BOX, SIGNED_AT, "", "")
