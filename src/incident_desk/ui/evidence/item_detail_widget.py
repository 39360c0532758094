"""The selected evidence item: every field of the record, its photos and its chain of custody.

Photos are decoded from the bytes the attachment service returns (``QImage.fromData``), never
from a file; a photo whose bytes no longer match their fingerprint says so instead.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from incident_desk.domain.enums import EvidenceSource
from incident_desk.services.custody_signatures import SignatureSnapshot
from incident_desk.services.evidence_views import EvidenceItemView
from incident_desk.ui.evidence.evidence_item_model import shown_moment
from incident_desk.ui.evidence.item_history_widget import ItemHistoryWidget
from incident_desk.ui.messages import evidence as words
from incident_desk.ui.workflow.step_fields import page_label

THUMBNAIL = 96
CLEAN_SHEET_SOURCES = frozenset({EvidenceSource.CLEAN_SHEET, EvidenceSource.CLOTHING})
#: (file name, picture bytes or the reason it cannot be shown)
PhotoContent = tuple[str, bytes | str]

FIELDS = (
    ("source", words.FIELD_SOURCE),
    ("found", words.FIELD_FOUND),
    ("collected", words.FIELD_COLLECTED),
    ("person", words.FIELD_PERSON),
    ("packaging", words.FIELD_PACKAGING),
    ("seal", words.FIELD_SEAL),
    ("storage", words.FIELD_STORAGE),
    ("condition", words.FIELD_CONDITION),
    ("holder", words.FIELD_HOLDER),
    ("recorded", words.FIELD_RECORDED),
)


def field_values(item: EvidenceItemView) -> dict[str, str]:
    holder = words.NOBODY
    if item.custodian is not None:
        holder = words.FIELD_HOLDER_VALUE.format(
            who=item.custodian.label, since=shown_moment(item.held_since)
        )
    person = words.NOBODY
    if item.person_role is not None:
        person = words.PERSON_ROLE_WORDS.get(item.person_role, item.person_role.value)
    return {
        "source": words.SOURCE_WORDS[item.source],
        "found": item.found_location or words.NOT_RECORDED,
        "collected": words.FIELD_COLLECTED_VALUE.format(
            when=shown_moment(item.collected_at), who=item.collected_by.label
        ),
        "person": person,
        "packaging": words.PACKAGING_WORDS[item.packaging],
        "seal": item.seal_number or words.NOT_RECORDED,
        "storage": item.storage_location or words.NOT_RECORDED,
        "condition": item.condition or words.NOT_RECORDED,
        "holder": holder,
        "recorded": words.FIELD_RECORDED_VALUE.format(
            when=shown_moment(item.recorded_at), who=item.recorded_by
        ),
    }


class ItemDetailWidget(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(words.DETAIL_ACCESSIBLE_NAME)
        self.item: EvidenceItemView | None = None
        self._signatures: dict[int, SignatureSnapshot] = {}
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.heading = page_label(words.SELECT_AN_ITEM, self, bold=True)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.heading.setFont(font)
        outer.addWidget(self.heading)
        self.ended = page_label("", self, bold=True)
        self.ended.setAccessibleName("Chain of custody ended")
        self.ended.hide()
        outer.addWidget(self.ended)
        self._fields_box = QWidget(self)
        form = QFormLayout(self._fields_box)
        form.setContentsMargins(0, 0, 0, 0)
        self.fields: dict[str, QLabel] = {}
        for key, title in FIELDS:
            value = page_label("", self._fields_box)
            value.setAccessibleName(title)
            form.addRow(f"{title}:", value)
            self.fields[key] = value
        outer.addWidget(self._fields_box)
        self.policy = page_label(words.POLICY_QUOTE.format(text=words.POLICY_TEXT), self)
        self.policy.setAccessibleName("What the policy says about the clean sheet and clothing")
        self.policy.hide()
        outer.addWidget(self.policy)
        outer.addWidget(page_label(words.PHOTOS_HEADING, self, bold=True))
        self._photos_row = QHBoxLayout()
        self.photo_labels: list[QLabel] = []
        self.no_photos = QLabel(words.NO_PHOTOS, self)
        self._photos_row.addWidget(self.no_photos)
        self._photos_row.addStretch(1)
        outer.addLayout(self._photos_row)
        self.history = ItemHistoryWidget(self)
        outer.addWidget(self.history, 1)
        self._fields_box.hide()

    def clear(self) -> None:
        self.item = None
        self.heading.setText(words.SELECT_AN_ITEM)
        self._fields_box.hide()
        self.policy.hide()
        self.ended.hide()
        self.show_photos([])
        self.history.clear()

    def show_item(self, item: EvidenceItemView) -> None:
        """The record at once; signatures and photos follow (``show_extras``)."""
        same = self.item is not None and self.item.id == item.id
        self.item = item
        self.heading.setText(
            words.DETAIL_HEADING.format(item_number=item.item_number, description=item.description)
        )
        for key, value in field_values(item).items():
            self.fields[key].setText(value)
        self._fields_box.show()
        self.policy.setVisible(item.source in CLEAN_SHEET_SOURCES)
        if item.disposition is not None:
            link = item.disposition
            how = f"{words.ACTION_WORDS[link.action].lower()} {shown_moment(link.transferred_at)}"
            if link.disposition_to:
                how += words.LINK_ENDED_TO.format(to=link.disposition_to)
            self.ended.setText(words.CHAIN_ENDED_NOTE.format(how=how))
            self.ended.show()
        else:
            self.ended.hide()
        if not same:
            self.show_photos([])
            # The chain is drawn once its signatures are loaded (show_extras).
            self.history.clear()
            self.history.heading.setText(words.HISTORY_LOADING)
        else:
            self.history.show_item(item, self._signatures)

    def show_extras(
        self,
        item_id: int,
        signatures: Mapping[int, SignatureSnapshot],
        photos: Sequence[PhotoContent],
    ) -> None:
        if self.item is None or self.item.id != item_id:
            return  # another item was picked meanwhile
        self._signatures = dict(signatures)
        self.history.show_item(self.item, signatures)
        self.show_photos(photos)

    def show_photos(self, photos: Sequence[PhotoContent]) -> None:
        for label in self.photo_labels:
            self._photos_row.removeWidget(label)
            label.deleteLater()
        self.photo_labels = []
        for index, (name, content) in enumerate(photos):
            label = QLabel(self)
            label.setAccessibleName(name)
            label.setToolTip(name)
            image = QImage.fromData(content) if isinstance(content, bytes) else QImage()
            if not image.isNull():
                pixmap = QPixmap.fromImage(image).scaled(
                    THUMBNAIL,
                    THUMBNAIL,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
                label.setPixmap(pixmap)
            else:
                reason = content if isinstance(content, str) else ""
                label.setText(
                    words.PHOTO_DAMAGED.format(error=reason)
                    if reason
                    else words.PHOTO_UNREADABLE.format(name=name)
                )
                label.setWordWrap(True)
                label.setMaximumWidth(THUMBNAIL * 3)
            self._photos_row.insertWidget(index, label)
            self.photo_labels.append(label)
        self.no_photos.setVisible(not photos)
