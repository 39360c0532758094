"""What each command of ``incident-desk`` does, between parsing (cli.py) and the services."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from incident_desk.cli import (
    EXIT_CHECK_FAILED,
    EXIT_OK,
    UsageError,
    ask_new_passphrase,
    read_secret,
    system_clock,
)
from incident_desk.cli_output import (
    cases_as_json,
    cases_as_table,
    signature_reports_as_json,
    signature_reports_as_text,
    signature_verdict,
)
from incident_desk.domain.enums import CaseStatus, Role
from incident_desk.services import cases, installation, users
from incident_desk.services.workspace import Workspace, sign_in

if TYPE_CHECKING:
    from incident_desk.documents.signature_report import SignatureReport


@contextmanager
def signed_in(options: argparse.Namespace, data_dir: Path) -> Iterator[Workspace]:
    passphrase = read_secret(options.passphrase_file, "the passphrase")
    workspace = sign_in(data_dir, options.user, passphrase, system_clock())
    try:
        yield workspace
    finally:
        workspace.close()


def run_init(options: argparse.Namespace, data_dir: Path) -> int:
    if options.passphrase_file:
        passphrase = read_secret(options.passphrase_file, "the administrator's passphrase")
    else:
        passphrase = ask_new_passphrase()
    result = installation.initialize(
        data_dir,
        facility_name=options.facility,
        facility_code=options.facility_code,
        admin_username=options.admin,
        admin_display_name=options.admin_display_name,
        admin_passphrase=passphrase,
        agency_name=options.agency,
        clock=system_clock(),
    )
    print(f"Created the Incident Desk installation in {result.paths.root}")
    print(f"Facility {result.facility_code}; administrator {result.admin_username}.")
    print()
    print("RECOVERY KEY (shown this once; store it sealed, away from this computer):")
    print()
    print(f"    {result.recovery_key}")
    print()
    print("Without it, a forgotten administrator passphrase means the records cannot be opened.")
    return EXIT_OK


def run_demo(options: argparse.Namespace, data_dir: Path) -> int:
    from incident_desk.services.demo import fill_demo

    with signed_in(options, data_dir) as workspace:

        def progress(done: int, total: int) -> None:
            print(f"\r{done:,} of {total:,} cases", end="", file=sys.stderr, flush=True)

        summary = fill_demo(workspace, options.cases, options.seed, progress=progress)
        print(file=sys.stderr)
    print(
        f"Added {options.cases:,} demo cases in {summary.elapsed_seconds:.1f} s "
        f"(seed {options.seed})."
    )
    return EXIT_OK


def run_cases(options: argparse.Namespace, data_dir: Path) -> int:
    with signed_in(options, data_dir) as workspace:
        page = cases.list_cases(
            workspace,
            status=CaseStatus(options.status) if options.status else None,
            search=options.search,
            limit=options.limit,
            with_total=False,
        )
        with workspace.write("list_cases") as work:
            work.record_event(
                "export_case_list", "case_file", "", detail=f"{len(page.cases)} cases"
            )
        now = workspace.clock.now()
    if options.format == "json":
        print(cases_as_json(page.cases))
    else:
        print(cases_as_table(page.cases, now))
    return EXIT_OK


def run_audit(options: argparse.Namespace, data_dir: Path) -> int:
    with signed_in(options, data_dir) as workspace:
        report = workspace.database.verify_audit_chain(workers=None)
    if report.intact:
        print(f"audit trail intact: {report.checked:,} events, newest is event {report.head_seq:,}")
        return EXIT_OK
    verdict = f"audit trail BROKEN at event {report.first_bad_seq}: {report.problem}"
    print(f"{verdict} ({report.checked:,} events before it verified)")
    print(f"incident-desk: {verdict}", file=sys.stderr)
    return EXIT_CHECK_FAILED


def run_check(options: argparse.Namespace, data_dir: Path) -> int:
    with signed_in(options, data_dir) as workspace:
        problems = workspace.database.integrity_problems()
        report = workspace.database.verify_audit_chain(workers=None)
    for problem in problems:
        print(f"database: {problem}")
    if not report.intact:
        print(f"audit trail broken at event {report.first_bad_seq}: {report.problem}")
    if problems or not report.intact:
        count = len(problems) + (0 if report.intact else 1)
        print(f"incident-desk: the check found {count} problem(s)", file=sys.stderr)
        return EXIT_CHECK_FAILED
    print(f"database sound; audit trail intact ({report.checked:,} events)")
    return EXIT_OK


def run_users(options: argparse.Namespace, data_dir: Path) -> int:
    action = options.users_command
    new_passphrase = None
    if action in ("add", "passwd"):
        if options.new_passphrase_file == "-" and options.passphrase_file == "-":
            raise UsageError("only one of the passphrase files can be standard input ('-')")
        new_passphrase = read_secret(options.new_passphrase_file, "the new passphrase")
    with signed_in(options, data_dir) as workspace:
        if action == "add":
            assert new_passphrase is not None
            user = users.add_user(
                workspace,
                username=options.name,
                passphrase=new_passphrase,
                role=Role(options.role),
                display_name=options.display_name,
                facility_code=options.facility,
                title=options.title,
            )
            print(f"added {user.username} ({user.role.value}, facility {user.facility_code})")
        elif action == "passwd":
            assert new_passphrase is not None
            users.change_passphrase(workspace, options.name, new_passphrase)
            print(f"passphrase of {options.name} changed")
        elif action == "lock":
            users.lock_user(workspace, options.name, options.reason)
            print(f"{options.name} locked")
        elif action == "unlock":
            users.unlock_user(workspace, options.name)
            print(f"{options.name} unlocked")
        else:
            for user in users.list_users(workspace):
                state = "locked" if user.disabled else "active"
                print(f"{user.username}\t{user.role.value}\t{user.facility_code}\t{state}")
    return EXIT_OK


def run_verify(options: argparse.Namespace, data_dir: Path) -> int:
    """Check a signed PDF against the data folder's signing authority and any --trust."""
    from incident_desk.documents.pdf_verification import UnreadablePdf, verify_pdf
    from incident_desk.documents.pki import CertificateProblem, certificates_from_pem
    from incident_desk.paths import InstallationPaths

    sources = [InstallationPaths.at(data_dir).signing_authority]
    sources = [path for path in sources if path.exists()] + [Path(item) for item in options.trust]
    roots: list[bytes] = []
    for source in sources:
        try:
            roots += certificates_from_pem(source.read_bytes())
        except OSError as error:
            raise UsageError(f"cannot read the certificate {source}: {error.strerror}") from None
        except CertificateProblem as error:
            raise UsageError(f"{source}: {error}") from None
    try:
        pdf = Path(options.file).read_bytes()
    except OSError as error:
        raise UsageError(f"cannot read {options.file}: {error.strerror}") from None
    if (options.user is None) != (options.passphrase_file is None):
        raise UsageError("--user and --passphrase-file go together")
    try:
        if options.user is None:
            reports = verify_pdf(pdf, roots)
        else:
            reports = _verify_on_record(options, data_dir, pdf, roots)
    except UnreadablePdf as error:
        raise UsageError(f"{options.file}: {error}") from None
    if options.format == "json":
        print(signature_reports_as_json(options.file, reports))
    else:
        print(signature_reports_as_text(reports, trusted_sources=len(sources)))
    verdict = signature_verdict(reports)
    if verdict:
        print(f"incident-desk: {verdict}", file=sys.stderr)
        return EXIT_CHECK_FAILED
    return EXIT_OK


