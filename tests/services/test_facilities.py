"""Facilities: added by the administrator only, with unique codes."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from incident_desk.services.errors import AccessDenied, InputRejected
from incident_desk.services.facilities import add_facility, list_facilities
from incident_desk.services.workspace import Workspace

SignIn = Callable[[str], Workspace]


def test_admin_adds_a_facility_everyone_lists_it(sign_in_as: SignIn) -> None:
    admin = sign_in_as("admin")
    added = add_facility(
        admin, " lsp ", "Kentucky State Penitentiary", "Kentucky Department of Corrections"
    )
    assert added.code == "LSP"
    assert added.head_title == "Warden"
    codes = [facility.code for facility in list_facilities(sign_in_as("fr"))]
    assert codes == ["KSR", "LSP"]
    assert admin.database.verify_audit_chain().intact


def test_only_the_administrator_adds_facilities(sign_in_as: SignIn) -> None:
    for username in ("sup", "warden", "pcm"):
        with pytest.raises(AccessDenied, match="may not add facilities"):
            add_facility(sign_in_as(username), "LSP", "Kentucky State Penitentiary")


def test_bad_or_duplicate_codes_are_refused_and_nothing_saved(sign_in_as: SignIn) -> None:
    admin = sign_in_as("admin")
    before = admin.database.verify_audit_chain().checked
    with pytest.raises(InputRejected) as refused:
        add_facility(admin, "K", "", head_title=" ")
    assert {m.field for m in refused.value.messages} == {"facility", "facility_code", "head_title"}
    assert "2 to 20 letters, digits or dashes" in str(refused.value)
    with pytest.raises(InputRejected, match="already used by Kentucky State Reformatory"):
        add_facility(admin, "ksr", "Another Reformatory")
    assert admin.database.verify_audit_chain().checked == before
    assert len(list_facilities(admin)) == 1
