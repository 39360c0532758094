"""The composition root of the desktop application: it binds the services to the signed-in
workspace and hands them to the windows — first-run setup, sign-in, then the main window."""

from __future__ import annotations

import sys
from functools import partial
from pathlib import Path

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QWidget

from incident_desk.domain.clock import Clock, SystemClock
from incident_desk.domain.enums import CaseStatus
from incident_desk.paths import bundled_dir
from incident_desk.services.cases import CaseSort, get_case, list_cases
from incident_desk.services.installation import InstallationPaths, initialize
from incident_desk.services.settings import auto_lock_minutes
from incident_desk.services.snapshots import CasePage
from incident_desk.services.timeline import timeline
from incident_desk.services.workspace import Workspace, reauthenticate, sign_in
from incident_desk.ui.shell.main_window import MainWindow, MainWindowServices
from incident_desk.ui.shell.setup_wizard import SetupWizard
from incident_desk.ui.shell.sign_in_window import SignInWindow


def main_window_services(workspace: Workspace, clock: Clock) -> MainWindowServices:
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
    )


class DesktopShell:
    """Which top-level window is showing, and the workspace behind the main window."""

    def __init__(self, data_dir: Path, clock: Clock) -> None:
        self.data_dir = data_dir
        self.clock = clock
        self.window: QWidget | None = None
        self.workspace: Workspace | None = None

    def start(self) -> None:
        if InstallationPaths.at(self.data_dir).exists():
            self.show_sign_in()
            return
        wizard = SetupWizard(self.data_dir, partial(initialize, self.data_dir, clock=self.clock))
        wizard.installation_created.connect(lambda _path: self.show_sign_in())
        self._show(wizard)

    def show_sign_in(self) -> None:
        window = SignInWindow(lambda user, secret: sign_in(self.data_dir, user, secret, self.clock))
        window.signed_in.connect(self.show_main)
        self._show(window)

    def show_main(self, workspace: object) -> None:
        assert isinstance(workspace, Workspace)
        self.workspace = workspace
        window = MainWindow(main_window_services(workspace, self.clock))
        window.signed_out.connect(self._on_main_signed_out)
        self._show(window)

    def _on_main_signed_out(self) -> None:
        if self.workspace is not None:
            self.workspace.close()
            self.workspace = None
        self.show_sign_in()

    def _show(self, window: QWidget) -> None:
        previous, self.window = self.window, window
        window.show()
        if previous is not None and not isinstance(previous, MainWindow):
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
