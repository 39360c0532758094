"""The follow-up panels under a step's fields, driven as a user would over a real installation."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from incident_desk.domain.clock import ManualClock
from incident_desk.domain.enums import (
    AdvocateStatus,
    Consent,
    NotificationKind,
    NotificationMethod,
    PersonKind,
    PersonRole,
)
from incident_desk.services import workflow
from incident_desk.services.cases import NewPerson, get_case, open_case
from incident_desk.services.dry_cell import place_in_dry_cell
from incident_desk.services.evidence_views import evidence_view
from incident_desk.services.medical import record_medical
from incident_desk.services.notifications import record_notification
from incident_desk.services.workspace import Workspace
from incident_desk.ui.workflow.advocate_panel import AdvocatePanel
from incident_desk.ui.workflow.clean_sheet_panel import CleanSheetPanel
from incident_desk.ui.workflow.dry_cell_panel import DryCellPanel, PlaceDialog, ReleaseDialog
from incident_desk.ui.workflow.step_panel_base import StepPanel
from incident_desk.ui.workflow.step_panels import ConsentPanel, NotificationListPanel
from incident_desk.ui.workflow.workflow_widget import WorkflowWidget

from .test_clock_banner_widget import report
from .test_step_corrections import open_step, workflow_for
from .test_workflow_widget import settled

VICTIM = NewPerson("José Álvarez", PersonRole.ALLEGED_VICTIM, PersonKind.OFFENDER, "A-1001")
STONE = NewPerson("Mark Stone", PersonRole.ALLEGED_PERPETRATOR, PersonKind.OFFENDER, "B-2002")
WEBB = NewPerson("Carl Webb", PersonRole.ALLEGED_PERPETRATOR, PersonKind.OFFENDER, "B-3003")


def panel_of(qtbot: QtBot, widget: WorkflowWidget, key: str) -> StepPanel:
    page = open_step(qtbot, widget, key)
    assert page.panel is not None
    panel = page.panel
    qtbot.waitUntil(lambda: bool(panel.lines) or not widget.busy, timeout=10_000)
    settled(qtbot, widget)
    return panel


def after_recording(qtbot: QtBot, widget: WorkflowWidget, act: Callable[[], None]) -> None:
    """Do ``act`` and wait until the checklist and the panel are read again."""
    with qtbot.waitSignal(widget.loaded, timeout=10_000):
        act()
    settled(qtbot, widget)


def snap(widget: QWidget, screenshot_dir: Path, name: str) -> None:
    QApplication.sendPostedEvents()
    widget.grab().save(str(screenshot_dir / f"{name}.png"))


def person_id(workspace: Workspace, case: str, name: str) -> int:
    people = get_case(workspace, case).summary.people
    return next(person.id for person in people if person.name == name)


def test_dry_cell_release_needs_a_reason_then_the_clock_is_met(
    qtbot: QtBot, supervisor: Workspace, clock: ManualClock, screenshot_dir: Path
) -> None:
    case = open_case(supervisor, report(clock)).summary.case_number
    stone = person_id(supervisor, case, "Mark Stone")
    place_in_dry_cell(supervisor, case, stone, "D-4", clock.now(), True, True, True)
    clock.advance(timedelta(hours=3))
    widget = workflow_for(qtbot, supervisor, case)
    panel = panel_of(qtbot, widget, "dry_cell")
    assert isinstance(panel, DryCellPanel)
    placement = panel.placements[0]
    assert panel.line_texts() == []
    assert panel.clock_text(placement.id) == "Open: 13 h 00 min left (until 22 Nov 19:00 UTC)"
    assert not panel.place_another.isVisible()  # only one alleged offender perpetrator
    snap(widget, screenshot_dir, "step-panel-dry-cell-open")

    qtbot.mouseClick(panel.release_buttons[placement.id], Qt.MouseButton.LeftButton)
    dialog = panel.dialog
    assert isinstance(dialog, ReleaseDialog)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.errors["reason"].isVisible(), timeout=10_000)
    assert "Reason for the release" in dialog.errors["reason"].text()
    assert dialog.isVisible()
    snap(dialog, screenshot_dir, "step-panel-dry-cell-release-refused")

    qtbot.keyClicks(dialog.reason, "Evidence collected by the SANE")
    after_recording(
        qtbot, widget, lambda: qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    )
    qtbot.waitUntil(lambda: panel.clock_text(panel.placements[0].id).startswith("Met"))
    assert panel.clock_text(placement.id) == "Met: at 22 Nov 06:00 UTC"
    assert not panel.release_buttons  # nothing left to release
    texts = [label.text() for label in panel.findChildren(type(panel.heading))]
    assert any(
        "Released 22 Nov 2026 06:00" in t and "Evidence collected by the SANE" in t for t in texts
    )
    snap(widget, screenshot_dir, "step-panel-dry-cell-released")


def test_place_another_offers_only_who_is_not_in_a_dry_cell(
    qtbot: QtBot, supervisor: Workspace, clock: ManualClock, screenshot_dir: Path
) -> None:
    case = open_case(supervisor, report(clock, people=(VICTIM, STONE, WEBB))).summary.case_number
    stone = person_id(supervisor, case, "Mark Stone")
    place_in_dry_cell(supervisor, case, stone, "D-4", clock.now(), True, True, True)
    widget = workflow_for(qtbot, supervisor, case)
    panel = panel_of(qtbot, widget, "dry_cell")
    assert isinstance(panel, DryCellPanel)
    assert panel.place_another.isVisible()
    assert panel.place_another.isEnabled()
    qtbot.mouseClick(panel.place_another, Qt.MouseButton.LeftButton)
    dialog = panel.dialog
    assert isinstance(dialog, PlaceDialog)
    assert [dialog.who.itemText(i) for i in range(dialog.who.count())] == ["Carl Webb"]
    qtbot.keyClicks(dialog.cell, "D-5")
    for box in dialog.checks:
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    snap(dialog, screenshot_dir, "step-panel-dry-cell-place")
    after_recording(
        qtbot, widget, lambda: qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    )
    qtbot.waitUntil(lambda: len(panel.placements) == 2, timeout=10_000)
    assert [p.person_name for p in panel.placements] == ["Mark Stone", "Carl Webb"]
    assert all(panel.clock_text(p.id).startswith("Open: 16 h") for p in panel.placements)
    assert not panel.place_another.isEnabled()  # both are in a dry cell now


def test_advocate_stages_are_offered_only_in_order(
    qtbot: QtBot, supervisor: Workspace, clock: ManualClock, screenshot_dir: Path
) -> None:
    case = open_case(supervisor, report(clock)).summary.case_number
    widget = workflow_for(qtbot, supervisor, case)
    panel = panel_of(qtbot, widget, "victim_advocate")
    assert isinstance(panel, AdvocatePanel)
    assert panel.line_texts() == ["Nothing recorded yet: first record that the offer was made."]

    def next_stage(stage: str, person: str, details: str = "") -> list[str]:
        qtbot.mouseClick(panel.next_stage, Qt.MouseButton.LeftButton)
        dialog = panel.dialog
        assert dialog is not None
        offered = [dialog.stage.itemText(i) for i in range(dialog.stage.count())]
        dialog.stage.setCurrentIndex(offered.index(stage))
        qtbot.keyClicks(dialog.person, person)
        qtbot.keyClicks(dialog.details, details)
        after_recording(
            qtbot, widget, lambda: qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        )
        return offered

    assert next_stage("Offered", "Sgt. Brooks") == ["Offered"]
    clock.advance(timedelta(minutes=10))
    qtbot.waitUntil(lambda: len(panel.line_texts()) == 1, timeout=10_000)
    offered = next_stage("Requested by the victim", "Sgt. Brooks")
    assert offered == ["Requested by the victim", "Declined by the victim"]
    assert "Advocate service contacted" not in offered  # not before it is requested
    clock.advance(timedelta(minutes=10))
    qtbot.waitUntil(lambda: len(panel.line_texts()) == 2, timeout=10_000)

    # Contacted without saying what the service was told: refused under that field.
    qtbot.mouseClick(panel.next_stage, Qt.MouseButton.LeftButton)
    dialog = panel.dialog
    assert dialog is not None
    assert dialog.stage_choices() == [AdvocateStatus.CONTACTED]
    qtbot.keyClicks(dialog.person, "Rape Crisis Line, Ms. Hart")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.errors["details"].isVisible(), timeout=10_000)
    assert "what information the advocate service was given" in dialog.errors["details"].text()
    snap(dialog, screenshot_dir, "step-panel-advocate-refused")
    qtbot.keyClicks(dialog.details, "Victim's name, facility, SANE exam at 06:00.")
    after_recording(
        qtbot, widget, lambda: qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    )
    qtbot.waitUntil(lambda: len(panel.line_texts()) == 3, timeout=10_000)
    lines = panel.line_texts()
    assert lines[0].startswith("Offered 22 Nov 2026 03:00: Sgt. Brooks, in person.")
    assert lines[1].startswith("Requested by the victim 22 Nov 2026 03:10")
    assert lines[2].startswith("Advocate service contacted 22 Nov 2026 03:20")
    assert lines[2].endswith("Information given: Victim's name, facility, SANE exam at 06:00.")
    snap(widget, screenshot_dir, "step-panel-advocate")


def test_clean_sheet_dialog_creates_the_sheet_and_each_piece_and_fills_the_numbers(
    qtbot: QtBot, supervisor: Workspace, clock: ManualClock, screenshot_dir: Path
) -> None:
    case = open_case(supervisor, report(clock)).summary.case_number
    widget = workflow_for(qtbot, supervisor, case)
    panel = panel_of(qtbot, widget, "clean_sheet")
    assert isinstance(panel, CleanSheetPanel)
    qtbot.waitUntil(panel.create_button.isEnabled, timeout=10_000)
    panel.create_button.setFocus()
    qtbot.keyClick(panel.create_button, Qt.Key.Key_Space)
    dialog = panel.dialog
    assert dialog is not None
    assert dialog.isVisible()
    assert dialog.person.currentText() == "José Álvarez"
    assert dialog.collected_by.currentText().startswith(supervisor.actor.display_name)
    qtbot.keyClicks(dialog.articles[0], "Grey T-shirt")
    qtbot.keyClick(dialog.add_article, Qt.Key.Key_Space)
    qtbot.keyClicks(dialog.articles[1], "Blue trousers")
    qtbot.keyClick(dialog.add_article, Qt.Key.Key_Space)
    qtbot.keyClicks(dialog.articles[2], "Socks")
    assert [line.accessibleName() for line in dialog.articles] == [
        "Piece of clothing 1",
        "Piece of clothing 2",
        "Piece of clothing 3",
    ]
    snap(dialog, screenshot_dir, "step-panel-clean-sheet-dialog")
    remove = dialog.articles[2].parentWidget().findChild(type(dialog.add_article))
    assert remove is not None
    qtbot.mouseClick(remove, Qt.MouseButton.LeftButton)
    assert [line.text() for line in dialog.articles] == ["Grey T-shirt", "Blue trousers"]

    page = widget.page
    assert page is not None
    with qtbot.waitSignal(page.field_saved, timeout=10_000):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    settled(qtbot, widget)
    items = evidence_view(supervisor, case)
    numbers = [item.item_number for item in items]
    assert len(numbers) == 3  # the sheet and the two pieces
    assert items[0].description.startswith("Clean sheet")
    joined = ", ".join(numbers)
    assert panel.line_texts() == [f"Created evidence items: {joined}"]
    assert page.editors["evidence_numbers"].value() == joined
    assert workflow.step_draft(supervisor, case, "clean_sheet")["evidence_numbers"] == joined
    snap(widget, screenshot_dir, "step-panel-clean-sheet")


def test_notification_steps_list_what_was_recorded(
    qtbot: QtBot, supervisor: Workspace, clock: ManualClock, screenshot_dir: Path
) -> None:
    case = open_case(supervisor, report(clock)).summary.case_number
    record_notification(
        supervisor,
        case,
        NotificationKind.WARDEN,
        method=NotificationMethod.PHONE,
        notified_at=clock.now(),
        person_name="Warden Ellis",
    )
    widget = workflow_for(qtbot, supervisor, case)
    panel = panel_of(qtbot, widget, "warden_notification")
    assert isinstance(panel, NotificationListPanel)
    qtbot.waitUntil(lambda: bool(panel.line_texts()), timeout=10_000)
    (line,) = panel.line_texts()
    assert line.startswith("Warden Ellis, by phone, at 22 Nov 2026 03:00")
    other = panel_of(qtbot, widget, "investigator_notification")
    qtbot.waitUntil(lambda: bool(other.line_texts()), timeout=10_000)
    assert other.line_texts() == ["None recorded yet."]


def test_consent_panel_shows_both_consents_side_by_side_in_words(
    qtbot: QtBot,
    supervisor: Workspace,
    clock: ManualClock,
    sign_in_as: Callable[[str], Workspace],
    screenshot_dir: Path,
) -> None:
    case = open_case(supervisor, report(clock)).summary.case_number
    medical = sign_in_as("med")
    victim = person_id(supervisor, case, "José Álvarez")
    record_medical(
        medical,
        case,
        victim,
        forensic_exam_consent=Consent.REFUSED,
        medical_care_consent=Consent.CONSENTED,
    )
    widget = workflow_for(qtbot, medical, case)
    panel = panel_of(qtbot, widget, "consent")
    assert isinstance(panel, ConsentPanel)
    qtbot.waitUntil(lambda: bool(panel.cell_texts()), timeout=10_000)
    cells = panel.cell_texts()
    assert cells[:5] == [
        "Forensic medical examination",
        "Medical care",
        "José Álvarez",
        "Refused",
        "Consented",
    ]
    snap(widget, screenshot_dir, "step-panel-consent")


def tab_order(start: QWidget, count: int = 200) -> list[QWidget]:
    """The widgets Tab visits from ``start``, in order (focusable ones only)."""
    order, widget = [], start
    for _ in range(count):
        widget = widget.nextInFocusChain()
        if widget is start:
            break
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.isVisibleTo(start.window()):
            order.append(widget)
    return order


def test_dry_cell_release_by_keyboard_only_and_the_panel_sits_in_the_tab_order(
    qtbot: QtBot, supervisor: Workspace, clock: ManualClock
) -> None:
    case = open_case(supervisor, report(clock)).summary.case_number
    stone = person_id(supervisor, case, "Mark Stone")
    place_in_dry_cell(supervisor, case, stone, "D-4", clock.now(), True, True, True)
    widget = workflow_for(qtbot, supervisor, case)
    panel = panel_of(qtbot, widget, "dry_cell")
    assert isinstance(panel, DryCellPanel)
    page = widget.page
    assert page is not None
    release = panel.release_buttons[panel.placements[0].id]
    # Tab goes from the step's fields to the panel, then on to "When it happened".
    order = tab_order(page.editors["released_at"].focusProxy())
    assert order.index(release) < order.index(page.when_edit.edit)
    assert release.accessibleName() == "Release Mark Stone from the dry cell"

    clock.advance(timedelta(hours=2))
    release.setFocus()
    qtbot.keyClick(release, Qt.Key.Key_Space)
    dialog = panel.dialog
    assert isinstance(dialog, ReleaseDialog)
    qtbot.keyClicks(dialog.reason, "Taken to hospital for the SANE exam")
    after_recording(qtbot, widget, lambda: qtbot.keyClick(dialog.reason, Qt.Key.Key_Return))
    qtbot.waitUntil(lambda: panel.placements[0].released_at is not None, timeout=10_000)
    assert panel.clock_text(panel.placements[0].id) == "Met: at 22 Nov 05:00 UTC"
