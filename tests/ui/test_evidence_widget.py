"""The evidence screen on a real case: items, photos, clean-sheet items, scanning, labels, and the
chain of custody checked against the audit trail (then tampered with)."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import zxingcpp
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from incident_desk.domain.clock import ManualClock
from incident_desk.domain.enums import EvidenceSource, PersonRole
from incident_desk.services.cases import get_case
from incident_desk.services.contacts import add_contact
from incident_desk.services.custody import transfer_custody
from incident_desk.services.custody_verification import MSG_ROW_CHANGED
from incident_desk.services.evidence import CLEAN_SHEET_FOUND_AT, add_clean_sheet_evidence
from incident_desk.services.evidence_views import evidence_view
from incident_desk.services.workspace import Workspace
from incident_desk.ui.evidence.evidence_item_dialog import EvidenceItemDialog
from incident_desk.ui.evidence.evidence_item_model import COL_HOLDER, COL_ITEM, COL_STATUS
from incident_desk.ui.evidence.label_printer import print_labels
from incident_desk.ui.messages import evidence as words
from tests.services.custody_support import new_case
from tests.ui.evidence_support import MINUTE, log_item, screen_for, settle, snap

SIGNATURE = [[[0, 0, 0], [12.5, 4.75, 16], [30, 9, 40]]]


def cell(screen, row: int, column: int) -> str:  # type: ignore[no-untyped-def]
    return str(screen.model.index(row, column).data())


def decode(pdf: Path, folder: Path) -> list[dict[str, str]]:
    subprocess.run(["pdftoppm", "-r", "300", "-png", str(pdf), str(folder / "p")], check=True)
    pages = []
    for image in sorted(folder.glob("p-*.png")):
        found = zxingcpp.read_barcodes(Image.open(image))
        pages.append({result.format.name: result.text for result in found})
    return pages


def test_items_show_with_their_holder_and_a_verified_chain(
    qtbot: QtBot, supervisor: Workspace, clock: ManualClock, screenshot_dir: Path
) -> None:
    number = new_case(supervisor, clock)
    first = log_item(supervisor, clock, number, "Torn grey T-shirt")
    log_item(supervisor, clock, number, "Blue towel", seal="S-0002")
    screen = screen_for(qtbot, supervisor, number)
    assert screen.model.rowCount() == 2
    assert cell(screen, 0, COL_ITEM) == first.item_number == f"{number}-E001"
    assert cell(screen, 0, COL_HOLDER) == "Sgt. Dana Brooks"
    assert cell(screen, 1, COL_STATUS) == words.STATUS_HELD
    qtbot.waitUntil(lambda: screen.chain_status.text() != words.CHAIN_CHECKING, timeout=10_000)
    assert screen.chain_status.isVisible()
    assert screen.chain_status.text() == words.CHAIN_VERIFIED.format(rows=4)
    assert not screen.chain_problem.isVisible()
    detail = screen.detail
    assert detail.heading.text() == f"{first.item_number}: Torn grey T-shirt"
    assert detail.fields["seal"].text() == "S-0001"
    assert detail.fields["storage"].text() == "Evidence locker 2"
    assert detail.fields["found"].text() == "Shower stall 3"
    assert not detail.policy.isVisible()
    assert [entry.title.text() for entry in detail.history.entries] == [
        "1. Collected \u2014 22 Nov 2026 03:00 UTC"
    ]
    snap(screen, screenshot_dir, "evidence-screen")


def write_photo(path: Path) -> bytes:
    image = QImage(64, 48, QImage.Format.Format_RGB32)
    image.fill(QColor(200, 40, 40))
    assert image.save(str(path), "PNG")
    return path.read_bytes()


def test_a_new_item_is_logged_with_every_field_and_a_photo(
    qtbot: QtBot,
    supervisor: Workspace,
    clock: ManualClock,
    screenshot_dir: Path,
    tmp_path: Path,
) -> None:
    number = new_case(supervisor, clock)
    screen = screen_for(qtbot, supervisor, number)
    assert screen.status.text() == words.NO_ITEMS
    qtbot.mouseClick(screen.new_button, Qt.MouseButton.LeftButton)
    dialog = screen.dialog
    assert isinstance(dialog, EvidenceItemDialog)
    # The signed-in supervisor collected it, unless someone else is picked.
    assert dialog.collector.contact() is not None
    assert dialog.collector.contact().name == "Sgt. Dana Brooks"
    # Without a description it is refused, under the field, and nothing typed is lost.
    qtbot.keyClicks(dialog.found, "Cell B-12, under the bunk")
    qtbot.mouseClick(dialog.record_button, Qt.MouseButton.LeftButton)
    settle(qtbot, screen)
    assert dialog.isVisible()
    assert dialog.errors["description"].isVisible()
    assert "what the item is" in dialog.errors["description"].text().lower()
    assert dialog.found.text() == "Cell B-12, under the bunk"
    snap(dialog, screenshot_dir, "evidence-new-item-refused")
    qtbot.keyClicks(dialog.description, "Torn grey T-shirt")
    qtbot.keyClicks(dialog.seal, "S-7781")
    qtbot.keyClicks(dialog.storage, "Evidence locker 2")
    qtbot.keyClicks(dialog.condition, "Damp, torn at the collar")
    photo = write_photo(tmp_path / "shirt.png")
    dialog.add_photo_files([tmp_path / "shirt.png"])
    assert dialog.photo_list.count() == 1
    snap(dialog, screenshot_dir, "evidence-new-item")
    with qtbot.waitSignal(screen.recorded, timeout=10_000) as recorded:
        qtbot.mouseClick(dialog.record_button, Qt.MouseButton.LeftButton)
    assert recorded.args == [f"{number}-E001"]
    settle(qtbot, screen)
    qtbot.waitUntil(lambda: bool(screen.detail.photo_labels), timeout=10_000)
    settle(qtbot, screen)
    (item,) = evidence_view(supervisor, number)
    assert (item.description, item.seal_number, item.storage_location, item.condition) == (
        "Torn grey T-shirt",
        "S-7781",
        "Evidence locker 2",
        "Damp, torn at the collar",
    )
    # Opening the photo is audited while the chain is checked: the check still holds.
    assert screen.chain_status.text() == words.CHAIN_VERIFIED.format(rows=2)
    detail = screen.detail
    assert detail.fields["condition"].text() == "Damp, torn at the collar"
    assert detail.fields["packaging"].text() == "Paper bag"
    (thumbnail,) = detail.photo_labels
    assert thumbnail.pixmap() is not None
    assert not thumbnail.pixmap().isNull()
    assert thumbnail.accessibleName() == "shirt.png"
    assert len(photo) > 0
    snap(screen, screenshot_dir, "evidence-item-with-photo")


def test_clean_sheet_and_clothing_arrive_pre_filled(
    qtbot: QtBot, sign_in_as: Callable[[str], Workspace], clock: ManualClock, screenshot_dir: Path
) -> None:
    supervisor = sign_in_as("sup")
    number = new_case(supervisor, clock)
    nurse = sign_in_as("med")
    people = get_case(supervisor, number).summary.people
    victim = next(person.id for person in people if person.role is PersonRole.ALLEGED_VICTIM)
    add_clean_sheet_evidence(
        nurse,
        number,
        victim,
        nurse.actor.contact_id,
        None,
        ["grey sweatshirt", "blue jeans"],
        storage_location="Medical unit locker",
    )
    screen = screen_for(qtbot, nurse, number)
    assert [cell(screen, row, 1) for row in range(3)] == [
        "Clean sheet the alleged victim undressed over",
        "grey sweatshirt, worn by the alleged victim",
        "blue jeans, worn by the alleged victim",
    ]
    detail = screen.detail
    assert detail.fields["source"].text() == words.SOURCE_WORDS[EvidenceSource.CLEAN_SHEET]
    assert detail.fields["found"].text() == CLEAN_SHEET_FOUND_AT
    assert detail.fields["person"].text() == "The alleged victim"
    assert detail.policy.isVisible()
    assert detail.policy.text() == (
        "\u201cThe sheet along with the offender's clothing shall be collected as evidence and "
        "placed in a paper bag with an appropriate chain of evidence form attached.\u201d "
        "\u2014 CPP 14.7 G.5.a"
    )
    assert detail.fields["packaging"].text() == "Paper bag"
    assert detail.fields["storage"].text() == "Medical unit locker"
    assert detail.fields["collected"].text().startswith("22 Nov 2026 03:00 UTC by Nurse Kim Ørsted")
    assert "Ørsted" not in screen.labels()[0].description  # labels name roles, never people
    snap(screen, screenshot_dir, "evidence-clean-sheet")


def test_a_scanner_typing_a_label_and_enter_opens_the_item(
    qtbot: QtBot, supervisor: Workspace, clock: ManualClock, screenshot_dir: Path
) -> None:
    number = new_case(supervisor, clock)
    for description in ("Torn grey T-shirt", "Blue towel", "Bed sheet"):
        log_item(supervisor, clock, number, description)
    screen = screen_for(qtbot, supervisor, number)
    screen.table.setFocus()
    qtbot.keyClick(
        screen,
        Qt.Key.Key_B,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert screen.scan_field.hasFocus()
    with qtbot.waitSignal(screen.item_shown, timeout=10_000) as shown:
        qtbot.keyClicks(screen.scan_field, f"{number.lower()}-e003")  # scanners send any case
        qtbot.keyClick(screen.scan_field, Qt.Key.Key_Return)
    assert shown.args == [f"{number}-E003"]
    settle(qtbot, screen)
    assert screen.current_item().description == "Bed sheet"
    assert screen.detail.heading.text() == f"{number}-E003: Bed sheet"
    assert screen.scan_message.text() == words.SCAN_OPENED.format(item=f"{number}-E003")
    # The code in a printed chain of evidence form's footer opens its item too.
    footer = f"incident-desk|{number}|chain_of_evidence|2026.1|{number}-E002|sha256:ab|audit:cd"
    with qtbot.waitSignal(screen.item_shown, timeout=10_000) as shown:
        qtbot.keyClicks(screen.scan_field, footer)
        qtbot.keyClick(screen.scan_field, Qt.Key.Key_Return)
    assert shown.args == [f"{number}-E002"]
    settle(qtbot, screen)
    # The next scan replaces the text; an unknown label is named.
    with qtbot.waitSignal(screen.refused, timeout=10_000):
        qtbot.keyClicks(screen.scan_field, f"{number}-E099")
        qtbot.keyClick(screen.scan_field, Qt.Key.Key_Return)
    assert screen.scan_message.text() == (
        f"There is no evidence item {number}-E099. Check the number on the label."
    )
    assert screen.current_item().description == "Blue towel"  # the last item found stays
    snap(screen, screenshot_dir, "evidence-scanned")


def test_labels_print_and_save_with_codes_that_read_back(
    qtbot: QtBot, supervisor: Workspace, clock: ManualClock, tmp_path: Path, screenshot_dir: Path
) -> None:
    number = new_case(supervisor, clock)
    log_item(supervisor, clock, number, "Torn grey T-shirt")
    log_item(supervisor, clock, number, "Blue towel")
    screen = screen_for(qtbot, supervisor, number)
    screen.table.selectAll()
    labels = screen.labels()
    assert [label.item_number for label in labels] == [f"{number}-E001", f"{number}-E002"]
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printed = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(printed))
    print_labels(labels, printer)
    (tmp_path / "printed").mkdir()
    expected = [
        {"QRCode": f"{number}-E001", "Code128": f"{number}-E001"},
        {"QRCode": f"{number}-E002", "Code128": f"{number}-E002"},
    ]
    assert decode(printed, tmp_path / "printed") == expected
    saved = tmp_path / "saved.pdf"
    screen.save_labels(saved)
    assert screen.scan_message.text() == words.SAVED_LABELS.format(count=2, path=saved)
    (tmp_path / "saved").mkdir()
    assert decode(saved, tmp_path / "saved") == expected
    # One item selected: one label.
    screen.select_item(f"{number}-E002")
    assert [label.item_number for label in screen.labels()] == [f"{number}-E002"]
    Image.open(sorted((tmp_path / "printed").glob("p-*.png"))[0]).save(
        screenshot_dir / "evidence-label-printed.png"
    )


def test_fifty_hand_overs_verify_then_a_tampered_record_is_named(
    qtbot: QtBot, supervisor: Workspace, clock: ManualClock, screenshot_dir: Path
) -> None:
    number = new_case(supervisor, clock)
    sergeant = supervisor.actor.contact_id
    trooper = add_contact(supervisor, "Tpr. Ann Lee", "Kentucky State Police", "Trooper").id
    item = log_item(supervisor, clock, number, "Torn grey T-shirt")
    start = item.collected_at
    clock.advance(2 * 60 * MINUTE)
    holder, other = sergeant, trooper
    for step in range(1, 51):
        signature = SIGNATURE if step % 2 else None
        item = transfer_custody(
            supervisor,
            item.id,
            holder,
            other,
            start + step * MINUTE,
            f"Hand-over {step}",
            from_signature=signature,
            to_signature=signature,
        )
        holder, other = other, holder
    screen = screen_for(qtbot, supervisor, number)
    qtbot.waitUntil(lambda: screen.chain_status.text() != words.CHAIN_CHECKING, timeout=20_000)
    assert screen.chain_status.text() == words.CHAIN_VERIFIED.format(rows=1 + 51 + 50)
    assert len(screen.detail.history.entries) == 51
    settle(qtbot, screen)
    link = item.chain[30]
    with supervisor.database.engine.begin() as connection:
        connection.execute(
            text("UPDATE custody_transfer SET purpose = 'changed' WHERE id = :id"), {"id": link.id}
        )
    with qtbot.waitSignal(screen.verified, timeout=20_000) as verified:
        qtbot.mouseClick(screen.reload_button, Qt.MouseButton.LeftButton)
    assert verified.args == [False]
    settle(qtbot, screen)
    assert not screen.chain_status.isVisible()
    assert screen.chain_problem.isVisible()
    shown = screen.chain_problem.text()
    assert shown.startswith("\u2716 Chain of custody NOT verified. First problem: ")
    what = f"Custody record {link.id} of item {item.item_number}"
    assert what in shown
    assert MSG_ROW_CHANGED.split("{what}")[1].split("(event")[0] in shown
    snap(screen, screenshot_dir, "evidence-chain-tampered")
