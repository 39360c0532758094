"""Facilities of the agency: the administrator adds them; everyone can list them (their codes
start case numbers, and a facility head is who a G.10 notice goes to)."""

from __future__ import annotations

from dataclasses import dataclass

from incident_desk.domain.enums import Role
from incident_desk.domain.validation import check_required
from incident_desk.services.errors import InputRejected, rejected
from incident_desk.services.installation import check_facility
from incident_desk.services.visibility import require_role
from incident_desk.services.workspace import Workspace
from incident_desk.storage.rows import FacilityRow

ADMINISTRATORS = frozenset({Role.ADMINISTRATOR})


@dataclass(frozen=True)
class FacilityDetail:
    id: int
    code: str
    name: str
    agency_name: str
    head_title: str
    address: str


def add_facility(
    workspace: Workspace,
    code: str,
    name: str,
    agency_name: str = "",
    head_title: str = "Warden",
    address: str = "",
) -> FacilityDetail:
    """Add a facility; its code (stored upper-case) must be new."""
    require_role(workspace.actor, ADMINISTRATORS, "add facilities")
    messages = check_facility(name, code) + check_required(
        "head_title", head_title, "title of the facility head"
    )
    if messages:
        raise InputRejected(messages)
    normalized = code.strip().upper()
    with workspace.write("add_facility") as work:
        existing = work.organization.facility_by_code(normalized)
        if existing is not None:
            raise rejected(
                "facility_code",
                f"The code {normalized} is already used by {existing.name}. Choose another code.",
            )
        row = FacilityRow(
            code=normalized,
            name=name.strip(),
            agency_name=agency_name.strip(),
            head_title=head_title.strip(),
            address=address.strip(),
            created_at=workspace.clock.now(),
        )
        work.add(row)
        work.flush()
        return _detail(row)


def list_facilities(workspace: Workspace) -> tuple[FacilityDetail, ...]:
    """Every facility, by code."""
    with workspace.read() as work:
        return tuple(_detail(row) for row in work.organization.facilities())


def _detail(row: FacilityRow) -> FacilityDetail:
    return FacilityDetail(row.id, row.code, row.name, row.agency_name, row.head_title, row.address)
