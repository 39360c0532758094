"""The flowing content of a form: its title, then each section by kind.

FIELDS print as label and value pairs, two to a row when both are short; a longer value gets
a row of its own, and a very long one prints like a narrative so it can run across pages.
NARRATIVE prints one long text in paragraphs. TABLE prints rows under a header row that
repeats on every page the table runs onto; DRAWING cells show the drawn strokes small.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    LongTable,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from incident_desk.documents.drawings import stroke_drawing
from incident_desk.documents.form_styles import (
    CELL,
    CELL_MISSING,
    HEADER_CELL,
    HEADER_FILL,
    LABEL,
    MISSING,
    NARRATIVE,
    NARRATIVE_LABEL,
    NOT_RECORDED,
    RULE_GREY,
    SECTION,
    SUBTITLE,
    TITLE,
    is_recorded,
    markup,
    paragraphs_of,
    text_paragraph,
    value_paragraph,
)
from incident_desk.documents.pdf_fonts import REGULAR
from incident_desk.domain.documents import (
    ColumnKind,
    DocumentContent,
    FieldReference,
    FormDefinition,
    SectionDefinition,
    SectionKind,
)

LABEL_WIDTH = 96.0
#: A value up to this many characters (on one line) shares its row with another field.
SHORT_VALUE = 34
#: A value past this many characters (or with a blank line) prints like a narrative.
LONG_VALUE = 700
CELL_PADDING = 3.0
HEADING_ROOM = 96.0
#: Rough width of one character of cell text, to spot a cell taller than a page.
CELL_CHARACTER_WIDTH = 4.6
#: A row estimated taller than this may split inside itself across pages.
TALL_ROW = 300.0
DRAWING_CELL_HEIGHT = 26.0
NOT_DRAWN = "not drawn"
EMPTY_TABLE = "Nothing recorded."
CITATION_MARKUP = '   <font name="{font}" size="8" color="#555555">{citation}</font>'
VERSION_LINE = "Version {version}"
POLICY_LINE = "Policy: {citation}"
GRID = [
    ("GRID", (0, 0), (-1, -1), 0.4, RULE_GREY),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
    ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
    ("TOPPADDING", (0, 0), (-1, -1), 2.5),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
]


def title_flowables(definition: FormDefinition) -> list[Flowable]:
    """The form's title, version and policy citation at the top of its first page."""
    lines = [VERSION_LINE.format(version=definition.version)]
    if definition.citation:
        lines.append(POLICY_LINE.format(citation=definition.citation))
    return [
        text_paragraph(definition.title, TITLE),
        text_paragraph("   ·   ".join(lines), SUBTITLE),
    ]


def section_flowables(
    section: SectionDefinition, content: DocumentContent, width: float
) -> list[Flowable]:
    heading = markup(section.title)
    if section.citation:
        heading += CITATION_MARKUP.format(font=REGULAR, citation=markup(section.citation))
    # A heading never ends a page: with less room than this left it starts the next one.
    # (keepWithNext would push a whole page-long narrative or table after it instead.)
    flowables: list[Flowable] = [CondPageBreak(HEADING_ROOM), Paragraph(heading, SECTION)]
    if section.kind is SectionKind.FIELDS:
        flowables += _fields(section.fields, content.values, width)
    elif section.kind is SectionKind.NARRATIVE:
        flowables += _narrative(section, content.values)
    else:
        flowables += _table(section, content, width)
    return flowables


# -- fields ---------------------------------------------------------------------------------


def _fields(
    fields: Sequence[FieldReference], values: Mapping[str, str], width: float
) -> list[Flowable]:
    flowables: list[Flowable] = []
    rows: list[list[object]] = []
    spans: list[int] = []
    pending: FieldReference | None = None
    value_width = (width - 2 * LABEL_WIDTH) / 2

    def alone(reference: FieldReference) -> None:
        spans.append(len(rows))
        rows.append([*_pair(reference, values), "", ""])

    def flush() -> None:
        nonlocal pending
        if pending is not None:
            alone(pending)
            pending = None
        if rows:
            style = [*GRID] + [("SPAN", (1, row), (3, row)) for row in spans]
            widths = [LABEL_WIDTH, value_width, LABEL_WIDTH, value_width]
            flowables.append(Table(rows, colWidths=widths, style=TableStyle(style), hAlign="LEFT"))
            rows.clear()
            spans.clear()

    for reference in fields:
        value = values.get(reference.key)
        size = _size(value)
        if size == "long":
            flush()
            flowables.append(Spacer(1, 4))
            flowables += _long_text(reference.label, value)
        elif size == "short":
            if pending is None:
                pending = reference
            else:
                rows.append([*_pair(pending, values), *_pair(reference, values)])
                pending = None
        else:
            if pending is not None:
                alone(pending)
                pending = None
            alone(reference)
    flush()
    return flowables


