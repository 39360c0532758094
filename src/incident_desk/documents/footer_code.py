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

#: The mask patterns tried, in order (see `qr_modules`).
MASK_ORDER = (2, 5, 0, 3, 6, 1, 4, 7)
#: How far from half the dark modules' share may be (the standard's penalty starts at 5%).
MAX_IMBALANCE = 0.05

#: The name of the drawn symbol inside one PDF (one document, one payload).
FORM_NAME = "FooterCode"

Modules = tuple[tuple[bool, ...], ...]


def payload_subject(code: str) -> str | None:
    """The subject (an evidence item's number) a footer code names, or None when ``code`` is
    not a footer code or names none: scanning a printed chain of evidence form finds its item."""
    parts = code.split("|")
    if len(parts) != 7 or parts[0] != PAYLOAD_PREFIX or not parts[4].strip():
        return None
    return parts[4].strip()


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
    on a photocopy), as rows of dark (True) and light modules.

    Any of the eight mask patterns gives a valid symbol that every reader decodes; choosing
    the best one by the standard's penalty score means building all eight (most of the time
    a form takes to draw). So the masks are tried in a fixed order and the first whose dark
    and light modules are balanced is kept: almost always the first."""
    code = QRCode(None, QRErrorCorrectLevel.M)
    code.addData(payload)
    code.version = code.calculate_version()
    for mask in MASK_ORDER:
        code.makeImpl(False, mask)
        if _balanced(code.modules):
            break
    return tuple(tuple(bool(cell) for cell in row) for row in code.modules)


def _balanced(modules: list[list[bool | None]]) -> bool:
    dark = sum(1 for row in modules for cell in row if cell)
    share = dark / (len(modules) ** 2)
    return abs(share - 0.5) <= MAX_IMBALANCE


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
    """The dark modules as one filled path of rectangles, one per run of dark modules in a
    row, written in module units (whole numbers, under a scale) straight into the content:
    thousands of small numbers that reportlab would otherwise format one by one."""
    count = len(modules) + 2 * QUIET_MODULES
    runs: list[str] = []
    for row_index, row in enumerate(modules):
        y = count - QUIET_MODULES - row_index - 1
        column = 0
        while column < len(row):
            if not row[column]:
                column += 1
                continue
            start = column
            while column < len(row) and row[column]:
                column += 1
            runs.append(f"{QUIET_MODULES + start} {y} {column - start} 1 re")
    canvas.saveState()
    canvas.setFillColorRGB(0, 0, 0)
    canvas.scale(size / count, size / count)
    canvas.addLiteral("\n".join([*runs, "f"]))
    canvas.restoreState()
