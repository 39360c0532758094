"""Exporting the signed forms of a case (SPEC "Forms (PDF)"), counter-signing them, opening,
verifying and printing them; each of these is written to the audit trail (CPP 14.7 J).

An export draws each form from the record as it stands, signs it cryptographically as the
signed-in user in the first signature block, and keeps the signed PDF in the record (inside the
encrypted database). Exporting the same form again keeps the earlier one and stores a new one
that supersedes it. A second person counter-signs a stored document into its next free signature
block, as an incremental signature: the first signature stays valid, and the counter-signed copy
is again a new stored document superseding the one it was made from.

Who may: the roles of ``case_documents.DOCUMENT_ROLES``, for the cases they may see.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from incident_desk.documents.form_renderer import render_form
from incident_desk.documents.pdf_signing import PdfSigner, SigningFailed, sign_pdf
from incident_desk.documents.pdf_verification import verify_pdf
from incident_desk.documents.signature_report import SignatureReport, UnreadablePdf
from incident_desk.domain.documents import DocumentContent, FormDefinition
from incident_desk.services.attachments import MSG_DAMAGED, AttachmentDamaged
from incident_desk.services.case_documents import (
    DOCUMENT_ROLES,
    check_forms,
    form_definitions,
    read_documents,
)
from incident_desk.services.case_views import load_visible_case
from incident_desk.services.document_store import (
    EVENT_COUNTERSIGNED,
    EVENT_EXPORTED,
    SignaturePlace,
    StoredDocument,
    document_filename,
    latest_of,
    load_document,
    places_words,
    signature_places,
    signer_ids,
    store_document,
    stored_snapshots,
)
from incident_desk.services.errors import ServiceError, rejected
from incident_desk.services.signing import signer_for, trust_roots
from incident_desk.services.visibility import require_role
from incident_desk.services.workspace import Workspace
from incident_desk.storage.rows import CaseRow, GeneratedDocumentRow
from incident_desk.storage.unit_of_work import UnitOfWork

__all__ = [
    "ExportedDocument",
    "StoredDocument",
    "countersign_document",
    "document_pdf",
    "export_documents",
    "record_printed",
    "stored_documents",
    "verify_document_bytes",
]

MSG_ALREADY_SIGNED = "You have already signed {file}. Each person signs a document once."
MSG_NEWER_EXISTS = (
    "{file} (document #{id}) has been replaced by document #{newer}. Sign the newer one, "
    "so that every signature is on the same copy."
)
MSG_NO_FREE_BLOCK = "Every signature block of {file} is already signed."
MSG_SIGNING_FAILED = "The document could not be signed: {reason} Nothing was stored; try again."
MSG_UNREADABLE = "This file is not a PDF that can be checked: {reason}"
REASON = "{title}, version {version}, case {case}: signed as the record stands"
COUNTERSIGN_REASON = "{title}, version {version}, case {case}: counter-signed"


@dataclass(frozen=True)
class ExportedDocument:
    """A signed PDF as stored in the record and handed to the user."""

    id: int
    form_key: str
    form_version: str
    subject: str
    filename: str
    pdf: bytes
    sha256: str
    signed_by: tuple[str, ...]


@dataclass(frozen=True)
class _Signed:
    definition: FormDefinition
    content: DocumentContent
    filename: str
    pdf: bytes
    places: tuple[SignaturePlace, ...]


def export_documents(
    workspace: Workspace, case_number: str, forms: Sequence[str] | None = None
) -> tuple[ExportedDocument, ...]:
    """Draw, sign and store the forms asked for (all five when none are named)."""
    keys = check_forms(forms)
    require_role(workspace.actor, DOCUMENT_ROLES, "export the forms of a case")
    with workspace.read() as work:
        documents, _case_id = read_documents(workspace, work, case_number, keys)
    signer = signer_for(workspace)
    now = workspace.clock.now()
    signed = [
        _draw_and_sign(workspace, signer, definition, content, now)
        for definition, content in documents
    ]
    actor = workspace.actor
    with workspace.write("export_documents") as work:
        case = load_visible_case(workspace, work, case_number)
        work.set_case(case.id)
        items = {item.item_number: item.id for item in work.evidence.items(case.id)}
        exported = []
        for document in signed:
            header = document.content.header
            item_id = items.get(header.subject) if document.definition.per_item else None
            row = store_document(
                work,
                case,
                form_key=document.definition.key,
                form_version=document.definition.version,
                title=document.definition.title,
                filename=document.filename,
                pdf=document.pdf,
                evidence_item_id=item_id,
                audit_head=header.audit_head,
                signed_by_ids=(actor.id,),
                actor_id=actor.id,
                now=now,
                supersedes=latest_of(work, case.id, document.definition.key, item_id),
                places=document.places,
            )
            _record(work, EVENT_EXPORTED, row, case, document.filename, document.places)
            exported.append(
                ExportedDocument(
                    id=row.id,
                    form_key=row.form_key,
                    form_version=row.form_version,
                    subject=header.subject,
                    filename=document.filename,
                    pdf=document.pdf,
                    sha256=row.sha256,
                    signed_by=(actor.display_name,),
                )
            )
    return tuple(exported)


def countersign_document(workspace: Workspace, document_id: int) -> ExportedDocument:
    """Sign a stored document into its next free signature block, as the signed-in user."""
    require_role(workspace.actor, DOCUMENT_ROLES, "sign the forms of a case")
    actor = workspace.actor
    with workspace.read() as work:
        row, case = _visible_document(workspace, work, document_id)
        filename, pdf, item_id = _stored_pdf(work, row)
        if hashlib.sha256(pdf).hexdigest() != row.sha256:
            raise AttachmentDamaged(MSG_DAMAGED.format(id=row.attachment_id, name=filename))
        _refuse_if_replaced(work, row, case, filename)
        signers = signer_ids(row)
        if actor.id in signers:
            raise rejected("document", MSG_ALREADY_SIGNED.format(file=filename))
        places = signature_places(work, row)
        if len(signers) >= len(places):
            raise rejected("document", MSG_NO_FREE_BLOCK.format(file=filename))
        place = places[len(signers)]
        facility = work.organization.facility(case.facility_id)
        location = facility.name if facility is not None else ""
        number, form_key, version = case.case_number, row.form_key, row.form_version
    definition = form_definitions().get(form_key)
    title = definition.title if definition is not None else form_key
    now = workspace.clock.now()
    reason = COUNTERSIGN_REASON.format(title=title, version=version, case=number)
    countersigned = _sign(
        pdf, signer_for(workspace), len(signers) + 1, place, now, reason, location
    )
    with workspace.write("countersign_document") as work:
        original, case = _visible_document(workspace, work, document_id)
        _refuse_if_replaced(work, original, case, filename)
        new = store_document(
            work,
            case,
            form_key=original.form_key,
            form_version=original.form_version,
            title=title,
            filename=filename,
            pdf=countersigned,
            evidence_item_id=item_id,
            audit_head=original.audit_head_hash,
            signed_by_ids=(*signers, actor.id),
            actor_id=actor.id,
            now=now,
            supersedes=original,
            places=places,
        )
        _record(work, EVENT_COUNTERSIGNED, new, case, filename, places)
        snapshot = stored_snapshots(work, case, [new])[0]
    return ExportedDocument(
        id=snapshot.id,
        form_key=snapshot.form_key,
        form_version=snapshot.form_version,
        subject=snapshot.subject,
        filename=filename,
        pdf=countersigned,
        sha256=snapshot.sha256,
        signed_by=snapshot.signed_by,
    )


def stored_documents(workspace: Workspace, case_number: str) -> tuple[StoredDocument, ...]:
    """Every document exported in the case, oldest first, superseded ones included."""
    require_role(workspace.actor, DOCUMENT_ROLES, "see the forms of a case")
    with workspace.read() as work:
        case = load_visible_case(workspace, work, case_number)
        rows = work.records.of_case(GeneratedDocumentRow, case.id)
        return stored_snapshots(work, case, rows)


def document_pdf(workspace: Workspace, document_id: int) -> bytes:
    """A stored document's bytes, checked against the SHA-256 kept with it (a view: audited)."""
    require_role(workspace.actor, DOCUMENT_ROLES, "open the forms of a case")
    with workspace.write("view_document") as work:
        row, case = _visible_document(workspace, work, document_id)
        filename, pdf, _item = _stored_pdf(work, row)
        intact = hashlib.sha256(pdf).hexdigest() == row.sha256
        action = "view_document" if intact else "document_integrity_failed"
        work.record_event(action, "generated_document", row.id, case_id=case.id)
    if not intact:
        raise AttachmentDamaged(MSG_DAMAGED.format(id=row.attachment_id, name=filename))
    return pdf


