"""A tab whose screen is built the first time it is shown.

Opening a case should not read its scene log, verify its evidence chain and draw its forms
when the supervisor only came to record a step: each of those sections loads (and, where
viewing is audited, records the view) only when someone opens it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget


class LazySectionWidget(QWidget):
    """Holds the place of a screen; ``built`` carries the screen once it exists."""

    built = Signal(QWidget)

    def __init__(
        self, factory: Callable[[QWidget], QWidget], name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._factory = factory
        self.section: QWidget | None = None
        self.setAccessibleName(name)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def build(self) -> QWidget:
        """The screen, built now if it was not yet."""
        if self.section is None:
            self.section = self._factory(self)
            self._layout.addWidget(self.section)
            self.setFocusProxy(self.section)
            self.built.emit(self.section)
        return self.section

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        self.build()
        super().showEvent(event)
