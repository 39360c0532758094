"""Printing signed PDFs, and the evidence bag labels with them, in one print job.

Each PDF page is drawn by QtPdf at ``dpi`` onto a page of its own size; the bag labels follow on
4 x 2 inch pages drawn exactly as ``ui.evidence.label_printer`` draws them, so a chain of
evidence form and the label of its bag come out of one action. Nothing is written to disk: the
pages go to the printer the person picked (in tests, a PDF file through
``QPrinter.OutputFormat.PdfFormat``). Qt allows painting on a QPrinter outside the GUI thread, so
the job runs in the background and reports its progress page by page.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSize
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QWidget

from incident_desk.documents.evidence_label import LABEL_HEIGHT, LABEL_WIDTH, EvidenceLabel
from incident_desk.ui.evidence.label_printer import label_page_layout, paint_label

DEFAULT_DPI = 300
POINTS_PER_INCH = 72.0
Progress = Callable[[int, int], None]


class PrintFailed(Exception):
    """The printer could not be opened, or a document could not be read to print."""


@dataclass(frozen=True)
class PrintJob:
    """What one print action sends: the documents in order, then the bag labels."""

    documents: tuple[bytes, ...]
    labels: tuple[EvidenceLabel, ...] = ()


@contextmanager
def opened_pdf(pdf: bytes) -> Iterator[QPdfDocument]:
    """A QPdfDocument reading ``pdf`` from memory, closed afterwards."""
    buffer = QBuffer()
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    try:
        if document.status() is not QPdfDocument.Status.Ready:
            raise PrintFailed(f"a document could not be read ({document.error().name})")
        yield document
    finally:
        document.close()
        buffer.close()


def page_total(job: PrintJob) -> int:
    """How many pages ``job`` prints."""
    total = len(job.labels)
    for pdf in job.documents:
        with opened_pdf(pdf) as document:
            total += document.pageCount()
    return total


def ask_for_printer(parent: QWidget | None, pages: int) -> QPrinter | None:
    """The system print dialog; None if the person cancelled."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    dialog.setMinMax(1, max(1, pages))
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return None
    return printer


def print_job(
    job: PrintJob, printer: QPrinter, progress: Progress | None = None, dpi: int = DEFAULT_DPI
) -> int:
    """Print every page of ``job`` on ``printer``; returns the number of pages printed."""
    total = page_total(job)
    printer.setFullPage(True)
    painter = QPainter()
    printed = 0
    started = False

    def next_page(layout: QPageLayout) -> None:
        nonlocal started
        printer.setPageLayout(layout)
        if started and not printer.newPage():
            raise PrintFailed("the printer refused the next page")
        if not started:
            if not painter.begin(printer):
                raise PrintFailed("the printer could not be opened")
            started = True

    try:
        for pdf in job.documents:
            with opened_pdf(pdf) as document:
                for page in range(document.pageCount()):
                    size = document.pagePointSize(page)
                    next_page(_page_layout(size.width(), size.height()))
                    _draw_pdf_page(painter, printer, document, page, dpi)
                    printed += 1
                    if progress is not None:
                        progress(printed, total)
        for label in job.labels:
            next_page(label_page_layout())
            _draw_label(painter, printer, label)
            printed += 1
            if progress is not None:
                progress(printed, total)
    finally:
        if started:
            painter.end()
    return printed


def _page_layout(width: float, height: float) -> QPageLayout:
    size = QPageSize(QRectF(0, 0, width, height).size(), QPageSize.Unit.Point)
    return QPageLayout(
        size, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Point
    )


def _draw_pdf_page(
    painter: QPainter, printer: QPrinter, document: QPdfDocument, page: int, dpi: int
) -> None:
    points = document.pagePointSize(page)
    pixels = QSize(
        round(points.width() / POINTS_PER_INCH * dpi),
        round(points.height() / POINTS_PER_INCH * dpi),
    )
    image = document.render(page, pixels)
    target = printer.pageLayout().fullRectPixels(printer.resolution())
    painter.resetTransform()
    painter.setViewport(target)
    painter.setWindow(target)
    painter.drawImage(QRectF(target), image)


def _draw_label(painter: QPainter, printer: QPrinter, label: EvidenceLabel) -> None:
    page = printer.pageLayout().fullRectPixels(printer.resolution())
    painter.resetTransform()
    painter.setViewport(page)
    painter.setWindow(0, 0, round(LABEL_WIDTH), round(LABEL_HEIGHT))
    paint_label(painter, label)
