"""Printing from the Documents tab into a PDF file (the same path a real printer takes): every
page of every chosen document, the chain of evidence forms with their bag labels in one job,
progress page by page, and each printed document in the audit trail."""

from __future__ import annotations

import subprocess
from pathlib import Path

from PIL import Image
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot

from incident_desk.documents.evidence_label import EvidenceLabel, render_labels
from incident_desk.domain.clock import ManualClock
from incident_desk.services.cases import get_case
from incident_desk.services.document_export import export_documents
from incident_desk.services.workspace import Workspace
from incident_desk.ui.documents.document_printer import PrintJob, page_total, print_job
from incident_desk.ui.messages import documents as words
from tests.services.document_case import record_full_case
from tests.ui.documents_support import WAIT_MS, screen_for, settle

LETTER = "612 x 792 pts"
LABEL = "288 x 144 pts"


def pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def page_sizes(path: Path) -> list[str]:
    """Each page's size as pdfinfo reads it, e.g. "612 x 792 pts"."""
    info = subprocess.run(
        ["pdfinfo", "-f", "1", "-l", "999", str(path)], check=True, capture_output=True, text=True
    ).stdout
    return [
        line.split(":", 1)[1].strip().split(" (")[0]
        for line in info.splitlines()
        if line.startswith("Page") and " size:" in line
    ]


def ink(path: Path, page: int) -> float:
    """The share of dark pixels on ``page`` (from 1), drawn by poppler at 30 dpi."""
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "30",
            "-gray",
            "-f",
            str(page),
            "-l",
            str(page),
            str(path),
            str(path.with_suffix("")),
        ],
        check=True,
    )
    (image,) = path.parent.glob(f"{path.stem}-*.pgm")
    histogram = Image.open(image).histogram()
    return sum(histogram[:128]) / sum(histogram)


def pages_of(pdf: bytes, folder: Path, name: str) -> int:
    path = folder / name
    path.write_bytes(pdf)
    return len(page_sizes(path))


def test_chosen_documents_print_every_page_and_are_audited(
    qtbot: QtBot, supervisor: Workspace, clock: ManualClock, tmp_path: Path
) -> None:
    case = record_full_case(supervisor, clock)
    eor, log = export_documents(supervisor, case.number, ["eor", "scene_entry_log"])
    expected = pages_of(eor.pdf, tmp_path, "eor.pdf") + pages_of(log.pdf, tmp_path, "log.pdf")
    screen = screen_for(qtbot, supervisor, case.number)
    screen.table.selectAll()
    progress: list[tuple[int, int]] = []
    screen._printing.advanced.connect(lambda done, total: progress.append((done, total)))
    out = tmp_path / "printed.pdf"
    with qtbot.waitSignal(screen.printed, timeout=WAIT_MS) as printed:
        screen.print_selected(pdf_printer(out))
    settle(qtbot, screen)
    assert printed.args == [expected]
    assert page_sizes(out) == [LETTER] * expected
    assert progress == [(page, expected) for page in range(1, expected + 1)]
    assert screen.status.text() == words.PRINTED.format(pages=expected, documents=2, labels=0)
    assert ink(out, 1) > 0.005  # the form is on the page, not a blank sheet
    case_id = get_case(supervisor, case.number).summary.id
    with supervisor.read() as work:
        events = work.records.audit_events(case_id)
    printed_ids = sorted(int(e.entity_id) for e in events if e.action == "print_document")
    assert printed_ids == sorted([eor.id, log.id])


def test_chain_of_evidence_forms_and_bag_labels_print_in_one_action(
    qtbot: QtBot, supervisor: Workspace, clock: ManualClock, tmp_path: Path
) -> None:
    case = record_full_case(supervisor, clock)
    (chain,) = export_documents(supervisor, case.number, ["chain_of_evidence"])
    export_documents(supervisor, case.number, ["eor"])  # not part of the chain action
    form_pages = pages_of(chain.pdf, tmp_path, "chain.pdf")
    screen = screen_for(qtbot, supervisor, case.number)
    assert screen.print_chain_button.isEnabled()
    out = tmp_path / "chain-and-labels.pdf"
    with qtbot.waitSignal(screen.printed, timeout=WAIT_MS) as printed:
        screen.print_chain(pdf_printer(out))
    settle(qtbot, screen)
    assert printed.args == [form_pages + 1]
    assert page_sizes(out) == [LETTER] * form_pages + [LABEL]
    assert screen.status.text() == words.PRINTED.format(pages=form_pages + 1, documents=1, labels=1)


def test_a_print_job_counts_its_pages_before_printing(tmp_path: Path) -> None:
    labels = (EvidenceLabel("C-1", "C-1-E001", "Shirt"), EvidenceLabel("C-1", "C-1-E002", "Towel"))
    job = PrintJob((render_labels(labels),), labels)
    assert page_total(job) == 4
    out = tmp_path / "job.pdf"
    assert print_job(job, pdf_printer(out), dpi=150) == 4
    assert page_sizes(out) == [LABEL] * 4
