"""The signature blocks at the end of a form.

Each block is a framed box that never splits across pages: the block's label, the printed
name, role and time of signing, the hand-drawn signature as vector strokes on a signing line,
and beside it an empty rectangle reserved for the visible appearance of a cryptographic
signature. Where that rectangle lands (page and coordinates) is reported back through a
callback when it is drawn, so the signing step can place its signature exactly there.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from reportlab.platypus import Flowable, KeepTogether, Paragraph, Table, TableStyle

from incident_desk.documents.drawings import stroke_drawing
from incident_desk.documents.form_styles import (
    BLOCK_LABEL,
    BOX_CAPTION,
    LABEL,
    RULE_GREY,
    SECTION,
    SMALL,
    text_paragraph,
    value_paragraph,
)
from incident_desk.domain.clock import ensure_utc
from incident_desk.domain.documents import SignatureBlockDefinition, SignatureEntry

Box = tuple[float, float, float, float]
#: Called with the block key and the reserved rectangle (x1, y1, x2, y2) in page points.
BoxRecorder = Callable[[str, Box], None]

RESERVED_WIDTH = 200.0
RESERVED_HEIGHT = 60.0
RESERVED_COLUMN = RESERVED_WIDTH + 16
OUTLINE_GAP = 2.0
DRAWN_HEIGHT = 52.0
SIGNATURES_TITLE = "Signatures"
DRAWN_CAPTION = "Hand-drawn signature"
NOT_DRAWN_CAPTION = "No hand-drawn signature was recorded."
RESERVED_CAPTION = "Reserved for the digital signature"
NAME_LABEL = "Name"
ROLE_LABEL = "Role"
SIGNED_LABEL = "Signed at"
TIME_FORMAT = "%Y-%m-%d %H:%M UTC"


class ReservedBox(Flowable):  # type: ignore[misc]
    """An empty rectangle that reports its place on the page when drawn."""

    def __init__(self, block: str, record: BoxRecorder) -> None:
        super().__init__()
        self.block = block
        self.record = record
        self.width = RESERVED_WIDTH
        self.height = RESERVED_HEIGHT

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        # A faint dotted outline just outside the rectangle shows where the digital
        # signature goes; the rectangle itself stays empty.
        self.canv.saveState()
        self.canv.setStrokeColor(RULE_GREY)
        self.canv.setLineWidth(0.5)
        self.canv.setDash(1, 2)
        gap = OUTLINE_GAP
        self.canv.rect(-gap, -gap, self.width + 2 * gap, self.height + 2 * gap)
        self.canv.restoreState()
        x1, y1 = self.canv.absolutePosition(0, 0)
        x2, y2 = self.canv.absolutePosition(self.width, self.height)
        self.record(self.block, (float(x1), float(y1), float(x2), float(y2)))


def signature_flowables(
    blocks: Sequence[SignatureBlockDefinition],
    entries: Sequence[SignatureEntry],
    width: float,
    record: BoxRecorder,
) -> list[Flowable]:
    """The "Signatures" heading and every block, kept together on the last page when they
    fit on one page; a block on its own never splits."""
    if not blocks:
        return []
    by_block = {entry.block: entry for entry in entries}
    parts: list[Flowable] = [Paragraph(SIGNATURES_TITLE, SECTION)]
    # Each block is a one-row table, which platypus never splits: it moves to the next page
    # whole. (A KeepTogether inside the KeepTogether would always force a page break.)
    parts += [_block(block, by_block.get(block.key), width, record) for block in blocks]
    return [KeepTogether(parts)]


def _block(
    block: SignatureBlockDefinition,
    entry: SignatureEntry | None,
    width: float,
    record: BoxRecorder,
) -> Table:
    left_width = width - RESERVED_COLUMN
    signed_at = None
    if entry is not None and entry.signed_at is not None:
        signed_at = ensure_utc(entry.signed_at).strftime(TIME_FORMAT)
    facts = Table(
        [
            [text_paragraph(NAME_LABEL, LABEL), value_paragraph(entry.name if entry else None)],
            [text_paragraph(ROLE_LABEL, LABEL), value_paragraph(entry.role if entry else None)],
            [text_paragraph(SIGNED_LABEL, LABEL), value_paragraph(signed_at)],
        ],
        colWidths=[62, left_width - 62 - 12],
        style=TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ]
        ),
        hAlign="LEFT",
    )
    drawing = entry.drawing if entry is not None else None
    line_width = min(left_width - 12, 280.0)
    if drawing is not None and any(drawing.strokes):
        ink: object = stroke_drawing(drawing, line_width, DRAWN_HEIGHT)
        caption = text_paragraph(DRAWN_CAPTION, SMALL)
    else:
        ink = ""
        caption = text_paragraph(NOT_DRAWN_CAPTION, SMALL)
    signing_line = Table(
        [[ink], [caption]],
        colWidths=[line_width],
        rowHeights=[DRAWN_HEIGHT + 4, None],
        style=TableStyle(
            [
                ("LINEBELOW", (0, 0), (0, 0), 0.6, RULE_GREY),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                ("VALIGN", (0, 0), (0, 0), "BOTTOM"),
            ]
        ),
        hAlign="LEFT",
    )
    left = [text_paragraph(block.label, BLOCK_LABEL), facts, signing_line]
    right = [ReservedBox(block.key, record), text_paragraph(RESERVED_CAPTION, BOX_CAPTION)]
    return Table(
        [[left, right]],
        colWidths=[left_width, RESERVED_COLUMN],
        style=TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 0.6, RULE_GREY),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ]
        ),
        hAlign="LEFT",
        spaceBefore=6,
    )
