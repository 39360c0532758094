"""Asking the signer for their passphrase again before a cryptographic signature.

A digital signature stands for the person's signature on paper, and the workstation may have
been left signed in; so, as agencies commonly require, the signer proves it is them right before
signing. The passphrase is checked by the same service that unlocks a locked screen: wrong tries
count toward the same lock-out, and both outcomes are in the audit trail. The dialog stays open
on a wrong passphrase, saying so; it is accepted only once the passphrase is right.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from incident_desk.services.errors import SignInRefused
from incident_desk.ui.messages import documents as words
from incident_desk.ui.messages.shell import as_sentence
from incident_desk.ui.widgets.background import BackgroundRunner
from incident_desk.ui.workflow.step_fields import error_label, page_label


class SigningConfirmDialog(QDialog):
    """``confirmed`` is emitted (and the dialog accepted) once the passphrase is right."""

    confirmed = Signal()

    def __init__(
        self,
        name: str,
        what: str,
        reauthenticate: Callable[[str], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._reauthenticate = reauthenticate
        self._runner = BackgroundRunner(self)
        self.setWindowTitle(words.CONFIRM_TITLE)
        self.setAccessibleName(words.CONFIRM_TITLE)
        layout = QVBoxLayout(self)
        intro = page_label(words.CONFIRM_INTRO.format(name=name, what=what), self)
        intro.setAccessibleName("What you are about to sign")
        layout.addWidget(intro)
        label = QLabel(words.PASSPHRASE, self)
        self.passphrase = QLineEdit(self)
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(words.PASSPHRASE_NAME)
        label.setBuddy(self.passphrase)
        layout.addWidget(label)
        layout.addWidget(self.passphrase)
        self.message = error_label(self)
        self.message.setAccessibleName("Why it was not signed")
        layout.addWidget(self.message)
        self.busy_bar = QProgressBar(self)
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setTextVisible(False)
        self.busy_bar.setAccessibleName(words.CHECKING_PASSPHRASE)
        self.busy_bar.hide()
        layout.addWidget(self.busy_bar)
        buttons = QDialogButtonBox(self)
        self.sign_button = QPushButton(words.CONFIRM_SIGN, self)
        self.sign_button.setAccessibleName(words.CONFIRM_SIGN.replace("&", ""))
        self.sign_button.setDefault(True)
        self.cancel_button = QPushButton(words.CONFIRM_CANCEL, self)
        self.cancel_button.setAccessibleName(words.CONFIRM_CANCEL)
        buttons.addButton(self.sign_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        layout.addWidget(buttons)
        self.sign_button.clicked.connect(self._on_sign_button_clicked)
        self.cancel_button.clicked.connect(self.reject)
        self._runner.busy_changed.connect(self._on_runner_busy_changed)
        self.setMinimumWidth(460)
        self.passphrase.setFocus()

    def accept(self) -> None:
        """Enter or the default button: check the passphrase first (never accepted unchecked)."""
        self._on_sign_button_clicked()

    def _on_sign_button_clicked(self) -> None:
        if self._runner.busy:
            return
        passphrase = self.passphrase.text()
        if not passphrase:
            self._refuse(words.ENTER_PASSPHRASE)
            return
        self.message.hide()
        check = self._reauthenticate
        self._runner.run(lambda: check(passphrase), self._on_checked, self._on_check_failed)

    def _on_checked(self, _: object) -> None:
        self.passphrase.clear()
        self.confirmed.emit()
        super().accept()

    def _on_check_failed(self, error: BaseException) -> None:
        if isinstance(error, SignInRefused):
            text = str(error)
            shown = words.WRONG_PASSPHRASE if text == "wrong passphrase" else as_sentence(text)
        else:
            shown = words.PASSPHRASE_PROBLEM.format(error=error)
        self._refuse(shown)

    def _refuse(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()
        self.passphrase.clear()
        self.passphrase.setFocus()

    def _on_runner_busy_changed(self, busy: bool) -> None:
        self.busy_bar.setVisible(busy)
        self.sign_button.setEnabled(not busy)
