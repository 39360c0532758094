"""The clock banner: the first-response clocks of a real case, counting live as time passes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from incident_desk.domain.clock import ManualClock
from incident_desk.domain.deadlines import (
    CaseClockFacts,
    DeadlineKind,
    DryCellFacts,
    ImmediateStepFacts,
    compute_deadlines,
)
from incident_desk.domain.enums import (
    AllegationType,
    PersonKind,
    PersonRole,
    ReceivedHow,
    TimeCertainty,
)
from incident_desk.services.cases import NewPerson, NewReport, get_case, open_case
from incident_desk.services.dry_cell import place_in_dry_cell
from incident_desk.services.workspace import Workspace
from incident_desk.ui.widgets.clock_banner_widget import (
    ClockBannerWidget,
    ClockTile,
    snapshot_source,
)
from incident_desk.ui.widgets.clock_ticker import ClockTicker
from incident_desk.ui.widgets.deadline_presenter import Severity


def report(clock: ManualClock, **changes: object) -> NewReport:
    values: dict[str, object] = {
        "received_how": ReceivedHow.VERBAL,
        "allegation_type": AllegationType.OFFENDER_NONCONSENSUAL_SEXUAL_ACTS,
        "location": "Dorm 4, shower",
        "incident_at": clock.now() - timedelta(hours=2),
        "incident_certainty": TimeCertainty.EXACT,
        "narrative": "Reported to the officer on the unit.",
        "people": (
            NewPerson("José Álvarez", PersonRole.ALLEGED_VICTIM, PersonKind.OFFENDER, "A-1001"),
            NewPerson("Mark Stone", PersonRole.ALLEGED_PERPETRATOR, PersonKind.OFFENDER, "B-2002"),
        ),
    }
    values.update(changes)
    return NewReport(**values)  # type: ignore[arg-type]


def banner_for(
    qtbot: QtBot,
    workspace: Workspace,
    case_number: str,
    clock: ManualClock,
) -> tuple[ClockBannerWidget, ClockTicker, QWidget]:
    """A banner over the case's snapshot atop a 1366×768 page, ticking from the fake clock.

    The page is returned too: the test holds it, or Python would delete it under the banner.
    """
    detail = get_case(workspace, case_number)
    page = QWidget()
    qtbot.addWidget(page)
    banner = ClockBannerWidget(snapshot_source(detail.deadlines, workspace.deadline_settings))
    ticker = ClockTicker(clock, banner)
    ticker.ticked.connect(banner.refresh)
    layout = QVBoxLayout(page)
    layout.addWidget(banner)
    step = QPlainTextEdit("The step page goes here: its fields, the policy's words and citation.")
    layout.addWidget(step, 1)
    page.resize(1366, 768)
    page.show()
    ticker.tick()
    return banner, ticker, page


def tile(banner: ClockBannerWidget, title: str) -> ClockTile:
    found = [t for t in banner.tiles() if t.title_label.text().startswith(title)]
    assert len(found) == 1, [t.title_label.text() for t in banner.tiles()]
    return found[0]


def save(page: QWidget, screenshot_dir: Path, name: str) -> None:
    # Lay out what the last tick changed, as the event loop would before painting.
    QApplication.sendPostedEvents()
    page.grab().save(str(screenshot_dir / f"{name}.png"))


def severity(tile: ClockTile) -> Severity | None:
    return tile.severity


def test_an_immediate_step_turns_amber_then_red_as_time_passes(
    qtbot: QtBot, supervisor: Workspace, clock: ManualClock, screenshot_dir: Path
) -> None:
    case = open_case(supervisor, report(clock)).summary.case_number
    banner, ticker, _page = banner_for(qtbot, supervisor, case, clock)
    safety = tile(banner, "Immediate step: Victim safety")
    assert safety.status_text.startswith("Open \u2014 1 h 00 min left")
    assert safety.elapsed_label.text() == "0 s since the report was received"
    assert severity(safety) is Severity.NORMAL
    assert "CPP 14.7 G.3" in safety.toolTip()
    assert safety.accessibleName().startswith("Immediate step: Victim safety: Open")
    save(_page, screenshot_dir, "clock-banner-normal")

    clock.advance(timedelta(minutes=50))
    ticker.tick()
    assert safety.status_text.startswith("Due soon \u2014 10 min left")
    assert safety.elapsed_label.text() == "50 min since the report was received"
    assert severity(safety) is Severity.WARNING
    save(_page, screenshot_dir, "clock-banner-amber")

    clock.advance(timedelta(minutes=15))
    ticker.tick()
    assert safety.status_text.startswith("OVERDUE \u2014 overdue by 5 min")
    assert severity(safety) is Severity.ALARM
    evidence = tile(banner, "48-hour evidence preservation window")
    assert evidence.status_text.startswith("Open \u2014 1 d 20 h")  # 48 h - 2 h - 65 min
    save(_page, screenshot_dir, "clock-banner-red")


def test_the_dry_cell_limit_shows_and_counts_down(
    qtbot: QtBot, supervisor: Workspace, clock: ManualClock
) -> None:
    detail = open_case(supervisor, report(clock))
    case = detail.summary.case_number
    perpetrator = next(p for p in detail.summary.people if p.role is PersonRole.ALLEGED_PERPETRATOR)
    placement = place_in_dry_cell(
        supervisor, case, perpetrator.id, "D-3", clock.now(), True, True, True
    )
    banner, ticker, _page = banner_for(qtbot, supervisor, case, clock)
    dry = tile(banner, f"16-hour dry cell limit (placement {placement.id})")
    assert dry.status_text.startswith("Open \u2014 16 h 00 min left")
    assert "CPP 14.7 G.7" in dry.toolTip()
    clock.advance(timedelta(hours=1, minutes=30))
    ticker.tick()
    assert dry.status_text.startswith("Open \u2014 14 h 30 min left")
    clock.advance(timedelta(hours=13))
    ticker.tick()
    assert dry.status_text.startswith("Due soon \u2014 1 h 30 min left")
    clock.advance(timedelta(hours=2))
    ticker.tick()
    assert dry.status_text.startswith("OVERDUE \u2014 overdue by 30 min")
    assert severity(dry) is Severity.ALARM


def test_an_unknown_incident_time_shows_the_conservative_note(
    qtbot: QtBot, supervisor: Workspace, clock: ManualClock, screenshot_dir: Path
) -> None:
    unknown = report(clock, incident_at=None, incident_certainty=TimeCertainty.UNKNOWN)
    case = open_case(supervisor, unknown).summary.case_number
    banner, _, _page = banner_for(qtbot, supervisor, case, clock)
    evidence = tile(banner, "48-hour evidence preservation window")
    assert evidence.note_label.isVisible()
    assert evidence.note_label.text().startswith("Incident time unknown: the 48-hour window")
    assert evidence.status_text.startswith("Open \u2014 2 d 0 h left")
    assert "Incident time unknown" in evidence.toolTip()
    save(_page, screenshot_dir, "clock-banner-estimated")


def test_many_clocks_wrap_into_rows_that_fit_a_small_screen(
    qtbot: QtBot, supervisor: Workspace, clock: ManualClock, screenshot_dir: Path
) -> None:
    detail = open_case(
        supervisor,
        report(clock, occurred_elsewhere=True, other_facility_name="Lansing Correctional Facility"),
    )
    case = detail.summary.case_number
    perpetrator = next(p for p in detail.summary.people if p.role is PersonRole.ALLEGED_PERPETRATOR)
    place_in_dry_cell(supervisor, case, perpetrator.id, "D-3", clock.now(), True, True, True)
    clock.advance(timedelta(minutes=55))
    banner, _, _page = banner_for(qtbot, supervisor, case, clock)
    kinds = {deadline.kind for deadline, _ in banner.clocks}
    assert kinds == {
        DeadlineKind.EVIDENCE_PRESERVATION,
        DeadlineKind.DRY_CELL,
        DeadlineKind.OTHER_FACILITY_NOTICE,
        DeadlineKind.IMMEDIATE_STEP,
    }
    assert len(banner.tiles()) > 4
    page_layout = _page.layout()
    assert page_layout is not None
    page_layout.activate()
    rows = {t.y() for t in banner.tiles()}
    assert len(rows) == 2
    assert banner.height() < 768 // 4
    save(_page, screenshot_dir, "clock-banner-two-rows")


def test_set_deadlines_replaces_the_clocks_when_something_is_recorded(
    qtbot: QtBot, supervisor: Workspace, clock: ManualClock
) -> None:
    detail = open_case(supervisor, report(clock))
    case = detail.summary.case_number
    banner, _, _page = banner_for(qtbot, supervisor, case, clock)
    assert not [t for t in banner.tiles() if "dry cell" in t.title_label.text()]
    perpetrator = next(p for p in detail.summary.people if p.role is PersonRole.ALLEGED_PERPETRATOR)
    place_in_dry_cell(supervisor, case, perpetrator.id, "D-3", clock.now(), True, True, True)
    banner.set_deadlines(get_case(supervisor, case).deadlines, clock.now())
    assert [t for t in banner.tiles() if "dry cell" in t.title_label.text()]


def test_a_snapshot_carried_forward_agrees_with_the_engine() -> None:
    clock = ManualClock(datetime(2026, 11, 22, 3, 0, tzinfo=UTC))
    facts = CaseClockFacts(
        received_at=clock.now(),
        incident_at=clock.now() - timedelta(hours=3),
        incident_certainty=TimeCertainty.EXACT,
        occurred_elsewhere=True,
        immediate_steps=(ImmediateStepFacts("victim_safety", None),),
        dry_cells=(DryCellFacts(1, clock.now(), None),),
    )
    snapshot = compute_deadlines(facts, clock.now())
    carried = snapshot_source(snapshot)
    for hours in (0.5, 0.8, 1.2, 14.5, 16.5, 45.5, 60, 80):
        now = clock.now() + timedelta(hours=hours)
        expected = [(d.kind, d.subject, d.state, d.due_at) for d in compute_deadlines(facts, now)]
        got = [(d.kind, d.subject, d.state, d.due_at) for d in carried(now)]
        assert got == expected, hours


def test_the_banner_follows_a_dark_palette_and_keeps_amber_and_red_readable(
    qtbot: QtBot, supervisor: Workspace, clock: ManualClock, screenshot_dir: Path
) -> None:
    detail = open_case(supervisor, report(clock))
    case = detail.summary.case_number
    perpetrator = next(p for p in detail.summary.people if p.role is PersonRole.ALLEGED_PERPETRATOR)
    place_in_dry_cell(supervisor, case, perpetrator.id, "D-3", clock.now(), True, True, True)
    # The desktop's dark palette is the application's palette; restored after the test.
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    light = app.palette()
    dark = QPalette(light)
    for role, colour in (
        (QPalette.ColorRole.Window, "#202124"),
        (QPalette.ColorRole.WindowText, "#e8eaed"),
        (QPalette.ColorRole.Base, "#2b2c2f"),
        (QPalette.ColorRole.Text, "#e8eaed"),
        (QPalette.ColorRole.Mid, "#5f6368"),
    ):
        dark.setColor(role, QColor(colour))
    app.setPalette(dark)
    try:
        banner, ticker, page = banner_for(qtbot, supervisor, case, clock)
        clock.advance(timedelta(minutes=50))
        ticker.tick()
        dry = tile(banner, "16-hour dry cell limit")
        assert severity(dry) is Severity.NORMAL
        text = dry.title_label.palette().color(QPalette.ColorRole.WindowText)
        assert text == QColor("#e8eaed")
        clock.advance(timedelta(minutes=15))
        ticker.tick()
        assert severity(tile(banner, "Immediate step: Victim safety")) is Severity.ALARM
        save(page, screenshot_dir, "clock-banner-dark-palette")
    finally:
        app.setPalette(light)
