"""One editor per kind of step field, each reading and writing the domain's value format.

Values are the strings the services store: booleans "yes"/"no", times ISO "2026-11-22 03:14"
in UTC, several choices joined by commas, and "" for nothing entered. Each editor emits
``edited`` when the person changes it (not when it is filled from a draft), so the page can
save every field as it is typed. The labels around the editors are made here too.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import QDateTime, Qt, QTimeZone, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateTimeEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QWidget,
)

from incident_desk.domain.protocol import (
    MULTI_CHOICE_SEPARATOR,
    NO,
    YES,
    FieldDefinition,
    FieldKind,
)
from incident_desk.ui.messages.steps import (
    STEP_CHOOSE,
    STEP_NO,
    STEP_NOT_SET,
    STEP_NOW,
    STEP_YES,
    choice_words,
)

VALUE_FORMAT = "%Y-%m-%d %H:%M"
SHOWN_FORMAT = "dd MMM yyyy HH:mm"
#: The "nothing entered" position of a time editor; shown as "Not set".
_UNSET = QDateTime(2000, 1, 1, 0, 0, 0, 0, QTimeZone.utc())


def page_label(text: str, parent: QWidget, *, bold: bool = False) -> QLabel:
    """A wrapping, selectable label of a step's page."""
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if bold:
        font = label.font()
        font.setBold(True)
        label.setFont(font)
    return label


def error_label(parent: QWidget) -> QLabel:
    """A refusal shown under a field or at the top of the page; hidden until there is one."""
    label = page_label("", parent)
    # White on dark red keeps its contrast in light and dark palettes alike.
    label.setStyleSheet("color: #ffffff; background: #a4262c; padding: 3px;")
    label.hide()
    return label