def _size(value: str | None) -> str:
    if value is None or not is_recorded(value):
        return "short"
    text = value.strip()
    if len(text) > LONG_VALUE or "\n\n" in text.replace("\r\n", "\n"):
        return "long"
    if len(text) <= SHORT_VALUE and "\n" not in text:
        return "short"
    return "medium"


def _pair(reference: FieldReference, values: Mapping[str, str]) -> list[object]:
    return [text_paragraph(reference.label, LABEL), value_paragraph(values.get(reference.key))]


def _long_text(label: str, value: str | None) -> list[Flowable]:
    flowables: list[Flowable] = [text_paragraph(label, NARRATIVE_LABEL)]
    if value is None or not is_recorded(value):
        flowables.append(Paragraph(NOT_RECORDED, MISSING))
    else:
        flowables += paragraphs_of(value, NARRATIVE)
    return flowables


# -- narrative ------------------------------------------------------------------------------


def _narrative(section: SectionDefinition, values: Mapping[str, str]) -> list[Flowable]:
    flowables: list[Flowable] = []
    for reference in section.fields:  # one, as the loader checks
        value = values.get(reference.key)
        if reference.label.strip().casefold() == section.title.strip().casefold():
            flowables += _long_text("", value)[1:]
        else:
            flowables += _long_text(reference.label, value)
    return flowables


# -- tables ---------------------------------------------------------------------------------


def _table(section: SectionDefinition, content: DocumentContent, width: float) -> list[Flowable]:
    rows = content.tables.get(section.key, ())
    if not rows:
        return [text_paragraph(section.empty_text or EMPTY_TABLE, MISSING)]
    widths = [column.width * width for column in section.columns]
    header = [text_paragraph(column.label, HEADER_CELL) for column in section.columns]
    data: list[list[object]] = [header]
    for row in rows:
        cells: list[object] = []
        for column, column_width in zip(section.columns, widths, strict=True):
            if column.kind is ColumnKind.DRAWING:
                cells.append(_drawing_cell(row.get(column.key, ""), content, column_width))
            else:
                cells.append(value_paragraph(row.get(column.key), CELL, CELL_MISSING))
        data.append(cells)
    style = TableStyle([*GRID, ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL)])
    table = LongTable(
        data,
        colWidths=widths,
        repeatRows=1,
        splitInRow=1 if _has_tall_row(section, rows, widths) else 0,
        style=style,
        hAlign="LEFT",
    )
    return [table]


def _has_tall_row(
    section: SectionDefinition, rows: Sequence[Mapping[str, str]], widths: Sequence[float]
) -> bool:
    """Whether some row may not fit on a page: then rows may split inside themselves.
    Otherwise a row always stays whole, so a page never starts with half a row."""
    for row in rows:
        for column, width in zip(section.columns, widths, strict=True):
            if column.kind is ColumnKind.DRAWING:
                continue
            text = row.get(column.key) or ""
            per_line = max((width - 2 * CELL_PADDING) / CELL_CHARACTER_WIDTH, 1.0)
            lines = len(text) / per_line + text.count("\n")
            if lines * CELL.leading > TALL_ROW:
                return True
    return False


def _drawing_cell(key: str, content: DocumentContent, width: float) -> object:
    drawing = content.drawings.get(key) if key else None
    if drawing is None or not any(drawing.strokes):
        return Paragraph(NOT_DRAWN, CELL_MISSING)
    inner = max(width - 2 * CELL_PADDING, 8.0)
    return stroke_drawing(drawing, inner, DRAWING_CELL_HEIGHT, line_width=0.8)
