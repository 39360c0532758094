"""Pieces of a step's page that keep no state: the field captions and cells, the who/when
stamp, the line saying the step was corrected or reopened, and where a panel sits in the tab
order.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import pairwise

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from incident_desk.domain.enums import StepState
from incident_desk.domain.protocol import FieldDefinition, StepDefinition
from incident_desk.domain.validation import format_moment
from incident_desk.services.errors import InputRejected
from incident_desk.services.workflow import ChecklistStep
from incident_desk.ui.messages import step_panels as panel_words
from incident_desk.ui.messages import steps as words
from incident_desk.ui.workflow.step_fields import page_label

CAPTION_WIDTH = 180


def caption(text: str, parent: QWidget) -> QLabel:
    """A field's caption, wrapped to a fixed width and as tall as its lines: a form taller
    than the screen must not squeeze it to one clipped line."""
    label = page_label(text, parent)
    label.setFixedWidth(CAPTION_WIDTH)
    label.setMinimumHeight(label.heightForWidth(CAPTION_WIDTH))
    return label


def cell(editor: QWidget, error: QLabel) -> QVBoxLayout:
    """An editor with its refusal line under it."""
    column = QVBoxLayout()
    column.addWidget(editor)
    column.addWidget(error)
    return column


def field_caption(step: StepDefinition, definition: FieldDefinition) -> str:
    """The label, with "(required)" or when it is required."""
    if definition.required:
        return f"{definition.label} {words.STEP_REQUIRED}"
    if definition.required_if is not None:
        other_key, value = definition.required_if
        other = step.field(other_key).label
        shown = words.choice_words(value).lower()
        return f"{definition.label} {words.STEP_REQUIRED_IF.format(other=other, value=shown)}"
    return definition.label


def stamp_text(step: ChecklistStep) -> str:
    """Who recorded the step and when, or that it is not done yet."""
    record = step.record
    if record is None or record.state is StepState.PENDING:
        return words.STEP_STAMP_PENDING
    who = record.recorded_by
    recorded = format_moment(record.recorded_at)
    if record.state is StepState.NOT_APPLICABLE:
        reason = record.not_applicable_reason
        return words.STEP_STAMP_NOT_APPLICABLE.format(recorded=recorded, who=who, reason=reason)
    text = words.STEP_STAMP_DONE.format(
        occurred=format_moment(record.occurred_at), recorded=recorded, who=who
    )
    if record.late_entry_reason:
        text += words.STEP_STAMP_LATE.format(reason=record.late_entry_reason)
    return text


def history_text(step: ChecklistStep) -> str:
    """ "Corrected by X at T: reason" (or reopened), when the latest entry is one; else ""."""
    record = step.record
    if record is None or record.corrects_id is None:
        return ""
    template = (
        panel_words.HISTORY_REOPENED
        if record.state is StepState.PENDING
        else panel_words.HISTORY_CORRECTED
    )
    return template.format(
        who=record.recorded_by,
        recorded=format_moment(record.recorded_at),
        reason=record.correction_reason,
    )


def chain_after(editor: QWidget, widgets: Sequence[QWidget]) -> None:
    """Put ``widgets`` in the tab order right after ``editor`` (and its inner parts)."""
    if not widgets:
        return
    inside = [
        widget
        for widget in editor.findChildren(QWidget)
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus
    ]
    for first, second in pairwise([inside[-1] if inside else editor, *widgets]):
        QWidget.setTabOrder(first, second)


def refusal_text(
    error: BaseException, labels: Mapping[str, QLabel], heading: str, failed: str
) -> str:
    """The summary of a refusal; each message is also shown under the field it names."""
    if not isinstance(error, InputRejected):
        return failed.format(error=error)
    lines = [heading]
    for message in error.messages:
        lines.append(f"\u2022 {message.text}")
        label = labels.get(message.field)
        if label is not None:
            label.setText(message.text)
            label.show()
    return "\n".join(lines)
