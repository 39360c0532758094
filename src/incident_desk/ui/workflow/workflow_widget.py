"""The guided first response of one case: the checklist on the left, the open step on the right.

Any step can be opened at any time. The checklist and each step's saved draft load in the
background; after a step is recorded the checklist is loaded again and the next step for the
signed-in role opens by itself. After a correction or a reopening the same step is shown
again; a step with follow-up work (step_panels.py) shows its panel under the fields.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import QLabel, QProgressBar, QSplitter, QVBoxLayout, QWidget

from incident_desk.services.snapshots import StepRecordSnapshot
from incident_desk.services.workflow import ChecklistSnapshot
from incident_desk.ui.messages import steps as words
from incident_desk.ui.widgets.background import BackgroundRunner
from incident_desk.ui.workflow.checklist_widget import ChecklistWidget
from incident_desk.ui.workflow.step_page import StepPage
from incident_desk.ui.workflow.step_panel_base import PanelContext
from incident_desk.ui.workflow.step_panel_services import StepPanelServices
from incident_desk.ui.workflow.step_panels import panel_for


@dataclass(frozen=True)
class StepServices:
    """The workflow use-cases bound to the signed-in workspace (``partial(fn, workspace)``)."""

    checklist: Callable[[str], ChecklistSnapshot]
    step_draft: Callable[[str, str], dict[str, str]]
    save_step_field: Callable[[str, str, str, str], None]
    record_step: Callable[[str, str, Mapping[str, str], datetime, str], StepRecordSnapshot]
    mark_not_applicable: Callable[[str, str, str], StepRecordSnapshot]
    now: Callable[[], datetime]
    #: ``correct_step(record_id, values, reason, occurred_at, late_entry_reason)``
    correct_step: (
        Callable[[int, dict[str, str], str, datetime | None, str], StepRecordSnapshot] | None
    ) = None
    #: ``reopen_step(case_number, step_key, reason)``
    reopen_step: Callable[[str, str, str], StepRecordSnapshot] | None = None
    #: The follow-up panels' use-cases; without them no panel is shown.
    panels: StepPanelServices | None = None


class WorkflowWidget(QWidget):
    """Checklist and step page of one case; ``reload()`` loads the checklist."""

    loaded = Signal()
    step_opened = Signal(str)
    load_failed = Signal(str)

    def __init__(
        self,
        case_number: str,
        services: StepServices,
        runner: BackgroundRunner | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._case_number = case_number
        self._services = services
        self._runner = runner or BackgroundRunner(self)
        self._open_next_after_load = False
        self._generation = 0
        #: The step to show again once the checklist is read (after a correction or reopening).
        self._reshow_after_load: str | None = None
        self.page: StepPage | None = None
        self.checklist = ChecklistWidget(self)
        self.checklist.step_selected.connect(self._on_checklist_step_selected)
        self.busy_bar = QProgressBar(self)
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setMaximumHeight(8)
        self.busy_bar.setTextVisible(False)
        self.busy_bar.setAccessibleName(words.WORKFLOW_LOADING)
        self.busy_bar.hide()
        self._runner.busy_changed.connect(self.busy_bar.setVisible)
        self.status = QLabel(words.WORKFLOW_LOADING, self)
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Checklist status")
        self._right = QWidget(self)
        self._right_layout = QVBoxLayout(self._right)
        self._right_layout.setContentsMargins(0, 0, 0, 0)
        self.placeholder = QLabel(words.WORKFLOW_PICK, self._right)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._right_layout.addWidget(self.placeholder)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.checklist)
        splitter.addWidget(self._right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([360, 1000])
        layout = QVBoxLayout(self)
        layout.addWidget(self.busy_bar)
        layout.addWidget(self.status)
        layout.addWidget(splitter, 1)

    @property
    def busy(self) -> bool:
        return self._runner.busy

    def reload(self, open_next: bool = True) -> None:
        """Load the checklist; with ``open_next`` the next step for this role opens."""
        # Loads run on a pool and may finish out of order: only the newest one is shown, and a
        # request to open the next step holds until that one arrives.
        self._open_next_after_load = self._open_next_after_load or open_next
        self._generation += 1
        generation = self._generation
        self._runner.run(
            partial(self._services.checklist, self._case_number),
            lambda snapshot: self._on_checklist_loaded(snapshot, generation),
            self._on_checklist_failed,
        )

    def open_step(self, key: str) -> None:
        """Load the step's draft and show its page."""
        if self.checklist.current_key() != key:
            self.checklist.select_step(key)  # the selection loads the page
        elif self.page is None or self.page.step.key != key:
            self._load_page(key)

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt's name
        # Leaving the screen within the save pause still keeps what was just typed.
        if self.page is not None:
            self.page.save_now()
        super().hideEvent(event)

    def _on_checklist_loaded(self, snapshot: ChecklistSnapshot, generation: int) -> None:
        if generation != self._generation:
            return  # a newer load is on its way
        self.status.hide()
        current = self.checklist.current_key()
        self.checklist.set_checklist(snapshot, current)
        self.loaded.emit()
        if self._reshow_after_load is not None:
            key, self._reshow_after_load = self._reshow_after_load, None
            self.open_step(key)
        elif self._open_next_after_load:
            self._open_next_after_load = False
            following = snapshot.next_step or (snapshot.steps[0] if snapshot.steps else None)
            if following is not None:
                self.open_step(following.key)
        elif self.page is not None and self._recorded_elsewhere(snapshot, self.page):
            # Another screen (the scene's release) or another person recorded the step that is
            # showing: the page is built again so it never offers what is already done.
            self._load_page(self.page.step.key)

    @staticmethod
    def _recorded_elsewhere(snapshot: ChecklistSnapshot, page: StepPage) -> bool:
        shown = page.step
        now = snapshot.step(shown.key)
        shown_id = None if shown.record is None else shown.record.id
        now_id = None if now.record is None else now.record.id
        return (now.state, now_id) != (shown.state, shown_id)

    def _on_checklist_failed(self, error: BaseException) -> None:
        self.status.setText(words.WORKFLOW_FAILED.format(error=error))
        self.status.show()
        self.load_failed.emit(str(error))

    def _on_checklist_step_selected(self, key: str) -> None:
        self._load_page(key)

    def _load_page(self, key: str) -> None:
        self._runner.run(
            partial(self._services.step_draft, self._case_number, key),
            lambda draft: self._show_page(key, draft),
            self._on_checklist_failed,
        )

    def _show_page(self, key: str, draft: dict[str, str]) -> None:
        snapshot = self.checklist.snapshot
        if snapshot is None or self.checklist.current_key() != key:
            return  # another step was chosen while this one loaded
        services, case = self._services, self._case_number
        step = snapshot.step(key)
        panel = None
        if services.panels is not None:
            context = PanelContext(case, step, services.panels, self._runner)
            panel = panel_for(context)
        page = StepPage(
            step,
            draft,
            save_field=partial(services.save_step_field, case),
            record_step=partial(services.record_step, case),
            mark_not_applicable=partial(services.mark_not_applicable, case),
            now=services.now,
            runner=self._runner,
            parent=self._right,
            correct_step=services.correct_step,
            reopen_step=(
                None if services.reopen_step is None else partial(services.reopen_step, case)
            ),
            panel=panel,
        )
        if panel is not None:
            panel.recorded.connect(self._on_panel_recorded)
            panel.reload()
        page.step_recorded.connect(self._on_page_step_recorded)
        page.step_corrected.connect(self._on_page_step_changed)
        page.step_reopened.connect(self._on_page_step_changed)
        page.step_marked_not_applicable.connect(self._on_page_step_recorded)
        page.field_saved.connect(self._on_page_field_saved)
        self.placeholder.hide()
        if self.page is not None:
            self.page.save_now()  # nothing typed on the page being left is lost
            self._drop_page()
        self.page = page
        self._right_layout.addWidget(page)
        self.setTabOrder(self.checklist.step_list, page)
        self.step_opened.emit(key)

    def _on_page_field_saved(self, _: str) -> None:
        self.reload(open_next=False)

    def _on_page_step_recorded(self, key: str) -> None:
        # The page of the recorded step is rebuilt so it shows the new who/when stamp; then
        # the next step for this role opens.
        if self.page is not None and self.page.step.key == key:
            self._drop_page()
        self.reload(open_next=True)

    def _on_page_step_changed(self, key: str) -> None:
        # Corrected or reopened: the same step is shown again with its new state.
        if self.page is not None and self.page.step.key == key:
            self._drop_page()
        self._reshow_after_load = key
        self.reload(open_next=False)

    def _on_panel_recorded(self) -> None:
        if self.page is not None and self.page.panel is not None:
            self.page.panel.reload()
        self.reload(open_next=False)  # the clocks and the timeline follow the checklist

    def _drop_page(self) -> None:
        if self.page is None:
            return
        self.page.retire()
        self._right_layout.removeWidget(self.page)
        self.page.deleteLater()
        self.page = None
