"""The checklist list: steps in order with their state in words, the next one marked."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from incident_desk.domain.clock import ManualClock
from incident_desk.domain.enums import TimeCertainty
from incident_desk.services.cases import open_case
from incident_desk.services.workflow import checklist, mark_not_applicable
from incident_desk.services.workspace import Workspace
from incident_desk.ui.workflow.checklist_widget import ChecklistWidget

from .test_clock_banner_widget import report


def test_steps_show_their_state_in_words_and_the_next_step_is_marked(
    qtbot: QtBot, supervisor: Workspace, clock: ManualClock, screenshot_dir: Path
) -> None:
    # Three days back: the 48-hour evidence preservation steps do not apply (G.4).
    old = report(clock, incident_at=clock.now() - timedelta(days=3))
    assert old.incident_certainty is TimeCertainty.EXACT
    case = open_case(supervisor, old).summary.case_number
    mark_not_applicable(supervisor, case, "victim_safety", "Victim already in medical isolation.")
    snapshot = checklist(supervisor, case)
    widget = ChecklistWidget()
    qtbot.addWidget(widget)
    widget.resize(420, 768)
    widget.show()
    widget.set_checklist(snapshot)

    texts = widget.item_texts()
    assert len(texts) == len(snapshot.steps)
    safety = next(t for t in texts if "Victim safe" in t)
    assert safety.endswith("Not applicable: Victim already in medical isolation.")
    assert any("Does not apply: " in t for t in texts)
    assert snapshot.next_step is not None
    marked = [t for t in texts if t.startswith("\u25b6 NEXT FOR YOU: ")]
    assert len(marked) == 1
    assert snapshot.next_step.title in marked[0]
    assert marked[0].endswith("Pending")
    row = texts.index(marked[0])
    assert widget.step_list.item(row).font().bold()  # and bold, never colour alone
    QApplication.sendPostedEvents()
    widget.grab().save(str(screenshot_dir / "checklist.png"))


def test_the_arrow_keys_move_through_the_steps_and_select_them(
    qtbot: QtBot, supervisor: Workspace, clock: ManualClock
) -> None:
    case = open_case(supervisor, report(clock)).summary.case_number
    snapshot = checklist(supervisor, case)
    widget = ChecklistWidget()
    qtbot.addWidget(widget)
    widget.show()
    widget.set_checklist(snapshot)
    assert widget.step_list.accessibleName() == "First-response checklist"
    widget.step_list.setFocus()
    with qtbot.waitSignal(widget.step_selected) as first:
        widget.select_step(snapshot.steps[0].key)
    assert first.args == [snapshot.steps[0].key]
    with qtbot.waitSignal(widget.step_selected) as moved:
        qtbot.keyClick(widget.step_list, Qt.Key.Key_Down)
    assert moved.args == [snapshot.steps[1].key]
    assert widget.current_key() == snapshot.steps[1].key
