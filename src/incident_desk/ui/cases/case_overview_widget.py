"""A case's workspace: its live clocks on top, then the guided first-response steps, what
was reported and who is in it, and the timeline of everything recorded."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QTabWidget, QVBoxLayout, QWidget

from incident_desk.domain.deadlines import Deadline, DeadlineSettings
from incident_desk.services.snapshots import CaseDetail
from incident_desk.ui.messages.cases import ALLEGATION_WORDS, STATUS_WORDS, people_text
from incident_desk.ui.widgets.background import BackgroundRunner
from incident_desk.ui.widgets.clock_banner_widget import ClockBannerWidget, snapshot_source
from incident_desk.ui.workflow.preservation_widget import PreservationServices, PreservationWidget
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
        preservation_services: PreservationServices,
        clocks_loader: Callable[[], tuple[Deadline, ...]],
        runner: BackgroundRunner,
        settings: DeadlineSettings,
        now: Callable[[], datetime],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._clocks_loader = clocks_loader
        self._runner = runner
        self._settings = settings
        self._now = now
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
        self.preservation = PreservationWidget(
            summary.case_number, preservation_services, runner, self.sections
        )
        self.sections.addTab(self.workflow, "First-response &steps")
        self.sections.addTab(self.preservation, "Evidence &preservation")
        self.sections.addTab(facts, "&Report")
        self.sections.addTab(self.timeline, "&Timeline")
        layout.addWidget(self.sections, 1)
        self.workflow.reload()  # the preservation cards load themselves
        self.timeline.reload()
        # What is recorded shows at once: in the timeline, and in the clocks it stops.
        self.workflow.loaded.connect(self.timeline.reload)
        self.workflow.loaded.connect(self.reload_clocks)
        self.preservation.loaded.connect(self.reload_clocks)

    def refresh(self, now: datetime) -> None:
        self.banner.refresh(now)

    def reload_clocks(self) -> None:
        self._runner.run(self._clocks_loader, self._on_clocks_loaded, self._on_clocks_failed)

    def _on_clocks_loaded(self, deadlines: tuple[Deadline, ...]) -> None:
        self.banner.set_deadlines(deadlines, self._now(), self._settings)

    def _on_clocks_failed(self, error: BaseException) -> None:
        # The clocks keep counting from the last figures; the next recording retries.
        self.banner.setToolTip(f"The clocks could not be brought up to date: {error}")

    def retire(self) -> None:
        """Stop background work that would touch this tab after it is closed."""
        self.preservation.retire()
