"""The New report dialog typed into as a supervisor would, saving to a real encrypted
installation: a whole report, a refusal for a missing protective action (CPP 14.7 G.1), an
incident time in the future, and an unknown incident time."""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QWidget
from pytestqt.qtbot import QtBot

from incident_desk.domain.clock import ManualClock
from incident_desk.domain.enums import PersonKind, PersonRole, TimeCertainty
from incident_desk.services.cases import get_case, list_cases, open_case
from incident_desk.services.workspace import Workspace
from incident_desk.ui.messages import intake as words
from incident_desk.ui.workflow.new_report_dialog import NewReportDialog


@pytest.fixture
def workspace(sign_in_as: Callable[[str], Workspace]) -> Workspace:
    return sign_in_as("sup")


@pytest.fixture
def dialog(qtbot: QtBot, workspace: Workspace, clock: ManualClock) -> NewReportDialog:
    dialog = NewReportDialog(functools.partial(open_case, workspace), clock.now)
    qtbot.addWidget(dialog)
    dialog.resize(1366, 768)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _choose(qtbot: QtBot, combo: QComboBox, text: str) -> None:
    """Pick an item with the arrow keys, as someone without a mouse would."""
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    for _ in range(combo.count()):
        if combo.currentText() == text:
            return
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentText() == text


def _type(qtbot: QtBot, field: QWidget, text: str) -> None:
    field.setFocus()
    qtbot.keyClicks(field, text)


def _retype(qtbot: QtBot, field: QWidget, text: str) -> None:
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field, text)


def _save(qtbot: QtBot, dialog: NewReportDialog) -> None:
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.runner.busy, timeout=20_000)
    QApplication.processEvents()


def _shot(dialog: NewReportDialog, path: Path) -> None:
    QApplication.processEvents()
    dialog.grab().save(str(path))


def _fill_safety(qtbot: QtBot, dialog: NewReportDialog, at_risk: bool) -> None:
    _choose(qtbot, dialog.victim_safe_field, words.YES_SAFE)
    _choose(qtbot, dialog.imminent_risk_field, words.YES_AT_RISK if at_risk else words.NO_RISK)


def test_a_whole_report_typed_in_opens_the_case_with_its_people(
    qtbot: QtBot,
    dialog: NewReportDialog,
    workspace: Workspace,
    clock: ManualClock,
    screenshot_dir: Path,
) -> None:
    _shot(dialog, screenshot_dir / "new_report_empty.png")
    assert dialog.windowTitle() == "Incident Desk"
    assert not dialog.protective_action_field.isEnabled()
    _fill_safety(qtbot, dialog, at_risk=True)
    assert dialog.protective_action_field.isEnabled()
    _type(qtbot, dialog.protective_action_field, "Both moved to separate units by Sgt. Ray.")
    _choose(
        qtbot,
        dialog.received_how_field,
        words.RECEIVED_HOW_WORDS[next(iter(words.RECEIVED_HOW_WORDS))],
    )
    _type(qtbot, dialog.reported_by_field, "Jose Alvarez")
    _type(qtbot, dialog.location_field, "Dorm 4, shower")
    _choose(qtbot, dialog.location_type_field, "Shower")
    _choose(qtbot, dialog.certainty_field, words.CERTAINTY_APPROXIMATE)
    assert dialog.incident_at_field.isEnabled()
    earlier = (clock.now() - timedelta(hours=2)).astimezone().strftime("%Y-%m-%d %H:%M")
    _retype(qtbot, dialog.incident_at_field, earlier)
    _retype(qtbot, dialog.margin_field, "2")
    _choose(qtbot, dialog.allegation_field, "Offender-on-offender abusive contact")
    _type(qtbot, dialog.narrative_field, "Told the officer he was grabbed in the shower.")
    qtbot.mouseClick(dialog.people_editor.add_button, Qt.MouseButton.LeftButton)
    first = dialog.people_editor.rows[0]
    assert first.name_field.hasFocus()
    qtbot.keyClicks(first.name_field, "Jose Alvarez")
    _type(qtbot, first.identifier_field, "A-1001")
    _type(qtbot, first.housing_field, "Dorm 4")
    qtbot.mouseClick(dialog.people_editor.add_button, Qt.MouseButton.LeftButton)
    second = dialog.people_editor.rows[1]
    qtbot.keyClicks(second.name_field, "Mark Stone")
    _choose(qtbot, second.role_field, words.PERSON_ROLE_WORDS[PersonRole.ALLEGED_PERPETRATOR])
    _choose(qtbot, second.kind_field, words.PERSON_KIND_WORDS[PersonKind.STAFF])
    _type(qtbot, second.identifier_field, "S-77")
    qtbot.wait(50)  # let the page grow for the new rows before scrolling to them
    dialog.scroll_area.ensureWidgetVisible(second.identifier_field)
    _shot(dialog, screenshot_dir / "new_report_filled.png")

    with qtbot.waitSignal(dialog.report_opened, timeout=20_000) as opened:
        qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    number = opened.args[0]
    assert dialog.result() == dialog.DialogCode.Accepted
    page = list_cases(workspace)
    assert [case.case_number for case in page.cases] == [number]
    people = {(p.name, p.role, p.kind) for p in page.cases[0].people}
    assert people == {
        ("Jose Alvarez", PersonRole.ALLEGED_VICTIM, PersonKind.OFFENDER),
        ("Mark Stone", PersonRole.ALLEGED_PERPETRATOR, PersonKind.STAFF),
    }
    detail = get_case(workspace, number)
    assert detail.imminent_risk
    assert detail.protective_action == "Both moved to separate units by Sgt. Ray."
    assert detail.incident_certainty is TimeCertainty.APPROXIMATE
    assert detail.incident_margin_minutes == 120
    assert detail.incident_at is not None
    assert detail.incident_at.astimezone().strftime("%Y-%m-%d %H:%M") == earlier
    assert detail.reported_by == "Jose Alvarez"


