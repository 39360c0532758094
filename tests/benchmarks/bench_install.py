"""A fresh installation with a shift supervisor signed in, for the benchmark scripts."""

from __future__ import annotations

from pathlib import Path

from incident_desk.domain.clock import Clock
from incident_desk.domain.enums import Role
from incident_desk.services.installation import initialize
from incident_desk.services.users import add_user
from incident_desk.services.workspace import Workspace, sign_in


def install_with_supervisor(
    root: Path, clock: Clock, passphrase: str, agency_name: str = ""
) -> Workspace:
    """Create an installation in ``root`` and return the supervisor "sup" signed in."""
    initialize(
        root,
        facility_name="Kentucky State Reformatory",
        facility_code="KSR",
        agency_name=agency_name,
        admin_username="admin",
        admin_passphrase=passphrase,
        clock=clock,
    )
    admin = sign_in(root, "admin", passphrase, clock)
    try:
        add_user(
            admin,
            username="sup",
            passphrase=passphrase,
            role=Role.SHIFT_SUPERVISOR,
            display_name="Sgt. Dana Brooks",
        )
    finally:
        admin.close()
    return sign_in(root, "sup", passphrase, clock)
