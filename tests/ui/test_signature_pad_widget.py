"""The signature pad: drawn with a mouse, a pen and a finger, cleared, shown back from vectors."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import (
    QEventPoint,
    QImage,
    QInputDevice,
    QPointingDevice,
    QTabletEvent,
    QTouchEvent,
)
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from incident_desk.services.custody_signatures import (
    DrawnSignature,
    EncodedSignature,
    encode_signature,
)
from incident_desk.ui.messages import evidence as words
from incident_desk.ui.widgets.signature_pad_widget import SignatureCanvas, SignaturePadWidget


def make_pad(qtbot: QtBot) -> SignaturePadWidget:
    pad = SignaturePadWidget("person receiving")
    qtbot.addWidget(pad)
    pad.resize(420, 200)
    pad.show()
    qtbot.waitExposed(pad)
    return pad


def draw_with_mouse(qtbot: QtBot, canvas: SignatureCanvas, points: list[tuple[int, int]]) -> None:
    left = Qt.MouseButton.LeftButton
    qtbot.mousePress(canvas, left, pos=QPoint(*points[0]))
    for x, y in points[1:]:
        qtbot.mouseMove(canvas, QPoint(x, y))
    qtbot.mouseRelease(canvas, left, pos=QPoint(*points[-1]))


def ink_pixels(canvas: SignatureCanvas) -> int:
    """Pixels painted in the text colour: the strokes as the person sees them."""
    image = canvas.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    ink = canvas.palette().text().color()
    count = 0
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            colour = image.pixelColor(x, y)
            if abs(colour.red() - ink.red()) + abs(colour.green() - ink.green()) < 90:
                count += 1
    return count


def test_a_mouse_signature_is_kept_as_x_y_t_vectors(qtbot: QtBot, screenshot_dir: Path) -> None:
    pad = make_pad(qtbot)
    assert not pad.is_signed()
    assert not pad.clear_button.isEnabled()
    assert pad.signature() is None
    with qtbot.waitSignal(pad.strokes_changed):
        draw_with_mouse(qtbot, pad.canvas, [(20, 60), (60, 30), (100, 80), (140, 40)])
    draw_with_mouse(qtbot, pad.canvas, [(200, 50), (240, 70)])
    strokes = pad.strokes()
    assert [[point[:2] for point in stroke] for stroke in strokes] == [
        [[20, 60], [60, 30], [100, 80], [140, 40]],
        [[200, 50], [240, 70]],
    ]
    times = [point[2] for stroke in strokes for point in stroke]
    assert times[0] == 0
    assert times == sorted(times)
    assert pad.hint.text() == words.PAD_SIGNED
    assert pad.clear_button.isEnabled()
    signature = pad.signature()
    assert isinstance(signature, DrawnSignature)
    assert (signature.width, signature.height) == (pad.canvas.width(), pad.canvas.height())
    # The custody service accepts exactly what the pad gives.
    encoded = encode_signature(signature, "receiver's", "to_signature")
    assert isinstance(encoded, EncodedSignature)
    assert encoded.width == pad.canvas.width()
    assert ink_pixels(pad.canvas) > 20
    pad.grab().save(str(screenshot_dir / "signature-pad-signed.png"))
    qtbot.mouseClick(pad.clear_button, Qt.MouseButton.LeftButton)
    assert pad.strokes() == []
    assert pad.hint.text() == words.PAD_HINT
    assert ink_pixels(pad.canvas) == 0


def test_a_pen_on_a_tablet_signs(qtbot: QtBot) -> None:
    pad = make_pad(qtbot)
    pen = QPointingDevice.primaryPointingDevice()
    for kind, (x, y) in (
        (QEvent.Type.TabletPress, (30, 40)),
        (QEvent.Type.TabletMove, (50, 45)),
        (QEvent.Type.TabletMove, (80, 70)),
        (QEvent.Type.TabletRelease, (90, 72)),
    ):
        local = QPointF(x, y)
        event = QTabletEvent(
            kind,
            pen,
            local,
            QPointF(pad.canvas.mapToGlobal(local)),
            0.6,
            0.0,
            0.0,
            0.0,
            0.0,
            0.0,
            Qt.KeyboardModifier.NoModifier,
            Qt.MouseButton.LeftButton,
            Qt.MouseButton.LeftButton,
        )
        QApplication.sendEvent(pad.canvas, event)
        assert event.isAccepted()
    assert [[p[:2] for p in stroke] for stroke in pad.strokes()] == [
        [[30, 40], [50, 45], [80, 70], [90, 72]]
    ]


def test_a_finger_on_a_touch_screen_signs(qtbot: QtBot) -> None:
    pad = make_pad(qtbot)
    assert pad.canvas.testAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
    screen = QPointingDevice(
        "touch screen",
        1,
        QInputDevice.DeviceType.TouchScreen,
        QPointingDevice.PointerType.Finger,
        QInputDevice.Capability.Position,
        1,
        0,
    )
    moves = (
        (QEvent.Type.TouchBegin, QEventPoint.State.Pressed, (15, 20)),
        (QEvent.Type.TouchUpdate, QEventPoint.State.Updated, (45, 60)),
        (QEvent.Type.TouchEnd, QEventPoint.State.Released, (70, 65)),
    )
    for kind, state, (x, y) in moves:
        local = QPointF(x, y)
        point = QEventPoint(1, state, local, QPointF(pad.canvas.mapToGlobal(local)))
        event = QTouchEvent(kind, screen, Qt.KeyboardModifier.NoModifier, [point])
        QApplication.sendEvent(pad.canvas, event)
    assert [[p[:2] for p in stroke] for stroke in pad.strokes()] == [[[15, 20], [45, 60], [70, 65]]]


def test_a_keyboard_user_is_told_a_drawn_signature_is_needed(qtbot: QtBot) -> None:
    pad = make_pad(qtbot)
    assert pad.canvas.focusPolicy() == Qt.FocusPolicy.StrongFocus
    assert pad.canvas.accessibleName() == "Signature pad of the person receiving"
    assert "keyboard cannot sign" in pad.canvas.accessibleDescription()
    pad.canvas.setFocus()
    qtbot.keyClick(pad.canvas, Qt.Key.Key_Space)
    assert pad.hint.text() == words.PAD_KEYBOARD_NOTE
    assert pad.strokes() == []


def test_stored_strokes_are_drawn_back_scaled_to_fit(qtbot: QtBot, screenshot_dir: Path) -> None:
    strokes = [[[10, 10, 0], [390, 140, 50]], [[10, 140, 80], [390, 10, 120]]]
    view = SignatureCanvas(read_only=True)
    qtbot.addWidget(view)
    view.resize(160, 60)
    view.set_strokes(strokes, 400, 150)
    view.show()
    qtbot.waitExposed(view)
    assert view.strokes() == [
        [[10.0, 10.0, 0.0], [390.0, 140.0, 50.0]],
        [[10.0, 140.0, 80.0], [390.0, 10.0, 120.0]],
    ]
    assert ink_pixels(view) > 10
    assert view.focusPolicy() == Qt.FocusPolicy.NoFocus
    # Read-only: the mouse does not add strokes.
    draw_with_mouse(qtbot, view, [(5, 5), (50, 50)])
    assert len(view.strokes()) == 2
    view.grab().save(str(screenshot_dir / "signature-small.png"))
