"""The evidence screen's parts, laid out: heading, chain check, label scanning, the actions,
the item list and the selected item. ``EvidenceWidget`` brings them to life."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from incident_desk.ui.evidence.evidence_item_model import (
    COL_DESCRIPTION,
    COL_HOLDER,
    COL_ITEM,
    COL_SEAL,
    COL_SINCE,
    COL_STORAGE,
    EvidenceItemModel,
)
from incident_desk.ui.evidence.item_detail_widget import ItemDetailWidget
from incident_desk.ui.evidence.label_scan_field import LabelScanField
from incident_desk.ui.messages import evidence as words
from incident_desk.ui.widgets.section_header import section_header
from incident_desk.ui.workflow.step_fields import error_label, page_label


class EvidenceScreenLayout(QWidget):
    def __init__(self, case_number: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.case_number = case_number
        self.setAccessibleName(words.SCREEN_ACCESSIBLE_NAME)
        outer = QVBoxLayout(self)
        outer.addLayout(self._header())
        outer.addWidget(page_label(words.SCREEN_INTRO, self))
        self.chain_status = page_label(words.CHAIN_CHECKING, self, bold=True)
        self.chain_status.setAccessibleName(words.CHAIN_STATUS_ACCESSIBLE_NAME)
        outer.addWidget(self.chain_status)
        self.chain_problem = error_label(self)
        self.chain_problem.setAccessibleName(words.CHAIN_STATUS_ACCESSIBLE_NAME)
        outer.addWidget(self.chain_problem)
        outer.addLayout(self._scan_row())
        outer.addLayout(self._action_row())
        self.status = page_label(words.LOADING, self)
        self.status.setAccessibleName("Evidence status")
        outer.addWidget(self.status)
        self.failure = error_label(self)
        self.failure.setAccessibleName("Problem")
        outer.addWidget(self.failure)
        outer.addWidget(self._body(), 1)

    # -- building ----------------------------------------------------------------------------------

    def _header(self) -> QHBoxLayout:
        header = section_header(
            self,
            words.SCREEN_HEADING.format(case_number=self.case_number),
            words.WORKING,
            words.RELOAD,
            "Reload the evidence",
        )
        self.busy_bar, self.reload_button = header.busy_bar, header.reload_button
        return header.layout

    def _scan_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        label = QLabel(words.SCAN_LABEL, self)
        self.scan_field = LabelScanField(self)
        label.setBuddy(self.scan_field)
        self.scan_button = self._button(words.SCAN_OPEN, "Open the scanned item")
        self.scan_message = page_label("", self)
        self.scan_message.setAccessibleName("Scan result")
        row.addWidget(label)
        row.addWidget(self.scan_field, 2)
        row.addWidget(self.scan_button)
        row.addWidget(self.scan_message, 3)
        return row

    def _action_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.new_button = self._button(words.NEW_ITEM, "Log a new evidence item")
        self.transfer_button = self._button(words.HAND_OVER, "Hand over the selected item")
        self.dispose_button = self._button(
            words.DISPOSE, "Release, destroy or return the selected item"
        )
        self.photo_button = self._button(words.ADD_PHOTO, "Add a photo of the selected item")
        self.print_button = self._button(words.PRINT_LABELS, "Print bag labels")
        self.save_labels_button = self._button(words.SAVE_LABELS, "Save bag labels as a PDF file")
        for button in (
            self.new_button,
            self.transfer_button,
            self.dispose_button,
            self.photo_button,
            self.print_button,
            self.save_labels_button,
        ):
            row.addWidget(button)
        row.addStretch(1)
        return row

    def _body(self) -> QSplitter:
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.model = EvidenceItemModel(self)
        self.table = QTableView(splitter)
        self.table.setModel(self.model)
        self.table.setAccessibleName(words.ITEMS_ACCESSIBLE_NAME)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # Widths from the font, not from the rows: measuring 200 rows would slow the opening.
        metrics = self.table.fontMetrics()
        sample = {
            COL_ITEM: "KSR-2026-00000-E000",
            COL_DESCRIPTION: "Grey sweatshirt, worn by the alleged",
            COL_HOLDER: "Tpr. Ann Lee-Wharton",
            COL_SINCE: "22 Nov 2026 03:00 UTC",
            COL_SEAL: "S-000000",
            COL_STORAGE: "Evidence locker 12",
        }
        for column, text in sample.items():
            header.resizeSection(column, metrics.horizontalAdvance(text) + 16)
        header.setStretchLastSection(True)
        self.detail = ItemDetailWidget()
        scroll = QScrollArea(splitter)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.detail)
        splitter.addWidget(self.table)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([560, 640])
        return splitter

    def _button(self, text: str, name: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setAccessibleName(name)
        return button
