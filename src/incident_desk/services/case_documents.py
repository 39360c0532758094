"""The printed forms of a case filled from the record (SPEC "Forms (PDF)", CPP 14.7 G.8).

Five forms, each defined in ``forms/documents/*.toml``: the Extraordinary Occurrence Report,
section one of the Sexual Offense Allegation Reporting Form, a Chain of Evidence form per
evidence item, the Crime Scene Entry Log and the First Response Record. The whole record is
read in one transaction, so the forms of one packet agree with each other and with the audit
chain head printed on them; every choice prints as words, never as a stored key.

Who may produce the forms (``DOCUMENT_ROLES``): the roles that sign or forward them. The shift
supervisor completes the EOR and section one (G.8); the investigator signs the scene log and
takes evidence into custody; the Warden reviews the EOR; the PREA compliance manager keeps the
agency's data (14.7 M). First responders and medical staff record parts of the case but do not
sign these forms, and administrators have no need to read case files. Each of them must also be
able to see the case (CPP 14.7 J).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache

from incident_desk.domain.documents import DocumentContent, DocumentHeader, FormDefinition
from incident_desk.domain.enums import Role
from incident_desk.forms.document_loader import default_form_definitions
from incident_desk.services.case_record import CaseRecord, read_case_record
from incident_desk.services.case_views import load_visible_case
from incident_desk.services.document_fill import Filled
from incident_desk.services.document_fill_case import fill_allegation_report, fill_eor
from incident_desk.services.document_fill_evidence import fill_chain_of_evidence
from incident_desk.services.document_fill_record import fill_first_response_record
from incident_desk.services.document_fill_scene import fill_scene_entry_log
from incident_desk.services.errors import rejected
from incident_desk.services.visibility import require_role
from incident_desk.services.workspace import Workspace
from incident_desk.storage.unit_of_work import UnitOfWork

DOCUMENT_ROLES = frozenset(
    {Role.SHIFT_SUPERVISOR, Role.INVESTIGATOR, Role.WARDEN, Role.PREA_COMPLIANCE_MANAGER}
)
CASE_FILLS: dict[str, Callable[[CaseRecord], Filled]] = {
    "eor": fill_eor,
    "allegation_report": fill_allegation_report,
    "scene_entry_log": fill_scene_entry_log,
    "first_response_record": fill_first_response_record,
}
ITEM_FORM = "chain_of_evidence"
#: The packet's forms, in the order they are printed.
FORM_KEYS = ("eor", "allegation_report", ITEM_FORM, "scene_entry_log", "first_response_record")
MSG_UNKNOWN_FORM = 'There is no form "{form}". The forms are: {known}.'

Documents = tuple[tuple[FormDefinition, DocumentContent], ...]


@cache
def form_definitions() -> dict[str, FormDefinition]:
    """The bundled form definitions, read once."""
    return default_form_definitions()


def check_forms(forms: Sequence[str] | None) -> tuple[str, ...]:
    """The forms asked for, in packet order; every form when none are named."""
    if not forms:
        return FORM_KEYS
    wanted = [form.strip().lower() for form in forms if form.strip()]
    for form in wanted:
        if form not in FORM_KEYS:
            raise rejected("forms", MSG_UNKNOWN_FORM.format(form=form, known=", ".join(FORM_KEYS)))
    return tuple(key for key in FORM_KEYS if key in wanted)


def document_contents(
    workspace: Workspace, case_number: str, forms: Sequence[str] | None = None
) -> Documents:
    """Each form asked for (all five when none are) filled from the record, with its
    definition; a Chain of Evidence form per evidence item. Reading the forms is a view of the
    case, so it is written to the audit trail."""
    keys = check_forms(forms)
    require_role(workspace.actor, DOCUMENT_ROLES, "produce the forms of a case")
    with workspace.write("view_documents") as work:
        documents, case_id = read_documents(workspace, work, case_number, keys)
        work.record_event("view_documents", "case_file", case_id, case_id=case_id)
    return documents


def read_documents(
    workspace: Workspace, work: UnitOfWork, case_number: str, keys: Sequence[str]
) -> tuple[Documents, int]:
    """The forms ``keys`` of the case, read within ``work``; and the case's id."""
    case = load_visible_case(workspace, work, case_number)
    record = read_case_record(work, workspace.protocol, case)
    definitions = form_definitions()
    documents = []
    for key in keys:
        definition = definitions[key]
        if key == ITEM_FORM:
            filled = [fill_chain_of_evidence(record, item) for item in record.evidence]
        else:
            filled = [CASE_FILLS[key](record)]
        documents += [(definition, _content(workspace, record, definition, f)) for f in filled]
    return tuple(documents), case.id


def _content(
    workspace: Workspace, record: CaseRecord, definition: FormDefinition, filled: Filled
) -> DocumentContent:
    header = DocumentHeader(
        agency=record.agency,
        facility=record.facility_name,
        case_number=record.case_number,
        generated_by=workspace.actor.display_name,
        generated_at=workspace.clock.now(),
        audit_head=record.audit_head,
        subject=filled.subject,
    )
    return DocumentContent(
        form_key=definition.key,
        form_version=definition.version,
        header=header,
        # The definition decides which of the record's facts it prints.
        values={k: v for k, v in filled.values.items() if k in definition.field_keys()},
        tables={key: tuple(rows) for key, rows in filled.tables.items()},
        drawings=dict(filled.drawings),
        signatures=filled.signatures,
    )
