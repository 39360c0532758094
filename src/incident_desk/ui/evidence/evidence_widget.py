"""The evidence screen of a case (SPEC "Evidence and chain of custody", CPP 14.7 G.3.b, G.5.a).

The items of the case on the left, the selected one on the right with its chain of custody.
Items are logged, handed over and released, destroyed or returned through dialogs; labels are
printed or saved as PDF; scanning a label opens its item. Above everything, whether the record
still matches the tamper-evident audit trail, or the first entry that does not.

Everything that touches the database runs through the BackgroundRunner while a busy bar shows.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QWidget,
)

from incident_desk.documents.evidence_label import EvidenceLabel, render_labels
from incident_desk.services.contacts import ContactSnapshot
from incident_desk.services.custody_signatures import SignatureSnapshot
from incident_desk.services.custody_verification import EvidenceVerification
from incident_desk.services.evidence_views import EvidenceItemView
from incident_desk.ui.evidence.custody_transfer_dialog import CustodyTransferDialog
from incident_desk.ui.evidence.disposition_dialog import DispositionDialog
from incident_desk.ui.evidence.evidence_form_dialog import EvidenceFormDialog
from incident_desk.ui.evidence.evidence_item_dialog import (
    EvidenceItemDialog,
    NewItemOutcome,
    read_photo,
)
from incident_desk.ui.evidence.evidence_item_model import COL_ITEM
from incident_desk.ui.evidence.evidence_screen_layout import EvidenceScreenLayout
from incident_desk.ui.evidence.evidence_services import PHOTO, EvidenceServices
from incident_desk.ui.evidence.item_detail_widget import PhotoContent
from incident_desk.ui.evidence.label_printer import print_with_dialog
from incident_desk.ui.messages import evidence as words
from incident_desk.ui.widgets.background import BackgroundRunner

#: work, what to do with its result, what to do if it fails
Job = tuple[Callable[[], Any], Callable[[Any], None], Callable[[BaseException], None]]
#: (item id, its signatures by id, its photos) loaded after the item is shown
Extras = tuple[int, dict[int, SignatureSnapshot], list[PhotoContent]]


def verification_text(verification: EvidenceVerification) -> str:
    if verification.intact:
        return words.CHAIN_VERIFIED.format(rows=verification.rows_checked)
    messages = verification.messages
    text = words.CHAIN_BROKEN.format(problem=messages[0])
    if len(messages) > 1:
        text += words.CHAIN_MORE.format(count=len(messages) - 1)
    return text


class EvidenceWidget(EvidenceScreenLayout):
    """All evidence of one case; signals carry the item number concerned."""

    loaded = Signal()
    verified = Signal(bool)
    item_shown = Signal(str)
    extras_shown = Signal(str)
    recorded = Signal(str)
    refused = Signal(str)

    def __init__(
        self,
        case_number: str,
        services: EvidenceServices,
        runner: BackgroundRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(case_number, parent)
        self._services = services
        self._runner = runner
        self._retired = False
        self._me: ContactSnapshot | None = None
        self._wanted: str | None = None  # the item to select once the list is loaded
        self.dialog: EvidenceFormDialog | None = None
        self._queue: deque[Job] = deque()
        self._queue_running = False
        self._verify_generation = 0
        self.reload_button.clicked.connect(self._on_reload_button_clicked)
        self.scan_field.label_scanned.connect(self._on_scan_field_label_scanned)
        self.scan_button.clicked.connect(self._on_scan_button_clicked)
        self.new_button.clicked.connect(self._on_new_button_clicked)
        self.transfer_button.clicked.connect(self._on_transfer_button_clicked)
        self.dispose_button.clicked.connect(self._on_dispose_button_clicked)
        self.photo_button.clicked.connect(self._on_photo_button_clicked)
        self.print_button.clicked.connect(self._on_print_button_clicked)
        self.save_labels_button.clicked.connect(self._on_save_labels_clicked)
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_row_changed)
        self.scan_field.install_shortcut(self)
        self._runner.busy_changed.connect(self._on_runner_busy_changed)
        self._update_buttons()
        self.reload()

    def _run(
        self,
        work: Callable[[], Any],
        on_success: Callable[[Any], None],
        on_failure: Callable[[BaseException], None],
    ) -> None:
        """Run the screen's work one job after another. The chain check reads the audit
        trail while nothing else of this screen writes to it (opening a photo is audited)."""
        self._queue.append((work, on_success, on_failure))
        if not self._queue_running:
            self._run_next()

    def _run_next(self) -> None:
        if not self._queue:
            self._queue_running = False
            return
        self._queue_running = True
        work, on_success, on_failure = self._queue.popleft()

        def succeeded(value: object) -> None:
            try:
                on_success(value)
            finally:
                self._run_next()

        def failed(error: BaseException) -> None:
            try:
                on_failure(error)
            finally:
                self._run_next()

        self._runner.run(work, succeeded, failed)

    def retire(self) -> None:
        """Stop reacting to work still in flight; the owner is about to delete the screen."""
        self._retired = True
        if self.dialog is not None:
            self.dialog.reject()

    # -- loading -----------------------------------------------------------------------------------

    def _on_reload_button_clicked(self) -> None:
        self.reload()

    def _on_new_button_clicked(self) -> None:
        self.open_new_item()

    def _on_transfer_button_clicked(self) -> None:
        self.open_transfer()

    def _on_dispose_button_clicked(self) -> None:
        self.open_disposition()

    def reload(self) -> None:
        number, services = self.case_number, self._services
        self._run(lambda: services.items(number), self._on_items_loaded, self._on_failed)
        if self._me is None:
            self._run(services.me, self._on_me_loaded, lambda _error: None)

    def _on_me_loaded(self, me: ContactSnapshot) -> None:
        self._me = me

    def _on_items_loaded(self, items: tuple[EvidenceItemView, ...]) -> None:
        if self._retired:
            return
        self.failure.hide()
        current = self.current_item()
        wanted = self._wanted or (current.item_number if current is not None else None)
        self._wanted = None
        self.model.set_items(items)
        self.status.setText(words.NO_ITEMS)
        self.status.setVisible(not items)
        row = self.model.row_of(wanted) if wanted else None
        if row is None and items:
            row = 0
        if row is not None:
            self._select_row(row)
        else:
            self.detail.clear()
        self._update_buttons()
        self.loaded.emit()
        self._verify()

    def _verify(self) -> None:
        number, verify = self.case_number, self._services.verify
        self._verify_generation += 1
        generation = self._verify_generation

        def shown(verification: EvidenceVerification) -> None:
            if generation == self._verify_generation:  # a newer check is on its way
                self._on_verified(verification)

        self._run(lambda: verify(number), shown, self._on_verify_failed)

    def _on_verified(self, verification: EvidenceVerification) -> None:
        if self._retired:
            return
        text = verification_text(verification)
        self.chain_status.setVisible(verification.intact)
        self.chain_problem.setVisible(not verification.intact)
        (self.chain_status if verification.intact else self.chain_problem).setText(text)
        self.verified.emit(verification.intact)

    def _on_verify_failed(self, error: BaseException) -> None:
        if self._retired:
            return
        self.chain_status.hide()
        self.chain_problem.setText(words.CHAIN_CHECK_FAILED.format(error=error))
        self.chain_problem.show()

    def _on_failed(self, error: BaseException) -> None:
        if self._retired:
            return
        self.status.hide()
        self.failure.setText(words.LOAD_FAILED.format(error=error))
        self.failure.show()

    # -- the selected item -------------------------------------------------------------------------

    def current_item(self) -> EvidenceItemView | None:
        index = self.table.currentIndex()
        return self.model.item_at(index.row()) if index.isValid() else None

    def selected_items(self) -> list[EvidenceItemView]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.model.item_at(row) for row in rows]

    def select_item(self, item_number: str) -> bool:
        row = self.model.row_of(item_number)
        if row is None:
            return False
        self._select_row(row)
        return True

    def _select_row(self, row: int) -> None:
        index = self.model.index(row, COL_ITEM)
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        already = self.table.currentIndex().row() == row
        self.table.selectionModel().setCurrentIndex(index, flags)  # shows it when it changes
        self.table.scrollTo(index)
        if already:
            self._show(self.model.item_at(row))

    def _on_table_current_row_changed(self, current: QModelIndex, _: QModelIndex) -> None:
        if current.isValid():
            self._show(self.model.item_at(current.row()))

    def _show(self, item: EvidenceItemView) -> None:
        self.detail.show_item(item)
        self._update_buttons()
        self.item_shown.emit(item.item_number)
        services, number, item_id = self._services, self.case_number, item.id

        def extras() -> Extras:
            signatures = services.signatures(item_id)
            photos: list[PhotoContent] = []
            for attachment in services.attachments(number):
                if attachment.evidence_item_id == item_id and attachment.kind is PHOTO:
                    try:
                        photos.append(
                            (attachment.filename, services.read_attachment(attachment.id))
                        )
                    except Exception as error:  # a damaged photo is named, not hidden
                        photos.append((attachment.filename, str(error)))
            return item_id, signatures, photos

        self._run(extras, self._on_extras_loaded, self._on_failed)

    def _on_extras_loaded(self, loaded: Extras) -> None:
        if self._retired:
            return
        item_id, signatures, photos = loaded
        self.detail.show_extras(item_id, signatures, photos)
        item = self.detail.item
        if item is not None and item.id == item_id:
            self.extras_shown.emit(item.item_number)

    def _update_buttons(self) -> None:
        item = self.current_item()
        open_chain = item is not None and item.custodian is not None
        self.transfer_button.setEnabled(open_chain)
        self.dispose_button.setEnabled(open_chain)
        self.photo_button.setEnabled(item is not None)
        has_items = self.model.rowCount() > 0
        self.print_button.setEnabled(has_items)
        self.save_labels_button.setEnabled(has_items)

    # -- scanning ----------------------------------------------------------------------------------

    def _on_scan_button_clicked(self) -> None:
        self.scan_field.scan()

    def _on_scan_field_label_scanned(self, code: str) -> None:
        self.scan_message.setText("")
        find = self._services.item_by_number
        self._run(lambda: find(code), self._on_scanned_item_found, self._on_scan_failed)

    def _on_scanned_item_found(self, item: EvidenceItemView) -> None:
        if self._retired:
            return
        if item.case_number != self.case_number:
            self.scan_message.setText(
                words.SCAN_OTHER_CASE.format(item=item.item_number, case=item.case_number)
            )
            return
        self.scan_message.setText(words.SCAN_OPENED.format(item=item.item_number))
        if not self.select_item(item.item_number):
            self._wanted = item.item_number
            self.reload()

    def _on_scan_failed(self, error: BaseException) -> None:
        if not self._retired:
            self.scan_message.setText(words.SCAN_NOT_FOUND.format(error=error))
            self.refused.emit(str(error))

    # -- dialogs -----------------------------------------------------------------------------------

    def open_new_item(self) -> EvidenceItemDialog:
        dialog = EvidenceItemDialog(self.case_number, self._services, self._runner, self)
        if self._me is not None:
            dialog.collector.set_contact(self._me)
        self._open(dialog)
        return dialog

    def open_transfer(self) -> CustodyTransferDialog | None:
        item = self.current_item()
        if item is None or item.custodian is None:
            return None
        dialog = CustodyTransferDialog(item, self._services, self._runner, self)
        self._open(dialog)
        return dialog

    def open_disposition(self) -> DispositionDialog | None:
        item = self.current_item()
        if item is None or item.custodian is None:
            return None
        dialog = DispositionDialog(item, self._services, self._runner, self)
        self._open(dialog)
        return dialog

    def _open(self, dialog: EvidenceFormDialog) -> None:
        self.dialog = dialog
        dialog.recorded.connect(self._on_dialog_recorded)
        dialog.refused.connect(self.refused)
        dialog.finished.connect(self._on_dialog_finished)
        dialog.resize(dialog.sizeHint().expandedTo(dialog.minimumSizeHint()))
        dialog.open()

    def _on_dialog_finished(self, _: int) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = None

    def _on_dialog_recorded(self, value: object) -> None:
        if self._retired:
            return
        if isinstance(value, NewItemOutcome):
            if value.photo_problems:
                self.failure.setText(" ".join(value.photo_problems))
                self.failure.show()
            value = value.item
        if isinstance(value, EvidenceItemView):
            self._wanted = value.item_number
            self.recorded.emit(value.item_number)
        self.reload()

    # -- photos and labels -------------------------------------------------------------------------

    def _on_photo_button_clicked(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self, words.ADD_PHOTO.replace("&", "").rstrip("\u2026"), "", words.ITEM_PHOTO_FILTER
        )
        self.add_photos([Path(name) for name in names])

    def add_photos(self, paths: list[Path]) -> None:
        """Attach photo files to the selected item: read into memory, stored encrypted."""
        item = self.current_item()
        if item is None or not paths:
            return
        add, number, item_id = self._services.add_attachment, self.case_number, item.id

        def job() -> str:
            for path in paths:
                photo = read_photo(path)
                add(number, PHOTO, photo.name, photo.media_type, photo.content, "", item_id)
            return item.item_number

        def done(item_number: str) -> None:
            if not self._retired:
                self._wanted = item_number
                self.recorded.emit(item_number)
                self._show(item)

        def failed(error: BaseException) -> None:
            if not self._retired:
                self.failure.setText(str(error))
                self.failure.show()
                self.refused.emit(str(error))

        self._run(job, done, failed)

    def labels(self) -> list[EvidenceLabel]:
        """Labels of the selected items, or of every item when none is selected."""
        items = self.selected_items() or self.model.items()
        return [EvidenceLabel(i.case_number, i.item_number, i.description) for i in items]

    def _on_print_button_clicked(self) -> None:
        labels = self.labels()
        if not labels:
            self.scan_message.setText(words.PRINT_NOTHING)
            return
        try:
            if print_with_dialog(labels, self):
                self.scan_message.setText(words.PRINTED.format(count=len(labels)))
        except OSError as error:
            self.failure.setText(words.PRINT_FAILED.format(error=error))
            self.failure.show()

    def _on_save_labels_clicked(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self,
            words.SAVE_LABELS_TITLE,
            f"{self.case_number}-labels.pdf",
            words.SAVE_LABELS_FILTER,
        )
        if name:
            self.save_labels(Path(name))

    def save_labels(self, path: Path) -> None:
        """Write the labels' PDF to the file the person chose (the only file written)."""
        labels = self.labels()
        try:
            path.write_bytes(render_labels(labels))
        except OSError as error:
            self.failure.setText(words.PRINT_FAILED.format(error=error))
            self.failure.show()
            return
        self.scan_message.setText(words.SAVED_LABELS.format(count=len(labels), path=path))

    # -- busyness ----------------------------------------------------------------------------------

    def _on_runner_busy_changed(self, busy: bool) -> None:
        if not self._retired:
            self.busy_bar.setVisible(busy)
