"""Filling the Extraordinary Occurrence Report and section one of the Sexual Offense Allegation
Reporting Form (CPP 14.7 G.8) from the record; section one carries the Survey of Sexual
Victimization data elements of every person (CPP 14.7 M.1)."""

from __future__ import annotations

from incident_desk.domain.documents import SignatureEntry
from incident_desk.domain.enums import NotificationKind, PersonRole
from incident_desk.services.case_record import CaseRecord, PersonFacts
from incident_desk.services.document_fill import (
    Filled,
    case_values,
    forwarding_values,
    present,
    recorded_words,
    step_state_words,
    supervisor_name,
)
from incident_desk.services.document_words import (
    ADVOCATE_WORDS,
    CUSTODY_WORDS,
    INJURY_WORDS,
    NOT_RECORDED,
    NOTIFICATION_WORDS,
    PERSON_KIND_WORDS,
    PERSON_ROLE_WORDS,
    SEX_WORDS,
    joined,
    moment,
    sentences,
    words,
    yes_no,
)
from incident_desk.services.evidence_views import CustodyLink

SUPERVISOR_ROLE = "Shift supervisor"


def fill_eor(record: CaseRecord) -> Filled:
    values = case_values(record) | forwarding_values(record)
    warden = next((n for n in record.notifications if n.kind is NotificationKind.WARDEN), None)
    signatures = [SignatureEntry("shift_supervisor", supervisor_name(record), SUPERVISOR_ROLE)]
    if warden is not None:
        signatures.append(SignatureEntry("warden_review", warden.person_name, "Warden"))
    return Filled(
        values=present(values),
        tables={
            "people": tuple(
                {
                    "name": person.name,
                    "identifier": person.identifier,
                    "role": PERSON_ROLE_WORDS[person.role],
                    "kind": PERSON_KIND_WORDS[person.kind],
                    "housing_unit": person.housing_unit,
                }
                for person in record.people
            ),
            "response": tuple(
                {
                    "number": line.definition.number,
                    "title": line.definition.title,
                    "state": step_state_words(line),
                    "occurred_at": moment(line.occurred_at),
                    "recorded_by": line.recorded_by,
                }
                for line in record.steps
            ),
            "notifications": tuple(
                {
                    "kind": NOTIFICATION_WORDS[n.kind],
                    "person_name": n.person_name,
                    "method": words(n.method.value),
                    "notified_at": moment(n.notified_at),
                    "details": joined(
                        ADVOCATE_WORDS[n.advocate_status] if n.advocate_status else "",
                        n.other_facility_name,
                        f"Reference {n.reference}" if n.reference else "",
                        n.details,
                        f"Corrected: {n.correction_reason}" if n.corrects_id else "",
                    ),
                    "recorded_by": recorded_words(n.recorded_by, n.recorded_at),
                }
                for n in record.notifications
            ),
            "evidence": tuple(
                {
                    "item_number": item.item_number,
                    "description": item.description,
                    "collected_at": moment(item.collected_at),
                    "holder": item.custodian.label
                    if item.custodian is not None
                    else _ended(item.disposition),
                }
                for item in record.evidence
            ),
        },
        signatures=tuple(entry for entry in signatures if entry.name),
    )


def fill_allegation_report(record: CaseRecord) -> Filled:
    kind = record.allegation_type
    values = case_values(record) | forwarding_values(record) | _outcome(record)
    values["ssv_category"] = joined(
        "Offender-on-offender" if kind.offender_on_offender else "Staff-on-offender",
        "sexual harassment" if kind.is_harassment else "sexual abuse",
        separator=" ",
    )
    signatures = (
        SignatureEntry("reporting_staff", record.received_by, "Received the report"),
        SignatureEntry("shift_supervisor", supervisor_name(record), SUPERVISOR_ROLE),
    )
    return Filled(
        values=present(values),
        tables={
            "victims": tuple(_ssv(p) for p in record.people_in(PersonRole.ALLEGED_VICTIM)),
            "perpetrators": tuple(
                _ssv(p) | {"sanction": p.sanction}
                for p in record.people_in(PersonRole.ALLEGED_PERPETRATOR)
            ),
            "witnesses": tuple(
                {
                    "name": p.name,
                    "identifier": p.identifier,
                    "kind": PERSON_KIND_WORDS[p.kind],
                    "housing_unit": p.housing_unit,
                }
                for p in record.people_in(PersonRole.WITNESS)
            ),
        },
        signatures=tuple(entry for entry in signatures if entry.name),
    )


def _ssv(person: PersonFacts) -> dict[str, str]:
    """A person's Survey of Sexual Victimization data elements, each named, none left out."""
    return {
        "name": person.name,
        "identifier": person.identifier,
        "kind": PERSON_KIND_WORDS[person.kind],
        "sex_gender": sentences(
            f"Sex: {SEX_WORDS[person.sex]}",
            f"Gender identity: {person.gender_identity or NOT_RECORDED}",
        ),
        "origin": sentences(
            f"Born: {person.birth_year or NOT_RECORDED}",
            f"Race: {person.race or NOT_RECORDED}",
            f"Hispanic or Latino: {yes_no(person.hispanic) or NOT_RECORDED}",
        ),
        "injury": INJURY_WORDS[person.injury],
        "housing_unit": person.housing_unit,
    }


def _outcome(record: CaseRecord) -> dict[str, str]:
    found = record.investigation
    if found is None:
        return {"investigator": joined(*record.assigned_investigators)}
    return {
        "investigator": found.investigator,
        "investigation_started_at": moment(found.started_at),
        "criminal_referral": yes_no(found.criminal_referral),
        "referral_agency": found.referral_agency,
        "referred_at": moment(found.referred_at),
        "finding": words(found.finding.value) if found.finding else "",
        "concluded_at": moment(found.concluded_at),
        "staff_actions_contributed": yes_no(found.staff_actions_contributed),
    }


def _ended(disposition: CustodyLink | None) -> str:
    """How an item's chain ended (released, destroyed, returned), when it has."""
    if disposition is None:
        return ""
    return joined(
        CUSTODY_WORDS[disposition.action],
        moment(disposition.transferred_at),
        disposition.disposition_to,
    )
