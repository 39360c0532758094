"""The common ground of the first hours (CPP 14.7 G): loading a case to record in, who may
record what, which steps apply to the case, the time checks every record shares, and the move
of a case from OPEN to FIRST_RESPONSE.

The checklist (``workflow``) and the first-hours records (``separation``, ``notifications``,
``preservation``, ``medical``, ``dry_cell``) all build on these, so a rule such as "a time
before the report was received needs a reason" reads the same everywhere.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime, timedelta

from incident_desk.domain.clock import ensure_utc
from incident_desk.domain.enums import CaseStatus, PersonKind, PersonRole, Role, StepState
from incident_desk.domain.protocol import YES, ProtocolFacts, StepCondition, StepDefinition
from incident_desk.domain.validation import (
    MSG_UNKNOWN_STEP,
    ValidationMessage,
    check_not_future,
    check_step_role,
    format_moment,
)
from incident_desk.services.case_views import load_visible_case
from incident_desk.services.errors import AccessDenied, InputRejected, NotFound, rejected
from incident_desk.services.workspace import Workspace
from incident_desk.storage.repositories.first_response_repository import (
    FirstResponseRepository,
)
from incident_desk.storage.rows import CaseNoteRow, CasePersonRow, CaseRow, StepRecordRow
from incident_desk.storage.unit_of_work import UnitOfWork

#: How far before "now" a time may be without counting as entered after the fact.
LATE_ENTRY_GRACE = timedelta(minutes=5)

#: The checklist step whose answer stands in for a scene record not yet made (G.3.b).
CRIME_SCENE_STEP = "crime_scene"
CRIME_SCENE_SECURED_FIELD = "scene_secured"

FIELD_LATE_ENTRY_REASON = "late_entry_reason"
FIELD_CASE_PERSON = "case_person_id"

MSG_CASE_CLOSED = "Case {number} is closed. Nothing more can be recorded in its first response."
MSG_BEFORE_REPORT = (
    '"{label}" is {moment}, before the report was received at {received}. Check the time. '
    "If it is right, give the reason for this time; it is kept in the case notes."
)
MSG_LATE_ENTRY_REASON_MISSING = (
    "This is dated {moment}, {minutes} minutes before now. Say why it is being entered after "
    "the fact: the reason is kept with the record."
)
MSG_PERSON_NOT_IN_CASE = (
    "That person is not named in case {number}. Pick one of the people in the case."
)
MSG_NOT_VICTIM_OR_PERPETRATOR = (
    "{name} is recorded as {what}. This is recorded only for an alleged victim or an "
    "alleged perpetrator."
)
MSG_STEP_DOES_NOT_APPLY = (
    'Step {number}, "{title}", does not apply to this case: {reason}. {policy}'
)

#: Why a step with this condition is left out of a case, and the policy that says so.
_CONDITION_REFUSALS: dict[StepCondition, tuple[str, str]] = {
    StepCondition.WITHIN_PRESERVATION_WINDOW: (
        "the incident is recorded as more than 48 hours before the report was received",
        'CPP 14.7 G.4: "If the incident occurred within the previous 48 hours the alleged '
        "victim and alleged perpetrator shall not take any actions that could destroy physical "
        'evidence." If the incident time is wrong, correct the intake first.',
    ),
    StepCondition.OFFENDER_PERPETRATOR: (
        "no alleged perpetrator in this case is an offender",
        'CPP 14.7 G.7: "The alleged offender perpetrator shall be placed in a dry cell to '
        'preserve forensic evidence." Staff, contractors, volunteers and visitors are never '
        "placed in a dry cell.",
    ),
    StepCondition.OCCURRED_ELSEWHERE: (
        "it is recorded as having happened at this facility",
        "CPP 14.7 G.10 asks for this notice only on receiving an allegation that an offender "
        '"was sexually abused while confined at another facility". If it happened elsewhere, '
        "correct the intake first.",
    ),
    StepCondition.SCENE_SECURED: (
        "no secured crime scene is recorded for it",
        "CPP 14.7 G.3.d-f: the entry log and the release are kept for a secured crime scene. "
        "Record the crime scene (step 4) first.",
    ),
    StepCondition.POTENTIALLY_CRIMINAL: (
        "the allegation is recorded as sexual harassment only",
        'CPP 14.7 G.9: "all allegations of sexual abuse that involve potentially criminal '
        'behavior shall be referred for criminal investigation to the Kentucky State Police." '
        "If the allegation type is wrong, correct the intake first.",
    ),
}

_KIND_WORDS: dict[PersonKind, str] = {
    PersonKind.OFFENDER: "an offender",
    PersonKind.STAFF: "a staff member",
    PersonKind.CONTRACTOR: "a contractor",
    PersonKind.VOLUNTEER: "a volunteer",
    PersonKind.VISITOR: "a visitor",
    PersonKind.OTHER: "someone who is not an offender",
}
_ROLE_WORDS: dict[PersonRole, str] = {
    PersonRole.ALLEGED_VICTIM: "the alleged victim",
    PersonRole.ALLEGED_PERPETRATOR: "an alleged perpetrator",
    PersonRole.WITNESS: "a witness",
}


def kind_words(kind: PersonKind) -> str:
    """How a person's kind reads inside a sentence ("a staff member")."""
    return _KIND_WORDS[kind]


