"""The first window: titled "Incident Desk", says whether an installation exists and what to do."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from incident_desk.ui.shell.welcome_window import WelcomeWindow


def _texts(window: WelcomeWindow) -> str:
    from PySide6.QtWidgets import QLabel

    return " ".join(label.text() for label in window.findChildren(QLabel))


def test_without_an_installation_it_shows_the_init_command(
    qtbot: QtBot, tmp_path: Path, screenshot_dir: Path
) -> None:
    window = WelcomeWindow(tmp_path / "none", installed=False)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    assert window.windowTitle() == "Incident Desk"
    text = _texts(window)
    assert "incident-desk init" in text
    assert "CONFIDENTIAL" in text
    window.grab().save(str(screenshot_dir / "welcome-no-installation.png"))


def test_with_an_installation_it_says_it_is_ready(
    qtbot: QtBot, data_dir: Path, screenshot_dir: Path
) -> None:
    window = WelcomeWindow(data_dir, installed=True)
    qtbot.addWidget(window)
    window.show()
    assert "is ready" in _texts(window)
    from PySide6.QtWidgets import QLabel

    assert all(label.accessibleName() for label in window.findChildren(QLabel))
    window.grab().save(str(screenshot_dir / "welcome-installed.png"))
