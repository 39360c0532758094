"""The top line of a case section: its heading, a busy bar while it loads, and Reload.

The preservation cards, the crime scene and the evidence screens each start with this line;
one builder keeps them alike (size of the heading, width of the bar, accessible names)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from incident_desk.ui.workflow.step_fields import page_label


@dataclass(frozen=True)
class SectionHeader:
    layout: QHBoxLayout
    heading: QLabel
    busy_bar: QProgressBar
    reload_button: QPushButton


def section_header(
    parent: QWidget, title: str, busy_name: str, reload_text: str, reload_name: str
) -> SectionHeader:
    """Build the line; the caller connects Reload and shows the bar while it works."""
    heading = page_label(title, parent, bold=True)
    font = heading.font()
    font.setPointSizeF(font.pointSizeF() * 1.3)
    heading.setFont(font)
    busy_bar = QProgressBar(parent)
    busy_bar.setRange(0, 0)  # how long a load takes is not known
    busy_bar.setMaximumWidth(120)
    busy_bar.setTextVisible(False)
    busy_bar.setAccessibleName(busy_name)
    busy_bar.hide()
    reload_button = QPushButton(reload_text, parent)
    reload_button.setAccessibleName(reload_name)
    layout = QHBoxLayout()
    layout.addWidget(heading, 1)
    layout.addWidget(busy_bar)
    layout.addWidget(reload_button)
    return SectionHeader(layout, heading, busy_bar, reload_button)
