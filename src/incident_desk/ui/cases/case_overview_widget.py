"""A case's workspace: its live clocks on top, then the guided first-response steps, evidence
preservation, the crime scene and its entry log, the evidence and its chain of custody, the
signed documents, what was reported and who is in it, and the timeline of everything recorded."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from typing import cast

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QFormLayout, QLabel, QTabWidget, QVBoxLayout, QWidget

from incident_desk.domain.deadlines import Deadline, DeadlineSettings
from incident_desk.services.snapshots import CaseDetail
from incident_desk.ui.cases.investigator_assignment_widget import (
    AssignmentServices,
    InvestigatorAssignmentWidget,
)
from incident_desk.ui.documents.documents_services import DocumentsServices
from incident_desk.ui.documents.documents_widget import DocumentsWidget
from incident_desk.ui.evidence.evidence_services import EvidenceServices
from incident_desk.ui.evidence.evidence_widget import EvidenceWidget
from incident_desk.ui.messages.cases import (
    ALLEGATION_WORDS,
    ASSIGNMENT_HEADING,
    STATUS_WORDS,
    people_text,
)
from incident_desk.ui.scene.scene_services import SceneServices
from incident_desk.ui.scene.scene_widget import SceneWidget
from incident_desk.ui.widgets.background import BackgroundRunner
from incident_desk.ui.widgets.clock_banner_widget import ClockBannerWidget, snapshot_source
from incident_desk.ui.widgets.lazy_section_widget import LazySectionWidget
from incident_desk.ui.workflow.preservation_widget import PreservationServices, PreservationWidget
from incident_desk.ui.workflow.timeline_widget import TimelineLoader, TimelineWidget
from incident_desk.ui.workflow.workflow_widget import StepServices, WorkflowWidget


@dataclass(frozen=True)
class CaseScreenServices:
    """The use-cases behind each section of a case, bound to the signed-in workspace."""

    steps: StepServices
    preservation: PreservationServices
    scene: SceneServices
    evidence: EvidenceServices
    documents: DocumentsServices
    assignment: AssignmentServices


SECTION_SCENE = "Crime scene"
SECTION_EVIDENCE = "Evidence and custody"
SECTION_DOCUMENTS = "Documents"


def _moment(value: datetime | None) -> str:
    return "unknown" if value is None else f"{value:%d %b %Y %H:%M} UTC"


class CaseOverviewWidget(QWidget):
    def __init__(
        self,
        detail: CaseDetail,
        timeline_loader: TimelineLoader,
        services: CaseScreenServices,
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
        self.assignment: InvestigatorAssignmentWidget | None = None
        if services.assignment.allowed:
            self.assignment = InvestigatorAssignmentWidget(
                summary.case_number, services.assignment, runner, facts
            )
            form.addRow(f"{ASSIGNMENT_HEADING}:", self.assignment)
        self.sections = QTabWidget(self)
        self.sections.setAccessibleName(f"Sections of case {summary.case_number}")
        number = summary.case_number
        self.workflow = WorkflowWidget(number, services.steps, runner, self.sections)
        self.timeline = TimelineWidget(number, timeline_loader, runner, self.sections)
        self.preservation = PreservationWidget(number, services.preservation, runner, self.sections)
        # Built when first opened: reading the scene log, verifying the chain of custody and
        # drawing the forms wait until someone looks at them.
        self.scene_section = LazySectionWidget(
            lambda parent: SceneWidget(number, services.scene, runner, parent),
            SECTION_SCENE,
            self.sections,
        )
        self.evidence_section = LazySectionWidget(
            lambda parent: EvidenceWidget(number, services.evidence, runner, parent),
            SECTION_EVIDENCE,
            self.sections,
        )
        self.documents_section = LazySectionWidget(
            lambda parent: DocumentsWidget(number, services.documents, runner, parent),
            SECTION_DOCUMENTS,
            self.sections,
        )
        self.sections.addTab(self.workflow, "First-response steps")
        self.sections.addTab(self.preservation, "Evidence preservation")
        self.sections.addTab(self.scene_section, SECTION_SCENE)
        self.sections.addTab(self.evidence_section, SECTION_EVIDENCE)
        self.sections.addTab(self.documents_section, SECTION_DOCUMENTS)
        self.sections.addTab(facts, "Report")
        self.sections.addTab(self.timeline, "Timeline")
        layout.addWidget(self.sections, 1)
        self._add_section_keys()
        self.workflow.reload()  # the other sections load themselves
        self.timeline.reload()
        # What is recorded shows at once: in the timeline, and in the clocks it stops.
        self.workflow.loaded.connect(self.timeline.reload)
        self.workflow.loaded.connect(self.reload_clocks)
        self.preservation.loaded.connect(self.reload_clocks)
        self.scene_section.built.connect(self._on_scene_built)
        self.evidence_section.built.connect(self._on_evidence_built)

    @property
    def scene(self) -> SceneWidget:
        return cast(SceneWidget, self.scene_section.build())

    @property
    def evidence(self) -> EvidenceWidget:
        return cast(EvidenceWidget, self.evidence_section.build())

    @property
    def documents(self) -> DocumentsWidget:
        return cast(DocumentsWidget, self.documents_section.build())

    def _on_scene_built(self, scene: SceneWidget) -> None:
        for recorded in (scene.scene_recorded, scene.entry_logged, scene.exit_logged):
            recorded.connect(self.timeline.reload)
        # A release completes checklist step 7: the checklist (and with it the timeline and the
        # clocks) is read again.
        scene.scene_released.connect(partial(self.workflow.reload, False))

    def _on_evidence_built(self, evidence: EvidenceWidget) -> None:
        evidence.recorded.connect(self.timeline.reload)

    def _add_section_keys(self) -> None:
        """Alt+1 to Alt+8 open the sections: the tabs carry no Alt+letter, so the letters stay
        with the buttons of the section showing and never clash with them."""
        for index in range(self.sections.count()):
            key = QKeySequence(f"Alt+{index + 1}")
            shortcut = QShortcut(key, self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(partial(self.sections.setCurrentIndex, index))
            title = self.sections.tabText(index)
            self.sections.setTabToolTip(index, f"{title} ({key.toString()})")

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
        for lazy in (self.scene_section, self.evidence_section, self.documents_section):
            if lazy.section is not None:
                lazy.section.retire()  # type: ignore[attr-defined]
