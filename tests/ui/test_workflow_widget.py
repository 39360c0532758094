"""The guided first response of a case: the checklist beside the open step, drafts kept."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from incident_desk.domain.clock import ManualClock
from incident_desk.domain.enums import StepState
from incident_desk.services import workflow
from incident_desk.services.cases import open_case
from incident_desk.services.workspace import Workspace
from incident_desk.ui.workflow.step_fields import LongTextFieldEditor
from incident_desk.ui.workflow.workflow_widget import StepServices, WorkflowWidget

from .test_clock_banner_widget import report
from .test_step_page import SAFETY, SAFETY_TEXT, fill_safety


def services_for(workspace: Workspace) -> StepServices:
    return StepServices(
        checklist=partial(workflow.checklist, workspace),
        step_draft=partial(workflow.step_draft, workspace),
        save_step_field=partial(workflow.save_step_field, workspace),
        record_step=partial(workflow.record_step, workspace),
        mark_not_applicable=partial(workflow.mark_not_applicable, workspace),
        now=workspace.clock.now,
    )


def opened(qtbot: QtBot, workspace: Workspace, case: str) -> WorkflowWidget:
    widget = WorkflowWidget(case, services_for(workspace))
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.show()
    with qtbot.waitSignal(widget.step_opened, timeout=10_000):
        widget.reload()
    return widget


def settled(qtbot: QtBot, widget: WorkflowWidget) -> None:
    qtbot.waitUntil(lambda: not widget.busy, timeout=10_000)
    QApplication.sendPostedEvents()


def test_typing_saves_a_draft_that_survives_closing_the_screen(
    qtbot: QtBot, supervisor: Workspace, clock: ManualClock, screenshot_dir: Path
) -> None:
    case = open_case(supervisor, report(clock)).summary.case_number
    widget = opened(qtbot, supervisor, case)
    assert widget.page is not None
    assert widget.page.step.key == SAFETY
    editor = widget.page.editors["safety_action"]
    assert isinstance(editor, LongTextFieldEditor)
    with qtbot.waitSignal(widget.page.field_saved, timeout=10_000):
        qtbot.keyClicks(editor.text, "Moved to medical")
    settled(qtbot, widget)
    assert workflow.step_draft(supervisor, case, SAFETY) == {"safety_action": "Moved to medical"}
    assert widget.page.saved_note.text() == "Saved 03:00:00"
    QApplication.sendPostedEvents()
    widget.grab().save(str(screenshot_dir / "workflow-step-open.png"))
    widget.close()

    again = opened(qtbot, supervisor, case)
    assert again.page is not None
    assert again.page.editors["safety_action"].value() == "Moved to medical"
    settled(qtbot, again)


def test_mark_done_records_the_step_and_opens_the_next(
    qtbot: QtBot, supervisor: Workspace, clock: ManualClock
) -> None:
    case = open_case(supervisor, report(clock)).summary.case_number
    widget = opened(qtbot, supervisor, case)
    page = widget.page
    assert page is not None
    fill_safety(qtbot, page)
    with qtbot.waitSignal(widget.step_opened, timeout=10_000) as next_opened:
        qtbot.mouseClick(page.mark_done, Qt.MouseButton.LeftButton)
    assert next_opened.args == ["separation"]
    settled(qtbot, widget)
    assert workflow.checklist(supervisor, case).step(SAFETY).state is StepState.DONE
    texts = widget.checklist.item_texts()
    assert any(t.startswith("2. Victim safe") and t.endswith("Done") for t in texts)
    assert any(t.startswith("\u25b6 NEXT FOR YOU: 3.") for t in texts)
    # Any step can be opened again: the recorded one shows who recorded it and when.
    with qtbot.waitSignal(widget.step_opened, timeout=10_000):
        widget.open_step(SAFETY)
    assert widget.page is not None
    stamp = widget.page.stamp.text()
    assert stamp.startswith("Done: happened 22 Nov 2026 03:00")
    assert supervisor.actor.display_name in stamp
    assert widget.page.editors["shift_supervisor"].value() == SAFETY_TEXT["shift_supervisor"]
    settled(qtbot, widget)


def test_choosing_a_step_with_the_keyboard_opens_it(
    qtbot: QtBot, supervisor: Workspace, clock: ManualClock
) -> None:
    case = open_case(supervisor, report(clock)).summary.case_number
    widget = opened(qtbot, supervisor, case)
    widget.checklist.step_list.setFocus()
    with qtbot.waitSignal(widget.step_opened, timeout=10_000) as chosen:
        qtbot.keyClick(widget.checklist.step_list, Qt.Key.Key_Down)
    assert chosen.args == ["separation"]
    assert widget.page is not None
    assert widget.page.heading.text().startswith("Step 3:")
    settled(qtbot, widget)
