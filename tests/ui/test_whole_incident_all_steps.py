"""One incident worked through every step that applies to it, typed and clicked as each person
would: the shift supervisor from Ctrl+N to the EOR, the Warden for the other facility, medical
staff for the SANE request and consent, the investigator for the scene log, its entries and its
release. Evidence comes from the clean sheet and is handed over with two drawn signatures; the
dry cell clock turns amber and red as the clock moves and the placement is released; one step is
corrected and one reopened and done again; the EOR is previewed, signed and stored. A new window
from the same data folder then shows every value, stamp and record, and each act once in the
timeline."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from incident_desk.domain.clock import ManualClock
from incident_desk.domain.enums import (
    AllegationType,
    PersonKind,
    PersonRole,
    SceneEntrantRole,
    StepState,
    TimeCertainty,
)
from incident_desk.domain.protocol import Protocol
from incident_desk.services.workspace import Workspace
from incident_desk.ui.cases.case_overview_widget import CaseOverviewWidget
from incident_desk.ui.documents.signing_confirm_dialog import SigningConfirmDialog
from incident_desk.ui.documents.stored_documents_model import COL_FORM, COL_SIGNED_BY
from incident_desk.ui.evidence.custody_transfer_dialog import CustodyTransferDialog
from incident_desk.ui.evidence.evidence_item_model import COL_HOLDER, COL_ITEM
from incident_desk.ui.messages import documents as documents_words
from incident_desk.ui.messages import step_panels as step_panel_words
from incident_desk.ui.messages.clocks import STEP_TITLES
from incident_desk.ui.scene.entry_dialog import EntryDialog
from incident_desk.ui.scene.entry_log_model import COL_EVENT, COL_PERSON, COL_ROLE, COL_VIDEO
from incident_desk.ui.scene.exit_dialog import ExitDialog
from incident_desk.ui.scene.release_dialog import ReleaseDialog as SceneReleaseDialog
from incident_desk.ui.shell.main_window import MainWindow
from incident_desk.ui.widgets.signature_pad_widget import StrokeList
from incident_desk.ui.workflow.clean_sheet_panel import CleanSheetPanel
from incident_desk.ui.workflow.dry_cell_panel import DryCellPanel, ReleaseDialog, placement_text
from incident_desk.ui.workflow.new_report_dialog import NewReportDialog
from incident_desk.ui.workflow.step_fields import (
    LongTextFieldEditor,
)
from incident_desk.ui.workflow.step_page import StepPage
from tests.conftest import DISPLAY_NAMES, passphrase_of
from tests.forms.test_checklist_loader import STEP_ORDER
from tests.ui.evidence_support import pick, sign
from tests.ui.incident_driver import (
    NOW,
    WAIT_MS,
    Typed,
    choose,
    close_notices,
    fill,
    main_window,
    open_step,
    overview_of,
    read_only,
    settle,
    shot,
    stamp_minute,
    stored_one,
    stored_values,
    tick,
    type_into,
)
from tests.ui.scene_support import choose_role, pick_person

OTHER_FACILITY = "Northpoint Training Center"
SCENE = "Dorm 4, shower"
CORRECTED = {"forwarded_to": "Deputy Warden Ames; PREA Coordinator, central office"}
CORRECTION_REASON = "Central office copy went to the PREA Coordinator, not the Commissioner."
REOPEN_REASON = "Victim said later he also washed his hands; ask again and record it."
RELEASE_REASON = "Evidence collected by the SANE at the hospital."
SENDER_STROKES = [(20, 70), (60, 30), (100, 90), (150, 40), (210, 80)]
RECEIVER_STROKES = [(30, 50), (90, 90), (160, 35)]
HAND_OVER_PURPOSE = "To the investigator for the evidence locker"

#: Who completes each step, in the order they are worked, and what they type.
#: Values: NOW for a time set with its "Now" button, "yes"/"no" for a yes/no question, a list
#: for the boxes ticked in a multiple choice, otherwise the text typed or the choice picked.
SUPERVISOR_STEPS: dict[str, dict[str, Typed]] = {
    "victim_safety": {
        "safety_ensured_at": NOW,
        "safety_action": "Moved to the medical unit with an officer at the door.",
        "safety_ensured_by": "Officer Reyes",
        "supervisor_notified_at": NOW,
        "supervisor_notified_by": "Officer Reyes",
        "shift_supervisor": "Sgt. Dana Brooks",
    },
    "separation": {
        "separated_at": NOW,
        "method": "segregate_perpetrator",
        "description": "Alleged perpetrator held in intake cell 2 under watch.",
        "separated_by": "Officer Tran",
    },
    "warden_notification": {
        "notified_at": NOW,
        "person_notified": "Warden Sam Hale",
        "method": "phone",
        "notified_by": "Sgt. Dana Brooks",
    },
    "investigator_notification": {
        "notified_at": NOW,
        "investigator": "Inv. Pat Moreau",
        "method": "radio",
        "notified_by": "Sgt. Dana Brooks",
    },
    "crime_scene": {
        "scene_location": SCENE,
        "scene_secured": "yes",
        "secured_at": NOW,
        "secured_by": "Officer Reyes",
    },
    "state_police_referral": {
        "referred_at": NOW,
        "police_contact": "Tpr. Ann Lee, Post 5 La Grange",
        "method": "phone",
        "referred_by": "Sgt. Dana Brooks",
        "police_reference": "KSP-26-1187",
    },
    "victim_advocate": {
        "offered_at": NOW,
        "offered_by": "Sgt. Dana Brooks",
        "requested": "no",
    },
    "preservation_victim": {
        "instructed_at": NOW,
        "instructed_by": "Officer Reyes",
        "acts_since": ["urinating"],
        "acts_detail": "Urinated once before the report was made.",
    },
    "preservation_perpetrator": {
        "instructed_at": NOW,
        "ensured_by": "Officer Tran",
        "how_ensured": "Constant observation, water turned off in intake cell 2.",
    },
    "medical_transport": {
        "arranged_at": NOW,
        "arranged_by": "Sgt. Dana Brooks",
        "destination": "Baptist Health La Grange",
        "departed_at": NOW,
        "escort": "Officer Tran",
    },
    "clean_sheet": {
        "instructed_at": NOW,
        "instructed_by": "Sgt. Dana Brooks",
        "sheet_collected": "yes",
        "clothing_collected": "yes",
    },
    "dry_cell": {
        "placed_at": NOW,
        "cell": "D-4",
        "placed_by": "Officer Tran",
        "strip_searched": "yes",
        "paper_gown": "yes",
        "possessions_taken": "yes",
    },
    "eor_report": {
        "completed_at": NOW,
        "completed_by": "Sgt. Dana Brooks",
        "forwarded_at": NOW,
        "forwarded_to": "Deputy Warden Ames; Commissioner's office",
    },
}
WARDEN_STEPS: dict[str, dict[str, Typed]] = {
    "other_facility_notice": {
        "facility": OTHER_FACILITY,
        "facility_head": "Warden Lee Ortiz",
        "notified_at": NOW,
        "method": "phone",
        "notified_by": "Warden Sam Hale",
    },
}
MEDICAL_STEPS: dict[str, dict[str, Typed]] = {
    "forensic_examiner": {
        "requested_at": NOW,
        "requested_by": "Nurse Kim",
        "hospital": "Baptist Health La Grange",
        "examiner_type": "sane",
        "efforts": "Called the SANE on-call line; the nurse examiner is on her way.",
    },
    "consent": {
        "forensic_exam": "consented",
        "medical_care": "consented",
        "asked_at": NOW,
        "asked_by": "Nurse Kim",
        "notes": "Asked separately about each.",
    },
}
INVESTIGATOR_STEPS: dict[str, dict[str, Typed]] = {
    "scene_entry_log": {
        "log_started_at": NOW,
        "log_kept_by": "Officer Reyes",
        "videotaping": "yes",
        "videotaping_how": "Handheld camera 2",
    },
    "scene_release": {
        "verified_at": NOW,
        "verified_by": "Lt. Maria Gomez",
        "released_at": NOW,
        "released_by": "Inv. Pat Moreau",
    },
}
REDONE: dict[str, Typed] = {
    "instructed_at": NOW,
    "instructed_by": "Officer Reyes",
    "acts_since": ["washing", "urinating"],
    "acts_detail": "Urinated once before the report; washed his hands at 02:40.",
}
#: What the intake step shows of the New report dialog.
INTAKE = {
    "location": SCENE,
    "incident_time_certainty": "exact",
    "occurred_elsewhere": "yes",
    "other_facility": OTHER_FACILITY,
    "allegation_type": "offender_nonconsensual_sexual_acts",
    "narrative": "Told the unit officer at count he was assaulted.",
    "imminent_risk": "no",
}
#: Every step of the checklist this incident goes through (19), in the checklist's order.
ALL_STEPS = tuple(STEP_ORDER)


class Recorded:
    """What was typed into each step, by whom and at which minute: the test's own record."""

    def __init__(self) -> None:
        self.values: dict[str, dict[str, str]] = {}
        self.minutes: dict[str, str] = {}
        self.who: dict[str, str] = {}


