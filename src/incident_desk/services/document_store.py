"""Signed PDFs kept as part of the record: an attachment (its bytes inside the encrypted
database) and a generated-document row naming the form, its version, the audit chain head it was
made at and who signed it. A new export or a counter-signature is a new row that supersedes the
one before; no stored document is ever changed.

Where each signature block's box lies on the page is known only when the form is drawn: it is
kept with the document (``signature_boxes``, a JSON list of ``{block, page, box}``) and read
from there when someone counter-signs. The audit event of the export says it too, in words and
numbers, for people reading the trail; for a document stored before the boxes were kept with it,
that is where they are read from.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from incident_desk.domain.enums import AttachmentKind
from incident_desk.services.errors import NotFound
from incident_desk.storage.rows import (
    AttachmentBlobRow,
    AttachmentRow,
    CaseRow,
    GeneratedDocumentRow,
)
from incident_desk.storage.unit_of_work import UnitOfWork

PDF_MEDIA_TYPE = "application/pdf"
EVENT_EXPORTED = "export_document"
EVENT_COUNTERSIGNED = "countersign_document"
PLACES_PREFIX = "signature places: "
MSG_NO_SUCH_DOCUMENT = "There is no stored document #{id}."
_PLACE = re.compile(r"(\w+) p(\d+) (-?[\d.]+),(-?[\d.]+),(-?[\d.]+),(-?[\d.]+)")
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True)
class SignaturePlace:
    """Where one signature block's digital signature goes: ``page`` from 0, box in points."""

    block: str
    page: int
    box: tuple[float, float, float, float]


@dataclass(frozen=True)
class StoredDocument:
    """A stored signed document, described (its bytes are read with ``document_pdf``)."""

    id: int
    case_number: str
    form_key: str
    form_version: str
    subject: str
    filename: str
    sha256: str
    size_bytes: int
    audit_head_hash: str
    signed_by: tuple[str, ...]
    generated_at: datetime
    generated_by: str
    supersedes_id: int | None
    #: The newer document that replaces this one, if any.
    superseded_by_id: int | None


def document_filename(case_number: str, form_key: str, subject: str) -> str:
    """``<case>-<form>[-<item>].pdf`` with only letters, digits, dots, dashes and underscores."""
    tail = subject.removeprefix(f"{case_number}-") if subject else ""
    parts = [case_number, form_key] + ([tail] if tail else [])
    return "-".join(_UNSAFE.sub("_", part).strip("._-") or "_" for part in parts) + ".pdf"


def places_words(places: Sequence[SignaturePlace]) -> str:
    """The places as the audit event keeps them: "supervisor p3 356,619,556,679; ..."."""
    return PLACES_PREFIX + "; ".join(
        f"{p.block} p{p.page} " + ",".join(f"{value:g}" for value in p.box) for p in places
    )


def places_json(places: Sequence[SignaturePlace]) -> str:
    """The places as the document keeps them: ``[{"block": ..., "page": 0, "box": [...]}]``."""
    return json.dumps(
        [{"block": p.block, "page": p.page, "box": list(p.box)} for p in places],
        separators=(",", ":"),
    )


def places_from_json(text: str) -> tuple[SignaturePlace, ...]:
    places = []
    for found in json.loads(text or "[]"):
        x1, y1, x2, y2 = (float(value) for value in found["box"])
        places.append(SignaturePlace(str(found["block"]), int(found["page"]), (x1, y1, x2, y2)))
    return tuple(places)


def read_places(detail: str) -> tuple[SignaturePlace, ...]:
    if PLACES_PREFIX not in detail:
        return ()
    text = detail.split(PLACES_PREFIX, 1)[1]
    return tuple(
        SignaturePlace(found[0], int(found[1]), tuple(float(v) for v in found[2:6]))  # type: ignore[arg-type]
        for found in _PLACE.findall(text)
    )


