"""``incident-desk verify FILE.pdf`` as a script or a records clerk runs it: a real process, no
sign-in, the installation's signing authority (or --trust) as the only trust, exit 0 only when
every signature is intact and trusted."""

from __future__ import annotations

import json
from collections.abc import Callable
from io import BytesIO
from pathlib import Path

import pytest
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

from incident_desk.documents.pdf_signing import sign_pdf
from incident_desk.documents.pki import (
    certificate_pem,
    create_signing_authority,
    issue_signing_certificate,
)
from incident_desk.services.signing import signer_for
from incident_desk.services.workspace import Workspace
from incident_desk.storage.audit_log import decoded_events
from tests import test_cli
from tests.conftest import START
from tests.documents.signing_support import (
    INVESTIGATOR_BOX,
    SUPERVISOR_BOX,
    byte_ranges,
    flipped,
    offsets_in,
    signer_from,
    small_pdf,
)
from tests.services.test_signing import _agency_p12
from tests.test_cli import Cli, _failed, _ok

# The command-line fixtures of test_cli: a real process with a stand-in PySide6 that must not load.
cli = test_cli.cli
fake_gui = test_cli.fake_gui

SignIn = Callable[[str], Workspace]


@pytest.fixture
def signed_pdf(sign_in_as: SignIn, tmp_path: Path) -> Path:
    """A form signed by the supervisor, then by the investigator, in this installation."""
    supervisor = sign_in_as("sup")
    investigator = sign_in_as("inv")
    once = sign_pdf(
        small_pdf(), signer_for(supervisor), "Supervisor", 0, SUPERVISOR_BOX, START, "", ""
    )
    twice = sign_pdf(
        once, signer_for(investigator), "Investigator", 0, INVESTIGATOR_BOX, START, "", ""
    )
    path = tmp_path / "KSR-2026-0001 first response.pdf"
    path.write_bytes(twice)
    return path


def test_a_form_signed_in_turn_verifies(cli: Cli, signed_pdf: Path, data_dir: Path) -> None:
    output = _ok(cli("verify", str(signed_pdf), "--data-dir", str(data_dir)))
    lines = output.splitlines()
    assert len(lines) == 3, output
    assert lines[0].startswith("Supervisor: signed by Sgt. Dana Brooks, 2026-11-22 03:00 UTC;")
    assert "intact yes; trusted yes; changes after signing: later signatures only" in lines[0]
    assert lines[1].startswith("Investigator: signed by Inv. Pat Moreau")
    assert "intact yes; trusted yes; changes after signing: none" in lines[1]
    assert lines[2] == "all 2 signatures intact and trusted"

    document = json.loads(
        _ok(cli("verify", str(signed_pdf), "--data-dir", str(data_dir), "--format", "json"))
    )
    assert document["file"] == str(signed_pdf)
    assert document["valid"] is True
    assert document["signatures"] == [
        {
            "field": "Supervisor",
            "signer": "Sgt. Dana Brooks",
            "signed_at": "2026-11-22T03:00:00+00:00",
            "intact": True,
            "trusted": True,
            "whole_document": False,
            "changes_after": "later signatures only",
            "problem": "",
        },
        {
            "field": "Investigator",
            "signer": "Inv. Pat Moreau",
            "signed_at": "2026-11-22T03:00:00+00:00",
            "intact": True,
            "trusted": True,
            "whole_document": True,
            "changes_after": "none",
            "problem": "",
        },
    ]


def test_a_flipped_byte_anywhere_in_a_signed_range_fails_naming_the_signature(
    cli: Cli, signed_pdf: Path, data_dir: Path, tmp_path: Path
) -> None:
    pdf = signed_pdf.read_bytes()
    first, second = byte_ranges(pdf)
    after_first = first[2] + first[3]
    cases = [(offset, "Supervisor") for offset in offsets_in(first, 3)] + [
        (offset, "Investigator")
        for offset in offsets_in((after_first, second[1] - after_first, second[2], second[3]), 3)
    ]
    for offset, name in cases:
        damaged = tmp_path / f"flipped-{offset}.pdf"
        damaged.write_bytes(flipped(pdf, offset))
        result = cli("verify", str(damaged), "--data-dir", str(data_dir))
        verdict = _failed(result, 1, "FAILED")
        assert f"{name} (changed after signing)" in verdict, (offset, result.stdout)
        broken = [line for line in result.stdout.splitlines() if line.startswith(f"{name}:")]
        assert broken, (offset, result.stdout)
        assert "intact no" in broken[0], (offset, result.stdout)


