"""The QR code in every page's footer, tying a paper copy to the record it came from.

The payload names the case, the form and its version, the subject (an evidence item, or
nothing), the SHA-256 of the document's content and the audit chain head when it was made::

    incident-desk|<case>|<form_key>|<version>|<subject>|sha256:<digest>|audit:<audit head>

`footer_payload` rebuilds it from a `DocumentContent`, so whoever checks a scanned copy
compares exactly what the printer drew. The symbol is worked out once per document, written
once into the file and shown on every page.
"""

from __future__ import annotations

from reportlab.graphics.barcode.qrencoder import QRCode, QRErrorCorrectLevel
from reportlab.pdfgen.canvas import Canvas

from incident_desk.domain.documents import DocumentContent

PAYLOAD_PREFIX = "incident-desk"
#: Blank modules around the symbol (the standard asks for four).
QUIET_MODULES = 4

#: The name of the drawn symbol inside one PDF (one document, one payload).
FORM_NAME = "FooterCode"

Modules = tuple[tuple[bool, ...], ...]


def footer_payload(content: DocumentContent) -> str:
    """The exact text the footer QR code carries for ``content``."""
    header = content.header
    parts = (
        PAYLOAD_PREFIX,
        header.case_number,
        content.form_key,
        content.form_version,
        header.subject,
        f"sha256:{content.digest()}",
        f"audit:{header.audit_head}",
    )
    return "|".join(parts)


def qr_modules(payload: str) -> Modules:
    """The QR symbol of ``payload`` (medium error correction: survives a crease or a smudge
    on a photocopy), as rows of dark (True) and light modules."""
    code = QRCode(None, QRErrorCorrectLevel.M)
    code.addData(payload)
    code.make()
    return tuple(tuple(bool(cell) for cell in row) for row in code.modules)


def draw_footer_code(canvas: Canvas, modules: Modules, x: float, y: float, size: float) -> None:
    """Draw the symbol as a ``size`` point square with its lower left at x, y; the quiet
    zone is inside the square. The squares are written once into the file (a form XObject)
    and every page refers to them."""
    if not canvas.hasForm(FORM_NAME):
        canvas.beginForm(FORM_NAME, lowerx=0, lowery=0, upperx=size, uppery=size)
        _draw_modules(canvas, modules, size)
        canvas.endForm()
    canvas.saveState()
    canvas.translate(x, y)
    canvas.doForm(FORM_NAME)
    canvas.restoreState()


def _draw_modules(canvas: Canvas, modules: Modules, size: float) -> None:
    count = len(modules) + 2 * QUIET_MODULES
    step = size / count
    canvas.setFillColorRGB(0, 0, 0)
    path = canvas.beginPath()
    for row_index, row in enumerate(modules):
        top = size - (QUIET_MODULES + row_index) * step
        column = 0
        while column < len(row):
            if not row[column]:
                column += 1
                continue
            start = column
            while column < len(row) and row[column]:
                column += 1
            path.rect((QUIET_MODULES + start) * step, top - step, (column - start) * step, step)
    canvas.drawPath(path, stroke=0, fill=1)
