"""The field a USB barcode scanner types into: the scanner sends the item number and Enter.

Ctrl+Shift+B (or the field's own label mnemonic) puts the cursor in it, so a supervisor can
scan without reaching for the mouse. After each scan the text stays selected, so the next scan
replaces it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QLineEdit, QWidget

from incident_desk.documents.footer_code import payload_subject
from incident_desk.ui.messages import evidence as words

SCAN_SHORTCUT = "Ctrl+Shift+B"


class LabelScanField(QLineEdit):
    label_scanned = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(words.SCAN_PLACEHOLDER)
        self.setAccessibleName(words.SCAN_ACCESSIBLE_NAME)
        self.setClearButtonEnabled(True)
        self.returnPressed.connect(self._on_return_pressed)

    def install_shortcut(self, host: QWidget) -> QShortcut:
        """Ctrl+Shift+B anywhere in ``host`` puts the cursor here, ready for a scan."""
        shortcut = QShortcut(QKeySequence(SCAN_SHORTCUT), host)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self._on_shortcut_activated)
        return shortcut

    def scan(self) -> None:
        """Open what the field holds (the Open button does this too)."""
        self._on_return_pressed()

    def _on_shortcut_activated(self) -> None:
        self.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.selectAll()

    def _on_return_pressed(self) -> None:
        code = self.text().strip()
        # A bag label holds the item number; a chain of evidence form's footer code names it.
        code = payload_subject(code) or code
        if code:
            self.selectAll()
            self.label_scanned.emit(code)
