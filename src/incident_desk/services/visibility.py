"""Need-to-know (CPP 14.7 J): which cases each role may see, and who may change what."""

from __future__ import annotations

from incident_desk.domain.enums import CaseStatus, Role
from incident_desk.services.errors import AccessDenied
from incident_desk.services.snapshots import UserSnapshot
from incident_desk.storage.repositories.case_repository import CaseScope

# Roles that may open a report: any staff member may receive one (CPP 14.7 G.1).
REPORTING_ROLES = frozenset(Role) - {Role.ADMINISTRATOR}


def case_scope(actor: UserSnapshot) -> CaseScope:
    """The cases ``actor`` may see."""
    facility = (actor.facility_id,) if actor.facility_id is not None else ()
    match actor.role:
        case Role.PREA_COMPLIANCE_MANAGER:
            return CaseScope(all_cases=True)
        case Role.SHIFT_SUPERVISOR | Role.WARDEN:
            return CaseScope(facility_ids=facility, received_by_user_id=actor.id)
        case Role.MEDICAL:
            # Medical staff need the cases still in their first hours, and the ones they took.
            return CaseScope(
                facility_ids=facility,
                statuses=(CaseStatus.OPEN, CaseStatus.FIRST_RESPONSE),
                received_by_user_id=actor.id,
            )
        case Role.INVESTIGATOR:
            return CaseScope(assigned_user_id=actor.id, received_by_user_id=actor.id)
        case Role.FIRST_RESPONDER:
            return CaseScope(received_by_user_id=actor.id)
        case Role.ADMINISTRATOR:
            # Administrators keep the system running; they have no need to read case files.
            return CaseScope()


def require_role(actor: UserSnapshot, allowed: frozenset[Role], doing: str) -> None:
    if actor.role not in allowed:
        names = ", ".join(sorted(role.value.replace("_", " ") for role in allowed))
        raise AccessDenied(
            f"Your role ({actor.role.value.replace('_', ' ')}) may not {doing}. "
            f"This is for: {names}."
        )


def may_see(
    scope: CaseScope,
    *,
    facility_id: int,
    status: CaseStatus,
    received_by_id: int,
    assigned_user_ids: list[int],
) -> bool:
    """The single-case form of ``case_scope`` (the repository applies the same rule in SQL)."""
    if scope.all_cases:
        return True
    in_facility = bool(scope.facility_ids) and facility_id in scope.facility_ids
    if in_facility and (not scope.statuses or status in scope.statuses):
        return True
    if scope.received_by_user_id is not None and received_by_id == scope.received_by_user_id:
        return True
    return scope.assigned_user_id is not None and scope.assigned_user_id in assigned_user_ids