def role_words(role: PersonRole) -> str:
    return _ROLE_WORDS[role]


def raise_if(messages: Sequence[ValidationMessage]) -> None:
    """Refuse the input (nothing is written) when there is anything to say about it."""
    if messages:
        raise InputRejected(messages)


def load_case_for_recording(workspace: Workspace, work: UnitOfWork, case_number: str) -> CaseRow:
    """The case, if the signed-in user may see it and it is still open to first-response records."""
    case = load_visible_case(workspace, work, case_number)
    if case.status is CaseStatus.CLOSED:
        raise rejected("case", MSG_CASE_CLOSED.format(number=case.case_number))
    return case


def known_step(workspace: Workspace, step_key: str) -> StepDefinition:
    """The protocol's step called ``step_key``, or the input is refused."""
    try:
        return workspace.protocol.step(step_key)
    except KeyError:
        raise rejected("step", MSG_UNKNOWN_STEP.format(step=step_key)) from None


def require_step_role(workspace: Workspace, step_key: str) -> StepDefinition:
    """The step, if the signed-in role may complete it; the protocol names who may."""
    step = known_step(workspace, step_key)
    refused = check_step_role(workspace.protocol, step_key, workspace.actor.role)
    if refused:
        raise AccessDenied(refused[0].text)
    return step


def role_may(workspace: Workspace, step_key: str, role: Role | None = None) -> bool:
    return workspace.protocol.may_complete(step_key, role or workspace.actor.role)


def protocol_facts(work: UnitOfWork, case: CaseRow) -> ProtocolFacts:
    """What decides which steps apply, worked out from the case as it stands."""
    people = work.cases.people(case.id)
    return ProtocolFacts.derive(
        received_at=case.received_at,
        incident_at=case.incident_at,
        incident_time_certainty=case.incident_certainty,
        perpetrator_kinds=[p.kind for p in people if p.role is PersonRole.ALLEGED_PERPETRATOR],
        allegation_types=[case.allegation_type],
        occurred_elsewhere=case.occurred_elsewhere,
        scene_secured=_scene_secured(work, case),
    )


def _scene_secured(work: UnitOfWork, case: CaseRow) -> bool | None:
    # The scene record is the authority; until one is made, the checklist's own answer counts.
    repository = work.repository(FirstResponseRepository)
    scene = repository.latest_scene(case.id)
    if scene is not None:
        return scene.secured
    record = repository.latest_step_record(case.id, CRIME_SCENE_STEP)
    if record is None or record.state is not StepState.DONE:
        return None
    answer = step_values(record).get(CRIME_SCENE_SECURED_FIELD, "")
    return None if not answer else answer == YES


def step_values(record: StepRecordRow) -> dict[str, str]:
    loaded = json.loads(record.values_json or "{}")
    return {str(key): str(value) for key, value in loaded.items()}


def new_step_record(
    workspace: Workspace,
    case: CaseRow,
    step: StepDefinition,
    state: StepState,
    occurred_at: datetime,
    now: datetime,
) -> StepRecordRow:
    """A new entry of a step, by the signed-in user, under the protocol version in force; the
    caller sets what it records (values, a reason, what it corrects)."""
    return StepRecordRow(
        case_id=case.id,
        step_key=step.key,
        state=state,
        values_json="{}",
        not_applicable_reason="",
        occurred_at=occurred_at,
        recorded_at=now,
        recorded_by_id=workspace.actor.id,
        late_entry_reason="",
        protocol_version=workspace.protocol.version,
        correction_reason="",
    )


