"""The timeline view: a real case's record, newest first, with a correction shown as one."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from incident_desk.domain.clock import ManualClock
from incident_desk.services.case_notes import add_note, correct_note
from incident_desk.services.cases import open_case
from incident_desk.services.timeline import timeline
from incident_desk.services.workspace import Workspace
from incident_desk.ui.workflow.timeline_widget import ENTRY_ROLE, TimelineWidget

from .test_clock_banner_widget import report


def shown(qtbot: QtBot, widget: TimelineWidget) -> None:
    widget.resize(1366, 768)
    widget.show()
    with qtbot.waitSignal(widget.loaded, timeout=10_000):
        widget.reload()
        assert widget.busy_bar.isVisible()
    assert not widget.busy_bar.isVisible()


def test_a_correction_shows_as_a_correction_newest_first(
    qtbot: QtBot, supervisor: Workspace, clock: ManualClock, screenshot_dir: Path
) -> None:
    case = open_case(supervisor, report(clock)).summary.case_number
    clock.advance(timedelta(minutes=5))
    note = add_note(supervisor, case, "Victim taken to the medical unit by Officer Reyes.")
    clock.advance(timedelta(minutes=10))
    correct_note(
        supervisor,
        note.id,
        "Victim taken to the medical unit by Officer Ruiz.",
        "Wrong officer's name written the first time.",
    )
    widget = TimelineWidget(case, lambda: timeline(supervisor, case))
    qtbot.addWidget(widget)
    shown(qtbot, widget)

    texts = widget.item_texts()
    entries = widget.entries
    assert [e.occurred_at for e in entries] == sorted(
        (e.occurred_at for e in entries), reverse=True
    )
    correction = next(t for t in texts if "CORRECTION" in t)
    assert "Officer Ruiz" in correction
    assert "Reason: Wrong officer's name written the first time." in correction
    assert "Corrects the entry made" in correction
    corrected_row = next(i for i, t in enumerate(texts) if t.split("\n")[1].startswith("CORRECTED"))
    corrected = widget.entry_list.item(corrected_row)
    assert "Corrected by a later entry; kept as it was first written." in corrected.text()
    assert corrected.font().strikeOut()
    assert corrected.data(ENTRY_ROLE).superseded
    assert texts.index(correction) < corrected_row  # the correction is newer
    assert "entered by" in texts[0]
    QApplication.sendPostedEvents()  # lay out as the event loop would before painting
    widget.grab().save(str(screenshot_dir / "timeline-with-correction.png"))


def test_the_list_is_keyboard_navigable_with_accessible_names(
    qtbot: QtBot, supervisor: Workspace, clock: ManualClock
) -> None:
    case = open_case(supervisor, report(clock)).summary.case_number
    for minutes, text in ((3, "Victim is safe in the medical unit."), (4, "Scene taped off.")):
        clock.advance(timedelta(minutes=minutes))
        add_note(supervisor, case, text)
    widget = TimelineWidget(case, lambda: timeline(supervisor, case))
    qtbot.addWidget(widget)
    shown(qtbot, widget)
    assert widget.entry_list.accessibleName() == "Case timeline, newest first"
    assert widget.reload_button.accessibleName()
    widget.entry_list.setFocus()
    assert widget.entry_list.currentRow() == 0
    qtbot.keyClick(widget.entry_list, Qt.Key.Key_Down)  # type: ignore[no-untyped-call]
    assert widget.entry_list.currentRow() == 1
    item = widget.entry_list.currentItem()
    spoken = item.data(Qt.ItemDataRole.AccessibleTextRole)
    assert "Victim is safe in the medical unit." in spoken
    qtbot.keyClick(widget.entry_list, Qt.Key.Key_Home)  # type: ignore[no-untyped-call]
    assert widget.entry_list.currentRow() == 0


def test_a_failed_load_says_so_and_can_be_retried(
    qtbot: QtBot, supervisor: Workspace, clock: ManualClock
) -> None:
    widget = TimelineWidget("KSR-2026-09999", lambda: timeline(supervisor, "KSR-2026-09999"))
    qtbot.addWidget(widget)
    widget.show()
    with qtbot.waitSignal(widget.load_failed, timeout=10_000) as failed:
        widget.reload()
    assert failed.args[0].startswith("The timeline could not be loaded:")
    assert widget.status.text() == failed.args[0]
    assert widget.reload_button.isEnabled()
    assert widget.entry_list.count() == 0
