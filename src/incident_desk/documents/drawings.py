"""Hand-drawn signatures as vector strokes on the page.

A `Drawing` comes from the signature pad: strokes of (x, y) points with y growing downwards.
`stroke_drawing` turns it into a reportlab drawing of a given size, the strokes scaled to fit
and centred, keeping their aspect ratio, so a signature is never stretched or cut off.
"""

from __future__ import annotations

from reportlab.graphics.shapes import Circle, Drawing, PolyLine
from reportlab.lib import colors

from incident_desk.domain.documents import Drawing as StrokeDrawing

#: Blank space kept around the strokes, in points.
PADDING = 2.0
INK = colors.HexColor("#1a237e")


def stroke_drawing(
    source: StrokeDrawing, width: float, height: float, *, line_width: float = 1.2
) -> Drawing:
    """``source`` drawn into a ``width`` x ``height`` point drawing (empty if it has no points)."""
    drawing = Drawing(width, height)
    strokes = [[(point[0], point[1]) for point in stroke] for stroke in source.strokes]
    points = [point for stroke in strokes for point in stroke]
    if not points:
        return drawing
    left = min(x for x, _ in points)
    top = min(y for _, y in points)
    span_x = max(max(x for x, _ in points) - left, 1.0)
    span_y = max(max(y for _, y in points) - top, 1.0)
    room_x, room_y = max(width - 2 * PADDING, 1.0), max(height - 2 * PADDING, 1.0)
    scale = min(room_x / span_x, room_y / span_y)
    offset_x = (width - span_x * scale) / 2
    offset_y = (height - span_y * scale) / 2

    def place(x: float, y: float) -> tuple[float, float]:
        # The pad's y grows downwards, the page's upwards.
        return offset_x + (x - left) * scale, height - offset_y - (y - top) * scale

    for stroke in strokes:
        placed = [place(x, y) for x, y in stroke]
        if len(placed) == 1:
            (x, y) = placed[0]
            drawing.add(
                Circle(x, y, line_width / 2, fillColor=INK, strokeColor=None, strokeWidth=0)
            )
        elif placed:
            flat = [value for point in placed for value in point]
            drawing.add(
                PolyLine(
                    flat,
                    strokeColor=INK,
                    strokeWidth=line_width,
                    strokeLineCap=1,
                    strokeLineJoin=1,
                )
            )
    return drawing
