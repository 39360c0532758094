"""A whole incident as the shift supervisor works it at night, typed and clicked: Ctrl+N, the
safety questions and the intake, then the immediate steps one after another while the clocks
run, one step marked not applicable, and a draft left unfinished. The window is closed, the
installation opened again from scratch, and everything typed is found where it was left."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from incident_desk.domain.clock import ManualClock
from incident_desk.domain.enums import AllegationType, PersonKind, PersonRole, TimeCertainty
from incident_desk.services.workspace import Workspace
from incident_desk.ui.cases.case_overview_widget import CaseOverviewWidget
from incident_desk.ui.messages.clocks import STEP_TITLES
from incident_desk.ui.messages.steps import CHECKLIST_NEXT
from incident_desk.ui.shell.main_window import MainWindow
from incident_desk.ui.workflow.new_report_dialog import NewReportDialog
from incident_desk.ui.workflow.step_fields import LineFieldEditor
from tests.ui.incident_driver import (
    NOW,
    WAIT_MS,
    choose,
    click_step,
    fill,
    main_window,
    mark_done,
    overview_of,
    read_only,
    settle,
    shot,
    stamp_minute,
    stored_values,
    tick,
    type_into,
)

SAFETY = "victim_safety"
SEPARATION = "separation"
WARDEN = "warden_notification"
INVESTIGATOR = "investigator_notification"
ADVOCATE = "victim_advocate"
TRANSPORT = "medical_transport"
IMMEDIATE = (SAFETY, SEPARATION, WARDEN, INVESTIGATOR)
ADVOCATE_REASON = "Victim released to the hospital before an advocate could be offered."

# What the supervisor types into each step; NOW stands for the moment the button was pressed.
TYPED: dict[str, dict[str, str]] = {
    SAFETY: {
        "safety_ensured_at": NOW,
        "safety_action": "Moved to the medical unit with an officer at the door.",
        "safety_ensured_by": "Officer Reyes",
        "supervisor_notified_at": NOW,
        "supervisor_notified_by": "Officer Reyes",
        "shift_supervisor": "Sgt. Dana Brooks",
    },
    SEPARATION: {
        "separated_at": NOW,
        "method": "segregate_perpetrator",
        "description": "Alleged perpetrator held in intake cell 2 under watch.",
        "separated_by": "Officer Tran",
    },
    WARDEN: {
        "notified_at": NOW,
        "person_notified": "Warden Sam Hale",
        "method": "phone",
        "notified_by": "Sgt. Dana Brooks",
    },
    INVESTIGATOR: {
        "notified_at": NOW,
        "investigator": "Inv. Pat Moreau",
        "method": "radio",
        "notified_by": "Sgt. Dana Brooks",
    },
}
DRAFT = {"destination": "Baptist Health La Grange", "escort": "Officer Tran"}


# -- driving the screens ---------------------------------------------------------------------


def _status_words(overview: CaseOverviewWidget) -> dict[str, str]:
    """The status word of each immediate-step clock tile, by the step's title."""
    found: dict[str, str] = {}
    for tile in overview.banner.tiles():
        for key in IMMEDIATE:
            if tile.title_label.text().endswith(f": {STEP_TITLES[key]}"):
                found[key] = tile.status_text.split(" \u2014 ")[0]
    assert set(found) == set(IMMEDIATE), [t.title_label.text() for t in overview.banner.tiles()]
    return found