# -- typing into a step page ---------------------------------------------------------------


def _minute(clock: ManualClock) -> str:
    return clock.now().strftime("%Y-%m-%d %H:%M")


def _as_stored(values: Mapping[str, Typed], minute: str) -> dict[str, str]:
    """What the step keeps of ``values`` typed at the minute ``minute``."""
    return stored_values({key: stored_one(value) for key, value in values.items()}, minute)


def _done(qtbot: QtBot, main: MainWindow, page: StepPage) -> None:
    """ "When it happened": Now; then "Mark done", and wait until the case is read again."""
    qtbot.mouseClick(page.when_edit.now_button, Qt.MouseButton.LeftButton)
    page.mark_done.setFocus()
    with qtbot.waitSignal(page.step_recorded, timeout=WAIT_MS):
        qtbot.keyClick(page.mark_done, Qt.Key.Key_Space)
    settle(qtbot, main)


def _work_step(
    qtbot: QtBot,
    main: MainWindow,
    clock: ManualClock,
    key: str,
    values: Mapping[str, Typed],
    recorded: Recorded,
    user: str,
    shots: Path,
    before_done: Callable[[StepPage], None] | None = None,
) -> None:
    overview = overview_of(main)
    page = open_step(qtbot, overview, key)
    assert page.writable, (key, page.access_note.text())
    fill(qtbot, page, values)
    if before_done is not None:
        before_done(page)
    _snap(qtbot, main, page, shots / f"whole-incident-all-{key}.png")
    recorded.values[key] = _as_stored(values, _minute(clock))
    recorded.minutes[key] = _minute(clock)
    recorded.who[key] = DISPLAY_NAMES[user]
    # What a panel filled in (the clean sheet's evidence numbers) is recorded with the rest.
    filled = {k: e.value() for k, e in page.editors.items() if k not in values and e.value()}
    recorded.values[key].update(filled)
    _done(qtbot, main, page)
    tick(main, clock, 1)


