"""Running slow work off the GUI thread, with its outcome delivered back on the GUI thread.

Database work that can take more than a blink (unlocking, listing 100,000 cases, exports) goes
through ``BackgroundRunner.run``; the screen shows progress while ``busy`` is true.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

T = TypeVar("T")


class _Relay(QObject):
    """Lives on the GUI thread; signals emitted from a worker arrive here queued."""

    succeeded = Signal(object, object)
    failed = Signal(object, object)


class _Task(QRunnable):
    def __init__(self, work: Callable[[], Any], relay: _Relay, token: object) -> None:
        super().__init__()
        self._work = work
        self._relay = relay
        self._token = token

    def run(self) -> None:
        try:
            result = self._work()
        except BaseException as error:
            error.__traceback_text__ = traceback.format_exc()  # type: ignore[attr-defined]
            self._relay.failed.emit(self._token, error)
        else:
            self._relay.succeeded.emit(self._token, result)


class BackgroundRunner(QObject):
    """Runs callables on a thread pool; ``on_success`` / ``on_failure`` run on the GUI thread."""

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None, pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self._pool = pool or QThreadPool.globalInstance()
        self._relay = _Relay(self)
        self._relay.succeeded.connect(self._on_relay_succeeded)
        self._relay.failed.connect(self._on_relay_failed)
        self._callbacks: dict[
            object, tuple[Callable[[Any], None], Callable[[BaseException], None]]
        ] = {}

    @property
    def busy(self) -> bool:
        return bool(self._callbacks)

    def run(
        self,
        work: Callable[[], T],
        on_success: Callable[[T], None],
        on_failure: Callable[[BaseException], None],
    ) -> None:
        token = object()
        was_busy = self.busy
        self._callbacks[token] = (on_success, on_failure)
        if not was_busy:
            self.busy_changed.emit(True)
        self._pool.start(_Task(work, self._relay, token))

    def wait_for_done(self, timeout_ms: int = 30_000) -> bool:
        """Block until the pool is idle (tests and shutdown only)."""
        return self._pool.waitForDone(timeout_ms)

    @Slot(object, object)
    def _on_relay_succeeded(self, token: object, result: object) -> None:
        on_success, _ = self._finish(token)
        on_success(result)

    @Slot(object, object)
    def _on_relay_failed(self, token: object, error: object) -> None:
        _, on_failure = self._finish(token)
        assert isinstance(error, BaseException)
        on_failure(error)

    def _finish(
        self, token: object
    ) -> tuple[Callable[[Any], None], Callable[[BaseException], None]]:
        callbacks = self._callbacks.pop(token)
        if not self._callbacks:
            self.busy_changed.emit(False)
        return callbacks
