"""Evidence bag labels (SPEC "Evidence and chain of custody"): a 4 x 2 inch PDF page per bag.

Each label carries the case number, the item number, a short description (already worded by
role, never by name, because everyone who handles the bag sees it), a Code128 barcode and a QR
code of the item number. A USB scanner reading either code types the item number back.

The bars and the QR modules are worked out once here (``label_codes``) so that a screen printing
the same labels straight to a printer draws exactly what the PDF holds.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from reportlab.graphics.barcode.code128 import Code128
from reportlab.graphics.barcode.qrencoder import QRCode, QRErrorCorrectLevel
from reportlab.lib.units import inch
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from incident_desk.documents.pdf_fonts import BOLD, REGULAR, register_fonts

LABEL_WIDTH = 4 * inch
LABEL_HEIGHT = 2 * inch
MARGIN = 0.12 * inch
QR_SIZE = 0.95 * inch
BARCODE_HEIGHT = 0.5 * inch
#: Blank modules either side of the bars, so a scanner finds where the code starts.
QUIET_MODULES = 10
#: Blank modules around the QR symbol (the standard asks for four).
QR_BORDER = 4
DESCRIPTION_LIMIT = 90
DESCRIPTION_LINES = 2
TITLE = "EVIDENCE"
CASE_LINE = "Case {case_number}"
FALLBACK_FONT = "Helvetica"
FALLBACK_BOLD = "Helvetica-Bold"


@dataclass(frozen=True)
class EvidenceLabel:
    case_number: str
    item_number: str
    description: str


@dataclass(frozen=True)
class LabelCodes:
    """What a label's two codes are made of, independent of how they are drawn."""

    payload: str
    #: Code128 as (dark, width in modules) runs, quiet zones excluded.
    bars: tuple[tuple[bool, int], ...]
    #: QR modules, row by row, True for dark; the border is not included.
    qr_modules: tuple[tuple[bool, ...], ...]

    @property
    def bar_modules(self) -> int:
        return sum(width for _dark, width in self.bars)


def label_payload(item_number: str) -> str:
    """What both codes hold: the item number exactly as the record writes it."""
    return item_number.strip().upper()


def short_description(description: str, limit: int = DESCRIPTION_LIMIT) -> str:
    """The description on one line, cut at a word with an ellipsis if longer than ``limit``."""
    text = " ".join(description.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0] or text[: limit - 1]
    return cut.rstrip(",;:") + "\u2026"


@lru_cache(maxsize=512)
def label_codes(item_number: str) -> LabelCodes:
    payload = label_payload(item_number)
    code = Code128(payload)
    code.validate()
    code.encode()
    code.decompose()
    bars: list[tuple[bool, int]] = []
    for char in code.decomposed:
        if char.isupper():
            bars.append((True, ord(char) - ord("A") + 1))
        elif char.islower():
            bars.append((False, ord(char) - ord("a") + 1))
    qr = QRCode(None, QRErrorCorrectLevel.M)
    qr.addData(payload)
    qr.make()
    modules = tuple(tuple(bool(cell) for cell in row) for row in qr.modules)
    return LabelCodes(payload, tuple(bars), modules)


def label_fonts() -> tuple[str, str]:
    """(regular, bold) font names: DejaVu Sans when bundled (prints any script), else Helvetica."""
    return _fonts()


@lru_cache(maxsize=1)
def _fonts() -> tuple[str, str]:
    try:
        register_fonts()
    except FileNotFoundError:  # a build without the bundled fonts still prints Latin text
        return FALLBACK_FONT, FALLBACK_BOLD
    return REGULAR, BOLD


def wrap_description(description: str, font: str, size: float, width: float) -> list[str]:
    """The short description in at most two lines of ``width`` points."""
    words = short_description(description).split()
    lines: list[str] = []
    current = ""
    for word in words:
        trial = f"{current} {word}".strip()
        if current and pdfmetrics.stringWidth(trial, font, size) > width:
            lines.append(current)
            current = word
        else:
            current = trial
    if current:
        lines.append(current)
    if len(lines) > DESCRIPTION_LINES:
        lines = lines[:DESCRIPTION_LINES]
        lines[-1] = lines[-1].rstrip(",;:") + "\u2026"
    return lines


def render_labels(labels: Sequence[EvidenceLabel]) -> bytes:
    """A PDF with one 4 x 2 inch page per label, for a label printer or cut from a sheet."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(LABEL_WIDTH, LABEL_HEIGHT), pageCompression=1)
    canvas.setTitle("Evidence labels")
    canvas.setCreator("Incident Desk")
    for label in labels:
        _draw_label(canvas, label)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _draw_label(canvas: Canvas, label: EvidenceLabel) -> None:
    regular, bold = label_fonts()
    codes = label_codes(label.item_number)
    top = LABEL_HEIGHT - MARGIN
    text_width = LABEL_WIDTH - 2 * MARGIN - QR_SIZE - 6
    canvas.setFont(bold, 9)
    canvas.drawString(MARGIN, top - 9, TITLE)
    canvas.setFont(regular, 9)
    canvas.drawString(MARGIN, top - 21, CASE_LINE.format(case_number=label.case_number))
    size = 14.0
    while size > 8 and pdfmetrics.stringWidth(codes.payload, bold, size) > text_width:
        size -= 0.5
    canvas.setFont(bold, size)
    canvas.drawString(MARGIN, top - 38, codes.payload)
    canvas.setFont(regular, 8.5)
    for index, line in enumerate(wrap_description(label.description, regular, 8.5, text_width)):
        canvas.drawString(MARGIN, top - 52 - index * 10.5, line)
    _draw_qr(canvas, codes, LABEL_WIDTH - MARGIN - QR_SIZE, top - QR_SIZE)
    _draw_bars(canvas, codes, MARGIN, MARGIN, LABEL_WIDTH - 2 * MARGIN)


def _draw_qr(canvas: Canvas, codes: LabelCodes, x: float, y: float) -> None:
    count = len(codes.qr_modules)
    module = QR_SIZE / (count + 2 * QR_BORDER)
    canvas.setFillGray(0)
    for row_index, row in enumerate(codes.qr_modules):
        row_y = y + QR_SIZE - (row_index + QR_BORDER + 1) * module
        column = 0
        while column < count:
            if row[column]:
                start = column
                while column < count and row[column]:
                    column += 1
                left = x + (start + QR_BORDER) * module
                canvas.rect(left, row_y, (column - start) * module, module, stroke=0, fill=1)
            else:
                column += 1


def _draw_bars(canvas: Canvas, codes: LabelCodes, x: float, y: float, width: float) -> None:
    module = min(1.2, width / (codes.bar_modules + 2 * QUIET_MODULES))
    used = (codes.bar_modules + 2 * QUIET_MODULES) * module
    left = x + (width - used) / 2 + QUIET_MODULES * module
    canvas.setFillGray(0)
    for dark, modules in codes.bars:
        if dark:
            canvas.rect(left, y, modules * module, BARCODE_HEIGHT, stroke=0, fill=1)
        left += modules * module
