"""Exporting signed forms: every recorded value is in the PDF's text, the signature is valid to
poppler and to our own check, qpdf finds no error, a second person counter-signs without breaking
the first signature, a new export supersedes and never changes the old one, and exports, views,
prints and verifications are in the audit trail."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader

from incident_desk.domain.clock import ManualClock
from incident_desk.services.case_documents import document_contents
from incident_desk.services.cases import get_case
from incident_desk.services.document_export import (
    countersign_document,
    document_pdf,
    export_documents,
    record_printed,
    stored_documents,
    verify_document_bytes,
)
from incident_desk.services.errors import AccessDenied, InputRejected
from incident_desk.services.timeline import timeline
from incident_desk.services.workspace import Workspace
from incident_desk.storage.rows import GeneratedDocumentRow
from tests.services.document_case import RecordedCase, record_full_case
from tests.services.pdf_tools import (
    pdf_text,
    pdfsig_report,
    printed_values,
    qpdf_check,
    squeezed,
)
from tests.services.test_first_response import audited_events

VALID = "Signature is Valid"


@pytest.fixture
def case(supervisor: Workspace, clock: ManualClock) -> RecordedCase:
    return record_full_case(supervisor, clock)


def _written(tmp_path: Path, filename: str, pdf: bytes) -> Path:
    path = tmp_path / filename
    path.write_bytes(pdf)
    return path


def test_the_packet_prints_every_recorded_value_and_is_validly_signed(
    supervisor: Workspace, case: RecordedCase, tmp_path: Path
) -> None:
    contents = {
        (c.form_key, c.header.subject): (d, c)
        for d, c in document_contents(supervisor, case.number)
    }
    exported = export_documents(supervisor, case.number)

    assert [(d.form_key, d.filename) for d in exported] == [
        ("eor", f"{case.number}-eor.pdf"),
        ("allegation_report", f"{case.number}-allegation_report.pdf"),
        ("chain_of_evidence", f"{case.number}-chain_of_evidence-E001.pdf"),
        ("scene_entry_log", f"{case.number}-scene_entry_log.pdf"),
        ("first_response_record", f"{case.number}-first_response_record.pdf"),
    ]
    everything = ""
    for document in exported:
        path = _written(tmp_path, document.filename, document.pdf)
        text = pdf_text(path)
        everything += text
        definition, content = contents[(document.form_key, document.subject)]
        for value in printed_values(definition, content):
            assert squeezed(value) in text, (document.filename, value)
        assert document.form_version == "2026.1"
        assert squeezed("version 2026.1") in text
        assert pdfsig_report(path).count(VALID) == 1, document.filename
        assert qpdf_check(path).returncode == 0, qpdf_check(path).stdout
        (report,) = verify_document_bytes(supervisor, document.pdf)
        assert report.intact, report.problem
        assert report.trusted, report.problem
        assert "Dana Brooks" in report.signer
        assert document.signed_by == ("Sgt. Dana Brooks",)
    for value in case.values:
        assert squeezed(value) in everything, value


def test_stored_bytes_are_the_exported_bytes(supervisor: Workspace, case: RecordedCase) -> None:
    exported = export_documents(supervisor, case.number, ["eor", "chain_of_evidence"])
    stored = stored_documents(supervisor, case.number)
    assert [s.id for s in stored] == [d.id for d in exported]
    for document, description in zip(exported, stored, strict=True):
        assert document_pdf(supervisor, document.id) == document.pdf
        assert description.sha256 == document.sha256
        assert description.filename == document.filename
        assert description.form_version == "2026.1"
        assert len(description.audit_head_hash) == 64
    assert stored[1].subject == case.item_number


def test_a_second_person_countersigns_and_both_signatures_hold(
    sign_in_as: Callable[[str], Workspace], clock: ManualClock, tmp_path: Path
) -> None:
    supervisor = sign_in_as("sup")
    case = record_full_case(supervisor, clock)
    (first,) = export_documents(supervisor, case.number, ["eor"])
    clock.advance(timedelta(minutes=10))
    warden = sign_in_as("warden")

    second = countersign_document(warden, first.id)

    assert second.signed_by == ("Sgt. Dana Brooks", "Warden Sam Hale")
    # Both signatures are acts on the case's timeline, each by its signer.
    signed = [
        (entry.title, entry.recorded_by)
        for entry in timeline(warden, case.number)
        if entry.title.startswith("Extraordinary Occurrence Report")
    ]
    assert signed == [
        ("Extraordinary Occurrence Report: counter-signed", "Warden Sam Hale"),
        ("Extraordinary Occurrence Report: signed and stored", "Sgt. Dana Brooks"),
    ]
    assert second.pdf.startswith(first.pdf)  # an incremental update: the first bytes stay
    path = _written(tmp_path, "countersigned.pdf", second.pdf)
    assert pdfsig_report(path).count(VALID) == 2
    assert qpdf_check(path).returncode == 0
    reports = verify_document_bytes(warden, second.pdf)
    assert [r.intact and r.trusted for r in reports] == [True, True]
    assert [r.field_name for r in reports] == [
        "Signature1-shift_supervisor",
        "Signature2-warden_review",
    ]
    assert reports[0].changes_after == "later signatures only"
    stored = {s.id: s for s in stored_documents(warden, case.number)}
    assert stored[second.id].supersedes_id == first.id
    assert stored[first.id].superseded_by_id == second.id
    assert document_pdf(supervisor, first.id) == first.pdf

    with pytest.raises(InputRejected, match="replaced by document"):
        countersign_document(sign_in_as("inv"), first.id)
    with pytest.raises(InputRejected, match="already signed"):
        countersign_document(warden, second.id)
    with pytest.raises(InputRejected, match="Every signature block"):
        countersign_document(sign_in_as("inv"), second.id)


def test_exporting_again_supersedes_and_never_changes_the_earlier_document(
    supervisor: Workspace, clock: ManualClock, case: RecordedCase
) -> None:
    (old,) = export_documents(supervisor, case.number, ["first_response_record"])
    clock.advance(timedelta(hours=1))
    (new,) = export_documents(supervisor, case.number, ["first_response_record"])

    assert new.id != old.id
    assert new.sha256 != old.sha256
    stored = {s.id: s for s in stored_documents(supervisor, case.number)}
    assert stored[new.id].supersedes_id == old.id
    assert stored[old.id].supersedes_id is None
    assert stored[old.id].sha256 == old.sha256
    assert document_pdf(supervisor, old.id) == old.pdf


def test_exports_views_prints_and_checks_are_audited(
    supervisor: Workspace, case: RecordedCase
) -> None:
    case_id = get_case(supervisor, case.number).summary.id
    before = audited_events(supervisor)
    exported = export_documents(supervisor, case.number, ["eor", "scene_entry_log"])
    document_pdf(supervisor, exported[0].id)
    record_printed(supervisor, [d.id for d in exported])
    verify_document_bytes(supervisor, exported[0].pdf)
    with pytest.raises(InputRejected, match="not a PDF"):
        verify_document_bytes(supervisor, b"not a pdf at all")

    assert audited_events(supervisor) > before
    with supervisor.read() as work:
        events = work.records.audit_events(case_id)
    actions = [(e.action, e.entity_id) for e in events if e.entity == "generated_document"]
    ids = [str(d.id) for d in exported]
    assert [a for a in actions if a[0] == "export_document"] == [
        ("export_document", i) for i in ids
    ]
    assert ("view_document", ids[0]) in actions
    assert [a for a in actions if a[0] == "print_document"] == [("print_document", i) for i in ids]
    export_events = [e for e in events if e.action == "export_document"]
    assert all("signature places: " in e.detail for e in export_events)


def test_who_may_export(sign_in_as: Callable[[str], Workspace], clock: ManualClock) -> None:
    supervisor = sign_in_as("sup")
    case = record_full_case(supervisor, clock)
    for username in ("fr", "med", "admin"):
        with pytest.raises(AccessDenied):
            export_documents(sign_in_as(username), case.number, ["eor"])
    (document,) = export_documents(sign_in_as("pcm"), case.number, ["eor"])
    assert document.signed_by == ("Jordan Reyes",)


def _kept_boxes(workspace: Workspace, document_id: int) -> list[dict[str, object]]:
    with workspace.read() as work:
        row = work.get(GeneratedDocumentRow, document_id)
        assert isinstance(row, GeneratedDocumentRow)
        boxes = json.loads(row.signature_boxes)
    assert isinstance(boxes, list)
    return boxes


def _signature_rects(pdf: bytes) -> dict[str, tuple[float, ...]]:
    """Each signature field of the PDF and where its widget lies on the page."""
    fields = [
        ref.get_object() for ref in PdfFileReader(io.BytesIO(pdf)).root["/AcroForm"]["/Fields"]
    ]
    return {str(field["/T"]): tuple(round(float(v), 1) for v in field["/Rect"]) for field in fields}


def test_the_signature_boxes_are_kept_with_the_document_and_the_countersignature_uses_them(
    sign_in_as: Callable[[str], Workspace], clock: ManualClock
) -> None:
    supervisor = sign_in_as("sup")
    case = record_full_case(supervisor, clock)
    (first,) = export_documents(supervisor, case.number, ["eor"])

    kept = _kept_boxes(supervisor, first.id)
    assert [box["block"] for box in kept] == ["shift_supervisor", "warden_review"]
    # The trail still says where they are, in words, for whoever reads it.
    with supervisor.read() as work:
        case_id = work.get(GeneratedDocumentRow, first.id).case_id
        (detail,) = [
            e.detail for e in work.records.audit_events(case_id) if e.action == "export_document"
        ]
    for box in kept:
        numbers = ",".join(f"{float(v):g}" for v in box["box"])  # type: ignore[attr-defined]
        assert f"{box['block']} p{box['page']} {numbers}" in detail

    clock.advance(timedelta(minutes=10))
    warden = sign_in_as("warden")
    second = countersign_document(warden, first.id)

    assert _kept_boxes(warden, second.id) == kept
    rects = _signature_rects(second.pdf)
    warden_box = tuple(round(float(v), 1) for v in kept[1]["box"])  # type: ignore[attr-defined]
    assert rects["Signature2-warden_review"] == warden_box
    reports = verify_document_bytes(warden, second.pdf)
    assert [r.intact and r.trusted for r in reports] == [True, True]
