"""Evidence bag labels: rendered to PDF, printed at 300 dpi, read back by a real barcode reader."""

from __future__ import annotations

import subprocess
from pathlib import Path

import zxingcpp
from PIL import Image

from incident_desk.documents.evidence_label import (
    EvidenceLabel,
    label_codes,
    label_payload,
    render_labels,
    short_description,
)

LABELS = [
    EvidenceLabel(
        "KSR-2026-00001", "KSR-2026-00001-E001", "Clean sheet the alleged victim undressed over"
    ),
    EvidenceLabel(
        "KSR-2026-00001",
        "KSR-2026-00001-E002",
        "Grey sweatshirt, worn by the alleged perpetrator, torn at the left sleeve and stained "
        "near the collar, with a second tear along the hem at the back",
    ),
]


def decoded_pages(pdf: bytes, folder: Path) -> list[dict[str, str]]:
    """Each page rasterised at 300 dpi by poppler, then every code on it read by zxing-cpp."""
    source = folder / "labels.pdf"
    source.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "300", "-png", str(source), str(folder / "page")], check=True)
    pages = []
    for image in sorted(folder.glob("page-*.png")):
        found = zxingcpp.read_barcodes(Image.open(image))
        pages.append({result.format.name: result.text for result in found})
    return pages


def pdf_text(pdf: bytes, folder: Path) -> str:
    source = folder / "text.pdf"
    source.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", "-layout", str(source), "-"], check=True, capture_output=True, text=True
    ).stdout


def test_both_codes_decode_back_to_the_item_number(tmp_path: Path) -> None:
    pdf = render_labels(LABELS)
    assert pdf.startswith(b"%PDF")
    pages = decoded_pages(pdf, tmp_path)
    assert pages == [
        {"QRCode": "KSR-2026-00001-E001", "Code128": "KSR-2026-00001-E001"},
        {"QRCode": "KSR-2026-00001-E002", "Code128": "KSR-2026-00001-E002"},
    ]


def test_each_label_is_four_by_two_inches_with_case_item_and_short_description(
    tmp_path: Path,
) -> None:
    pdf = render_labels(LABELS)
    source = tmp_path / "info.pdf"
    source.write_bytes(pdf)
    info = subprocess.run(
        ["pdfinfo", str(source)], check=True, capture_output=True, text=True
    ).stdout
    assert "Pages:           2" in info
    assert "288 x 144 pts" in info
    text = " ".join(pdf_text(pdf, tmp_path).split())
    assert "EVIDENCE Case KSR-2026-00001 KSR-2026-00001-E001" in text
    assert "Clean sheet the alleged victim undressed over" in text
    assert "Grey sweatshirt, worn by the alleged perpetrator" in text
    assert "with a second tear along the hem at the back" not in text  # cut short, with "…"
    assert "\u2026" in text


def test_the_payload_is_the_item_number_as_the_record_writes_it() -> None:
    assert label_payload("  ksr-2026-00001-e003 ") == "KSR-2026-00001-E003"
    codes = label_codes("KSR-2026-00001-E003")
    assert codes.payload == "KSR-2026-00001-E003"
    assert codes.bars[0][0] is True  # a Code128 symbol starts with a bar
    assert len(codes.qr_modules) == len(codes.qr_modules[0]) >= 21


def test_a_long_description_is_cut_at_a_word() -> None:
    text = "word " * 40
    short = short_description(text, limit=30)
    assert short.endswith("\u2026")
    assert len(short) <= 30
    assert "wor\u2026" not in short
    assert short_description("  Torn   grey T-shirt ") == "Torn grey T-shirt"


def test_no_label_is_an_empty_document() -> None:
    assert render_labels([]).startswith(b"%PDF")
