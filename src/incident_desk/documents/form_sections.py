"""The flowing content of a form: its title, then each section by kind.

FIELDS print as label and value pairs, two to a row when both are short; a longer value gets
a row of its own, and a very long one prints like a narrative so it can run across pages.
NARRATIVE prints one long text in paragraphs. TABLE prints rows under a header row that
repeats on every page the table runs onto, its columns widened where a word needs it and a
tall row split at the page's end (`table_layout`); DRAWING cells show the drawn strokes
small. An empty value prints the words its field or column gives ("not recorded" unless the
form says otherwise, e.g. "—" where empty means none).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from reportlab.platypus import (
    CondPageBreak,
    Flowable,
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
from incident_desk.documents.table_layout import (
    LONG_TOKEN_SHARE,
    SMALLEST_PART,
    WORD_ROOM,
    RowSplittingTable,
    fitted_widths,
    style_to_fit,
    widest_word,
)
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
            flowables += _long_text(reference.label, value, reference.empty)
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
    value = values.get(reference.key)
    return [
        text_paragraph(reference.label, LABEL),
        value_paragraph(value, empty=reference.empty),
    ]


def _long_text(label: str, value: str | None, empty: str = NOT_RECORDED) -> list[Flowable]:
    flowables: list[Flowable] = [text_paragraph(label, NARRATIVE_LABEL)]
    if value is None or not is_recorded(value):
        flowables.append(text_paragraph(empty, MISSING))
    else:
        flowables += paragraphs_of(value, NARRATIVE)
    return flowables


# -- narrative ------------------------------------------------------------------------------


def _narrative(section: SectionDefinition, values: Mapping[str, str]) -> list[Flowable]:
    flowables: list[Flowable] = []
    for reference in section.fields:  # one, as the loader checks
        value = values.get(reference.key)
        if reference.label.strip().casefold() == section.title.strip().casefold():
            flowables += _long_text("", value, reference.empty)[1:]
        else:
            flowables += _long_text(reference.label, value, reference.empty)
    return flowables


# -- tables ---------------------------------------------------------------------------------


def _table(section: SectionDefinition, content: DocumentContent, width: float) -> list[Flowable]:
    rows = content.tables.get(section.key, ())
    if not rows:
        return [text_paragraph(section.empty_text or EMPTY_TABLE, MISSING)]
    columns = section.columns
    texts = [[row.get(column.key) or "" for column in columns] for row in rows]
    widths = _column_widths(section, texts, width)
    # Every cell is a list of flowables, so a tall row's paragraphs can split across pages.
    header: list[object] = [[text_paragraph(column.label, HEADER_CELL)] for column in columns]
    data: list[list[object]] = [header]
    for row, row_texts in zip(rows, texts, strict=True):
        cells: list[object] = []
        for column, text, column_width in zip(columns, row_texts, widths, strict=True):
            if column.kind is ColumnKind.DRAWING:
                cells.append([_drawing_cell(row.get(column.key, ""), content, column_width)])
            else:
                cells.append([_text_cell(text, column.empty, column_width)])
        data.append(cells)
    style = TableStyle([*GRID, ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL)])
    table = RowSplittingTable(
        data,
        colWidths=widths,
        repeatRows=1,
        splitByRow=0,
        splitInRow=SMALLEST_PART,
        style=style,
        hAlign="LEFT",
    )
    return [table]


def _column_widths(
    section: SectionDefinition, texts: Sequence[Sequence[str]], width: float
) -> list[float]:
    """The definition's widths, moved so no column is narrower than its longest word."""
    widths = [column.width * width for column in section.columns]
    # A token wider than this is broken wherever it is; no column makes room for it.
    limit = LONG_TOKEN_SHARE * width - 2 * CELL_PADDING - WORD_ROOM
    needed: list[float] = []
    for index, (column, share) in enumerate(zip(section.columns, widths, strict=True)):
        room = share - 2 * CELL_PADDING
        widest = widest_word(column.label, HEADER_CELL, room, limit)
        widest = max(widest, widest_word(column.empty, CELL_MISSING, room, limit))
        for row in texts:
            widest = max(widest, widest_word(row[index], CELL, room, limit))
        needed.append(widest + 2 * CELL_PADDING + WORD_ROOM if widest else 0.0)
    fixed = [column.kind is ColumnKind.DRAWING for column in section.columns]
    return fitted_widths(widths, needed, fixed, width)


def _text_cell(text: str, empty: str, width: float) -> Paragraph:
    """A cell's text, set smaller if even the fitted column is too narrow for a word."""
    room = width - 2 * CELL_PADDING - WORD_ROOM
    if not is_recorded(text):
        missing = style_to_fit(CELL_MISSING, widest_word(empty, CELL_MISSING, room, width), room)
        return value_paragraph(None, CELL, missing, empty)
    return value_paragraph(text, style_to_fit(CELL, widest_word(text, CELL, room, width), room))


def _drawing_cell(key: str, content: DocumentContent, width: float) -> object:
    drawing = content.drawings.get(key) if key else None
    if drawing is None or not any(drawing.strokes):
        return Paragraph(NOT_DRAWN, CELL_MISSING)
    inner = max(width - 2 * CELL_PADDING, 8.0)
    return stroke_drawing(drawing, inner, DRAWING_CELL_HEIGHT, line_width=0.8)
