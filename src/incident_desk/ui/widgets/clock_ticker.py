"""The one ticking timer of a window: once a second it says what time it is, nothing more.

Every clock on screen (banner, dashboard) listens to the same ticker, so the window wakes once
a second however many clocks it shows, and the time comes from the injected ``Clock`` so tests
can move it by hand and call ``tick()``.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from incident_desk.domain.clock import Clock

TICK_MS = 1_000


class ClockTicker(QObject):
    """Emits ``ticked(now)`` every second while running; ``tick()`` emits it at once."""

    ticked = Signal(object)  # a datetime; "object" keeps it a Python datetime, unconverted

    def __init__(
        self, clock: Clock, parent: QObject | None = None, interval_ms: int = TICK_MS
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        # Coarse timers may drift by up to 5 %; a second-resolution display does not need more
        # and the system can batch the wake-ups.
        self._timer.setTimerType(self._timer.timerType().CoarseTimer)
        self._timer.timeout.connect(self._on_timer_timeout)

    @property
    def running(self) -> bool:
        return self._timer.isActive()

    def now(self) -> datetime:
        return self._clock.now()

    def start(self) -> None:
        """Tick now and then every interval, so a new screen never shows a blank clock."""
        self.tick()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def tick(self) -> datetime:
        """Emit the current time at once (also what the timer does)."""
        now = self._clock.now()
        self.ticked.emit(now)
        return now

    @Slot()
    def _on_timer_timeout(self) -> None:
        self.tick()
