"""The composition root of the desktop application: it binds the services to the signed-in
workspace and hands them to the windows — first-run setup, sign-in, then the main window.

Only the sign-in window is imported up front: the database layer (SQLAlchemy, the ORM, the
services) loads while the user types the passphrase, so the window appears at once."""

from __future__ import annotations

import gc
import sys
import threading
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QWidget

from incident_desk.domain.clock import Clock, SystemClock
from incident_desk.paths import InstallationPaths, bundled_dir
from incident_desk.ui.shell.sign_in_window import SignInWindow

if TYPE_CHECKING:
    from incident_desk.domain.enums import CaseStatus
    from incident_desk.services.cases import CaseSort
    from incident_desk.services.snapshots import CasePage
    from incident_desk.services.workspace import Workspace
    from incident_desk.ui.shell.main_window import MainWindowServices


def _load_main_modules() -> None:
    """Import what the main window needs; run in the background while the user signs in."""
    import incident_desk.case_screen_services
    import incident_desk.services.cases
    import incident_desk.services.timeline
    import incident_desk.services.workflow
    import incident_desk.ui.shell.main_window  # noqa: F401


def main_window_services(workspace: Workspace, clock: Clock) -> MainWindowServices:
    from incident_desk.case_screen_services import (
        bind_assignment_services,
        bind_documents_services,
        bind_evidence_services,
        bind_scene_services,
    )
    from incident_desk.services import preservation, workflow
    from incident_desk.services.cases import case_clocks, get_case, list_cases, open_case
    from incident_desk.services.settings import auto_lock_minutes
    from incident_desk.services.timeline import timeline
    from incident_desk.services.workspace import reauthenticate
    from incident_desk.ui.shell.main_window import MainWindowServices
    from incident_desk.ui.workflow.preservation_widget import PreservationServices
    from incident_desk.ui.workflow.step_panel_services import bind_step_panel_services
    from incident_desk.ui.workflow.workflow_widget import StepServices

    def load_cases(
        status: CaseStatus | None, search: str, sort: CaseSort, offset: int, limit: int
    ) -> CasePage:
        return list_cases(
            workspace,
            status=status,
            search=search,
            sort=sort,
            offset=offset,
            limit=limit,
            with_total=offset == 0,
        )

    return MainWindowServices(
        display_name=workspace.actor.display_name,
        clock=clock,
        deadline_settings=workspace.deadline_settings,
        auto_lock_minutes=auto_lock_minutes(workspace),
        load_cases=load_cases,
        open_case=partial(get_case, workspace),
        timeline_loader=lambda case_number: partial(timeline, workspace, case_number),
        reauthenticate=partial(reauthenticate, workspace),
        open_report=partial(open_case, workspace),
        step_services=StepServices(
            checklist=partial(workflow.checklist, workspace),
            step_draft=partial(workflow.step_draft, workspace),
            save_step_field=partial(workflow.save_step_field, workspace),
            record_step=partial(workflow.record_step, workspace),
            mark_not_applicable=partial(workflow.mark_not_applicable, workspace),
            now=clock.now,
            correct_step=partial(workflow.correct_step, workspace),
            reopen_step=partial(workflow.reopen_step, workspace),
            panels=bind_step_panel_services(workspace),
        ),
        case_clocks=partial(case_clocks, workspace),
        preservation_services=PreservationServices(
            cards=partial(preservation.preservation_cards, workspace),
            instruct=partial(preservation.record_preservation_instruction, workspace),
            record_violation=partial(preservation.record_preservation_violation, workspace),
            now=clock.now,
        ),
        scene_services=bind_scene_services(workspace),
        evidence_services=bind_evidence_services(workspace),
        documents_services=bind_documents_services(workspace),
        assignment_services=bind_assignment_services(workspace),
    )


#: How long after the main window appears the loaded objects are frozen (see below).
SETTLE_AFTER_MS = 1_000


def settle_garbage_collector() -> None:
    """Keep Python's full garbage collections short once everything is loaded.

    A full collection stops every thread while it walks all objects; with the modules of the
    whole application loaded, that walk paused the screen for 60-100 ms at a time while the
    dashboard read cases in the background (tests/benchmarks/bench_case_list_ui.py). What is
    loaded by now lives as long as the process: it is moved out of the collector's sight.
    """
    gc.collect()
    gc.freeze()


class DesktopShell:
    """Which top-level window is showing, and the workspace behind the main window."""

    def __init__(self, data_dir: Path, clock: Clock) -> None:
        self.data_dir = data_dir
        self.clock = clock
        self.window: QWidget | None = None
        self.workspace: Workspace | None = None
        self._main_window: QWidget | None = None

    def start(self) -> None:
        if InstallationPaths.at(self.data_dir).exists():
            self.show_sign_in()
            return
        from incident_desk.services.installation import initialize
        from incident_desk.ui.shell.setup_wizard import SetupWizard

        wizard = SetupWizard(self.data_dir, partial(initialize, self.data_dir, clock=self.clock))
        wizard.installation_created.connect(lambda _path: self.show_sign_in())
        self._show(wizard)

    def show_sign_in(self) -> None:
        window = SignInWindow(self._sign_in)
        window.signed_in.connect(self.show_main)
        self._show(window)
        threading.Thread(target=_load_main_modules, name="warm-up", daemon=True).start()

    def _sign_in(self, user: str, passphrase: str) -> Workspace:
        from incident_desk.services.workspace import sign_in

        return sign_in(self.data_dir, user, passphrase, self.clock)

    def show_main(self, workspace: object) -> None:
        from incident_desk.services.workspace import Workspace
        from incident_desk.ui.shell.main_window import MainWindow

        assert isinstance(workspace, Workspace)
        self.workspace = workspace
        window = MainWindow(main_window_services(workspace, self.clock))
        window.signed_out.connect(self._on_main_signed_out)
        self._main_window = window
        self._show(window)
        # After the dashboard has painted, not before: the collection takes a moment.
        QTimer.singleShot(SETTLE_AFTER_MS, settle_garbage_collector)

    def _on_main_signed_out(self) -> None:
        if self.workspace is not None:
            self.workspace.close()
            self.workspace = None
        self.show_sign_in()
        self._main_window = None

    def _show(self, window: QWidget) -> None:
        previous, self.window = self.window, window
        window.show()
        # A main window closes itself (signing out); closing it here would sign out twice.
        if previous is not None and previous is not self._main_window:
            previous.close()


def run_gui(data_dir: Path) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Incident Desk")
    app.setWindowIcon(QIcon(str(bundled_dir("resources") / "icons" / "incident-desk.svg")))
    shell = DesktopShell(data_dir, SystemClock())
    shell.start()
    try:
        return app.exec()
    finally:
        if shell.workspace is not None:
            shell.workspace.close()
