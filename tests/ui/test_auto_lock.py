"""Auto-lock: inactivity locks the window, the lock screen hides the records and blocks input,
and the same user's passphrase unlocks it with everything typed still in place."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QColor, QImage, QKeySequence
from PySide6.QtWidgets import QApplication, QLineEdit, QMainWindow, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from incident_desk.services.workspace import Workspace, reauthenticate
from incident_desk.ui.shell.lock_controller import LockController
from incident_desk.ui.shell.lock_overlay_widget import LockOverlayWidget, attach_lock
from tests.conftest import passphrase_of

CASE_TEXT = "Inmate J. Doe #40417 reported at 02:40 in C-wing shower"
RECORD_COLOUR = QColor(220, 0, 0)  # the record field is painted red, so any leak shows in pixels


class _CaseWindow(QMainWindow):
    """Stands in for the main window: one field with case text and a Ctrl+N action."""

    def __init__(self) -> None:
        super().__init__()
        self.setWindowTitle("Incident Desk")
        central = QWidget(self)
        layout = QVBoxLayout(central)
        self.record = QLineEdit(central)
        self.record.setAccessibleName("Case summary")
        self.record.setStyleSheet(f"background: {RECORD_COLOUR.name()}; color: white;")
        self.record.setMinimumHeight(80)
        layout.addWidget(self.record)
        layout.addStretch(1)
        self.setCentralWidget(central)
        self.new_report = QAction("New report", self)
        self.new_report.setShortcut(QKeySequence("Ctrl+N"))
        self.addAction(self.new_report)


@pytest.fixture
def workspace(sign_in_as: Callable[[str], Workspace]) -> Workspace:
    return sign_in_as("sup")


@pytest.fixture
def window(qtbot: QtBot) -> _CaseWindow:
    window = _CaseWindow()
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def overlay(window: _CaseWindow, workspace: Workspace) -> LockOverlayWidget:
    return LockOverlayWidget(
        window, workspace.actor.display_name, lambda phrase: reauthenticate(workspace, phrase)
    )


def _record_pixels(window: _CaseWindow) -> list[QColor]:
    QApplication.processEvents()
    image: QImage = window.grab().toImage()
    corner = window.record.mapTo(window, QPoint(0, 0))
    return [
        image.pixelColor(corner.x() + x, corner.y() + y)
        for x in range(10, window.record.width() - 10, 37)
        for y in range(10, window.record.height() - 10, 13)
    ]


def _is_record(colour: QColor) -> bool:
    return colour.red() > 180 and colour.green() < 60 and colour.blue() < 60


def _unlock(
    qtbot: QtBot, overlay: LockOverlayWidget, passphrase: str, busy_shot: Path | None = None
) -> None:
    qtbot.keyClicks(overlay.passphrase_field, passphrase)
    with qtbot.waitSignal(overlay._runner.busy_changed, check_params_cb=lambda busy: not busy):
        qtbot.keyClick(overlay.passphrase_field, Qt.Key.Key_Return)
        assert overlay.busy_bar.isVisible()
        assert not overlay.unlock_button.isEnabled()
        if busy_shot is not None:
            QApplication.processEvents()
            overlay.window().grab().save(str(busy_shot))


def test_inactivity_locks_and_typed_text_survives_unlocking(
    qtbot: QtBot,
    qapp: QApplication,
    window: _CaseWindow,
    overlay: LockOverlayWidget,
    screenshot_dir: Path,
) -> None:
    qtbot.keyClicks(window.record, CASE_TEXT)
    assert any(_is_record(colour) for colour in _record_pixels(window))
    window.grab().save(str(screenshot_dir / "auto-lock-before.png"))

    controller = LockController(15, qapp, timeout_ms=300)
    attach_lock(controller, overlay)
    with qtbot.waitSignal(controller.lock_requested, timeout=5_000):
        pass
    assert overlay.is_locked
    assert controller.locked
    assert overlay.heading_label.text() == "Locked — Sgt. Dana Brooks"
    assert not any(_is_record(colour) for colour in _record_pixels(window))
    assert overlay.passphrase_field.hasFocus()
    window.grab().save(str(screenshot_dir / "auto-lock-locked.png"))

    _unlock(qtbot, overlay, "not my passphrase", screenshot_dir / "auto-lock-unlocking.png")
    assert overlay.message == "Wrong passphrase. Check Caps Lock, then try again."
    assert overlay.is_locked
    assert overlay.passphrase_field.text() == ""
    window.grab().save(str(screenshot_dir / "auto-lock-wrong-passphrase.png"))

    with qtbot.waitSignal(overlay.unlocked):
        _unlock(qtbot, overlay, passphrase_of("sup"))
    assert not overlay.is_locked
    assert not controller.locked
    assert controller.remaining_ms() > 0
    assert window.record.text() == CASE_TEXT
    assert window.record.hasFocus()
    qtbot.keyClicks(window.record, " (cont.)")
    assert window.record.text() == CASE_TEXT + " (cont.)"
    window.grab().save(str(screenshot_dir / "auto-lock-unlocked.png"))
    controller.stop()


def test_while_locked_nothing_underneath_can_be_typed_in_or_triggered(
    qtbot: QtBot, window: _CaseWindow, overlay: LockOverlayWidget
) -> None:
    qtbot.keyClicks(window.record, CASE_TEXT)
    triggered: list[bool] = []
    window.new_report.triggered.connect(lambda *_: triggered.append(True))
    ctrl_n = (Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.windowHandle(), *ctrl_n)  # through the shortcut map, as typed
    assert triggered == [True]
    triggered.clear()
    overlay.lock()
    qtbot.keyClicks(window.record, "xyz")
    qtbot.mouseClick(window.record, Qt.MouseButton.LeftButton)
    qtbot.keyClick(window.windowHandle(), *ctrl_n)
    assert window.record.text() == CASE_TEXT
    assert triggered == []
    window.record.setFocus()
    assert not window.record.hasFocus()
    assert overlay.passphrase_field.hasFocus()
    qtbot.keyClick(overlay.passphrase_field, Qt.Key.Key_Tab)
    assert overlay.unlock_button.hasFocus()
    qtbot.keyClick(overlay.unlock_button, Qt.Key.Key_Tab)
    assert overlay.passphrase_field.hasFocus()


def test_the_lock_screen_follows_the_window_size(
    qtbot: QtBot, window: _CaseWindow, overlay: LockOverlayWidget
) -> None:
    overlay.lock()
    window.resize(1000, 700)
    QApplication.processEvents()
    assert overlay.geometry() == window.rect()


def test_activity_postpones_the_lock_and_lock_now_works(
    qtbot: QtBot, qapp: QApplication, window: _CaseWindow
) -> None:
    controller = LockController(15, qapp, timeout_ms=10_000)
    qtbot.wait(300)
    assert controller.remaining_ms() < 9_800
    qtbot.keyClicks(window.record, "a")
    assert controller.remaining_ms() > 9_800
    with qtbot.waitSignal(controller.lock_requested, timeout=1_000):
        controller.lock()
    assert controller.locked
    assert controller.remaining_ms() == -1
    qtbot.keyClicks(window.record, "b")  # activity while locked does not restart the count
    assert controller.remaining_ms() == -1
    with qtbot.waitSignal(controller.resumed, timeout=1_000):
        controller.resume()
    assert controller.remaining_ms() > 9_000
    controller.stop()


def test_activity_before_the_timer_fires_moves_the_lock_later(
    qtbot: QtBot, qapp: QApplication, window: _CaseWindow
) -> None:
    controller = LockController(15, qapp, timeout_ms=600)
    qtbot.wait(400)
    qtbot.keyClicks(window.record, "a")
    qtbot.wait(400)  # 800 ms since the start, 400 since the last key: not yet
    assert not controller.locked
    with qtbot.waitSignal(controller.lock_requested, timeout=2_000):
        pass
    controller.stop()


@pytest.mark.parametrize(
    ("setting", "minutes"), [(15, 15), (45, 30), (30, 30), (0, 1), (-5, 1), (1, 1)]
)
def test_the_timeout_is_clamped_to_thirty_minutes(setting: int, minutes: int) -> None:
    controller = LockController(setting)
    assert controller.timeout_minutes == minutes
    assert controller.interval_ms == minutes * 60_000
    controller.stop()
