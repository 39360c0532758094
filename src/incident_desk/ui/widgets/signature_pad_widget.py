"""A signature pad: a person signs with a mouse, a pen tablet or a finger on a touch screen.

Strokes are kept as vectors, each a list of ``[x, y, t]`` points (pad pixels and milliseconds
since the first touch), the format ``services.custody_signatures`` stores and fingerprints.
The same drawing surface shows a stored signature back, scaled to fit, for the history view.
A keyboard cannot sign: the pad still takes focus, and says so in words when a key is pressed.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
    QTabletEvent,
    QTouchEvent,
)
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from incident_desk.services.custody_signatures import DrawnSignature
from incident_desk.ui.messages import evidence as words

StrokeList = list[list[list[float]]]
PAD_SIZE = QSize(360, 120)


def _rounded(value: float) -> float:
    return round(value, 1)


class SignatureCanvas(QWidget):
    """The surface strokes are drawn on (``read_only`` to show a stored signature)."""

    strokes_changed = Signal()
    keyboard_used = Signal()

    def __init__(self, parent: QWidget | None = None, *, read_only: bool = False) -> None:
        super().__init__(parent)
        self._read_only = read_only
        self._strokes: StrokeList = []
        self._size = QSize(0, 0)  # the pad size the strokes were drawn on
        self._started: float | None = None
        self._drawing = False
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.Base)
        if read_only:
            self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        else:
            self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)
            self.setCursor(Qt.CursorShape.CrossCursor)
            self.setMinimumSize(PAD_SIZE)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return PAD_SIZE

    # -- the strokes -----------------------------------------------------------------------------

    def strokes(self) -> StrokeList:
        return [[list(point) for point in stroke] for stroke in self._strokes]

    def pad_size(self) -> QSize:
        return QSize(self._size)

    def set_strokes(
        self, strokes: Sequence[Sequence[Sequence[float]]], width: int = 0, height: int = 0
    ) -> None:
        """Show stored strokes; ``width`` and ``height`` are the pad they were drawn on."""
        self._strokes = [[[float(v) for v in point[:3]] for point in stroke] for stroke in strokes]
        xs = [p[0] for stroke in self._strokes for p in stroke] or [0.0]
        ys = [p[1] for stroke in self._strokes for p in stroke] or [0.0]
        self._size = QSize(width or int(max(xs)) + 1, height or int(max(ys)) + 1)
        self._drawing = False
        self.update()

    def clear(self) -> None:
        had = bool(self._strokes)
        self._strokes = []
        self._started = None
        self._drawing = False
        self.update()
        if had:
            self.strokes_changed.emit()

    # -- input: mouse, pen and touch all end here -----------------------------------------------

    def _begin(self, position: QPointF) -> None:
        if self._read_only:
            return
        now = time.monotonic()
        if self._started is None:
            self._started = now  # the first point is the signature's time zero, exactly
            self._size = QSize(self.width(), self.height())
        self._drawing = True
        self._strokes.append([self._point(position, now)])
        self.update()

    def _extend(self, position: QPointF) -> None:
        if self._drawing and self._strokes:
            self._strokes[-1].append(self._point(position))
            self.update()

    def _end(self, position: QPointF | None) -> None:
        if not self._drawing:
            return
        last = self._strokes[-1][-1] if self._strokes and self._strokes[-1] else None
        if position is not None and (
            last is None or [_rounded(position.x()), _rounded(position.y())] != last[:2]
        ):
            self._extend(position)
        self._drawing = False
        self.strokes_changed.emit()

    def _point(self, position: QPointF, now: float | None = None) -> list[float]:
        now = time.monotonic() if now is None else now
        started = self._started if self._started is not None else now
        x = min(max(position.x(), 0.0), float(max(self.width() - 1, 0)))
        y = min(max(position.y(), 0.0), float(max(self.height() - 1, 0)))
        return [_rounded(x), _rounded(y), _rounded((now - started) * 1000)]

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        if event.button() == Qt.MouseButton.LeftButton:
            self._begin(event.position())
            event.accept()
        else:
            super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        self._extend(event.position())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        if event.button() == Qt.MouseButton.LeftButton:
            self._end(event.position())

    def tabletEvent(self, event: QTabletEvent) -> None:  # noqa: N802 - Qt's name
        kind = event.type()
        if kind == QEvent.Type.TabletPress:
            self._begin(event.position())
        elif kind == QEvent.Type.TabletMove:
            self._extend(event.position())
        elif kind == QEvent.Type.TabletRelease:
            self._end(event.position())
        event.accept()  # no mouse events are made up from the pen's

    def event(self, event: QEvent) -> bool:
        kind = event.type()
        touch = (QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd)
        if kind in touch and isinstance(event, QTouchEvent) and not self._read_only:
            points = event.points()
            if points:
                # Mapped from the screen: a touch point's own position is relative to the window.
                position = self.mapFromGlobal(points[0].globalPosition())
                if kind == QEvent.Type.TouchBegin:
                    self._begin(position)
                elif kind == QEvent.Type.TouchUpdate:
                    self._extend(position)
                else:
                    self._end(position)
            event.accept()
            return True
        if kind == QEvent.Type.TouchCancel:
            self._end(None)
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab, Qt.Key.Key_Escape):
            super().keyPressEvent(event)
            return
        self.keyboard_used.emit()
        event.accept()

    # -- drawing -----------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        if not self._read_only:
            guide = QPen(palette.color(QPalette.ColorRole.PlaceholderText), 1)
            painter.setPen(guide)
            baseline = self.height() - 28
            painter.drawLine(12, baseline, self.width() - 12, baseline)
            painter.drawText(14, baseline - 6, "\u00d7")
            if self.hasFocus():
                focus = QPen(palette.color(QPalette.ColorRole.Highlight), 2)
                painter.setPen(focus)
                painter.drawRect(QRectF(1, 1, self.width() - 2, self.height() - 2))
        scale, dx, dy = self._fit()
        pen = QPen(palette.color(QPalette.ColorRole.Text), 2.2 if not self._read_only else 1.4)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        for stroke in self._strokes:
            if len(stroke) == 1:
                x, y = stroke[0][0] * scale + dx, stroke[0][1] * scale + dy
                painter.drawPoint(QPointF(x, y))
                continue
            path = QPainterPath(QPointF(stroke[0][0] * scale + dx, stroke[0][1] * scale + dy))
            for point in stroke[1:]:
                path.lineTo(point[0] * scale + dx, point[1] * scale + dy)
            painter.drawPath(path)
        painter.end()

    def _fit(self) -> tuple[float, float, float]:
        """Scale and offset that fit the pad the strokes were drawn on into this widget."""
        width, height = self._size.width(), self._size.height()
        if width <= 0 or height <= 0 or (width == self.width() and height == self.height()):
            return 1.0, 0.0, 0.0
        scale = min(self.width() / width, self.height() / height)
        return scale, (self.width() - width * scale) / 2, (self.height() - height * scale) / 2


class SignaturePadWidget(QFrame):
    """A labelled pad with a Clear button; ``strokes()`` is what the custody service stores."""

    strokes_changed = Signal()

    def __init__(self, whose: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.canvas = SignatureCanvas(self)
        self.canvas.setAccessibleName(words.PAD_ACCESSIBLE_NAME.format(whose=whose))
        self.canvas.setAccessibleDescription(words.PAD_KEYBOARD_NOTE)
        self.canvas.setToolTip(words.PAD_KEYBOARD_NOTE)
        self.title = QLabel(words.PAD_TITLE.format(whose=whose), self)
        self.hint = QLabel(words.PAD_HINT, self)
        self.hint.setWordWrap(True)
        self.hint.setAccessibleName(words.PAD_HINT_ACCESSIBLE_NAME.format(whose=whose))
        self.clear_button = QPushButton(words.PAD_CLEAR, self)
        self.clear_button.setAccessibleName(words.PAD_CLEAR_ACCESSIBLE_NAME.format(whose=whose))
        self.clear_button.setEnabled(False)
        self.clear_button.clicked.connect(self._on_clear_button_clicked)
        self.canvas.strokes_changed.connect(self._on_canvas_strokes_changed)
        self.canvas.keyboard_used.connect(self._on_canvas_keyboard_used)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.title)
        layout.addWidget(self.canvas)
        row = QHBoxLayout()
        row.addWidget(self.hint, 1)
        row.addWidget(self.clear_button)
        layout.addLayout(row)
        self.setFocusProxy(self.canvas)

    def is_signed(self) -> bool:
        return bool(self.canvas.strokes())

    def strokes(self) -> StrokeList:
        """Every stroke as ``[x, y, t]`` points (empty when nothing is drawn)."""
        return self.canvas.strokes()

    def signature(self) -> DrawnSignature | None:
        """The strokes with the pad's size, ready for the custody service; None if unsigned."""
        strokes = self.canvas.strokes()
        if not strokes:
            return None
        size = self.canvas.pad_size()
        return DrawnSignature(strokes, size.width(), size.height())

    def set_strokes(
        self, strokes: Sequence[Sequence[Sequence[float]]], width: int = 0, height: int = 0
    ) -> None:
        self.canvas.set_strokes(strokes, width, height)
        self._on_canvas_strokes_changed()

    def clear(self) -> None:
        self.canvas.clear()
        self.hint.setText(words.PAD_HINT)

    def _on_clear_button_clicked(self) -> None:
        self.clear()
        self.canvas.setFocus()

    def _on_canvas_strokes_changed(self) -> None:
        signed = self.is_signed()
        self.clear_button.setEnabled(signed)
        self.hint.setText(words.PAD_SIGNED if signed else words.PAD_HINT)
        self.strokes_changed.emit()

    def _on_canvas_keyboard_used(self) -> None:
        self.hint.setText(words.PAD_KEYBOARD_NOTE)