class FieldEditor(QWidget):
    """Base: ``value()`` / ``set_value()`` in the stored format; ``edited`` on a change."""

    edited = Signal()

    def __init__(self, definition: FieldDefinition, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.definition = definition
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def value(self) -> str:
        raise NotImplementedError

    def set_value(self, value: str) -> None:
        raise NotImplementedError

    def set_read_only(self, read_only: bool) -> None:
        self.setEnabled(not read_only)

    def _emit_edited(self, *_: object) -> None:
        self.edited.emit()


class LineFieldEditor(FieldEditor):
    """Text, a person's name or a number: one line."""

    def __init__(self, definition: FieldDefinition, parent: QWidget | None = None) -> None:
        super().__init__(definition, parent)
        self.line = QLineEdit(self)
        self.line.setAccessibleName(definition.label)
        self.line.textEdited.connect(self._emit_edited)
        self._layout.addWidget(self.line)
        self.setFocusProxy(self.line)

    def value(self) -> str:
        return self.line.text()

    def set_value(self, value: str) -> None:
        self.line.setText(value)

    def set_read_only(self, read_only: bool) -> None:
        self.line.setReadOnly(read_only)


class LongTextFieldEditor(FieldEditor):
    """Several lines of text; Tab moves on rather than typing a tab."""

    def __init__(self, definition: FieldDefinition, parent: QWidget | None = None) -> None:
        super().__init__(definition, parent)
        self.text = QPlainTextEdit(self)
        self.text.setAccessibleName(definition.label)
        self.text.setTabChangesFocus(True)
        self.text.setMinimumHeight(70)
        self.text.setMaximumHeight(110)
        self._filling = False
        self.text.textChanged.connect(self._on_text_changed)
        self._layout.addWidget(self.text)
        self.setFocusProxy(self.text)

    def value(self) -> str:
        return self.text.toPlainText()

    def set_value(self, value: str) -> None:
        self._filling = True
        self.text.setPlainText(value)
        self._filling = False

    def set_read_only(self, read_only: bool) -> None:
        self.text.setReadOnly(read_only)

    def _on_text_changed(self) -> None:
        if not self._filling:
            self.edited.emit()


class _TimeEdit(QDateTimeEdit):
    """A time editor that Tab leaves (Qt's own moves between day, month, year... instead).

    The arrow keys still move between the parts, so the page's tab order stays the page's.
    """

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: N802 - Qt's name
        return QWidget.focusNextPrevChild(self, next)


class DateTimeFieldEditor(FieldEditor):
    """A UTC time to the minute, with a "Now" button; "Not set" until one is entered."""

    def __init__(
        self,
        definition: FieldDefinition,
        now: Callable[[], datetime],
        parent: QWidget | None = None,
        label: str = "",
    ) -> None:
        super().__init__(definition, parent)
        self._now = now
        name = label or definition.label
        self.edit = _TimeEdit(self)
        self.edit.setTimeZone(QTimeZone.utc())
        self.edit.setDisplayFormat(SHOWN_FORMAT)
        self.edit.setMinimumDateTime(_UNSET)
        self.edit.setSpecialValueText(STEP_NOT_SET)
        self.edit.setDateTime(_UNSET)
        self.edit.setAccessibleName(name)
        self.edit.dateTimeChanged.connect(self._on_edit_changed)
        self.now_button = QPushButton(STEP_NOW, self)
        self.now_button.setAccessibleName(f"{name}: set to now")
        self.now_button.clicked.connect(self._on_now_button_clicked)
        self._filling = False
        self._layout.addWidget(self.edit, 1)
        self._layout.addWidget(self.now_button)
        self._layout.addStretch(1)
        self.setFocusProxy(self.edit)

    def moment(self) -> datetime | None:
        shown = self.edit.dateTime()
        if shown == _UNSET:
            return None
        return datetime.fromtimestamp(shown.toSecsSinceEpoch(), UTC)

    def value(self) -> str:
        moment = self.moment()
        return "" if moment is None else moment.strftime(VALUE_FORMAT)

    def set_moment(self, moment: datetime | None) -> None:
        self._filling = True
        if moment is None:
            self.edit.setDateTime(_UNSET)
        else:
            seconds = int(moment.replace(second=0, microsecond=0).timestamp())
            self.edit.setDateTime(QDateTime.fromSecsSinceEpoch(seconds, QTimeZone.utc()))
        self._filling = False

    def set_value(self, value: str) -> None:
        try:
            moment = datetime.fromisoformat(value).replace(tzinfo=UTC) if value else None
        except ValueError:
            moment = None  # a draft in an old format is shown as not set, not lost on disk
        self.set_moment(moment)

    def set_read_only(self, read_only: bool) -> None:
        self.edit.setReadOnly(read_only)
        self.now_button.setEnabled(not read_only)

    def _on_now_button_clicked(self) -> None:
        self.set_moment(self._now())
        self.edited.emit()

    def _on_edit_changed(self, _: QDateTime) -> None:
        if not self._filling:
            self.edited.emit()


class BooleanFieldEditor(FieldEditor):
    """Yes or No as a pair of radio buttons; neither is chosen until the person chooses."""

    def __init__(self, definition: FieldDefinition, parent: QWidget | None = None) -> None:
        super().__init__(definition, parent)
        self.yes = QRadioButton(STEP_YES, self)
        self.no = QRadioButton(STEP_NO, self)
        self.yes.setAccessibleName(f"{definition.label}: yes")
        self.no.setAccessibleName(f"{definition.label}: no")
        self.group = QButtonGroup(self)
        self.group.addButton(self.yes)
        self.group.addButton(self.no)
        self.yes.clicked.connect(self._emit_edited)
        self.no.clicked.connect(self._emit_edited)
        self._layout.addWidget(self.yes)
        self._layout.addWidget(self.no)
        self._layout.addStretch(1)
        self.setFocusProxy(self.yes)

    def value(self) -> str:
        if self.yes.isChecked():
            return YES
        return NO if self.no.isChecked() else ""

    def set_value(self, value: str) -> None:
        # With neither chosen the group must stop being exclusive for a moment to clear both.
        self.group.setExclusive(False)
        self.yes.setChecked(value == YES)
        self.no.setChecked(value == NO)
        self.group.setExclusive(True)


class ChoiceFieldEditor(FieldEditor):
    """One of the field's choices, shown in words; the first entry means none chosen yet."""

    def __init__(self, definition: FieldDefinition, parent: QWidget | None = None) -> None:
        super().__init__(definition, parent)
        self.combo = QComboBox(self)
        self.combo.setAccessibleName(definition.label)
        self.combo.addItem(STEP_CHOOSE, "")
        for choice in definition.choices:
            self.combo.addItem(choice_words(choice), choice)
        self.combo.activated.connect(self._emit_edited)
        self._layout.addWidget(self.combo)
        self._layout.addStretch(1)
        self.setFocusProxy(self.combo)

    def value(self) -> str:
        return str(self.combo.currentData() or "")

    def set_value(self, value: str) -> None:
        self.combo.setCurrentIndex(max(self.combo.findData(value), 0))


class MultiChoiceFieldEditor(FieldEditor):
    """Any number of the field's choices, as a list of check boxes (Space ticks one)."""

    def __init__(self, definition: FieldDefinition, parent: QWidget | None = None) -> None:
        super().__init__(definition, parent)
        self.choice_list = QListWidget(self)
        self.choice_list.setAccessibleName(definition.label)
        for choice in definition.choices:
            item = QListWidgetItem(choice_words(choice), self.choice_list)
            item.setData(Qt.ItemDataRole.UserRole, choice)
            item.setCheckState(Qt.CheckState.Unchecked)
        rows = max(len(definition.choices), 1)
        self.choice_list.setMaximumHeight(rows * 22 + 8)
        self.choice_list.itemChanged.connect(self._emit_edited)
        self._layout.addWidget(self.choice_list)
        self.setFocusProxy(self.choice_list)

    def value(self) -> str:
        picked = [
            str(item.data(Qt.ItemDataRole.UserRole))
            for item in self._items()
            if item.checkState() is Qt.CheckState.Checked
        ]
        return MULTI_CHOICE_SEPARATOR.join(picked)

    def set_value(self, value: str) -> None:
        wanted = {part.strip() for part in value.split(MULTI_CHOICE_SEPARATOR)}
        self.choice_list.blockSignals(True)
        for item in self._items():
            checked = item.data(Qt.ItemDataRole.UserRole) in wanted
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.choice_list.blockSignals(False)

    def _items(self) -> list[QListWidgetItem]:
        return [self.choice_list.item(row) for row in range(self.choice_list.count())]


def editor_for(
    definition: FieldDefinition, now: Callable[[], datetime], parent: QWidget | None = None
) -> FieldEditor:
    """The editor for a field of this kind."""
    match definition.kind:
        case FieldKind.LONG_TEXT:
            return LongTextFieldEditor(definition, parent)
        case FieldKind.DATETIME:
            return DateTimeFieldEditor(definition, now, parent)
        case FieldKind.BOOLEAN:
            return BooleanFieldEditor(definition, parent)
        case FieldKind.CHOICE:
            return ChoiceFieldEditor(definition, parent)
        case FieldKind.MULTI_CHOICE:
            return MultiChoiceFieldEditor(definition, parent)
        case FieldKind.TEXT | FieldKind.PERSON | FieldKind.NUMBER:
            return LineFieldEditor(definition, parent)
