"""Shared set-up of the Documents tab tests: real services bound to a real installation."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from incident_desk.case_screen_services import bind_documents_services
from incident_desk.services.workspace import Workspace
from incident_desk.ui.documents.documents_widget import DocumentsWidget
from incident_desk.ui.widgets.background import BackgroundRunner

WAIT_MS = 60_000


#: The binding the application uses.
services_for = bind_documents_services


def screen_for(qtbot: QtBot, workspace: Workspace, case_number: str) -> DocumentsWidget:
    runner = BackgroundRunner()
    screen = DocumentsWidget(case_number, services_for(workspace), runner)
    runner.setParent(screen)
    qtbot.addWidget(screen)
    screen.resize(1366, 768)
    screen.show()
    settle(qtbot, screen)
    return screen


def settle(qtbot: QtBot, screen: DocumentsWidget) -> None:
    qtbot.waitUntil(lambda: not screen._runner.busy, timeout=WAIT_MS)
    QApplication.sendPostedEvents()
    QApplication.processEvents()


def snap(widget: QWidget, screenshot_dir: Path, name: str) -> None:
    QApplication.sendPostedEvents()
    QApplication.processEvents()
    widget.grab().save(str(screenshot_dir / f"{name}.png"))
