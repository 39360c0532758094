"""Every screen of a case offers each Alt access key once: the main window with a case open,
tab by tab of the case's sections, and a step page."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from incident_desk.app import main_window_services
from incident_desk.domain.clock import ManualClock
from incident_desk.services.workspace import Workspace
from incident_desk.ui.cases.case_overview_widget import CaseOverviewWidget
from incident_desk.ui.shell.main_window import MainWindow
from tests.ui.access_keys import access_key, access_key_clashes
from tests.ui.test_main_window import _open_report

WAIT_MS = 10_000


def test_access_key_reads_the_letter_after_a_single_ampersand() -> None:
    assert access_key("Record &instruction") == "i"
    assert access_key("Save && close") is None
    assert access_key("Fish && &Chips") == "c"


def test_each_section_of_a_case_offers_each_access_key_once(
    qtbot: QtBot, sign_in_as: Callable[[str], Workspace], clock: ManualClock, screenshot_dir: Path
) -> None:
    supervisor = sign_in_as("sup")
    number = _open_report(supervisor, clock)
    main = MainWindow(main_window_services(supervisor, clock))
    qtbot.addWidget(main)
    main.resize(1366, 768)
    main.show()
    main.open_case(number)
    qtbot.waitUntil(
        lambda: isinstance(main.tabs.currentWidget(), CaseOverviewWidget), timeout=WAIT_MS
    )
    overview = main.tabs.currentWidget()
    assert isinstance(overview, CaseOverviewWidget)
    qtbot.waitUntil(lambda: overview.workflow.page is not None, timeout=WAIT_MS)
    clashes = {}
    for index in range(overview.sections.count()):
        overview.sections.setCurrentIndex(index)
        qtbot.waitUntil(lambda: not main.runner.busy, timeout=WAIT_MS)
        QApplication.sendPostedEvents()
        found = access_key_clashes(main)
        if found:
            clashes[overview.sections.tabText(index)] = found
    assert clashes == {}
    # The sections themselves are reached with Alt+1 to Alt+8.
    overview.sections.setCurrentIndex(0)
    main.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main, timeout=WAIT_MS)
    overview.workflow.checklist.step_list.setFocus()
    qtbot.keyClick(
        overview.workflow.checklist.step_list, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier
    )
    assert overview.sections.currentWidget() is overview.scene_section
    assert "Alt+3" in overview.sections.tabToolTip(2)