def store_document(
    work: UnitOfWork,
    case: CaseRow,
    *,
    form_key: str,
    form_version: str,
    title: str,
    filename: str,
    pdf: bytes,
    evidence_item_id: int | None,
    audit_head: str,
    signed_by_ids: Sequence[int],
    actor_id: int,
    now: datetime,
    supersedes: GeneratedDocumentRow | None,
    places: Sequence[SignaturePlace],
) -> GeneratedDocumentRow:
    """Add the PDF as an attachment of the case and a generated-document row pointing at it."""
    digest = hashlib.sha256(pdf).hexdigest()
    attachment = AttachmentRow(
        case_id=case.id,
        kind=AttachmentKind.DOCUMENT,
        filename=filename,
        media_type=PDF_MEDIA_TYPE,
        size_bytes=len(pdf),
        sha256=digest,
        caption=f"{title}, version {form_version}",
        evidence_item_id=evidence_item_id,
        scene_id=None,
        taken_at=None,
        added_by_id=actor_id,
        added_at=now,
    )
    work.add(attachment)
    work.flush()
    work.add(AttachmentBlobRow(attachment_id=attachment.id, content=pdf))
    row = GeneratedDocumentRow(
        case_id=case.id,
        form_key=form_key,
        form_version=form_version,
        attachment_id=attachment.id,
        sha256=digest,
        audit_head_hash=audit_head,
        signed_by_ids=",".join(str(user_id) for user_id in signed_by_ids),
        generated_at=now,
        generated_by_id=actor_id,
        supersedes_id=supersedes.id if supersedes is not None else None,
        signature_boxes=places_json(places),
    )
    work.add(row)
    work.flush()
    return row


def latest_of(
    work: UnitOfWork, case_id: int, form_key: str, evidence_item_id: int | None
) -> GeneratedDocumentRow | None:
    """The newest stored document of this form (and item) in the case, if one was exported."""
    found = None
    for row in work.records.of_case(GeneratedDocumentRow, case_id):
        if row.form_key != form_key:
            continue
        attachment = work.records.attachment(row.attachment_id)
        if attachment is not None and attachment.evidence_item_id == evidence_item_id:
            found = row
    return found


def load_document(work: UnitOfWork, document_id: int) -> GeneratedDocumentRow:
    row = work.get(GeneratedDocumentRow, document_id)
    if not isinstance(row, GeneratedDocumentRow):
        raise NotFound(MSG_NO_SUCH_DOCUMENT.format(id=document_id))
    return row


def signer_ids(row: GeneratedDocumentRow) -> tuple[int, ...]:
    return tuple(int(part) for part in row.signed_by_ids.split(",") if part.strip())


def signature_places(work: UnitOfWork, row: GeneratedDocumentRow) -> tuple[SignaturePlace, ...]:
    """The signature places kept with ``row``; for a document stored before they were kept with
    it (none kept), those its audit event names."""
    kept = places_from_json(row.signature_boxes)
    if kept:
        return kept
    for event in reversed(work.records.audit_events(row.case_id)):
        if (
            event.action in (EVENT_EXPORTED, EVENT_COUNTERSIGNED)
            and event.entity == "generated_document"
            and event.entity_id == str(row.id)
        ):
            return read_places(event.detail)
    return ()


def stored_snapshots(
    work: UnitOfWork, case: CaseRow, rows: Sequence[GeneratedDocumentRow]
) -> tuple[StoredDocument, ...]:
    names = {user.id: user.display_name for user in work.organization.users()}
    superseded_by = {row.supersedes_id: row.id for row in rows if row.supersedes_id is not None}
    items = {item.id: item.item_number for item in work.evidence.items(case.id)}
    snapshots = []
    for row in rows:
        attachment = work.records.attachment(row.attachment_id)
        assert attachment is not None  # a foreign key guarantees it
        snapshots.append(
            StoredDocument(
                id=row.id,
                case_number=case.case_number,
                form_key=row.form_key,
                form_version=row.form_version,
                subject=items.get(attachment.evidence_item_id or 0, ""),
                filename=attachment.filename,
                sha256=row.sha256,
                size_bytes=attachment.size_bytes,
                audit_head_hash=row.audit_head_hash,
                signed_by=tuple(names.get(user_id, "") for user_id in signer_ids(row)),
                generated_at=row.generated_at,
                generated_by=names.get(row.generated_by_id, ""),
                supersedes_id=row.supersedes_id,
                superseded_by_id=superseded_by.get(row.id),
            )
        )
    return tuple(snapshots)
