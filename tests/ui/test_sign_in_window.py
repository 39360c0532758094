"""Signing in through the window: right and wrong passphrases, lock-out, a locked account and a
damaged database, each answered with a sentence on screen, all on a real encrypted installation."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit
from pytestqt.qtbot import QtBot

from incident_desk.domain.clock import ManualClock
from incident_desk.services.users import lock_user
from incident_desk.services.workspace import Workspace, sign_in
from incident_desk.ui.shell.sign_in_window import SignInWindow
from tests.conftest import passphrase_of


@pytest.fixture
def opened() -> Iterator[list[Workspace]]:
    workspaces: list[Workspace] = []
    yield workspaces
    for workspace in workspaces:
        workspace.close()


@pytest.fixture
def window(qtbot: QtBot, data_dir: Path, clock: ManualClock) -> SignInWindow:
    def bound(username: str, passphrase: str) -> Workspace:
        return sign_in(data_dir, username, passphrase, clock)

    window = SignInWindow(bound)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    return window


def _texts(window: SignInWindow) -> str:
    return " ".join(label.text() for label in window.findChildren(QLabel))


def _shot(window: SignInWindow, path: Path) -> None:
    QApplication.processEvents()  # let the layout make room for a message set just before
    window.grab().save(str(path))


def _try(
    qtbot: QtBot,
    window: SignInWindow,
    username: str,
    passphrase: str,
    busy_shot: Path | None = None,
) -> None:
    window.user_field.clear()
    qtbot.keyClicks(window.user_field, username)
    window.passphrase_field.clear()
    qtbot.keyClicks(window.passphrase_field, passphrase)
    with qtbot.waitSignal(window._runner.busy_changed, check_params_cb=lambda busy: not busy):
        qtbot.keyClick(window.passphrase_field, Qt.Key.Key_Return)
        assert window.busy_bar.isVisible()
        assert not window.sign_in_button.isEnabled()
        if busy_shot is not None:
            _shot(window, busy_shot)


def test_the_window_shows_the_confidentiality_banner_and_hides_the_passphrase(
    window: SignInWindow, screenshot_dir: Path
) -> None:
    assert window.windowTitle() == "Incident Desk"
    assert (
        "All information in a report or investigation of a sexual offense shall be kept "
        "confidential except to the extent necessary to report to an appropriate supervisor, "
        "adequately investigate, provide treatment, or make security or management decisions."
    ) in _texts(window)
    assert "CPP 14.7 J" in _texts(window)
    assert window.passphrase_field.echoMode() == QLineEdit.EchoMode.Password
    controls = [window.user_field, window.passphrase_field, window.sign_in_button]
    assert all(control.accessibleName() for control in controls)
    _shot(window, screenshot_dir / "sign-in-empty.png")


def test_wrong_then_right_passphrase(
    qtbot: QtBot, window: SignInWindow, opened: list[Workspace], screenshot_dir: Path
) -> None:
    signed: list[object] = []
    window.signed_in.connect(signed.append)
    _try(qtbot, window, "sup", "not the right one", screenshot_dir / "sign-in-busy.png")
    assert window.message.startswith("Wrong user or passphrase.")
    assert window.user_field.text() == "sup"
    assert window.passphrase_field.text() == ""
    assert signed == []
    _shot(window, screenshot_dir / "sign-in-wrong-passphrase.png")

    with qtbot.waitSignal(window.signed_in) as blocker:
        qtbot.keyClicks(window.passphrase_field, passphrase_of("sup"))
        qtbot.mouseClick(window.sign_in_button, Qt.MouseButton.LeftButton)
    workspace = blocker.args[0]
    assert isinstance(workspace, Workspace)
    opened.append(workspace)
    assert workspace.actor.username == "sup"
    assert window.passphrase_field.text() == ""


def test_five_wrong_tries_lock_the_user_out_for_minutes(
    qtbot: QtBot,
    window: SignInWindow,
    clock: ManualClock,
    opened: list[Workspace],
    screenshot_dir: Path,
) -> None:
    for _ in range(4):
        _try(qtbot, window, "fr", "wrong passphrase again")
        assert window.message.startswith("Wrong user or passphrase.")
    _try(qtbot, window, "fr", "wrong passphrase again")
    assert "locked out for 10 minutes" in window.message
    assert window.message[0].isupper()
    assert window.message.endswith(".")
    _shot(window, screenshot_dir / "sign-in-locked-out.png")

    clock.advance(timedelta(minutes=3))
    _try(qtbot, window, "fr", passphrase_of("fr"))
    assert "try again in 7 minutes" in window.message

    clock.advance(timedelta(minutes=7))
    with qtbot.waitSignal(window.signed_in) as blocker:
        _try(qtbot, window, "fr", passphrase_of("fr"))
    opened.append(blocker.args[0])


def test_an_account_locked_by_an_administrator_says_so(
    qtbot: QtBot,
    window: SignInWindow,
    sign_in_as: Callable[[str], Workspace],
    screenshot_dir: Path,
) -> None:
    lock_user(sign_in_as("admin"), "med", "on leave")
    _try(qtbot, window, "med", passphrase_of("med"))
    assert "locked by an administrator (on leave)" in window.message
    assert "ask an administrator to unlock it" in window.message
    _shot(window, screenshot_dir / "sign-in-account-locked.png")


def test_a_damaged_database_is_reported_not_crashed_on(
    qtbot: QtBot, window: SignInWindow, data_dir: Path, screenshot_dir: Path
) -> None:
    database = data_dir / "incident-desk.db"
    content = bytearray(database.read_bytes())
    content[:4096] = b"\x00" * 4096  # the first page holds SQLCipher's salt: now unreadable
    database.write_bytes(bytes(content))
    _try(qtbot, window, "sup", passphrase_of("sup"))
    assert window.message.startswith("The records could not be opened. The database file")
    assert "restore it from the latest backup" in window.message
    _shot(window, screenshot_dir / "sign-in-damaged-database.png")


def test_empty_fields_are_asked_for_without_signing_in(qtbot: QtBot, window: SignInWindow) -> None:
    qtbot.keyClick(window.user_field, Qt.Key.Key_Return)
    assert window.message == "Enter your user name."
    qtbot.keyClicks(window.user_field, "sup")
    qtbot.keyClick(window.user_field, Qt.Key.Key_Return)
    assert window.passphrase_field.hasFocus()
    qtbot.keyClick(window.passphrase_field, Qt.Key.Key_Return)
    assert window.message == "Enter your passphrase."
    assert not window._runner.busy
