"""Printing evidence bag labels straight to a printer, drawn with QPainter.

The codes and the wording come from ``documents.evidence_label`` (the same bars, QR modules,
lines and 4 x 2 inch geometry as its PDF), so a printed label and a saved one are the same
label. Nothing is written to disk: the page goes to the printer the user picked.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QWidget

from incident_desk.documents.evidence_label import (
    BARCODE_HEIGHT,
    CASE_LINE,
    LABEL_HEIGHT,
    LABEL_WIDTH,
    MARGIN,
    QR_BORDER,
    QR_SIZE,
    QUIET_MODULES,
    TITLE,
    EvidenceLabel,
    LabelCodes,
    label_codes,
    label_fonts,
    wrap_description,
)
from incident_desk.documents.pdf_fonts import FONTS_FOLDER
from incident_desk.paths import bundled_dir


def label_page_layout() -> QPageLayout:
    size = QPageSize(QSizeF(LABEL_WIDTH, LABEL_HEIGHT), QPageSize.Unit.Point, "Evidence label")
    orientation = QPageLayout.Orientation.Portrait
    return QPageLayout(size, orientation, QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Point)


def print_labels(labels: Sequence[EvidenceLabel], printer: QPrinter) -> None:
    """One label per page on ``printer`` (a label printer, or a PDF file in tests)."""
    printer.setFullPage(True)
    printer.setPageLayout(label_page_layout())
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError("the printer could not be opened")
    try:
        for index, label in enumerate(labels):
            if index:
                printer.newPage()
            page = printer.pageLayout().fullRectPixels(printer.resolution())
            painter.resetTransform()
            painter.setViewport(page)
            painter.setWindow(0, 0, round(LABEL_WIDTH), round(LABEL_HEIGHT))
            paint_label(painter, label)
    finally:
        painter.end()


def print_with_dialog(labels: Sequence[EvidenceLabel], parent: QWidget | None) -> bool:
    """Ask which printer, then print; False if the person cancelled."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(label_page_layout())
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    print_labels(labels, printer)
    return True


@cache
def _family() -> str:
    """DejaVu Sans from the bundled fonts (as in the PDF labels), else the system's sans."""
    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"):
        QFontDatabase.addApplicationFont(str(bundled_dir("resources") / FONTS_FOLDER / name))
    return "DejaVu Sans"


def _font(bold: bool, size: int) -> QFont:
    font = QFont(_family())
    font.setStyleHint(QFont.StyleHint.SansSerif)
    font.setPixelSize(size)  # window units are points
    font.setBold(bold)
    return font


def paint_label(painter: QPainter, label: EvidenceLabel) -> None:
    """Draw one label in a 288 x 144 point window, y downwards."""
    regular, _bold = label_fonts()
    codes = label_codes(label.item_number)
    black = QColor(0, 0, 0)
    painter.fillRect(QRectF(0, 0, LABEL_WIDTH, LABEL_HEIGHT), QColor(255, 255, 255))
    painter.setPen(black)
    top = MARGIN
    text_width = LABEL_WIDTH - 2 * MARGIN - QR_SIZE - 6
    painter.setFont(_font(True, 9))
    painter.drawText(QRectF(MARGIN, top, text_width, 12), TITLE)
    painter.setFont(_font(False, 9))
    painter.drawText(
        QRectF(MARGIN, top + 12, text_width, 12),
        CASE_LINE.format(case_number=label.case_number),
    )
    painter.setFont(_font(True, 13))
    painter.drawText(QRectF(MARGIN, top + 24, text_width, 18), codes.payload)
    painter.setFont(_font(False, 9))
    for index, line in enumerate(wrap_description(label.description, regular, 8.5, text_width)):
        painter.drawText(QRectF(MARGIN, top + 43 + index * 11, text_width, 12), line)
    _paint_qr(painter, codes, LABEL_WIDTH - MARGIN - QR_SIZE, top)
    _paint_bars(painter, codes, MARGIN, LABEL_HEIGHT - MARGIN - BARCODE_HEIGHT)


def _paint_qr(painter: QPainter, codes: LabelCodes, x: float, y: float) -> None:
    count = len(codes.qr_modules)
    module = QR_SIZE / (count + 2 * QR_BORDER)
    for row_index, row in enumerate(codes.qr_modules):
        for column, dark in enumerate(row):
            if dark:
                painter.fillRect(
                    QRectF(
                        x + (column + QR_BORDER) * module,
                        y + (row_index + QR_BORDER) * module,
                        module,
                        module,
                    ),
                    Qt.GlobalColor.black,
                )


def _paint_bars(painter: QPainter, codes: LabelCodes, x: float, y: float) -> None:
    width = LABEL_WIDTH - 2 * MARGIN
    module = min(1.2, width / (codes.bar_modules + 2 * QUIET_MODULES))
    used = (codes.bar_modules + 2 * QUIET_MODULES) * module
    left = x + (width - used) / 2 + QUIET_MODULES * module
    for dark, modules in codes.bars:
        if dark:
            painter.fillRect(
                QRectF(left, y, modules * module, BARCODE_HEIGHT), Qt.GlobalColor.black
            )
        left += modules * module