def _report_by_keyboard(qtbot: QtBot, main: MainWindow, clock: ManualClock, shots: Path) -> str:
    """Ctrl+N, the safety questions, the intake and two people; returns the case number."""
    qtbot.keyClick(main, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialogs = [d for d in main.findChildren(NewReportDialog) if d.isVisible()]
    assert len(dialogs) == 1, "Ctrl+N opens the New report dialog"
    dialog = dialogs[0]
    choose(qtbot, dialog.victim_safe_field, True)
    choose(qtbot, dialog.imminent_risk_field, False)
    type_into(qtbot, dialog.reported_by_field, "Jose Alvarez")
    type_into(qtbot, dialog.location_field, "Dorm 4, shower")
    choose(qtbot, dialog.certainty_field, TimeCertainty.EXACT)
    earlier = (clock.now() - timedelta(hours=2)).astimezone().strftime("%Y-%m-%d %H:%M")
    dialog.incident_at_field.setFocus()
    qtbot.keyClick(dialog.incident_at_field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(dialog.incident_at_field, earlier)
    choose(qtbot, dialog.allegation_field, AllegationType.OFFENDER_NONCONSENSUAL_SEXUAL_ACTS)
    type_into(qtbot, dialog.narrative_field, "Told the unit officer at count he was assaulted.")
    editor = dialog.people_editor
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    victim = editor.rows[0]
    qtbot.keyClicks(victim.name_field, "Jose Alvarez")
    choose(qtbot, victim.role_field, PersonRole.ALLEGED_VICTIM)
    choose(qtbot, victim.kind_field, PersonKind.OFFENDER)
    type_into(qtbot, victim.identifier_field, "A-1001")
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    perpetrator = editor.rows[1]
    qtbot.keyClicks(perpetrator.name_field, "Mark Stone")
    choose(qtbot, perpetrator.role_field, PersonRole.ALLEGED_PERPETRATOR)
    choose(qtbot, perpetrator.kind_field, PersonKind.OFFENDER)
    type_into(qtbot, perpetrator.identifier_field, "B-2002")
    qtbot.wait(50)
    dialog.scroll_area.ensureWidgetVisible(perpetrator.identifier_field)
    QApplication.processEvents()
    dialog.grab().save(str(shots / "whole-incident-1-new-report.png"))
    with qtbot.waitSignal(dialog.report_opened, timeout=WAIT_MS) as opened:
        qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    return str(opened.args[0])


# -- the incident ----------------------------------------------------------------------------


def _work_the_incident(
    qtbot: QtBot, main: MainWindow, clock: ManualClock, shots: Path
) -> tuple[str, dict[str, str]]:
    """Everything up to closing the window; returns the case number and each step's minute."""
    number = _report_by_keyboard(qtbot, main, clock, shots)
    qtbot.waitUntil(lambda: main.tabs.count() == 3, timeout=WAIT_MS)
    overview = overview_of(main)
    assert overview.case_number == number
    qtbot.waitUntil(lambda: overview.workflow.page is not None, timeout=WAIT_MS)
    settle(qtbot, main)
    assert set(_status_words(overview).values()) == {"Open"}
    minutes: dict[str, str] = {}

    page = overview.workflow.page
    assert page is not None
    assert page.step.key == SAFETY
    fill(qtbot, page, TYPED[SAFETY])
    minutes[SAFETY] = clock.now().strftime("%Y-%m-%d %H:%M")
    assert mark_done(qtbot, overview, page) == SEPARATION
    shot(qtbot, main, shots / "whole-incident-2-first-step-done.png")

    tick(main, clock, 50)  # 03:50: the hour for the immediate steps is nearly gone
    assert _status_words(overview)[SEPARATION] == "Due soon"
    page = overview.workflow.page
    assert page is not None
    assert page.step.key == SEPARATION
    fill(qtbot, page, TYPED[SEPARATION])
    minutes[SEPARATION] = clock.now().strftime("%Y-%m-%d %H:%M")
    mark_done(qtbot, overview, page)
    shot(qtbot, main, shots / "whole-incident-3-due-soon.png")

    tick(main, clock, 20)  # 04:10: the notifications are late now
    assert _status_words(overview)[WARDEN] == "OVERDUE"
    assert _status_words(overview)[INVESTIGATOR] == "OVERDUE"
    shot(qtbot, main, shots / "whole-incident-4-overdue.png")
    for box in [b for b in main.findChildren(QWidget) if b.isWindow() and b is not main]:
        box.close()  # the overdue notice, already seen
    for key in (WARDEN, INVESTIGATOR):
        page = click_step(qtbot, overview, key)
        fill(qtbot, page, TYPED[key])
        minutes[key] = clock.now().strftime("%Y-%m-%d %H:%M")
        mark_done(qtbot, overview, page)
        tick(main, clock, 2)

    page = click_step(qtbot, overview, ADVOCATE)
    qtbot.mouseClick(page.not_applicable, Qt.MouseButton.LeftButton)
    reason_dialog = page.reason_dialog
    assert reason_dialog is not None
    assert reason_dialog.isVisible()
    reason_field = reason_dialog.findChild(QLineEdit)
    assert reason_field is not None
    qtbot.keyClicks(reason_field, ADVOCATE_REASON)
    with qtbot.waitSignal(page.step_marked_not_applicable, timeout=WAIT_MS):
        qtbot.keyClick(reason_field, Qt.Key.Key_Return)
    settle(qtbot, main)

    # A draft: typed, saved as typed, never marked done; the last field is typed just before
    # the window closes, inside the save pause.
    page = click_step(qtbot, overview, TRANSPORT)
    destination, escort = page.editors["destination"], page.editors["escort"]
    assert isinstance(destination, LineFieldEditor)
    assert isinstance(escort, LineFieldEditor)
    with qtbot.waitSignal(page.field_saved, timeout=WAIT_MS):
        type_into(qtbot, destination.line, DRAFT["destination"])
    settle(qtbot, main)
    type_into(qtbot, escort.line, DRAFT["escort"])
    return number, minutes


def _reopen(
    qtbot: QtBot, sign_in_as: Callable[[str], Workspace], clock: ManualClock, number: str
) -> tuple[MainWindow, CaseOverviewWidget]:
    main = main_window(qtbot, sign_in_as("sup"), clock)
    qtbot.waitUntil(lambda: main.dashboard.model.rowCount() == 1, timeout=WAIT_MS)
    table = main.dashboard.table
    table.setFocus()
    table.setCurrentIndex(main.dashboard.model.index(0, 0))
    qtbot.keyClick(table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: main.tabs.count() == 3, timeout=WAIT_MS)
    overview = overview_of(main)
    assert overview.case_number == number
    qtbot.waitUntil(lambda: bool(overview.workflow.checklist.item_texts()), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: len(overview.timeline.entries) > 0, timeout=WAIT_MS)
    settle(qtbot, main)
    return main, overview


@pytest.fixture
def worked(
    qtbot: QtBot,
    sign_in_as: Callable[[str], Workspace],
    clock: ManualClock,
    screenshot_dir: Path,
) -> tuple[MainWindow, CaseOverviewWidget, dict[str, str]]:
    """The incident worked in one window, closed, and opened again in a fresh one."""
    first = sign_in_as("sup")
    main = main_window(qtbot, first, clock)
    number, minutes = _work_the_incident(qtbot, main, clock, screenshot_dir)
    main.close()  # signing out; leaving the step saves what was just typed
    settle(qtbot, main)
    first.close()
    again, overview = _reopen(qtbot, sign_in_as, clock, number)
    return again, overview, minutes


def test_every_value_typed_is_found_again_after_reopening(
    qtbot: QtBot,
    worked: tuple[MainWindow, CaseOverviewWidget, dict[str, str]],
    screenshot_dir: Path,
) -> None:
    main, overview, minutes = worked
    texts = overview.workflow.checklist.item_texts()
    for number, state in (
        ("2.", "Done"),
        ("3.", "Done"),
        ("5a.", "Done"),
        ("5b.", "Done"),
        ("5d.", f"Not applicable: {ADVOCATE_REASON}"),
        ("9a.", "Pending"),
    ):
        line = next(text for text in texts if text.removeprefix(CHECKLIST_NEXT).startswith(number))
        assert line.endswith(state), line
    shot(qtbot, main, screenshot_dir / "whole-incident-5-reopened.png")

    for key in IMMEDIATE:
        page = click_step(qtbot, overview, key)
        assert page.stamp.text().startswith(f"Done: happened {stamp_minute(minutes[key])}")
        assert "Sgt. Dana Brooks" in page.stamp.text()
        assert not page.mark_done.isVisibleTo(page)
        shown = {field: editor.value() for field, editor in page.editors.items()}
        assert shown == stored_values(TYPED[key], minutes[key])
        assert all(read_only(editor) for editor in page.editors.values())
    shot(qtbot, main, screenshot_dir / "whole-incident-6-recorded-step.png")

    page = click_step(qtbot, overview, ADVOCATE)
    assert page.stamp.text().startswith("Marked not applicable")
    assert page.stamp.text().endswith(f"Reason: {ADVOCATE_REASON}")
    # It can still be completed after all (the earlier entry stays), but not marked twice.
    assert not page.not_applicable.isVisibleTo(page)

    page = click_step(qtbot, overview, TRANSPORT)
    assert page.stamp.text() == "Not done yet."
    assert page.editors["destination"].value() == DRAFT["destination"]
    assert page.editors["escort"].value() == DRAFT["escort"]
    assert page.mark_done.isVisibleTo(page)

    overview.sections.setCurrentWidget(overview.timeline)
    timeline = "\n".join(overview.timeline.item_texts())
    for title in (
        "Victim safe, shift supervisor told",
        "Separate victim and alleged perpetrator",
        "Tell the Warden",
        "Tell the facility investigator",
        "Offer a victim advocate",
    ):
        assert title in timeline, timeline
    shot(qtbot, main, screenshot_dir / "whole-incident-7-timeline.png")

    statuses = _status_words(overview)
    assert statuses == dict.fromkeys(IMMEDIATE, "Met"), statuses


def test_a_clock_turns_to_met_in_the_open_case_when_its_step_is_done(
    qtbot: QtBot,
    sign_in_as: Callable[[str], Workspace],
    clock: ManualClock,
    screenshot_dir: Path,
) -> None:
    main = main_window(qtbot, sign_in_as("sup"), clock)
    number = _report_by_keyboard(qtbot, main, clock, screenshot_dir)
    qtbot.waitUntil(lambda: main.tabs.count() == 3, timeout=WAIT_MS)
    overview = overview_of(main)
    qtbot.waitUntil(lambda: overview.workflow.page is not None, timeout=WAIT_MS)
    assert overview.case_number == number
    tick(main, clock, 50)
    assert _status_words(overview)[SAFETY] == "Due soon"
    page = overview.workflow.page
    assert page is not None
    assert page.step.key == SAFETY
    fill(qtbot, page, TYPED[SAFETY])
    mark_done(qtbot, overview, page)
    settle(qtbot, main)
    tick(main, clock, 1)
    shot(qtbot, main, screenshot_dir / "whole-incident-banner-after-step.png")
    assert _status_words(overview)[SAFETY] == "Met"
