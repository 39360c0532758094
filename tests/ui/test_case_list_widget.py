"""The case list as a user drives it: typing a search, choosing a status, sorting, opening."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit
from pytestqt.qtbot import QtBot

from incident_desk.domain.clock import ManualClock
from incident_desk.services.cases import open_case
from incident_desk.services.demo import fill_demo
from incident_desk.services.workspace import Workspace
from incident_desk.ui.cases.case_list_widget import CaseListWidget
from incident_desk.ui.models.case_table_model import COL_CASE_NUMBER, COL_PEOPLE, COL_STATUS
from incident_desk.ui.widgets.background import BackgroundRunner

from .test_case_table_model import loader_for, report


def _widget(qtbot: QtBot, workspace: Workspace, clock: ManualClock) -> CaseListWidget:
    widget = CaseListWidget(
        loader_for(workspace), BackgroundRunner(), clock.now, workspace.deadline_settings
    )
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.show()
    _settle(qtbot, widget)
    return widget


def _settle(qtbot: QtBot, widget: CaseListWidget) -> None:
    qtbot.waitUntil(lambda: not widget.model.loading, timeout=10_000)


def _numbers(widget: CaseListWidget) -> list[str]:
    model = widget.model
    return [model.index(row, COL_CASE_NUMBER).data() for row in range(model.rowCount())]


def _search_box(widget: CaseListWidget) -> QLineEdit:
    return widget.findChild(QLineEdit)  # type: ignore[return-value]


def _labels(widget: CaseListWidget) -> list[str]:
    return [label.text() for label in widget.findChildren(QLabel)]


def _type_search(qtbot: QtBot, widget: CaseListWidget, text: str) -> None:
    widget.focus_search()
    qtbot.keyClicks(_search_box(widget), text)
    # The list waits for a pause in typing before it asks again.
    qtbot.waitUntil(lambda: widget.model.loading, timeout=2_000)
    _settle(qtbot, widget)


def test_typing_a_name_or_a_number_shows_the_matching_cases(
    qtbot: QtBot,
    sign_in_as: Callable[[str], Workspace],
    clock: ManualClock,
    screenshot_dir: Path,
) -> None:
    supervisor = sign_in_as("sup")
    for victim in ("Ann Lee", "Bo Nuñez", "Cy Park"):
        open_case(supervisor, report(clock, victim))
    widget = _widget(qtbot, supervisor, clock)
    assert widget.count_text() == "3 cases"
    _type_search(qtbot, widget, "nune")
    assert _numbers(widget) == ["KSR-2026-00002"]
    assert widget.count_text() == "1 case"
    assert "Bo Nuñez" in widget.model.index(0, COL_PEOPLE).data()
    widget.grab().save(str(screenshot_dir / "case_list_search.png"))
    _search_box(widget).clear()
    _type_search(qtbot, widget, "ksr-2026-00003")
    assert _numbers(widget) == ["KSR-2026-00003"]
    qtbot.keyClick(_search_box(widget), Qt.Key.Key_Escape)
    _settle(qtbot, widget)
    assert widget.count_text() == "3 cases"


def test_the_status_filter_and_header_sort_ask_the_service(
    qtbot: QtBot,
    sign_in_as: Callable[[str], Workspace],
    clock: ManualClock,
    screenshot_dir: Path,
) -> None:
    manager = sign_in_as("pcm")
    fill_demo(manager, 300, seed=5)
    widget = _widget(qtbot, manager, clock)
    assert widget.count_text() == "300 cases"
    widget.grab().save(str(screenshot_dir / "case_list_all.png"))
    combo = widget.findChild(QComboBox)
    assert combo is not None
    combo.setFocus()
    while combo.currentText() != "Under investigation":
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    _settle(qtbot, widget)
    statuses = {
        widget.model.index(row, COL_STATUS).data() for row in range(widget.model.rowCount())
    }
    assert statuses == {"Under investigation"}
    assert widget.count_text() != "300 cases"
    header = widget.table.horizontalHeader()
    x = header.sectionViewportPosition(COL_CASE_NUMBER) + 10
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    _settle(qtbot, widget)
    numbers = _numbers(widget)
    assert numbers == sorted(numbers)
    assert header.sortIndicatorSection() == COL_CASE_NUMBER
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    _settle(qtbot, widget)
    assert _numbers(widget) == sorted(numbers, reverse=True)
    # The people column cannot be sorted by the service: the arrow stays and the list says so.
    people_x = header.sectionViewportPosition(COL_PEOPLE) + 10
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(people_x, 5))
    assert header.sortIndicatorSection() == COL_CASE_NUMBER
    assert any("cannot be sorted" in text for text in _labels(widget))


def test_enter_or_double_click_opens_the_case(
    qtbot: QtBot, sign_in_as: Callable[[str], Workspace], clock: ManualClock
) -> None:
    supervisor = sign_in_as("sup")
    for victim in ("Ann Lee", "Bo Nuñez"):
        open_case(supervisor, report(clock, victim))
    widget = _widget(qtbot, supervisor, clock)
    table = widget.table
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Down)
    qtbot.keyClick(table, Qt.Key.Key_Down)
    with qtbot.waitSignal(widget.case_opened) as opened:
        qtbot.keyClick(table, Qt.Key.Key_Return)
    assert opened.args == ["KSR-2026-00001"]
    rect = table.visualRect(widget.model.index(0, COL_CASE_NUMBER))
    # A real double-click: the first click's press and release, then the double-click.
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(widget.case_opened) as opened:
        qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args == ["KSR-2026-00002"]


def test_ctrl_f_target_and_accessible_names(
    qtbot: QtBot, sign_in_as: Callable[[str], Workspace], clock: ManualClock
) -> None:
    widget = _widget(qtbot, sign_in_as("sup"), clock)
    widget.table.setFocus()
    widget.focus_search()
    assert _search_box(widget).hasFocus()
    assert widget.count_text() == "0 cases"
    for child in (_search_box(widget), widget.findChild(QComboBox), widget.table):
        assert child is not None
        assert child.accessibleName()


def test_a_first_responder_sees_only_the_report_they_opened(
    qtbot: QtBot, sign_in_as: Callable[[str], Workspace], clock: ManualClock
) -> None:
    open_case(sign_in_as("sup"), report(clock, "Ann Lee"))
    responder = sign_in_as("fr")
    open_case(responder, report(clock, "Bo Nuñez"))
    widget = _widget(qtbot, responder, clock)
    assert _numbers(widget) == ["KSR-2026-00002"]
    assert widget.count_text() == "1 case"
