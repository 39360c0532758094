"""Timeline lines of the crime scene, its entry log and release (CPP 14.7 G.3.b, G.3.d-f), and
of the evidence collected and its chain of custody, read from what the scene and evidence
services stored.
"""

from __future__ import annotations

from incident_desk.domain.enums import CustodyAction, EvidenceSource
from incident_desk.domain.validation import MSG_SCENE_ENTRY_VIOLATION, format_moment
from incident_desk.services.timeline_sources import (
    Sources,
    TimelineEntry,
    TimelineKind,
    ref,
    words,
)


def scene_and_evidence_entries(src: Sources) -> list[TimelineEntry]:
    """The lines of the scene, its log and release, and the evidence and its custody."""
    return [*_scene(src), *_evidence(src)]


def _scene(src: Sources) -> list[TimelineEntry]:
    entries = []
    for scene in src.scenes:
        details: tuple[str, ...] = ()
        if scene.secured:
            title = f"Crime scene secured: {scene.location}"
        else:
            title = f"Crime scene could not be secured: {scene.location}"
            details = (
                f"Why: {scene.cannot_secure_reason}",
                f"Photographed: {'yes' if scene.photographed else 'no'}",
                f"Videotaped: {'yes' if scene.videotaped else 'no'}",
                f"Evidence collected: {'yes' if scene.evidence_collected else 'no'}",
            )
        entries.append(
            TimelineEntry(
                key=ref("scene", scene.id),
                kind=TimelineKind.SCENE,
                occurred_at=scene.secured_at or scene.recorded_at,
                recorded_at=scene.recorded_at,
                recorded_by=src.user(scene.secured_by_id or scene.recorded_by_id),
                title=title,
                details=details,
                citation="CPP 14.7 G.3.b",
            )
        )
    for line in src.scene_log:
        verb = "entered" if line.event.value == "entered" else "left"
        lines = [f"As: {words(line.entrant_role.value)}"]
        if line.purpose:
            lines.append(f"Purpose: {line.purpose}")
        lines.append(f"Videotaped: {'yes' if line.videotaped else 'no'}")
        if line.violation:
            lines.append(MSG_SCENE_ENTRY_VIOLATION)
        entries.append(
            TimelineEntry(
                key=ref("scene_log_entry", line.id),
                kind=TimelineKind.SCENE_ENTRY,
                occurred_at=line.occurred_at,
                recorded_at=line.recorded_at,
                recorded_by=src.user(line.recorded_by_id),
                title=f"{src.contact(line.contact_id)} {verb} the crime scene",
                details=tuple(lines),
                citation="CPP 14.7 G.3.d-e",
                corrects=ref("scene_log_entry", line.corrects_id),
                correction_reason=line.correction_reason,
                violation=line.violation,
            )
        )
    for release in src.scene_releases:
        entries.append(
            TimelineEntry(
                key=ref("scene_release", release.id),
                kind=TimelineKind.SCENE_RELEASE,
                occurred_at=release.released_at,
                recorded_at=release.recorded_at,
                recorded_by=src.user(release.released_by_id),
                title=f"Crime scene released by {release.authority}",
                details=(
                    f"Investigation verified complete by {release.verified_complete_by} at "
                    f"{format_moment(release.verified_complete_at)}",
                ),
                citation="CPP 14.7 G.3.f",
            )
        )
    return entries


#: Evidence from the scene is G.3.b's; the clean sheet and the clothing are G.5.a's.
_EVIDENCE_CITATIONS = {
    EvidenceSource.CLEAN_SHEET: "CPP 14.7 G.5.a",
    EvidenceSource.CLOTHING: "CPP 14.7 G.5.a",
}


def _evidence(src: Sources) -> list[TimelineEntry]:
    numbers = {item.id: item.item_number for item in src.evidence}
    entries = [
        TimelineEntry(
            key=ref("evidence_item", item.id),
            kind=TimelineKind.EVIDENCE,
            occurred_at=item.collected_at,
            recorded_at=item.recorded_at,
            recorded_by=src.user(item.recorded_by_id),
            title=f"Evidence {item.item_number} collected: {item.description}",
            details=(
                f"Collected by: {src.contact(item.collected_by_contact_id)}",
                f"Packaging: {words(item.packaging.value)}",
            )
            + ((f"Seal: {item.seal_number}",) if item.seal_number else ())
            + ((f"Stored in: {item.storage_location}",) if item.storage_location else ()),
            citation=_EVIDENCE_CITATIONS.get(item.source, "CPP 14.7 G.3.b"),
        )
        for item in src.evidence
    ]
    corrected = {link.corrects_id for link in src.custody if link.corrects_id is not None}
    for link in src.custody:
        if (
            link.action is CustodyAction.COLLECTED
            and link.corrects_id is None
            and link.id not in corrected
        ):
            continue  # the item's own entry says it was collected, by whom and when
        parties = [f"From: {src.contact(link.from_contact_id)}"] if link.from_contact_id else []
        if link.to_contact_id:
            parties.append(f"To: {src.contact(link.to_contact_id)}")
        if link.purpose:
            parties.append(f"Purpose: {link.purpose}")
        entries.append(
            TimelineEntry(
                key=ref("custody_transfer", link.id),
                kind=TimelineKind.CUSTODY,
                occurred_at=link.transferred_at,
                recorded_at=link.recorded_at,
                recorded_by=src.user(link.recorded_by_id),
                title=f"Evidence {numbers.get(link.evidence_item_id, '')}: {link.action.value}",
                details=tuple(parties),
                corrects=ref("custody_transfer", link.corrects_id),
                correction_reason=link.correction_reason,
            )
        )
    return entries
