"""Nothing a person typed reaches the disk in clear: not in the database, its write-ahead log,
its shared-memory file, the key vault, the sign-in counter or a backup copy.

The installation is made with distinctive strings so a match in the raw bytes cannot be chance.
The whole data folder is read (every file, backups/ included) while the workspace is still
open, when the newest pages live only in the WAL, and again after it is closed.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from pathlib import Path

import pytest

from incident_desk.domain.clock import ManualClock
from incident_desk.domain.enums import (
    AllegationType,
    PersonKind,
    PersonRole,
    ReceivedHow,
    Role,
    TimeCertainty,
)
from incident_desk.services.cases import NewPerson, NewReport, open_case
from incident_desk.services.errors import SignInRefused
from incident_desk.services.installation import InstallationPaths, initialize
from incident_desk.services.users import add_user
from incident_desk.services.workspace import sign_in
from incident_desk.storage import schema
from incident_desk.storage.key_vault import KeyVault, normalize_recovery_key
from tests.conftest import START

SQLITE_HEADER = b"SQLite format 3\x00"
FACILITY = "Zephyrine Correctional Annex"
ADMIN = "quillonadmin"
ADMIN_DISPLAY = "Ignatius Pemberton-Vølund"
ADMIN_PASSPHRASE = "marmalade horizon 7 ÿ lantern"
SUPERVISOR = "hortensiasup"
SUPERVISOR_DISPLAY = "Sgt. Hortensia Quillfeather"
SUPERVISOR_PASSPHRASE = "violet kettle under 42 bridges"
VICTIM = "Zyxwvut Qqqqq-Ñandú"
SUSPECT = "Bartholomew Xylograph"
VICTIM_ID = "INMATE-7731945"
HOUSING = "Cellblock Omicron-9"
LOCATION = "Gymnasium annex loft 7Q"
REPORTED_BY = "Chaplain Evangelina Mworia"
NARRATIVE = "Told the chaplain after evening count. NARRATIVETOKEN-5b1f9e2a7c held back."
PROTECTION = "Moved to Infirmary bed Kestrel-4 at once"
WRONG_USER = "Oswaldo.Guesswork"


def _variants(text: str) -> set[bytes]:
    """The ways a string could sit in a file: UTF-8 and UTF-16-LE, as typed, lower-cased, and
    folded to plain letters (the form a search index would keep)."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    forms = {text, text.lower(), folded, folded.lower()}
    forms |= {part for form in set(forms) for part in form.split() if len(part) >= 6}
    return {form.encode(codec) for form in forms if form for codec in ("utf-8", "utf-16-le")}


def _files(root: Path) -> list[Path]:
    return sorted(path for path in root.rglob("*") if path.is_file())


def _leaks(root: Path, secrets: Iterable[bytes]) -> list[str]:
    found = []
    needles = sorted(set(secrets))
    for path in _files(root):
        content = path.read_bytes()
        found += [
            f"{path.relative_to(root)}: {needle!r}" for needle in needles if needle in content
        ]
    return found


def _report() -> NewReport:
    return NewReport(
        received_how=ReceivedHow.VERBAL,
        allegation_type=AllegationType.OFFENDER_NONCONSENSUAL_SEXUAL_ACTS,
        location=LOCATION,
        reported_by=REPORTED_BY,
        incident_certainty=TimeCertainty.UNKNOWN,
        narrative=NARRATIVE,
        imminent_risk=True,
        protective_action=PROTECTION,
        people=(
            NewPerson(VICTIM, PersonRole.ALLEGED_VICTIM, PersonKind.OFFENDER, VICTIM_ID, HOUSING),
            NewPerson(SUSPECT, PersonRole.ALLEGED_PERPETRATOR, PersonKind.OFFENDER),
        ),
    )


def test_no_entered_string_or_key_is_in_any_file_open_or_closed(tmp_path: Path) -> None:
    root = tmp_path / "data"
    clock = ManualClock(START)
    result = initialize(
        root,
        facility_name=FACILITY,
        facility_code="ZCA",
        admin_username=ADMIN,
        admin_display_name=ADMIN_DISPLAY,
        admin_passphrase=ADMIN_PASSPHRASE,
        clock=clock,
    )
    paths = InstallationPaths.at(root)
    data_key = KeyVault.load(paths.vault).unlock_with_recovery_key(result.recovery_key)
    admin = sign_in(root, ADMIN, ADMIN_PASSPHRASE, clock)
    try:
        add_user(
            admin,
            username=SUPERVISOR,
            passphrase=SUPERVISOR_PASSPHRASE,
            role=Role.SHIFT_SUPERVISOR,
            display_name=SUPERVISOR_DISPLAY,
            title="Night shift commander",
        )
    finally:
        admin.close()
    # A wrong sign-in (with a user name nobody has) writes signin-state.json.
    with pytest.raises(SignInRefused):
        sign_in(root, WRONG_USER, "not the passphrase at all", clock)

    typed = [
        FACILITY,
        ADMIN,
        ADMIN_DISPLAY,
        ADMIN_PASSPHRASE,
        SUPERVISOR,
        SUPERVISOR_DISPLAY,
        SUPERVISOR_PASSPHRASE,
        "Night shift commander",
        VICTIM,
        SUSPECT,
        VICTIM_ID,
        HOUSING,
        LOCATION,
        REPORTED_BY,
        NARRATIVE,
        "NARRATIVETOKEN-5b1f9e2a7c",
        PROTECTION,
        WRONG_USER,
        result.recovery_key,
        result.recovery_key.replace("-", ""),
    ]
    secrets = {needle for text in typed for needle in _variants(text)}
    # Neither the data key nor the decoded recovery key may sit in any file, raw or as hex.
    recovery_bytes = normalize_recovery_key(result.recovery_key)
    for raw in (data_key, recovery_bytes):
        secrets |= {raw, raw.hex().encode(), raw.hex().upper().encode()}

    supervisor = sign_in(root, SUPERVISOR, SUPERVISOR_PASSPHRASE, clock)
    try:
        open_case(supervisor, _report())
        wal = paths.database.with_name(paths.database.name + "-wal")
        # The case lives only in the write-ahead log at this moment: read that too.
        assert wal.exists()
        assert wal.stat().st_size > 0
        assert paths.database.with_name(paths.database.name + "-shm").exists()
        assert _leaks(root, secrets) == []
        # A pre-upgrade copy in backups/ must be as sealed as the original.
        backup = schema.copy_aside(paths.database, supervisor.database.engine, paths.backups, "0")
        open_case(supervisor, _report())  # and the log fills again after that checkpoint
        assert wal.stat().st_size > 0
        assert _leaks(root, secrets) == []
    finally:
        supervisor.close()

    # Closing checkpoints the log into the main file; read everything once more.
    names = {path.relative_to(root).as_posix() for path in _files(root)}
    assert {"incident-desk.db", "vault.json", "signin-state.json"} <= names
    assert _leaks(root, secrets) == []
    assert backup.relative_to(root).parts[0] == "backups"
    for database_file in (paths.database, backup):
        assert not database_file.read_bytes().startswith(SQLITE_HEADER), database_file
