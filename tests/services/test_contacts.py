"""Contacts: people who never sign in (state police, outside medical staff), and users' own."""

from __future__ import annotations

import pytest

from incident_desk.services.contacts import (
    MSG_UNKNOWN_CONTACT,
    add_contact,
    contact_for_user,
    find_contacts,
    get_contact,
)
from incident_desk.services.errors import InputRejected, NotFound
from incident_desk.services.workspace import Workspace
from tests.services.custody_support import SignIn, nothing_written


def test_an_outside_contact_is_added_and_found_by_any_word_accents_ignored(
    supervisor: Workspace,
) -> None:
    trooper = add_contact(
        supervisor, "Tpr.  Ann  Lée", "Kentucky State Police", "Trooper", phone=" 502-555-0100 "
    )
    add_contact(supervisor, "Dr. Omar Haddad", "Baptist Health La Grange", "SANE nurse")
    assert trooper.name == "Tpr. Ann Lée"
    assert trooper.phone == "502-555-0100"
    assert trooper.user_id is None
    assert trooper.label == "Tpr. Ann Lée, Trooper, Kentucky State Police"
    assert [c.id for c in find_contacts(supervisor, "lee")] == [trooper.id]
    assert [c.id for c in find_contacts(supervisor, "state police ann")] == [trooper.id]
    assert [c.name for c in find_contacts(supervisor, "sane")] == ["Dr. Omar Haddad"]
    assert find_contacts(supervisor, "nobody at all") == []
    assert get_contact(supervisor, trooper.id) == trooper


def test_names_starting_with_the_first_word_come_first(supervisor: Workspace) -> None:
    add_contact(supervisor, "Pat Kimball", "Kentucky State Police", "Detective")
    add_contact(supervisor, "Kim Novak", "Kentucky State Police", "Trooper")
    names = [contact.name for contact in find_contacts(supervisor, "kim")]
    # "Nurse Kim Ørsted" is the medical user's own contact.
    assert names[:2] == ["Kim Novak", "Nurse Kim Ørsted"]
    assert names[-1] == "Pat Kimball"


def test_every_user_already_has_a_contact(sign_in_as: SignIn) -> None:
    investigator = sign_in_as("inv")
    own = contact_for_user(investigator)
    assert own.id == investigator.actor.contact_id
    assert own.name == "Inv. Pat Moreau"
    assert own.user_id == investigator.actor.id
    supervisor = sign_in_as("sup")
    assert contact_for_user(supervisor, investigator.actor.id) == own
    assert [c.id for c in find_contacts(supervisor, "moreau")] == [own.id]


def test_a_contact_needs_a_name_and_an_agency_and_nothing_half_is_saved(
    supervisor: Workspace,
) -> None:
    with nothing_written(supervisor), pytest.raises(InputRejected) as refused:
        add_contact(supervisor, "  ", "", "Trooper", email="ann.lee.ky.gov")
    assert {message.field for message in refused.value.messages} == {"name", "agency", "email"}
    assert "the person's name" in str(refused.value)
    assert "has no @" in str(refused.value)


def test_an_unknown_contact_is_named_plainly(supervisor: Workspace) -> None:
    with pytest.raises(NotFound) as missing:
        get_contact(supervisor, 9999)
    assert str(missing.value) == MSG_UNKNOWN_CONTACT.format(contact_id=9999)
