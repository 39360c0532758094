"""Ending an item's chain of custody: released, destroyed or returned (the investigator's call).

The holder hands the item out and signs; afterwards nothing more can be handed over. The
service refuses it for anyone but the investigator, for an item whose chain already ended, and
for a time before the last hand-over; each refusal is shown and nothing typed is lost.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit, QWidget

from incident_desk.domain.enums import CustodyAction
from incident_desk.domain.protocol import FieldDefinition, FieldKind
from incident_desk.domain.validation import ValidationMessage
from incident_desk.services.errors import InputRejected
from incident_desk.services.evidence_views import EvidenceItemView
from incident_desk.ui.evidence.custody_transfer_dialog import labelled
from incident_desk.ui.evidence.evidence_form_dialog import EvidenceFormDialog
from incident_desk.ui.evidence.evidence_item_model import shown_moment
from incident_desk.ui.evidence.evidence_services import EvidenceServices
from incident_desk.ui.messages import evidence as words
from incident_desk.ui.widgets.background import BackgroundRunner
from incident_desk.ui.widgets.signature_pad_widget import SignaturePadWidget
from incident_desk.ui.workflow.step_fields import DateTimeFieldEditor, page_label


class DispositionDialog(EvidenceFormDialog):
    def __init__(
        self,
        item: EvidenceItemView,
        services: EvidenceServices,
        runner: BackgroundRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(words.DISPOSE_TITLE.format(item_number=item.item_number), runner, parent)
        self.item = item
        self._services = services
        self.heading(f"{item.item_number}: {item.description}")
        self.heading(words.DISPOSE_INTRO)
        form = QFormLayout()
        self.outer.addLayout(form)
        self.action = QComboBox(self)
        self.action.setAccessibleName(words.DISPOSE_ACTION)
        self.action.addItem(words.DISPOSE_CHOOSE, None)
        for action, text in words.DISPOSE_CHOICES.items():
            self.action.addItem(text, action)
        form.addRow(
            words.DISPOSE_ACTION + words.REQUIRED,
            labelled(words.DISPOSE_ACTION, self.action, self.error_for("action"), self),
        )
        self.to = QLineEdit(self)
        self.to.setAccessibleName(words.DISPOSE_TO)
        form.addRow(
            words.DISPOSE_TO,
            labelled(words.DISPOSE_TO, self.to, self.error_for("disposition_to"), self),
        )
        holder = item.custodian
        self.by_text = page_label(
            words.TRANSFER_FROM_VALUE.format(
                who=holder.label if holder else words.NOBODY, since=shown_moment(item.held_since)
            ),
            self,
        )
        self.by_text.setAccessibleName(words.DISPOSE_BY)
        form.addRow(
            words.DISPOSE_BY,
            labelled(words.DISPOSE_BY, self.by_text, self.error_for("by_contact_id"), self),
        )
        definition = FieldDefinition("at", words.DISPOSE_WHEN, FieldKind.DATETIME)
        self.when = DateTimeFieldEditor(definition, services.now, self)
        self.when.set_moment(services.now())
        form.addRow(
            words.DISPOSE_WHEN, labelled(words.DISPOSE_WHEN, self.when, self.error_for("at"), self)
        )
        self.purpose = QLineEdit(self)
        self.purpose.setAccessibleName(words.DISPOSE_PURPOSE)
        form.addRow(
            words.DISPOSE_PURPOSE + words.REQUIRED,
            labelled(words.DISPOSE_PURPOSE, self.purpose, self.error_for("purpose"), self),
        )
        self.pad = SignaturePadWidget(words.DISPOSE_SIGNATURE, self)
        self.outer.addWidget(self.pad)
        self.outer.addWidget(self.error_for("by_signature"))
        self.finish_layout()
        self.action.setFocus()

    def work(self) -> Callable[[], object] | None:
        chosen = self.action.currentData()
        holder = self.item.custodian
        if not chosen or holder is None:
            message = ValidationMessage("action", words.DISPOSE_CHOOSE_MISSING)
            self.show_refusal(InputRejected([message]))
            return None
        action = CustodyAction(chosen)  # a combo box hands enum values back as their text
        dispose, item_id, holder_id = self._services.dispose, self.item.id, holder.id
        moment, to, purpose = self.when.moment(), self.to.text(), self.purpose.text()
        signature = self.pad.signature()
        return lambda: dispose(
            item_id, action, holder_id, moment, to, purpose, by_signature=signature
        )
