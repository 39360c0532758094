"""A case's workspace: its live clocks on top, then the guided first-response steps, what
was reported and who is in it, and the timeline of everything recorded."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QTabWidget, QVBoxLayout, QWidget

from incident_desk.domain.deadlines import DeadlineSettings
from incident_desk.services.snapshots import CaseDetail
from incident_desk.ui.messages.cases import ALLEGATION_WORDS, STATUS_WORDS, people_text
from incident_desk.ui.widgets.background import BackgroundRunner
from incident_desk.ui.widgets.clock_banner_widget import ClockBannerWidget, snapshot_source
from incident_desk.ui.workflow.timeline_widget import TimelineLoader, TimelineWidget
from incident_desk.ui.workflow.workflow_widget import StepServices, WorkflowWidget


def _moment(value: datetime | None) -> str:
    return "unknown" if value is None else f"{value:%d %b %Y %H:%M} UTC"


class CaseOverviewWidget(QWidget):
    def __init__(
        self,
        detail: CaseDetail,
        timeline_loader: TimelineLoader,
        step_services: StepServices,
        runner: BackgroundRunner,
        settings: DeadlineSettings,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        summary = detail.summary
        self.case_number = summary.case_number
        self.setAccessibleName(f"Case {summary.case_number}")
        layout = QVBoxLayout(self)
        title = QLabel(f"<h2>{summary.case_number}</h2>", self)
        title.setAccessibleName(f"Case number {summary.case_number}")
        layout.addWidget(title)
        self.banner = ClockBannerWidget(snapshot_source(detail.deadlines, settings), self)
        layout.addWidget(self.banner)
        facts = QWidget(self)
        form = QFormLayout(facts)
        rows = (
            ("Status", STATUS_WORDS[summary.status]),
            ("Allegation", ALLEGATION_WORDS[summary.allegation_type]),
            ("Received", f"{_moment(summary.received_at)} by {detail.received_by}"),
            ("Incident time", f"{_moment(detail.incident_at)} ({detail.incident_certainty.value})"),
            ("Location", summary.location or "not recorded"),
            ("People", people_text(summary.people) or "none recorded yet"),
            ("Narrative", detail.narrative or "not recorded"),
        )
        for label, value in rows:
            shown = QLabel(value, facts)
            shown.setWordWrap(True)
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
            shown.setAccessibleName(f"{label}: {value}")
            form.addRow(f"{label}:", shown)
        self.sections = QTabWidget(self)
        self.sections.setAccessibleName(f"Sections of case {summary.case_number}")
        self.workflow = WorkflowWidget(summary.case_number, step_services, runner, self.sections)
        self.timeline = TimelineWidget(summary.case_number, timeline_loader, runner, self.sections)
        self.sections.addTab(self.workflow, "First-response &steps")
        self.sections.addTab(facts, "&Report")
        self.sections.addTab(self.timeline, "&Timeline")
        layout.addWidget(self.sections, 1)
        self.workflow.reload()
        self.timeline.reload()
        # What is recorded in a step shows in the timeline at once.
        self.workflow.loaded.connect(self.timeline.reload)

    def refresh(self, now: datetime) -> None:
        self.banner.refresh(now)
