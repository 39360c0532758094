"""Logging a new evidence item: what it is, where it was found, who collected it and when, how
it is packed and sealed, where it is stored, its condition, and photos of it.

Photos are read from the chosen files into memory and stored encrypted as attachments of the
item; no copy is written anywhere else. The item number is given by the service when recorded.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from incident_desk.domain.enums import EvidenceSource, Packaging
from incident_desk.domain.protocol import FieldDefinition, FieldKind
from incident_desk.domain.validation import ValidationMessage
from incident_desk.services.errors import InputRejected
from incident_desk.services.evidence_views import EvidenceItemView
from incident_desk.ui.evidence.contact_picker_widget import ContactPickerWidget
from incident_desk.ui.evidence.custody_transfer_dialog import labelled
from incident_desk.ui.evidence.evidence_form_dialog import EvidenceFormDialog
from incident_desk.ui.evidence.evidence_services import PHOTO, EvidenceServices
from incident_desk.ui.messages import evidence as words
from incident_desk.ui.widgets.background import BackgroundRunner
from incident_desk.ui.workflow.step_fields import DateTimeFieldEditor, error_label


@dataclass(frozen=True)
class PhotoFile:
    """A photo read into memory, waiting to be stored with the item."""

    name: str
    media_type: str
    content: bytes


@dataclass(frozen=True)
class NewItemOutcome:
    item: EvidenceItemView
    #: Photos that could not be attached (the item itself was recorded).
    photo_problems: tuple[str, ...]


def read_photo(path: Path) -> PhotoFile:
    media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return PhotoFile(path.name, media_type, path.read_bytes())


class EvidenceItemDialog(EvidenceFormDialog):
    def __init__(
        self,
        case_number: str,
        services: EvidenceServices,
        runner: BackgroundRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(words.NEW_ITEM_TITLE.format(case_number=case_number), runner, parent)
        self.case_number = case_number
        self._services = services
        self.photos: list[PhotoFile] = []
        self.heading(words.NEW_ITEM_INTRO)
        columns = QHBoxLayout()
        left, right = QFormLayout(), QFormLayout()
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        self.outer.addLayout(columns)
        self.description = self._line(left, "description", words.ITEM_DESCRIPTION, required=True)
        self.source = QComboBox(self)
        for source, text in words.SOURCE_WORDS.items():
            self.source.addItem(text, source)
        self.source.setAccessibleName(words.ITEM_SOURCE)
        left.addRow(words.ITEM_SOURCE, self.source)
        self.found = self._line(left, "found_location", words.ITEM_FOUND)
        self.collector = ContactPickerWidget(
            "collector", services.find_contacts, services.add_contact, runner, self
        )
        left.addRow(
            words.ITEM_COLLECTED_BY + words.REQUIRED,
            labelled(
                words.ITEM_COLLECTED_BY,
                self.collector,
                self.error_for("collected_by_contact_id"),
                self,
            ),
        )
        definition = FieldDefinition("collected_at", words.ITEM_COLLECTED_AT, FieldKind.DATETIME)
        self.collected_at = DateTimeFieldEditor(definition, services.now, self)
        self.collected_at.set_moment(services.now())
        left.addRow(
            words.ITEM_COLLECTED_AT,
            labelled(
                words.ITEM_COLLECTED_AT, self.collected_at, self.error_for("collected_at"), self
            ),
        )
        self.packaging = QComboBox(self)
        for packaging, text in words.PACKAGING_WORDS.items():
            self.packaging.addItem(text, packaging)
        self.packaging.setAccessibleName(words.ITEM_PACKAGING)
        right.addRow(words.ITEM_PACKAGING, self.packaging)
        self.seal = self._line(right, "seal_number", words.ITEM_SEAL)
        self.storage = self._line(right, "storage_location", words.ITEM_STORAGE)
        self.storage.setPlaceholderText(words.ITEM_STORAGE_PLACEHOLDER)
        self.condition = self._line(right, "condition", words.ITEM_CONDITION)
        right.addRow(words.ITEM_PHOTOS, self._photo_box())
        self.finish_layout()
        self.setMinimumWidth(900)
        self.description.setFocus()

    def _line(
        self, form: QFormLayout, key: str, title: str, *, required: bool = False
    ) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setAccessibleName(title)
        form.addRow(
            title + (words.REQUIRED if required else ""),
            labelled(title, edit, self.error_for(key), self),
        )
        return edit

    def _photo_box(self) -> QWidget:
        box = QWidget(self)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        self.photo_list = QListWidget(box)
        self.photo_list.setAccessibleName(words.ITEM_PHOTOS)
        self.photo_list.setMaximumHeight(80)
        row = QHBoxLayout()
        self.add_photos_button = QPushButton(words.ITEM_ADD_PHOTOS, box)
        self.add_photos_button.setAccessibleName(words.ITEM_ADD_PHOTOS.rstrip("\u2026"))
        self.add_photos_button.setAutoDefault(False)
        self.add_photos_button.clicked.connect(self._on_add_photos_button_clicked)
        self.remove_photo_button = QPushButton(words.ITEM_REMOVE_PHOTO, box)
        self.remove_photo_button.setAccessibleName(words.ITEM_REMOVE_PHOTO)
        self.remove_photo_button.setAutoDefault(False)
        self.remove_photo_button.clicked.connect(self._on_remove_photo_button_clicked)
        row.addWidget(self.add_photos_button)
        row.addWidget(self.remove_photo_button)
        row.addStretch(1)
        self.photo_error = error_label(box)
        self.errors["content"] = self.photo_error
        column.addWidget(self.photo_list)
        column.addLayout(row)
        column.addWidget(self.photo_error)
        return box

    # -- photos ----------------------------------------------------------------------------------

    def add_photo_files(self, paths: Iterable[Path]) -> None:
        """Read the chosen files into memory (they are stored only when the item is recorded)."""
        problems = []
        for path in paths:
            try:
                photo = read_photo(path)
            except OSError as error:
                problems.append(words.ITEM_PHOTO_READ_FAILED.format(name=path.name, error=error))
                continue
            self.photos.append(photo)
            self.photo_list.addItem(f"{photo.name} ({len(photo.content) // 1024 + 1} KB)")
        self.photo_error.setText(" ".join(problems))
        self.photo_error.setVisible(bool(problems))

    def _on_add_photos_button_clicked(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self, words.ITEM_ADD_PHOTOS.rstrip("\u2026"), "", words.ITEM_PHOTO_FILTER
        )
        self.add_photo_files(Path(name) for name in names)

    def _on_remove_photo_button_clicked(self) -> None:
        row = self.photo_list.currentRow()
        if 0 <= row < len(self.photos):
            del self.photos[row]
            self.photo_list.takeItem(row)

    # -- recording -------------------------------------------------------------------------------

    def work(self) -> Callable[[], object] | None:
        collector = self.collector.contact()
        if collector is None:
            message = ValidationMessage("collected_by_contact_id", self.collector.missing_message())
            self.show_refusal(InputRejected([message]))
            return None
        services, number = self._services, self.case_number
        # A combo box hands enum values back as their text.
        source = EvidenceSource(self.source.currentData())
        packaging = Packaging(self.packaging.currentData())
        values = (
            self.description.text(),
            source,
            self.found.text(),
            collector.id,
            self.collected_at.moment(),
            packaging,
            self.seal.text(),
            self.storage.text(),
            self.condition.text(),
        )
        photos = tuple(self.photos)

        def job() -> NewItemOutcome:
            item = services.add_item(number, *values)
            problems = []
            for photo in photos:
                try:
                    services.add_attachment(
                        number, PHOTO, photo.name, photo.media_type, photo.content, "", item.id
                    )
                except Exception as error:  # the item stands; say which photo is missing
                    problems.append(
                        words.ITEM_PHOTOS_FAILED.format(item=item.item_number, error=error)
                    )
            return NewItemOutcome(item, tuple(problems))

        return job
