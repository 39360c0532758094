"""Shared helpers for the scene, evidence and custody tests: a case to work on, and row counts
that show a refused use-case left nothing behind."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta

from sqlalchemy import text

from incident_desk.domain.clock import ManualClock
from incident_desk.domain.enums import (
    AllegationType,
    PersonKind,
    PersonRole,
    ReceivedHow,
    TimeCertainty,
)
from incident_desk.services.cases import NewPerson, NewReport, open_case
from incident_desk.services.contacts import find_contacts
from incident_desk.services.workspace import Workspace
from tests.conftest import DISPLAY_NAMES

SignIn = Callable[[str], Workspace]
COUNTED_TABLES = (
    "scene",
    "scene_log_entry",
    "scene_release",
    "evidence_item",
    "custody_transfer",
    "signature",
    "contact",
    "audit_event",
)


def report(clock: ManualClock) -> NewReport:
    return NewReport(
        received_how=ReceivedHow.VERBAL,
        allegation_type=AllegationType.OFFENDER_NONCONSENSUAL_SEXUAL_ACTS,
        location="Dorm 4, shower",
        incident_at=clock.now() - timedelta(hours=2),
        incident_certainty=TimeCertainty.EXACT,
        narrative="Reported to the officer on the unit.",
        people=(
            NewPerson("José Álvarez", PersonRole.ALLEGED_VICTIM, PersonKind.OFFENDER, "A-1001"),
            NewPerson("Mark Stone", PersonRole.ALLEGED_PERPETRATOR, PersonKind.OFFENDER, "B-2002"),
        ),
    )


def new_case(supervisor: Workspace, clock: ManualClock) -> str:
    return open_case(supervisor, report(clock)).summary.case_number


def row_counts(workspace: Workspace) -> dict[str, int]:
    with workspace.database.engine.connect() as connection:
        return {
            table: int(connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())
            for table in COUNTED_TABLES
        }


@contextmanager
def nothing_written(workspace: Workspace) -> Iterator[None]:
    """Assert that the block changed no counted table, audit trail included.

    Put it outside ``pytest.raises`` so the refusal is caught before the counts are compared.
    """
    before = row_counts(workspace)
    try:
        yield
    finally:
        assert row_counts(workspace) == before


def user_contact(workspace: Workspace, username: str) -> int:
    """The contact id of one of the test users, found the way a screen would find it."""
    name = DISPLAY_NAMES[username]
    (contact,) = [found for found in find_contacts(workspace, name) if found.name == name]
    return contact.id