def _verify_on_record(
    options: argparse.Namespace, data_dir: Path, pdf: bytes, roots: list[bytes]
) -> tuple[SignatureReport, ...]:
    """The same check, through the service that writes it to the audit trail."""
    from incident_desk.services.document_export import verify_document_bytes

    with signed_in(options, data_dir) as workspace:
        return verify_document_bytes(workspace, pdf, roots)


def run_signing(options: argparse.Namespace, data_dir: Path) -> int:
    """Import the agency's certificate authority; print what now signs for the facility."""
    from incident_desk.services.signing import import_agency_certificate

    if options.passphrase_file == "-" and options.p12_password_file == "-":
        raise UsageError("only one of the password files can be standard input ('-')")
    password = read_secret(options.p12_password_file, "the .p12 file's password")
    try:
        p12 = Path(options.file).read_bytes()
    except OSError as error:
        raise UsageError(f"cannot read {options.file}: {error.strerror}") from None
    with signed_in(options, data_dir) as workspace:
        authority = import_agency_certificate(workspace, p12, password)
    print(f"signing authority: {authority.subject}")
    print(f"valid until: {authority.not_after:%Y-%m-%d}")
    print("each user's next signature gets a certificate from this authority")
    return EXIT_OK


def run_export(options: argparse.Namespace, data_dir: Path) -> int:
    """Sign the case's forms as the signed-in user, keep them in the record, write the PDFs."""
    from incident_desk.services.case_documents import check_forms
    from incident_desk.services.document_export import export_documents
    from incident_desk.storage.atomic_files import atomic_write_bytes

    forms = check_forms([form for form in options.forms.split(",") if form.strip()])
    out = Path(options.out)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UsageError(f"cannot create the folder {out}: {error.strerror}") from None
    with signed_in(options, data_dir) as workspace:
        documents = export_documents(workspace, options.case, forms)
    for document in documents:
        path = out / document.filename
        try:
            atomic_write_bytes(path, document.pdf)
        except OSError as error:
            raise UsageError(f"cannot write {path}: {error.strerror}") from None
        print(path)
    return EXIT_OK
