"""From sign-in to a case: the shell shows the right window, the main window lists the cases,
opens one with its live clocks and timeline, and answers its shortcuts."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from incident_desk.app import DesktopShell, main_window_services
from incident_desk.domain.clock import ManualClock
from incident_desk.domain.enums import (
    AllegationType,
    PersonKind,
    PersonRole,
    ReceivedHow,
    TimeCertainty,
)
from incident_desk.services.cases import NewPerson, NewReport, open_case
from incident_desk.services.workspace import Workspace
from incident_desk.ui.cases.case_overview_widget import CaseOverviewWidget
from incident_desk.ui.shell.main_window import MainWindow
from incident_desk.ui.shell.setup_wizard import SetupWizard
from incident_desk.ui.shell.sign_in_window import SignInWindow
from tests.conftest import passphrase_of


def _open_report(workspace: Workspace, clock: ManualClock) -> str:
    report = NewReport(
        received_how=ReceivedHow.VERBAL,
        allegation_type=AllegationType.OFFENDER_NONCONSENSUAL_SEXUAL_ACTS,
        location="Dorm 4, shower",
        incident_at=clock.now() - timedelta(hours=3),
        incident_certainty=TimeCertainty.EXACT,
        narrative="Reported to the unit officer at count.",
        people=(
            NewPerson("José Álvarez", PersonRole.ALLEGED_VICTIM, PersonKind.OFFENDER, "A-1001"),
            NewPerson("Mark Stone", PersonRole.ALLEGED_PERPETRATOR, PersonKind.OFFENDER),
        ),
    )
    return open_case(workspace, report).summary.case_number


def test_the_shell_starts_with_setup_or_sign_in(
    qtbot: QtBot, tmp_path: Path, data_dir: Path, clock: ManualClock
) -> None:
    fresh = DesktopShell(tmp_path / "new", clock)
    fresh.start()
    assert isinstance(fresh.window, SetupWizard)
    qtbot.addWidget(fresh.window)
    existing = DesktopShell(data_dir, clock)
    existing.start()
    assert isinstance(existing.window, SignInWindow)
    qtbot.addWidget(existing.window)
    assert existing.window.windowTitle() == "Incident Desk"


def test_sign_in_leads_to_the_main_window_and_sign_out_back(
    qtbot: QtBot, data_dir: Path, clock: ManualClock
) -> None:
    shell = DesktopShell(data_dir, clock)
    shell.start()
    sign_in_window = shell.window
    assert isinstance(sign_in_window, SignInWindow)
    qtbot.addWidget(sign_in_window)
    qtbot.keyClicks(sign_in_window.user_field, "sup")
    qtbot.keyClicks(sign_in_window.passphrase_field, passphrase_of("sup"))
    qtbot.keyClick(sign_in_window.passphrase_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: isinstance(shell.window, MainWindow), timeout=10_000)
    main = shell.window
    assert isinstance(main, MainWindow)
    qtbot.addWidget(main)
    assert main.windowTitle() == "Incident Desk"
    main.close()
    qtbot.waitUntil(lambda: isinstance(shell.window, SignInWindow), timeout=5_000)
    assert shell.workspace is None
    qtbot.addWidget(shell.window)


def test_a_case_opens_with_its_clocks_and_timeline(
    qtbot: QtBot,
    sign_in_as: Callable[[str], Workspace],
    clock: ManualClock,
    screenshot_dir: Path,
) -> None:
    supervisor = sign_in_as("sup")
    first = _open_report(supervisor, clock)
    _open_report(supervisor, clock)
    main = MainWindow(main_window_services(supervisor, clock))
    qtbot.addWidget(main)
    main.show()
    qtbot.waitUntil(lambda: main.dashboard.model.rowCount() == 2, timeout=10_000)
    main.grab().save(str(screenshot_dir / "main-dashboard.png"))
    main.open_case(first)
    qtbot.waitUntil(lambda: main.tabs.count() == 3, timeout=10_000)
    overview = main.tabs.currentWidget()
    assert isinstance(overview, CaseOverviewWidget)
    assert overview.case_number == first
    qtbot.waitUntil(lambda: len(overview.timeline.entries) > 0, timeout=10_000)
    qtbot.waitUntil(lambda: bool(overview.workflow.checklist.item_texts()), timeout=10_000)
    assert any("Intake" in text for text in overview.workflow.checklist.item_texts())
    qtbot.waitUntil(lambda: overview.workflow.page is not None, timeout=10_000)
    overview.sections.setCurrentWidget(overview.preservation)
    qtbot.waitUntil(lambda: len(overview.preservation.cards) == 2, timeout=10_000)
    QApplication.sendPostedEvents()
    main.grab().save(str(screenshot_dir / "main-case-preservation.png"))
    overview.sections.setCurrentWidget(overview.workflow)
    qtbot.waitUntil(lambda: not main.runner.busy, timeout=10_000)
    QApplication.sendPostedEvents()
    qtbot.wait(50)
    main.grab().save(str(screenshot_dir / "main-case-steps.png"))
    titles = [tile.title_label.text() for tile in overview.banner.tiles()]
    assert any("48-hour evidence preservation" in title for title in titles)
    clock.advance(timedelta(hours=2))
    main.ticker.tick()
    statuses = [tile.status_label.text() for tile in overview.banner.tiles()]
    assert any("OVERDUE" in status for status in statuses)
    QApplication.sendPostedEvents()
    qtbot.wait(50)
    main.grab().save(str(screenshot_dir / "main-case-overview.png"))
    notices = [box for box in main.findChildren(QMessageBox) if box.isVisible()]
    assert notices, "an overdue clock raises a notice once"
    for notice in notices:
        notice.close()
    main.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main, timeout=5_000)
    main.open_case(first)
    assert main.tabs.count() == 3  # the open tab is reused
    qtbot.keyClick(main, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert main.tabs.currentWidget() is main.case_list
    qtbot.keyClick(main, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert main.lock_overlay.isVisible()
    main.grab().save(str(screenshot_dir / "main-locked.png"))


def test_ctrl_n_opens_a_new_report_and_the_saved_case_opens(
    qtbot: QtBot, sign_in_as: Callable[[str], Workspace], clock: ManualClock
) -> None:
    supervisor = sign_in_as("sup")
    main = MainWindow(main_window_services(supervisor, clock))
    qtbot.addWidget(main)
    main.show()
    dialog = main.start_new_report()
    assert dialog.windowTitle() == "Incident Desk"
    dialog.report_opened.emit(_open_report(supervisor, clock))
    qtbot.waitUntil(lambda: main.tabs.count() == 3, timeout=10_000)
    assert isinstance(main.tabs.currentWidget(), CaseOverviewWidget)
