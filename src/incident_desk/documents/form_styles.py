"""Paragraph styles of the printed forms, and user text made safe for paragraph markup.

Everything a person typed goes through `markup` before it reaches a `Paragraph`: reportlab
reads its text as XML-like markup, so a name such as ``O'Brien <x> & co`` must be escaped to
print literally. A value nobody recorded prints as "not recorded" in grey italics, never as
a blank that could be filled in later by hand.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from incident_desk.documents.pdf_fonts import BOLD, ITALIC, REGULAR

# Re-exported: the words of a value nobody recorded, unless the form says otherwise.
from incident_desk.domain.documents import NOT_RECORDED as NOT_RECORDED

GREY = colors.HexColor("#555555")
RULE_GREY = colors.HexColor("#9e9e9e")
HEADER_FILL = colors.HexColor("#e6e6e6")
CONFIDENTIAL_RED = colors.HexColor("#b71c1c")

#: Characters that XML (and so paragraph markup) cannot carry; they print as nothing.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

TITLE = ParagraphStyle("FormTitle", fontName=BOLD, fontSize=16, leading=20, spaceAfter=2)
SUBTITLE = ParagraphStyle(
    "FormSubtitle", fontName=REGULAR, fontSize=9, leading=12, textColor=GREY, spaceAfter=8
)
SECTION = ParagraphStyle(
    "SectionTitle",
    fontName=BOLD,
    fontSize=11.5,
    leading=15,
    spaceBefore=10,
    spaceAfter=3,
)
LABEL = ParagraphStyle("FieldLabel", fontName=BOLD, fontSize=8.5, leading=11, textColor=GREY)
VALUE = ParagraphStyle("FieldValue", fontName=REGULAR, fontSize=9.5, leading=12.5)
MISSING = ParagraphStyle("NotRecorded", parent=VALUE, fontName=ITALIC, textColor=GREY)
NARRATIVE = ParagraphStyle("Narrative", parent=VALUE, fontSize=10, leading=14, spaceAfter=6)
NARRATIVE_LABEL = ParagraphStyle("NarrativeLabel", parent=LABEL, spaceAfter=2)
CELL = ParagraphStyle("TableCell", fontName=REGULAR, fontSize=8.5, leading=10.5)
CELL_MISSING = ParagraphStyle("TableCellMissing", parent=CELL, fontName=ITALIC, textColor=GREY)
HEADER_CELL = ParagraphStyle("TableHeader", parent=CELL, fontName=BOLD)
BLOCK_LABEL = ParagraphStyle("SignatureBlock", parent=VALUE, fontName=BOLD, spaceAfter=4)
SMALL = ParagraphStyle("Small", fontName=REGULAR, fontSize=7.5, leading=9, textColor=GREY)
#: Under a reserved signature rectangle, clear of its dotted outline.
BOX_CAPTION = ParagraphStyle("BoxCaption", parent=SMALL, spaceBefore=5)


def markup(text: str) -> str:
    """``text`` as paragraph markup that prints literally; line breaks are kept."""
    cleaned = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    return escape(cleaned.replace("\t", "    ")).replace("\n", "<br/>")


def is_recorded(value: str | None) -> bool:
    return value is not None and value.strip() != ""


def value_paragraph(
    value: str | None,
    style: ParagraphStyle = VALUE,
    missing: ParagraphStyle = MISSING,
    empty: str = NOT_RECORDED,
) -> Paragraph:
    """A value, or ``empty`` ("not recorded" unless the form says otherwise) in grey italics
    when it is absent or blank."""
    if value is None or not is_recorded(value):
        return Paragraph(markup(empty), missing)
    return Paragraph(markup(value.strip()), style)


def text_paragraph(text: str, style: ParagraphStyle) -> Paragraph:
    """Fixed or user text in ``style``, escaped."""
    return Paragraph(markup(text), style)


def paragraphs_of(text: str, style: ParagraphStyle) -> list[Paragraph]:
    """A long text as one paragraph per blank-line-separated part, so it can break between
    pages anywhere a line ends."""
    parts = re.split(r"\n[ \t]*\n", text.replace("\r\n", "\n").strip())
    return [Paragraph(markup(part.strip("\n")), style) for part in parts if part.strip()]
