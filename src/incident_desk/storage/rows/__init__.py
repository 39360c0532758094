"""ORM rows for the whole record; importing this package registers every table on the metadata."""

from incident_desk.storage.rows.aftercare import (
    IncidentReviewRow,
    InvestigationRow,
    MentalHealthEvaluationRow,
    RetaliationCheckRow,
    RetaliationMonitoringRow,
    VictimNotificationRow,
)
from incident_desk.storage.rows.base import AppendOnly, Base
from incident_desk.storage.rows.cases import (
    CaseAssignmentRow,
    CaseNoteRow,
    CasePersonRow,
    CaseRow,
    PersonNameTokenRow,
    StepFieldEntryRow,
    StepRecordRow,
)
from incident_desk.storage.rows.evidence import CustodyTransferRow, EvidenceItemRow, SignatureRow
from incident_desk.storage.rows.first_response import (
    DryCellPlacementRow,
    MedicalRecordRow,
    NotificationRow,
    PreservationInstructionRow,
    PreservationViolationRow,
    SeparationRow,
)
from incident_desk.storage.rows.organization import (
    ContactRow,
    FacilityRow,
    SettingRow,
    SigningAuthorityRow,
    UserCertificateRow,
    UserRow,
)
from incident_desk.storage.rows.records import (
    AttachmentBlobRow,
    AttachmentRow,
    AuditChainHeadRow,
    AuditEventRow,
    GeneratedDocumentRow,
)
from incident_desk.storage.rows.scene import SceneLogEntryRow, SceneReleaseRow, SceneRow
from incident_desk.storage.rows.staff_conduct import (
    RelationshipNoticeRow,
    StaffComplaintRow,
    StaffStatementRow,
)

__all__ = [
    "AppendOnly",
    "AttachmentBlobRow",
    "AttachmentRow",
    "AuditChainHeadRow",
    "AuditEventRow",
    "Base",
    "CaseAssignmentRow",
    "CaseNoteRow",
    "CasePersonRow",
    "CaseRow",
    "ContactRow",
    "CustodyTransferRow",
    "DryCellPlacementRow",
    "EvidenceItemRow",
    "FacilityRow",
    "GeneratedDocumentRow",
    "IncidentReviewRow",
    "InvestigationRow",
    "MedicalRecordRow",
    "MentalHealthEvaluationRow",
    "NotificationRow",
    "PersonNameTokenRow",
    "PreservationInstructionRow",
    "PreservationViolationRow",
    "RelationshipNoticeRow",
    "RetaliationCheckRow",
    "RetaliationMonitoringRow",
    "SceneLogEntryRow",
    "SceneReleaseRow",
    "SceneRow",
    "SeparationRow",
    "SettingRow",
    "SignatureRow",
    "SigningAuthorityRow",
    "StaffComplaintRow",
    "StaffStatementRow",
    "StepFieldEntryRow",
    "StepRecordRow",
    "UserCertificateRow",
    "UserRow",
    "VictimNotificationRow",
]
