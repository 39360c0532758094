"""The crime scene screen: release by the investigator only and a closed log afterwards,
corrections shown as corrections, the audit trail check (verified, then tampered with), and
the whole entry path done with the keyboard alone."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from incident_desk.domain.clock import ManualClock
from incident_desk.domain.enums import SceneEntrantRole
from incident_desk.services.contacts import find_contacts
from incident_desk.services.custody_verification import MSG_ROW_CHANGED
from incident_desk.services.scene import (
    correct_scene_entry,
    log_scene_entry,
    log_scene_exit,
    scene_view,
)
from incident_desk.services.scene_messages import (
    MSG_RELEASE_ROLE,
    MSG_RELEASE_WITH_PEOPLE_INSIDE,
    MSG_SCENE_RELEASED,
)
from incident_desk.services.workspace import Workspace
from incident_desk.storage.audit_log import decoded_events
from incident_desk.ui.messages import scene as words
from incident_desk.ui.scene.entry_dialog import EntryDialog
from incident_desk.ui.scene.entry_log_model import COL_NOTES, COL_PERSON, COL_TIME
from incident_desk.ui.scene.release_dialog import ReleaseDialog
from incident_desk.ui.scene.scene_widget import SceneWidget
from tests.ui.scene_support import (
    TROOPER,
    choose_role,
    click,
    pick_person,
    save,
    scene_services,
    screen_for,
    secured_scene,
    settle,
    snap,
)

SignIn = Callable[[str], Workspace]
MINUTE = timedelta(minutes=1)


def contact_id(workspace: Workspace, name: str) -> int:
    (found,) = [person for person in find_contacts(workspace, name) if person.name == name]
    return found.id


def open_release(qtbot: QtBot, screen: SceneWidget) -> ReleaseDialog:
    click(qtbot, screen, screen.release_button)
    dialog = screen.dialog
    assert isinstance(dialog, ReleaseDialog)
    return dialog


def test_only_the_investigator_releases_and_after_it_the_log_is_closed(
    qtbot: QtBot, sign_in_as: SignIn, clock: ManualClock, screenshot_dir: Path
) -> None:
    supervisor = sign_in_as("sup")
    number, scene_id = secured_scene(supervisor, clock)
    trooper = contact_id(supervisor, TROOPER)
    log_scene_entry(supervisor, scene_id, trooper, SceneEntrantRole.STATE_POLICE)
    clock.advance(20 * MINUTE)
    # The supervisor keeps the log but may not release the scene.
    screen = screen_for(qtbot, supervisor, number)
    assert screen.entry_button.isEnabled()
    assert not screen.release_button.isEnabled()
    assert screen.role_note.text() == words.RELEASE_ROLE_NOTE
    # Even a release asked for some other way is refused by the rule, quoted.
    refused = ReleaseDialog(scene_id, scene_services(supervisor), screen._runner, screen)
    qtbot.keyClicks(refused.authority, "KSR Investigations")
    qtbot.keyClicks(refused.verified_by, "Inv. Pat Moreau")
    save(qtbot, screen, refused)
    assert refused.summary.text() == words.REFUSAL_FAILED.format(error=MSG_RELEASE_ROLE)
    assert "CPP 14.7 G.3.f" in refused.summary.text()
    refused.reject()

    investigator = sign_in_as("inv")
    screen = screen_for(qtbot, investigator, number)
    assert screen.release_button.isEnabled()
    assert not screen.role_note.isVisible()
    dialog = open_release(qtbot, screen)
    assert words.RELEASE_RULE in [
        label.text() for label in dialog.findChildren(type(screen.status))
    ]
    qtbot.keyClicks(dialog.authority, "KSR Investigations")
    qtbot.keyClicks(dialog.verified_by, "Lt. Maria Gomez")
    save(qtbot, screen, dialog)
    assert dialog.summary.text().endswith(MSG_RELEASE_WITH_PEOPLE_INSIDE.format(names=TROOPER))
    snap(dialog, screenshot_dir, "scene-release-refused-people-inside")
    dialog.reject()
    settle(qtbot, screen)
    log_scene_exit(investigator, scene_id, trooper)
    clock.advance(5 * MINUTE)
    screen.reload()
    settle(qtbot, screen)
    dialog = open_release(qtbot, screen)
    qtbot.keyClicks(dialog.authority, "KSR Investigations")
    qtbot.keyClicks(dialog.verified_by, "Lt. Maria Gomez")
    with qtbot.waitSignal(screen.scene_released, timeout=10_000):
        save(qtbot, screen, dialog)
    settle(qtbot, screen)
    assert screen.release_text.text() == words.RELEASED_BANNER.format(
        released="22 Nov 2026 03:35",
        authority="KSR Investigations",
        who="Inv. Pat Moreau",
        verifier="Lt. Maria Gomez",
        verified="22 Nov 2026 03:35",
    )
    assert "no entries are accepted after the release" in screen.release_text.text()
    for button in (screen.entry_button, screen.exit_button, screen.release_button):
        assert not button.isEnabled()
    snap(screen, screenshot_dir, "scene-released")
    # An entry asked for after the release is refused, saying so.
    late = EntryDialog(scene_id, scene_services(supervisor), screen._runner, screen)
    late.show()
    pick_person(qtbot, screen, late, TROOPER)
    choose_role(late, SceneEntrantRole.STATE_POLICE)
    save(qtbot, screen, late)
    assert late.errors["entered_at"].text() == MSG_SCENE_RELEASED.format(
        location="Dorm 4, shower room",
        released="22 Nov 2026 03:35",
        authority="KSR Investigations",
    )
    assert len(scene_view(supervisor, number)[0].lines) == 2
    snap(late, screenshot_dir, "scene-entry-refused-after-release")


def test_a_corrected_line_stays_and_the_correction_says_what_it_corrects(
    qtbot: QtBot, supervisor: Workspace, clock: ManualClock, screenshot_dir: Path
) -> None:
    number, scene_id = secured_scene(supervisor, clock)
    trooper = contact_id(supervisor, TROOPER)
    first = log_scene_entry(supervisor, scene_id, trooper, SceneEntrantRole.STATE_POLICE)
    clock.advance(15 * MINUTE)
    correct_scene_entry(
        supervisor,
        first.id,
        reason="Went in at 03:05, not 03:10: the camera clock says so",
        occurred_at=first.occurred_at - 5 * MINUTE,
    )
    screen = screen_for(qtbot, supervisor, number)
    model = screen.model
    assert model.rowCount() == 2
    rows = {model.text(row, 0): row for row in range(2)}
    old, new = rows[str(first.id)], rows[str(first.id + 1)]
    assert model.text(old, COL_TIME) == "22 Nov 2026 03:10"
    assert model.text(old, COL_NOTES).startswith(
        f"Corrected by line {first.id + 1}; kept as first written"
    )
    assert model.text(new, COL_TIME) == "22 Nov 2026 03:05"
    assert model.text(new, COL_NOTES).startswith(
        f"Correction of line {first.id}: Went in at 03:05, not 03:10: the camera clock says so"
    )
    assert model.data(model.index(old, COL_PERSON), Qt.ItemDataRole.FontRole).strikeOut()
    assert model.data(model.index(new, COL_PERSON), Qt.ItemDataRole.FontRole).italic()
    # Who is inside follows the corrected line.
    assert screen.inside_names()[0].endswith("in since 22 Nov 2026 03:05 UTC")
    snap(screen, screenshot_dir, "scene-correction-shown")


def test_the_chain_is_verified_then_a_line_changed_in_the_database_is_named(
    qtbot: QtBot, supervisor: Workspace, clock: ManualClock, screenshot_dir: Path
) -> None:
    number, scene_id = secured_scene(supervisor, clock)
    trooper = contact_id(supervisor, TROOPER)
    line = log_scene_entry(supervisor, scene_id, trooper, SceneEntrantRole.STATE_POLICE)
    screen = screen_for(qtbot, supervisor, number)
    assert screen.chain.text().startswith("Verified: the scene record and its entry log match")
    assert "(records checked: 2;" in screen.chain.text()
    # Someone with the data key and a SQL prompt moves the entry time back an hour.
    with supervisor.database.engine.connect() as connection:
        events = decoded_events(connection, None)
    (seq,) = [e.seq for e in events if e.entity == "scene_log_entry" and e.after_digest]
    with supervisor.database.engine.begin() as connection:
        connection.execute(
            text("UPDATE scene_log_entry SET purpose = :purpose WHERE id = :id"),
            {"purpose": "Routine check", "id": line.id},
        )
    with qtbot.waitSignal(screen.verified, timeout=10_000) as checked:
        click(qtbot, screen, screen.reload_button)
    settle(qtbot, screen)
    assert checked.args == [False]
    what = f"Line {line.id} of the entry log of the scene at Dorm 4, shower room"
    assert screen.chain.text() == words.CHAIN_BROKEN.format(
        first=MSG_ROW_CHANGED.format(what=what, seq=seq)
    )
    snap(screen, screenshot_dir, "scene-chain-broken")


def test_an_entry_is_logged_with_the_keyboard_alone(
    qtbot: QtBot, supervisor: Workspace, clock: ManualClock, screenshot_dir: Path
) -> None:
    number, _ = secured_scene(supervisor, clock)
    screen = screen_for(qtbot, supervisor, number)
    screen.activateWindow()
    # The page's tab order, top to bottom, left to right.
    expected = [
        screen.reload_button,
        screen.record_button,
        screen.panel.attach_button,
        screen.inside,
        screen.entry_button,
        screen.exit_button,
        screen.table,
    ]
    screen.reload_button.setFocus()
    seen: list[QWidget] = [screen.reload_button]
    for _ in range(len(expected) - 1):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    assert seen == expected  # the disabled release button is skipped
    screen.entry_button.setFocus()
    qtbot.keyClick(screen.entry_button, Qt.Key.Key_Space)
    settle(qtbot, screen)
    dialog = screen.dialog
    assert isinstance(dialog, EntryDialog)
    assert QApplication.focusWidget() is dialog.person.search
    # Enter searches; it does not send the form.
    qtbot.keyClicks(dialog.person.search, "Lee")
    qtbot.keyClick(dialog.person.search, Qt.Key.Key_Return)
    settle(qtbot, screen)
    assert dialog.isVisible()
    assert not dialog.summary.isVisible()
    assert dialog.person.chosen is not None
    assert dialog.person.chosen.name == TROOPER

    def tab_to(widget: QWidget) -> None:
        for _ in range(30):
            if QApplication.focusWidget() is widget:
                return
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        raise AssertionError(f"Tab never reached {widget.accessibleName()}")

    tab_to(dialog.role)
    qtbot.keyClick(dialog.role, Qt.Key.Key_Down)
    assert dialog.role.currentData() == SceneEntrantRole.STATE_POLICE
    qtbot.keyClick(dialog.role, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.agency
    qtbot.keyClick(dialog.agency, Qt.Key.Key_Tab)
    qtbot.keyClicks(QApplication.focusWidget(), "Photographs")
    assert dialog.purpose.text() == "Photographs"
    tab_to(dialog.videotaped)
    qtbot.keyClick(dialog.videotaped, Qt.Key.Key_Space)
    qtbot.keyClick(dialog.videotaped, Qt.Key.Key_Tab)
    qtbot.keyClicks(QApplication.focusWidget(), "Cam 2")
    assert dialog.video_reference.text() == "Cam 2"
    with qtbot.waitSignal(screen.entry_logged, timeout=10_000):
        qtbot.keyClick(dialog.video_reference, Qt.Key.Key_Return)  # the default button
    settle(qtbot, screen)
    assert screen.inside_names()[0].startswith(f"{TROOPER} \u2014 State police")
    assert screen.model.rowCount() == 1
    snap(screen, screenshot_dir, "scene-keyboard-entry")
