"""Signing from the Documents tab: the passphrase asked again, then the ticked forms signed and
stored, or a stored document counter-signed, in the background. The outcome comes back as
signals; refusals (a form already signed by this person, a copy since replaced) in words."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from incident_desk.services.document_export import ExportedDocument, StoredDocument
from incident_desk.ui.documents.documents_services import DocumentsServices
from incident_desk.ui.documents.signing_confirm_dialog import SigningConfirmDialog
from incident_desk.ui.messages import documents as words
from incident_desk.ui.widgets.background import BackgroundRunner


class DocumentSigning(QObject):
    """``signing`` carries what is being done, in words, once the passphrase was right."""

    signing = Signal(str)
    exported = Signal(tuple)
    countersigned = Signal(object)
    failed = Signal(str)
    dialog_closed = Signal()

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
        #: A signature is being made: no second one is started until it is done.
        self.busy = False
        self.dialog: SigningConfirmDialog | None = None

    def sign_forms(self, forms: Sequence[str], count: int) -> SigningConfirmDialog:
        """Ask for the passphrase, then draw, sign and store ``forms`` (``count`` documents)."""
        what = words.CONFIRM_EXPORT_WHAT.format(count=count, case_number=self._case_number)
        export, number, keys = self._services.export, self._case_number, tuple(forms)

        def start() -> None:
            self.busy = True
            self.signing.emit(words.SIGNING.format(total=count))
            self._runner.run(lambda: export(number, keys), self._on_exported, self._on_failed)

        return self._confirm(what, start)

    def countersign(self, document: StoredDocument) -> SigningConfirmDialog:
        """Ask for the passphrase, then add this person's signature to ``document``."""
        what = words.CONFIRM_COUNTERSIGN_WHAT.format(file=document.filename, id=document.id)
        countersign, document_id = self._services.countersign, document.id

        def start() -> None:
            self.busy = True
            self.signing.emit(words.WORKING)
            self._runner.run(
                lambda: countersign(document_id), self._on_countersigned, self._on_refused
            )

        return self._confirm(what, start)

    def retire(self) -> None:
        self.retired = True
        if self.dialog is not None:
            self.dialog.reject()

    def _confirm(self, what: str, then: Callable[[], None]) -> SigningConfirmDialog:
        services = self._services
        dialog = SigningConfirmDialog(
            services.display_name, what, services.reauthenticate, self._window
        )
        self.dialog = dialog
        dialog.confirmed.connect(then)
        dialog.finished.connect(self._on_dialog_finished)
        dialog.open()
        return dialog

    def _on_dialog_finished(self, _: int) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = None
        self.dialog_closed.emit()

    def _on_exported(self, exported: tuple[ExportedDocument, ...]) -> None:
        self.busy = False
        if not self.retired:
            self.exported.emit(exported)

    def _on_countersigned(self, document: ExportedDocument) -> None:
        self.busy = False
        if not self.retired:
            self.countersigned.emit(document)

    def _on_failed(self, error: BaseException) -> None:
        self.busy = False
        if not self.retired:
            self.failed.emit(words.SIGN_FAILED.format(error=error))

    def _on_refused(self, error: BaseException) -> None:
        self.busy = False
        if not self.retired:
            self.failed.emit(words.COUNTERSIGN_FAILED.format(error=error))
