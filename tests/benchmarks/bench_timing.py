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
    return Timing(statistics.median(seconds), min(seconds), max(seconds), repeat)


def percentile(values: list[float], share: float) -> float:
    """The ``share`` (0..1) percentile by the nearest-rank method."""
    ordered = sorted(values)
    rank = max(1, round(share * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]
