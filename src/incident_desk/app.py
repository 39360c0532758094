"""The composition root of the desktop application: paths, the Qt application, the first window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from incident_desk.paths import bundled_dir
from incident_desk.services.installation import InstallationPaths
from incident_desk.ui.shell.welcome_window import WelcomeWindow


def run_gui(data_dir: Path) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Incident Desk")
    app.setWindowIcon(QIcon(str(bundled_dir("resources") / "icons" / "incident-desk.svg")))
    window = WelcomeWindow(data_dir, InstallationPaths.at(data_dir).exists())
    window.show()
    return app.exec()