def _snap(qtbot: QtBot, main: MainWindow, page: StepPage, path: Path) -> None:
    settle(qtbot, main)
    page.grab().save(str(path))


# -- windows -------------------------------------------------------------------------------


def _window(
    qtbot: QtBot, sign_in_as: Callable[[str], Workspace], clock: ManualClock, user: str
) -> tuple[MainWindow, CaseOverviewWidget, Workspace]:
    """Sign in as ``user`` in a new main window and open the (only) case from the dashboard."""
    workspace = sign_in_as(user)
    main = main_window(qtbot, workspace, clock)
    qtbot.waitUntil(lambda: main.dashboard.model.rowCount() == 1, timeout=WAIT_MS)
    table = main.dashboard.table
    table.setFocus()
    table.setCurrentIndex(main.dashboard.model.index(0, 0))
    qtbot.keyClick(table, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: isinstance(main.tabs.currentWidget(), CaseOverviewWidget), timeout=WAIT_MS
    )
    overview = overview_of(main)
    qtbot.waitUntil(lambda: bool(overview.workflow.checklist.item_texts()), timeout=WAIT_MS)
    settle(qtbot, main)
    close_notices(main)
    return main, overview, workspace


def _sign_out(qtbot: QtBot, main: MainWindow, workspace: Workspace) -> None:
    main.close()
    settle(qtbot, main)
    workspace.close()


