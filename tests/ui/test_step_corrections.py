"""Correcting and reopening a recorded step on its page, over a real installation."""

from __future__ import annotations

from datetime import timedelta
from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit
from pytestqt.qtbot import QtBot

from incident_desk.domain.clock import ManualClock
from incident_desk.domain.enums import StepState
from incident_desk.services import workflow
from incident_desk.services.cases import open_case
from incident_desk.services.timeline import timeline
from incident_desk.services.workspace import Workspace
from incident_desk.ui.workflow.step_fields import LineFieldEditor
from incident_desk.ui.workflow.step_page import StepPage
from incident_desk.ui.workflow.step_panel_services import bind_step_panel_services
from incident_desk.ui.workflow.timeline_widget import TimelineWidget
from incident_desk.ui.workflow.workflow_widget import StepServices, WorkflowWidget

from .test_clock_banner_widget import report
from .test_step_page import SAFETY, fill_safety
from .test_workflow_widget import settled


def full_services(workspace: Workspace) -> StepServices:
    """Every slot bound, as the composition root binds them."""
    return StepServices(
        checklist=partial(workflow.checklist, workspace),
        step_draft=partial(workflow.step_draft, workspace),
        save_step_field=partial(workflow.save_step_field, workspace),
        record_step=partial(workflow.record_step, workspace),
        mark_not_applicable=partial(workflow.mark_not_applicable, workspace),
        now=workspace.clock.now,
        correct_step=partial(workflow.correct_step, workspace),
        reopen_step=partial(workflow.reopen_step, workspace),
        panels=bind_step_panel_services(workspace),
    )


def workflow_for(qtbot: QtBot, workspace: Workspace, case: str) -> WorkflowWidget:
    widget = WorkflowWidget(case, full_services(workspace))
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.show()
    with qtbot.waitSignal(widget.step_opened, timeout=10_000):
        widget.reload()
    settled(qtbot, widget)
    return widget


def open_step(qtbot: QtBot, widget: WorkflowWidget, key: str) -> StepPage:
    if widget.page is None or widget.page.step.key != key:
        with qtbot.waitSignal(widget.step_opened, timeout=10_000):
            widget.open_step(key)
    settled(qtbot, widget)
    assert widget.page is not None
    return widget.page


def safety_done(qtbot: QtBot, widget: WorkflowWidget) -> StepPage:
    page = open_step(qtbot, widget, SAFETY)
    fill_safety(qtbot, page)
    with qtbot.waitSignal(widget.step_opened, timeout=10_000):
        qtbot.mouseClick(page.mark_done, Qt.MouseButton.LeftButton)
    settled(qtbot, widget)
    return open_step(qtbot, widget, SAFETY)


def test_correcting_a_done_step_shows_the_correction_on_the_page_and_the_timeline(
    qtbot: QtBot, supervisor: Workspace, clock: ManualClock, screenshot_dir: Path
) -> None:
    case = open_case(supervisor, report(clock)).summary.case_number
    widget = workflow_for(qtbot, supervisor, case)
    shown_timeline = TimelineWidget(case, partial(timeline, supervisor, case))
    qtbot.addWidget(shown_timeline)
    widget.loaded.connect(shown_timeline.reload)  # as the case tab wires them
    page = safety_done(qtbot, widget)
    assert page.correct.isVisible()
    assert page.reopen.isVisible()
    assert not page.mark_done.isVisible()
    assert not page.history.isVisible()
    clock.advance(timedelta(minutes=20))

    qtbot.mouseClick(page.correct, Qt.MouseButton.LeftButton)
    dialog = page.amend.correction_dialog
    assert dialog is not None
    assert dialog.isVisible()
    supervisor_editor = dialog.editors["shift_supervisor"]
    assert isinstance(supervisor_editor, LineFieldEditor)
    assert supervisor_editor.value() == "Lt. Baker"  # prefilled from what was recorded
    supervisor_editor.line.selectAll()
    qtbot.keyClicks(supervisor_editor.line, "Lt. Moore")
    # Saving with no reason is refused where the reason goes; what was typed stays.
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.errors["correction_reason"].isVisible(), timeout=10_000)
    assert "Say why you are correcting this entry" in dialog.errors["correction_reason"].text()
    assert supervisor_editor.value() == "Lt. Moore"
    QApplication.sendPostedEvents()
    dialog.grab().save(str(screenshot_dir / "step-correction-refused.png"))

    qtbot.keyClicks(dialog.reason, "Wrong lieutenant named the first time")
    with qtbot.waitSignal(widget.step_opened, timeout=10_000) as reshown:
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert reshown.args == [SAFETY]
    settled(qtbot, widget)
    page = widget.page
    assert page is not None
    history = page.history.text()
    assert history.startswith(f"Corrected by {supervisor.actor.display_name} at 22 Nov 2026 03:20")
    assert history.endswith(": Wrong lieutenant named the first time")
    assert page.history.isVisible()
    assert page.editors["shift_supervisor"].value() == "Lt. Moore"
    latest = workflow.checklist(supervisor, case).step(SAFETY).record
    assert latest is not None
    assert latest.values["shift_supervisor"] == "Lt. Moore"

    qtbot.waitUntil(
        lambda: any("Wrong lieutenant named" in text for text in shown_timeline.item_texts()),
        timeout=10_000,
    )
    correction = next(t for t in shown_timeline.item_texts() if "Wrong lieutenant" in t)
    assert "CORRECTION" in correction
    QApplication.sendPostedEvents()
    widget.grab().save(str(screenshot_dir / "step-corrected.png"))


