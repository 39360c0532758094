"""The bundled first-response checklist loads, quotes the policy verbatim and says who does what;
a broken checklist is refused with every problem listed."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from incident_desk.domain.enums import (
    AllegationType,
    Consent,
    ExaminerType,
    NotificationMethod,
    PreservationAct,
    ReceivedHow,
    Role,
    SeparationMethod,
    StepState,
    TimeCertainty,
)
from incident_desk.domain.protocol import FieldKind, Protocol, ProtocolFacts, StepCondition
from incident_desk.forms import FormDefinitionError, default_protocol, load_protocol
from incident_desk.paths import bundled_dir

#: CPP 14.7 lives beside the repository, in the shared policy folder.
POLICY_FILE = (
    Path(__file__).resolve().parents[3] / "shared" / "policies" / "002_1d7085c09a17c5df.txt"
)

STEP_ORDER = [
    "intake",
    "victim_safety",
    "separation",
    "crime_scene",
    "warden_notification",
    "investigator_notification",
    "state_police_referral",
    "victim_advocate",
    "other_facility_notice",
    "scene_entry_log",
    "scene_release",
    "preservation_victim",
    "preservation_perpetrator",
    "medical_transport",
    "clean_sheet",
    "forensic_examiner",
    "consent",
    "dry_cell",
    "eor_report",
]

NO_FACTS = ProtocolFacts(
    within_preservation_window=False,
    has_offender_perpetrator=False,
    occurred_elsewhere=False,
    scene_secured=False,
    potentially_criminal=False,
)
ALL_FACTS = ProtocolFacts(
    within_preservation_window=True,
    has_offender_perpetrator=True,
    occurred_elsewhere=True,
    scene_secured=True,
    potentially_criminal=True,
)


@pytest.fixture(scope="module")
def protocol() -> Protocol:
    return default_protocol()


def _applicable(protocol: Protocol, facts: ProtocolFacts) -> set[str]:
    return {step.key for step in protocol.applicable_steps(facts)}


# -- the bundled checklist -------------------------------------------------------------------


def test_the_bundled_checklist_loads(protocol: Protocol) -> None:
    assert protocol.key == "first_response"
    assert protocol.version == "2026.2"
    assert protocol.source == "Kentucky CPP 14.7 section G (effective 2014-02-03)"
    assert [step.key for step in protocol.steps] == STEP_ORDER


def test_default_protocol_is_read_once(protocol: Protocol) -> None:
    assert default_protocol() is protocol
    assert load_protocol(bundled_dir("forms") / "first_response.toml") == protocol


def test_step_numbers_are_unique(protocol: Protocol) -> None:
    numbers = [step.number for step in protocol.steps]
    assert len(numbers) == len(set(numbers))


def test_every_step_cites_section_g(protocol: Protocol) -> None:
    for step in protocol.steps:
        assert re.fullmatch(r"CPP 14\.7 G\.\d+(\.[a-f](-[a-f])?)?(, G\.\d+)?", step.citation), step


def test_every_step_has_its_words(protocol: Protocol) -> None:
    for step in protocol.steps:
        assert step.title, step.key
        assert step.prompt, step.key
        assert step.records.endswith("."), step.key
        assert step.fields, step.key


def _normalise_policy(text: str) -> str:
    """Drop the page headers and list bullets the text extraction left in, collapse spaces."""
    text = re.sub(r"Policy Number\tEffective Date\tPage\n[^\n]*\n", "\n", text)
    text = re.sub(r"(?m)^\s*-\s+", "", text)
    return " ".join(text.split())


def test_every_policy_text_is_the_policy_verbatim(protocol: Protocol) -> None:
    if not POLICY_FILE.is_file():
        pytest.skip(f"the policy file {POLICY_FILE} is not beside the repository")
    policy = _normalise_policy(POLICY_FILE.read_text(encoding="utf-8"))
    for step in protocol.steps:
        assert step.policy_paragraphs, step.key
        for paragraph in step.policy_paragraphs:
            assert " ".join(paragraph.split()) in policy, (step.key, paragraph)


def test_intake_and_scene_log_quote_two_paragraphs(protocol: Protocol) -> None:
    assert len(protocol.step("intake").policy_paragraphs) == 2
    (permitted, log) = protocol.step("scene_entry_log").policy_paragraphs
    assert permitted.startswith("The only persons permitted to enter a secured crime scene")
    assert log.startswith("A log shall be maintained")


# -- choices follow the shared vocabulary -------------------------------------------------------


@pytest.mark.parametrize(
    ("step_key", "field_key", "values"),
    [
        ("intake", "received_how", [v.value for v in ReceivedHow]),
        ("intake", "incident_time_certainty", [v.value for v in TimeCertainty]),
        ("intake", "allegation_type", [v.value for v in AllegationType]),
        ("separation", "method", [v.value for v in SeparationMethod]),
        ("warden_notification", "method", [v.value for v in NotificationMethod]),
        ("investigator_notification", "method", [v.value for v in NotificationMethod]),
        ("state_police_referral", "method", [v.value for v in NotificationMethod]),
        ("other_facility_notice", "method", [v.value for v in NotificationMethod]),
        ("preservation_victim", "acts_since", [v.value for v in PreservationAct]),
        ("preservation_perpetrator", "acts_since", [v.value for v in PreservationAct]),
        ("forensic_examiner", "examiner_type", [v.value for v in ExaminerType]),
        ("consent", "forensic_exam", [v.value for v in Consent]),
        ("consent", "medical_care", [v.value for v in Consent]),
    ],
)
def test_choices_are_the_enum_values(
    protocol: Protocol, step_key: str, field_key: str, values: list[str]
) -> None:
    assert list(protocol.step(step_key).field(field_key).choices) == values


def test_intake_records_what_the_spec_asks(protocol: Protocol) -> None:
    keys = [field.key for field in protocol.step("intake").fields]
    assert keys == [
        "location",
        "received_at",
        "received_how",
        "received_by",
        "incident_time",
        "incident_time_certainty",
        "occurred_elsewhere",
        "other_facility",
        "allegation_type",
        "narrative",
        "imminent_risk",
        "protective_action",
    ]
    intake = protocol.step("intake")
    assert intake.field("protective_action").required_if == ("imminent_risk", "yes")
    assert intake.field("other_facility").required_if == ("occurred_elsewhere", "yes")


def test_consent_is_asked_separately_for_exam_and_care(protocol: Protocol) -> None:
    consent = protocol.step("consent")
    assert consent.field("forensic_exam").kind is FieldKind.CHOICE
    assert consent.field("medical_care").kind is FieldKind.CHOICE


# -- conditions --------------------------------------------------------------------------------


def test_conditions_of_the_conditional_steps(protocol: Protocol) -> None:
    conditional = {
        step.key: step.condition
        for step in protocol.steps
        if step.condition is not StepCondition.ALWAYS
    }
    assert conditional == {
        "state_police_referral": StepCondition.POTENTIALLY_CRIMINAL,
        "other_facility_notice": StepCondition.OCCURRED_ELSEWHERE,
        "scene_entry_log": StepCondition.SCENE_SECURED,
        "scene_release": StepCondition.SCENE_SECURED,
        "preservation_victim": StepCondition.WITHIN_PRESERVATION_WINDOW,
        "preservation_perpetrator": StepCondition.WITHIN_PRESERVATION_WINDOW,
        "dry_cell": StepCondition.OFFENDER_PERPETRATOR,
    }


def test_all_steps_apply_when_every_condition_holds(protocol: Protocol) -> None:
    assert _applicable(protocol, ALL_FACTS) == set(STEP_ORDER)


def test_dry_cell_only_with_an_offender_perpetrator(protocol: Protocol) -> None:
    assert "dry_cell" not in _applicable(protocol, NO_FACTS)
    with_offender = replace(NO_FACTS, has_offender_perpetrator=True)
    assert _applicable(protocol, with_offender) - _applicable(protocol, NO_FACTS) == {"dry_cell"}


def test_preservation_only_within_the_window(protocol: Protocol) -> None:
    within = replace(NO_FACTS, within_preservation_window=True)
    assert _applicable(protocol, within) - _applicable(protocol, NO_FACTS) == {
        "preservation_victim",
        "preservation_perpetrator",
    }


def test_other_facility_notice_only_when_it_happened_elsewhere(protocol: Protocol) -> None:
    elsewhere = replace(NO_FACTS, occurred_elsewhere=True)
    assert _applicable(protocol, elsewhere) - _applicable(protocol, NO_FACTS) == {
        "other_facility_notice"
    }


@pytest.mark.parametrize("secured", [False, None])
def test_scene_steps_only_when_the_scene_was_secured(
    protocol: Protocol, secured: bool | None
) -> None:
    unsecured = replace(ALL_FACTS, scene_secured=secured)
    assert set(STEP_ORDER) - _applicable(protocol, unsecured) == {
        "scene_entry_log",
        "scene_release",
    }


def test_state_police_only_for_potentially_criminal_allegations(protocol: Protocol) -> None:
    criminal = replace(NO_FACTS, potentially_criminal=True)
    assert _applicable(protocol, criminal) - _applicable(protocol, NO_FACTS) == {
        "state_police_referral"
    }


def test_immediate_steps(protocol: Protocol) -> None:
    assert [step.key for step in protocol.immediate_steps(ALL_FACTS)] == [
        "victim_safety",
        "separation",
        "warden_notification",
        "investigator_notification",
    ]


def test_next_step_walks_the_checklist_in_order(protocol: Protocol) -> None:
    states: dict[str, StepState] = {}
    walked = []
    while (step := protocol.next_step(NO_FACTS, states)) is not None:
        walked.append(step.key)
        states[step.key] = StepState.DONE
    assert walked == [key for key in STEP_ORDER if key in _applicable(protocol, NO_FACTS)]


# -- roles -------------------------------------------------------------------------------------


def test_every_step_has_someone_to_complete_it(protocol: Protocol) -> None:
    assert all(step.roles for step in protocol.steps)


def test_only_the_investigator_releases_the_scene(protocol: Protocol) -> None:
    assert protocol.step("scene_release").roles == {Role.INVESTIGATOR}


def test_administrator_and_compliance_manager_complete_nothing(protocol: Protocol) -> None:
    for step in protocol.steps:
        assert not protocol.may_complete(step.key, Role.ADMINISTRATOR)
        assert not protocol.may_complete(step.key, Role.PREA_COMPLIANCE_MANAGER)


def _steps_for(protocol: Protocol, role: Role) -> list[str]:
    return [step.key for step in protocol.steps if role in step.roles]


def test_first_responder_records_intake_and_victim_safety_only(protocol: Protocol) -> None:
    assert _steps_for(protocol, Role.FIRST_RESPONDER) == ["intake", "victim_safety"]


def test_shift_supervisor_may_complete_all_but_clinical_steps_and_release(
    protocol: Protocol,
) -> None:
    assert set(STEP_ORDER) - set(_steps_for(protocol, Role.SHIFT_SUPERVISOR)) == {
        "scene_release",
        "forensic_examiner",
        "consent",
    }


def test_medical_staff_steps(protocol: Protocol) -> None:
    assert _steps_for(protocol, Role.MEDICAL) == [
        "victim_advocate",
        "preservation_victim",
        "medical_transport",
        "clean_sheet",
        "forensic_examiner",
        "consent",
    ]
    assert protocol.step("forensic_examiner").roles == {Role.MEDICAL}
    assert protocol.step("consent").roles == {Role.MEDICAL}


def test_investigator_steps(protocol: Protocol) -> None:
    assert _steps_for(protocol, Role.INVESTIGATOR) == [
        "crime_scene",
        "state_police_referral",
        "scene_entry_log",
        "scene_release",
    ]


def test_warden_gives_the_other_facility_notice(protocol: Protocol) -> None:
    assert _steps_for(protocol, Role.WARDEN) == ["other_facility_notice"]


# -- the loader ------------------------------------------------------------------------------

MINIMAL = '''
key = "mini"
version = "1"
title = "Mini"
source = "CPP 14.7 G"

[[steps]]
key = "only"
number = "1"
title = "Only step"
citation = "CPP 14.7 G.1"
policy_text = """
First   paragraph
over two lines.

