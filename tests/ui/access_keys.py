"""Which Alt access keys a window offers at once: two visible controls with the same key make
Alt+key move between them instead of pressing either, so a keyboard user cannot trust it."""

from __future__ import annotations

import re
from collections import defaultdict

from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QMenuBar, QTabBar, QWidget

_KEY = re.compile(r"&([^&\s])")


def access_key(text: str) -> str | None:
    """The key after a single ``&`` ("&&" is a literal ampersand), lower case, or None."""
    match = _KEY.search(text.replace("&&", ""))
    return match.group(1).lower() if match else None


def _texts(widget: QWidget) -> list[str]:
    if isinstance(widget, QTabBar):
        return [
            widget.tabText(index) for index in range(widget.count()) if widget.isTabVisible(index)
        ]
    if isinstance(widget, QMenuBar):
        return [action.text() for action in widget.actions() if action.isVisible()]
    if isinstance(widget, QAbstractButton):
        return [widget.text()]
    if isinstance(widget, QGroupBox):
        return [widget.title()]
    if isinstance(widget, QLabel) and widget.buddy() is not None:
        return [widget.text()]
    return []


def access_key_clashes(window: QWidget) -> dict[str, list[str]]:
    """Each key offered by more than one visible control, with the texts that offer it."""
    offered: dict[str, list[str]] = defaultdict(list)
    for widget in [window, *window.findChildren(QWidget)]:
        if not widget.isVisible():
            continue
        for text in _texts(widget):
            key = access_key(text)
            if key is not None:
                offered[key].append(text)
    return {key: texts for key, texts in offered.items() if len(texts) > 1}
