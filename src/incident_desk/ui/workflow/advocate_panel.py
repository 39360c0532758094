"""Under the victim advocate step (CPP 14.7 G.6): the stages of the offer so far, and the next
stage, offering only the stages that may follow (services.notification_rules.ADVOCATE_NEXT).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QPushButton, QWidget

from incident_desk.domain.enums import AdvocateStatus, NotificationKind, NotificationMethod
from incident_desk.domain.protocol import FieldDefinition, FieldKind
from incident_desk.domain.validation import format_moment
from incident_desk.services.first_response import FIELD_LATE_ENTRY_REASON
from incident_desk.services.notification_rules import ADVOCATE_NEXT
from incident_desk.services.notifications import NotificationSnapshot
from incident_desk.ui.messages import step_panels as words
from incident_desk.ui.workflow.step_fields import DateTimeFieldEditor
from incident_desk.ui.workflow.step_panel_base import PanelContext, PanelDialog, StepPanel


def stage_lines(stages: tuple[NotificationSnapshot, ...]) -> list[str]:
    lines = []
    for stage in stages:
        status = stage.advocate_status
        text = words.ADVOCATE_STAGE.format(
            stage=words.ADVOCATE_STAGE_WORDS[status] if status is not None else "",
            time=format_moment(stage.notified_at),
            person=stage.person_name,
            method=words.METHOD_WORDS[stage.method],
        )
        if stage.details:
            text += " " + words.ADVOCATE_INFORMATION.format(details=stage.details)
        lines.append(text)
    return lines


class NextStageDialog(PanelDialog):
    """The next stage of the offer: which, when, who, how and what the service was told."""

    def __init__(
        self,
        allowed: tuple[AdvocateStatus, ...],
        context: PanelContext,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(words.ADVOCATE_NEXT_TITLE, context.runner, parent)
        self._context = context
        self._now: Callable[[], datetime] = context.services.now
        self.stage = QComboBox(self)
        self.stage.setAccessibleName(words.ADVOCATE_STAGE_LABEL)
        for status in allowed:
            self.stage.addItem(words.ADVOCATE_STAGE_WORDS[status], status)
        self.add_row("advocate_status", words.ADVOCATE_STAGE_LABEL, self.stage)
        when = FieldDefinition("notified_at", words.ADVOCATE_WHEN, FieldKind.DATETIME)
        self.when = DateTimeFieldEditor(when, self._now, self)
        self.when.set_moment(self._now())
        self.add_row("notified_at", words.ADVOCATE_WHEN, self.when)
        self.person = QLineEdit(self)
        self.person.setAccessibleName(words.ADVOCATE_PERSON)
        self.add_row("person_name", words.ADVOCATE_PERSON, self.person)
        self.method = QComboBox(self)
        self.method.setAccessibleName(words.ADVOCATE_METHOD)
        for method, text in words.METHOD_WORDS.items():
            self.method.addItem(text, method)
        self.add_row("method", words.ADVOCATE_METHOD, self.method)
        self.details = QPlainTextEdit(self)
        self.details.setTabChangesFocus(True)
        self.details.setAccessibleName(words.ADVOCATE_DETAILS)
        self.details.setMaximumHeight(90)
        self.add_row("details", words.ADVOCATE_DETAILS, self.details)
        self.late_reason = QLineEdit(self)
        self.late_reason.setAccessibleName(words.DRY_CELL_LATE_REASON)
        self.add_row(FIELD_LATE_ENTRY_REASON, words.DRY_CELL_LATE_REASON, self.late_reason)
        self.set_ok_text(words.ADVOCATE_RECORD, "Record this stage of the offer")
        self.finish_layout()

    def stage_choices(self) -> list[AdvocateStatus]:
        return [AdvocateStatus(self.stage.itemData(i)) for i in range(self.stage.count())]

    def work(self) -> Callable[[], object]:
        record = self._context.services.record_notification
        case = self._context.case_number
        # Qt hands an enum back as its plain string value: make it the enum again.
        status = AdvocateStatus(self.stage.currentData())
        method = NotificationMethod(self.method.currentData())
        moment = self.when.moment() or self._now()
        person, details = self.person.text(), self.details.toPlainText()
        late = self.late_reason.text()
        return lambda: record(
            case,
            NotificationKind.VICTIM_ADVOCATE,
            method=method,
            notified_at=moment,
            person_name=person,
            details=details,
            advocate_status=status,
            late_entry_reason=late,
        )


class AdvocatePanel(StepPanel):
    """The offer's stages in order, and "Record next stage…"."""

    def __init__(self, context: PanelContext, parent: QWidget | None = None) -> None:
        super().__init__(context, words.ADVOCATE_HEADING, parent)
        self.stages: tuple[NotificationSnapshot, ...] = ()
        self.dialog: NextStageDialog | None = None
        self.next_stage = QPushButton(words.ADVOCATE_NEXT, self)
        self.next_stage.setAccessibleName("Record the next stage of the victim advocate offer")
        self.next_stage.clicked.connect(self._on_next_stage_clicked)
        self.next_stage.setVisible(context.writable)
        self.column.addWidget(self.next_stage)

    def load(self) -> tuple[NotificationSnapshot, ...]:
        rows = self.context.services.notifications(self.context.case_number)
        return tuple(row for row in rows if row.kind is NotificationKind.VICTIM_ADVOCATE)

    def show_loaded(self, data: tuple[NotificationSnapshot, ...]) -> None:
        self.stages = data
        self.set_lines(stage_lines(data) or [words.ADVOCATE_NONE])

    def allowed_next(self) -> tuple[AdvocateStatus, ...]:
        current = self.stages[-1].advocate_status if self.stages else None
        return ADVOCATE_NEXT[current]

    def _on_next_stage_clicked(self) -> None:
        dialog = NextStageDialog(self.allowed_next(), self.context, self)
        dialog.succeeded.connect(self._on_dialog_succeeded)
        self.dialog = dialog
        dialog.open()

    def _on_dialog_succeeded(self, _: object) -> None:
        if not self._retired:
            self.recorded.emit()
