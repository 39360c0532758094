"""One print action of the Documents tab, in the background: read the stored documents (each
read is audited as a view), the bag labels of the items asked for, count the pages, ask which
printer (unless one is given), print with progress page by page, then write the print to the
audit trail. ``document_printer`` draws the pages."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject, Signal
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QWidget

from incident_desk.documents.evidence_label import EvidenceLabel
from incident_desk.services.document_export import StoredDocument
from incident_desk.ui.documents.document_printer import (
    PrintJob,
    ask_for_printer,
    page_total,
    print_job,
)
from incident_desk.ui.documents.documents_services import DocumentsServices
from incident_desk.ui.messages import documents as words
from incident_desk.ui.widgets.background import BackgroundRunner


class DocumentPrintTask(QObject):
    """``advanced`` (pages done, pages in all) arrives on the GUI thread while printing."""

    advanced = Signal(int, int)
    printing = Signal()
    printed = Signal(int, str)
    cancelled = Signal()
    failed = Signal(str)

    def __init__(
        self,
        case_number: str,
        services: DocumentsServices,
        runner: BackgroundRunner,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self._case_number = case_number
        self._services = services
        self._runner = runner
        self._window = parent
        self.retired = False

    def start(
        self,
        documents: Sequence[StoredDocument],
        items: Sequence[str] = (),
        printer: QPrinter | None = None,
    ) -> None:
        """Print ``documents`` in order, then the bag labels of ``items`` (item numbers)."""
        services, number = self._services, self._case_number
        ids = [document.id for document in documents]

        def gather() -> tuple[PrintJob, int]:
            pdfs = tuple(services.pdf(document_id) for document_id in ids)
            labels: tuple[EvidenceLabel, ...] = ()
            if items:
                found = {i.item_number: i for i in services.evidence_items(number)}
                labels = tuple(
                    EvidenceLabel(number, item, found[item].description)
                    for item in items
                    if item in found
                )
            job = PrintJob(pdfs, labels)
            return job, page_total(job)

        def gathered(prepared: tuple[PrintJob, int]) -> None:
            if self.retired:
                return
            job, pages = prepared
            chosen = printer if printer is not None else ask_for_printer(self._window, pages)
            if chosen is None:
                self.cancelled.emit()
                return
            self._send(job, ids, chosen)

        self._runner.run(gather, gathered, self._on_failed)

    def _send(self, job: PrintJob, ids: Sequence[int], printer: QPrinter) -> None:
        advanced, record = self.advanced, self._services.record_printed

        def work() -> int:
            pages = print_job(job, printer, advanced.emit)
            record(ids)
            return pages

        def done(pages: int) -> None:
            if not self.retired:
                text = words.PRINTED.format(pages=pages, documents=len(ids), labels=len(job.labels))
                self.printed.emit(pages, text)

        self.printing.emit()
        self._runner.run(work, done, self._on_failed)

    def _on_failed(self, error: BaseException) -> None:
        if not self.retired:
            self.failed.emit(words.PRINT_FAILED.format(error=error))