def test_a_signer_from_another_authority_is_not_trusted_unless_given(
    cli: Cli, tmp_path: Path
) -> None:
    other = create_signing_authority("Elsewhere Signing Authority", "Elsewhere", START)
    issued = issue_signing_certificate(
        other.certificate_der, other.private_key_pem, "Mal Lory", "Investigator", START
    )
    signer = signer_from(issued, other, "Mal Lory", "Investigator")
    signed = tmp_path / "signed.pdf"
    signed.write_bytes(
        sign_pdf(small_pdf(), signer, "Investigator", 0, SUPERVISOR_BOX, START, "", "")
    )
    empty = tmp_path / "no installation"

    result = cli("verify", str(signed), "--data-dir", str(empty))
    _failed(result, 1, "Investigator (not trusted)")
    assert "intact yes; trusted no" in result.stdout
    assert "--trust CERT.pem" in result.stdout

    trust = tmp_path / "elsewhere.pem"
    trust.write_bytes(certificate_pem(other.certificate_der))
    output = _ok(cli("verify", str(signed), "--data-dir", str(empty), "--trust", str(trust)))
    assert output.splitlines()[-1] == "all 1 signature intact and trusted"


def test_a_change_after_signing_that_is_not_a_signature_fails(
    cli: Cli, signed_pdf: Path, data_dir: Path, tmp_path: Path
) -> None:
    writer = IncrementalPdfFileWriter(BytesIO(signed_pdf.read_bytes()))
    writer.add_stream_to_page(
        0, writer.add_object(generic.StreamObject(stream_data=b"0 0 m 100 100 l S"))
    )
    output = BytesIO()
    writer.write(output)
    changed = tmp_path / "changed.pdf"
    changed.write_bytes(output.getvalue())
    result = cli("verify", str(changed), "--data-dir", str(data_dir), "--format", "json")
    _failed(result, 1, "document changed after signing")
    document = json.loads(result.stdout)
    assert document["valid"] is False
    assert [s["changes_after"] for s in document["signatures"]] == ["other changes"] * 2
    assert all(s["intact"] and s["trusted"] for s in document["signatures"])


def test_no_signatures_unreadable_files_and_bad_trust_files(
    cli: Cli, data_dir: Path, tmp_path: Path
) -> None:
    unsigned = tmp_path / "unsigned.pdf"
    unsigned.write_bytes(small_pdf())
    _failed(cli("verify", str(unsigned), "--data-dir", str(data_dir)), 1, "no signatures")

    not_pdf = tmp_path / "photo.jpg"
    not_pdf.write_bytes(b"\xff\xd8\xff\xe0 not a pdf")
    _failed(cli("verify", str(not_pdf), "--data-dir", str(data_dir)), 2, "not a PDF")
    _failed(cli("verify", str(tmp_path / "missing.pdf")), 2, "cannot read")
    bad_trust = tmp_path / "bad.pem"
    bad_trust.write_text("not a certificate", encoding="utf-8")
    _failed(cli("verify", str(unsigned), "--trust", str(bad_trust)), 2, "no readable certificate")


def test_a_check_by_a_signed_in_user_is_on_record(
    cli: Cli, signed_pdf: Path, data_dir: Path, tmp_path: Path, sign_in_as: SignIn
) -> None:
    as_sup = test_cli._as("sup", data_dir, tmp_path)
    output = _ok(cli("verify", str(signed_pdf), *as_sup))
    assert output.splitlines()[-1] == "all 2 signatures intact and trusted"
    with sign_in_as("admin").database.engine.connect() as connection:
        actions = [event.action for event in decoded_events(connection)]
    assert actions.count("verify_document") == 1
    _failed(
        cli("verify", str(signed_pdf), "--data-dir", str(data_dir), "--user", "sup"),
        2,
        "--user and --passphrase-file go together",
    )


def test_the_administrator_imports_the_agency_authority_from_the_command_line(
    cli: Cli, data_dir: Path, tmp_path: Path
) -> None:
    data, _agency = _agency_p12("agency passphrase")
    p12 = tmp_path / "agency.p12"
    p12.write_bytes(data)
    password = tmp_path / "p12.pass"
    password.write_text("agency passphrase\n", encoding="utf-8")
    as_admin = test_cli._as("admin", data_dir, tmp_path)
    importing = ("signing", "import-authority", str(p12), "--p12-password-file", str(password))
    output = _ok(cli(*importing, *as_admin))
    assert output.startswith("signing authority: ")
    assert "CN=Kentucky DOC Signing CA" in output.splitlines()[0]
    password.write_text("wrong\n", encoding="utf-8")
    _failed(cli(*importing, *as_admin), 2)
    as_sup = test_cli._as("sup", data_dir, tmp_path)
    _failed(cli(*importing, *as_sup), 2)
