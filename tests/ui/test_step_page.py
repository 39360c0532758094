"""A step's page on a real case: refusals shown where they belong, read-only for other roles."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from incident_desk.domain.clock import ManualClock
from incident_desk.domain.enums import StepState
from incident_desk.domain.validation import MSG_NOT_APPLICABLE_REASON_MISSING
from incident_desk.services.cases import open_case
from incident_desk.services.workflow import (
    checklist,
    mark_not_applicable,
    record_step,
    save_step_field,
    step_draft,
)
from incident_desk.services.workspace import Workspace
from incident_desk.ui.workflow.step_fields import DateTimeFieldEditor, LineFieldEditor
from incident_desk.ui.workflow.step_page import StepPage

from .test_clock_banner_widget import report

SAFETY = "victim_safety"
SAFETY_TEXT = {
    "safety_action": "Moved to the medical unit with an officer at the door.",
    "safety_ensured_by": "Officer Reyes",
    "supervisor_notified_by": "Officer Reyes",
    "shift_supervisor": "Lt. Baker",
}


def page_for(qtbot: QtBot, workspace: Workspace, case: str, step_key: str) -> StepPage:
    step = checklist(workspace, case).step(step_key)
    page = StepPage(
        step,
        step_draft(workspace, case, step_key),
        save_field=partial(save_step_field, workspace, case),
        record_step=partial(record_step, workspace, case),
        mark_not_applicable=partial(mark_not_applicable, workspace, case),
        now=workspace.clock.now,
    )
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    return page


def fill_safety(qtbot: QtBot, page: StepPage) -> None:
    """Fill every required field of the victim-safety step by keyboard and mouse."""
    for key in ("safety_ensured_at", "supervisor_notified_at"):
        editor = page.editors[key]
        assert isinstance(editor, DateTimeFieldEditor)
        qtbot.mouseClick(editor.now_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(page.editors["safety_action"].focusProxy(), SAFETY_TEXT["safety_action"])
    for key in ("safety_ensured_by", "supervisor_notified_by", "shift_supervisor"):
        editor = page.editors[key]
        assert isinstance(editor, LineFieldEditor)
        qtbot.keyClicks(editor.line, SAFETY_TEXT[key])


def settle(qtbot: QtBot, page: QWidget, busy: Callable[[], bool]) -> None:
    qtbot.waitUntil(lambda: not busy(), timeout=10_000)
    QApplication.sendPostedEvents()


def snap(page: QWidget, screenshot_dir: Path, name: str) -> None:
    QApplication.sendPostedEvents()
    page.grab().save(str(screenshot_dir / f"{name}.png"))


def test_the_page_quotes_the_policy_and_marks_required_fields(
    qtbot: QtBot, supervisor: Workspace, clock: ManualClock, screenshot_dir: Path
) -> None:
    case = open_case(supervisor, report(clock)).summary.case_number
    page = page_for(qtbot, supervisor, case, SAFETY)
    definition = page.step.definition
    assert page.heading.text() == "Step 2: Victim safe, shift supervisor told"
    assert definition.policy_paragraphs[0] in page.policy.text()
    assert "CPP 14.7 G.3" in page.citation.text()
    assert page.prompt.text().startswith("Make sure the alleged victim is safe now.")
    assert page.stamp.text() == "Not done yet."
    captions = [label.text() for label in page.findChildren(type(page.heading))]
    assert "How the victim was made safe (required)" in captions
    assert page.mark_done.isVisible()
    assert page.not_applicable.isVisible()
    snap(page, screenshot_dir, "step-page-empty")


def test_mark_done_records_the_step_with_who_and_when(
    qtbot: QtBot, supervisor: Workspace, clock: ManualClock, screenshot_dir: Path
) -> None:
    case = open_case(supervisor, report(clock)).summary.case_number
    page = page_for(qtbot, supervisor, case, SAFETY)
    fill_safety(qtbot, page)
    with qtbot.waitSignal(page.step_recorded, timeout=10_000):
        qtbot.mouseClick(page.mark_done, Qt.MouseButton.LeftButton)
    settle(qtbot, page, lambda: page._runner.busy)
    step = checklist(supervisor, case).step(SAFETY)
    assert step.state is StepState.DONE
    assert step.record is not None
    assert step.record.values["safety_action"] == SAFETY_TEXT["safety_action"]
    done = page_for(qtbot, supervisor, case, SAFETY)
    assert done.stamp.text().startswith("Done: happened 22 Nov 2026 03:00, recorded")
    assert supervisor.actor.display_name in done.stamp.text()
    assert not done.mark_done.isVisible()
    assert done.editors["shift_supervisor"].value() == "Lt. Baker"
    snap(done, screenshot_dir, "step-page-done")


def test_not_applicable_needs_a_reason(
    qtbot: QtBot, supervisor: Workspace, clock: ManualClock
) -> None:
    case = open_case(supervisor, report(clock)).summary.case_number
    page = page_for(qtbot, supervisor, case, SAFETY)
    qtbot.mouseClick(page.not_applicable, Qt.MouseButton.LeftButton)
    dialog = page.reason_dialog
    assert dialog is not None
    assert dialog.isVisible()
    with qtbot.waitSignal(page.refused, timeout=10_000):
        dialog.accept()
    assert MSG_NOT_APPLICABLE_REASON_MISSING in page.summary.text()
    assert page.summary.isVisible()
    qtbot.mouseClick(page.not_applicable, Qt.MouseButton.LeftButton)
    dialog = page.reason_dialog
    assert dialog is not None
    dialog.setTextValue("Victim released from custody before the report was made.")
    with qtbot.waitSignal(page.step_marked_not_applicable, timeout=10_000):
        dialog.accept()
    settle(qtbot, page, lambda: page._runner.busy)
    assert checklist(supervisor, case).step(SAFETY).state is StepState.NOT_APPLICABLE


def test_a_late_time_without_a_reason_is_refused_under_the_field(
    qtbot: QtBot, supervisor: Workspace, clock: ManualClock, screenshot_dir: Path
) -> None:
    case = open_case(supervisor, report(clock)).summary.case_number
    page = page_for(qtbot, supervisor, case, SAFETY)
    fill_safety(qtbot, page)
    clock.advance(timedelta(minutes=30))  # written up half an hour after it happened
    with qtbot.waitSignal(page.refused, timeout=10_000):
        qtbot.mouseClick(page.mark_done, Qt.MouseButton.LeftButton)
    late_error = page.field_errors["late_entry_reason"]
    assert late_error.isVisible()
    assert "Say why it is being entered after the fact" in late_error.text()
    assert late_error.text() in page.summary.text()
    assert page.editors["safety_action"].value() == SAFETY_TEXT["safety_action"]  # nothing lost
    assert page.is_late()
    assert "required" in page.late_caption.text()
    snap(page, screenshot_dir, "step-page-refused")
    qtbot.keyClicks(page.late_reason, "Radio traffic kept me off the terminal.")
    with qtbot.waitSignal(page.step_recorded, timeout=10_000):
        qtbot.mouseClick(page.mark_done, Qt.MouseButton.LeftButton)
    settle(qtbot, page, lambda: page._runner.busy)
    record = checklist(supervisor, case).step(SAFETY).record
    assert record is not None
    assert record.late_entry_reason.startswith("Radio traffic")


def test_a_first_responder_sees_the_separation_step_read_only(
    qtbot: QtBot,
    sign_in_as: Callable[[str], Workspace],
    clock: ManualClock,
) -> None:
    responder = sign_in_as("fr")
    case = open_case(responder, report(clock)).summary.case_number  # they took the report
    page = page_for(qtbot, responder, case, "separation")
    assert page.access_note.isVisible()
    assert page.access_note.text().startswith("Only the shift supervisor may complete this step")
    assert not page.mark_done.isVisible()
    assert not page.not_applicable.isVisible()
    description = page.editors["description"].focusProxy()
    assert description.isReadOnly()  # type: ignore[attr-defined]


def test_tab_order_follows_the_page(
    qtbot: QtBot, supervisor: Workspace, clock: ManualClock
) -> None:
    case = open_case(supervisor, report(clock)).summary.case_number
    page = page_for(qtbot, supervisor, case, SAFETY)
    page.activateWindow()
    first = page.editors["safety_ensured_at"].focusProxy()
    first.setFocus()
    qtbot.waitUntil(first.hasFocus)
    seen = [first]
    for _ in range(12):
        current = QApplication.focusWidget()
        assert current is not None
        qtbot.keyClick(current, Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    tops = [widget.mapTo(page, widget.rect().topLeft()).y() for widget in seen]
    assert tops == sorted(tops), [w.accessibleName() for w in seen]
    names = [widget.accessibleName() for widget in seen]
    assert names[:3] == [
        "Victim made safe at",
        "Victim made safe at: set to now",
        "How the victim was made safe",
    ]
