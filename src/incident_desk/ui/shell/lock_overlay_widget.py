"""The lock screen: an opaque panel over a window that hides every case record until the same
user enters their passphrase again.

It only covers and blocks: the widgets underneath are never cleared, hidden or disabled, so
whatever was being typed is exactly there after unlocking. While locked, clicks land on the
panel, Tab stays inside it, focus cannot move underneath and the window's shortcuts do nothing.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from incident_desk.services.errors import SignInRefused
from incident_desk.ui.messages import shell as words
from incident_desk.ui.shell.lock_controller import LockController
from incident_desk.ui.widgets.background import BackgroundRunner

# Events that could reach, reveal or act on what lies under the panel while it is up.
_BLOCKED = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.KeyRelease,
        QEvent.Type.Shortcut,
        QEvent.Type.ShortcutOverride,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.Wheel,
        QEvent.Type.ContextMenu,
    }
)


class LockOverlayWidget(QWidget):
    """Covers ``covered`` (a window or its central area) while locked; emits ``unlocked``."""

    unlocked = Signal()

    def __init__(
        self,
        covered: QWidget,
        display_name: str,
        reauthenticate: Callable[[str], None],
    ) -> None:
        super().__init__(covered)
        self._covered = covered
        self._reauthenticate = reauthenticate
        self._runner = BackgroundRunner(self)
        self._runner.busy_changed.connect(self._on_runner_busy_changed)
        self._focus_before: QWidget | None = None
        # Opaque, in the palette's window colour: nothing of the records shows through.
        self.setAutoFillBackground(True)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setAccessibleName("Lock screen")
        self._build(display_name)
        covered.installEventFilter(self)
        self.hide()

    def _build(self, display_name: str) -> None:
        panel = QFrame(self)
        panel.setFrameShape(QFrame.Shape.StyledPanel)
        panel.setMaximumWidth(520)
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.setSpacing(12)
        self.heading_label = QLabel(words.LOCKED_HEADING.format(name=display_name), panel)
        font = self.heading_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.heading_label.setFont(font)
        self.heading_label.setAccessibleName("Locked")
        layout.addWidget(self.heading_label)
        intro = QLabel(words.LOCKED_INTRO, panel)
        intro.setWordWrap(True)
        intro.setAccessibleName("Why the screen is locked")
        layout.addWidget(intro)
        self.passphrase_field = QLineEdit(panel)
        self.passphrase_field.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_field.setPlaceholderText(words.LABEL_PASSPHRASE)
        self.passphrase_field.setAccessibleName(words.LABEL_PASSPHRASE)
        layout.addWidget(self.passphrase_field)
        self.unlock_button = QPushButton(words.BUTTON_UNLOCK, panel)
        self.unlock_button.setAccessibleName(words.BUTTON_UNLOCK)
        layout.addWidget(self.unlock_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.busy_bar = QProgressBar(panel)
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setAccessibleName(words.BUSY_UNLOCKING)
        self.busy_bar.setVisible(False)
        self.busy_label = QLabel(words.BUSY_UNLOCKING, panel)
        self.busy_label.setAccessibleName(words.BUSY_UNLOCKING)
        self.busy_label.setVisible(False)
        layout.addWidget(self.busy_label)
        layout.addWidget(self.busy_bar)
        self.message_label = QLabel(panel)
        self.message_label.setWordWrap(True)
        self.message_label.setAccessibleName("Unlock message")
        self.message_label.setStyleSheet("font-weight: bold;")
        layout.addWidget(self.message_label)
        row = QHBoxLayout(self)
        row.addStretch(1)
        row.addWidget(panel, 10, Qt.AlignmentFlag.AlignVCenter)
        row.addStretch(1)
        self.passphrase_field.returnPressed.connect(self._on_passphrase_return_pressed)
        self.unlock_button.clicked.connect(self._on_unlock_clicked)

    @property
    def is_locked(self) -> bool:
        return self.isVisible()

    @property
    def message(self) -> str:
        return self.message_label.text()

    def lock(self) -> None:
        """Cover the window now and ask for the passphrase."""
        if self.isVisible():
            return
        self.message_label.clear()
        self.passphrase_field.clear()
        # Remembered only to give focus back, so typing carries on where it stopped.
        self._focus_before = self._covered.focusWidget()
        self.setGeometry(self._covered.rect())
        self.show()
        self.raise_()
        _application().installEventFilter(self)
        self.passphrase_field.setFocus()

    def _on_passphrase_return_pressed(self) -> None:
        self._on_unlock_clicked()

    def _on_unlock_clicked(self) -> None:
        if self._runner.busy:
            return
        passphrase = self.passphrase_field.text()
        if not passphrase:
            self.message_label.setText(words.ENTER_PASSPHRASE)
            return
        self.message_label.clear()
        self._runner.run(
            lambda: self._reauthenticate(passphrase), self._on_unlock_done, self._on_unlock_failed
        )

    def _on_unlock_done(self, _: object) -> None:
        _application().removeEventFilter(self)
        self.passphrase_field.clear()
        self.hide()
        if self._focus_before is not None:
            self._focus_before.setFocus(Qt.FocusReason.OtherFocusReason)
        self.unlocked.emit()

    def _on_unlock_failed(self, error: BaseException) -> None:
        if isinstance(error, SignInRefused):
            text = str(error)
            shown = words.WRONG_UNLOCK if text == "wrong passphrase" else words.as_sentence(text)
        else:
            shown = words.UNEXPECTED_PROBLEM.format(detail=str(error) or type(error).__name__)
        self.message_label.setText(shown)
        self.passphrase_field.clear()
        self.passphrase_field.setFocus()

    def _on_runner_busy_changed(self, busy: bool) -> None:
        self.busy_bar.setVisible(busy)
        self.busy_label.setVisible(busy)
        self.passphrase_field.setEnabled(not busy)
        self.unlock_button.setEnabled(not busy)

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: N802 (Qt's name)
        # Tab cycles between the passphrase field and Unlock, never into the records beneath.
        order = [self.passphrase_field, self.unlock_button]
        current = self.focusWidget()
        index = order.index(current) if current in order else -1
        order[(index + (1 if next else -1)) % len(order)].setFocus(Qt.FocusReason.TabFocusReason)
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if watched is self._covered and event.type() == QEvent.Type.Resize:
            self.setGeometry(self._covered.rect())
            return False
        if not self.isVisible():
            return False
        kind = event.type()
        if kind == QEvent.Type.FocusIn and self._is_beneath(watched):
            self.passphrase_field.setFocus()
            return True
        return kind in _BLOCKED and self._is_beneath(watched)

    def _is_beneath(self, watched: QObject) -> bool:
        """True for the covered window's own widgets and actions, not the lock panel's."""
        if not isinstance(watched, QWidget):
            # Shortcut events go to QAction / QShortcut objects owned by the window.
            parent = watched.parent()
            return isinstance(parent, QObject) and (
                parent is self._covered or self._is_beneath(parent)
            )
        if watched is self or self.isAncestorOf(watched):
            return False
        return watched is self._covered or self._covered.isAncestorOf(watched)


def _application() -> QCoreApplication:
    # Only for the input filter: blocking reaches every widget only from the application.
    app = QCoreApplication.instance()
    assert app is not None, "the lock screen needs a running Qt application"
    return app


def attach_lock(controller: LockController, overlay: LockOverlayWidget) -> None:
    """Wire the pair: inactivity or ``controller.lock()`` covers; unlocking resumes the timer."""
    controller.lock_requested.connect(overlay.lock)
    overlay.unlocked.connect(controller.resume)
