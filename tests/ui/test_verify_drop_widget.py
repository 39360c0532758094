"""Checking a PDF on the Documents tab: a signed document dropped on the panel is intact and
trusted; a copy changed after signing names the broken signature in words; a file that is not
a PDF is refused in words. Each check is in the audit trail."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from incident_desk.domain.clock import ManualClock
from incident_desk.services.document_export import ExportedDocument, export_documents
from incident_desk.services.workspace import Workspace
from incident_desk.ui.documents.verify_drop_widget import VerifyDropWidget
from incident_desk.ui.messages import documents as words
from tests.services.document_case import RecordedCase, record_full_case
from tests.services.test_first_response import audited_events
from tests.ui.documents_support import WAIT_MS, screen_for, settle, snap


@pytest.fixture
def case(supervisor: Workspace, clock: ManualClock) -> RecordedCase:
    return record_full_case(supervisor, clock)


def drop(qtbot: QtBot, panel: VerifyDropWidget, path: Path) -> bool:
    """Drag ``path`` over the panel and drop it; True if the panel accepted the drag."""
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path))])
    point = panel.rect().center()
    enter = QDragEnterEvent(
        point,
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(panel, enter)
    if not enter.isAccepted():
        return False
    dropped = QDropEvent(
        QPointF(point),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(panel, dropped)
    return True


def exported_eor(
    supervisor: Workspace, case: RecordedCase, folder: Path
) -> tuple[ExportedDocument, Path]:
    (document,) = export_documents(supervisor, case.number, ["eor"])
    path = folder / document.filename
    path.write_bytes(document.pdf)
    return document, path


def test_a_dropped_signed_pdf_is_intact_and_trusted(
    qtbot: QtBot, supervisor: Workspace, case: RecordedCase, tmp_path: Path, screenshot_dir: Path
) -> None:
    _document, path = exported_eor(supervisor, case, tmp_path)
    screen = screen_for(qtbot, supervisor, case.number)
    before = audited_events(supervisor)
    with qtbot.waitSignal(screen.verify.checked, timeout=WAIT_MS) as checked:
        assert drop(qtbot, screen.verify, path)
    settle(qtbot, screen)
    assert checked.args == [True]
    assert screen.verify.summary.text() == words.VERIFY_ALL_GOOD.format(file=path.name, count=1)
    (lines,) = screen.verify.results_text()
    assert lines.splitlines() == [
        "Signature 1 of 1: Sgt. Dana Brooks",
        lines.splitlines()[1],
        words.INTACT_YES,
        words.TRUSTED_YES,
        words.CHANGES["none"],
    ]
    assert lines.splitlines()[1].startswith("Signed: 22 Nov 2026 ")
    assert audited_events(supervisor) == before + 1
    snap(screen, screenshot_dir, "documents-verify-intact")


def test_a_copy_changed_after_signing_names_the_broken_signature(
    qtbot: QtBot, supervisor: Workspace, case: RecordedCase, tmp_path: Path, screenshot_dir: Path
) -> None:
    document, _path = exported_eor(supervisor, case, tmp_path)
    tampered = document.pdf.replace(b"Incident Desk", b"Incident Dusk", 1)
    assert tampered != document.pdf
    assert len(tampered) == len(document.pdf)
    path = tmp_path / "changed-copy.pdf"
    path.write_bytes(tampered)
    screen = screen_for(qtbot, supervisor, case.number)
    with qtbot.waitSignal(screen.verify.checked, timeout=WAIT_MS) as checked:
        assert drop(qtbot, screen.verify, path)
    settle(qtbot, screen)
    assert checked.args == [False]
    assert screen.verify.problem.isVisible()
    assert screen.verify.problem.text() == words.VERIFY_BROKEN.format(file=path.name, count=1)
    (lines,) = screen.verify.results_text()
    shown = lines.splitlines()
    assert shown[0] == "PROBLEM \u2014 signature 1 of 1: Sgt. Dana Brooks"
    assert words.INTACT_NO in shown
    assert words.TRUSTED_YES in shown
    assert any(line.startswith("What is wrong: ") for line in shown)
    snap(screen, screenshot_dir, "documents-verify-tampered")


def test_files_that_are_not_pdfs_are_refused_in_words(
    qtbot: QtBot, supervisor: Workspace, case: RecordedCase, tmp_path: Path
) -> None:
    screen = screen_for(qtbot, supervisor, case.number)
    notes = tmp_path / "notes.txt"
    notes.write_text("not a PDF at all")
    with qtbot.waitSignal(screen.verify.failed, timeout=WAIT_MS) as failed:
        assert drop(qtbot, screen.verify, notes)
    assert failed.args[0].startswith("notes.txt could not be checked: This file is not a PDF")
    assert screen.verify.problem.isVisible()
    assert not screen.verify.results.isVisible()
    with qtbot.waitSignal(screen.verify.failed, timeout=WAIT_MS) as failed:
        screen.verify.verify_file(tmp_path)
    assert failed.args[0] == words.VERIFY_NOT_A_FILE.format(name=tmp_path.name)
