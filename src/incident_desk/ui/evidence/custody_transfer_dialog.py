"""Handing an item over (SPEC "Evidence and chain of custody"): from the holder, to someone
picked from the contacts, when and why, signed by both people on the pads.

Who holds the item is shown, not chosen: only the holder can hand it over. The service refuses
a hand-over that is out of date (someone else took the item meanwhile), earlier than the
previous link, to an unknown person, or of an item whose chain has ended; each refusal is
shown under its field, and nothing typed or drawn is lost.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from incident_desk.domain.protocol import FieldDefinition, FieldKind
from incident_desk.domain.validation import ValidationMessage
from incident_desk.services.errors import InputRejected
from incident_desk.services.evidence_views import EvidenceItemView
from incident_desk.ui.evidence.contact_picker_widget import ContactPickerWidget
from incident_desk.ui.evidence.evidence_form_dialog import EvidenceFormDialog
from incident_desk.ui.evidence.evidence_item_model import shown_moment
from incident_desk.ui.evidence.evidence_services import EvidenceServices
from incident_desk.ui.messages import evidence as words
from incident_desk.ui.widgets.background import BackgroundRunner
from incident_desk.ui.widgets.signature_pad_widget import SignaturePadWidget
from incident_desk.ui.workflow.step_fields import DateTimeFieldEditor, page_label


def labelled(title: str, editor: QWidget, error: QWidget, parent: QWidget) -> QWidget:
    box = QWidget(parent)
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    column.addWidget(editor)
    column.addWidget(error)
    box.setAccessibleName(title)
    return box


class CustodyTransferDialog(EvidenceFormDialog):
    def __init__(
        self,
        item: EvidenceItemView,
        services: EvidenceServices,
        runner: BackgroundRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(words.TRANSFER_TITLE.format(item_number=item.item_number), runner, parent)
        self.item = item
        self._services = services
        self.heading(f"{item.item_number}: {item.description}")
        form = QFormLayout()
        self.outer.addLayout(form)
        holder = item.custodian
        since = shown_moment(item.held_since)
        self.from_text = page_label(
            words.TRANSFER_FROM_VALUE.format(
                who=holder.label if holder else words.NOBODY, since=since
            ),
            self,
        )
        self.from_text.setAccessibleName(words.TRANSFER_FROM)
        form.addRow(
            words.TRANSFER_FROM,
            labelled(words.TRANSFER_FROM, self.from_text, self.error_for("from_contact_id"), self),
        )
        self.receiver = ContactPickerWidget(
            words.TRANSFER_RECEIVER_WORD,
            services.find_contacts,
            services.add_contact,
            runner,
            self,
        )
        form.addRow(
            words.TRANSFER_TO + words.REQUIRED,
            labelled(words.TRANSFER_TO, self.receiver, self.error_for("to_contact_id"), self),
        )
        definition = FieldDefinition("transferred_at", words.TRANSFER_WHEN, FieldKind.DATETIME)
        self.when = DateTimeFieldEditor(definition, services.now, self)
        self.when.set_moment(services.now())
        form.addRow(
            words.TRANSFER_WHEN,
            labelled(words.TRANSFER_WHEN, self.when, self.error_for("transferred_at"), self),
        )
        self.purpose = QLineEdit(self)
        self.purpose.setPlaceholderText(words.TRANSFER_PURPOSE_PLACEHOLDER)
        self.purpose.setAccessibleName(words.TRANSFER_PURPOSE)
        form.addRow(
            words.TRANSFER_PURPOSE + words.REQUIRED,
            labelled(words.TRANSFER_PURPOSE, self.purpose, self.error_for("purpose"), self),
        )
        self.heading(words.TRANSFER_BOTH_SIGN)
        pads = QHBoxLayout()
        self.sender_pad = SignaturePadWidget(words.TRANSFER_SENDER_SIGNATURE, self)
        self.receiver_pad = SignaturePadWidget(words.TRANSFER_RECEIVER_SIGNATURE, self)
        for key, pad in (("from_signature", self.sender_pad), ("to_signature", self.receiver_pad)):
            column = QVBoxLayout()
            column.addWidget(pad)
            column.addWidget(self.error_for(key))
            pads.addLayout(column)
        self.outer.addLayout(pads)
        self.finish_layout()
        self.setMinimumWidth(820)
        QWidget.setTabOrder(self.receiver.search, self.receiver.add_button)
        QWidget.setTabOrder(self.receiver.add_button, self.receiver.results)
        QWidget.setTabOrder(self.receiver.results, self.when.edit)
        QWidget.setTabOrder(self.when.edit, self.when.now_button)
        QWidget.setTabOrder(self.when.now_button, self.purpose)
        QWidget.setTabOrder(self.purpose, self.sender_pad.canvas)
        QWidget.setTabOrder(self.sender_pad.canvas, self.sender_pad.clear_button)
        QWidget.setTabOrder(self.sender_pad.clear_button, self.receiver_pad.canvas)
        QWidget.setTabOrder(self.receiver_pad.canvas, self.receiver_pad.clear_button)
        QWidget.setTabOrder(self.receiver_pad.clear_button, self.record_button)
        self.receiver.search.setFocus()

    def work(self) -> Callable[[], object] | None:
        problems: list[ValidationMessage] = []
        receiver = self.receiver.contact()
        if receiver is None:
            problems.append(ValidationMessage("to_contact_id", self.receiver.missing_message()))
        if not self.sender_pad.is_signed():
            problems.append(ValidationMessage("from_signature", words.TRANSFER_MISSING_SENDER))
        if not self.receiver_pad.is_signed():
            problems.append(ValidationMessage("to_signature", words.TRANSFER_MISSING_RECEIVER))
        holder = self.item.custodian
        if problems or receiver is None or holder is None:
            self.show_refusal(InputRejected(problems))
            return None
        transfer, item_id = self._services.transfer, self.item.id
        holder_id, receiver_id = holder.id, receiver.id
        moment: datetime | None = self.when.moment()
        purpose = self.purpose.text()
        sent, received = self.sender_pad.signature(), self.receiver_pad.signature()
        return lambda: transfer(item_id, holder_id, receiver_id, moment, purpose, sent, received)
