"""Shared parts of the crime scene screen tests: the real services bound to a real
installation, a case with a secured scene, and helpers that drive the screen and its forms."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from incident_desk.case_screen_services import bind_scene_services
from incident_desk.domain.clock import ManualClock
from incident_desk.domain.enums import SceneEntrantRole
from incident_desk.services.contacts import add_contact
from incident_desk.services.investigation import assign_investigator
from incident_desk.services.scene import (
    record_scene,
)
from incident_desk.services.workspace import Workspace
from incident_desk.ui.scene.entry_dialog import EntryDialog
from incident_desk.ui.scene.scene_form_dialog import SceneFormDialog
from incident_desk.ui.scene.scene_widget import SceneWidget
from incident_desk.ui.widgets.background import BackgroundRunner
from tests.services.custody_support import new_case

TROOPER = "Tpr. Ann Lee"
OFFICER = "CO Rick Vance"


#: The binding the application uses.
scene_services = bind_scene_services


def case_with_investigator(supervisor: Workspace, clock: ManualClock) -> str:
    number = new_case(supervisor, clock)
    assign_investigator(supervisor, number, "inv")
    return number


def secured_scene(supervisor: Workspace, clock: ManualClock) -> tuple[str, int]:
    """A case whose shower room was secured ten minutes ago, and the scene's id."""
    number = case_with_investigator(supervisor, clock)
    view = record_scene(supervisor, number, "Dorm 4, shower room", secured=True)
    add_contact(supervisor, TROOPER, "Kentucky State Police", "Trooper")
    add_contact(supervisor, OFFICER, "KSR", "Correctional officer")
    clock.advance(timedelta(minutes=10))
    return number, view.scene.id


def screen_for(qtbot: QtBot, workspace: Workspace, case_number: str) -> SceneWidget:
    runner = BackgroundRunner()
    screen = SceneWidget(case_number, scene_services(workspace), runner)
    runner.setParent(screen)
    qtbot.addWidget(screen)
    screen.resize(1366, 768)
    screen.show()
    settle(qtbot, screen)
    return screen


def settle(qtbot: QtBot, screen: SceneWidget) -> None:
    qtbot.waitUntil(lambda: not screen._runner.busy, timeout=15_000)
    QApplication.sendPostedEvents()
    QApplication.processEvents()


def click(qtbot: QtBot, screen: SceneWidget, button: QWidget) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    settle(qtbot, screen)


def snap(widget: QWidget, screenshot_dir: Path, name: str) -> None:
    QApplication.sendPostedEvents()
    QApplication.processEvents()
    widget.grab().save(str(screenshot_dir / f"{name}.png"))


def open_entry(qtbot: QtBot, screen: SceneWidget) -> EntryDialog:
    click(qtbot, screen, screen.entry_button)
    dialog = screen.dialog
    assert isinstance(dialog, EntryDialog)
    assert dialog.isVisible()
    return dialog


def pick_person(qtbot: QtBot, screen: SceneWidget, dialog: SceneFormDialog, name: str) -> None:
    """Type part of the name in the person search, press Enter, and check they are chosen."""
    picker = dialog.person  # type: ignore[attr-defined]
    picker.search.setFocus()
    picker.search.clear()
    qtbot.keyClicks(picker.search, name.split()[-1])
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)
    settle(qtbot, screen)
    assert picker.choose_by_name(name)


def choose_role(dialog: EntryDialog, role: SceneEntrantRole) -> None:
    dialog.role.setCurrentIndex(dialog.role.findData(role.value))


def save(qtbot: QtBot, screen: SceneWidget, dialog: SceneFormDialog) -> None:
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    settle(qtbot, screen)