def test_imminent_risk_without_protective_action_is_refused_with_the_policy_words(
    qtbot: QtBot, dialog: NewReportDialog, workspace: Workspace, screenshot_dir: Path
) -> None:
    _save(qtbot, dialog)
    assert words.ANSWER_VICTIM_SAFE in dialog.errors["victim_safe"].text()
    assert dialog.errors["allegation_type"].isVisible()
    _fill_safety(qtbot, dialog, at_risk=True)
    _choose(qtbot, dialog.allegation_field, "Staff sexual misconduct")
    _type(qtbot, dialog.location_field, "Kitchen")
    _save(qtbot, dialog)
    under_field = dialog.errors["protective_action"]
    assert under_field.isVisible()
    assert "immediate action shall be taken" in under_field.text()
    assert "CPP 14.7 G.1" in under_field.text()
    assert "CPP 14.7 G.1" in dialog.summary.text()
    assert "substantial risk of imminent sexual abuse" in dialog.g1_quote.text()
    assert not dialog.errors["victim_safe"].isVisible()
    assert dialog.location_field.text() == "Kitchen"  # nothing typed is lost
    assert dialog.isVisible()
    assert list_cases(workspace).total == 0
    _shot(dialog, screenshot_dir / "new_report_refused.png")


def test_an_incident_time_in_the_future_is_refused_under_its_field(
    qtbot: QtBot, dialog: NewReportDialog, workspace: Workspace, clock: ManualClock
) -> None:
    _fill_safety(qtbot, dialog, at_risk=False)
    _choose(qtbot, dialog.allegation_field, "Staff sexual harassment")
    _choose(qtbot, dialog.certainty_field, words.CERTAINTY_EXACT)
    later = (clock.now() + timedelta(hours=3)).astimezone()
    _retype(qtbot, dialog.incident_at_field, later.strftime("%Y-%m-%d %H:%M"))
    assert dialog.incident_at_field.dateTime().time().hour() == later.hour
    _save(qtbot, dialog)
    assert dialog.errors["incident_at"].isVisible()
    assert dialog.errors["incident_at"].text()
    assert not dialog.errors["received_at"].isVisible()
    assert list_cases(workspace).total == 0


def test_an_unknown_incident_time_disables_the_time_field(
    qtbot: QtBot, dialog: NewReportDialog
) -> None:
    _choose(qtbot, dialog.certainty_field, words.CERTAINTY_EXACT)
    assert dialog.incident_at_field.isEnabled()
    assert not dialog.margin_field.isEnabled()
    _choose(qtbot, dialog.certainty_field, words.CERTAINTY_UNKNOWN)
    assert not dialog.incident_at_field.isEnabled()
    assert not dialog.margin_field.isEnabled()


def test_people_rows_are_added_and_removed_by_keyboard(
    qtbot: QtBot, dialog: NewReportDialog
) -> None:
    editor = dialog.people_editor
    editor.add_button.setFocus()
    qtbot.keyClick(editor.add_button, Qt.Key.Key_Space)
    qtbot.keyClicks(editor.rows[0].name_field, "Unknown")
    editor.add_person()
    assert editor.rows[1].role_field.currentText() == "Alleged perpetrator"
    assert editor.rows[1].name_field.accessibleName() == "Person 2: Name"
    editor.rows[0].remove_button.setFocus()
    qtbot.keyClick(editor.rows[0].remove_button, Qt.Key.Key_Space)
    assert len(editor.rows) == 1
    assert editor.rows[0].name_field.accessibleName() == "Person 1: Name"
