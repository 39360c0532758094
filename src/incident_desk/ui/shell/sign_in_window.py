"""The sign-in window: user name, passphrase, the CPP 14.7 J confidentiality banner.

Unlocking derives an Argon2 key and opens the encrypted database, so it runs in the background
while a busy bar shows; every refusal becomes a sentence the person can act on, never a crash.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from incident_desk.services.errors import WRONG_CREDENTIALS, SignInRefused
from incident_desk.storage.errors import StorageError
from incident_desk.ui.messages import shell as words
from incident_desk.ui.widgets.background import BackgroundRunner

if TYPE_CHECKING:
    # Only for the annotation: importing the workspace would load the database layer at start-up.
    from incident_desk.services.workspace import Workspace


class SignInWindow(QWidget):
    """Emits ``signed_in(workspace)`` once the user's passphrase has opened the records."""

    signed_in = Signal(object)

    def __init__(
        self, sign_in: Callable[[str, str], Workspace], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._sign_in = sign_in
        self._runner = BackgroundRunner(self)
        self._runner.busy_changed.connect(self._on_runner_busy_changed)
        self.setWindowTitle(words.WINDOW_TITLE)
        self.resize(720, 520)
        self._build()

    def _build(self) -> None:
        body = QWidget(self)
        # A narrow centred column reads better than a form stretched across a wide screen.
        body.setMaximumWidth(620)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(body, 10)
        outer.addStretch(1)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(24, 32, 24, 32)
        layout.setSpacing(14)
        heading = QLabel(f"<h1>{words.WINDOW_TITLE}</h1>", body)
        heading.setAccessibleName(words.WINDOW_TITLE)
        layout.addWidget(heading)
        banner = QLabel(words.CONFIDENTIALITY_BANNER, body)
        banner.setWordWrap(True)
        banner.setFrameShape(QFrame.Shape.StyledPanel)
        banner.setMargin(10)
        banner.setAccessibleName("Confidentiality notice")
        layout.addWidget(banner)
        intro = QLabel(words.SIGN_IN_INTRO, body)
        intro.setAccessibleName(words.SIGN_IN_HEADING)
        layout.addWidget(intro)
        form = QFormLayout()
        self.user_field = QLineEdit(body)
        self.user_field.setAccessibleName(words.LABEL_USER)
        self.passphrase_field = QLineEdit(body)
        self.passphrase_field.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_field.setAccessibleName(words.LABEL_PASSPHRASE)
        form.addRow(words.LABEL_USER, self.user_field)
        form.addRow(words.LABEL_PASSPHRASE, self.passphrase_field)
        layout.addLayout(form)
        self.sign_in_button = QPushButton(words.BUTTON_SIGN_IN, body)
        self.sign_in_button.setAccessibleName(words.BUTTON_SIGN_IN)
        self.sign_in_button.setDefault(True)
        self.sign_in_button.setAutoDefault(True)
        layout.addWidget(self.sign_in_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.busy_bar = QProgressBar(body)
        self.busy_bar.setRange(0, 0)  # indeterminate: Argon2 gives no progress to report
        self.busy_bar.setAccessibleName(words.BUSY_SIGNING_IN)
        self.busy_bar.setVisible(False)
        # An indeterminate bar shows no text, so a label says what is being waited for.
        self.busy_label = QLabel(words.BUSY_SIGNING_IN, body)
        self.busy_label.setAccessibleName(words.BUSY_SIGNING_IN)
        self.busy_label.setVisible(False)
        layout.addWidget(self.busy_label)
        layout.addWidget(self.busy_bar)
        self.message_label = QLabel(body)
        self.message_label.setWordWrap(True)
        self.message_label.setAccessibleName("Sign-in message")
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.message_label)
        layout.addStretch(1)
        self.setTabOrder(self.user_field, self.passphrase_field)
        self.setTabOrder(self.passphrase_field, self.sign_in_button)
        self.user_field.returnPressed.connect(self._on_user_return_pressed)
        self.passphrase_field.returnPressed.connect(self.submit)
        self.sign_in_button.clicked.connect(self.submit)
        self.user_field.setFocus()

    @property
    def message(self) -> str:
        return self.message_label.text()

    def submit(self) -> None:
        """Sign in with what is typed (the button, or Enter in the passphrase field)."""
        if self._runner.busy:
            return
        username = self.user_field.text().strip()
        passphrase = self.passphrase_field.text()
        if not username:
            self._show_problem(words.ENTER_USER)
            self.user_field.setFocus()
            return
        if not passphrase:
            self._show_problem(words.ENTER_PASSPHRASE)
            self.passphrase_field.setFocus()
            return
        self.message_label.clear()
        self._runner.run(
            lambda: self._sign_in(username, passphrase), self._on_sign_in_done, self._on_failed
        )

    def _on_user_return_pressed(self) -> None:
        # Enter after the user name moves on to the passphrase; otherwise it acts as Sign in.
        if self.user_field.text().strip() and not self.passphrase_field.text():
            self.passphrase_field.setFocus()
        else:
            self.submit()

    def _on_sign_in_done(self, workspace: Workspace) -> None:
        self.passphrase_field.clear()
        self.signed_in.emit(workspace)

    def _on_failed(self, error: BaseException) -> None:
        self._show_problem(describe_sign_in_failure(error))
        # The user name is kept so only the passphrase needs typing again.
        self.passphrase_field.clear()
        self.passphrase_field.setFocus()

    def _on_runner_busy_changed(self, busy: bool) -> None:
        self.busy_bar.setVisible(busy)
        self.busy_label.setVisible(busy)
        for control in (self.user_field, self.passphrase_field, self.sign_in_button):
            control.setEnabled(not busy)

    def _show_problem(self, text: str) -> None:
        self.message_label.setText(text)
        self.message_label.setStyleSheet("font-weight: bold;")


def describe_sign_in_failure(error: BaseException) -> str:
    """The sentence shown for a refused or failed sign-in."""
    if isinstance(error, SignInRefused):
        if str(error) == WRONG_CREDENTIALS:
            return words.WRONG_CREDENTIALS
        return words.as_sentence(str(error))
    if isinstance(error, StorageError):
        return words.DATABASE_PROBLEM.format(detail=words.as_sentence(str(error)))
    return words.UNEXPECTED_PROBLEM.format(detail=str(error) or type(error).__name__)
