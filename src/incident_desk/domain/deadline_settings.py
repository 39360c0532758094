"""The agency's deadline settings: how long each clock runs, how early it warns, and their checks.

``domain/deadlines.py`` re-exports ``DeadlineSettings`` and ``DEFAULT_SETTINGS``; other code
imports them from there.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta

from incident_desk.domain.deadline_text import whole_seconds
from incident_desk.domain.deadline_types import DeadlineKind

__all__ = ["DEFAULT_SETTINGS", "DeadlineSettings"]


@dataclass(frozen=True)
class DeadlineSettings:
    """Agency settings: how long each clock runs and how early it starts warning.

    Stored as settings rows of whole seconds (see ``as_mapping``). Every length must be longer
    than zero; a warning may be zero (no "due soon" stage) but never negative.
    """

    evidence_preservation: timedelta = timedelta(hours=48)
    dry_cell: timedelta = timedelta(hours=16)
    other_facility_notice: timedelta = timedelta(hours=72)
    immediate_steps: timedelta = timedelta(hours=1)
    incident_review: timedelta = timedelta(days=30)
    retaliation_monitoring: timedelta = timedelta(days=90)
    retaliation_check_interval: timedelta = timedelta(days=30)
    mental_health_evaluation: timedelta = timedelta(days=60)
    evidence_preservation_warning: timedelta = timedelta(hours=6)
    dry_cell_warning: timedelta = timedelta(hours=2)
    other_facility_notice_warning: timedelta = timedelta(hours=12)
    immediate_steps_warning: timedelta = timedelta(minutes=15)
    incident_review_warning: timedelta = timedelta(days=7)
    retaliation_monitoring_warning: timedelta = timedelta(days=14)
    retaliation_check_warning: timedelta = timedelta(days=7)
    mental_health_evaluation_warning: timedelta = timedelta(days=14)

    def __post_init__(self) -> None:
        for name in _LENGTH_FIELDS.values():
            if self._get(name) <= timedelta(0):
                raise ValueError(
                    f"The setting {name!r} must be longer than zero "
                    f"(it is {whole_seconds(self._get(name))} seconds)."
                )
        for name in _WARNING_FIELDS.values():
            if self._get(name) < timedelta(0):
                raise ValueError(
                    f"The setting {name!r} must not be negative "
                    f"(it is {whole_seconds(self._get(name))} seconds)."
                )

    def length(self, kind: DeadlineKind) -> timedelta:
        """How long after its anchor a deadline of ``kind`` falls due."""
        return self._get(_LENGTH_FIELDS[kind])

    def warning(self, kind: DeadlineKind) -> timedelta:
        """How long before its limit a deadline of ``kind`` becomes "due soon"."""
        return self._get(_WARNING_FIELDS[kind])

    def as_mapping(self) -> dict[str, int]:
        """Whole seconds per field name, for storing as settings rows."""
        return {f.name: whole_seconds(self._get(f.name)) for f in dataclasses.fields(self)}

    @classmethod
    def from_mapping(cls, values: Mapping[str, int]) -> DeadlineSettings:
        """Settings from stored rows; unknown names are ignored, missing ones take the default.

        Raises ``ValueError`` naming the setting when a value is not a whole number of seconds,
        when a length is zero or negative, or when a warning is negative.
        """
        known = {f.name for f in dataclasses.fields(cls)}
        spans: dict[str, timedelta] = {}
        for name, seconds in values.items():
            if name not in known:
                continue
            # Rows come from storage and settings screens; a bool is an int to Python but
            # never a meaningful number of seconds.
            if isinstance(seconds, bool) or not isinstance(seconds, int):
                raise ValueError(
                    f"The setting {name!r} must be a whole number of seconds, not {seconds!r}."
                )
            try:
                spans[name] = timedelta(seconds=seconds)
            except OverflowError:
                raise ValueError(
                    f"The setting {name!r} is too large ({seconds} seconds)."
                ) from None
        return cls(**spans)

    def _get(self, name: str) -> timedelta:
        value: timedelta = getattr(self, name)
        return value


_LENGTH_FIELDS: dict[DeadlineKind, str] = {
    DeadlineKind.EVIDENCE_PRESERVATION: "evidence_preservation",
    DeadlineKind.DRY_CELL: "dry_cell",
    DeadlineKind.OTHER_FACILITY_NOTICE: "other_facility_notice",
    DeadlineKind.IMMEDIATE_STEP: "immediate_steps",
    DeadlineKind.INCIDENT_REVIEW: "incident_review",
    DeadlineKind.RETALIATION_MONITORING: "retaliation_monitoring",
    DeadlineKind.RETALIATION_CHECK: "retaliation_check_interval",
    DeadlineKind.MENTAL_HEALTH_EVALUATION: "mental_health_evaluation",
}

_WARNING_FIELDS: dict[DeadlineKind, str] = {
    DeadlineKind.EVIDENCE_PRESERVATION: "evidence_preservation_warning",
    DeadlineKind.DRY_CELL: "dry_cell_warning",
    DeadlineKind.OTHER_FACILITY_NOTICE: "other_facility_notice_warning",
    DeadlineKind.IMMEDIATE_STEP: "immediate_steps_warning",
    DeadlineKind.INCIDENT_REVIEW: "incident_review_warning",
    DeadlineKind.RETALIATION_MONITORING: "retaliation_monitoring_warning",
    DeadlineKind.RETALIATION_CHECK: "retaliation_check_warning",
    DeadlineKind.MENTAL_HEALTH_EVALUATION: "mental_health_evaluation_warning",
}

DEFAULT_SETTINGS = DeadlineSettings()
