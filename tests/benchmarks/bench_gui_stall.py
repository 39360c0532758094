"""How long the GUI thread can stall while the clock banner counts and the supervisor types.

A 10 ms precise timer measures its own lateness: any moment the event loop was busy elsewhere
(re-wording clocks, restyling a tile that turned red, handling a key press) shows up as a
timeout that came late. The window shows a clock banner with 10 clocks (the evidence window,
four dry cell placements, the other-facility notice, four immediate steps) above a line edit,
and each phase runs for a few seconds:

- idle: nothing but the probe, the baseline;
- banner: the window's ``ClockTicker`` ticking every second, as in the app;
- banner + typing: the same while a character is typed every 30 ms with ``QTest.keyClicks``;
- fast clock + typing: ticking every 100 ms on a clock running 7 minutes per tick, so every
  tick changes texts and clocks turn amber and red (a worst case, ten times the real rate).

Target: no stall over 100 ms. Prints a markdown table; exits 1 when the target is missed.

    PYTHONPATH=src python tests/benchmarks/bench_gui_stall.py [--seconds 4]
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import UTC, datetime, timedelta

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QElapsedTimer, QEventLoop, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

from incident_desk.domain.clock import ManualClock
from incident_desk.domain.deadlines import (
    CaseClockFacts,
    DryCellFacts,
    ImmediateStepFacts,
)
from incident_desk.domain.enums import TimeCertainty
from incident_desk.ui.widgets.clock_banner_widget import (
    ClockBannerWidget,
    facts_source,
)
from incident_desk.ui.widgets.clock_ticker import ClockTicker

TARGET_MS = 100.0
PROBE_MS = 10
TYPING_MS = 30
TEXT = "Victim escorted to the medical unit by Officer Ruiz; clothing bagged. "


class _Probe:
    """A 10 ms timer that records how late each timeout came."""

    def __init__(self) -> None:
        self.lateness_ms: list[float] = []
        self._elapsed = QElapsedTimer()
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(PROBE_MS)
        self._timer.timeout.connect(self._on_timer_timeout)

    def start(self) -> None:
        self.lateness_ms.clear()
        self._elapsed.start()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def _on_timer_timeout(self) -> None:
        gap = self._elapsed.nsecsElapsed() / 1e6
        self._elapsed.restart()
        self.lateness_ms.append(max(0.0, gap - PROBE_MS))


def _facts(start: datetime) -> CaseClockFacts:
    return CaseClockFacts(
        received_at=start,
        incident_at=start - timedelta(hours=2),
        incident_certainty=TimeCertainty.EXACT,
        occurred_elsewhere=True,
        immediate_steps=tuple(
            ImmediateStepFacts(key, None)
            for key in (
                "victim_safety",
                "separation",
                "warden_notification",
                "investigator_notification",
            )
        ),
        dry_cells=tuple(
            DryCellFacts(n, start - timedelta(minutes=10 * n), None) for n in range(1, 5)
        ),
    )


def _run(seconds: float) -> None:
    # An event loop, not a processEvents() polling loop: PySide6 6.12's processEvents()
    # mis-counts references to None and crashes the interpreter after a few thousand calls.
    loop = QEventLoop()
    QTimer.singleShot(round(seconds * 1000), loop.quit)
    loop.exec()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=4.0, help="length of each phase")
    arguments = parser.parse_args()

    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    start = datetime(2026, 11, 22, 3, 0, tzinfo=UTC)
    clock = ManualClock(start)
    window = QWidget()
    window.setWindowTitle("Incident Desk")
    banner = ClockBannerWidget(facts_source(_facts(start)))
    field = QLineEdit()
    field.setAccessibleName("Narrative")
    layout = QVBoxLayout(window)
    layout.addWidget(banner)
    layout.addWidget(field)
    layout.addStretch(1)
    window.resize(1366, 768)
    window.show()
    field.setFocus()
    ticker = ClockTicker(clock, window)
    ticker.ticked.connect(banner.refresh)
    ticker.tick()
    assert len(banner.tiles()) == 10, len(banner.tiles())

    typed = [0]

    def type_one() -> None:
        QTest.keyClicks(field, TEXT[typed[0] % len(TEXT)])
        typed[0] += 1

    typist = QTimer()
    typist.setInterval(TYPING_MS)
    typist.timeout.connect(type_one)
    fast = QTimer()
    fast.setInterval(100)

    def fast_tick() -> None:
        clock.advance(timedelta(minutes=7))
        ticker.tick()

    fast.timeout.connect(fast_tick)

    probe = _Probe()
    rows: list[tuple[str, list[float], int]] = []
    phases = (
        ("idle (probe only)", ()),
        ("banner ticking every 1 s", (ticker,)),
        ("banner ticking + typing", (ticker, typist)),
        ("fast clock (100 ms, 7 min a tick) + typing", (fast, typist)),
    )
    for name, timers in phases:
        typed[0] = 0
        probe.start()
        for timer in timers:
            timer.start()
        _run(arguments.seconds)
        for timer in timers:
            timer.stop()
        probe.stop()
        rows.append((name, list(probe.lateness_ms), typed[0]))

    severities = sorted({tile.severity.value for tile in banner.tiles() if tile.severity})
    print(
        f"| Phase ({arguments.seconds:g} s each, 10 clocks) | probes | p50 late | p99 late "
        "| longest stall | keys typed |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    worst = 0.0
    for name, lateness, keys in rows:
        ordered = sorted(lateness)
        p50 = ordered[len(ordered) // 2]
        p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
        worst = max(worst, ordered[-1])
        print(
            f"| {name} | {len(ordered)} | {p50:.1f} ms | {p99:.1f} ms | {ordered[-1]:.1f} ms "
            f"| {keys} |"
        )
    print(
        f"\nLongest stall {worst:.1f} ms (target <= {TARGET_MS:.0f} ms); "
        f"{len(field.text())} characters typed; clock states at the end: {', '.join(severities)}; "
        f"platform {app.platformName()}; load average {os.getloadavg()[0]:.2f}."
    )
    return 0 if worst <= TARGET_MS else 1


if __name__ == "__main__":
    status = main()
    sys.stdout.flush()
    # Leave without the interpreter's final clean-up: with PySide6 6.12 on Python 3.11 it can
    # abort on a mis-counted reference to True/False/None after the figures are printed.
    os._exit(status)