Second paragraph.
"""
prompt = "Do it."
records = "That it was done."
roles = ["shift_supervisor"]

[[steps.fields]]
key = "done"
label = "Done"
kind = "boolean"
required = true

[[steps.fields]]
key = "how"
label = "How"
kind = "long_text"
required_if = { field = "done", value = "yes" }
'''


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "checklist.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_minimal_checklist_loads_with_defaults(tmp_path: Path) -> None:
    protocol = load_protocol(_write(tmp_path, MINIMAL))
    (step,) = protocol.steps
    assert step.policy_text == "First paragraph over two lines.\n\nSecond paragraph."
    assert step.condition is StepCondition.ALWAYS
    assert step.immediate is False
    assert step.roles == {Role.SHIFT_SUPERVISOR}
    assert step.field("how").required_if == ("done", "yes")
    assert step.field("done").required


BROKEN = """
key = "broken"
version = "1"
title = "Broken"
colour = "red"

[[steps]]
key = "one"
number = "1"
title = "One"
citation = "CPP 14.7 G.1"
policy_text = "Words."
prompt = "Do it."
records = "It."
roles = ["shift_supervisor", "janitor"]
condition = "sometimes"
immediate = "yes"
priority = 3

[[steps.fields]]
key = "when"
label = "When"
kind = "datetime"
choices = ["now"]

