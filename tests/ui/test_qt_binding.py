"""The Qt binding must survive a long shift: a window that updates its clocks every second
makes millions of calls. PySide6 6.12.0 lost a reference to None or True on each such call and
aborted Python 3.11 within minutes; this runs the same calls in a child process."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

CALLS = 300_000

PROGRAM = textwrap.dedent(
    f"""
    import sys
    from PySide6.QtCore import QObject, Signal
    from PySide6.QtWidgets import QApplication, QLabel

    class Ticker(QObject):
        ticked = Signal(object)

    app = QApplication([])
    label = QLabel()
    ticker = Ticker()
    ticker.ticked.connect(lambda value: None)
    for index in range({CALLS}):
        label.setText(str(index))
        label.setVisible(True)
        ticker.ticked.emit(index)
    print("survived")
    """
)


def test_many_calls_into_qt_do_not_abort_python() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROGRAM],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "survived"
