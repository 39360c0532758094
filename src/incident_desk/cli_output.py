"""How the command line prints cases: JSON for administrators' scripts, a table for people.

The JSON field names are a public contract: add fields freely, never rename or remove one.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from incident_desk.documents.signature_report import SignatureReport
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


def signature_json(report: SignatureReport) -> dict[str, Any]:
    return {
        "field": report.field_name,
        "signer": report.signer,
        "signed_at": _moment(report.signed_at),
        "intact": report.intact,
        "trusted": report.trusted,
        "whole_document": report.whole_document,
        "changes_after": report.changes_after,
        "problem": report.problem,
    }


def signature_reports_as_json(file: str, reports: Sequence[SignatureReport]) -> str:
    document = {
        "file": file,
        "signatures": [signature_json(report) for report in reports],
        "valid": not signature_verdict(reports),
    }
    return json.dumps(document, ensure_ascii=False, indent=2)


def signature_reports_as_text(reports: Sequence[SignatureReport], trusted_sources: int) -> str:
    """One line per signature, then the verdict."""
    lines = []
    for report in reports:
        when = f"{report.signed_at:%Y-%m-%d %H:%M UTC}" if report.signed_at else "time unknown"
        line = (
            f"{report.field_name}: signed by {report.signer}, {when}; "
            f"intact {_yes(report.intact)}; trusted {_yes(report.trusted)}; "
            f"changes after signing: {report.changes_after}"
        )
        lines.append(line + (f" ({report.problem})" if report.problem else ""))
    verdict = signature_verdict(reports)
    if not verdict:
        count = len(reports)
        lines.append(f"all {count} signature{'s' if count != 1 else ''} intact and trusted")
    else:
        lines.append(verdict)
        if trusted_sources == 0 and reports:
            lines.append(
                "no signing authority was given to trust: use --data-dir with the installation "
                "that signed it, or --trust CERT.pem"
            )
    return "\n".join(lines)


def signature_verdict(reports: Sequence[SignatureReport]) -> str:
    """Empty when every signature is valid (and there is one); else what failed, in one line."""
    if not reports:
        return "the file has no signatures"
    failed = [report for report in reports if not report.valid]
    if not failed:
        return ""
    names = ", ".join(f"{report.field_name} ({_failure(report)})" for report in failed)
    return f"{len(failed)} of {len(reports)} signatures FAILED: {names}"


def _failure(report: SignatureReport) -> str:
    if not report.intact:
        return "changed after signing"
    if not report.trusted:
        return "not trusted"
    return "document changed after signing"


def _yes(value: bool) -> str:
    return "yes" if value else "no"
