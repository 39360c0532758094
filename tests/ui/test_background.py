"""Slow work runs off the GUI thread and reports back on it, success or failure."""

from __future__ import annotations

import threading

from pytestqt.qtbot import QtBot

from incident_desk.ui.widgets.background import BackgroundRunner


def test_work_runs_elsewhere_and_the_result_arrives_on_the_gui_thread(qtbot: QtBot) -> None:
    runner = BackgroundRunner()
    gui_thread = threading.get_ident()
    seen: dict[str, object] = {}

    def work() -> int:
        seen["worker"] = threading.get_ident()
        return 42

    def done(value: int) -> None:
        seen["value"] = value
        seen["callback"] = threading.get_ident()

    with qtbot.waitSignal(runner.busy_changed, check_params_cb=lambda busy: busy is False):
        runner.run(work, done, lambda error: None)
        assert runner.busy
    assert seen["value"] == 42
    assert seen["worker"] != gui_thread
    assert seen["callback"] == gui_thread
    assert not runner.busy


def test_a_failure_reaches_the_failure_callback(qtbot: QtBot) -> None:
    runner = BackgroundRunner()
    errors: list[BaseException] = []

    def work() -> None:
        raise ValueError("the disk is full")

    with qtbot.waitSignal(runner.busy_changed, check_params_cb=lambda busy: busy is False):
        runner.run(work, lambda value: None, errors.append)
    assert [str(error) for error in errors] == ["the disk is full"]