def verify_document_bytes(
    workspace: Workspace, pdf: bytes, extra_roots: Sequence[bytes] = ()
) -> tuple[SignatureReport, ...]:
    """Check every signature of a PDF against this facility's signing authority, and any
    ``extra_roots`` the user chose to trust as well (audited)."""
    digest = hashlib.sha256(pdf).hexdigest()
    try:
        reports = verify_pdf(pdf, (*trust_roots(workspace), *extra_roots))
        outcome = _outcome(reports)
    except UnreadablePdf as error:
        reports, outcome = (), f"unreadable: {error}"
    with workspace.write("verify_document") as work:
        work.record_event("verify_document", "pdf", digest, detail=outcome)
    if outcome.startswith("unreadable"):
        raise rejected("pdf", MSG_UNREADABLE.format(reason=outcome.removeprefix("unreadable: ")))
    return reports


def record_saved(workspace: Workspace, document_id: int) -> None:
    """Write to the audit trail that a stored document was saved to a file outside the record
    (the file's name is not kept: it may name a person)."""
    with workspace.write("save_document") as work:
        row, case = _visible_document(workspace, work, document_id)
        work.record_event("save_document", "generated_document", row.id, case_id=case.id)


def record_printed(workspace: Workspace, document_ids: Sequence[int]) -> None:
    """Write to the audit trail that these stored documents were printed."""
    with workspace.write("print_documents") as work:
        for document_id in document_ids:
            row, case = _visible_document(workspace, work, document_id)
            work.record_event("print_document", "generated_document", row.id, case_id=case.id)


