"""Timing helpers for the benchmarks: a warm-up, then the median of several runs."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Timing:
    """Seconds per run: the median and the spread of the measured runs."""

    median: float
    low: float
    high: float
    runs: int


def measure(operation: Callable[[], Any], repeat: int = 7, warmup: int = 1) -> Timing:
    """Run ``operation`` ``warmup`` times unmeasured, then ``repeat`` times measured."""
    for _ in range(warmup):
        operation()
    seconds = []
    for _ in range(repeat):
        started = time.perf_counter()
        operation()
        seconds.append(time.perf_counter() - started)
    return _timing(seconds)


def measure_pair(
    first: Callable[[], Any], second: Callable[[], Any], repeat: int = 7, warmup: int = 1
) -> tuple[Timing, Timing]:
    """`measure` for two operations taking turns run by run, so that whatever else the
    machine is doing weighs on both alike (the ratio between them is what matters)."""
    for _ in range(warmup):
        first()
        second()
    runs: tuple[list[float], list[float]] = ([], [])
    for _ in range(repeat):
        for operation, seconds in ((first, runs[0]), (second, runs[1])):
            started = time.perf_counter()
            operation()
            seconds.append(time.perf_counter() - started)
    return _timing(runs[0]), _timing(runs[1])


def _timing(seconds: list[float]) -> Timing:
    return Timing(statistics.median(seconds), min(seconds), max(seconds), len(seconds))


def percentile(values: list[float], share: float) -> float:
    """The ``share`` (0..1) percentile by the nearest-rank method."""
    ordered = sorted(values)
    rank = max(1, round(share * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]
