"""The signed documents on the timeline: each export or counter-signature of a form is part
of the record (CPP 14.7 G.8), with the version it was signed under and the audit chain's head
it carries, so the paper copy can be traced back to this line."""

from __future__ import annotations

from incident_desk.services.case_documents import form_definitions
from incident_desk.services.timeline_sources import Sources, TimelineEntry, TimelineKind, ref


def document_entries(src: Sources) -> list[TimelineEntry]:
    definitions = form_definitions()
    entries = []
    for row in src.documents:
        definition = definitions.get(row.form_key)
        title = definition.title if definition is not None else row.form_key.replace("_", " ")
        verb = "counter-signed" if row.supersedes_id is not None else "signed and stored"
        entries.append(
            TimelineEntry(
                key=ref("generated_document", row.id),
                kind=TimelineKind.DOCUMENT,
                occurred_at=row.generated_at,
                recorded_at=row.generated_at,
                recorded_by=src.user(row.generated_by_id),
                title=f"{title}: {verb}",
                details=(
                    f"Form version: {row.form_version}",
                    f"SHA-256: {row.sha256}",
                    f"Audit chain head at signing: {row.audit_head_hash[:16]}…",
                ),
                citation=definition.citation if definition is not None else "",
            )
        )
    return entries
