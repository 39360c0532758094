"""Hand-overs and dispositions through their dialogs, on a real case: two drawn signatures that
come back stroke for stroke, and every refusal of the chain of custody shown in words."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from incident_desk.domain.clock import ManualClock
from incident_desk.domain.enums import CustodyAction
from incident_desk.domain.validation import MSG_TRANSFER_BEFORE_PREVIOUS, format_moment
from incident_desk.services.contacts import MSG_UNKNOWN_CONTACT, ContactSnapshot, add_contact
from incident_desk.services.custody import transfer_custody
from incident_desk.services.custody_corrections import correct_custody_transfer
from incident_desk.services.custody_messages import MSG_CHAIN_ENDED, MSG_NOT_CUSTODIAN
from incident_desk.services.evidence_views import EvidenceItemView, custody_signatures
from incident_desk.services.investigation import assign_investigator
from incident_desk.services.workspace import Workspace
from incident_desk.ui.evidence.custody_transfer_dialog import CustodyTransferDialog
from incident_desk.ui.evidence.disposition_dialog import DispositionDialog
from incident_desk.ui.evidence.evidence_widget import EvidenceWidget
from incident_desk.ui.messages import evidence as words
from tests.services.custody_support import new_case
from tests.ui.evidence_support import MINUTE, log_item, pick, screen_for, settle, sign, snap

SENDER_STROKES = [(20, 70), (60, 30), (100, 90), (150, 40), (210, 80)]
RECEIVER_STROKES = [(30, 50), (90, 90), (160, 35)]


@pytest.fixture
def case(supervisor: Workspace, clock: ManualClock) -> tuple[str, EvidenceItemView, int]:
    """A case with one bag held by the sergeant, and a trooper in the contacts list."""
    number = new_case(supervisor, clock)
    assign_investigator(supervisor, number, "inv")
    item = log_item(supervisor, clock, number, "Torn grey T-shirt")
    trooper = add_contact(supervisor, "Tpr. Ann Lee", "Kentucky State Police", "Trooper").id
    return number, item, trooper


def open_transfer(qtbot: QtBot, screen: EvidenceWidget) -> CustodyTransferDialog:
    qtbot.mouseClick(screen.transfer_button, Qt.MouseButton.LeftButton)
    dialog = screen.dialog
    assert isinstance(dialog, CustodyTransferDialog)
    qtbot.waitExposed(dialog)
    return dialog


def fill_and_sign(qtbot: QtBot, dialog: CustodyTransferDialog, purpose: str) -> None:
    pick(qtbot, dialog.receiver, "ann", "Tpr. Ann Lee")
    qtbot.keyClicks(dialog.purpose, purpose)
    sign(qtbot, dialog.sender_pad.canvas, SENDER_STROKES)
    sign(qtbot, dialog.receiver_pad.canvas, RECEIVER_STROKES)


def record(qtbot: QtBot, screen: EvidenceWidget, dialog: CustodyTransferDialog) -> None:
    qtbot.mouseClick(dialog.record_button, Qt.MouseButton.LeftButton)
    settle(qtbot, screen)


def test_a_hand_over_signed_by_both_is_stored_and_drawn_back(
    qtbot: QtBot,
    supervisor: Workspace,
    clock: ManualClock,
    case: tuple[str, EvidenceItemView, int],
    screenshot_dir: Path,
) -> None:
    number, item, _trooper = case
    screen = screen_for(qtbot, supervisor, number)
    dialog = open_transfer(qtbot, screen)
    assert dialog.from_text.text().startswith("Sgt. Dana Brooks, shift supervisor")
    fill_and_sign(qtbot, dialog, "To the KSP lab for analysis")
    drawn_sender, drawn_receiver = dialog.sender_pad.strokes(), dialog.receiver_pad.strokes()
    snap(dialog, screenshot_dir, "custody-transfer-signed")
    with (
        qtbot.waitSignal(screen.extras_shown, timeout=10_000),
        qtbot.waitSignal(screen.recorded, timeout=10_000),
    ):
        qtbot.mouseClick(dialog.record_button, Qt.MouseButton.LeftButton)
    settle(qtbot, screen)
    assert screen.dialog is None
    current = screen.current_item()
    assert current is not None
    assert current.custodian is not None
    assert current.custodian.name == "Tpr. Ann Lee"
    # Stored stroke for stroke...
    link = current.chain[-1]
    assert link.from_signature is not None
    assert link.to_signature is not None
    stored = custody_signatures(supervisor, item.id)
    assert [list(map(list, s)) for s in stored[link.from_signature.id].strokes] == drawn_sender
    assert [list(map(list, s)) for s in stored[link.to_signature.id].strokes] == drawn_receiver
    assert stored[link.from_signature.id].intact
    # ...and drawn back from those vectors in the history.
    entry = screen.detail.history.entries[-1]
    assert entry.title.text() == "2. Handed over \u2014 22 Nov 2026 03:05 UTC"
    assert [line.text() for line in entry.lines][:2] == [
        "From Sgt. Dana Brooks to Tpr. Ann Lee",
        "Purpose: To the KSP lab for analysis",
    ]
    sender_view, receiver_view = entry.signatures
    assert sender_view.strokes() == drawn_sender
    assert receiver_view.strokes() == drawn_receiver
    assert sender_view.accessibleName() == "Drawn signature of Sgt. Dana Brooks"
    snap(screen, screenshot_dir, "custody-history-signed")


def test_a_hand_over_needs_both_signatures_and_a_known_receiver(
    qtbot: QtBot,
    supervisor: Workspace,
    case: tuple[str, EvidenceItemView, int],
    screenshot_dir: Path,
) -> None:
    number, _item, _trooper = case
    screen = screen_for(qtbot, supervisor, number)
    dialog = open_transfer(qtbot, screen)
    # A name typed but nobody picked: refused before anything is sent.
    qtbot.keyClicks(dialog.receiver.search, "Courier Bob")
    qtbot.keyClicks(dialog.purpose, "To the lab")
    sign(qtbot, dialog.sender_pad.canvas, SENDER_STROKES)
    record(qtbot, screen, dialog)
    assert dialog.isVisible()
    assert dialog.errors["to_contact_id"].text() == words.CONTACT_NOT_PICKED.format(
        what=words.TRANSFER_RECEIVER_WORD, typed="Courier Bob"
    )
    assert dialog.errors["to_signature"].text() == words.TRANSFER_MISSING_RECEIVER
    assert not dialog.errors["from_signature"].isVisible()
    assert dialog.sender_pad.is_signed()  # what was drawn stays
    snap(dialog, screenshot_dir, "custody-transfer-refused")
    # A contact that no longer exists (a stale pick): the service's words are shown.
    dialog.receiver.set_contact(ContactSnapshot(4242, "Someone", "Gone", "", "", "", None))
    sign(qtbot, dialog.receiver_pad.canvas, RECEIVER_STROKES)
    with qtbot.waitSignal(dialog.refused, timeout=10_000):
        qtbot.mouseClick(dialog.record_button, Qt.MouseButton.LeftButton)
    settle(qtbot, screen)
    assert dialog.errors["to_contact_id"].text() == MSG_UNKNOWN_CONTACT.format(contact_id=4242)
    # The courier is added inline, picked, and the hand-over goes through.
    dialog.receiver.set_contact(None)
    dialog.receiver.search.setText("Courier Bob")
    qtbot.mouseClick(dialog.receiver.add_button, Qt.MouseButton.LeftButton)
    assert dialog.receiver.new_form.isVisible()
    assert dialog.receiver.new_name.text() == "Courier Bob"
    qtbot.keyClicks(dialog.receiver.new_agency, "Kentucky State Police Lab")
    qtbot.mouseClick(dialog.receiver.new_save, Qt.MouseButton.LeftButton)
    settle(qtbot, screen)
    assert dialog.receiver.contact() is not None
    assert dialog.receiver.contact().name == "Courier Bob"
    with qtbot.waitSignal(screen.recorded, timeout=10_000):
        qtbot.mouseClick(dialog.record_button, Qt.MouseButton.LeftButton)
    settle(qtbot, screen)
    assert screen.current_item().custodian.name == "Courier Bob"


def test_only_the_current_holder_can_hand_over(
    qtbot: QtBot,
    supervisor: Workspace,
    clock: ManualClock,
    case: tuple[str, EvidenceItemView, int],
    screenshot_dir: Path,
) -> None:
    number, item, _trooper = case
    screen = screen_for(qtbot, supervisor, number)
    dialog = open_transfer(qtbot, screen)
    fill_and_sign(qtbot, dialog, "To the KSP lab")
    # Meanwhile, at another desk, the sergeant gave the bag to a lab courier.
    courier = add_contact(supervisor, "Courier Bob", "KSP Lab", "Courier").id
    transfer_custody(supervisor, item.id, supervisor.actor.contact_id, courier, None, "Lab run")
    with qtbot.waitSignal(dialog.refused, timeout=10_000):
        qtbot.mouseClick(dialog.record_button, Qt.MouseButton.LeftButton)
    settle(qtbot, screen)
    expected = MSG_NOT_CUSTODIAN.format(
        item=item.item_number,
        custodian="Courier Bob",
        since=format_moment(clock.now()),
        sender="Sgt. Dana Brooks",
    )
    assert dialog.errors["from_contact_id"].text() == expected
    assert dialog.summary.text() == words.SUMMARY_REFUSED.format(text=expected)
    assert dialog.receiver_pad.is_signed()
    assert dialog.purpose.text() == "To the KSP lab"
    snap(dialog, screenshot_dir, "custody-transfer-not-holder")


def test_a_hand_over_earlier_than_the_previous_one_is_refused(
    qtbot: QtBot,
    supervisor: Workspace,
    clock: ManualClock,
    case: tuple[str, EvidenceItemView, int],
) -> None:
    number, item, _trooper = case
    screen = screen_for(qtbot, supervisor, number)
    dialog = open_transfer(qtbot, screen)
    fill_and_sign(qtbot, dialog, "To the KSP lab")
    earlier = item.collected_at - 10 * MINUTE
    dialog.when.set_moment(earlier)
    with qtbot.waitSignal(dialog.refused, timeout=10_000):
        qtbot.mouseClick(dialog.record_button, Qt.MouseButton.LeftButton)
    settle(qtbot, screen)
    assert dialog.errors["transferred_at"].isVisible()
    assert dialog.errors["transferred_at"].text() == MSG_TRANSFER_BEFORE_PREVIOUS.format(
        transferred=format_moment(earlier), previous=format_moment(item.collected_at)
    )
    assert len(screen.current_item().chain) == 1


def test_after_a_release_nothing_more_is_handed_over(
    qtbot: QtBot,
    sign_in_as: Callable[[str], Workspace],
    supervisor: Workspace,
    clock: ManualClock,
    case: tuple[str, EvidenceItemView, int],
    screenshot_dir: Path,
) -> None:
    number, item, trooper = case
    transfer_custody(supervisor, item.id, supervisor.actor.contact_id, trooper, None, "To KSP")
    investigator = sign_in_as("inv")
    sergeant_screen = screen_for(qtbot, supervisor, number)
    late = open_transfer(qtbot, sergeant_screen)  # opened before the release
    screen = screen_for(qtbot, investigator, number)
    qtbot.mouseClick(screen.dispose_button, Qt.MouseButton.LeftButton)
    dialog = screen.dialog
    assert isinstance(dialog, DispositionDialog)
    # Nothing chosen: refused on the form.
    qtbot.mouseClick(dialog.record_button, Qt.MouseButton.LeftButton)
    assert dialog.errors["action"].text() == words.DISPOSE_CHOOSE_MISSING
    dialog.action.setCurrentIndex(dialog.action.findData(CustodyAction.RELEASED))
    qtbot.keyClicks(dialog.to, "Kentucky State Police lab")
    qtbot.keyClicks(dialog.purpose, "Analysis; kept by the lab")
    sign(qtbot, dialog.pad.canvas, RECEIVER_STROKES)
    snap(dialog, screenshot_dir, "custody-disposition")
    with qtbot.waitSignal(screen.recorded, timeout=10_000):
        qtbot.mouseClick(dialog.record_button, Qt.MouseButton.LeftButton)
    settle(qtbot, screen)
    current = screen.current_item()
    assert current.custodian is None
    assert current.disposition is not None
    assert not screen.transfer_button.isEnabled()
    assert not screen.dispose_button.isEnabled()
    assert screen.detail.ended.isVisible()
    assert "released" in screen.detail.ended.text()
    assert screen.detail.history.entries[-1].lines[0].text() == (
        "Released by Tpr. Ann Lee to Kentucky State Police lab"
    )
    snap(screen, screenshot_dir, "custody-released")
    # The hand-over form opened before the release is refused with the reason.
    pick(qtbot, late.receiver, "brooks", "Sgt. Dana Brooks")
    qtbot.keyClicks(late.purpose, "Back to the locker")
    sign(qtbot, late.sender_pad.canvas, SENDER_STROKES)
    sign(qtbot, late.receiver_pad.canvas, RECEIVER_STROKES)
    with qtbot.waitSignal(late.refused, timeout=10_000):
        qtbot.mouseClick(late.record_button, Qt.MouseButton.LeftButton)
    settle(qtbot, sergeant_screen)
    assert late.summary.text() == words.SUMMARY_REFUSED.format(
        text=MSG_CHAIN_ENDED.format(
            item=item.item_number,
            action="released",
            moment=format_moment(clock.now()),
            to=" (Kentucky State Police lab)",
        )
    )


def test_a_corrected_link_is_shown_as_a_correction(
    qtbot: QtBot,
    supervisor: Workspace,
    clock: ManualClock,
    case: tuple[str, EvidenceItemView, int],
    screenshot_dir: Path,
) -> None:
    number, item, trooper = case
    view = transfer_custody(
        supervisor, item.id, supervisor.actor.contact_id, trooper, None, "To the lab"
    )
    clock.advance(MINUTE)
    correct_custody_transfer(
        supervisor, view.chain[-1].id, reason="Typed the wrong purpose", purpose="To the KSP lab"
    )
    screen = screen_for(qtbot, supervisor, number)
    entries = screen.detail.history.entries
    assert len(entries) == 3
    original, correction = entries[1], entries[2]
    assert original.title.font().strikeOut()
    assert [mark.text() for mark in original.marks] == [
        words.LINK_SUPERSEDED.format(newer=correction.link.id)
    ]
    assert [mark.text() for mark in correction.marks] == [
        words.LINK_CORRECTION.format(original=original.link.id, reason="Typed the wrong purpose")
    ]
    assert not correction.title.font().strikeOut()
    assert "Purpose: To the KSP lab" in [line.text() for line in correction.lines]
    snap(screen, screenshot_dir, "custody-correction")