def _draw_and_sign(
    workspace: Workspace,
    signer: PdfSigner,
    definition: FormDefinition,
    content: DocumentContent,
    now: datetime,
) -> _Signed:
    rendered = render_form(definition, content)
    places = tuple(SignaturePlace(b.block, b.page, b.box) for b in rendered.signature_boxes)
    header = content.header
    reason = REASON.format(
        title=definition.title, version=definition.version, case=header.case_number
    )
    first = places[0] if places else SignaturePlace("document", 0, (0.0, 0.0, 0.0, 0.0))
    return _Signed(
        definition=definition,
        content=content,
        filename=document_filename(header.case_number, definition.key, header.subject),
        pdf=_sign(rendered.pdf, signer, 1, first, now, reason, header.facility),
        places=places,
    )


def _sign(
    pdf: bytes,
    signer: PdfSigner,
    number: int,
    place: SignaturePlace,
    now: datetime,
    reason: str,
    location: str,
) -> bytes:
    try:
        return sign_pdf(
            pdf,
            signer,
            f"Signature{number}-{place.block}",
            place.page,
            place.box,
            now,
            reason,
            location,
        )
    except SigningFailed as error:
        raise ServiceError(MSG_SIGNING_FAILED.format(reason=error)) from error


def _record(
    work: UnitOfWork,
    action: str,
    row: GeneratedDocumentRow,
    case: CaseRow,
    filename: str,
    places: Sequence[SignaturePlace],
) -> None:
    detail = f"{filename}; sha256 {row.sha256}; {places_words(places)}"
    work.record_event(action, "generated_document", row.id, case_id=case.id, detail=detail)


def _visible_document(
    workspace: Workspace, work: UnitOfWork, document_id: int
) -> tuple[GeneratedDocumentRow, CaseRow]:
    row = load_document(work, document_id)
    case = work.cases.get(row.case_id)
    assert case is not None  # a foreign key guarantees it
    return row, load_visible_case(workspace, work, case.case_number)


def _stored_pdf(work: UnitOfWork, row: GeneratedDocumentRow) -> tuple[str, bytes, int | None]:
    attachment = work.records.attachment(row.attachment_id)
    content = work.records.attachment_content(row.attachment_id)
    assert attachment is not None  # a foreign key guarantees it
    assert content is not None
    return attachment.filename, content, attachment.evidence_item_id


def _refuse_if_replaced(
    work: UnitOfWork, row: GeneratedDocumentRow, case: CaseRow, filename: str
) -> None:
    newer = [
        r.id
        for r in work.records.of_case(GeneratedDocumentRow, case.id)
        if r.supersedes_id == row.id
    ]
    if newer:
        raise rejected(
            "document", MSG_NEWER_EXISTS.format(file=filename, id=row.id, newer=newer[-1])
        )


def _outcome(reports: Sequence[SignatureReport]) -> str:
    if not reports:
        return "no signatures"
    good = all(report.intact and report.trusted for report in reports)
    return f"{len(reports)} signatures; " + ("all intact and trusted" if good else "not all valid")
