"""Wording for the deadline clocks: spans of time in plain words, and notes joined into one.

Settings messages and the rules' notes both speak of spans ("48 hours", "a 48-hour window"),
so they share these helpers and always say the same length the same way.
"""

from __future__ import annotations

from datetime import timedelta

__all__ = ["join_notes", "whole_seconds", "words"]


def whole_seconds(span: timedelta) -> int:
    """``span`` as whole seconds (floored), the unit settings are stored in."""
    return span // timedelta(seconds=1)


def words(span: timedelta, *, adjective: bool = False) -> str:
    """A span in plain words: "48 hours", "90 days"; as an adjective "48-hour"."""
    seconds = whole_seconds(span)
    # Policy speaks of 48 and 72 hours but of 30, 60 and 90 days.
    if seconds % 86400 == 0 and seconds > 72 * 3600:
        count, unit = seconds // 86400, "day"
    elif seconds % 3600 == 0 and seconds > 0:
        count, unit = seconds // 3600, "hour"
    elif seconds % 60 == 0 and seconds > 0:
        count, unit = seconds // 60, "minute"
    else:
        count, unit = seconds, "second"
    if adjective:
        return f"{count}-{unit}"
    return f"{count} {unit}" if count == 1 else f"{count} {unit}s"


def join_notes(*parts: str) -> str:
    """The non-empty notes as one text, separated by spaces."""
    return " ".join(part for part in parts if part)
