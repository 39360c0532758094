"""The people demo cases are recorded by: two demo facilities, a handful of demo staff per
facility, investigators, and the outside contacts (state police, advocates, laboratory).

Demo staff hold real accounts so they show as "recorded by" and as investigators, but the
accounts are disabled and their vault slot ids name no slot in the key vault: nobody can
ever sign in as them. Running the demo again reuses the cast it made the first time.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime

from incident_desk.domain.enums import Role
from incident_desk.services import demo_names
from incident_desk.services.workspace import Workspace
from incident_desk.storage.repositories.evidence_repository import ContactDirectory
from incident_desk.storage.rows import ContactRow, FacilityRow, UserRow
from incident_desk.storage.unit_of_work import UnitOfWork

DEMO_USER_PREFIX = "demo."
DISABLED_REASON = "Demo staff member: this account exists only to sign demo records."
# The four demo staff of each facility, in the order their names appear in STAFF_NAMES.
FACILITY_ROLES = (
    Role.SHIFT_SUPERVISOR,
    Role.FIRST_RESPONDER,
    Role.MEDICAL,
    Role.WARDEN,
)


@dataclass(frozen=True)
class Member:
    """A demo staff member or outside contact as the generator needs them (picklable)."""

    user_id: int  # 0 for outside contacts
    contact_id: int
    name: str
    agency: str = ""


@dataclass(frozen=True)
class FacilityCast:
    facility_id: int
    code: str
    name: str
    supervisor: Member
    responder: Member
    nurse: Member
    warden: Member


@dataclass(frozen=True)
class DemoCast:
    facilities: tuple[FacilityCast, ...]
    investigators: tuple[Member, ...]
    outside: tuple[Member, ...]  # in the order of demo_names.OUTSIDE_CONTACTS


def assemble_cast(workspace: Workspace, rng: random.Random) -> DemoCast:
    """Find or make the demo facilities, staff and outside contacts (one audited write)."""
    now = workspace.clock.now()
    with workspace.write("demo_fill") as work:
        organization = work.organization
        for code, name in demo_names.DEMO_FACILITIES:
            if organization.facility_by_code(code) is None:
                work.add(
                    FacilityRow(code=code, name=name, agency_name=_agency(work), created_at=now)
                )
        work.flush()
        taken = {user.vault_slot_id for user in organization.users()}
        facilities = []
        for index, facility in enumerate(organization.facilities()):
            staff = [
                _member(
                    work,
                    rng,
                    taken,
                    f"{facility.code.lower()}.{role.value}",
                    role,
                    _staff_name(index, position),
                    facility,
                    now,
                )
                for position, role in enumerate(FACILITY_ROLES)
            ]
            facilities.append(FacilityCast(facility.id, facility.code, facility.name, *staff))
        home = organization.facilities()[0]
        investigators = tuple(
            _member(work, rng, taken, f"investigator{number}", Role.INVESTIGATOR, name, home, now)
            for number, name in enumerate(demo_names.INVESTIGATOR_NAMES, start=1)
        )
        outside = _outside_contacts(work, now)
    return DemoCast(tuple(facilities), investigators, outside)


def _agency(work: UnitOfWork) -> str:
    facilities = work.organization.facilities()
    return facilities[0].agency_name if facilities else ""


def _staff_name(facility_index: int, position: int) -> str:
    names = demo_names.STAFF_NAMES
    name = names[(facility_index * len(FACILITY_ROLES) + position) % len(names)]
    rounds = (facility_index * len(FACILITY_ROLES)) // len(names)
    return name if rounds == 0 else f"{name} ({rounds + 1})"


def _member(
    work: UnitOfWork,
    rng: random.Random,
    taken: set[str],
    handle: str,
    role: Role,
    name: str,
    facility: FacilityRow,
    now: datetime,
) -> Member:
    username = DEMO_USER_PREFIX + handle
    user = work.organization.user_by_name(username)
    if user is None:
        slot = _unused_slot(rng, taken)
        user = UserRow(
            username=username,
            display_name=name,
            role=role,
            facility_id=facility.id,
            title=role.value.replace("_", " ").capitalize(),
            vault_slot_id=slot,
            disabled=True,
            disabled_reason=DISABLED_REASON,
            created_at=now,
        )
        work.add(user)
        work.flush()
        work.add(
            ContactRow(
                name=name,
                agency=facility.agency_name,
                title=user.title,
                user_id=user.id,
                facility_id=facility.id,
                created_at=now,
            )
        )
        work.flush()
    contact = work.organization.contact_for_user(user.id)
    assert contact is not None
    return Member(user.id, contact.id, user.display_name, facility.name)


def _unused_slot(rng: random.Random, taken: set[str]) -> str:
    # A random 256-bit id like a real slot's; no vault slot has it, so no passphrase opens it.
    while True:
        slot = f"{rng.getrandbits(256):064x}"
        if slot not in taken:
            taken.add(slot)
            return slot


def _outside_contacts(work: UnitOfWork, now: datetime) -> tuple[Member, ...]:
    existing = {
        (row.name, row.agency): row
        for row in work.repository(ContactDirectory).everyone()
        if row.user_id is None
    }
    members = []
    for name, agency, title in demo_names.OUTSIDE_CONTACTS:
        row = existing.get((name, agency))
        if row is None:
            row = ContactRow(name=name, agency=agency, title=title, created_at=now)
            work.add(row)
            work.flush()
        members.append(Member(0, row.id, name, agency))
    return tuple(members)
