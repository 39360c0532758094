"""The command line: ``incident-desk`` starts the application; its commands serve administrators'
scripts and tests. Commands, flags, JSON fields and exit codes are a public contract.

Exit codes: 0 success, 1 a check failed (or the data is damaged), 2 bad usage or input.
Every failure is one line on standard error, never a stack trace.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

from incident_desk import __version__
from incident_desk.domain.clock import SystemClock
from incident_desk.domain.enums import CaseStatus, Role
from incident_desk.paths import data_dir as resolve_data_dir
from incident_desk.services.errors import InputRejected, ServiceError
from incident_desk.storage.errors import DatabaseDamaged, StorageError

EXIT_OK = 0
EXIT_CHECK_FAILED = 1
EXIT_USAGE = 2
PROG = "incident-desk"


class UsageError(Exception):
    """Bad usage or input detected by the command line itself (exit code 2)."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # One line, as the contract says; --help still shows the full usage.
        self.exit(EXIT_USAGE, f"{self.prog}: {message} (see '{self.prog} --help')\n")


def _add_data_dir(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data-dir",
        dest="data_dir",
        default=argparse.SUPPRESS,
        help="installation folder (default: $INCIDENT_DESK_DATA_DIR, else the user data folder)",
    )


def _add_credentials(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--user", required=True, help="who is acting")
    parser.add_argument(
        "--passphrase-file",
        required=True,
        help="file holding that user's passphrase ('-' reads standard input)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog=PROG, description="Incident Desk: PREA first response, on record.")
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    _add_data_dir(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    init = commands.add_parser("init", help="create a new installation and print its recovery key")
    _add_data_dir(init)
    init.add_argument("--facility", required=True, help="the facility's name")
    init.add_argument("--facility-code", required=True, help="short code that starts case numbers")
    init.add_argument("--admin", required=True, help="the administrator's user name")
    init.add_argument("--admin-display-name", default="", help="the administrator's full name")
    init.add_argument("--agency", default="", help="the agency's name")
    init.add_argument(
        "--passphrase-file",
        help="file holding the administrator's passphrase ('-' reads standard input); "
        "asked for twice when omitted",
    )

    demo = commands.add_parser("demo", help="fill the database with realistic demo cases")
    _add_data_dir(demo)
    _add_credentials(demo)
    demo.add_argument("--cases", type=_positive_int, required=True, help="how many cases")
    demo.add_argument("--seed", type=int, default=0, help="same seed, same cases")

    cases = commands.add_parser("cases", help="work with cases")
    case_commands = cases.add_subparsers(
        dest="cases_command", metavar="ACTION", parser_class=_Parser, required=True
    )
    case_list = case_commands.add_parser("list", help="the cases you may see")
    _add_data_dir(case_list)
    _add_credentials(case_list)
    case_list.add_argument("--format", choices=("json", "table"), default="table")
    case_list.add_argument("--status", choices=[status.value for status in CaseStatus])
    case_list.add_argument("--search", default="", help="case number or name")
    case_list.add_argument("--limit", type=_positive_int, help="at most this many cases")

    audit = commands.add_parser("audit", help="the tamper-evident audit trail")
    audit_commands = audit.add_subparsers(
        dest="audit_command", metavar="ACTION", parser_class=_Parser, required=True
    )
    verify = audit_commands.add_parser("verify", help="walk the hash chain; exit 1 if broken")
    _add_data_dir(verify)
    _add_credentials(verify)

    check = commands.add_parser(
        "check", help="check the database file (integrity, page authentication) and the audit chain"
    )
    _add_data_dir(check)
    _add_credentials(check)

    users = commands.add_parser("users", help="user accounts")
    user_commands = users.add_subparsers(
        dest="users_command", metavar="ACTION", parser_class=_Parser, required=True
    )
    add = user_commands.add_parser("add", help="add a user (administrator)")
    _add_data_dir(add)
    _add_credentials(add)
    add.add_argument("name", help="the new user's name")
    add.add_argument("--role", required=True, choices=[role.value for role in Role])
    add.add_argument("--display-name", default="")
    add.add_argument("--title", default="")
    add.add_argument("--facility", help="facility code (default: the administrator's)")
    add.add_argument(
        "--new-passphrase-file",
        required=True,
        help="file holding the new user's passphrase ('-' reads standard input)",
    )
    passwd = user_commands.add_parser("passwd", help="change a passphrase (rewraps the key)")
    _add_data_dir(passwd)
    _add_credentials(passwd)
    passwd.add_argument("name")
    passwd.add_argument("--new-passphrase-file", required=True)
    lock = user_commands.add_parser("lock", help="stop a user from signing in (administrator)")
    _add_data_dir(lock)
    _add_credentials(lock)
    lock.add_argument("name")
    lock.add_argument("--reason", default="")
    unlock = user_commands.add_parser(
        "unlock", help="let a user sign in again, clearing any lock-out (administrator)"
    )
    _add_data_dir(unlock)
    _add_credentials(unlock)
    unlock.add_argument("name")
    listing = user_commands.add_parser("list", help="list users (administrator)")
    _add_data_dir(listing)
    _add_credentials(listing)

    signed = commands.add_parser(
        "verify", help="check the signatures in a signed PDF (no sign-in); exit 1 if any fails"
    )
    _add_data_dir(signed)
    signed.add_argument("file", help="the signed PDF")
    signed.add_argument(
        "--trust",
        action="append",
        default=[],
        metavar="CERT.pem",
        help="also trust this authority's certificate (PEM or DER); may be repeated",
    )
    signed.add_argument("--format", choices=("text", "json"), default="text")
    signed.add_argument(
        "--user", default=None, help="also record the check in the audit trail, as this user"
    )
    signed.add_argument(
        "--passphrase-file",
        default=None,
        help="that user's passphrase file ('-' reads standard input); needed with --user",
    )

    signing = commands.add_parser("signing", help="the facility's signing authority")
    signing_commands = signing.add_subparsers(
        dest="signing_command", metavar="ACTION", parser_class=_Parser, required=True
    )
    authority = signing_commands.add_parser(
        "import-authority",
        help="make the agency's own certificate authority (PKCS#12) sign for this facility "
        "(administrator)",
    )
    _add_data_dir(authority)
    _add_credentials(authority)
    authority.add_argument("file", help="the agency authority's .p12 / .pfx file")
    authority.add_argument(
        "--p12-password-file",
        required=True,
        help="file holding the .p12 file's password ('-' reads standard input)",
    )

    export = commands.add_parser(
        "export", help="sign a case's forms as you and write the PDFs (kept in the record too)"
    )
    _add_data_dir(export)
    _add_credentials(export)
    export.add_argument("--case", required=True, help="the case number")
    export.add_argument("--out", required=True, help="folder to write the PDFs into")
    export.add_argument(
        "--forms",
        default="",
        help="comma-separated forms (default: all): eor, allegation_report, chain_of_evidence, "
        "scene_entry_log, first_response_record",
    )
    return parser


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def read_secret(source: str, what: str) -> str:
    """A passphrase from a file or standard input; only the final line break is dropped."""
    try:
        text = sys.stdin.readline() if source == "-" else Path(source).read_text(encoding="utf-8")
    except OSError as error:
        raise UsageError(f"cannot read {what} from {source}: {error.strerror}") from None
    except UnicodeDecodeError:
        raise UsageError(f"{what} in {source} is not UTF-8 text") from None
    text = text.removesuffix("\n").removesuffix("\r")
    if not text:
        raise UsageError(f"{what} is empty")
    return text


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    options = parser.parse_args(arguments)
    data_dir = resolve_data_dir(getattr(options, "data_dir", None))
    if options.command is None:
        from incident_desk.app import run_gui

        return run_gui(data_dir)
    from incident_desk import cli_commands

    handlers: dict[str, Callable[[argparse.Namespace, Path], int]] = {
        "init": cli_commands.run_init,
        "demo": cli_commands.run_demo,
        "cases": cli_commands.run_cases,
        "audit": cli_commands.run_audit,
        "check": cli_commands.run_check,
        "users": cli_commands.run_users,
        "verify": cli_commands.run_verify,
        "export": cli_commands.run_export,
        "signing": cli_commands.run_signing,
    }
    try:
        return handlers[options.command](options, data_dir)
    except UsageError as error:
        return _fail(EXIT_USAGE, str(error))
    except InputRejected as error:
        return _fail(EXIT_USAGE, "; ".join(message.text for message in error.messages))
    except ServiceError as error:
        return _fail(EXIT_USAGE, str(error))
    except DatabaseDamaged as error:
        return _fail(EXIT_CHECK_FAILED, str(error))
    except StorageError as error:
        return _fail(EXIT_USAGE if _is_input_problem(error) else EXIT_CHECK_FAILED, str(error))
    except KeyboardInterrupt:
        return _fail(EXIT_USAGE, "interrupted")
    except Exception as error:
        if os.environ.get("INCIDENT_DESK_DEBUG"):
            raise
        return _fail(EXIT_CHECK_FAILED, f"unexpected error: {type(error).__name__}: {error}")


def _is_input_problem(error: StorageError) -> bool:
    from incident_desk.storage.errors import InstallationExists, InstallationMissing
    from incident_desk.storage.key_vault import VaultDamaged, VaultError

    if isinstance(error, VaultDamaged):
        return False
    return isinstance(error, InstallationExists | InstallationMissing | VaultError)


def _fail(code: int, message: str) -> int:
    message = " ".join(message.split())
    print(f"{PROG}: {message}", file=sys.stderr)
    return code


def ask_new_passphrase() -> str:
    if not sys.stdin.isatty():
        raise UsageError("no terminal to ask for a passphrase: give --passphrase-file")
    first = getpass.getpass("Administrator passphrase (at least 12 characters): ")
    second = getpass.getpass("Type it again: ")
    if first != second:
        raise UsageError("the two passphrases are not the same")
    return first


def system_clock() -> SystemClock:
    return SystemClock()
