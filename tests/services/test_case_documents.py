"""The five forms filled from a case recorded through the real use-cases: every field and table
the definitions name is filled from the record, choices print as words, the evidence form comes
once per item with its drawn signatures, and reading the forms is audited."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from incident_desk.domain.clock import ManualClock
from incident_desk.domain.documents import ColumnKind, SectionKind
from incident_desk.services.case_documents import FORM_KEYS, document_contents
from incident_desk.services.errors import AccessDenied, InputRejected
from incident_desk.services.workspace import Workspace
from tests.services.document_case import (
    NOT_APPLICABLE_REASON,
    PERPETRATOR,
    TROOPER,
    VICTIM,
    VISITOR,
    record_full_case,
)
from tests.services.test_first_response import audited_events


def _all_words(contents: object) -> str:
    return repr(contents)


def test_every_form_is_filled_from_the_record(supervisor: Workspace, clock: ManualClock) -> None:
    case = record_full_case(supervisor, clock)
    documents = document_contents(supervisor, case.number)

    assert [d.key for d, _ in documents] == list(FORM_KEYS)
    for definition, content in documents:
        assert (content.form_key, content.form_version) == (definition.key, "2026.1")
        header = content.header
        assert header.case_number == case.number
        assert header.agency == "Kentucky Department of Corrections"
        assert header.facility == "Kentucky State Reformatory"
        assert header.generated_by == "Sgt. Dana Brooks"
        assert header.generated_at == clock.now()
        assert len(header.audit_head) == 64
        # Every table the definition names has its rows (possibly none); no stray keys.
        assert set(content.tables) == definition.table_keys()
        for section in definition.sections:
            if section.kind is SectionKind.TABLE:
                for row in content.tables[section.key]:
                    assert set(row) == {column.key for column in section.columns}
    # What this case has not recorded yet (no investigation finding, nothing at another
    # facility); anything else missing would be a key the definitions name but nothing fills.
    missing = {d.key: d.field_keys() - set(c.values) for d, c in documents}
    assert missing == {
        "eor": {"other_facility_name"},
        "allegation_report": {
            "other_facility_name",
            "investigation_started_at",
            "criminal_referral",
            "referral_agency",
            "referred_at",
            "finding",
            "concluded_at",
            "staff_actions_contributed",
        },
        "chain_of_evidence": {"condition", "disposition", "person"},
        "scene_entry_log": set(),
        "first_response_record": set(),
    }
    everything = _all_words(documents)
    for value in case.values:
        assert value in everything, value


def test_choices_print_as_words_and_states_say_why(
    supervisor: Workspace, clock: ManualClock
) -> None:
    case = record_full_case(supervisor, clock)
    eor, allegation, _chain, scene, record = (
        c for _, c in document_contents(supervisor, case.number)
    )

    assert eor.values["allegation_type"] == "Offender-on-offender nonconsensual sexual acts"
    assert eor.values["received_how"] == "Told to staff in person"
    assert eor.values["location_type"] == "Shower"
    assert eor.values["imminent_risk"] == "Yes"
    dry_cell = next(row for row in eor.tables["response"] if row["number"] == "10")
    assert dry_cell["state"] == f"Not applicable: {NOT_APPLICABLE_REASON}"
    people = {row["name"]: row for row in eor.tables["people"]}
    assert people[VICTIM]["role"] == "Alleged victim"
    assert people[PERPETRATOR]["kind"] == "Offender"
    assert "_" not in " ".join(row["kind"] for row in eor.tables["notifications"])

    assert allegation.values["ssv_category"] == "Offender-on-offender sexual abuse"
    assert [row["name"] for row in allegation.tables["victims"]] == [VICTIM]
    assert [row["name"] for row in allegation.tables["perpetrators"]] == [PERPETRATOR]
    assert allegation.values["forwarded_to"].startswith("Deputy Warden Núñez")
    assert [s.block for s in allegation.signatures] == ["reporting_staff", "shift_supervisor"]

    entries = scene.tables["entries"]
    violation = next(row for row in entries if VISITOR in row["name"] and row["event"] == "In")
    assert violation["allowed"].startswith("VIOLATION")
    assert "Officer Kowalski" in violation["allowed"]
    assert scene.values["violation_count"] == "1"
    trooper_in = next(row for row in entries if TROOPER in row["name"] and row["event"] == "In")
    assert trooper_in["videotaped"] == "Yes (CAM-7 clip 12)"

    timeline = record.tables["timeline"]
    assert [row["occurred_at"] for row in timeline] == sorted(
        row["occurred_at"] for row in timeline
    )
    corrected = [row for row in timeline if row["status"].startswith("Correction of the entry")]
    assert len(corrected) == 1
    assert "Called at home, not at the office." in corrected[0]["status"]
    assert any(row["status"] == "Replaced by a later correction" for row in timeline)


def test_a_chain_of_evidence_form_per_item_with_every_drawn_signature(
    supervisor: Workspace, clock: ManualClock
) -> None:
    case = record_full_case(supervisor, clock)
    ((definition, chain),) = document_contents(supervisor, case.number, ["chain_of_evidence"])

    assert definition.per_item
    assert chain.header.subject == case.item_number
    rows = chain.tables["custody"]
    assert [row["action"] for row in rows] == [
        "Collected",
        "Handed over",
        "Handed over",
        "Handed over",
    ]
    drawing_columns = [
        column.key
        for section in definition.sections
        for column in section.columns
        if column.kind is ColumnKind.DRAWING
    ]
    assert drawing_columns == ["from_signature", "to_signature"]
    keys = [row[key] for row in rows for key in drawing_columns if row[key]]
    assert len(keys) == 7  # the collector's, then both sides of three hand-overs
    assert set(keys) == set(chain.drawings)
    assert all(drawing.strokes and drawing.width == 120 for drawing in chain.drawings.values())
    collector = chain.signatures[0]
    assert (collector.block, collector.name) == ("collector", "Sgt. Dana Brooks")
    assert collector.drawing == chain.drawings[rows[0]["to_signature"]]
    assert chain.values["chain_state"].startswith("Continuous")


def test_unknown_forms_and_roles_that_do_not_sign_are_refused(
    sign_in_as: Callable[[str], Workspace], clock: ManualClock
) -> None:
    supervisor = sign_in_as("sup")
    case = record_full_case(supervisor, clock)
    with pytest.raises(InputRejected, match='There is no form "eorr"'):
        document_contents(supervisor, case.number, ["eorr"])
    with pytest.raises(AccessDenied, match="may not produce the forms"):
        document_contents(sign_in_as("fr"), case.number)
    # The warden and the assigned investigator may.
    assert document_contents(sign_in_as("inv"), case.number, ["eor"])
    assert document_contents(sign_in_as("warden"), case.number, ["eor"])


def test_reading_the_forms_is_audited(supervisor: Workspace, clock: ManualClock) -> None:
    case = record_full_case(supervisor, clock)
    before = audited_events(supervisor)
    document_contents(supervisor, case.number, ["eor", "scene_entry_log"])
    assert audited_events(supervisor) == before + 1
