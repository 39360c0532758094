"""The document use-cases the Documents tab calls, bound to the signed-in workspace by the
composition root (each slot is ``functools.partial(<service function>, workspace)``)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from incident_desk.documents.signature_report import SignatureReport
from incident_desk.domain.documents import DocumentContent, FormDefinition
from incident_desk.services.document_export import ExportedDocument, StoredDocument
from incident_desk.services.evidence_views import EvidenceItemView

Documents = tuple[tuple[FormDefinition, DocumentContent], ...]


@dataclass(frozen=True)
class DocumentsServices:
    #: ``contents(case_number)``: every form filled from the record, unsigned
    #: (services.case_documents.document_contents)
    contents: Callable[[str], Documents]
    #: ``export(case_number, form_keys)``: draw, sign as the user and store
    #: (services.document_export.export_documents)
    export: Callable[[str, Sequence[str]], tuple[ExportedDocument, ...]]
    #: ``countersign(document_id)`` (services.document_export.countersign_document)
    countersign: Callable[[int], ExportedDocument]
    #: ``stored(case_number)`` (services.document_export.stored_documents)
    stored: Callable[[str], tuple[StoredDocument, ...]]
    #: ``pdf(document_id)`` -> the stored bytes (services.document_export.document_pdf)
    pdf: Callable[[int], bytes]
    #: ``verify(pdf)`` (services.document_export.verify_document_bytes)
    verify: Callable[[bytes], tuple[SignatureReport, ...]]
    #: ``record_printed(document_ids)`` (services.document_export.record_printed)
    record_printed: Callable[[Sequence[int]], None]
    #: ``record_saved(document_id)`` (services.document_export.record_saved)
    record_saved: Callable[[int], None]
    #: ``evidence_items(case_number)``, for the bag labels (services.evidence_views.evidence_view)
    evidence_items: Callable[[str], tuple[EvidenceItemView, ...]]
    #: ``reauthenticate(passphrase)``: the signer proves it is them before a signature
    #: (services.workspace.reauthenticate)
    reauthenticate: Callable[[str], None]
    #: The signed-in user's name, as the confirmation shows it.
    display_name: str
