"""The ``incident-desk`` command line as administrators' scripts see it: a real process each time.

The contract: exit 0 on success, 1 when a check fails or the data is damaged, 2 for bad usage
or input, every failure one line on standard error and never a stack trace. Every command here
runs with a stand-in PySide6 first on the path that ends the process with code 97 if imported,
so each run also proves that no command starts (or even loads) the desktop application.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from incident_desk.domain.clock import ManualClock
from incident_desk.domain.enums import AllegationType, PersonRole, ReceivedHow, TimeCertainty
from incident_desk.services.cases import NewPerson, NewReport, open_case
from incident_desk.services.workspace import WRONG_CREDENTIALS, Workspace
from incident_desk.storage.engine import create_sqlcipher_engine
from incident_desk.storage.key_vault import KeyVault
from tests.conftest import FACILITY_CODE, passphrase_of

SRC = Path(__file__).resolve().parents[1] / "src"
GUI_EXIT = 97
RECOVERY_KEY = re.compile(r"\b[0-9A-Z]{4}(?:-[0-9A-Z]{4}){5,}\b")
FAKE_GUI_PACKAGE = """\
import os
marker = os.environ.get("INCIDENT_DESK_TEST_GUI_MARKER")
if marker:
    with open(marker, "a", encoding="utf-8") as file:
        file.write(__name__ + " imported\\n")
