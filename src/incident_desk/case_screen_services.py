"""Part of the composition root: the use-cases of a case's crime scene, evidence, documents and
investigator assignment screens, bound to the signed-in workspace (``partial(fn, workspace)``)
so the widgets never see a workspace or the ORM. ``app.py`` hands them to the main window;
tests bind the same way.

The documents use-cases load the PDF signing library, which takes a moment: they are imported
here, while ``app.py`` warms this module up as the user types the passphrase."""

from __future__ import annotations

from functools import partial

from incident_desk.services import (
    attachments,
    case_documents,
    contacts,
    custody,
    custody_verification,
    document_export,
    evidence,
    evidence_views,
    investigation,
    scene,
)
from incident_desk.services.workspace import Workspace, reauthenticate
from incident_desk.ui.cases.investigator_assignment_widget import AssignmentServices
from incident_desk.ui.documents.documents_services import DocumentsServices
from incident_desk.ui.evidence.evidence_services import EvidenceServices
from incident_desk.ui.scene.scene_services import SceneServices


def bind_scene_services(workspace: Workspace) -> SceneServices:
    return SceneServices(
        scenes=partial(scene.scene_view, workspace),
        record_scene=partial(scene.record_scene, workspace),
        mark_documented=partial(scene.mark_scene_documented, workspace),
        log_entry=partial(scene.log_scene_entry, workspace),
        log_exit=partial(scene.log_scene_exit, workspace),
        release=partial(scene.release_scene, workspace),
        find_contacts=partial(contacts.find_contacts, workspace),
        add_contact=partial(contacts.add_contact, workspace),
        attachments=partial(attachments.list_attachments, workspace),
        read_attachment=partial(attachments.read_attachment, workspace),
        add_attachment=partial(attachments.add_attachment, workspace),
        verify=partial(custody_verification.verify_case_evidence, workspace),
        now=workspace.clock.now,
        role=workspace.actor.role,
    )


def bind_evidence_services(workspace: Workspace) -> EvidenceServices:
    return EvidenceServices(
        items=partial(evidence_views.evidence_view, workspace),
        item_by_number=partial(evidence_views.item_by_number, workspace),
        signatures=partial(evidence_views.custody_signatures, workspace),
        verify=partial(custody_verification.verify_case_evidence, workspace),
        add_item=partial(evidence.add_evidence, workspace),
        transfer=partial(custody.transfer_custody, workspace),
        dispose=partial(custody.dispose_evidence, workspace),
        find_contacts=partial(contacts.find_contacts, workspace),
        add_contact=partial(contacts.add_contact, workspace),
        me=partial(contacts.contact_for_user, workspace),
        add_attachment=partial(attachments.add_attachment, workspace),
        attachments=partial(attachments.list_attachments, workspace),
        read_attachment=partial(attachments.read_attachment, workspace),
        now=workspace.clock.now,
    )


def bind_documents_services(workspace: Workspace) -> DocumentsServices:
    return DocumentsServices(
        contents=partial(case_documents.document_contents, workspace),
        export=partial(document_export.export_documents, workspace),
        countersign=partial(document_export.countersign_document, workspace),
        stored=partial(document_export.stored_documents, workspace),
        pdf=partial(document_export.document_pdf, workspace),
        verify=partial(document_export.verify_document_bytes, workspace),
        record_printed=partial(document_export.record_printed, workspace),
        record_saved=partial(document_export.record_saved, workspace),
        evidence_items=partial(evidence_views.evidence_view, workspace),
        reauthenticate=partial(reauthenticate, workspace),
        display_name=workspace.actor.display_name,
    )


def bind_assignment_services(workspace: Workspace) -> AssignmentServices:
    return AssignmentServices(
        choices=partial(investigation.investigator_choices, workspace),
        assign=partial(investigation.assign_investigator, workspace),
        allowed=workspace.actor.role in investigation.ASSIGNING_ROLES,
    )
