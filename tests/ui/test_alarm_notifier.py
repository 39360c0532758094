"""Clock alarms: each clock of a case raises its amber and its red notice once, never again."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QMessageBox, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from incident_desk.domain.clock import ManualClock
from incident_desk.domain.deadlines import DeadlineKind
from incident_desk.domain.enums import PersonRole
from incident_desk.services.cases import get_case, open_case
from incident_desk.services.dry_cell import place_in_dry_cell
from incident_desk.services.workspace import Workspace
from incident_desk.ui.widgets.alarm_notifier import AlarmNotifier, ClockNotice, window_sink
from incident_desk.ui.widgets.clock_banner_widget import ClockBannerWidget, snapshot_source
from incident_desk.ui.widgets.clock_ticker import ClockTicker
from incident_desk.ui.widgets.deadline_presenter import Severity

from .test_clock_banner_widget import report

IMMEDIATE_STEPS = 4  # victim safety, separation, warden and investigator notified


def watched_banner(
    qtbot: QtBot, workspace: Workspace, case_number: str, clock: ManualClock
) -> tuple[ClockBannerWidget, ClockTicker, list[ClockNotice]]:
    banner = ClockBannerWidget(
        snapshot_source(get_case(workspace, case_number).deadlines, workspace.deadline_settings)
    )
    qtbot.addWidget(banner)
    ticker = ClockTicker(clock, banner)
    ticker.ticked.connect(banner.refresh)
    notices: list[ClockNotice] = []
    notifier = AlarmNotifier(notices.append, banner)
    notifier.watch(banner, case_number)
    return banner, ticker, notices


def test_each_clock_warns_once_and_alarms_once_across_ticks_and_reloads(
    qtbot: QtBot, supervisor: Workspace, clock: ManualClock
) -> None:
    case = open_case(supervisor, report(clock)).summary.case_number
    banner, ticker, notices = watched_banner(qtbot, supervisor, case, clock)
    ticker.tick()
    assert notices == []

    clock.advance(timedelta(minutes=50))
    for _ in range(5):
        ticker.tick()
        clock.advance(timedelta(seconds=1))
    assert len(notices) == IMMEDIATE_STEPS
    assert {n.severity for n in notices} == {Severity.WARNING}
    assert {n.kind for n in notices} == {DeadlineKind.IMMEDIATE_STEP}
    assert len({n.subject for n in notices}) == IMMEDIATE_STEPS

    clock.advance(timedelta(minutes=15))
    ticker.tick()
    ticker.tick()
    alarms = [n for n in notices if n.severity is Severity.ALARM]
    assert len(alarms) == IMMEDIATE_STEPS
    safety = next(n for n in alarms if n.subject == "victim_safety")
    assert safety.title == "Incident Desk"
    assert safety.message.startswith(f"Case {case} \u2014 Immediate step: Victim safety: OVERDUE")
    assert "CPP 14.7 G.3" in safety.message

    # Fresh deadlines from the database (something was recorded) do not repeat any notice.
    banner.set_deadlines(get_case(supervisor, case).deadlines, clock.now())
    clock.advance(timedelta(minutes=30))
    ticker.tick()
    assert len(notices) == 2 * IMMEDIATE_STEPS


def test_a_clock_first_seen_overdue_alarms_without_a_stale_warning(
    qtbot: QtBot, supervisor: Workspace, clock: ManualClock
) -> None:
    detail = open_case(supervisor, report(clock))
    case = detail.summary.case_number
    perpetrator = next(p for p in detail.summary.people if p.role is PersonRole.ALLEGED_PERPETRATOR)
    place_in_dry_cell(supervisor, case, perpetrator.id, "D-3", clock.now(), True, True, True)
    clock.advance(timedelta(hours=17))
    _banner, ticker, notices = watched_banner(qtbot, supervisor, case, clock)
    ticker.tick()
    dry = [n for n in notices if n.kind is DeadlineKind.DRY_CELL]
    assert [n.severity for n in dry] == [Severity.ALARM]
    assert "16-hour dry cell limit" in dry[0].message
    assert "overdue by 1 h 00 min" in dry[0].message


def test_without_a_tray_the_notice_is_a_box_that_does_not_block_the_window(
    qtbot: QtBot, supervisor: Workspace, clock: ManualClock, screenshot_dir: Path
) -> None:
    case = open_case(supervisor, report(clock)).summary.case_number
    window = QWidget()
    window.setWindowTitle("Incident Desk")
    qtbot.addWidget(window)
    field = QLineEdit(window)
    field.setAccessibleName("Narrative")
    banner = ClockBannerWidget(
        snapshot_source(get_case(supervisor, case).deadlines, supervisor.deadline_settings)
    )
    layout = QVBoxLayout(window)
    layout.addWidget(banner)
    layout.addWidget(field)
    layout.addStretch(1)
    window.resize(1366, 768)
    window.show()
    notifier = AlarmNotifier(window_sink(window), window)
    notifier.watch(banner, case)
    clock.advance(timedelta(hours=1, minutes=2))
    banner.refresh(clock.now())
    boxes = [box for box in window.findChildren(QMessageBox) if box.isVisible()]
    assert len(boxes) == 1  # the four steps that went overdue together share one box
    box = boxes[0]
    assert box.windowTitle() == "Incident Desk"
    assert box.windowModality() is Qt.WindowModality.NonModal
    assert box.text().count("OVERDUE") == IMMEDIATE_STEPS
    box.grab().save(str(screenshot_dir / "clock-alarm-window-notice.png"))
    # Work goes on: typing into the window still reaches the field.
    field.setFocus()
    qtbot.keyClicks(field, "still typing")  # type: ignore[no-untyped-call]
    assert field.text() == "still typing"
    banner.refresh(clock.now())
    assert box.text().count("OVERDUE") == IMMEDIATE_STEPS  # nothing repeated
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Close), Qt.MouseButton.LeftButton)  # type: ignore[no-untyped-call]
    assert not box.isVisible()
    clock.advance(timedelta(hours=1))
    banner.refresh(clock.now())
    assert not [b for b in window.findChildren(QMessageBox) if b.isVisible()]
