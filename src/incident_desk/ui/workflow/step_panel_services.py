"""The use-cases the follow-up panels under a step's fields call, bound to the signed-in
workspace: dry cell placements, notifications, the medical record and the clean-sheet evidence.

``bind_step_panel_services(workspace)`` is the one place that binds them, for the composition
root and the tests alike.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from typing import Any

from incident_desk.services import contacts, dry_cell, evidence, medical, notifications
from incident_desk.services.contacts import ContactSnapshot
from incident_desk.services.dry_cell import DryCellSnapshot
from incident_desk.services.errors import NotFound
from incident_desk.services.evidence_views import EvidenceItemView
from incident_desk.services.medical import MedicalSnapshot
from incident_desk.services.notifications import NotificationSnapshot
from incident_desk.services.preservation import preservation_cards
from incident_desk.services.snapshots import PersonSnapshot
from incident_desk.services.workspace import Workspace


@dataclass(frozen=True)
class StepPanelServices:
    """What the panels may read and record; every callable takes the case number first."""

    #: ``people(case_number)``: the alleged victims and perpetrators of the case.
    people: Callable[[str], tuple[PersonSnapshot, ...]]
    #: services.dry_cell.dry_cell_placements
    placements: Callable[[str], tuple[DryCellSnapshot, ...]]
    #: ``place(case_number, case_person_id, cell, placed_at, strip, gown, possessions, late)``
    place: Callable[[str, int, str, datetime, bool, bool, bool, str], DryCellSnapshot]
    #: ``release(placement_id, released_at, reason)`` (not case-bound: the placement knows)
    release: Callable[[int, datetime, str], DryCellSnapshot]
    #: services.notifications.list_notifications
    notifications: Callable[[str], tuple[NotificationSnapshot, ...]]
    #: ``record_notification(case_number, kind, **fields)``
    record_notification: Callable[..., NotificationSnapshot]
    #: services.medical.medical_records
    medical_records: Callable[[str], tuple[MedicalSnapshot, ...]]
    #: ``clean_sheet(case_number, case_person_id, contact_id, collected_at, clothing)``
    clean_sheet: Callable[[str, int, int, datetime | None, list[str]], tuple[EvidenceItemView, ...]]
    #: ``contacts()``: everyone who can be named as the collector, the signed-in user's first.
    contacts: Callable[[], tuple[ContactSnapshot, ...]]
    now: Callable[[], datetime]


def _people(workspace: Workspace, case_number: str) -> tuple[PersonSnapshot, ...]:
    # A read, not an opening of the case: the preservation cards name the victims and
    # perpetrators, the only people the panels act on.
    return tuple(card.person for card in preservation_cards(workspace, case_number))


def _contacts(workspace: Workspace) -> tuple[ContactSnapshot, ...]:
    everyone = contacts.find_contacts(workspace, "")
    try:
        mine = contacts.contact_for_user(workspace)
    except NotFound:
        return tuple(everyone)
    return (mine, *(contact for contact in everyone if contact.id != mine.id))


def _record_notification(workspace: Workspace, case_number: str, *args: Any, **kw: Any) -> Any:
    return notifications.record_notification(workspace, case_number, *args, **kw)


def bind_step_panel_services(workspace: Workspace) -> StepPanelServices:
    """The panels' use-cases bound to ``workspace``."""
    return StepPanelServices(
        people=partial(_people, workspace),
        placements=partial(dry_cell.dry_cell_placements, workspace),
        place=partial(dry_cell.place_in_dry_cell, workspace),
        release=partial(dry_cell.release_from_dry_cell, workspace),
        notifications=partial(notifications.list_notifications, workspace),
        record_notification=partial(_record_notification, workspace),
        medical_records=partial(medical.medical_records, workspace),
        clean_sheet=partial(evidence.add_clean_sheet_evidence, workspace),
        contacts=partial(_contacts, workspace),
        now=workspace.clock.now,
    )
