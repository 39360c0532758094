"""The application follows the system's dark palette and stays whole on a high-DPI screen.

Dark: the case workspace is drawn with a dark palette, red clocks included, and every visible
label's text colour keeps a readable contrast with its background role (a text colour written
into the code for a light palette would fail); amber and red tiles carry their own text colour,
checked against their own background.
High DPI: the sign-in window is drawn at a device pixel ratio of 2 in a separate process (the
scale factor is read once, when Qt starts) and fits a 1366x768 screen.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from incident_desk.app import main_window_services
from incident_desk.domain.clock import ManualClock
from incident_desk.services.workspace import Workspace
from incident_desk.ui.cases.case_overview_widget import CaseOverviewWidget
from incident_desk.ui.models.case_table_model import severity_colours
from incident_desk.ui.shell.main_window import MainWindow
from incident_desk.ui.widgets.deadline_presenter import Severity
from tests.ui.test_main_window import _open_report

WAIT_MS = 10_000
DARK = {
    QPalette.ColorRole.Window: "#202124",
    QPalette.ColorRole.WindowText: "#e8eaed",
    QPalette.ColorRole.Base: "#171717",
    QPalette.ColorRole.AlternateBase: "#2a2a2a",
    QPalette.ColorRole.Text: "#e8eaed",
    QPalette.ColorRole.Button: "#303134",
    QPalette.ColorRole.ButtonText: "#e8eaed",
    QPalette.ColorRole.Highlight: "#8ab4f8",
    QPalette.ColorRole.HighlightedText: "#202124",
    QPalette.ColorRole.PlaceholderText: "#9aa0a6",
    QPalette.ColorRole.Mid: "#5f6368",
}


def contrast(first: QColor, second: QColor) -> float:
    """The WCAG contrast ratio of two colours (1 to 21)."""

    def luminance(colour: QColor) -> float:
        def channel(value: float) -> float:
            return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

        red, green, blue = (channel(part) for part in colour.getRgbF()[:3])
        return 0.2126 * red + 0.7152 * green + 0.0722 * blue

    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.fixture
def dark_palette(qapp: QApplication) -> Iterator[QPalette]:
    before = qapp.palette()
    palette = QPalette(before)
    for role, colour in DARK.items():
        palette.setColor(role, QColor(colour))
    qapp.setPalette(palette)
    yield palette
    qapp.setPalette(before)


def _unreadable_labels(window: MainWindow) -> list[str]:
    found = []
    for label in window.findChildren(QLabel):
        if not label.isVisible() or not label.text().strip():
            continue
        palette = label.palette()
        text = palette.color(label.foregroundRole())
        behind = palette.color(label.backgroundRole())
        if contrast(text, behind) < 4.5:
            found.append(f"{label.text()[:40]!r}: {text.name()} on {behind.name()}")
    return found


def test_the_case_workspace_follows_a_dark_palette(
    qtbot: QtBot,
    sign_in_as: Callable[[str], Workspace],
    clock: ManualClock,
    dark_palette: QPalette,
    screenshot_dir: Path,
) -> None:
    supervisor = sign_in_as("sup")
    number = _open_report(supervisor, clock)
    main = MainWindow(main_window_services(supervisor, clock))
    qtbot.addWidget(main)
    main.resize(1366, 768)
    main.show()
    main.open_case(number)
    qtbot.waitUntil(
        lambda: isinstance(main.tabs.currentWidget(), CaseOverviewWidget), timeout=WAIT_MS
    )
    overview = main.tabs.currentWidget()
    assert isinstance(overview, CaseOverviewWidget)
    qtbot.waitUntil(lambda: overview.workflow.page is not None, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not main.runner.busy, timeout=WAIT_MS)
    # An hour and a half on: the immediate steps' clocks are red, nothing is amber yet.
    overview.refresh(clock.advance(timedelta(minutes=90)))
    QApplication.sendPostedEvents()
    assert main.palette().color(QPalette.ColorRole.Window).name() == DARK[QPalette.ColorRole.Window]
    assert _unreadable_labels(main) == []
    main.grab().save(str(screenshot_dir / "dark-case-steps.png"))
    # Every other section of the case, each as it first opens.
    unreadable = {}
    for index in range(1, overview.sections.count()):
        overview.sections.setCurrentIndex(index)
        qtbot.waitUntil(lambda: not main.runner.busy, timeout=WAIT_MS)
        QApplication.sendPostedEvents()
        name = overview.sections.tabText(index)
        unreadable[name] = _unreadable_labels(main)
        main.grab().save(str(screenshot_dir / f"dark-case-{name.lower().replace(' ', '-')}.png"))
    assert {name: found for name, found in unreadable.items() if found} == {}
    main.tabs.setCurrentIndex(0)
    QApplication.sendPostedEvents()
    main.grab().save(str(screenshot_dir / "dark-dashboard.png"))


def test_amber_and_red_keep_their_own_readable_text_colours() -> None:
    for severity in (Severity.WARNING, Severity.ALARM):
        colours = severity_colours(severity)
        assert colours is not None
        background, text = colours
        assert contrast(background, text) >= 4.5, severity


HIGH_DPI_SCRIPT = """
import sys
from PySide6.QtWidgets import QApplication
from incident_desk.ui.shell.sign_in_window import SignInWindow

app = QApplication([])
window = SignInWindow(lambda user, passphrase: None)
window.show()
app.processEvents()
image = window.grab()
image.save(sys.argv[1])
hint = window.sizeHint()
print(window.devicePixelRatioF(), image.width(), window.width(), hint.width(), hint.height())
"""


def test_the_sign_in_window_is_drawn_sharp_at_twice_the_pixels(
    tmp_path: Path, screenshot_dir: Path
) -> None:
    shot = screenshot_dir / "high-dpi-sign-in.png"
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_SCALE_FACTOR="2")
    environment["PYTHONPATH"] = os.pathsep.join(
        [str(Path(__file__).resolve().parents[2] / "src"), environment.get("PYTHONPATH", "")]
    )
    result = subprocess.run(
        [sys.executable, "-c", HIGH_DPI_SCRIPT, str(shot)],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    ratio, image_width, width, hint_width, hint_height = result.stdout.split()
    assert float(ratio) == 2.0
    assert int(image_width) == 2 * int(width)
    # In device-independent pixels the window still fits a 1366x768 screen.
    assert int(hint_width) <= 1366
    assert int(hint_height) <= 768
