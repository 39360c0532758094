"""The Documents tab on a real case: each form previewed before signing, signing after the
passphrase is typed again (in the background, with progress), the stored list, a second person
counter-signing, saving the stored bytes, people who may not produce forms, and the whole tab
used from the keyboard."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from incident_desk.documents.form_renderer import render_form
from incident_desk.domain.clock import ManualClock
from incident_desk.services.case_documents import document_contents
from incident_desk.services.document_export import document_pdf, export_documents, stored_documents
from incident_desk.services.workspace import Workspace
from incident_desk.storage.audit_log import decoded_events
from incident_desk.ui.documents.documents_widget import DocumentsWidget
from incident_desk.ui.documents.signing_confirm_dialog import SigningConfirmDialog
from incident_desk.ui.documents.stored_documents_model import (
    COL_COPY,
    COL_FORM,
    COL_ITEM,
    COL_SHA,
    COL_SIGNED_BY,
)
from incident_desk.ui.messages import documents as words
from tests.conftest import passphrase_of
from tests.services.document_case import RecordedCase, record_full_case
from tests.ui.access_keys import access_key_clashes
from tests.ui.documents_support import WAIT_MS, screen_for, settle, snap


@pytest.fixture
def case(supervisor: Workspace, clock: ManualClock) -> RecordedCase:
    return record_full_case(supervisor, clock)


def pdfinfo_pages(pdf: bytes, folder: Path, name: str) -> int:
    path = folder / name
    path.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True)
    (line,) = [line for line in info.stdout.splitlines() if line.startswith("Pages:")]
    return int(line.split()[1])


def cell(screen: DocumentsWidget, row: int, column: int) -> str:
    return str(screen.model.index(row, column).data())


def confirm(qtbot: QtBot, screen: DocumentsWidget, passphrase: str) -> SigningConfirmDialog:
    dialog = screen.dialog
    assert isinstance(dialog, SigningConfirmDialog)
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT_MS)
    dialog.passphrase.setFocus()
    qtbot.keyClicks(dialog.passphrase, passphrase)
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    return dialog


def test_each_form_is_previewed_before_signing_with_its_page_count(
    qtbot: QtBot,
    supervisor: Workspace,
    case: RecordedCase,
    tmp_path: Path,
    screenshot_dir: Path,
) -> None:
    expected = {
        (d.key, c.header.subject): pdfinfo_pages(render_form(d, c).pdf, tmp_path, f"{d.key}.pdf")
        for d, c in document_contents(supervisor, case.number)
    }
    screen = screen_for(qtbot, supervisor, case.number)
    assert screen.choice.ticked_forms() == [
        "eor",
        "allegation_report",
        "chain_of_evidence",
        "scene_entry_log",
        "first_response_record",
    ]
    assert screen.preview.caption.text() == words.PREVIEW_DRAFT.format(
        title="Extraordinary Occurrence Report", subject=""
    )
    assert screen.preview.page_count == expected[("eor", "")]
    assert screen.preview.page_label.text() == f"Page 1 of {expected[('eor', '')]}"
    assert screen.no_stored.isVisible()
    snap(screen, screenshot_dir, "documents-preview-before-signing")

    # Down the list: each row shows its own form, the chain of evidence one per item.
    seen = []
    screen.choice.tree.setFocus()
    for _ in range(5):
        with qtbot.waitSignal(screen.previewed, timeout=WAIT_MS) as shown:
            qtbot.keyClick(screen.choice.tree, Qt.Key.Key_Down)
        seen.append((screen.preview.caption.text(), shown.args[0]))
    chain = f", item {case.item_number}"
    assert seen == [
        (
            words.PREVIEW_DRAFT.format(
                title="Sexual Offense Allegation Reporting Form \u2014 Section One", subject=""
            ),
            expected[("allegation_report", "")],
        ),
        (
            words.PREVIEW_DRAFT.format(title="Chain of Evidence", subject=chain),
            expected[("chain_of_evidence", case.item_number)],
        ),
        (
            words.PREVIEW_DRAFT.format(title="Chain of Evidence", subject=chain),
            expected[("chain_of_evidence", case.item_number)],
        ),
        (
            words.PREVIEW_DRAFT.format(title="Crime Scene Entry Log", subject=""),
            expected[("scene_entry_log", "")],
        ),
        (
            words.PREVIEW_DRAFT.format(title="First Response Record", subject=""),
            expected[("first_response_record", "")],
        ),
    ]
    # Page by page from the keyboard, and zoom.
    count = screen.preview.page_count
    assert count >= 2
    screen.preview.view.setFocus()
    qtbot.keyClick(screen.preview.view, Qt.Key.Key_PageDown)
    assert screen.preview.page_label.text() == f"Page 2 of {count}"
    assert screen.preview.previous_button.isEnabled()
    qtbot.keyClick(screen.preview.view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert screen.preview.zoom_label.text() != words.ZOOM_FITTED
    qtbot.keyClick(screen.preview.view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert screen.preview.zoom_label.text() == words.ZOOM_FITTED
    qtbot.wait(500)  # QPdfView draws its pages in the background
    snap(screen, screenshot_dir, "documents-preview-page-2")
    # Previewing signs and stores nothing.
    assert stored_documents(supervisor, case.number) == ()


def test_signing_asks_for_the_passphrase_runs_in_the_background_and_lists_the_documents(
    qtbot: QtBot,
    supervisor: Workspace,
    case: RecordedCase,
    screenshot_dir: Path,
) -> None:
    screen = screen_for(qtbot, supervisor, case.number)
    for form in ("allegation_report", "scene_entry_log", "first_response_record"):
        screen.choice.set_ticked(form, False)
    assert screen.choice.ticked_forms() == ["eor", "chain_of_evidence"]
    qtbot.mouseClick(screen.sign_button, Qt.MouseButton.LeftButton)
    dialog = screen.dialog
    assert isinstance(dialog, SigningConfirmDialog)
    intro = dialog.findChildren(type(screen.status))[0].text()
    assert "Sgt. Dana Brooks" in intro
    assert f"2 form(s) of case {case.number}" in intro
    snap(dialog, screenshot_dir, "documents-confirm-signature")

    # A wrong passphrase signs nothing and says so; the dialog stays open.
    confirm(qtbot, screen, "not my passphrase")
    qtbot.waitUntil(dialog.message.isVisible, timeout=WAIT_MS)
    assert dialog.message.text() == words.WRONG_PASSPHRASE
    assert dialog.isVisible()
    assert dialog.passphrase.text() == ""
    assert stored_documents(supervisor, case.number) == ()
    snap(dialog, screenshot_dir, "documents-confirm-wrong-passphrase")

    with qtbot.waitSignal(screen.exported, timeout=WAIT_MS) as exported:
        confirm(qtbot, screen, passphrase_of("sup"))
        qtbot.waitUntil(screen.progress_bar.isVisible, timeout=WAIT_MS)
        assert screen.status.text() == words.SIGNING.format(total=2)
        snap(screen, screenshot_dir, "documents-signing-in-progress")
    assert len(exported.args[0]) == 2
    settle(qtbot, screen)
    assert not screen.progress_bar.isVisible()
    assert screen.status.text().startswith("Signed and stored 2 document(s)")
    assert screen.model.rowCount() == 2
    assert not screen.no_stored.isVisible()
    # Newest first; the chain of evidence form names its item.
    assert cell(screen, 0, COL_FORM) == "Chain of Evidence"
    assert cell(screen, 0, COL_ITEM) == case.item_number.removeprefix(f"{case.number}-") == "E001"
    assert cell(screen, 1, COL_FORM) == "Extraordinary Occurrence Report"
    assert cell(screen, 1, COL_ITEM) == words.NO_ITEM
    stored = {d.id: d for d in stored_documents(supervisor, case.number)}
    newest = max(stored)
    assert cell(screen, 0, COL_SHA) == stored[newest].sha256[:12]
    assert cell(screen, 0, COL_SIGNED_BY) == "Sgt. Dana Brooks"
    assert cell(screen, 0, COL_COPY) == f"#{newest} {words.CURRENT}"
    # The new document is selected and shown, signed.
    qtbot.waitUntil(
        lambda: screen.preview.caption.text().startswith("Stored document"), timeout=WAIT_MS
    )
    assert screen.preview.caption.text() == words.PREVIEW_STORED.format(
        id=newest, signers="Sgt. Dana Brooks", file=stored[newest].filename
    )
    assert screen.preview.page_count >= 1
    snap(screen, screenshot_dir, "documents-signed-and-stored")


def test_a_second_person_countersigns_and_the_first_copy_shows_as_replaced(
    qtbot: QtBot,
    sign_in_as: Callable[[str], Workspace],
    clock: ManualClock,
    screenshot_dir: Path,
) -> None:
    supervisor = sign_in_as("sup")
    case = record_full_case(supervisor, clock)
    (first,) = export_documents(supervisor, case.number, ["eor"])
    clock.advance(timedelta(minutes=10))
    warden = sign_in_as("warden")
    screen = screen_for(qtbot, warden, case.number)
    assert screen.model.rowCount() == 1
    screen.select_stored(0)
    settle(qtbot, screen)
    assert screen.countersign_button.isEnabled()
    qtbot.mouseClick(screen.countersign_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(screen.countersigned, timeout=WAIT_MS) as signed:
        confirm(qtbot, screen, passphrase_of("warden"))
    settle(qtbot, screen)
    second = signed.args[0]
    assert screen.status.text() == words.COUNTERSIGNED.format(file=first.filename, id=second)
    assert screen.model.rowCount() == 2
    assert cell(screen, 0, COL_SIGNED_BY) == "Sgt. Dana Brooks, Warden Sam Hale"
    assert cell(screen, 0, COL_COPY) == f"#{second} {words.CURRENT}"
    assert cell(screen, 1, COL_COPY) == f"#{first.id} " + words.REPLACED.format(id=second)
    # The replaced copy cannot be signed again: every signature goes on the same copy.
    assert screen.current_stored() is not None
    assert screen.current_stored().id == second  # type: ignore[union-attr]
    screen.select_stored(1)
    assert not screen.countersign_button.isEnabled()
    settle(qtbot, screen)
    snap(screen, screenshot_dir, "documents-countersigned")
    # Signing one's own document again is refused in words, and nothing is stored.
    screen.select_stored(0)
    qtbot.mouseClick(screen.countersign_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(screen.refused, timeout=WAIT_MS) as refused:
        confirm(qtbot, screen, passphrase_of("warden"))
    assert "already signed" in refused.args[0]
    assert screen.failure.isVisible()
    assert len(stored_documents(warden, case.number)) == 2


def test_saving_writes_exactly_the_stored_bytes_to_the_chosen_file(
    qtbot: QtBot, supervisor: Workspace, case: RecordedCase, tmp_path: Path
) -> None:
    exported = export_documents(supervisor, case.number, ["eor", "scene_entry_log"])
    screen = screen_for(qtbot, supervisor, case.number)
    screen.select_stored(screen.model.row_of(exported[0].id) or 0)
    target = tmp_path / "chosen" / "eor-copy.pdf"
    target.parent.mkdir()
    with qtbot.waitSignal(screen.saved, timeout=WAIT_MS):
        screen.save_to(target)
    assert target.read_bytes() == document_pdf(supervisor, exported[0].id) == exported[0].pdf
    assert str(target) in screen.status.text()
    # The copy outside the record is on record, once.
    with supervisor.database.engine.connect() as connection:
        saves = [e for e in decoded_events(connection) if e.action == "save_document"]
    assert [(e.entity, e.entity_id) for e in saves] == [("generated_document", str(exported[0].id))]
    # A place that cannot be written: said in words, nothing else changes.
    with qtbot.waitSignal(screen.refused, timeout=WAIT_MS) as refused:
        screen.save_to(tmp_path / "no-such-folder" / "eor.pdf")
    assert refused.args[0].startswith("The file could not be saved:")
    assert "Choose another place" in refused.args[0]


def test_people_who_do_not_produce_forms_are_told_so(
    qtbot: QtBot, sign_in_as: Callable[[str], Workspace], clock: ManualClock
) -> None:
    case = record_full_case(sign_in_as("sup"), clock)
    screen = screen_for(qtbot, sign_in_as("fr"), case.number)
    assert screen.failure.isVisible()
    assert screen.failure.text().startswith("The forms could not be loaded:")
    assert not screen.sign_button.isEnabled()


def test_the_whole_tab_works_from_the_keyboard(
    qtbot: QtBot, supervisor: Workspace, case: RecordedCase, screenshot_dir: Path
) -> None:
    screen = screen_for(qtbot, supervisor, case.number)
    screen.activateWindow()
    assert access_key_clashes(screen) == {}
    tree = screen.choice.tree
    tree.setFocus()
    # Space unticks the form with the focus; Down moves to the next.
    qtbot.keyClick(tree, Qt.Key.Key_Space)
    qtbot.keyClick(tree, Qt.Key.Key_Down)
    qtbot.keyClick(tree, Qt.Key.Key_Space)
    assert screen.choice.ticked_forms() == [
        "chain_of_evidence",
        "scene_entry_log",
        "first_response_record",
    ]
    for _ in range(3):  # past the chain of evidence and its item, to the scene entry log
        qtbot.keyClick(tree, Qt.Key.Key_Down)
    qtbot.keyClick(tree, Qt.Key.Key_Space)
    qtbot.keyClick(tree, Qt.Key.Key_Down)
    qtbot.keyClick(tree, Qt.Key.Key_Space)
    assert screen.choice.ticked_forms() == ["chain_of_evidence"]
    settle(qtbot, screen)
    # Tab goes on to the sign button; Space presses it.
    qtbot.keyClick(tree, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is screen.sign_button
    qtbot.keyClick(screen.sign_button, Qt.Key.Key_Space)
    dialog = screen.dialog
    assert isinstance(dialog, SigningConfirmDialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.passphrase, timeout=WAIT_MS)
    with qtbot.waitSignal(screen.exported, timeout=WAIT_MS):
        qtbot.keyClicks(dialog.passphrase, passphrase_of("sup"))
        qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    settle(qtbot, screen)
    assert screen.model.rowCount() == 1
    # The focus goes to the stored list, on the new document; then its buttons, by Tab alone.
    assert QApplication.focusWidget() is screen.table
    assert screen.current_stored() is not None
    order = []
    for _ in range(5):
        widget = QApplication.focusWidget()
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
        order.append(QApplication.focusWidget())
    assert order == [
        screen.countersign_button,
        screen.save_button,
        screen.print_button,
        screen.print_chain_button,
        screen.verify.choose_button,
    ]
    # Alt+U counter-signs: refused in words, for this person signed it already.
    qtbot.waitUntil(lambda: QApplication.activeWindow() is screen, timeout=WAIT_MS)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_U, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: screen.dialog is not None, timeout=WAIT_MS)  # an animated click
    with qtbot.waitSignal(screen.refused, timeout=WAIT_MS):
        confirm(qtbot, screen, passphrase_of("sup"))
    assert "already signed" in screen.failure.text()
    assert screen.sign_button.isEnabled()
    assert screen.countersign_button.isEnabled()
    snap(screen, screenshot_dir, "documents-keyboard-refused")