def test_a_correction_that_changes_nothing_is_refused_in_words(
    qtbot: QtBot, supervisor: Workspace, clock: ManualClock
) -> None:
    case = open_case(supervisor, report(clock)).summary.case_number
    widget = workflow_for(qtbot, supervisor, case)
    page = safety_done(qtbot, widget)
    qtbot.mouseClick(page.correct, Qt.MouseButton.LeftButton)
    dialog = page.amend.correction_dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.reason, "Checking")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.summary.isVisible()
    assert dialog.summary.text().startswith("Nothing is changed yet")
    assert dialog.isVisible()
    settled(qtbot, widget)


def test_reopening_by_keyboard_puts_the_step_back_to_pending_with_the_reason(
    qtbot: QtBot, supervisor: Workspace, clock: ManualClock, screenshot_dir: Path
) -> None:
    case = open_case(supervisor, report(clock)).summary.case_number
    widget = workflow_for(qtbot, supervisor, case)
    page = safety_done(qtbot, widget)
    page.reopen.setFocus()
    qtbot.keyClick(page.reopen, Qt.Key.Key_Space)
    ask = page.amend.reason_dialog
    assert isinstance(ask, QInputDialog)
    assert ask.isVisible()
    # An empty reason is refused on the page; nothing changes.
    qtbot.keyClick(ask, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.summary.isVisible(), timeout=10_000)
    assert "Say why you are correcting this entry" in page.summary.text()
    assert workflow.checklist(supervisor, case).step(SAFETY).state is StepState.DONE
    settled(qtbot, widget)

    page.reopen.setFocus()
    qtbot.keyClick(page.reopen, Qt.Key.Key_Space)
    ask = page.amend.reason_dialog
    assert ask is not None
    line = ask.findChild(QLineEdit)
    assert line is not None
    qtbot.keyClicks(line, "Recorded on the wrong case")
    with qtbot.waitSignal(widget.step_opened, timeout=10_000):
        qtbot.keyClick(line, Qt.Key.Key_Return)
    settled(qtbot, widget)
    page = widget.page
    assert page is not None
    assert page.step.key == SAFETY
    assert page.stamp.text() == "Not done yet."
    assert page.history.text().startswith(f"Reopened by {supervisor.actor.display_name}")
    assert page.history.text().endswith(": Recorded on the wrong case")
    assert page.mark_done.isVisible()
    assert not page.correct.isVisible()
    assert not page.reopen.isVisible()
    assert workflow.checklist(supervisor, case).step(SAFETY).state is StepState.PENDING
    texts = widget.checklist.item_texts()
    assert any("2. Victim safe" in t and t.endswith("Pending") for t in texts)
    QApplication.sendPostedEvents()
    widget.grab().save(str(screenshot_dir / "step-reopened.png"))


def test_another_role_sees_no_correct_or_reopen(
    qtbot: QtBot,
    supervisor: Workspace,
    clock: ManualClock,
    sign_in_as: object,
) -> None:
    case = open_case(supervisor, report(clock)).summary.case_number
    widget = workflow_for(qtbot, supervisor, case)
    safety_done(qtbot, widget)
    assert callable(sign_in_as)
    medical = sign_in_as("med")
    other = workflow_for(qtbot, medical, case)
    page = open_step(qtbot, other, SAFETY)
    assert not page.step.may_complete
    assert not page.correct.isVisible()
    assert not page.reopen.isVisible()
