"""The closed vocabularies of the record: roles, statuses, allegation types and the like.

Values are stable strings: they are stored in the database and appear in the JSON of the
command line, so a value is never renamed, only added.
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    """What a user does in the agency; decides which cases and steps they may touch (CPP 14.7 J)."""

    FIRST_RESPONDER = "first_responder"
    SHIFT_SUPERVISOR = "shift_supervisor"
    MEDICAL = "medical"
    INVESTIGATOR = "investigator"
    WARDEN = "warden"
    PREA_COMPLIANCE_MANAGER = "prea_compliance_manager"
    ADMINISTRATOR = "administrator"


class CaseStatus(StrEnum):
    OPEN = "open"
    FIRST_RESPONSE = "first_response"
    UNDER_INVESTIGATION = "under_investigation"
    CLOSED = "closed"


class AllegationType(StrEnum):
    """The DOJ Survey of Sexual Victimization allegation types (SPEC "Data and reports")."""

    OFFENDER_NONCONSENSUAL_SEXUAL_ACTS = "offender_nonconsensual_sexual_acts"
    OFFENDER_ABUSIVE_SEXUAL_CONTACT = "offender_abusive_sexual_contact"
    OFFENDER_SEXUAL_HARASSMENT = "offender_sexual_harassment"
    STAFF_SEXUAL_MISCONDUCT = "staff_sexual_misconduct"
    STAFF_SEXUAL_HARASSMENT = "staff_sexual_harassment"

    @property
    def offender_on_offender(self) -> bool:
        return self.value.startswith("offender_")

    @property
    def is_harassment(self) -> bool:
        return self.value.endswith("_harassment")


class ReceivedHow(StrEnum):
    VERBAL = "verbal"
    WRITTEN = "written"
    HOTLINE = "hotline"
    THIRD_PARTY = "third_party"
    ANONYMOUS = "anonymous"
    STAFF_OBSERVATION = "staff_observation"


class TimeCertainty(StrEnum):
    """How well the incident time is known; deadlines treat anything but EXACT conservatively."""

    EXACT = "exact"
    APPROXIMATE = "approximate"
    UNKNOWN = "unknown"


class PersonRole(StrEnum):
    ALLEGED_VICTIM = "alleged_victim"
    ALLEGED_PERPETRATOR = "alleged_perpetrator"
    WITNESS = "witness"


class PersonKind(StrEnum):
    """Who the person is to the facility (a perpetrator may be any of these)."""

    OFFENDER = "offender"
    STAFF = "staff"
    CONTRACTOR = "contractor"
    VOLUNTEER = "volunteer"
    VISITOR = "visitor"
    OTHER = "other"


class Sex(StrEnum):
    MALE = "male"
    FEMALE = "female"
    INTERSEX = "intersex"
    UNKNOWN = "unknown"


class Injury(StrEnum):
    NONE = "none"
    MINOR = "minor"
    SERIOUS = "serious"
    UNKNOWN = "unknown"


class LocationType(StrEnum):
    """Where in the facility the incident happened (SSV location categories)."""

    CELL = "cell"
    SHOWER = "shower"
    DAYROOM = "dayroom"
    DORMITORY = "dormitory"
    YARD = "yard"
    KITCHEN = "kitchen"
    WORKPLACE = "workplace"
    MEDICAL = "medical"
    OFFICE = "office"
    VEHICLE = "vehicle"
    VISITING = "visiting"
    OTHER = "other"
    UNKNOWN = "unknown"


class StepState(StrEnum):
    PENDING = "pending"
    DONE = "done"
    NOT_APPLICABLE = "not_applicable"


class SeparationMethod(StrEnum):
    """CPP 14.7 G.3.a: segregation of one or both, or some other effective means."""

    SEGREGATE_VICTIM = "segregate_victim"
    SEGREGATE_PERPETRATOR = "segregate_perpetrator"
    SEGREGATE_BOTH = "segregate_both"
    OTHER_EFFECTIVE_MEANS = "other_effective_means"


class SceneEntrantRole(StrEnum):
    """Who may enter a secured scene (CPP 14.7 G.3.d) and who may not."""

    STATE_POLICE = "state_police"
    ASSIGNED_INVESTIGATOR = "assigned_investigator"
    MEDICAL = "medical"
    OTHER = "other"

    @property
    def authorized(self) -> bool:
        return self is not SceneEntrantRole.OTHER


class SceneEvent(StrEnum):
    ENTERED = "entered"
    EXITED = "exited"


class Packaging(StrEnum):
    PAPER_BAG = "paper_bag"
    ENVELOPE = "envelope"
    BOX = "box"
    OTHER = "other"


class EvidenceSource(StrEnum):
    SCENE = "scene"
    CLEAN_SHEET = "clean_sheet"
    CLOTHING = "clothing"
    PERSON = "person"
    OTHER = "other"


class CustodyAction(StrEnum):
    """A link in the chain: first collection, a hand-over, or a disposition that ends it."""

    COLLECTED = "collected"
    TRANSFERRED = "transferred"
    RELEASED = "released"
    DESTROYED = "destroyed"
    RETURNED = "returned"

    @property
    def ends_chain(self) -> bool:
        return self in (CustodyAction.RELEASED, CustodyAction.DESTROYED, CustodyAction.RETURNED)


class NotificationKind(StrEnum):
    WARDEN = "warden"  # G.3.c
    INVESTIGATOR = "investigator"  # G.9
    STATE_POLICE = "state_police"  # G.9
    VICTIM_ADVOCATE = "victim_advocate"  # G.6
    OTHER_FACILITY_HEAD = "other_facility_head"  # G.10
    SHIFT_SUPERVISOR = "shift_supervisor"  # G.3
    CENTRAL_OFFICE = "central_office"  # G.8


class NotificationMethod(StrEnum):
    IN_PERSON = "in_person"
    PHONE = "phone"
    RADIO = "radio"
    EMAIL = "email"
    WRITTEN = "written"
    OTHER = "other"


class AdvocateStatus(StrEnum):
    """CPP 14.7 G.6: offered; if requested, contacted."""

    OFFERED = "offered"
    DECLINED = "declined"
    REQUESTED = "requested"
    CONTACTED = "contacted"


class PreservationAct(StrEnum):
    """The eight acts that could destroy physical evidence (CPP 14.7 G.4)."""

    WASHING = "washing"
    BRUSHING_TEETH = "brushing_teeth"
    CHANGING_CLOTHES = "changing_clothes"
    URINATING = "urinating"
    DEFECATING = "defecating"
    SMOKING = "smoking"
    DRINKING = "drinking"
    EATING = "eating"


class Consent(StrEnum):
    """Forensic exam and medical care are consented to or refused separately (G.5.c)."""

    CONSENTED = "consented"
    REFUSED = "refused"
    NOT_ASKED = "not_asked"


class ExaminerType(StrEnum):
    SAFE = "safe"
    SANE = "sane"
    OTHER_QUALIFIED = "other_qualified"
    NONE_AVAILABLE = "none_available"


class Finding(StrEnum):
    SUBSTANTIATED = "substantiated"
    UNSUBSTANTIATED = "unsubstantiated"
    UNFOUNDED = "unfounded"


class VictimNoticeKind(StrEnum):
    """What the alleged victim must be told after an investigation (CPP 14.7 H.6)."""

    FINDING = "finding"
    PERPETRATOR_NOT_POSTED_IN_UNIT = "perpetrator_not_posted_in_unit"
    PERPETRATOR_NOT_EMPLOYED = "perpetrator_not_employed"
    PERPETRATOR_INDICTED = "perpetrator_indicted"
    PERPETRATOR_CONVICTED = "perpetrator_convicted"
    OFFENDER_MOVED = "offender_moved"


class RetaliationStatus(StrEnum):
    NO_CONCERN = "no_concern"
    CONCERN_RAISED = "concern_raised"
    RETALIATION_FOUND = "retaliation_found"


class StatementAuthor(StrEnum):
    """Whose written statement a staff-offense complaint holds (CPP 3.22 C)."""

    COMPLAINANT = "complainant"
    STAFF_INVOLVED = "staff_involved"
    WITNESS = "witness"


class RelationshipNoticeKind(StrEnum):
    """Staff–offender contact that must be declared or asked for in writing."""

    PRE_EXISTING_RELATIONSHIP = "pre_existing_relationship"  # WDOC 1.006, OMES-023
    REQUEST_VISIT = "request_visit"  # St. Louis 1.3.36
    REQUEST_WRITE = "request_write"
    REQUEST_PHONE = "request_phone"
    REQUEST_DEPOSIT_MONEY = "request_deposit_money"
    GIFT_CONSENT = "gift_consent"  # OMES-023


class Decision(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    DENIED = "denied"


class AttachmentKind(StrEnum):
    PHOTO = "photo"
    VIDEO_STILL = "video_still"
    VIDEO = "video"
    SCANNED_STATEMENT = "scanned_statement"
    DOCUMENT = "document"
    OTHER = "other"
