"""The First Response Record as a timeline: everything recorded in a case, newest first.

Steps, notes, separation, notifications, evidence preservation, medical care, dry cells, the
scene and its log, evidence and its custody: each with when it happened, when and by whom it
was entered, and what (``timeline_entries`` and ``timeline_scene_entries`` make the lines). Typing a
field (a draft) is not an entry; a record a completed step wrote is shown by the step's entry
alone (``timeline_step_records``). A correction is shown as a correction, saying what it corrects
and why, and the entry it corrects stays, marked superseded. Viewing the timeline is written
to the audit trail (CPP 14.7 J).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence

from incident_desk.domain.validation import format_moment
from incident_desk.services.case_views import load_visible_case
from incident_desk.services.timeline_document_entries import document_entries
from incident_desk.services.timeline_entries import first_response_entries
from incident_desk.services.timeline_scene_entries import scene_and_evidence_entries
from incident_desk.services.timeline_sources import Sources, TimelineEntry, TimelineKind
from incident_desk.services.timeline_step_records import shown_by_steps
from incident_desk.services.workspace import Workspace

__all__ = ["TimelineEntry", "TimelineKind", "timeline"]


def timeline(workspace: Workspace, case_number: str) -> tuple[TimelineEntry, ...]:
    """Everything recorded in the case, newest first; viewing it is audited."""
    with workspace.write("view_timeline") as work:
        case = load_visible_case(workspace, work, case_number)
        work.record_event("view_timeline", "case_file", case.id, case_id=case.id)
        sources = Sources.load(work, case)
        entries = first_response_entries(sources, workspace.protocol)
        entries += scene_and_evidence_entries(sources)
        entries += document_entries(sources)
        # A record a checklist entry wrote reads once: the entry shows it.
        hidden = shown_by_steps(sources)
        entries = [entry for entry in entries if entry.key not in hidden]
    return _newest_first(_mark_corrections(entries))


def _mark_corrections(entries: Sequence[TimelineEntry]) -> list[TimelineEntry]:
    """Mark each corrected entry superseded; have each correction say what it corrects and why."""
    by_key = {entry.key: entry for entry in entries}
    replaced_by = {entry.corrects: entry.key for entry in entries if entry.corrects}
    marked: list[TimelineEntry] = []
    for entry in entries:
        if entry.key in replaced_by:
            entry = dataclasses.replace(
                entry, superseded=True, superseded_by=replaced_by[entry.key]
            )
        if entry.corrects:
            original = by_key.get(entry.corrects)
            said = (
                f"Corrects the entry made {format_moment(original.recorded_at)} by "
                f"{original.recorded_by or 'an unknown user'}: {original.title}."
                if original is not None
                else "Corrects an earlier entry."
            )
            reason = f"Reason: {entry.correction_reason}"
            entry = dataclasses.replace(entry, details=(said, reason, *entry.details))
        marked.append(entry)
    return marked


def _newest_first(entries: Iterable[TimelineEntry]) -> tuple[TimelineEntry, ...]:
    # When two entries carry the same times (a correction keeps its original's time), the one
    # gathered later, which is the later entry of its kind, comes first.
    ordered = sorted(
        enumerate(entries),
        key=lambda pair: (pair[1].occurred_at, pair[1].recorded_at, pair[0]),
        reverse=True,
    )
    return tuple(entry for _, entry in ordered)
