"""Watches for keyboard and mouse activity and asks for the screen to lock after inactivity.

Inactivity is wall time the person is away, not case time, so it is measured by a monotonic
QElapsedTimer and a QTimer rather than the injected Clock (which tests move by hand). Activity
only restarts the elapsed count (cheap enough for every mouse move); when the QTimer fires early
because of later activity, it re-arms itself for the time still left.

The setting is clamped to 1–30 minutes: an unattended workstation must never show case records
for longer than that.
"""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QEvent, QObject, Qt, QTimer, Signal

from incident_desk.services.settings import DEFAULT_AUTO_LOCK_MINUTES, MAX_AUTO_LOCK_MINUTES

_MS_PER_MINUTE = 60_000
_ACTIVITY = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TabletPress,
    }
)


def clamp_minutes(minutes: int) -> int:
    return min(max(minutes, 1), MAX_AUTO_LOCK_MINUTES)


class LockController(QObject):
    """Emits ``lock_requested`` after ``timeout_minutes`` without activity, or when ``lock()``.

    ``watched`` is the object whose events count as activity: the application, so activity in
    any window of the app keeps it unlocked. ``timeout_ms`` overrides the minutes (tests only).
    """

    lock_requested = Signal()
    resumed = Signal()

    def __init__(
        self,
        timeout_minutes: int = DEFAULT_AUTO_LOCK_MINUTES,
        watched: QObject | None = None,
        parent: QObject | None = None,
        *,
        timeout_ms: int | None = None,
    ) -> None:
        super().__init__(parent)
        self._locked = False
        self._idle = QElapsedTimer()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._timeout_minutes = clamp_minutes(timeout_minutes)
        self._interval_ms = (
            timeout_ms if timeout_ms is not None else self._timeout_minutes * _MS_PER_MINUTE
        )
        self._watched = watched
        if watched is not None:
            watched.installEventFilter(self)
        self._count_from_now()

    @property
    def timeout_minutes(self) -> int:
        return self._timeout_minutes

    @property
    def interval_ms(self) -> int:
        return self._interval_ms

    @property
    def locked(self) -> bool:
        return self._locked

    def remaining_ms(self) -> int:
        """Milliseconds until the lock; -1 while locked or stopped."""
        if self._locked or not self._timer.isActive():
            return -1
        return max(0, self._interval_ms - self._idle.elapsed())

    def set_timeout_minutes(self, minutes: int) -> None:
        """Apply a changed setting; counts again from now."""
        self._timeout_minutes = clamp_minutes(minutes)
        self._interval_ms = self._timeout_minutes * _MS_PER_MINUTE
        if not self._locked:
            self._count_from_now()

    def lock(self) -> None:
        """Lock now (Ctrl+L, or the timer). Does nothing while already locked."""
        if self._locked:
            return
        self._locked = True
        self._timer.stop()
        self.lock_requested.emit()

    def resume(self) -> None:
        """The user proved their passphrase again: count inactivity afresh."""
        if not self._locked:
            return
        self._locked = False
        self._count_from_now()
        self.resumed.emit()

    def stop(self) -> None:
        """Stop watching (signing out or closing)."""
        self._timer.stop()
        if self._watched is not None:
            self._watched.removeEventFilter(self)
            self._watched = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        # Called for every event of the application: keep it to one set lookup.
        if not self._locked and event.type() in _ACTIVITY:
            self._idle.restart()
        return False

    def _count_from_now(self) -> None:
        self._idle.restart()
        self._timer.start(self._interval_ms)

    def _on_timer_timeout(self) -> None:
        left = self._interval_ms - self._idle.elapsed()
        if left > 0:
            self._timer.start(left)  # there was activity since it was armed
        else:
            self.lock()
