"""How a form's table shares out its width, and how it breaks across pages.

Column widths come from the form definition, but an ordinary word must never be broken in
the middle ("Photograph s"): a column too narrow for the longest word it holds takes the
room it needs from columns that have some to spare. Only a token longer than a column could
ever be (a long reference without spaces) is still broken, so nothing runs off the page.
Where the other columns have no room to give, that cell's text is set a little smaller.

`RowSplittingTable` lets a tall row split across pages (the header row repeated above the
rest) instead of jumping whole to the next page and leaving a gap; a short row still moves
whole, so a page never starts with the last line of a row.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import getFont, stringWidth
from reportlab.platypus import LongTable

from incident_desk.documents.page_template import BODY_HEIGHT

#: A word wider than this share of the table is a token no column should make room for.
LONG_TOKEN_SHARE = 0.3
#: Room kept beside the measured word, so rounding never tips it onto two lines.
WORD_ROOM = 1.0
#: Cell text may be set down to this size so a word fits whole.
SMALLEST_FONT = 6.5
#: A row at least this tall may split across pages; a shorter one moves whole.
SPLIT_ROW = 72.0
#: Neither part of a split row is shorter than this (about two lines of cell text).
SMALLEST_PART = 26.0


@cache
def word_width(word: str, font: str, size: float) -> float:
    return float(stringWidth(word, font, size))


@cache
def widest_glyph(font: str) -> float:
    """The advance of the font's widest glyph, in ems: a word of no more characters than
    its room over this width certainly fits, without measuring it."""
    widths = getFont(font).face.charWidths
    return max(widths.values(), default=1000.0) / 1000.0


def widest_word(text: str, style: ParagraphStyle, room: float, limit: float) -> float:
    """The width of the widest word of ``text`` in ``style`` up to ``limit`` (a longer token
    breaks wherever it is), or 0 when every word is certainly narrower than ``room`` (most
    are: they are not measured)."""
    size = float(style.fontSize)
    shortest = room / (size * widest_glyph(style.fontName))
    widest = 0.0
    for word in text.split():
        if len(word) > shortest:
            width = word_width(word, style.fontName, size)
            if widest < width <= limit:
                widest = width
    return widest


def fitted_widths(
    widths: Sequence[float], needed: Sequence[float], fixed: Sequence[bool], total: float
) -> list[float]:
    """``widths`` changed as little as possible so each column is at least as wide as it
    ``needed``: the shortfall is taken from the columns wider than they need, in proportion
    to what they can spare. ``fixed`` columns neither give nor take. When there is not enough
    to spare, each short column gets its share of what there is."""
    wanted = [
        width if keep else max(width, need)
        for width, need, keep in zip(widths, needed, fixed, strict=True)
    ]
    shortfall = sum(want - width for want, width in zip(wanted, widths, strict=True))
    if shortfall <= 0:
        return list(widths)
    spare = [
        0.0 if keep else max(width - need, 0.0)
        for width, need, keep in zip(widths, needed, fixed, strict=True)
    ]
    given = min(shortfall, sum(spare))
    if given <= 0:
        return list(widths)
    raise_share, take_share = given / shortfall, given / sum(spare)
    return [
        width + (want - width) * raise_share - room * take_share
        for width, want, room in zip(widths, wanted, spare, strict=True)
    ]


@cache
def smaller_style(style: ParagraphStyle, size: float) -> ParagraphStyle:
    """``style`` set at ``size`` points, its leading in proportion."""
    ratio = size / float(style.fontSize)
    return ParagraphStyle(
        f"{style.name}@{size:g}",
        parent=style,
        fontSize=size,
        leading=float(style.leading) * ratio,
    )


def style_to_fit(style: ParagraphStyle, widest: float, room: float) -> ParagraphStyle:
    """``style``, or a smaller size of it at which a word ``widest`` points wide fits
    ``room``; a word too long even then keeps the style (and is broken where it must be)."""
    if widest <= room:
        return style
    size = float(style.fontSize) * room / widest
    if size < SMALLEST_FONT:
        return style
    # Half-point steps keep the number of distinct styles small.
    return smaller_style(style, int(size * 2) / 2)


class RowSplittingTable(LongTable):  # type: ignore[misc]
    """A table whose tall rows split across pages, the header row repeated above the rest.

    Build it with ``splitByRow=0, splitInRow=SMALLEST_PART``: reportlab then first tries
    to split the row that crosses the page's end, and when that is refused here (the row is
    short, or one part would be a sliver) or cannot be done, it splits between rows. Every
    cell must be a list of flowables, so a cell's paragraphs can be divided line by line.

    What remains after a split always starts a new page: reportlab would otherwise try it in
    the little room left on the same page and could print the repeated header there.
    """

    #: Set on the part that remains after a split.
    continues = False

    def split(self, availWidth: float, availHeight: float) -> list[object]:  # noqa: N803
        if self.continues and availHeight < BODY_HEIGHT - 1:
            return []
        parts: list[RowSplittingTable] = super().split(availWidth, availHeight)
        if len(parts) == 2:
            parts[1].continues = True
        return list(parts)

    def _splitRows(self, availHeight: float, doInRowSplit: int = 0) -> list[object]:  # noqa: N802, N803
        if doInRowSplit and not self._may_split_row(availHeight):
            return []
        result: list[object] = super()._splitRows(availHeight, doInRowSplit)
        return result

    def _may_split_row(self, available: float) -> bool:
        heights: list[float] = self._rowHeights
        crossing = self._getFirstPossibleSplitRowPosition(available, ignoreSpans=1)
        if crossing >= len(heights):
            return True  # the whole table fits: nothing is split
        height = heights[crossing]
        room = available - sum(heights[:crossing])
        return height >= SPLIT_ROW and room >= SMALLEST_PART and height - room >= SMALLEST_PART