os._exit({code})
"""

Cli = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture(scope="session")
def fake_gui(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("fake_gui")
    for package in ("PySide6", "shiboken6"):
        (root / package).mkdir()
        (root / package / "__init__.py").write_text(FAKE_GUI_PACKAGE.format(code=GUI_EXIT))
    return root


@pytest.fixture
def cli(fake_gui: Path, tmp_path: Path) -> Cli:
    marker = tmp_path / "gui-imported.txt"

    def run(
        *arguments: str, stdin: str | None = None, gui_allowed: bool = False
    ) -> subprocess.CompletedProcess[str]:
        env = dict(os.environ)
        env.pop("INCIDENT_DESK_DEBUG", None)
        env.pop("INCIDENT_DESK_DATA_DIR", None)
        env["INCIDENT_DESK_TEST_GUI_MARKER"] = str(marker)
        env["PYTHONPATH"] = os.pathsep.join(
            filter(None, [str(fake_gui), str(SRC), env.get("PYTHONPATH")])
        )
        result = subprocess.run(
            [sys.executable, "-m", "incident_desk", *arguments],
            input=stdin,
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=env,
            timeout=120,
            check=False,
        )
        if not gui_allowed:
            command = " ".join(arguments)
            assert result.returncode != GUI_EXIT, f"'{command}' started the desktop application"
            assert not marker.exists(), f"'{command}' loaded the desktop application"
        return result

    return run


def _secret(folder: Path, name: str, value: str) -> Path:
    path = folder / f"{name}.pass"
    path.write_text(value + "\n", encoding="utf-8")
    return path


def _as(user: str, data_dir: Path, tmp_path: Path, secret: str | None = None) -> list[str]:
    """The --data-dir/--user/--passphrase-file flags for ``user`` (their fixture passphrase)."""
    file = _secret(tmp_path, f"{user}-{len(secret or '')}", secret or passphrase_of(user))
    return ["--data-dir", str(data_dir), "--user", user, "--passphrase-file", str(file)]


def _failed(result: subprocess.CompletedProcess[str], code: int, words: str = "") -> str:
    """Assert the failure contract: the exit code, one line on stderr, no stack trace."""
    assert result.returncode == code, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr + result.stdout
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("incident-desk")
    assert words in lines[0]
    return lines[0]


def _ok(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return result.stdout


def _init(cli: Cli, data_dir: Path, passphrase: str) -> subprocess.CompletedProcess[str]:
    return cli(
        "init",
        "--data-dir",
        str(data_dir),
        "--facility",
        "Green River Correctional Complex",
        "--facility-code",
        "GRCC",
        "--admin",
        "chief",
        "--passphrase-file",
        "-",
        stdin=passphrase + "\n",
    )


def test_init_prints_the_recovery_key_once_and_refuses_to_run_twice(
    cli: Cli, tmp_path: Path
) -> None:
    data_dir = tmp_path / "install"
    passphrase = "the river runs green at night"
    output = _ok(_init(cli, data_dir, passphrase))
    keys = RECOVERY_KEY.findall(output)
    assert len(keys) == 1, output
    assert output.count(keys[0]) == 1
    vault = KeyVault.load(data_dir / "vault.json")
    assert vault.unlock_with_recovery_key(keys[0]) == vault.unlock("chief", passphrase)

    vault_bytes = (data_dir / "vault.json").read_bytes()
    _failed(_init(cli, data_dir, passphrase), 2, "already holds an Incident Desk installation")
    assert (data_dir / "vault.json").read_bytes() == vault_bytes


def test_init_with_a_short_passphrase_says_why_and_creates_nothing(
    cli: Cli, tmp_path: Path
) -> None:
    data_dir = tmp_path / "install"
    _failed(_init(cli, data_dir, "too short"), 2, "at least 12 characters")
    assert not (data_dir / "vault.json").exists()
    assert not (data_dir / "incident-desk.db").exists()


def test_passwd_rewraps_one_vault_slot_and_never_re_encrypts(
    cli: Cli, data_dir: Path, tmp_path: Path
) -> None:
    admin = _as("admin", data_dir, tmp_path)
    newcomer = _secret(tmp_path, "newcomer", "first passphrase of the newcomer")
    added = _ok(
        cli(
            "users",
            "add",
            "newcomer",
            "--role",
            "first_responder",
            "--display-name",
            "Officer Ana Lima",
            "--new-passphrase-file",
            str(newcomer),
            *admin,
        )
    )
    assert "newcomer" in added
    _ok(
        cli(
            "cases",
            "list",
            *_as("newcomer", data_dir, tmp_path, "first passphrase of the newcomer"),
        )
    )

    vault_path = data_dir / "vault.json"
    vault = KeyVault.load(vault_path)
    data_key = vault.unlock("admin", passphrase_of("admin"))
    slot = vault.user_slot_id("newcomer")
    before = json.loads(vault_path.read_text(encoding="utf-8"))

    renewed = _secret(tmp_path, "renewed", "second passphrase of the newcomer")
    _ok(cli("users", "passwd", "newcomer", "--new-passphrase-file", str(renewed), *admin))

    _failed(
        cli(
            "cases",
            "list",
            *_as("newcomer", data_dir, tmp_path, "first passphrase of the newcomer"),
        ),
        2,
        WRONG_CREDENTIALS,
    )
    _ok(
        cli(
            "cases",
            "list",
            *_as("newcomer", data_dir, tmp_path, "second passphrase of the newcomer"),
        )
    )
    after = json.loads(vault_path.read_text(encoding="utf-8"))
    # Only the newcomer's slot was rewrapped; the key check, the recovery slot and every other
    # user's slot are untouched, and the same data key still opens the same database.
    assert after["users"][slot] != before["users"][slot]
    assert {k: v for k, v in after["users"].items() if k != slot} == {
        k: v for k, v in before["users"].items() if k != slot
    }
    assert (after["key_check"], after["recovery"]) == (before["key_check"], before["recovery"])
    assert KeyVault.load(vault_path).unlock("newcomer", "second passphrase of the newcomer") == (
        data_key
    )
    engine = create_sqlcipher_engine(data_dir / "incident-desk.db", data_key)
    engine.dispose()


def test_an_administrators_lock_refuses_sign_in_until_unlocked(
    cli: Cli, data_dir: Path, tmp_path: Path
) -> None:
    admin = _as("admin", data_dir, tmp_path)
    responder = _as("fr", data_dir, tmp_path)
    _ok(cli("users", "lock", "fr", "--reason", "on leave", *admin))
    message = _failed(cli("cases", "list", *responder), 2, "locked by an administrator")
    assert "on leave" in message
    listing = _ok(cli("users", "list", *admin))
    assert re.search(r"^fr\tfirst_responder\tKSR\tlocked$", listing, re.MULTILINE)
    _ok(cli("users", "unlock", "fr", *admin))
    _ok(cli("cases", "list", *responder))


def test_cases_list_gives_scripts_json_and_people_a_table(
    cli: Cli, supervisor: Workspace, clock: ManualClock, data_dir: Path, tmp_path: Path
) -> None:
    opened = open_case(
        supervisor,
        NewReport(
            received_how=ReceivedHow.VERBAL,
            allegation_type=AllegationType.OFFENDER_NONCONSENSUAL_SEXUAL_ACTS,
            location="Dorm 4, shower",
            incident_certainty=TimeCertainty.UNKNOWN,
            people=(
                NewPerson("José Álvarez", PersonRole.ALLEGED_VICTIM),
                NewPerson("Mark Stone", PersonRole.ALLEGED_PERPETRATOR),
            ),
        ),
    )
    supervisor.close()
    sup = _as("sup", data_dir, tmp_path)

    listed = json.loads(_ok(cli("cases", "list", "--format", "json", *sup)))
    assert isinstance(listed, list)
    assert len(listed) == 1
    case = listed[0]
    assert case["case_number"] == opened.summary.case_number
    assert case["facility"] == FACILITY_CODE
    assert case["status"] == "open"
    assert case["allegation_type"] == "offender_nonconsensual_sexual_acts"
    assert [(p["name"], p["role"]) for p in case["people"]] == [
        ("José Álvarez", "alleged_victim"),
        ("Mark Stone", "alleged_perpetrator"),
    ]
    assert case["open_deadlines"], "a new case has running clocks"
    for deadline in case["open_deadlines"]:
        assert {"kind", "state", "due_at"} <= set(deadline)
        assert isinstance(deadline["kind"], str)
        assert isinstance(deadline["state"], str)

    table = _ok(cli("cases", "list", "--format", "table", *sup)).splitlines()
    assert table[0].split()[:3] == ["CASE", "FACILITY", "STATUS"]
    assert opened.summary.case_number in table[1]
    assert table[-1] == "1 case"


@pytest.mark.parametrize(
    "arguments",
    [
        ["no-such-command"],
        ["cases", "list", "--no-such-flag"],
        ["cases", "list", "--format", "xml", "--user", "sup", "--passphrase-file", "x"],
        [
            "users",
            "add",
            "ann",
            "--role",
            "janitor",
            "--new-passphrase-file",
            "x",
            "--user",
            "admin",
            "--passphrase-file",
            "x",
        ],
        ["demo", "--cases", "0", "--user", "admin", "--passphrase-file", "x"],
        ["audit"],
    ],
    ids=["command", "flag", "format", "role", "count", "action"],
)
def test_bad_usage_is_exit_2_with_one_line(cli: Cli, arguments: list[str]) -> None:
    result = cli(*arguments)
    _failed(result, 2)
    assert result.stdout == ""


def test_a_missing_passphrase_file_is_bad_input(cli: Cli, data_dir: Path, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.pass"
    _failed(
        cli(
            "audit",
            "verify",
            "--data-dir",
            str(data_dir),
            "--user",
            "admin",
            "--passphrase-file",
            str(missing),
        ),
        2,
        "cannot read",
    )


def test_commands_on_a_folder_without_an_installation_say_to_run_init(
    cli: Cli, tmp_path: Path
) -> None:
    _failed(cli("check", *_as("admin", tmp_path / "empty", tmp_path)), 2, "incident-desk init")


def test_audit_verify_and_check_pass_on_a_sound_installation(
    cli: Cli, data_dir: Path, tmp_path: Path
) -> None:
    # The passphrase comes from standard input here, as '-' allows.
    flags = ["--data-dir", str(data_dir), "--user", "admin", "--passphrase-file", "-"]
    verified = _ok(cli("audit", "verify", *flags, stdin=passphrase_of("admin") + "\n"))
    assert "intact" in verified
    checked = _ok(cli("check", *flags, stdin=passphrase_of("admin") + "\n"))
    assert "database sound" in checked
    assert "intact" in checked


def test_without_a_command_it_starts_the_desktop_application(cli: Cli, tmp_path: Path) -> None:
    # The control for the stand-in PySide6: the bare command does load it (and only that does).
    result = cli("--data-dir", str(tmp_path / "gui"), gui_allowed=True)
    assert result.returncode == GUI_EXIT


def test_demo_fills_a_database_that_still_checks_sound(
    cli: Cli, data_dir: Path, tmp_path: Path
) -> None:
    pytest.importorskip("incident_desk.services.demo")
    manager = _as("pcm", data_dir, tmp_path)
    result = cli("demo", "--cases", "3", "--seed", "7", *manager)
    # Progress goes to standard error while it runs; success is still exit 0 and no trace.
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "Added 3 demo cases" in result.stdout
    listed = json.loads(_ok(cli("cases", "list", "--format", "json", *manager)))
    assert len(listed) >= 3
    _ok(cli("check", *manager))
