"""The New report dialog (Ctrl+N; SPEC step 1, CPP 14.7 G.1–G.2).

It asks first what matters in the first minutes — is the victim safe, is anyone at imminent
risk — and, if someone is not safe, what was done to protect them (G.1). Then the intake:
how and when the report came in, where and when it happened, what is alleged, and who is
involved. "Open the report" hands a ``NewReport`` to the bound ``open_report`` on a worker
thread; what the service refuses is written under the fields it names and in a summary at the
top, and every field keeps what was typed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import QDate, QDateTime, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from incident_desk.domain.enums import AllegationType, LocationType, ReceivedHow, TimeCertainty
from incident_desk.domain.validation import ValidationMessage
from incident_desk.services.cases import NewReport
from incident_desk.services.errors import InputRejected
from incident_desk.services.snapshots import CaseDetail
from incident_desk.ui.messages import intake as words
from incident_desk.ui.messages.cases import ALLEGATION_WORDS
from incident_desk.ui.widgets.background import BackgroundRunner
from incident_desk.ui.workflow.people_editor_widget import ERROR_STYLE, PeopleEditorWidget

_PERSON_FIELD = re.compile(r"people\[(\d+)\]")
# The dialog's own checks, before anything is sent: fields the service cannot judge.
_SAFETY_FIELDS = ("victim_safe", "imminent_risk")


class NewReportDialog(QDialog):
    report_opened = Signal(str)

    def __init__(
        self,
        open_report: Callable[[NewReport], CaseDetail],
        clock_now: Callable[[], datetime],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._open_report = open_report
        self.setWindowTitle(words.DIALOG_TITLE)
        self.resize(1000, 720)
        self.runner = BackgroundRunner(self)
        self.runner.busy_changed.connect(self._on_runner_busy_changed)
        self.errors: dict[str, QLabel] = {}
        self.summary = QLabel(self)
        self.summary.setAccessibleName(words.SUMMARY_NAME)
        self.summary.setStyleSheet(ERROR_STYLE)
        self.summary.setWordWrap(True)
        self.summary.hide()
        page = QWidget(self)
        column = QVBoxLayout(page)
        heading = QLabel(f"<h2>{words.HEADING}</h2>", page)
        heading.setAccessibleName(words.HEADING)
        intro = QLabel(words.INTRO, page)
        intro.setWordWrap(True)
        column.addWidget(heading)
        column.addWidget(intro)
        column.addWidget(self.summary)
        column.addWidget(self._build_safety(page))
        column.addWidget(self._build_report(page, clock_now().astimezone()))
        column.addWidget(self._build_people(page))
        column.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(page)
        self.scroll_area = scroll
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(160)
        self.busy.setTextVisible(False)
        self.busy.setAccessibleName(words.BUSY_NAME)
        self.busy.hide()
        self.busy_label = QLabel(words.BUSY, self)
        self.busy_label.hide()
        buttons = QDialogButtonBox(self)
        self.open_button = buttons.addButton(
            words.OPEN_REPORT, QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.open_button.setAccessibleName(words.OPEN_REPORT.replace("&", ""))
        self.open_button.setDefault(False)
        self.open_button.setAutoDefault(False)
        cancel = buttons.addButton(words.CANCEL, QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setAccessibleName(words.CANCEL)
        self.open_button.clicked.connect(self._on_open_button_clicked)
        cancel.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.busy)
        bottom.addWidget(self.busy_label)
        bottom.addStretch(1)
        bottom.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addLayout(bottom)
        self._on_safety_changed()
        self._on_certainty_changed()
        self._on_elsewhere_toggled()
        self.victim_safe_field.setFocus()

    # -- building ----------------------------------------------------------------------------

    def _build_safety(self, parent: QWidget) -> QGroupBox:
        box = QGroupBox(words.SAFETY_HEADING, parent)
        form = QFormLayout(box)
        self.victim_safe_field = self._choice(
            box, words.VICTIM_SAFE, words.YES_SAFE, words.NO_NOT_SAFE
        )
        self.imminent_risk_field = self._choice(
            box, words.IMMINENT_RISK, words.YES_AT_RISK, words.NO_RISK
        )
        self._add_row(form, words.VICTIM_SAFE, self.victim_safe_field, "victim_safe")
        self._add_row(form, words.IMMINENT_RISK, self.imminent_risk_field, "imminent_risk")
        self.g1_quote = QLabel(words.G1_QUOTE, box)
        self.g1_quote.setWordWrap(True)
        self.g1_quote.setAccessibleName(words.G1_QUOTE)
        self.protective_action_field = QPlainTextEdit(box)
        self.protective_action_field.setPlaceholderText(words.PROTECTIVE_ACTION_HINT)
        self.protective_action_field.setTabChangesFocus(True)
        self.protective_action_field.setFixedHeight(64)
        form.addRow(self.g1_quote)
        self._add_row(
            form, words.PROTECTIVE_ACTION, self.protective_action_field, "protective_action"
        )
        self.victim_safe_field.currentIndexChanged.connect(self._on_safety_changed)
        self.imminent_risk_field.currentIndexChanged.connect(self._on_safety_changed)
        return box

    def _build_report(self, parent: QWidget, now: datetime) -> QGroupBox:
        box = QGroupBox(words.REPORT_HEADING, parent)
        form = QFormLayout(box)
        self.received_how_field = QComboBox(box)
        for how, text in words.RECEIVED_HOW_WORDS.items():
            self.received_how_field.addItem(text, how)
        self.received_at_field = self._time_edit(box, now)
        self._received_default = self.received_at_field.dateTime()
        self.reported_by_field = QLineEdit(box)
        self.reported_by_field.setPlaceholderText(words.REPORTED_BY_HINT)
        self.location_field = QLineEdit(box)
        self.location_field.setPlaceholderText(words.LOCATION_HINT)
        self.location_type_field = QComboBox(box)
        for kind, text in words.LOCATION_TYPE_WORDS.items():
            self.location_type_field.addItem(text, kind)
        self.certainty_field = QComboBox(box)
        for certainty, text in (
            (TimeCertainty.UNKNOWN, words.CERTAINTY_UNKNOWN),
            (TimeCertainty.EXACT, words.CERTAINTY_EXACT),
            (TimeCertainty.APPROXIMATE, words.CERTAINTY_APPROXIMATE),
        ):
            self.certainty_field.addItem(text, certainty)
        self.incident_at_field = self._time_edit(box, now)
        self.margin_field = QSpinBox(box)
        self.margin_field.setRange(0, 168)
        self.margin_field.setPrefix(words.MARGIN_PREFIX)
        self.margin_field.setSuffix(words.MARGIN_SUFFIX)
        self.elsewhere_field = QCheckBox(words.OCCURRED_ELSEWHERE, box)
        self.other_facility_field = QLineEdit(box)
        self.allegation_field = QComboBox(box)
        self.allegation_field.addItem(words.CHOOSE, None)
        for allegation in AllegationType:
            self.allegation_field.addItem(ALLEGATION_WORDS[allegation], allegation)
        self.narrative_field = QPlainTextEdit(box)
        self.narrative_field.setTabChangesFocus(True)
        self.narrative_field.setFixedHeight(96)
        self._add_row(form, words.RECEIVED_HOW, self.received_how_field, "received_how")
        self._add_row(form, words.RECEIVED_AT, self.received_at_field, "received_at")
        self._add_row(form, words.REPORTED_BY, self.reported_by_field, "reported_by")
        self._add_row(form, words.LOCATION, self.location_field, "location")
        self._add_row(form, words.LOCATION_TYPE, self.location_type_field, "location_type")
        self._add_row(form, words.INCIDENT_CERTAINTY, self.certainty_field, "incident_certainty")
        self._add_row(form, words.INCIDENT_AT, self.incident_at_field, "incident_at")
        self._add_row(form, words.INCIDENT_MARGIN, self.margin_field, "incident_margin")
        self.elsewhere_field.setAccessibleName(words.OCCURRED_ELSEWHERE)
        form.addRow(self.elsewhere_field)
        self._add_row(form, words.OTHER_FACILITY, self.other_facility_field, "other_facility_name")
        self._add_row(form, words.ALLEGATION, self.allegation_field, "allegation_type")
        self._add_row(form, words.NARRATIVE, self.narrative_field, "narrative")
        self.certainty_field.currentIndexChanged.connect(self._on_certainty_changed)
        self.elsewhere_field.toggled.connect(self._on_elsewhere_toggled)
        return box

    def _build_people(self, parent: QWidget) -> QGroupBox:
        box = QGroupBox(words.PEOPLE_HEADING, parent)
        self.people_editor = PeopleEditorWidget(box)
        self.people_editor.setAccessibleName(words.PEOPLE_HEADING)
        QVBoxLayout(box).addWidget(self.people_editor)
        return box

    def _choice(self, parent: QWidget, name: str, yes: str, no: str) -> QComboBox:
        field = QComboBox(parent)
        field.addItem(words.CHOOSE, None)
        field.addItem(yes, True)
        field.addItem(no, False)
        field.setAccessibleName(name)
        return field

    def _time_edit(self, parent: QWidget, now: datetime) -> QDateTimeEdit:
        shown = QDateTime(QDate(now.year, now.month, now.day), QTime(now.hour, now.minute))
        field = QDateTimeEdit(shown, parent)
        field.setDisplayFormat(words.TIME_FORMAT)
        field.setCalendarPopup(True)
        return field

    def _add_row(self, form: QFormLayout, caption: str, field: QWidget, key: str) -> None:
        """A captioned field with its own, normally hidden, line for what is wrong with it."""
        field.setAccessibleName(caption)
        error = QLabel(field.parentWidget())
        error.setStyleSheet(ERROR_STYLE)
        error.setWordWrap(True)
        error.setAccessibleName(f"{caption}: problem")
        error.hide()
        holder = QWidget(field.parentWidget())
        stack = QVBoxLayout(holder)
        stack.setContentsMargins(0, 0, 0, 0)
        stack.setSpacing(2)
        stack.addWidget(field)
        stack.addWidget(error)
        label = QLabel(caption, field.parentWidget())
        label.setBuddy(field)
        form.addRow(label, holder)
        self.errors[key] = error

    # -- reading the form --------------------------------------------------------------------

    def report(self) -> NewReport:
        """What is on screen, as the service's input."""
        certainty = TimeCertainty(self.certainty_field.currentData())
        received = self.received_at_field.dateTime()
        return NewReport(
            received_how=ReceivedHow(self.received_how_field.currentData()),
            allegation_type=AllegationType(self.allegation_field.currentData()),
            # Untouched, the received time is "now" to the second, decided by the service.
            received_at=None if received == self._received_default else _utc(received),
            location=self.location_field.text(),
            location_type=LocationType(self.location_type_field.currentData()),
            reported_by=self.reported_by_field.text(),
            incident_at=None
            if certainty is TimeCertainty.UNKNOWN
            else _utc(self.incident_at_field.dateTime()),
            incident_certainty=certainty,
            incident_margin_minutes=self.margin_field.value() * 60
            if certainty is TimeCertainty.APPROXIMATE
            else 0,
            occurred_elsewhere=self.elsewhere_field.isChecked(),
            other_facility_name=self.other_facility_field.text()
            if self.elsewhere_field.isChecked()
            else "",
            narrative=self.narrative_field.toPlainText(),
            imminent_risk=self._someone_at_risk(),
            protective_action=self.protective_action_field.toPlainText(),
            people=self.people_editor.people(),
        )

    def _someone_at_risk(self) -> bool:
        # A victim who is not safe yet is, by definition, at risk: G.1 applies to them too.
        return (
            self.victim_safe_field.currentData() is False
            or self.imminent_risk_field.currentData() is True
        )

    def _own_checks(self) -> list[ValidationMessage]:
        messages = []
        if self.victim_safe_field.currentData() is None:
            messages.append(ValidationMessage("victim_safe", words.ANSWER_VICTIM_SAFE))
        if self.imminent_risk_field.currentData() is None:
            messages.append(ValidationMessage("imminent_risk", words.ANSWER_IMMINENT_RISK))
        if self.allegation_field.currentData() is None:
            messages.append(ValidationMessage("allegation_type", words.ANSWER_ALLEGATION))
        return messages

    # -- showing problems --------------------------------------------------------------------

    def show_problems(self, messages: list[ValidationMessage]) -> None:
        """Each message under its field (or its person), and all of them in the summary."""
        by_field: dict[str, list[str]] = {}
        by_person: dict[int, str] = {}
        for message in messages:
            match = _PERSON_FIELD.match(message.field)
            if match:
                by_person[int(match.group(1))] = message.text
            else:
                by_field.setdefault(message.field, []).append(message.text)
        for key, label in self.errors.items():
            texts = by_field.get(key, [])
            label.setText(" ".join(texts))
            label.setVisible(bool(texts))
        self.people_editor.show_errors(by_person)
        if messages:
            items = "".join(f"<li>{_escape(message.text)}</li>" for message in messages)
            self.summary.setText(f"{_escape(words.SUMMARY_HEADING)}<ul>{items}</ul>")
        self.summary.setVisible(bool(messages))
        if messages:
            self.scroll_area.ensureWidgetVisible(self.summary)

    # -- slots -------------------------------------------------------------------------------

    def _on_open_button_clicked(self) -> None:
        if self.runner.busy:
            return
        problems = self._own_checks()
        if problems:
            self.show_problems(problems)
            return
        report = self.report()
        work = self._open_report
        self.runner.run(lambda: work(report), self._on_report_saved, self._on_report_failed)

    def _on_report_saved(self, detail: CaseDetail) -> None:
        self.show_problems([])
        self.report_opened.emit(detail.summary.case_number)
        self.accept()

    def _on_report_failed(self, error: BaseException) -> None:
        if isinstance(error, InputRejected):
            self.show_problems(list(error.messages))
            return
        self.show_problems([ValidationMessage("", words.FAILED.format(error=error))])

    def _on_runner_busy_changed(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.busy_label.setVisible(busy)
        self.open_button.setEnabled(not busy)

    def _on_safety_changed(self) -> None:
        at_risk = self._someone_at_risk()
        self.protective_action_field.setEnabled(at_risk)
        self.g1_quote.setVisible(at_risk)

    def _on_certainty_changed(self) -> None:
        certainty = TimeCertainty(self.certainty_field.currentData())
        self.incident_at_field.setEnabled(certainty is not TimeCertainty.UNKNOWN)
        self.margin_field.setEnabled(certainty is TimeCertainty.APPROXIMATE)

    def _on_elsewhere_toggled(self) -> None:
        self.other_facility_field.setEnabled(self.elsewhere_field.isChecked())


def _utc(moment: QDateTime) -> datetime:
    """A time typed on the local wall clock, as UTC for the service."""
    value = moment.toPython()
    assert isinstance(value, datetime)
    return value.astimezone().astimezone(UTC)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
