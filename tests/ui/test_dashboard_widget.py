"""The dashboard: open cases most urgent first, clocks re-worded each second, no database."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from incident_desk.domain.clock import ManualClock
from incident_desk.domain.enums import CaseStatus
from incident_desk.services.cases import CaseSort, open_case
from incident_desk.services.demo import fill_demo
from incident_desk.services.snapshots import CasePage
from incident_desk.services.workspace import Workspace
from incident_desk.ui.cases.dashboard_widget import (
    COL_CASE,
    COL_CLOCK,
    COL_PEOPLE,
    COL_STATUS,
    DashboardSizes,
    DashboardWidget,
)
from incident_desk.ui.cases.open_case_ranking import load_open_cases
from incident_desk.ui.models.case_table_model import CaseLoader, SeverityRole, severity_colours
from incident_desk.ui.widgets.background import BackgroundRunner
from incident_desk.ui.widgets.deadline_presenter import Severity

from .test_case_table_model import loader_for, report


class CountingLoader:
    """The real service loader, counting how often the dashboard asks the database."""

    def __init__(self, loader: CaseLoader) -> None:
        self.loader = loader
        self.calls = 0

    def __call__(
        self, status: CaseStatus | None, search: str, sort: CaseSort, offset: int, limit: int
    ) -> CasePage:
        self.calls += 1
        return self.loader(status, search, sort, offset, limit)


def _dashboard(
    qtbot: QtBot, loader: CaseLoader, workspace: Workspace, clock: ManualClock
) -> DashboardWidget:
    widget = DashboardWidget(loader, BackgroundRunner(), clock.now, workspace.deadline_settings)
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.show()
    qtbot.waitUntil(lambda: "Loading" not in widget.status_text(), timeout=10_000)
    return widget


def _column(widget: DashboardWidget, column: int) -> list[str]:
    model = widget.model
    return [model.index(row, column).data() for row in range(model.rowCount())]


def _background(widget: DashboardWidget, row: int) -> object:
    return widget.model.index(row, COL_CLOCK).data(Qt.ItemDataRole.BackgroundRole)


def test_most_urgent_first_and_the_clocks_turn_amber_then_red(
    qtbot: QtBot,
    sign_in_as: Callable[[str], Workspace],
    clock: ManualClock,
    screenshot_dir: Path,
) -> None:
    supervisor = sign_in_as("sup")
    # 00001: the 48-hour preservation window ends in 5 hours (due soon already).
    open_case(supervisor, report(clock, "Ann Lee", incident_hours_before=43))
    # 00002: received 30 minutes ago, so its immediate steps are due in 30 minutes.
    open_case(supervisor, report(clock, "Bo Nuñez", minutes_ago=30))
    loader = CountingLoader(loader_for(supervisor))
    widget = _dashboard(qtbot, loader, supervisor, clock)
    asked = loader.calls
    assert _column(widget, COL_CASE) == ["KSR-2026-00001", "KSR-2026-00002"]
    clocks = _column(widget, COL_CLOCK)
    assert clocks[0].startswith("Due soon · 48-hour evidence preservation window · 5 h 00 min left")
    assert clocks[1].startswith("Open · Immediate step: ")
    assert " · 30 min left" in clocks[1]
    assert widget.model.index(0, COL_CLOCK).data(SeverityRole) is Severity.WARNING
    amber, red = severity_colours(Severity.WARNING), severity_colours(Severity.ALARM)
    assert amber is not None
    assert red is not None
    assert _background(widget, 0) == amber[0]
    assert _background(widget, 1) is None
    assert "Bo Nuñez (alleged victim); Mark Stone (alleged perpetrator)" in _column(
        widget, COL_PEOPLE
    )
    assert "2 cases." in widget.status_text()
    widget.grab().save(str(screenshot_dir / "dashboard_0300.png"))

    # 16 minutes on, the immediate steps of 00002 are due soon and sooner: it moves up.
    widget.refresh(clock.advance(timedelta(minutes=16)))
    assert _column(widget, COL_CASE) == ["KSR-2026-00002", "KSR-2026-00001"]
    assert _column(widget, COL_CLOCK)[0].startswith("Due soon · Immediate step: ")
    assert " · 14 min left" in _column(widget, COL_CLOCK)[0]
    assert _background(widget, 0) == amber[0]

    # Past the hour: OVERDUE, in red and in words.
    widget.refresh(clock.advance(timedelta(minutes=15)))
    assert _column(widget, COL_CLOCK)[0].startswith("OVERDUE · Immediate step: ")
    assert " · overdue by 1 min" in _column(widget, COL_CLOCK)[0]
    assert _background(widget, 0) == red[0]
    assert widget.model.index(0, COL_CLOCK).data(SeverityRole) is Severity.ALARM
    widget.grab().save(str(screenshot_dir / "dashboard_0331.png"))
    assert loader.calls == asked  # the ticks never touched the database


def test_enter_and_a_click_open_the_case_once(
    qtbot: QtBot, sign_in_as: Callable[[str], Workspace], clock: ManualClock
) -> None:
    supervisor = sign_in_as("sup")
    open_case(supervisor, report(clock, "Ann Lee"))
    open_case(supervisor, report(clock, "Bo Nuñez", minutes_ago=30))
    widget = _dashboard(qtbot, loader_for(supervisor), supervisor, clock)
    table = widget.table
    table.setFocus()
    opened: list[str] = []
    widget.case_opened.connect(opened.append)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert opened == ["KSR-2026-00002"]  # the first row is current from the start
    rect = table.visualRect(widget.model.index(1, COL_CASE))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened == ["KSR-2026-00002", "KSR-2026-00001"]


def test_only_open_cases_and_only_the_ones_the_user_may_see(
    qtbot: QtBot, sign_in_as: Callable[[str], Workspace], clock: ManualClock
) -> None:
    manager = sign_in_as("pcm")
    fill_demo(manager, 120, seed=7)
    responder = sign_in_as("fr")
    open_case(responder, report(clock, "Cy Park"))
    everyone = _dashboard(qtbot, loader_for(manager), manager, clock)
    statuses = set(_column(everyone, COL_STATUS))
    assert statuses <= {"Open", "First response", "Under investigation"}
    assert len(statuses) == 3
    mine = _dashboard(qtbot, loader_for(responder), responder, clock)
    assert len(_column(mine, COL_CASE)) == 1
    assert "Cy Park (alleged victim)" in _column(mine, COL_PEOPLE)[0]
    assert "1 case." in mine.status_text()


def test_an_empty_dashboard_says_so_and_a_large_one_says_where_the_rest_are(
    qtbot: QtBot, sign_in_as: Callable[[str], Workspace], clock: ManualClock
) -> None:
    supervisor = sign_in_as("sup")
    widget = _dashboard(qtbot, loader_for(supervisor), supervisor, clock)
    assert widget.status_text() == "No open cases you may see. New reports appear here."
    for victim in ("Ann Lee", "Bo Nuñez", "Cy Park"):
        open_case(supervisor, report(clock, victim))
    found = load_open_cases(loader_for(supervisor), per_status=2)
    assert (len(found.cases), found.total) == (2, 3)
    widget.reload()
    qtbot.waitUntil(lambda: "3 cases" in widget.status_text(), timeout=10_000)
    labels = [label.text() for label in widget.findChildren(QLabel)]
    assert any("most urgent clocks" in text for text in labels)


def test_an_old_case_with_an_overdue_clock_is_found_behind_the_newest_ones(
    qtbot: QtBot, sign_in_as: Callable[[str], Workspace], clock: ManualClock
) -> None:
    supervisor = sign_in_as("sup")
    clock.advance(timedelta(days=-3))
    forgotten = open_case(supervisor, report(clock, "Old Case")).summary.case_number
    clock.advance(timedelta(days=3))
    for victim in ("Ann Lee", "Bo Nuñez", "Cy Park", "Di Ørsted"):
        open_case(supervisor, report(clock, victim))
    sizes = DashboardSizes(per_status=2, keep=3, page_size=2)
    loader = CountingLoader(loader_for(supervisor))
    widget = DashboardWidget(
        loader, BackgroundRunner(), clock.now, supervisor.deadline_settings, sizes=sizes
    )
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.show()

    qtbot.waitUntil(lambda: "most urgent of 5 open cases" in widget.status_text(), timeout=10_000)
    numbers = _column(widget, COL_CASE)
    assert len(numbers) == 3
    assert numbers[0] == forgotten
    assert _column(widget, COL_CLOCK)[0].startswith("OVERDUE")
    assert widget.table.currentIndex().row() == 0

    # Someone who moved to a case stays on it when the list is loaded again.
    widget.table.setFocus()
    qtbot.keyClick(widget.table, Qt.Key.Key_Down)
    chosen = _column(widget, COL_CASE)[1]
    widget.reload()
    qtbot.waitUntil(lambda: "checked" in widget.status_text(), timeout=10_000)
    qtbot.waitUntil(lambda: "most urgent of 5 open cases" in widget.status_text(), timeout=10_000)
    assert _column(widget, COL_CASE)[widget.table.currentIndex().row()] == chosen
