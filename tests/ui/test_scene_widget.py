"""The crime scene screen on a real case: recording the scene, the entry log with its
CPP 14.7 G.3.d rule and the violation path, who is inside now, and each refusal."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDateTimeEdit
from pytestqt.qtbot import QtBot

from incident_desk.domain.clock import ManualClock
from incident_desk.domain.enums import SceneEntrantRole
from incident_desk.domain.validation import (
    MSG_EXIT_BEFORE_ENTRY,
    MSG_SCENE_ENTRY_REFUSED,
    MSG_TIME_IN_FUTURE,
    SCENE_ENTRY_POLICY_TEXT,
)
from incident_desk.services.scene import scene_view
from incident_desk.services.scene_messages import (
    MSG_ALREADY_INSIDE,
    MSG_NOT_INSIDE,
    MSG_VIOLATION_NEEDS_ALLOWED_BY,
)
from incident_desk.services.workspace import Workspace
from incident_desk.ui.messages import scene as words
from incident_desk.ui.scene.entry_log_model import (
    COL_EVENT,
    COL_NOTES,
    COL_PERSON,
    COL_ROLE,
    COL_TIME,
    COL_VIDEO,
)
from incident_desk.ui.scene.exit_dialog import ExitDialog
from incident_desk.ui.scene.scene_record_dialog import SceneRecordDialog
from tests.ui.scene_support import (
    OFFICER,
    TROOPER,
    case_with_investigator,
    choose_role,
    click,
    open_entry,
    pick_person,
    save,
    screen_for,
    secured_scene,
    settle,
    snap,
)

SignIn = Callable[[str], Workspace]


def test_a_scene_is_recorded_then_a_trooper_goes_in_and_is_shown_inside(
    qtbot: QtBot, supervisor: Workspace, clock: ManualClock, screenshot_dir: Path
) -> None:
    screen = screen_for(qtbot, supervisor, case_with_investigator(supervisor, clock))
    assert screen.status.text() == words.NO_SCENE
    assert not screen.entry_button.isVisible()
    snap(screen, screenshot_dir, "scene-none-recorded")
    click(qtbot, screen, screen.record_button)
    dialog = screen.dialog
    assert isinstance(dialog, SceneRecordDialog)
    # Neither secured nor not: asked before anything is sent.
    save(qtbot, screen, dialog)
    assert dialog.errors["secured"].text() == words.RECORD_PICK_SECURED
    qtbot.keyClicks(dialog.location, "Dorm 4, shower room")
    qtbot.mouseClick(dialog.secured_yes, Qt.MouseButton.LeftButton)
    assert dialog.secured_at.isVisible()
    assert not dialog.reason.isVisible()
    snap(dialog, screenshot_dir, "scene-record-dialog")
    with qtbot.waitSignal(screen.scene_recorded, timeout=10_000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    settle(qtbot, screen)
    assert screen.dialog is None
    assert screen.panel.location.text() == "Location: Dorm 4, shower room"
    assert screen.panel.secured.text() == "Secured 22 Nov 2026 03:00 UTC by Sgt. Dana Brooks."
    assert not screen.panel.unsecured.isVisible()
    assert screen.inside_names() == [words.INSIDE_NOBODY]
    assert screen.log_empty.isVisible()

    clock.advance(timedelta(minutes=12))
    dialog = open_entry(qtbot, screen)
    # The trooper is not in the contacts yet: added from the form.
    qtbot.mouseClick(dialog.person.new_toggle, Qt.MouseButton.LeftButton)
    assert dialog.person.new_box.isVisible()
    qtbot.keyClicks(dialog.person.new_name, TROOPER)
    qtbot.keyClicks(dialog.person.new_agency, "Kentucky State Police")
    qtbot.keyClicks(dialog.person.new_title, "Trooper")
    click(qtbot, screen, dialog.person.add_button)
    assert dialog.person.chosen is not None
    assert dialog.person.chosen.name == TROOPER
    assert not dialog.person.new_box.isVisible()
    choose_role(dialog, SceneEntrantRole.STATE_POLICE)
    qtbot.keyClicks(dialog.purpose, "Photographs of the shower room")
    qtbot.keyClick(dialog.videotaped, Qt.Key.Key_Space)
    qtbot.keyClicks(dialog.video_reference, "Cam 2")
    assert not dialog.violation_offered
    snap(dialog, screenshot_dir, "scene-entry-dialog")
    with qtbot.waitSignal(screen.entry_logged, timeout=10_000):
        save(qtbot, screen, dialog)
    settle(qtbot, screen)
    assert screen.inside_names() == [
        f"{TROOPER} \u2014 State police, Kentucky State Police \u2014 "
        "in since 22 Nov 2026 03:12 UTC"
    ]
    model = screen.model
    assert model.rowCount() == 1
    assert [model.text(0, c) for c in (COL_EVENT, COL_TIME, COL_PERSON, COL_ROLE, COL_VIDEO)] == [
        "In",
        "22 Nov 2026 03:12",
        TROOPER,
        "State police",
        "Yes (Cam 2)",
    ]
    assert model.text(0, COL_NOTES) == ""
    assert "Recorded 22 Nov 2026 03:12 UTC by Sgt. Dana Brooks" in model.tooltip(0)
    snap(screen, screenshot_dir, "scene-trooper-inside")


def test_someone_not_permitted_is_refused_with_the_rule_then_kept_as_a_violation(
    qtbot: QtBot, supervisor: Workspace, clock: ManualClock, screenshot_dir: Path
) -> None:
    number, _ = secured_scene(supervisor, clock)
    screen = screen_for(qtbot, supervisor, number)
    dialog = open_entry(qtbot, screen)
    pick_person(qtbot, screen, dialog, OFFICER)
    choose_role(dialog, SceneEntrantRole.OTHER)
    qtbot.keyClicks(dialog.purpose, "Fetched his radio")
    with qtbot.waitSignal(dialog.refused, timeout=10_000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    settle(qtbot, screen)
    refusal = dialog.errors["entrant_role"]
    assert refusal.isVisible()
    assert refusal.text() == MSG_SCENE_ENTRY_REFUSED
    assert "CPP 14.7 G.3.d" in refusal.text()
    assert SCENE_ENTRY_POLICY_TEXT in refusal.text()
    assert dialog.violation_offered
    assert dialog.as_violation.text().replace("&", "") == (
        "It happened anyway: record as a violation"
    )
    assert dialog.purpose.text() == "Fetched his radio"  # nothing typed is lost
    assert scene_view(supervisor, number)[0].lines == ()
    snap(dialog, screenshot_dir, "scene-entry-refused-not-permitted")
    # It happened anyway: recorded as a violation, but only with who allowed it.
    qtbot.keyClick(dialog.as_violation, Qt.Key.Key_Space)
    assert dialog.save_button.text() == words.ENTRY_SAVE_VIOLATION
    save(qtbot, screen, dialog)
    assert dialog.errors["allowed_by"].text() == MSG_VIOLATION_NEEDS_ALLOWED_BY
    qtbot.keyClicks(dialog.allowed_by, "Lt. Gomez")
    with qtbot.waitSignal(screen.entry_logged, timeout=10_000):
        save(qtbot, screen, dialog)
    settle(qtbot, screen)
    assert screen.inside_names() == [
        f"{OFFICER} \u2014 Someone else (not permitted), KSR \u2014 in since "
        "22 Nov 2026 03:10 UTC \u2014 VIOLATION"
    ]
    notes = screen.model.text(0, COL_NOTES)
    assert notes.startswith("VIOLATION \u2014 allowed in by Lt. Gomez")
    assert "Violation of CPP 14.7 G.3.d" in screen.model.tooltip(0)
    (line,) = scene_view(supervisor, number)[0].lines
    assert line.violation
    assert line.allowed_by == "Lt. Gomez"
    snap(screen, screenshot_dir, "scene-violation-recorded")


def test_a_second_entry_and_a_time_in_the_future_are_refused(
    qtbot: QtBot, supervisor: Workspace, clock: ManualClock, screenshot_dir: Path
) -> None:
    number, _ = secured_scene(supervisor, clock)
    screen = screen_for(qtbot, supervisor, number)
    dialog = open_entry(qtbot, screen)
    pick_person(qtbot, screen, dialog, TROOPER)
    choose_role(dialog, SceneEntrantRole.STATE_POLICE)
    # The day is the first part of the time editor: one step up is tomorrow.
    dialog.entered_at.edit.setFocus()
    qtbot.keyClick(dialog.entered_at.edit, Qt.Key.Key_Up)
    save(qtbot, screen, dialog)
    expected = MSG_TIME_IN_FUTURE.format(moment="23 Nov 2026 03:10", now="22 Nov 2026 03:10")
    assert dialog.errors["entered_at"].isVisible()
    assert dialog.errors["entered_at"].text() == expected
    assert dialog.isVisible()
    snap(dialog, screenshot_dir, "scene-entry-refused-future")
    qtbot.mouseClick(dialog.entered_at.now_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(screen.entry_logged, timeout=10_000):
        save(qtbot, screen, dialog)
    settle(qtbot, screen)
    clock.advance(timedelta(minutes=5))
    again = open_entry(qtbot, screen)
    pick_person(qtbot, screen, again, TROOPER)
    choose_role(again, SceneEntrantRole.STATE_POLICE)
    save(qtbot, screen, again)
    assert again.errors["contact_id"].text() == MSG_ALREADY_INSIDE.format(
        name=TROOPER, entered="22 Nov 2026 03:10"
    )
    assert again.summary.text().startswith(words.REFUSAL_SUMMARY)
    assert screen.model.rowCount() == 1
    snap(again, screenshot_dir, "scene-entry-refused-already-inside")


def test_an_exit_for_someone_not_inside_or_before_their_entry_is_refused(
    qtbot: QtBot, supervisor: Workspace, clock: ManualClock, screenshot_dir: Path
) -> None:
    number, _ = secured_scene(supervisor, clock)
    screen = screen_for(qtbot, supervisor, number)
    dialog = open_entry(qtbot, screen)
    pick_person(qtbot, screen, dialog, TROOPER)
    choose_role(dialog, SceneEntrantRole.STATE_POLICE)
    save(qtbot, screen, dialog)
    clock.advance(timedelta(minutes=30))
    click(qtbot, screen, screen.exit_button)
    leaving = screen.dialog
    assert isinstance(leaving, ExitDialog)
    # The people inside are offered first; the only one is already chosen.
    assert leaving.person.chosen is not None
    assert leaving.person.chosen.name == TROOPER
    # An exit before the entry (the hour is the fourth part of the time editor).
    edit = leaving.exited_at.edit
    edit.setFocus()
    edit.setCurrentSection(QDateTimeEdit.Section.HourSection)
    qtbot.keyClick(edit, Qt.Key.Key_Down)
    save(qtbot, screen, leaving)
    assert leaving.errors["exited_at"].text() == MSG_EXIT_BEFORE_ENTRY.format(
        exited="22 Nov 2026 02:40", entered="22 Nov 2026 03:10"
    )
    snap(leaving, screenshot_dir, "scene-exit-refused-before-entry")
    # Someone who never went in.
    pick_person(qtbot, screen, leaving, OFFICER)
    qtbot.mouseClick(leaving.exited_at.now_button, Qt.MouseButton.LeftButton)
    save(qtbot, screen, leaving)
    assert leaving.errors["contact_id"].text() == MSG_NOT_INSIDE.format(name=OFFICER)
    assert not leaving.errors["exited_at"].isVisible()
    snap(leaving, screenshot_dir, "scene-exit-refused-not-inside")
    pick_person(qtbot, screen, leaving, TROOPER)
    with qtbot.waitSignal(screen.exit_logged, timeout=10_000):
        save(qtbot, screen, leaving)
    settle(qtbot, screen)
    assert screen.inside_names() == [words.INSIDE_NOBODY]
    assert [screen.model.text(row, COL_EVENT) for row in range(2)] == ["In", "Out"]
    assert screen.model.text(1, COL_TIME) == "22 Nov 2026 03:40"


def test_a_scene_that_cannot_be_secured_shows_what_g3b_asks_and_its_photos(
    qtbot: QtBot, supervisor: Workspace, clock: ManualClock, screenshot_dir: Path, tmp_path: Path
) -> None:
    from PySide6.QtGui import QColor, QImage

    screen = screen_for(qtbot, supervisor, case_with_investigator(supervisor, clock))
    click(qtbot, screen, screen.record_button)
    dialog = screen.dialog
    assert isinstance(dialog, SceneRecordDialog)
    qtbot.keyClicks(dialog.location, "Recreation yard")
    qtbot.mouseClick(dialog.secured_no, Qt.MouseButton.LeftButton)
    assert dialog.reason.isVisible()
    assert not dialog.secured_at.isVisible()
    assert dialog.unsecured_rule.isVisible()
    qtbot.keyClicks(dialog.reason, "Open yard during a storm")
    with qtbot.waitSignal(screen.scene_recorded, timeout=10_000):
        save(qtbot, screen, dialog)
    settle(qtbot, screen)
    panel = screen.panel
    assert panel.secured.text() == "Could not be secured. Reason: Open yard during a storm"
    assert panel.outstanding.isVisible()
    assert "CPP 14.7 G.3.b" in panel.outstanding.text()
    assert not screen.entry_button.isVisible()
    assert not screen.table.isVisible()
    assert screen.release_text.text() == words.NOT_SECURED_NOTE
    # A photo from the camera: stored encrypted, shown from memory.
    image = QImage(320, 200, QImage.Format.Format_RGB32)
    image.fill(QColor("#3b6ea5"))
    camera_copy = tmp_path / "yard-1.png"
    assert image.save(str(camera_copy))
    panel.attach_file(camera_copy)
    settle(qtbot, screen)
    click(qtbot, screen, panel.mark_buttons["photographed"])
    (label,) = panel.photo_labels.values()
    qtbot.waitUntil(lambda: not label.pixmap().isNull(), timeout=10_000)
    assert label.pixmap().width() == 136
    assert "yard-1.png" in label.accessibleName()
    assert panel.marks_text.text().startswith("\u2611 Photographed")
    assert not panel.mark_buttons["photographed"].isVisible()
    assert "G.3.b" in panel.outstanding.text()  # evidence still to collect
    snap(screen, screenshot_dir, "scene-not-secured-with-photo")
