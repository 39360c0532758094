"""The main window: the dashboard, the case list and the open cases, with the usual shortcuts,
the live clocks, and the auto-lock. It only assembles screens; what they show comes from the
callables the composition root binds to the signed-in workspace."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import partial

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMessageBox, QTabWidget, QWidget

from incident_desk.domain.clock import Clock
from incident_desk.domain.deadlines import Deadline, DeadlineSettings
from incident_desk.services.cases import NewReport
from incident_desk.services.snapshots import CaseDetail
from incident_desk.ui.cases.case_list_widget import CaseListWidget
from incident_desk.ui.cases.case_overview_widget import CaseOverviewWidget, CaseScreenServices
from incident_desk.ui.cases.dashboard_widget import DashboardWidget
from incident_desk.ui.cases.investigator_assignment_widget import AssignmentServices
from incident_desk.ui.documents.documents_services import DocumentsServices
from incident_desk.ui.evidence.evidence_services import EvidenceServices
from incident_desk.ui.models.case_table_model import CaseLoader
from incident_desk.ui.scene.scene_services import SceneServices
from incident_desk.ui.shell.lock_controller import LockController
from incident_desk.ui.shell.lock_overlay_widget import LockOverlayWidget, attach_lock
from incident_desk.ui.widgets.alarm_notifier import AlarmNotifier, system_sink
from incident_desk.ui.widgets.background import BackgroundRunner
from incident_desk.ui.widgets.clock_ticker import ClockTicker
from incident_desk.ui.workflow.new_report_dialog import NewReportDialog
from incident_desk.ui.workflow.preservation_widget import PreservationServices
from incident_desk.ui.workflow.timeline_widget import TimelineLoader
from incident_desk.ui.workflow.workflow_widget import StepServices

WINDOW_TITLE = "Incident Desk"


@dataclass(frozen=True)
class MainWindowServices:
    """What the main window may ask of the signed-in workspace."""

    display_name: str
    clock: Clock
    deadline_settings: DeadlineSettings
    auto_lock_minutes: int
    load_cases: CaseLoader
    open_case: Callable[[str], CaseDetail]
    timeline_loader: Callable[[str], TimelineLoader]
    reauthenticate: Callable[[str], None]
    open_report: Callable[[NewReport], CaseDetail]
    step_services: StepServices
    preservation_services: PreservationServices
    case_clocks: Callable[[str], tuple[Deadline, ...]]
    scene_services: SceneServices
    evidence_services: EvidenceServices
    documents_services: DocumentsServices
    assignment_services: AssignmentServices


class MainWindow(QMainWindow):
    signed_out = Signal()

    def __init__(self, services: MainWindowServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self.setWindowTitle(WINDOW_TITLE)
        self.resize(1366, 768)
        self.runner = BackgroundRunner(self)
        now = services.clock.now
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName("Dashboard, case list and open cases")
        self.tabs.setTabsClosable(True)
        self.tabs.tabCloseRequested.connect(self._on_tabs_close_requested)
        # The dashboard's look through every open case can take a while on a large installation:
        # its own runner keeps it from showing other screens as busy meanwhile.
        self.dashboard = DashboardWidget(
            services.load_cases,
            BackgroundRunner(self),
            now,
            services.deadline_settings,
            self.tabs,
        )
        self.case_list = CaseListWidget(
            services.load_cases, self.runner, now, services.deadline_settings, self.tabs
        )
        # No access keys on the tabs: the Cases menu's Dashboard (Ctrl+1) and Find (Ctrl+F) reach
        # them, and Alt+letters stay free for the buttons of the screen showing.
        self.tabs.addTab(self.dashboard, "Dashboard")
        self.tabs.addTab(self.case_list, "Cases")
        for fixed in (0, 1):
            self.tabs.tabBar().setTabButton(
                fixed, self.tabs.tabBar().ButtonPosition.RightSide, None
            )
        self.setCentralWidget(self.tabs)
        self.dashboard.case_opened.connect(self.open_case)
        self.case_list.case_opened.connect(self.open_case)
        self.notifier = AlarmNotifier(system_sink(self), self)
        self.ticker = ClockTicker(services.clock, self)
        self.ticker.ticked.connect(self._on_ticker_ticked)
        self.lock_controller = LockController(services.auto_lock_minutes, self, self)
        self.lock_overlay = LockOverlayWidget(self, services.display_name, services.reauthenticate)
        attach_lock(self.lock_controller, self.lock_overlay)
        self._build_menus()
        self.statusBar().showMessage(f"Signed in as {services.display_name}")
        self.ticker.start()

    def _build_menus(self) -> None:
        session = self.menuBar().addMenu("&Session")
        lock = QAction("&Lock screen", self, shortcut=QKeySequence("Ctrl+L"))
        lock.triggered.connect(self.lock_controller.lock)
        sign_out = QAction("Sign &out", self)
        sign_out.triggered.connect(self._on_sign_out_triggered)
        session.addActions([lock, sign_out])
        cases = self.menuBar().addMenu("&Cases")
        new_report = QAction("&New report…", self, shortcut=QKeySequence("Ctrl+N"))
        new_report.triggered.connect(self.start_new_report)
        cases.addAction(new_report)
        find = QAction("&Find a case…", self, shortcut=QKeySequence("Ctrl+F"))
        find.triggered.connect(self._on_find_triggered)
        dashboard = QAction("&Dashboard", self, shortcut=QKeySequence("Ctrl+1"))
        dashboard.triggered.connect(lambda: self.tabs.setCurrentWidget(self.dashboard))
        cases.addActions([find, dashboard])
        toolbar = self.addToolBar("Main")
        toolbar.setObjectName("main-toolbar")
        toolbar.addActions([new_report, find, dashboard, lock])

    def start_new_report(self) -> NewReportDialog:
        """Open the intake of a new report (SPEC step 1); the case opens when it is saved."""
        dialog = NewReportDialog(self._services.open_report, self._services.clock.now, self)
        dialog.report_opened.connect(self._on_report_opened)
        dialog.show()
        return dialog

    def _on_report_opened(self, case_number: str) -> None:
        self.dashboard.reload()
        self.case_list.reload()
        self.open_case(case_number)

    def open_case(self, case_number: str) -> None:
        """Show the case in its own tab (opening it is written to the audit trail)."""
        for index in range(self.tabs.count()):
            widget = self.tabs.widget(index)
            if isinstance(widget, CaseOverviewWidget) and widget.case_number == case_number:
                self.tabs.setCurrentIndex(index)
                return
        self.runner.run(
            lambda: self._services.open_case(case_number),
            self._show_case,
            self._on_case_failed,
        )

    def _on_case_failed(self, error: BaseException) -> None:
        QMessageBox.warning(self, WINDOW_TITLE, str(error))

    def _show_case(self, detail: CaseDetail) -> None:
        services = self._services
        overview = CaseOverviewWidget(
            detail,
            services.timeline_loader(detail.summary.case_number),
            CaseScreenServices(
                services.step_services,
                services.preservation_services,
                services.scene_services,
                services.evidence_services,
                services.documents_services,
                services.assignment_services,
            ),
            partial(self._services.case_clocks, detail.summary.case_number),
            self.runner,
            self._services.deadline_settings,
            self._services.clock.now,
            self.tabs,
        )
        self.notifier.watch(overview.banner, detail.summary.case_number)
        overview.refresh(self._services.clock.now())
        index = self.tabs.addTab(overview, detail.summary.case_number)
        self.tabs.setCurrentIndex(index)

    def _on_ticker_ticked(self, now: datetime) -> None:
        self.dashboard.refresh(now)
        self.case_list.refresh_clocks(now)
        for index in range(2, self.tabs.count()):
            widget = self.tabs.widget(index)
            if isinstance(widget, CaseOverviewWidget):
                widget.refresh(now)

    def _on_tabs_close_requested(self, index: int) -> None:
        if index >= 2:
            widget = self.tabs.widget(index)
            if isinstance(widget, CaseOverviewWidget):
                widget.retire()
            self.tabs.removeTab(index)

    def _on_find_triggered(self) -> None:
        self.tabs.setCurrentWidget(self.case_list)
        self.case_list.focus_search()

    def _on_sign_out_triggered(self) -> None:
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        self.ticker.stop()
        self.lock_controller.stop()
        self.signed_out.emit()
        super().closeEvent(event)
