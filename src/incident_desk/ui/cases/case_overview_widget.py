"""A case at a glance: what was reported, who is in it, its live clocks and its timeline.

The guided step pages join this workspace later; everything here is read from snapshots.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QSplitter, QVBoxLayout, QWidget

from incident_desk.domain.deadlines import DeadlineSettings
from incident_desk.services.snapshots import CaseDetail
from incident_desk.ui.messages.cases import ALLEGATION_WORDS, STATUS_WORDS, people_text
from incident_desk.ui.widgets.background import BackgroundRunner
from incident_desk.ui.widgets.clock_banner_widget import ClockBannerWidget, snapshot_source
from incident_desk.ui.workflow.timeline_widget import TimelineLoader, TimelineWidget


def _moment(value: datetime | None) -> str:
    return "unknown" if value is None else f"{value:%d %b %Y %H:%M} UTC"


class CaseOverviewWidget(QWidget):
    def __init__(
        self,
        detail: CaseDetail,
        timeline_loader: TimelineLoader,
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
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(facts)
        self.timeline = TimelineWidget(summary.case_number, timeline_loader, runner, splitter)
        splitter.addWidget(self.timeline)
        splitter.setStretchFactor(1, 1)
        layout.addWidget(splitter, 1)
        self.timeline.reload()

    def refresh(self, now: datetime) -> None:
        self.banner.refresh(now)
