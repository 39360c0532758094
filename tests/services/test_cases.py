"""Opening, listing and viewing cases, with need-to-know visibility."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest

from incident_desk.domain.clock import ManualClock
from incident_desk.domain.deadlines import DeadlineKind
from incident_desk.domain.enums import (
    AllegationType,
    CaseStatus,
    PersonKind,
    PersonRole,
    ReceivedHow,
    TimeCertainty,
)
from incident_desk.services.cases import NewPerson, NewReport, get_case, list_cases, open_case
from incident_desk.services.errors import AccessDenied, InputRejected
from incident_desk.services.workflow import checklist
from incident_desk.services.workspace import Workspace


def _report(clock: ManualClock, **changes: object) -> NewReport:
    values: dict[str, object] = {
        "received_how": ReceivedHow.VERBAL,
        "allegation_type": AllegationType.OFFENDER_NONCONSENSUAL_SEXUAL_ACTS,
        "location": "Dorm 4, shower",
        "incident_at": clock.now() - timedelta(hours=2),
        "incident_certainty": TimeCertainty.EXACT,
        "narrative": "Reported to the officer on the unit.",
        "people": (
            NewPerson("José Álvarez", PersonRole.ALLEGED_VICTIM, PersonKind.OFFENDER, "A-1001"),
            NewPerson("Mark Stone", PersonRole.ALLEGED_PERPETRATOR, PersonKind.OFFENDER, "B-2002"),
        ),
    }
    values.update(changes)
    return NewReport(**values)  # type: ignore[arg-type]


def test_open_case_numbers_the_case_and_starts_its_clocks(
    supervisor: Workspace, clock: ManualClock
) -> None:
    detail = open_case(supervisor, _report(clock))
    assert detail.summary.case_number == "KSR-2026-00001"
    assert detail.summary.status is CaseStatus.OPEN
    assert [p.name for p in detail.summary.people] == ["José Álvarez", "Mark Stone"]
    kinds = {deadline.kind for deadline in detail.summary.open_deadlines}
    assert DeadlineKind.EVIDENCE_PRESERVATION in kinds
    assert DeadlineKind.IMMEDIATE_STEP in kinds
    second = open_case(supervisor, _report(clock))
    assert second.summary.case_number == "KSR-2026-00002"
    # Whoever enters the report received it: the intake step says so.
    intake = checklist(supervisor, detail.summary.case_number).step("intake")
    assert intake.record is not None
    assert intake.record.values["received_by"] == supervisor.actor.display_name
    assert supervisor.database.verify_audit_chain().intact


def test_bad_intake_is_refused_with_every_reason_and_nothing_saved(
    supervisor: Workspace, clock: ManualClock
) -> None:
    bad = _report(
        clock,
        incident_at=clock.now() + timedelta(hours=3),
        imminent_risk=True,
        occurred_elsewhere=True,
    )
    with pytest.raises(InputRejected) as refused:
        open_case(supervisor, bad)
    fields = {message.field for message in refused.value.messages}
    assert {"incident_at", "protective_action", "other_facility_name"} <= fields
    assert "CPP 14.7 G.1" in str(refused.value)
    assert list_cases(supervisor).total == 0


def test_search_by_name_prefix_accent_free_and_by_number(
    supervisor: Workspace, clock: ManualClock
) -> None:
    open_case(supervisor, _report(clock))
    assert list_cases(supervisor, search="alva").total == 1
    assert list_cases(supervisor, search="jose alv").total == 1
    assert list_cases(supervisor, search="ksr-2026-0000").total == 1
    assert list_cases(supervisor, search="nobody").total == 0


def test_visibility_follows_need_to_know(
    sign_in_as: Callable[[str], Workspace], clock: ManualClock
) -> None:
    first_responder = sign_in_as("fr")
    supervisor = sign_in_as("sup")
    investigator = sign_in_as("inv")
    manager = sign_in_as("pcm")
    admin = sign_in_as("admin")
    own = open_case(first_responder, _report(clock))
    open_case(supervisor, _report(clock))
    assert [c.case_number for c in list_cases(first_responder).cases] == [own.summary.case_number]
    assert list_cases(supervisor).total == 2
    assert list_cases(manager).total == 2
    assert list_cases(investigator).total == 0
    assert list_cases(admin).total == 0
    with pytest.raises(AccessDenied):
        get_case(investigator, own.summary.case_number)


def test_viewing_a_case_is_audited(supervisor: Workspace, clock: ManualClock) -> None:
    number = open_case(supervisor, _report(clock)).summary.case_number
    before = supervisor.database.verify_audit_chain().checked
    get_case(supervisor, number)
    after = supervisor.database.verify_audit_chain()
    assert after.intact
    assert after.checked == before + 1


def test_a_locked_screen_unlocks_only_with_the_same_passphrase(supervisor: Workspace) -> None:
    from incident_desk.services.errors import SignInRefused
    from incident_desk.services.workspace import reauthenticate
    from tests.conftest import passphrase_of

    with pytest.raises(SignInRefused, match="wrong passphrase"):
        reauthenticate(supervisor, "not my passphrase at all")
    reauthenticate(supervisor, passphrase_of("sup"))
    assert supervisor.database.verify_audit_chain().intact