[[steps.fields]]
key = "when"
label = "Again"
kind = "clock"

[[steps.fields]]
key = "pick"
label = "Pick"
kind = "choice"

[[steps.fields]]
key = "why"
label = "Why"
kind = "text"
required_if = { field = "ghost", value = "yes" }

[[steps]]
key = "one"
number = "2"
title = "Two"
citation = ""
prompt = "Do it."
records = "It."
roles = []

[[steps.fields]]
key = "Bad Key"
label = "Bad"
kind = "text"
"""

BROKEN_PROBLEMS = [
    "the file: unknown key 'colour'",
    "the file: missing source",
    "step 1 'one': unknown key 'priority'",
    "step 1 'one': unknown role 'janitor' (expected one of: first_responder, shift_supervisor, "
    "medical, investigator, warden, prea_compliance_manager, administrator)",
    "step 1 'one': immediate must be true or false",
    "step 1 'one': unknown condition 'sometimes' (expected one of: always, "
    "within_preservation_window, offender_perpetrator, occurred_elsewhere, scene_secured, "
    "potentially_criminal)",
    "step 1 'one', field 'when': choices are only allowed on choice fields, not datetime",
    "step 1 'one', field 'when': duplicate field key",
    "step 1 'one', field 'when': unknown kind 'clock' (expected one of: text, long_text, "
    "datetime, boolean, choice, multi_choice, person, number)",
    "step 1 'one', field 'pick': a choice field needs choices",
    "step 1 'one', field 'why': required_if names no other field 'ghost'",
    "step 2 'one': duplicate step key (also step 1)",
    "step 2 'one': missing policy_text",
    "step 2 'one': citation is empty",
    "step 2 'one': roles must list at least one role",
    "step 2 'one', field 'Bad Key': key must be lower case letters, digits and underscores",
]


def test_a_broken_checklist_lists_every_problem(tmp_path: Path) -> None:
    path = _write(tmp_path, BROKEN)
    with pytest.raises(FormDefinitionError) as caught:
        load_protocol(path)
    assert sorted(caught.value.problems) == sorted(BROKEN_PROBLEMS)
    message = str(caught.value)
    assert message.startswith(f"{path}: {len(BROKEN_PROBLEMS)} problems in the form definition:")
    for problem in BROKEN_PROBLEMS:
        assert f"  - {problem}" in message


def test_a_form_definition_error_is_a_value_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="needs at least one"):
        load_protocol(_write(tmp_path, 'key = "k"\nversion = "1"\ntitle = "t"\nsource = "s"\n'))


def test_bad_field_and_required_if_shapes_are_reported(tmp_path: Path) -> None:
    text = (
        MINIMAL.replace('kind = "long_text"', 'kind = "long_text"\nhelp = 5').replace(
            'value = "yes"', 'value = "maybe"'
        )
        + '\n[[steps.fields]]\nkey = "n"\nlabel = "N"\nkind = "number"\nrequired = "no"\n'
    )
    with pytest.raises(FormDefinitionError) as caught:
        load_protocol(_write(tmp_path, text))
    assert sorted(caught.value.problems) == [
        "step 1 'only', field 'how': help must be a string",
        "step 1 'only', field 'how': required_if value 'maybe' for a boolean must be yes or no",
        "step 1 'only', field 'n': required must be true or false",
    ]


def test_invalid_toml_is_one_problem(tmp_path: Path) -> None:
    path = _write(tmp_path, "key = \n")
    with pytest.raises(FormDefinitionError) as caught:
        load_protocol(path)
    (problem,) = caught.value.problems
    assert problem.startswith("not valid TOML:")
    assert str(caught.value).startswith(f"{path}: 1 problem in the form definition:")


def test_a_missing_file_is_reported(tmp_path: Path) -> None:
    with pytest.raises(FormDefinitionError) as caught:
        load_protocol(tmp_path / "absent.toml")
    (problem,) = caught.value.problems
    assert problem.startswith("cannot read the file:")
