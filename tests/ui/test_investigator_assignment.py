"""The supervisor gives a case to an investigator from the Report section; the investigator
then finds it among their cases. Roles that may not assign do not see the panel."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from incident_desk.app import main_window_services
from incident_desk.domain.clock import ManualClock
from incident_desk.services.cases import get_case
from incident_desk.services.errors import AccessDenied
from incident_desk.services.investigation import assign_investigator
from incident_desk.services.workspace import Workspace
from incident_desk.ui.cases.case_overview_widget import CaseOverviewWidget
from incident_desk.ui.shell.main_window import MainWindow
from tests.ui.test_main_window import _open_report

WAIT_MS = 10_000


def _case_window(qtbot: QtBot, workspace: Workspace, clock: ManualClock, number: str):
    main = MainWindow(main_window_services(workspace, clock))
    qtbot.addWidget(main)
    main.resize(1366, 768)
    main.show()
    main.open_case(number)
    qtbot.waitUntil(
        lambda: isinstance(main.tabs.currentWidget(), CaseOverviewWidget), timeout=WAIT_MS
    )
    overview = main.tabs.currentWidget()
    assert isinstance(overview, CaseOverviewWidget)
    return main, overview


def test_the_supervisor_assigns_an_investigator_who_then_sees_the_case(
    qtbot: QtBot,
    sign_in_as: Callable[[str], Workspace],
    clock: ManualClock,
    screenshot_dir: Path,
) -> None:
    supervisor, investigator = sign_in_as("sup"), sign_in_as("inv")
    number = _open_report(supervisor, clock)
    with pytest.raises(AccessDenied):
        get_case(investigator, number)
    main, overview = _case_window(qtbot, supervisor, clock, number)
    panel = overview.assignment
    assert panel is not None
    overview.sections.setCurrentIndex(overview.sections.count() - 2)  # Report
    qtbot.waitUntil(lambda: panel.assign_button.isEnabled(), timeout=WAIT_MS)
    assert "No investigator is assigned yet" in panel.current.text()
    assert panel.choice.currentText() == investigator.actor.display_name
    panel.assign_button.setFocus()
    with qtbot.waitSignal(panel.assigned, timeout=WAIT_MS):
        qtbot.keyClick(panel.assign_button, " ")
    qtbot.waitUntil(lambda: "Assigned:" in panel.current.text(), timeout=WAIT_MS)
    assert investigator.actor.display_name in panel.current.text()
    QApplication.sendPostedEvents()
    main.grab().save(str(screenshot_dir / "case-report-investigator-assigned.png"))
    assert get_case(investigator, number).summary.case_number == number


def test_an_investigator_does_not_see_the_assignment_panel(
    qtbot: QtBot, sign_in_as: Callable[[str], Workspace], clock: ManualClock
) -> None:
    supervisor, investigator = sign_in_as("sup"), sign_in_as("inv")
    number = _open_report(supervisor, clock)
    assign_investigator(supervisor, number, investigator.actor.username)
    _, overview = _case_window(qtbot, investigator, clock, number)
    assert overview.assignment is None
