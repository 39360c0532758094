"""Which step shows which follow-up panel under its fields, and the two read-only panels: the
notifications of one kind (CPP 14.7 G.3.c, G.9, G.10) and consent as the medical record has it
(G.5.c: the forensic exam and medical care, side by side).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from incident_desk.domain.enums import Consent, NotificationKind
from incident_desk.domain.validation import format_moment
from incident_desk.services.medical import MedicalSnapshot
from incident_desk.services.notifications import NotificationSnapshot
from incident_desk.services.snapshots import PersonSnapshot
from incident_desk.ui.messages import step_panels as words
from incident_desk.ui.workflow.advocate_panel import AdvocatePanel
from incident_desk.ui.workflow.clean_sheet_panel import CleanSheetPanel
from incident_desk.ui.workflow.dry_cell_panel import DryCellPanel
from incident_desk.ui.workflow.step_fields import page_label
from incident_desk.ui.workflow.step_panel_base import PanelContext, StepPanel


def notification_lines(rows: tuple[NotificationSnapshot, ...]) -> list[str]:
    """One paragraph per notification: who, how, when, and the correction if there was one."""
    lines = []
    for row in rows:
        text = words.NOTIFICATION_LINE.format(
            person=row.person_name,
            method=words.METHOD_WORDS[row.method],
            time=format_moment(row.notified_at),
            by=row.recorded_by,
        )
        if row.other_facility_name:
            text += " " + words.NOTIFICATION_FACILITY.format(facility=row.other_facility_name)
        if row.details:
            text += f" {row.details}"
        if row.corrects_id is not None:
            text += "\n" + words.NOTIFICATION_CORRECTED.format(
                who=row.recorded_by,
                recorded=format_moment(row.recorded_at),
                reason=row.correction_reason,
            )
        lines.append(text)
    return lines


class NotificationListPanel(StepPanel):
    """The notifications of one kind recorded in the case."""

    def __init__(
        self, kind: NotificationKind, context: PanelContext, parent: QWidget | None = None
    ) -> None:
        super().__init__(context, words.NOTIFICATIONS_HEADING, parent)
        self.kind = kind

    def load(self) -> tuple[NotificationSnapshot, ...]:
        rows = self.context.services.notifications(self.context.case_number)
        return tuple(row for row in rows if row.kind is self.kind)

    def show_loaded(self, data: tuple[NotificationSnapshot, ...]) -> None:
        self.set_lines(notification_lines(data) or [words.NOTIFICATIONS_NONE])


class ConsentPanel(StepPanel):
    """For each person with a medical record: consent to the forensic exam and to medical care."""

    def __init__(self, context: PanelContext, parent: QWidget | None = None) -> None:
        super().__init__(context, words.CONSENT_HEADING, parent)
        self.grid = QGridLayout()
        self.column.addLayout(self.grid)
        self.cells: list[QLabel] = []

    def load(self) -> tuple[tuple[MedicalSnapshot, ...], tuple[PersonSnapshot, ...]]:
        case, services = self.context.case_number, self.context.services
        return services.medical_records(case), services.people(case)

    def show_loaded(
        self, data: tuple[tuple[MedicalSnapshot, ...], tuple[PersonSnapshot, ...]]
    ) -> None:
        records, people = data
        names = {person.id: person.name for person in people}
        for cell in self.cells:
            self.grid.removeWidget(cell)
            cell.deleteLater()
        self.cells = []
        self.set_lines([] if records else [words.CONSENT_NONE])
        if not records:
            return
        self._cell(0, 1, words.CONSENT_FORENSIC, bold=True)
        self._cell(0, 2, words.CONSENT_MEDICAL, bold=True)
        for row, record in enumerate(records, start=1):
            name = names.get(record.case_person_id, "")
            self._cell(row, 0, name, bold=True)
            self._cell(row, 1, consent_text(record.forensic_exam_consent))
            self._cell(row, 2, consent_text(record.medical_care_consent))
            if record.consent_recorded_at is not None:
                recorded = words.CONSENT_RECORDED.format(
                    recorded=format_moment(record.consent_recorded_at), by=record.recorded_by
                )
                self._cell(row, 3, recorded)

    def _cell(self, row: int, column: int, text: str, *, bold: bool = False) -> None:
        label = page_label(text, self, bold=bold)
        label.setAccessibleName(text)
        self.grid.addWidget(label, row, column)
        self.cells.append(label)

    def cell_texts(self) -> list[str]:
        return [cell.text() for cell in self.cells]


def consent_text(consent: Consent) -> str:
    return words.CONSENT_WORDS[consent]


PanelFactory = Callable[[PanelContext], StepPanel]

#: The follow-up panel of each step that has one.
PANELS: dict[str, PanelFactory] = {
    "dry_cell": DryCellPanel,
    "victim_advocate": AdvocatePanel,
    "clean_sheet": CleanSheetPanel,
    "consent": ConsentPanel,
    "warden_notification": partial(NotificationListPanel, NotificationKind.WARDEN),
    "investigator_notification": partial(NotificationListPanel, NotificationKind.INVESTIGATOR),
    "state_police_referral": partial(NotificationListPanel, NotificationKind.STATE_POLICE),
    "other_facility_notice": partial(NotificationListPanel, NotificationKind.OTHER_FACILITY_HEAD),
}


def panel_for(context: PanelContext) -> StepPanel | None:
    """The panel of the context's step, or None when the step has none."""
    factory = PANELS.get(context.step.key)
    return None if factory is None else factory(context)