def _report(qtbot: QtBot, main: MainWindow, clock: ManualClock, shots: Path) -> str:
    """Ctrl+N, the safety questions and the intake, at another facility; the case number."""
    qtbot.keyClick(main, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    (dialog,) = [d for d in main.findChildren(NewReportDialog) if d.isVisible()]
    choose(qtbot, dialog.victim_safe_field, True)
    choose(qtbot, dialog.imminent_risk_field, False)
    type_into(qtbot, dialog.reported_by_field, "Jose Alvarez")
    type_into(qtbot, dialog.location_field, SCENE)
    choose(qtbot, dialog.certainty_field, TimeCertainty.EXACT)
    earlier = (clock.now() - timedelta(hours=2)).astimezone().strftime("%Y-%m-%d %H:%M")
    dialog.incident_at_field.setFocus()
    qtbot.keyClick(dialog.incident_at_field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(dialog.incident_at_field, earlier)
    dialog.elsewhere_field.setFocus()
    qtbot.keyClick(dialog.elsewhere_field, Qt.Key.Key_Space)
    assert dialog.elsewhere_field.isChecked()
    type_into(qtbot, dialog.other_facility_field, OTHER_FACILITY)
    choose(qtbot, dialog.allegation_field, AllegationType.OFFENDER_NONCONSENSUAL_SEXUAL_ACTS)
    type_into(qtbot, dialog.narrative_field, INTAKE["narrative"])
    editor = dialog.people_editor
    for name, role, ident in (
        ("Jose Alvarez", PersonRole.ALLEGED_VICTIM, "A-1001"),
        ("Mark Stone", PersonRole.ALLEGED_PERPETRATOR, "B-2002"),
    ):
        qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
        row = editor.rows[-1]
        qtbot.keyClicks(row.name_field, name)
        choose(qtbot, row.role_field, role)
        choose(qtbot, row.kind_field, PersonKind.OFFENDER)
        type_into(qtbot, row.identifier_field, ident)
    QApplication.processEvents()
    dialog.grab().save(str(shots / "whole-incident-all-new-report.png"))
    with qtbot.waitSignal(dialog.report_opened, timeout=WAIT_MS) as opened:
        qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    return str(opened.args[0])


# -- the parts beyond the step pages -------------------------------------------------------


def _clean_sheet_items(qtbot: QtBot, main: MainWindow) -> Callable[[StepPage], None]:
    """The clean sheet panel's dialog: the sheet and two pieces of clothing, by keyboard."""

    def create(page: StepPage) -> None:
        panel = page.panel
        assert isinstance(panel, CleanSheetPanel)
        qtbot.waitUntil(panel.create_button.isEnabled, timeout=WAIT_MS)
        panel.create_button.setFocus()
        qtbot.keyClick(panel.create_button, Qt.Key.Key_Space)
        dialog = panel.dialog
        assert dialog is not None
        qtbot.keyClicks(dialog.articles[0], "Grey T-shirt")
        qtbot.keyClick(dialog.add_article, Qt.Key.Key_Space)
        qtbot.keyClicks(dialog.articles[1], "Blue trousers")
        with qtbot.waitSignal(page.field_saved, timeout=WAIT_MS):
            qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        settle(qtbot, main)
        assert page.editors["evidence_numbers"].value().count(",") == 2

    return create


@dataclass(frozen=True)
class HandOver:
    """The item handed over, the title of its history entry, and the two signatures drawn."""

    item: str
    title: str
    sender: StrokeList
    receiver: StrokeList


def _hand_over(qtbot: QtBot, main: MainWindow, shots: Path) -> HandOver:
    """The first clean sheet item handed to the investigator, both signatures drawn."""
    overview = overview_of(main)
    overview.sections.setCurrentWidget(overview.evidence_section)
    screen = overview.evidence
    settle(qtbot, main)
    qtbot.waitUntil(lambda: screen.model.rowCount() == 3, timeout=WAIT_MS)
    item = screen.current_item()
    assert item is not None
    assert item.description.startswith("Clean sheet")
    qtbot.mouseClick(screen.transfer_button, Qt.MouseButton.LeftButton)
    dialog = screen.dialog
    assert isinstance(dialog, CustodyTransferDialog)
    qtbot.waitExposed(dialog)
    pick(qtbot, dialog.receiver, "moreau", "Inv. Pat Moreau")
    qtbot.keyClicks(dialog.purpose, HAND_OVER_PURPOSE)
    sign(qtbot, dialog.sender_pad.canvas, SENDER_STROKES)
    sign(qtbot, dialog.receiver_pad.canvas, RECEIVER_STROKES)
    sender, receiver = dialog.sender_pad.strokes(), dialog.receiver_pad.strokes()
    dialog.grab().save(str(shots / "whole-incident-all-hand-over.png"))
    with qtbot.waitSignal(screen.recorded, timeout=WAIT_MS):
        qtbot.mouseClick(dialog.record_button, Qt.MouseButton.LeftButton)
    settle(qtbot, main)
    current = screen.current_item()
    assert current is not None
    assert current.custodian is not None
    assert current.custodian.name == "Inv. Pat Moreau"
    entry = screen.detail.history.entries[-1]
    return HandOver(item.item_number, entry.title.text(), sender, receiver)


def _scene_entry_and_exit(qtbot: QtBot, main: MainWindow, clock: ManualClock, shots: Path) -> str:
    """The investigator logs himself in and out of the scene, then releases it; the minute of
    the release."""
    overview = overview_of(main)
    overview.sections.setCurrentWidget(overview.scene_section)
    screen = overview.scene
    settle(qtbot, main)
    qtbot.waitUntil(screen.entry_button.isEnabled, timeout=WAIT_MS)
    qtbot.mouseClick(screen.entry_button, Qt.MouseButton.LeftButton)
    entry = screen.dialog
    assert isinstance(entry, EntryDialog)
    pick_person(qtbot, screen, entry, "Inv. Pat Moreau")
    choose_role(entry, SceneEntrantRole.ASSIGNED_INVESTIGATOR)
    qtbot.keyClicks(entry.purpose, "Walk-through and photographs")
    qtbot.keyClick(entry.videotaped, Qt.Key.Key_Space)
    qtbot.keyClicks(entry.video_reference, "Handheld camera 2")
    with qtbot.waitSignal(screen.entry_logged, timeout=WAIT_MS):
        qtbot.mouseClick(entry.save_button, Qt.MouseButton.LeftButton)
    settle(qtbot, main)
    tick(main, clock, 25)
    qtbot.mouseClick(screen.exit_button, Qt.MouseButton.LeftButton)
    leaving = screen.dialog
    assert isinstance(leaving, ExitDialog)
    pick_person(qtbot, screen, leaving, "Inv. Pat Moreau")
    with qtbot.waitSignal(screen.exit_logged, timeout=WAIT_MS):
        qtbot.mouseClick(leaving.save_button, Qt.MouseButton.LeftButton)
    settle(qtbot, main)
    tick(main, clock, 5)
    qtbot.mouseClick(screen.release_button, Qt.MouseButton.LeftButton)
    release = screen.dialog
    assert isinstance(release, SceneReleaseDialog)
    qtbot.keyClicks(release.authority, "KSR Investigations")
    qtbot.keyClicks(release.verified_by, "Lt. Maria Gomez")
    minute = _minute(clock)
    with qtbot.waitSignal(screen.scene_released, timeout=WAIT_MS):
        qtbot.mouseClick(release.save_button, Qt.MouseButton.LeftButton)
    settle(qtbot, main)
    shot(qtbot, main, shots / "whole-incident-all-scene.png")
    overview.sections.setCurrentWidget(overview.workflow)
    return minute


def _dry_cell_tile(overview: CaseOverviewWidget) -> str:
    """The words of the 16-hour dry cell clock in the banner."""
    for tile in overview.banner.tiles():
        if "dry cell" in tile.title_label.text():
            return str(tile.status_text)
    raise AssertionError([t.title_label.text() for t in overview.banner.tiles()])


# -- the incident --------------------------------------------------------------------------


def _supervisor_first(
    qtbot: QtBot,
    sign_in_as: Callable[[str], Workspace],
    clock: ManualClock,
    shots: Path,
    recorded: Recorded,
) -> tuple[str, HandOver]:
    """The shift supervisor's night: the report, every step of theirs, the clean sheet items and
    one hand-over. Returns the case number and the hand-over."""
    workspace = sign_in_as("sup")
    main = main_window(qtbot, workspace, clock)
    number = _report(qtbot, main, clock, shots)
    qtbot.waitUntil(
        lambda: isinstance(main.tabs.currentWidget(), CaseOverviewWidget), timeout=WAIT_MS
    )
    overview = overview_of(main)
    qtbot.waitUntil(lambda: overview.workflow.page is not None, timeout=WAIT_MS)
    settle(qtbot, main)
    recorded.minutes["intake"] = _minute(clock)
    recorded.who["intake"] = DISPLAY_NAMES["sup"]
    for key, values in SUPERVISOR_STEPS.items():
        extra = _clean_sheet_items(qtbot, main) if key == "clean_sheet" else None
        _work_step(qtbot, main, clock, key, values, recorded, "sup", shots, extra)
        close_notices(main)
    # The dry cell step started the 16-hour clock in the banner, from the placement time.
    limit = _parse(recorded.minutes["dry_cell"]) + timedelta(hours=16)
    tile = _dry_cell_tile(overview)
    assert tile.startswith("Open \u2014 15 h 5"), tile
    assert tile.endswith(f"(until {limit:%d %b %H:%M} UTC)"), tile
    handed = _hand_over(qtbot, main, shots)
    # The supervisor gives the case to the investigator from its Report section.
    overview = overview_of(main)
    panel = overview.assignment
    assert panel is not None
    overview.sections.setCurrentIndex(overview.sections.indexOf(panel.parentWidget()))
    qtbot.waitUntil(lambda: panel.assign_button.isEnabled(), timeout=WAIT_MS)
    assert panel.choice.currentData() == "inv"
    qtbot.mouseClick(panel.assign_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Assigned:" in panel.current.text(), timeout=WAIT_MS)
    _sign_out(qtbot, main, workspace)
    return number, handed


def _other_roles(
    qtbot: QtBot,
    sign_in_as: Callable[[str], Workspace],
    clock: ManualClock,
    shots: Path,
    recorded: Recorded,
) -> None:
    """The Warden, medical staff and the investigator, each in a window of their own."""
    for user, steps in (("warden", WARDEN_STEPS), ("med", MEDICAL_STEPS)):
        main, _overview_widget, workspace = _window(qtbot, sign_in_as, clock, user)
        for key, values in steps.items():
            _work_step(qtbot, main, clock, key, values, recorded, user, shots)
        _sign_out(qtbot, main, workspace)
    main, _overview_widget, workspace = _window(qtbot, sign_in_as, clock, "inv")
    for key, values in INVESTIGATOR_STEPS.items():
        if key == "scene_release":
            # The scene's own log: an entry, an exit, the release, which completes step 7 with
            # the same words; the step page then shows it done, and it is not entered again.
            minute = _scene_entry_and_exit(qtbot, main, clock, shots)
            recorded.values[key] = _as_stored(values, minute)
            recorded.minutes[key] = minute
            recorded.who[key] = DISPLAY_NAMES["inv"]
            page = open_step(qtbot, overview_of(main), key)
            assert page.step.state is StepState.DONE
            continue
        _work_step(qtbot, main, clock, key, values, recorded, "inv", shots)
    _sign_out(qtbot, main, workspace)


def _supervisor_later(
    qtbot: QtBot,
    sign_in_as: Callable[[str], Workspace],
    clock: ManualClock,
    shots: Path,
    recorded: Recorded,
) -> str:
    """The dry cell clock turning amber then red, the release; a correction, a reopened step
    done again; the EOR previewed, signed and stored. Returns the stored form's title."""
    main, overview, workspace = _window(qtbot, sign_in_as, clock, "sup")
    # 14 h 30 min after the placement the last two of its sixteen hours have begun.
    amber = _parse(recorded.minutes["dry_cell"]) + timedelta(hours=14, minutes=30)
    tick(main, clock, int((amber - clock.now()).total_seconds() // 60))
    assert _dry_cell_tile(overview).startswith("Due soon"), _dry_cell_tile(overview)
    shot(qtbot, main, shots / "whole-incident-all-dry-cell-due-soon.png")
    tick(main, clock, 95)  # 16 h 05 min: past the limit
    assert _dry_cell_tile(overview).startswith("OVERDUE"), _dry_cell_tile(overview)
    shot(qtbot, main, shots / "whole-incident-all-dry-cell-overdue.png")
    close_notices(main)
    page = open_step(qtbot, overview, "dry_cell")
    panel = page.panel
    assert isinstance(panel, DryCellPanel)
    qtbot.waitUntil(lambda: bool(panel.release_buttons), timeout=WAIT_MS)
    (button,) = panel.release_buttons.values()
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Space)
    dialog = panel.dialog
    assert isinstance(dialog, ReleaseDialog)
    qtbot.keyClicks(dialog.reason, RELEASE_REASON)
    with qtbot.waitSignal(overview.workflow.loaded, timeout=WAIT_MS):
        qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    settle(qtbot, main)
    recorded.minutes["dry_cell_release"] = _minute(clock)
    assert _dry_cell_tile(overview).startswith("Met"), _dry_cell_tile(overview)
    tick(main, clock, 2)

    _correct_and_reopen(qtbot, main, clock, shots, recorded)
    stored = _sign_the_eor(qtbot, main, overview, shots)
    _sign_out(qtbot, main, workspace)
    return stored


def _correct_and_reopen(
    qtbot: QtBot, main: MainWindow, clock: ManualClock, shots: Path, recorded: Recorded
) -> None:
    """The EOR step corrected through "Correct this entry…"; step 8a reopened and done again."""
    overview = overview_of(main)
    page = open_step(qtbot, overview, "eor_report")
    qtbot.mouseClick(page.correct, Qt.MouseButton.LeftButton)
    correction = page.amend.correction_dialog
    assert correction is not None
    editor = correction.editors["forwarded_to"]
    assert isinstance(editor, LongTextFieldEditor)
    editor.text.setFocus()
    qtbot.keyClick(editor.text, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor.text, CORRECTED["forwarded_to"])
    qtbot.keyClicks(correction.reason, CORRECTION_REASON)
    with qtbot.waitSignal(overview.workflow.step_opened, timeout=WAIT_MS):
        qtbot.mouseClick(correction.ok_button, Qt.MouseButton.LeftButton)
    settle(qtbot, main)
    recorded.values["eor_report"].update(CORRECTED)
    recorded.minutes["eor_correction"] = _minute(clock)
    tick(main, clock, 2)

    # A step reopened with a reason and done again.
    page = open_step(qtbot, overview, "preservation_victim")
    page.reopen.setFocus()
    qtbot.keyClick(page.reopen, Qt.Key.Key_Space)
    ask = page.amend.reason_dialog
    assert ask is not None
    line = ask.findChild(QLineEdit)
    assert line is not None
    qtbot.keyClicks(line, REOPEN_REASON)
    with qtbot.waitSignal(overview.workflow.step_opened, timeout=WAIT_MS):
        qtbot.keyClick(line, Qt.Key.Key_Return)
    settle(qtbot, main)
    page = open_step(qtbot, overview, "preservation_victim")
    assert page.stamp.text() == "Not done yet."
    assert page.history.text() == step_panel_words.HISTORY_REOPENED.format(
        who=DISPLAY_NAMES["sup"], recorded=stamp_minute(_minute(clock)), reason=REOPEN_REASON
    )
    _work_step(qtbot, main, clock, "preservation_victim", REDONE, recorded, "sup", shots)


def _sign_the_eor(qtbot: QtBot, main: MainWindow, overview: CaseOverviewWidget, shots: Path) -> str:
    overview.sections.setCurrentWidget(overview.documents_section)
    screen = overview.documents
    settle(qtbot, main)
    qtbot.waitUntil(lambda: screen.preview.page_count > 0, timeout=60_000)
    assert screen.preview.caption.text() == documents_words.PREVIEW_DRAFT.format(
        title="Extraordinary Occurrence Report", subject=""
    )
    for form in screen.choice.ticked_forms():
        if form != "eor":
            screen.choice.set_ticked(form, False)
    assert screen.choice.ticked_forms() == ["eor"]
    shot(qtbot, main, shots / "whole-incident-all-eor-preview.png")
    qtbot.mouseClick(screen.sign_button, Qt.MouseButton.LeftButton)
    dialog = screen.dialog
    assert isinstance(dialog, SigningConfirmDialog)
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT_MS)
    dialog.passphrase.setFocus()
    qtbot.keyClicks(dialog.passphrase, passphrase_of("sup"))
    with qtbot.waitSignal(screen.exported, timeout=60_000):
        qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not main.runner.busy, timeout=60_000)
    settle(qtbot, main)
    assert screen.model.rowCount() == 1
    shot(qtbot, main, shots / "whole-incident-all-eor-signed.png")
    return str(screen.model.index(0, 0).data())


def _parse(minute: str) -> datetime:
    return datetime.strptime(minute, "%Y-%m-%d %H:%M").replace(tzinfo=UTC)


def test_one_incident_through_every_step_is_found_whole_in_a_new_window(
    qtbot: QtBot,
    sign_in_as: Callable[[str], Workspace],
    clock: ManualClock,
    screenshot_dir: Path,
) -> None:
    recorded = Recorded()
    number, handed = _supervisor_first(qtbot, sign_in_as, clock, screenshot_dir, recorded)
    _other_roles(qtbot, sign_in_as, clock, screenshot_dir, recorded)
    document = _supervisor_later(qtbot, sign_in_as, clock, screenshot_dir, recorded)

    main, overview, workspace = _window(qtbot, sign_in_as, clock, "sup")
    assert overview.case_number == number
    texts = overview.workflow.checklist.item_texts()
    assert len(texts) == len(ALL_STEPS), texts
    assert all(text.endswith("Done") for text in texts), texts
    for key in ALL_STEPS:
        page = open_step(qtbot, overview, key)
        stamp = page.stamp.text()
        assert stamp.startswith(f"Done: happened {stamp_minute(recorded.minutes[key])}"), (
            key,
            stamp,
        )
        assert f"by {recorded.who[key]}" in stamp, (key, stamp)
        assert not page.mark_done.isVisibleTo(page)
        assert all(read_only(editor) for editor in page.editors.values()), key
        shown = {f: e.value() for f, e in page.editors.items() if e.value()}
        assert shown == recorded.values.get(key, shown), key
        if key == "intake":
            assert {f: shown.get(f) for f in INTAKE} == INTAKE
        page.grab().save(str(screenshot_dir / f"whole-incident-all-reopened-{key}.png"))
    _check_records(qtbot, main, overview, recorded, screenshot_dir)
    _check_evidence(qtbot, main, overview, handed, screenshot_dir)
    _check_scene(qtbot, main, overview, screenshot_dir)
    _check_document(qtbot, main, overview, document, screenshot_dir)
    _check_timeline(qtbot, main, overview, workspace.protocol, screenshot_dir)


def _check_records(
    qtbot: QtBot,
    main: MainWindow,
    overview: CaseOverviewWidget,
    recorded: Recorded,
    shots: Path,
) -> None:
    """The correction, the dry cell placement and its release, the clocks."""
    page = open_step(qtbot, overview, "eor_report")
    assert page.history.text() == step_panel_words.HISTORY_CORRECTED.format(
        who=DISPLAY_NAMES["sup"],
        recorded=stamp_minute(recorded.minutes["eor_correction"]),
        reason=CORRECTION_REASON,
    )
    page = open_step(qtbot, overview, "dry_cell")
    panel = page.panel
    assert isinstance(panel, DryCellPanel)
    qtbot.waitUntil(lambda: bool(panel.placements), timeout=WAIT_MS)
    (placement,) = panel.placements
    assert placement.person_name == "Mark Stone"
    assert placement.cell == "D-4"
    assert placement_text(placement).endswith(
        f"Released {stamp_minute(recorded.minutes['dry_cell_release'])} by {DISPLAY_NAMES['sup']}: "
        f"{RELEASE_REASON}"
    )
    shown = [label.text() for label in panel.findChildren(type(page.stamp))]
    assert placement_text(placement) in shown
    assert panel.clock_text(placement.id).startswith("Met: ")
    assert panel.clock_text(placement.id).endswith("(late)")
    assert not panel.release_buttons
    settle(qtbot, main)
    shot(qtbot, main, shots / "whole-incident-all-reopened-dry-cell.png")
    words = {
        t.title_label.text(): t.status_text.split(" \u2014 ")[0] for t in overview.banner.tiles()
    }
    assert words["16-hour dry cell limit (placement 1)"] == "Met"
    assert words["72-hour notice to the other facility"] == "Met"
    for key in ("victim_safety", "separation", "warden_notification", "investigator_notification"):
        assert words[f"Immediate step: {STEP_TITLES[key]}"] == "Met"


def _check_evidence(
    qtbot: QtBot,
    main: MainWindow,
    overview: CaseOverviewWidget,
    handed: HandOver,
    shots: Path,
) -> None:
    """The three clean sheet items, and the hand-over drawn back stroke for stroke."""
    overview.sections.setCurrentWidget(overview.evidence_section)
    screen = overview.evidence
    settle(qtbot, main)
    qtbot.waitUntil(lambda: screen.model.rowCount() == 3, timeout=WAIT_MS)
    model = screen.model
    rows = {
        str(model.index(row, COL_ITEM).data()): str(model.index(row, COL_HOLDER).data())
        for row in range(3)
    }
    assert rows == {
        handed.item: "Inv. Pat Moreau",
        f"{overview.case_number}-E002": DISPLAY_NAMES["sup"],
        f"{overview.case_number}-E003": DISPLAY_NAMES["sup"],
    }, rows
    assert screen.select_item(handed.item)
    settle(qtbot, main)
    qtbot.waitUntil(lambda: len(screen.detail.history.entries) == 2, timeout=WAIT_MS)
    entry = screen.detail.history.entries[-1]
    assert entry.title.text() == handed.title
    assert [line.text() for line in entry.lines][:2] == [
        f"From {DISPLAY_NAMES['sup']} to Inv. Pat Moreau",
        f"Purpose: {HAND_OVER_PURPOSE}",
    ]
    sender, receiver = entry.signatures
    assert sender.strokes() == handed.sender
    assert receiver.strokes() == handed.receiver
    shot(qtbot, main, shots / "whole-incident-all-reopened-evidence.png")


def _check_scene(qtbot: QtBot, main: MainWindow, overview: CaseOverviewWidget, shots: Path) -> None:
    """The investigator's entry and exit in the log, and the release."""
    overview.sections.setCurrentWidget(overview.scene_section)
    screen = overview.scene
    settle(qtbot, main)
    qtbot.waitUntil(lambda: screen.model.rowCount() == 2, timeout=WAIT_MS)
    model = screen.model
    assert [model.text(row, COL_EVENT) for row in range(2)] == ["In", "Out"]
    assert {model.text(row, COL_PERSON) for row in range(2)} == {"Inv. Pat Moreau"}
    assert model.text(0, COL_ROLE) == "Assigned investigator"
    assert model.text(0, COL_VIDEO) == "Yes (Handheld camera 2)"
    assert "KSR Investigations" in screen.release_text.text()
    assert "Lt. Maria Gomez" in screen.release_text.text()
    assert screen.panel.location.text() == f"Location: {SCENE}"
    shot(qtbot, main, shots / "whole-incident-all-reopened-scene.png")


def _check_document(
    qtbot: QtBot, main: MainWindow, overview: CaseOverviewWidget, document: str, shots: Path
) -> None:
    overview.sections.setCurrentWidget(overview.documents_section)
    screen = overview.documents
    settle(qtbot, main)
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1, timeout=60_000)
    assert str(screen.model.index(0, COL_FORM).data()) == document
    assert str(screen.model.index(0, COL_SIGNED_BY).data()) == DISPLAY_NAMES["sup"]
    shot(qtbot, main, shots / "whole-incident-all-reopened-documents.png")


def _check_timeline(
    qtbot: QtBot, main: MainWindow, overview: CaseOverviewWidget, protocol: Protocol, shots: Path
) -> None:
    """Each act once: no heading twice, and every step's "done" among them."""
    overview.sections.setCurrentWidget(overview.timeline)
    overview.timeline.reload()
    settle(qtbot, main)
    heads = [text.split("\n")[1] for text in overview.timeline.item_texts()]
    assert len(heads) == len(set(heads)), [h for h in heads if heads.count(h) > 1]
    joined = "\n".join(heads)
    # Step 7 was done by the scene's release, whose own line tells it.
    expected = {"preservation_victim": 2, "scene_release": 0}
    for key in ALL_STEPS:
        step = protocol.step(key)
        done = f"Step {step.number}, {step.title}: done ({step.citation})"
        assert joined.count(done) == expected.get(key, 1), key
    assert joined.count(": reopened (CPP 14.7 G.4)") == 1
    assert joined.count(": corrected (CPP 14.7 G.8)") == 1
    assert joined.count("Mark Stone released from dry cell D-4") == 1
    assert joined.count("Inv. Pat Moreau entered the crime scene") == 1
    assert joined.count("Inv. Pat Moreau left the crime scene") == 1
    assert joined.count("Crime scene released by KSR Investigations") == 1
    assert joined.count(": transferred") == 1
    assert joined.count("Extraordinary Occurrence Report: signed and stored") == 1
    shot(qtbot, main, shots / "whole-incident-all-reopened-timeline.png")
