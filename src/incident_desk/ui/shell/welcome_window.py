"""The first window: says where the installation is and how to begin.

The guided first-response screens replace it; until then it tells an administrator exactly
which command sets the workstation up.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QMainWindow, QVBoxLayout, QWidget

WINDOW_TITLE = "Incident Desk"


class WelcomeWindow(QMainWindow):
    def __init__(self, data_dir: Path, installed: bool) -> None:
        super().__init__()
        self.setWindowTitle(WINDOW_TITLE)
        self.resize(720, 420)
        outer = QWidget(self)
        outer_layout = QHBoxLayout(outer)
        body = QWidget(outer)
        # Long lines are hard to read at 3 a.m.: keep the text column narrow and centred.
        body.setMaximumWidth(760)
        outer_layout.addStretch(1)
        outer_layout.addWidget(body, 10)
        outer_layout.addStretch(1)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(32, 32, 32, 32)
        layout.setSpacing(16)
        title = QLabel("<h1>Incident Desk</h1>", body)
        title.setAccessibleName("Incident Desk")
        layout.addWidget(title)
        banner = QLabel(
            "<b>CONFIDENTIAL.</b> Records of sexual abuse reports are kept confidential "
            "except as needed to report, investigate, treat, or make security decisions "
            "(CPP 14.7 J).",
            body,
        )
        banner.setWordWrap(True)
        banner.setFrameShape(QFrame.Shape.StyledPanel)
        banner.setContentsMargins(12, 8, 12, 8)
        banner.setAccessibleName("Confidentiality notice")
        layout.addWidget(banner)
        if installed:
            text = (
                f"<p>The installation in <code>{data_dir}</code> is ready.</p>"
                "<p>Sign-in and the guided first response open here in the next release. "
                "Until then use the command line, for example "
                "<code>incident-desk cases list --user NAME --passphrase-file -</code>.</p>"
            )
        else:
            text = (
                f"<p>There is no installation in <code>{data_dir}</code> yet.</p>"
                "<p>An administrator creates one with:</p>"
                '<pre>incident-desk init --facility "Facility name" --facility-code CODE '
                "--admin NAME</pre>"
                "<p>It prints a recovery key once: store it sealed, away from this computer.</p>"
            )
        status = QLabel(text, body)
        status.setWordWrap(True)
        status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        status.setAccessibleName("Installation status")
        layout.addWidget(status)
        layout.addStretch(1)
        self.setCentralWidget(outer)
