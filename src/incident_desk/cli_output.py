"""How the command line prints cases: JSON for administrators' scripts, a table for people.

The JSON field names are a public contract: add fields freely, never rename or remove one.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from incident_desk.domain.deadlines import Deadline, most_urgent
from incident_desk.services.snapshots import CaseSummary


def _moment(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat(timespec="seconds")


def deadline_json(deadline: Deadline) -> dict[str, Any]:
    return {
        "kind": deadline.kind.value,
        "subject": deadline.subject,
        "state": deadline.state.value,
        "anchor_at": _moment(deadline.anchor_at),
        "due_at": _moment(deadline.due_at),
        "estimated": deadline.estimated,
        "note": deadline.note,
    }


def case_json(case: CaseSummary) -> dict[str, Any]:
    return {
        "case_number": case.case_number,
        "facility": case.facility_code,
        "facility_name": case.facility_name,
        "status": case.status.value,
        "allegation_type": case.allegation_type.value,
        "received_at": _moment(case.received_at),
        "location": case.location,
        "people": [
            {"name": person.name, "role": person.role.value, "kind": person.kind.value}
            for person in case.people
        ],
        "open_deadlines": [deadline_json(deadline) for deadline in case.open_deadlines],
    }


def cases_as_json(cases: Sequence[CaseSummary]) -> str:
    return json.dumps([case_json(case) for case in cases], ensure_ascii=False, indent=2)


def _remaining(deadline: Deadline, now: datetime) -> str:
    seconds = int(deadline.remaining(now).total_seconds())
    sign = "overdue " if seconds < 0 else "in "
    seconds = abs(seconds)
    days, rest = divmod(seconds, 86_400)
    hours, rest = divmod(rest, 3_600)
    minutes = rest // 60
    span = f"{days}d {hours}h" if days else f"{hours}h {minutes:02d}m"
    return sign + span


def cases_as_table(cases: Sequence[CaseSummary], now: datetime) -> str:
    headers = ("CASE", "FACILITY", "STATUS", "ALLEGATION", "RECEIVED (UTC)", "PEOPLE", "NEXT CLOCK")
    lines = [headers]
    for case in cases:
        urgent = most_urgent(case.open_deadlines, now)
        clock = (
            f"{urgent.kind.value.replace('_', ' ')} {_remaining(urgent, now)}" if urgent else "-"
        )
        people = ", ".join(person.name for person in case.people) or "-"
        lines.append(
            (
                case.case_number,
                case.facility_code,
                case.status.value.replace("_", " "),
                case.allegation_type.value.replace("_", " "),
                f"{case.received_at:%Y-%m-%d %H:%M}",
                people if len(people) <= 40 else people[:39] + "…",
                clock,
            )
        )
    widths = [max(len(row[column]) for row in lines) for column in range(len(headers))]
    rendered = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in lines
    ]
    rendered.append(f"{len(cases)} case{'s' if len(cases) != 1 else ''}")
    return "\n".join(rendered)
