"""Shared fixtures: a real encrypted installation per test, copied from one made per session.

Making an installation derives Argon2id keys for every user, which is the slow part; copying a
finished one into each test's own folder keeps every test on its own real SQLCipher files.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from incident_desk.domain.clock import ManualClock
from incident_desk.domain.enums import Role
from incident_desk.services.installation import initialize
from incident_desk.services.users import add_user
from incident_desk.services.workspace import Workspace, sign_in

START = datetime(2026, 11, 22, 3, 0, tzinfo=UTC)
FACILITY_CODE = "KSR"
FACILITY_NAME = "Kentucky State Reformatory"
ROLE_USERS: dict[str, Role] = {
    "admin": Role.ADMINISTRATOR,
    "sup": Role.SHIFT_SUPERVISOR,
    "fr": Role.FIRST_RESPONDER,
    "med": Role.MEDICAL,
    "inv": Role.INVESTIGATOR,
    "warden": Role.WARDEN,
    "pcm": Role.PREA_COMPLIANCE_MANAGER,
}
DISPLAY_NAMES = {
    "admin": "Alex Admin",
    "sup": "Sgt. Dana Brooks",
    "fr": "Officer Luis Peña",
    "med": "Nurse Kim Ørsted",
    "inv": "Inv. Pat Moreau",
    "warden": "Warden Sam Hale",
    "pcm": "Jordan Reyes",
}


def passphrase_of(username: str) -> str:
    return f"{username} keeps the keys safe"


@pytest.fixture(scope="session")
def installation_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("template") / "data"
    clock = ManualClock(START - timedelta(days=30))
    initialize(
        root,
        facility_name=FACILITY_NAME,
        facility_code=FACILITY_CODE,
        agency_name="Kentucky Department of Corrections",
        admin_username="admin",
        admin_display_name=DISPLAY_NAMES["admin"],
        admin_passphrase=passphrase_of("admin"),
        clock=clock,
    )
    admin = sign_in(root, "admin", passphrase_of("admin"), clock)
    try:
        for username, role in ROLE_USERS.items():
            if username != "admin":
                add_user(
                    admin,
                    username=username,
                    passphrase=passphrase_of(username),
                    role=role,
                    display_name=DISPLAY_NAMES[username],
                )
    finally:
        admin.close()
    return root


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(START)


@pytest.fixture
def data_dir(tmp_path: Path, installation_template: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(installation_template, target)
    return target


@pytest.fixture
def sign_in_as(data_dir: Path, clock: ManualClock) -> Iterator[Callable[[str], Workspace]]:
    opened: list[Workspace] = []

    def _sign_in(username: str) -> Workspace:
        workspace = sign_in(data_dir, username, passphrase_of(username), clock)
        opened.append(workspace)
        return workspace

    yield _sign_in
    for workspace in opened:
        workspace.close()


@pytest.fixture
def supervisor(sign_in_as: Callable[[str], Workspace]) -> Workspace:
    return sign_in_as("sup")
