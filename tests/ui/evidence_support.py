"""Shared set-up of the evidence screen tests: real services bound to a real installation."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from incident_desk.case_screen_services import bind_evidence_services
from incident_desk.domain.clock import ManualClock
from incident_desk.domain.enums import EvidenceSource
from incident_desk.services.evidence import add_evidence
from incident_desk.services.evidence_views import (
    EvidenceItemView,
)
from incident_desk.services.workspace import Workspace
from incident_desk.ui.evidence.contact_picker_widget import ContactPickerWidget
from incident_desk.ui.evidence.evidence_widget import EvidenceWidget
from incident_desk.ui.widgets.background import BackgroundRunner
from incident_desk.ui.widgets.signature_pad_widget import SignatureCanvas

MINUTE = timedelta(minutes=1)


#: The binding the application uses.
services_for = bind_evidence_services


def screen_for(qtbot: QtBot, workspace: Workspace, case_number: str) -> EvidenceWidget:
    runner = BackgroundRunner()
    screen = EvidenceWidget(case_number, services_for(workspace), runner)
    runner.setParent(screen)
    qtbot.addWidget(screen)
    screen.resize(1366, 768)
    screen.show()
    settle(qtbot, screen)
    return screen


def settle(qtbot: QtBot, screen: EvidenceWidget) -> None:
    qtbot.waitUntil(lambda: not screen._runner.busy, timeout=20_000)
    QApplication.sendPostedEvents()
    QApplication.processEvents()


def log_item(
    workspace: Workspace, clock: ManualClock, case_number: str, description: str, **extra: str
) -> EvidenceItemView:
    collected = clock.now()
    clock.advance(5 * MINUTE)
    return add_evidence(
        workspace,
        case_number,
        description,
        EvidenceSource.SCENE,
        extra.get("found", "Shower stall 3"),
        workspace.actor.contact_id,
        collected,
        seal_number=extra.get("seal", "S-0001"),
        storage_location=extra.get("storage", "Evidence locker 2"),
    )


def sign(qtbot: QtBot, canvas: SignatureCanvas, points: list[tuple[int, int]]) -> None:
    left = Qt.MouseButton.LeftButton
    qtbot.mousePress(canvas, left, pos=QPoint(*points[0]))
    for x, y in points[1:]:
        qtbot.mouseMove(canvas, QPoint(x, y))
    qtbot.mouseRelease(canvas, left, pos=QPoint(*points[-1]))


def pick(qtbot: QtBot, picker: ContactPickerWidget, typed: str, label_starts: str) -> None:
    """Type part of a name, wait for the search, and choose the person from the results."""
    picker.search.setFocus()
    with qtbot.waitSignal(picker.searched, timeout=10_000):
        qtbot.keyClicks(picker.search, typed)
    for row in range(picker.results.count()):
        if picker.results.item(row).text().startswith(label_starts):
            picker.results.setCurrentRow(row)
            return
    raise AssertionError(f"{label_starts!r} not among the people found for {typed!r}")


def snap(widget: QWidget, screenshot_dir: Path, name: str) -> None:
    QApplication.sendPostedEvents()
    QApplication.processEvents()
    widget.grab().save(str(screenshot_dir / f"{name}.png"))
