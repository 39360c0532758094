"""Under the dry cell step (CPP 14.7 G.7): each placement with its live 16-hour clock, the
release with its time and reason, and the placement of another alleged offender perpetrator.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import partial

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from incident_desk.domain.enums import PersonKind, PersonRole
from incident_desk.domain.protocol import FieldDefinition, FieldKind
from incident_desk.domain.validation import format_moment
from incident_desk.services.dry_cell import DryCellSnapshot
from incident_desk.services.first_response import FIELD_LATE_ENTRY_REASON
from incident_desk.services.snapshots import PersonSnapshot
from incident_desk.ui.messages import step_panels as words
from incident_desk.ui.widgets.deadline_presenter import present
from incident_desk.ui.workflow.step_fields import DateTimeFieldEditor, page_label
from incident_desk.ui.workflow.step_panel_base import PanelContext, PanelDialog, StepPanel

#: How often the clocks' "x h left" is worded again.
CLOCK_REFRESH_MS = 30_000


def _time_editor(
    key: str, label: str, now: Callable[[], datetime], parent: QWidget
) -> DateTimeFieldEditor:
    editor = DateTimeFieldEditor(FieldDefinition(key, label, FieldKind.DATETIME), now, parent)
    editor.set_moment(now())
    return editor


def placement_text(placement: DryCellSnapshot) -> str:
    text = words.DRY_CELL_PLACEMENT.format(
        name=placement.person_name,
        cell=placement.cell,
        placed=format_moment(placement.placed_at),
        by=placement.placed_by,
    )
    text += " " + words.DRY_CELL_CHECKS.format(
        strip=words.yes_no(placement.strip_searched),
        gown=words.yes_no(placement.paper_gown_issued),
        possessions=words.yes_no(placement.possessions_taken),
    )
    if placement.released_at is not None:
        text += "\n" + words.DRY_CELL_RELEASED.format(
            released=format_moment(placement.released_at),
            by=placement.released_by,
            reason=placement.release_reason,
        )
    return text


class ReleaseDialog(PanelDialog):
    """When the person left the dry cell and why."""

    def __init__(
        self,
        placement: DryCellSnapshot,
        context: PanelContext,
        parent: QWidget | None = None,
    ) -> None:
        title = words.DRY_CELL_RELEASE_TITLE.format(name=placement.person_name, cell=placement.cell)
        super().__init__(title, context.runner, parent)
        self._placement_id = placement.id
        self._release = context.services.release
        self._now = context.services.now
        self.released_at = _time_editor("released_at", words.DRY_CELL_RELEASED_AT, self._now, self)
        self.add_row("released_at", words.DRY_CELL_RELEASED_AT, self.released_at)
        self.reason = QLineEdit(self)
        self.reason.setAccessibleName(words.DRY_CELL_RELEASE_REASON)
        self.add_row("reason", words.DRY_CELL_RELEASE_REASON, self.reason)
        self.set_ok_text(words.DRY_CELL_RELEASE_BUTTON, "Record the release")
        self.finish_layout()

    def work(self) -> Callable[[], object]:
        moment = self.released_at.moment() or self._now()
        return partial(self._release, self._placement_id, moment, self.reason.text())


class PlaceDialog(PanelDialog):
    """Another alleged offender perpetrator into a dry cell: who, where, when, the three checks."""

    def __init__(
        self, people: list[PersonSnapshot], context: PanelContext, parent: QWidget | None = None
    ) -> None:
        super().__init__(words.DRY_CELL_PLACE_TITLE, context.runner, parent)
        self._place = partial(context.services.place, context.case_number)
        now = context.services.now
        self.who = QComboBox(self)
        self.who.setAccessibleName(words.DRY_CELL_WHO)
        for person in people:
            self.who.addItem(person.name, person.id)
        self.add_row("case_person_id", words.DRY_CELL_WHO, self.who)
        self.cell = QLineEdit(self)
        self.cell.setAccessibleName(words.DRY_CELL_CELL)
        self.add_row("cell", words.DRY_CELL_CELL, self.cell)
        self.placed_at = _time_editor("placed_at", words.DRY_CELL_PLACED_AT, now, self)
        self.add_row("placed_at", words.DRY_CELL_PLACED_AT, self.placed_at)
        self.checks: list[QCheckBox] = []
        for caption in (words.DRY_CELL_STRIP, words.DRY_CELL_GOWN, words.DRY_CELL_POSSESSIONS):
            box = QCheckBox(caption, self)
            box.setAccessibleName(caption)
            self.form.addRow("", box)
            self.checks.append(box)
        self.late_reason = QLineEdit(self)
        self.late_reason.setAccessibleName(words.DRY_CELL_LATE_REASON)
        self.add_row(FIELD_LATE_ENTRY_REASON, words.DRY_CELL_LATE_REASON, self.late_reason)
        self.set_ok_text(words.DRY_CELL_PLACE_BUTTON, "Record the placement")
        self.finish_layout()
        self._now = now

    def work(self) -> Callable[[], object]:
        strip, gown, possessions = (box.isChecked() for box in self.checks)
        return partial(
            self._place,
            int(self.who.currentData()),
            self.cell.text(),
            self.placed_at.moment() or self._now(),
            strip,
            gown,
            possessions,
            self.late_reason.text(),
        )


class DryCellPanel(StepPanel):
    """The placements of the case, each with its clock and, while open, a release button."""

    def __init__(self, context: PanelContext, parent: QWidget | None = None) -> None:
        super().__init__(context, words.DRY_CELL_HEADING, parent)
        self.placements: tuple[DryCellSnapshot, ...] = ()
        self.people: tuple[PersonSnapshot, ...] = ()
        self.clocks: dict[int, QLabel] = {}
        self.release_buttons: dict[int, QPushButton] = {}
        self._rows: list[QWidget] = []
        self.dialog: PanelDialog | None = None
        self.place_another = QPushButton(words.DRY_CELL_PLACE_ANOTHER, self)
        self.place_another.setAccessibleName("Place another alleged perpetrator in a dry cell")
        self.place_another.clicked.connect(self._on_place_another_clicked)
        self.place_another.hide()
        self.column.addWidget(self.place_another)
        self._timer = QTimer(self)
        self._timer.setInterval(CLOCK_REFRESH_MS)
        self._timer.timeout.connect(self.show_clocks)
        self._timer.start()

    def retire(self) -> None:
        super().retire()
        self._timer.stop()

    def load(self) -> tuple[tuple[DryCellSnapshot, ...], tuple[PersonSnapshot, ...]]:
        case, services = self.context.case_number, self.context.services
        return services.placements(case), services.people(case)

    def show_loaded(
        self, data: tuple[tuple[DryCellSnapshot, ...], tuple[PersonSnapshot, ...]]
    ) -> None:
        self.placements, self.people = data
        for row in self._rows:
            self.column.removeWidget(row)
            row.deleteLater()
        self._rows, self.clocks, self.release_buttons = [], {}, {}
        self.set_lines([] if self.placements else [words.DRY_CELL_NONE])
        for placement in self.placements:
            self._add_placement(placement)
        self.show_clocks()
        offenders = self.offender_perpetrators()
        self.place_another.setVisible(self.context.writable and len(offenders) > 1)
        self.place_another.setEnabled(bool(self.unplaced()))
        self.place_another.setToolTip("" if self.unplaced() else words.DRY_CELL_NOBODY_LEFT)

    def _add_placement(self, placement: DryCellSnapshot) -> None:
        row = QWidget(self)
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        text = page_label(placement_text(placement), row)
        text.setAccessibleName(text.text())
        clock = page_label("", row, bold=True)
        layout.addWidget(text, 3)
        layout.addWidget(clock, 2)
        self.clocks[placement.id] = clock
        if placement.released_at is None and self.context.writable:
            button = QPushButton(words.DRY_CELL_RELEASE, row)
            button.setAccessibleName(f"Release {placement.person_name} from the dry cell")
            button.clicked.connect(partial(self._on_release_clicked, placement.id))
            layout.addWidget(button)
            self.release_buttons[placement.id] = button
        self.column.insertWidget(self.column.indexOf(self.place_another), row)
        self._rows.append(row)

    def focus_widgets(self) -> list[QWidget]:
        shown = [*self.release_buttons.values(), self.place_another]
        return [widget for widget in shown if not widget.isHidden()]

    def show_clocks(self) -> None:
        now = self.context.services.now()
        for placement in self.placements:
            clock = self.clocks.get(placement.id)
            if clock is None or placement.deadline is None:
                continue
            shown = present(placement.deadline, now)
            text = f"{shown.status_word}: {shown.detail}"
            clock.setText(text)
            clock.setAccessibleName(shown.text)

    def clock_text(self, placement_id: int) -> str:
        return str(self.clocks[placement_id].text())

    def offender_perpetrators(self) -> list[PersonSnapshot]:
        return [
            person
            for person in self.people
            if person.role is PersonRole.ALLEGED_PERPETRATOR and person.kind is PersonKind.OFFENDER
        ]

    def unplaced(self) -> list[PersonSnapshot]:
        held = {p.case_person_id for p in self.placements if p.released_at is None}
        return [person for person in self.offender_perpetrators() if person.id not in held]

    def _on_release_clicked(self, placement_id: int) -> None:
        placement = next(p for p in self.placements if p.id == placement_id)
        self._open(ReleaseDialog(placement, self.context, self))

    def _on_place_another_clicked(self) -> None:
        self._open(PlaceDialog(self.unplaced(), self.context, self))

    def _open(self, dialog: PanelDialog) -> None:
        dialog.succeeded.connect(self._on_dialog_succeeded)
        self.dialog = dialog
        dialog.open()

    def _on_dialog_succeeded(self, _: object) -> None:
        if not self._retired:
            self.recorded.emit()