def named_in_step(work: UnitOfWork, step_record_id: int | None, field: str) -> str:
    """The name typed into the field of the step entry that wrote a record ("Placed by: Officer
    Tran"): the person who acted, who may have no account here; "" when there is none."""
    if step_record_id is None:
        return ""
    record = work.steps.get(step_record_id)
    return "" if record is None else step_values(record).get(field, "").strip()


def why_step_does_not_apply(step: StepDefinition) -> str:
    """The sentence shown when a step's condition leaves it out of the case."""
    reason, policy = _CONDITION_REFUSALS.get(step.condition, ("", ""))
    return MSG_STEP_DOES_NOT_APPLY.format(
        number=step.number, title=step.title, reason=reason, policy=policy
    )


def require_step_applies(
    workspace: Workspace, work: UnitOfWork, case: CaseRow, step: StepDefinition
) -> None:
    """Refuse a step the case's facts leave out, saying why and quoting the policy."""
    if step.condition is StepCondition.ALWAYS:
        return  # most steps: no need to work the facts out (a save stays fast)
    if not workspace.protocol.applies(step, protocol_facts(work, case)):
        raise rejected("step", why_step_does_not_apply(step))


def check_record_time(
    field: str,
    label: str,
    moment: datetime | None,
    now: datetime,
    received_at: datetime,
    late_entry_reason: str,
) -> list[ValidationMessage]:
    """Not later than now; not before the report was received unless a reason is given."""
    if moment is None:
        return []
    messages = check_not_future(field, moment, now)
    if ensure_utc(moment) < ensure_utc(received_at) and not late_entry_reason.strip():
        text = MSG_BEFORE_REPORT.format(
            label=label, moment=format_moment(moment), received=format_moment(received_at)
        )
        messages.append(ValidationMessage(field, text))
    return messages


def check_late_entry(
    occurred_at: datetime, now: datetime, late_entry_reason: str
) -> list[ValidationMessage]:
    """An entry dated more than a few minutes back is made after the fact and must say why."""
    behind = ensure_utc(now) - ensure_utc(occurred_at)
    if behind <= LATE_ENTRY_GRACE or late_entry_reason.strip():
        return []
    text = MSG_LATE_ENTRY_REASON_MISSING.format(
        moment=format_moment(occurred_at), minutes=int(behind.total_seconds() // 60)
    )
    return [ValidationMessage(FIELD_LATE_ENTRY_REASON, text)]


def note_time_before_report(
    workspace: Workspace,
    work: UnitOfWork,
    case: CaseRow,
    what: str,
    moment: datetime | None,
    late_entry_reason: str,
) -> None:
    """Keep, as a case note, why a record carries a time before the report was received."""
    if moment is None or ensure_utc(moment) >= ensure_utc(case.received_at):
        return
    body = (
        f"{what} is dated {format_moment(moment)}, before the report was received at "
        f"{format_moment(case.received_at)}. Reason given: {late_entry_reason.strip()}"
    )
    work.add(
        CaseNoteRow(
            case_id=case.id,
            body=body,
            written_at=workspace.clock.now(),
            written_by_id=workspace.actor.id,
        )
    )


def begin_first_response(case: CaseRow, now: datetime) -> None:
    """The first thing recorded after intake moves the case from OPEN to FIRST_RESPONSE."""
    if case.status is CaseStatus.OPEN:
        case.status = CaseStatus.FIRST_RESPONSE
        case.updated_at = now


def person_in_case(work: UnitOfWork, case: CaseRow, case_person_id: int) -> CasePersonRow:
    person = work.get(CasePersonRow, case_person_id)
    if not isinstance(person, CasePersonRow) or person.case_id != case.id:
        raise NotFound(MSG_PERSON_NOT_IN_CASE.format(number=case.case_number))
    return person


def victim_or_perpetrator(work: UnitOfWork, case: CaseRow, case_person_id: int) -> CasePersonRow:
    person = person_in_case(work, case, case_person_id)
    if person.role is PersonRole.WITNESS:
        text = MSG_NOT_VICTIM_OR_PERPETRATOR.format(name=person.name, what=role_words(person.role))
        raise rejected(FIELD_CASE_PERSON, text)
    return person


def display_names(work: UnitOfWork, user_ids: Sequence[int | None]) -> dict[int, str]:
    return work.repository(FirstResponseRepository).display_names(user_ids)
