"""Checking a case's scene log and evidence record against the tamper-evident audit trail.

The audit trail's hash chain shows any change to the trail itself. This check goes one step
further for the records a court will ask about: every scene, scene log line, release, evidence
item, custody link and signature of the case is compared with the digest the trail recorded
when it was written, and every signature with the fingerprint taken when it was drawn. A row
edited behind the application's back is named, with the audit event it no longer matches.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from incident_desk.domain.audit_chain import ChainReport
from incident_desk.services.case_views import load_visible_case
from incident_desk.services.custody_signatures import digest
from incident_desk.services.workspace import Workspace
from incident_desk.storage.repositories.evidence_repository import DigestMismatch
from incident_desk.storage.rows import CaseRow, SignatureRow
from incident_desk.storage.unit_of_work import UnitOfWork

MSG_ROW_CHANGED = (
    "{what} no longer matches what the audit trail recorded for it (event {seq}): it was changed "
    "outside Incident Desk. Do not use this record; restore the latest backup and report it."
)
MSG_ROW_UNRECORDED = (
    "{what} matches nothing the audit trail recorded for it: it was changed or added outside "
    "Incident Desk. Do not use this record; restore the latest backup and report it."
)
MSG_SIGNATURE_CHANGED = (
    "Signature {id} no longer matches the fingerprint taken when it was signed: "
    "it was changed afterwards. Do not use this record; report it."
)
MSG_TRAIL_BROKEN = "The audit trail itself is damaged: {problem}."


@dataclass(frozen=True)
class RecordProblem:
    entity: str
    entity_id: str
    audit_seq: int | None
    text: str


@dataclass(frozen=True)
class EvidenceVerification:
    case_number: str
    audit: ChainReport
    rows_checked: int
    problems: tuple[RecordProblem, ...]

    @property
    def intact(self) -> bool:
        return self.audit.intact and not self.problems

    @property
    def messages(self) -> tuple[str, ...]:
        trail = () if self.audit.intact else (MSG_TRAIL_BROKEN.format(problem=self.audit.problem),)
        return trail + tuple(problem.text for problem in self.problems)


def verify_case_evidence(workspace: Workspace, case_number: str) -> EvidenceVerification:
    """Verify the audit trail, then the case's scene and evidence rows against it (audited)."""
    audit = workspace.database.verify_audit_chain()
    with workspace.write("verify_case_evidence") as work:
        case = load_visible_case(workspace, work, case_number)
        rows, labels = _case_rows(work, case)
        problems = [
            _problem(found, labels) for found in work.evidence.digest_mismatches(case.id, rows)
        ]
        problems += [
            RecordProblem("signature", str(row.id), None, MSG_SIGNATURE_CHANGED.format(id=row.id))
            for row in rows
            if isinstance(row, SignatureRow) and digest(row.strokes_json) != row.sha256
        ]
        work.record_event(
            "verify_case_evidence",
            "case_file",
            case.id,
            case_id=case.id,
            detail=f"{len(problems)} problem(s)",
        )
    return EvidenceVerification(case.case_number, audit, len(rows), tuple(problems))


def _case_rows(work: UnitOfWork, case: CaseRow) -> tuple[list[Any], dict[tuple[str, str], str]]:
    rows: list[Any] = []
    labels: dict[tuple[str, str], str] = {}

    def keep(row: Any, label: str) -> None:
        rows.append(row)
        labels[(str(type(row).__table__.name), str(row.id))] = label

    for scene in work.scenes.scenes(case.id):
        keep(scene, f"The scene at {scene.location}")
        for line in work.scenes.log(scene.id):
            keep(line, f"Line {line.id} of the entry log of the scene at {scene.location}")
        release = work.scenes.release(scene.id)
        if release is not None:
            keep(release, f"The release of the scene at {scene.location}")
    items = {item.id: item for item in work.evidence.items(case.id)}
    signature_items: dict[int, str] = {}
    for item in items.values():
        keep(item, f"Evidence item {item.item_number}")
    for item_id, chain in work.evidence.chains(case.id).items():
        number = items[item_id].item_number
        for link in chain:
            keep(link, f"Custody record {link.id} of item {number}")
            for signature_id in (link.from_signature_id, link.to_signature_id):
                if signature_id is not None:
                    signature_items[signature_id] = number
    for signature_id, signature in work.evidence.signatures(signature_items).items():
        keep(signature, f"Signature {signature_id} on item {signature_items[signature_id]}")
    return rows, labels


def _problem(found: DigestMismatch, labels: dict[tuple[str, str], str]) -> RecordProblem:
    what = labels[(found.entity, found.entity_id)]
    if found.audit_seq is None:
        text = MSG_ROW_UNRECORDED.format(what=what)
    else:
        text = MSG_ROW_CHANGED.format(what=what, seq=found.audit_seq)
    return RecordProblem(found.entity, found.entity_id, found.audit_seq, text)
