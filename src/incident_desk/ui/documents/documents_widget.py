"""The Documents tab of a case (SPEC "Forms (PDF)", CPP 14.7 G.8).

On the left, the five forms with tick boxes and the signed documents stored in the record; on
the right, the chosen form or stored document shown inside the app. A form is previewed as the
record stands before anyone signs it; signing (after the signer types their passphrase again)
draws, signs and stores the ticked forms. A stored document can be counter-signed by a second
person, saved to a file the person chooses, or printed; the chain of evidence forms print with
their bag labels in one action. At the bottom, any PDF dropped or chosen is checked.

Everything that touches the database, signs, renders or prints runs through the BackgroundRunner
while a progress bar shows what is happening. Exports, views, prints and checks are audited by
the services.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QProgressBar,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from incident_desk.documents.form_renderer import render_form
from incident_desk.services.case_documents import form_definitions
from incident_desk.services.document_export import ExportedDocument, StoredDocument
from incident_desk.ui.documents.document_print_task import DocumentPrintTask
from incident_desk.ui.documents.document_signing import DocumentSigning
from incident_desk.ui.documents.documents_services import Documents, DocumentsServices
from incident_desk.ui.documents.form_choice_widget import FormChoiceWidget
from incident_desk.ui.documents.pdf_preview_widget import PdfPreviewWidget
from incident_desk.ui.documents.signing_confirm_dialog import SigningConfirmDialog
from incident_desk.ui.documents.stored_documents_view import StoredDocumentsPanel
from incident_desk.ui.documents.verify_drop_widget import VerifyDropWidget
from incident_desk.ui.messages import documents as words
from incident_desk.ui.widgets.background import BackgroundRunner
from incident_desk.ui.workflow.step_fields import error_label, page_label


class DocumentsWidget(QWidget):
    """The forms of one case; ``loaded`` once the forms and the stored documents are shown."""

    loaded = Signal()
    previewed = Signal(int)
    exported = Signal(tuple)
    countersigned = Signal(int)
    saved = Signal(str)
    printed = Signal(int)
    refused = Signal(str)

    def __init__(
        self,
        case_number: str,
        services: DocumentsServices,
        runner: BackgroundRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.case_number = case_number
        self._services = services
        self._runner = runner
        self._retired = False
        self._documents: Documents = ()
        self._wanted: int | None = None  # the stored document to select once listed
        self._focus_back: QWidget | None = None  # where the focus goes when a dialog closes
        self._signing = DocumentSigning(case_number, services, runner, self)
        self._signing.signing.connect(self._begin)
        self._signing.exported.connect(self._on_signing_exported)
        self._signing.countersigned.connect(self._on_signing_countersigned)
        self._signing.failed.connect(self._refuse)
        self._signing.dialog_closed.connect(self._on_signing_dialog_closed)
        self._printing = DocumentPrintTask(case_number, services, runner, self)
        self._printing.printing.connect(self._on_printing_printing)
        self._printing.advanced.connect(self._on_printing_advanced)
        self._printing.printed.connect(self._on_printing_printed)
        self._printing.cancelled.connect(self._on_printing_cancelled)
        self._printing.failed.connect(self._refuse)
        self.setAccessibleName(words.SCREEN_ACCESSIBLE_NAME)
        outer = QVBoxLayout(self)
        outer.addLayout(self._header())
        intro = page_label(words.SCREEN_INTRO, self)
        intro.setAccessibleName("About this page")
        outer.addWidget(intro)
        self.status = page_label(words.LOADING, self)
        self.status.setAccessibleName("Documents status")
        outer.addWidget(self.status)
        self.failure = error_label(self)
        self.failure.setAccessibleName("Problem")
        outer.addWidget(self.failure)
        outer.addWidget(self._body(), 1)
        self._runner.busy_changed.connect(self._on_runner_busy_changed)
        self._update_buttons()
        self.reload()

    # -- building ------------------------------------------------------------------------------

    def _header(self) -> QHBoxLayout:
        header = QHBoxLayout()
        heading = page_label(
            words.SCREEN_HEADING.format(case_number=self.case_number), self, bold=True
        )
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        heading.setFont(font)
        self.progress_bar = QProgressBar(self)
        self.progress_bar.setMinimumWidth(220)
        self.progress_bar.setAccessibleName(words.WORKING)
        self.progress_bar.hide()
        self.reload_button = self._button(words.RELOAD, "Reload the forms", self.reload)
        header.addWidget(heading, 1)
        header.addWidget(self.progress_bar)
        header.addWidget(self.reload_button)
        return header

    def _body(self) -> QSplitter:
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        left = QWidget(splitter)
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        self.choice = FormChoiceWidget(left)
        self.choice.document_chosen.connect(self._on_choice_document_chosen)
        self.choice.ticks_changed.connect(self._update_buttons)
        column.addWidget(self.choice)
        self.sign_button = self._button(words.SIGN, words.SIGN_NAME, self.open_signing)
        column.addWidget(self.sign_button, 0, Qt.AlignmentFlag.AlignLeft)
        stored = StoredDocumentsPanel(left)
        self.table, self.no_stored = stored.table, stored.no_stored
        self.model = self.table.documents_model
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_row_changed)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        column.addWidget(stored, 3)
        self.countersign_button = stored.countersign_button
        self.save_button = stored.save_button
        self.print_button = stored.print_button
        self.print_chain_button = stored.print_chain_button
        for button, slot in (
            (self.countersign_button, self.open_countersigning),
            (self.save_button, self._on_save_button_clicked),
            (self.print_button, self.print_selected),
            (self.print_chain_button, self.print_chain),
        ):
            button.clicked.connect(lambda _=False, slot=slot: slot())
        self.verify = VerifyDropWidget(self._services.verify, self._runner, left)
        column.addWidget(self.verify)
        self.preview = PdfPreviewWidget(splitter)
        self.preview.shown.connect(self.previewed)
        splitter.addWidget(left)
        splitter.addWidget(self.preview)
        splitter.setStretchFactor(0, 5)
        splitter.setStretchFactor(1, 4)
        splitter.setSizes([790, 550])
        return splitter

    def _button(self, text: str, name: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text, self)
        button.setAccessibleName(name)
        button.clicked.connect(lambda _=False: slot())
        return button

    def retire(self) -> None:
        """Stop reacting to work still in flight; the owner is about to delete the screen."""
        self._retired = True
        self.verify.retire()
        self.preview.retired = True
        self._printing.retired = True
        self._signing.retire()

    # -- loading -------------------------------------------------------------------------------

    def reload(self) -> None:
        number, services = self.case_number, self._services

        def job() -> tuple[Documents, tuple[StoredDocument, ...]]:
            return services.contents(number), services.stored(number)

        self._begin(words.LOADING)
        self._runner.run(job, self._on_loaded, self._on_failed)

    def _on_loaded(self, loaded: tuple[Documents, tuple[StoredDocument, ...]]) -> None:
        if self._retired:
            return
        self._documents, stored = loaded
        self.failure.hide()
        self.status.hide()
        self.choice.set_documents(self._documents)
        self._show_stored(stored)
        self.loaded.emit()

    def _reload_stored(self) -> None:
        number, stored = self.case_number, self._services.stored
        self._runner.run(lambda: stored(number), self._show_stored, self._on_failed)

    def _show_stored(self, stored: tuple[StoredDocument, ...]) -> None:
        if self._retired:
            return
        titles = {key: d.title for key, d in form_definitions().items()}
        wanted, self._wanted = self._wanted, None
        self.table.show_documents(stored, titles, wanted)
        self.no_stored.setVisible(not stored)
        self._update_buttons()

    def _on_failed(self, error: BaseException) -> None:
        if self._retired:
            return
        self.status.hide()
        self.failure.setText(words.LOAD_FAILED.format(error=error))
        self.failure.show()

    # -- previews ------------------------------------------------------------------------------

    def _on_choice_document_chosen(self, index: int) -> None:
        if not 0 <= index < len(self._documents):
            return
        definition, content = self._documents[index]
        subject = (
            words.PREVIEW_SUBJECT.format(item=content.header.subject) if definition.per_item else ""
        )
        caption = words.PREVIEW_DRAFT.format(title=definition.title, subject=subject)
        self.preview.show_drawn(self._runner, lambda: render_form(definition, content).pdf, caption)

    def _on_table_current_row_changed(self, current: QModelIndex, _: QModelIndex) -> None:
        if current.isValid():
            self._preview_stored(self.model.document_at(current.row()))

    def _preview_stored(self, document: StoredDocument) -> None:
        read, document_id = self._services.pdf, document.id
        signers = ", ".join(name for name in document.signed_by if name)
        caption = words.PREVIEW_STORED.format(
            id=document.id, signers=signers, file=document.filename
        )
        self.preview.show_drawn(self._runner, lambda: read(document_id), caption)

    # -- the stored documents ------------------------------------------------------------------

    def current_stored(self) -> StoredDocument | None:
        return self.table.current_document()

    def selected_stored(self) -> list[StoredDocument]:
        return self.table.selected_documents()

    def select_stored(self, row: int) -> None:
        self.table.select_row(row)

    def _update_buttons(self) -> None:
        current = self.current_stored()
        free = not self._signing.busy
        self.sign_button.setEnabled(free and bool(self.choice.ticked_forms()))
        signable = current is not None and current.superseded_by_id is None
        self.countersign_button.setEnabled(free and signable)
        self.save_button.setEnabled(current is not None)
        self.print_button.setEnabled(current is not None)
        self.print_chain_button.setEnabled(bool(self.table.current_chain()))

    # -- signing -------------------------------------------------------------------------------

    @property
    def dialog(self) -> QDialog | None:
        """The passphrase dialog while it is open."""
        return self._signing.dialog

    def open_signing(self) -> SigningConfirmDialog | None:
        """Ask for the passphrase, then sign the ticked forms."""
        forms = self.choice.ticked_forms()
        if not forms:
            self._say(words.NOTHING_TICKED)
            return None
        count = sum(1 for definition, _ in self._documents if definition.key in forms)
        self._focus_back = QApplication.focusWidget()
        return self._signing.sign_forms(forms, count)

    def open_countersigning(self) -> SigningConfirmDialog | None:
        document = self.current_stored()
        if document is None:
            self._say(words.PICK_A_DOCUMENT)
            return None
        self._focus_back = QApplication.focusWidget()
        return self._signing.countersign(document)

    def _on_signing_dialog_closed(self) -> None:
        back, self._focus_back = self._focus_back, None
        if back is not None and not self._retired:
            self.activateWindow()
            back.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_signing_exported(self, exported: tuple[ExportedDocument, ...]) -> None:
        files = ", ".join(document.filename for document in exported)
        self._say(words.SIGNED.format(count=len(exported), files=files))
        self._show_new(exported[-1].id if exported else None)
        self.exported.emit(tuple(document.id for document in exported))

    def _on_signing_countersigned(self, document: ExportedDocument) -> None:
        self._say(words.COUNTERSIGNED.format(file=document.filename, id=document.id))
        self._show_new(document.id)
        self.countersigned.emit(document.id)

    def _show_new(self, document_id: int | None) -> None:
        """Select the new document once listed; the focus goes to the list it is in."""
        self._wanted = document_id
        self._focus_back = None
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        self._reload_stored()

    # -- saving --------------------------------------------------------------------------------

    def _on_save_button_clicked(self) -> None:
        document = self.current_stored()
        if document is None:
            return
        name, _ = QFileDialog.getSaveFileName(
            self, words.SAVE_TITLE, document.filename, words.SAVE_FILTER
        )
        if name:
            self.save_to(Path(name))

    def save_to(self, path: Path) -> None:
        """Write the selected stored document's bytes, as stored, to the file the person chose."""
        document = self.current_stored()
        if document is None:
            self._say(words.PICK_A_DOCUMENT)
            return
        read, document_id = self._services.pdf, document.id
        record_saved = self._services.record_saved

        def job() -> Path:
            path.write_bytes(read(document_id))
            record_saved(document_id)  # a copy now exists outside the record: on record
            return path

        def done(written: Path) -> None:
            if not self._retired:
                self._say(words.SAVED.format(file=document.filename, path=written))
                self.saved.emit(str(written))

        def failed(error: BaseException) -> None:
            reason = error.strerror if isinstance(error, OSError) and error.strerror else error
            self._refuse(words.SAVE_FAILED.format(error=reason))

        self._begin(words.WORKING)
        self._runner.run(job, done, failed)

    # -- printing ------------------------------------------------------------------------------

    def print_selected(self, printer: QPrinter | None = None) -> None:
        """Print the selected stored documents (the system print dialog unless ``printer``)."""
        documents = self.selected_stored()
        if not documents:
            self._say(words.PICK_A_DOCUMENT)
            return
        self._print(documents, (), printer)

    def print_chain(self, printer: QPrinter | None = None) -> None:
        """Every current chain of evidence form, then the bag label of each of their items."""
        documents = self.table.current_chain()
        if not documents:
            self._say(words.PRINT_NOTHING_CHAIN)
            return
        items = [document.subject for document in documents]
        self._print(documents, items, printer)

    def _print(
        self, documents: Sequence[StoredDocument], items: Sequence[str], printer: QPrinter | None
    ) -> None:
        self._begin(words.PREPARING)
        self._printing.start(documents, items, printer)

    def _on_printing_printing(self) -> None:
        self.progress_bar.setRange(0, 1)
        self.progress_bar.setValue(0)

    def _on_printing_advanced(self, done: int, total: int) -> None:
        self.progress_bar.setRange(0, max(1, total))
        self.progress_bar.setValue(done)
        self.progress_bar.setFormat(words.PRINTING.format(done=done, total=total))

    def _on_printing_printed(self, pages: int, text: str) -> None:
        self._say(text)
        self.printed.emit(pages)

    def _on_printing_cancelled(self) -> None:
        self.status.hide()

    # -- telling the person --------------------------------------------------------------------

    def _begin(self, text: str) -> None:
        self.failure.hide()
        self.progress_bar.setRange(0, 0)
        self.progress_bar.setFormat(text)
        self.status.setText(text)
        self.status.show()

    def _say(self, text: str) -> None:
        self.failure.hide()
        self.status.setText(text)
        self.status.show()

    def _refuse(self, text: str) -> None:
        if self._retired:
            return
        self.status.hide()
        self.failure.setText(text)
        self.failure.show()
        self._update_buttons()  # a refused signature frees the sign buttons again
        self.refused.emit(text)

    def _on_runner_busy_changed(self, busy: bool) -> None:
        if not self._retired:
            self.progress_bar.setVisible(busy)
            self._update_buttons()
