"""Driving the main window through a case as a person would: the keyboard for fields, combos,
yes/no questions and check lists, the "Now" buttons, the checklist clicked, the fake clock moved.
Shared by the whole-incident tests."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QWidget
from pytestqt.qtbot import QtBot

from incident_desk.app import main_window_services
from incident_desk.domain.clock import ManualClock
from incident_desk.services.workspace import Workspace
from incident_desk.ui.cases.case_overview_widget import CaseOverviewWidget
from incident_desk.ui.shell.main_window import MainWindow
from incident_desk.ui.workflow.checklist_widget import STEP_KEY_ROLE
from incident_desk.ui.workflow.step_fields import (
    BooleanFieldEditor,
    ChoiceFieldEditor,
    DateTimeFieldEditor,
    FieldEditor,
    LineFieldEditor,
    LongTextFieldEditor,
    MultiChoiceFieldEditor,
)
from incident_desk.ui.workflow.step_page import StepPage

WAIT_MS = 15_000
NOW = "now"  # a time field set with its "Now" button
#: What is typed into a field: NOW, "yes"/"no", a choice, text, or the boxes ticked in a list.
Typed = str | Sequence[str]


def settle(qtbot: QtBot, main: MainWindow) -> None:
    qtbot.waitUntil(lambda: not main.runner.busy, timeout=WAIT_MS)
    QApplication.sendPostedEvents()
    qtbot.wait(20)


def shot(qtbot: QtBot, main: MainWindow, path: Path) -> None:
    settle(qtbot, main)
    main.grab().save(str(path))


def choose(qtbot: QtBot, combo: QComboBox, data: object) -> None:
    """Pick the item holding ``data`` with the arrow keys, as someone without a mouse would."""
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    for _ in range(combo.count()):
        if combo.currentData() == data:
            return
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentData() == data


def type_into(qtbot: QtBot, field: QWidget, text: str) -> None:
    field.setFocus()
    qtbot.keyClicks(field, text)


def stored_values(values: dict[str, str], at: str) -> dict[str, str]:
    """What the service keeps of ``values`` typed at the minute ``at``."""
    return {key: at if value == NOW else value for key, value in values.items()}


def overview_of(main: MainWindow) -> CaseOverviewWidget:
    widget = main.tabs.currentWidget()
    assert isinstance(widget, CaseOverviewWidget)
    return widget


def click_step(qtbot: QtBot, overview: CaseOverviewWidget, key: str) -> StepPage:
    """Open a step by clicking it in the checklist; returns its page once loaded."""
    step_list = overview.workflow.checklist.step_list
    item = next(
        step_list.item(row)
        for row in range(step_list.count())
        if step_list.item(row).data(STEP_KEY_ROLE) == key
    )
    step_list.scrollToItem(item)
    with qtbot.waitSignal(overview.workflow.step_opened, timeout=WAIT_MS) as opened:
        qtbot.mouseClick(
            step_list.viewport(),
            Qt.MouseButton.LeftButton,
            pos=step_list.visualItemRect(item).center(),
        )
    assert opened.args == [key]
    page = overview.workflow.page
    assert page is not None
    assert page.step.key == key
    return page


def mark_done(qtbot: QtBot, overview: CaseOverviewWidget, page: StepPage) -> str:
    """Set "when it happened" to now, mark done, and return the key of the step opened next."""
    qtbot.mouseClick(page.when_edit.now_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(overview.workflow.step_opened, timeout=WAIT_MS) as opened:
        qtbot.mouseClick(page.mark_done, Qt.MouseButton.LeftButton)
    return str(opened.args[0])


def tick(main: MainWindow, clock: ManualClock, minutes: int) -> None:
    clock.advance(timedelta(minutes=minutes))
    main.ticker.tick()


def main_window(qtbot: QtBot, workspace: Workspace, clock: ManualClock) -> MainWindow:
    main = MainWindow(main_window_services(workspace, clock))
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    main.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main, timeout=WAIT_MS)
    return main


def read_only(editor: FieldEditor) -> bool:
    """Whether the person can no longer change what the editor shows."""
    if isinstance(editor, LineFieldEditor):
        return editor.line.isReadOnly()
    if isinstance(editor, LongTextFieldEditor):
        return editor.text.isReadOnly()
    if isinstance(editor, DateTimeFieldEditor):
        return editor.edit.isReadOnly() and not editor.now_button.isEnabled()
    return not editor.isEnabled()


def stamp_minute(minute: str) -> str:
    """A stored minute "2026-11-22 03:50" as the stamp words it: "22 Nov 2026 03:50"."""
    return datetime.strptime(minute, "%Y-%m-%d %H:%M").strftime("%d %b %Y %H:%M")


def fill(qtbot: QtBot, page: StepPage, values: Mapping[str, Typed]) -> None:
    """Type each value into its field as a person at the keyboard would."""
    for key, value in values.items():
        editor = page.editors[key]
        if isinstance(editor, DateTimeFieldEditor):
            assert value == NOW
            qtbot.mouseClick(editor.now_button, Qt.MouseButton.LeftButton)
        elif isinstance(editor, LineFieldEditor):
            editor.line.setFocus()
            qtbot.keyClick(editor.line, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
            qtbot.keyClicks(editor.line, str(value))
        elif isinstance(editor, LongTextFieldEditor):
            editor.text.setFocus()
            qtbot.keyClick(editor.text, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
            qtbot.keyClicks(editor.text, str(value))
        elif isinstance(editor, ChoiceFieldEditor):
            choose(qtbot, editor.combo, value)
        elif isinstance(editor, MultiChoiceFieldEditor):
            tick_choices(qtbot, editor, [value] if isinstance(value, str) else value)
        else:
            assert isinstance(editor, BooleanFieldEditor)
            button = editor.yes if value == "yes" else editor.no
            button.setFocus()
            qtbot.keyClick(button, Qt.Key.Key_Space)
            assert button.isChecked()
        assert editor.value() if value == NOW else editor.value() == stored_one(value), key


def tick_choices(qtbot: QtBot, editor: MultiChoiceFieldEditor, wanted: Sequence[str]) -> None:
    """Down the list with the arrow keys, Space on each box to tick."""
    box = editor.choice_list
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Home)
    for row in range(box.count()):
        item = box.item(row)
        ticked = item.checkState() is Qt.CheckState.Checked
        if (item.data(Qt.ItemDataRole.UserRole) in wanted) != ticked:
            qtbot.keyClick(box, Qt.Key.Key_Space)
        qtbot.keyClick(box, Qt.Key.Key_Down)


def stored_one(value: Typed) -> str:
    """How a typed value is stored: the ticked boxes joined by commas."""
    return value if isinstance(value, str) else ",".join(value)


def open_step(qtbot: QtBot, overview: CaseOverviewWidget, key: str) -> StepPage:
    """The step's page: the one showing, or the one clicked in the checklist."""
    page = overview.workflow.page
    if page is not None and page.step.key == key:
        return page
    return click_step(qtbot, overview, key)


def close_notices(main: MainWindow) -> None:
    """Close the notices that popped up over the window (an overdue clock), already seen."""
    for box in [b for b in main.findChildren(QWidget) if b.isWindow() and b.isVisible()]:
        if box is not main:
            box.close()
