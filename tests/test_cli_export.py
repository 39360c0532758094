"""``incident-desk export`` as a script sees it: the signed PDFs written, one path a line, the same
bytes as kept in the record; an unknown case or form is one line on standard error, exit 2."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from incident_desk.domain.clock import ManualClock
from incident_desk.services.document_export import document_pdf, stored_documents
from incident_desk.services.workspace import Workspace
from tests.conftest import passphrase_of
from tests.services.document_case import record_full_case
from tests.services.pdf_tools import pdfsig_report
from tests.test_cli import Cli, cli, fake_gui  # noqa: F401  (the command-line fixtures)


def _credentials(tmp_path: Path, data_dir: Path, username: str) -> list[str]:
    secret = tmp_path / f"{username}.pass"
    secret.write_text(passphrase_of(username), encoding="utf-8")
    return ["--user", username, "--passphrase-file", str(secret), "--data-dir", str(data_dir)]


def test_export_writes_the_signed_forms_kept_in_the_record(
    cli: Cli,  # noqa: F811
    sign_in_as: Callable[[str], Workspace],
    clock: ManualClock,
    data_dir: Path,
    tmp_path: Path,
) -> None:
    case = record_full_case(sign_in_as("sup"), clock)
    out = tmp_path / "out"

    result = cli(
        "export", "--case", case.number, "--out", str(out), *_credentials(tmp_path, data_dir, "sup")
    )

    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    written = [Path(line) for line in result.stdout.splitlines()]
    assert [path.name for path in written] == [
        f"{case.number}-eor.pdf",
        f"{case.number}-allegation_report.pdf",
        f"{case.number}-chain_of_evidence-E001.pdf",
        f"{case.number}-scene_entry_log.pdf",
        f"{case.number}-first_response_record.pdf",
    ]
    assert all(path.parent == out for path in written)
    reader = sign_in_as("sup")
    stored = stored_documents(reader, case.number)
    assert [s.filename for s in stored] == [path.name for path in written]
    for description, path in zip(stored, written, strict=True):
        assert document_pdf(reader, description.id) == path.read_bytes()
        assert "Signature is Valid" in pdfsig_report(path)
    checked = cli("verify", str(written[0]), "--data-dir", str(data_dir))
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_export_of_chosen_forms_and_refusals(
    cli: Cli,  # noqa: F811
    sign_in_as: Callable[[str], Workspace],
    clock: ManualClock,
    data_dir: Path,
    tmp_path: Path,
) -> None:
    case = record_full_case(sign_in_as("sup"), clock)
    out = str(tmp_path / "out")
    sup = _credentials(tmp_path, data_dir, "sup")

    chosen = cli(
        "export", "--case", case.number, "--out", out, "--forms", "chain_of_evidence,eor", *sup
    )
    assert chosen.returncode == 0, chosen.stderr
    assert [Path(line).name for line in chosen.stdout.splitlines()] == [
        f"{case.number}-eor.pdf",
        f"{case.number}-chain_of_evidence-E001.pdf",
    ]

    unknown_form = cli("export", "--case", case.number, "--out", out, "--forms", "eor,eorr", *sup)
    assert unknown_form.returncode == 2
    assert unknown_form.stderr.count("\n") == 1
    assert 'There is no form "eorr"' in unknown_form.stderr

    unknown_case = cli("export", "--case", "KSR-1999-00042", "--out", out, *sup)
    assert unknown_case.returncode == 2
    assert unknown_case.stderr == "incident-desk: There is no case KSR-1999-00042.\n"

    first_responder = cli(
        "export", "--case", case.number, "--out", out, *_credentials(tmp_path, data_dir, "fr")
    )
    assert first_responder.returncode == 2
    assert "may not export the forms" in first_responder.stderr
    assert len(stored_documents(sign_in_as("sup"), case.number)) == 2
