"""Attachments: kept inside the encrypted database, sealed with SHA-256, checked on every read."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from incident_desk.domain.clock import ManualClock
from incident_desk.domain.enums import (
    AllegationType,
    AttachmentKind,
    PersonKind,
    PersonRole,
    ReceivedHow,
    TimeCertainty,
)
from incident_desk.services.attachments import (
    AttachmentDamaged,
    AttachmentSnapshot,
    add_attachment,
    list_attachments,
    read_attachment,
)
from incident_desk.services.cases import NewPerson, NewReport, open_case
from incident_desk.services.errors import AccessDenied, InputRejected
from incident_desk.services.settings import update_attachment_size_limit
from incident_desk.services.workspace import Workspace

SignIn = Callable[[str], Workspace]
MARKER = b"ZEBRA-PHOTO-7f3c2a-DO-NOT-LEAK-"
PHOTO = MARKER * 4096  # about 128 KB, many pages of the database


def _case(supervisor: Workspace, clock: ManualClock) -> str:
    report = NewReport(
        received_how=ReceivedHow.VERBAL,
        allegation_type=AllegationType.OFFENDER_ABUSIVE_SEXUAL_CONTACT,
        incident_at=clock.now() - timedelta(hours=1),
        incident_certainty=TimeCertainty.EXACT,
        people=(NewPerson("José Álvarez", PersonRole.ALLEGED_VICTIM, PersonKind.OFFENDER),),
    )
    return open_case(supervisor, report).summary.case_number


def _add(
    workspace: Workspace, number: str, content: bytes = PHOTO, name: str = "cell.jpg"
) -> AttachmentSnapshot:
    return add_attachment(
        workspace, number, AttachmentKind.PHOTO, name, "image/jpeg", content, "Cell 12, bunk"
    )


def test_added_attachment_reads_back_and_is_listed(
    supervisor: Workspace, clock: ManualClock
) -> None:
    number = _case(supervisor, clock)
    added = _add(supervisor, number, name="C:\\Users\\sgt\\Pictures\\cell.jpg")
    assert added.filename == "cell.jpg"
    assert added.size_bytes == len(PHOTO)
    assert added.sha256 == hashlib.sha256(PHOTO).hexdigest()
    assert read_attachment(supervisor, added.id) == PHOTO
    assert [a.id for a in list_attachments(supervisor, number)] == [added.id]


def test_reading_is_audited_as_a_view(supervisor: Workspace, clock: ManualClock) -> None:
    number = _case(supervisor, clock)
    added = _add(supervisor, number)
    before = supervisor.database.verify_audit_chain().checked
    read_attachment(supervisor, added.id)
    after = supervisor.database.verify_audit_chain()
    assert after.intact
    assert after.checked == before + 1


def test_empty_and_oversized_files_are_refused(sign_in_as: SignIn, clock: ManualClock) -> None:
    supervisor = sign_in_as("sup")
    admin = sign_in_as("admin")
    number = _case(supervisor, clock)
    before = supervisor.database.verify_audit_chain().checked
    with pytest.raises(InputRejected, match=r'The file "empty\.jpg" is empty'):
        _add(supervisor, number, b"", "empty.jpg")
    update_attachment_size_limit(admin, 1)
    with pytest.raises(InputRejected) as refused:
        _add(supervisor, number, b"x" * (2 * 1024 * 1024), "big.mov")
    assert 'The file "big.mov" is 2 MB, larger than the agency limit of 1 MB' in str(refused.value)
    assert supervisor.database.verify_audit_chain().checked == before + 1  # only the setting
    assert list_attachments(supervisor, number) == ()


def test_attachment_needs_access_to_its_case(sign_in_as: SignIn, clock: ManualClock) -> None:
    supervisor = sign_in_as("sup")
    number = _case(supervisor, clock)
    added = _add(supervisor, number)
    with pytest.raises(AccessDenied):
        read_attachment(sign_in_as("inv"), added.id)
    with pytest.raises(AccessDenied):
        _add(sign_in_as("fr"), number)


def test_evidence_link_must_belong_to_the_case(supervisor: Workspace, clock: ManualClock) -> None:
    number = _case(supervisor, clock)
    with pytest.raises(InputRejected, match="has no evidence item #999"):
        add_attachment(
            supervisor,
            number,
            AttachmentKind.PHOTO,
            "bag.jpg",
            "image/jpeg",
            PHOTO,
            evidence_item_id=999,
        )


def test_tampered_blob_is_reported_not_returned(supervisor: Workspace, clock: ManualClock) -> None:
    number = _case(supervisor, clock)
    added = _add(supervisor, number)
    with supervisor.database.engine.begin() as connection:
        connection.execute(
            text("UPDATE attachment_blob SET content = :content WHERE attachment_id = :id"),
            {"content": PHOTO.replace(b"ZEBRA", b"HORSE", 1), "id": added.id},
        )
    with pytest.raises(AttachmentDamaged) as damaged:
        read_attachment(supervisor, added.id)
    message = str(damaged.value)
    assert f'Attachment #{added.id} ("cell.jpg") has been changed or damaged' in message
    assert "Do not rely on it" in message
    assert supervisor.database.verify_audit_chain().intact


def test_bytes_never_appear_in_clear_in_the_data_directory(
    sign_in_as: SignIn, clock: ManualClock, data_dir: Path
) -> None:
    supervisor = sign_in_as("sup")
    number = _case(supervisor, clock)
    _add(supervisor, number)
    assert read_attachment(supervisor, _add(supervisor, number, name="second.jpg").id) == PHOTO
    supervisor.close()
    files = [path for path in data_dir.rglob("*") if path.is_file()]
    assert files
    for path in files:
        assert MARKER not in path.read_bytes(), f"attachment bytes in clear in {path.name}"
