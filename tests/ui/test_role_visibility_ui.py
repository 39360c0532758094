"""Who sees which case, as the main window shows it: the dashboard and the case list of each
role, over real reports taken by a first responder and by the shift supervisor."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from incident_desk.app import main_window_services
from incident_desk.domain.clock import ManualClock
from incident_desk.services.cases import open_case
from incident_desk.services.investigation import assign_investigator
from incident_desk.services.workspace import Workspace
from incident_desk.ui.messages import cases as case_words
from incident_desk.ui.models.case_table_model import CaseNumberRole
from incident_desk.ui.shell.main_window import MainWindow

from .test_clock_banner_widget import report

LOAD_TIMEOUT_MS = 10_000


def _shown(qtbot: QtBot, main: MainWindow) -> tuple[list[str], list[str]]:
    """The case numbers on the dashboard and in the case list, once both have loaded."""
    qtbot.waitUntil(
        lambda: main.dashboard.status_text() != case_words.BUSY_TEXT, timeout=LOAD_TIMEOUT_MS
    )
    qtbot.waitUntil(
        lambda: not main.case_list.model.loading and not main.runner.busy,
        timeout=LOAD_TIMEOUT_MS,
    )
    dashboard = main.dashboard.model
    listed = main.case_list.model
    on_dashboard = [
        str(dashboard.data(dashboard.index(row, 0), CaseNumberRole))
        for row in range(dashboard.rowCount())
    ]
    in_list = [
        str(listed.data(listed.index(row, 0), CaseNumberRole)) for row in range(listed.rowCount())
    ]
    return sorted(on_dashboard), sorted(in_list)


def _window_for(qtbot: QtBot, workspace: Workspace, clock: ManualClock) -> MainWindow:
    main = MainWindow(main_window_services(workspace, clock))
    qtbot.addWidget(main)
    main.show()
    return main


@pytest.fixture
def reports(
    sign_in_as: Callable[[str], Workspace], clock: ManualClock
) -> tuple[str, str, Workspace]:
    """One report taken by the first responder, one by the supervisor, in the same facility."""
    responder = sign_in_as("fr")
    supervisor = sign_in_as("sup")
    by_responder = open_case(responder, report(clock)).summary.case_number
    by_supervisor = open_case(supervisor, report(clock, location="Kitchen")).summary.case_number
    return by_responder, by_supervisor, supervisor


def test_a_first_responder_sees_only_the_report_they_took(
    qtbot: QtBot,
    reports: tuple[str, str, Workspace],
    sign_in_as: Callable[[str], Workspace],
    clock: ManualClock,
    screenshot_dir: Path,
) -> None:
    by_responder, _, _ = reports
    main = _window_for(qtbot, sign_in_as("fr"), clock)
    assert _shown(qtbot, main) == ([by_responder], [by_responder])
    assert main.dashboard.status_text().startswith("1 case")
    main.grab().save(str(screenshot_dir / "role-first-responder-dashboard.png"))


def test_the_supervisor_sees_every_case_of_the_facility(
    qtbot: QtBot,
    reports: tuple[str, str, Workspace],
    sign_in_as: Callable[[str], Workspace],
    clock: ManualClock,
) -> None:
    by_responder, by_supervisor, _ = reports
    main = _window_for(qtbot, sign_in_as("sup"), clock)
    both = sorted([by_responder, by_supervisor])
    assert _shown(qtbot, main) == (both, both)
    assert main.dashboard.status_text().startswith("2 cases")


def test_an_investigator_sees_a_case_only_once_assigned_to_it(
    qtbot: QtBot,
    reports: tuple[str, str, Workspace],
    sign_in_as: Callable[[str], Workspace],
    clock: ManualClock,
    screenshot_dir: Path,
) -> None:
    by_responder, _, supervisor = reports
    investigator = sign_in_as("inv")
    before = _window_for(qtbot, investigator, clock)
    assert _shown(qtbot, before) == ([], [])
    assert before.dashboard.status_text() == case_words.DASHBOARD_EMPTY
    before.grab().save(str(screenshot_dir / "role-investigator-unassigned.png"))
    before.close()

    assign_investigator(supervisor, by_responder, "inv")
    after = _window_for(qtbot, investigator, clock)
    assert _shown(qtbot, after) == ([by_responder], [by_responder])


def test_the_prea_compliance_manager_sees_every_case(
    qtbot: QtBot,
    reports: tuple[str, str, Workspace],
    sign_in_as: Callable[[str], Workspace],
    clock: ManualClock,
) -> None:
    by_responder, by_supervisor, _ = reports
    main = _window_for(qtbot, sign_in_as("pcm"), clock)
    both = sorted([by_responder, by_supervisor])
    assert _shown(qtbot, main) == (both, both)


def test_the_administrator_sees_no_case(
    qtbot: QtBot,
    reports: tuple[str, str, Workspace],
    sign_in_as: Callable[[str], Workspace],
    clock: ManualClock,
) -> None:
    main = _window_for(qtbot, sign_in_as("admin"), clock)
    assert _shown(qtbot, main) == ([], [])
    assert main.dashboard.status_text() == case_words.DASHBOARD_EMPTY
