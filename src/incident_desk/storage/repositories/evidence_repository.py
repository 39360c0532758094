"""Evidence items and their custody chains, the contacts who hold them, and a check of the stored
rows against the digests the audit trail recorded when they were written."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from incident_desk.domain.audit_chain import state_digest
from incident_desk.domain.enums import CustodyAction
from incident_desk.storage.audit_hooks import row_values
from incident_desk.storage.audit_log import decoded_events
from incident_desk.storage.rows import (
    ContactRow,
    CustodyTransferRow,
    EvidenceItemRow,
    SignatureRow,
)

_CHUNK = 900  # below SQLite's limit on bound parameters


@dataclass(frozen=True, slots=True)
class CustodyLinkRecord:
    """A custody link as plain values: a case view reads thousands of them, several times
    faster this way than as ORM rows, and a link never changes anyway."""

    id: int
    evidence_item_id: int
    action: CustodyAction
    from_contact_id: int | None
    to_contact_id: int | None
    transferred_at: datetime
    purpose: str
    disposition_to: str
    from_signature_id: int | None
    to_signature_id: int | None
    recorded_by_id: int
    recorded_at: datetime
    corrects_id: int | None
    correction_reason: str


_LINK_COLUMNS = tuple(getattr(CustodyTransferRow, f.name) for f in fields(CustodyLinkRecord))


@dataclass(frozen=True)
class SignatureHeader:
    """A signature without its strokes: enough to list a chain quickly."""

    id: int
    contact_id: int
    sha256: str
    captured_at: datetime


@dataclass(frozen=True)
class DigestMismatch:
    """A stored row whose values no longer match what the audit trail recorded for it.

    ``audit_seq`` is the event that last recorded the row, or None if no event can be named.
    """

    entity: str
    entity_id: str
    audit_seq: int | None


class EvidenceRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def item(self, item_id: int) -> EvidenceItemRow | None:
        return self._session.get(EvidenceItemRow, item_id)

    def item_by_number(self, item_number: str) -> EvidenceItemRow | None:
        return self._session.scalars(
            select(EvidenceItemRow).where(
                EvidenceItemRow.item_number == item_number.strip().upper()
            )
        ).first()

    def items(self, case_id: int) -> Sequence[EvidenceItemRow]:
        return self._session.scalars(
            select(EvidenceItemRow)
            .where(EvidenceItemRow.case_id == case_id)
            .order_by(EvidenceItemRow.sequence)
        ).all()

    def next_sequence(self, case_id: int) -> int:
        highest = self._session.scalar(
            select(func.max(EvidenceItemRow.sequence)).where(EvidenceItemRow.case_id == case_id)
        )
        return int(highest or 0) + 1

    def transfer(self, transfer_id: int) -> CustodyTransferRow | None:
        return self._session.get(CustodyTransferRow, transfer_id)

    def chain(self, item_id: int) -> Sequence[CustodyTransferRow]:
        return self._session.scalars(
            select(CustodyTransferRow)
            .where(CustodyTransferRow.evidence_item_id == item_id)
            .order_by(CustodyTransferRow.transferred_at, CustodyTransferRow.id)
        ).all()

    def chains(self, case_id: int) -> dict[int, list[CustodyTransferRow]]:
        found: dict[int, list[CustodyTransferRow]] = defaultdict(list)
        rows = self._session.scalars(
            select(CustodyTransferRow)
            .join(EvidenceItemRow, EvidenceItemRow.id == CustodyTransferRow.evidence_item_id)
            .where(EvidenceItemRow.case_id == case_id)
            .order_by(CustodyTransferRow.transferred_at, CustodyTransferRow.id)
        )
        for row in rows:
            found[row.evidence_item_id].append(row)
        return found

    def chain_records(self, item_id: int) -> list[CustodyLinkRecord]:
        """The same links as ``chain``, as plain values."""
        # Straight through the connection: no ORM row is built, which is what makes it fast.
        self._session.flush()
        rows = self._session.connection().execute(
            select(*_LINK_COLUMNS)
            .where(CustodyTransferRow.evidence_item_id == item_id)
            .order_by(CustodyTransferRow.transferred_at, CustodyTransferRow.id)
        )
        return [CustodyLinkRecord(*row) for row in rows]

    def case_chain_records(self, case_id: int) -> dict[int, list[CustodyLinkRecord]]:
        """The same links as ``chains``, as plain values, by item id."""
        found: dict[int, list[CustodyLinkRecord]] = defaultdict(list)
        self._session.flush()
        rows = self._session.connection().execute(
            select(*_LINK_COLUMNS)
            .join(EvidenceItemRow, EvidenceItemRow.id == CustodyTransferRow.evidence_item_id)
            .where(EvidenceItemRow.case_id == case_id)
            .order_by(CustodyTransferRow.transferred_at, CustodyTransferRow.id)
        )
        for row in rows:
            record = CustodyLinkRecord(*row)
            found[record.evidence_item_id].append(record)
        return found

    def signature(self, signature_id: int) -> SignatureRow | None:
        return self._session.get(SignatureRow, signature_id)

    def signatures(self, signature_ids: Iterable[int]) -> dict[int, SignatureRow]:
        found: dict[int, SignatureRow] = {}
        for chunk in _chunks(sorted(set(signature_ids))):
            for row in self._session.scalars(
                select(SignatureRow).where(SignatureRow.id.in_(chunk))
            ):
                found[row.id] = row
        return found

    def signature_headers(self, signature_ids: Iterable[int]) -> dict[int, SignatureHeader]:
        """Signatures by id without loading their strokes (a chain view lists thousands)."""
        found: dict[int, SignatureHeader] = {}
        columns = (
            SignatureRow.id,
            SignatureRow.contact_id,
            SignatureRow.sha256,
            SignatureRow.captured_at,
        )
        for chunk in _chunks(sorted(set(signature_ids))):
            for row in self._session.execute(select(*columns).where(SignatureRow.id.in_(chunk))):
                found[row[0]] = SignatureHeader(row[0], row[1], row[2], row[3])
        return found

    def digest_mismatches(self, case_id: int, rows: Sequence[Any]) -> list[DigestMismatch]:
        """The rows (of any table, all of this case) that differ from what the trail recorded.

        A row matches when its digest equals the after-digest of the newest event naming it,
        or, for an event that does not name its row (inserts are audited before the row has
        its identity), when its digest is among the unnamed after-digests of its table: the
        digest covers the row's id, so it cannot stand for another row. A row that matches
        nothing is reported with the event it most likely changed from, when that is clear.
        """
        tables = {str(type(row).__table__.name) for row in rows}
        if not tables:
            return []
        named: dict[tuple[str, str], tuple[int, str]] = {}
        unnamed: dict[tuple[str, str], int] = {}
        for event in decoded_events(self._session.connection(), case_id):
            # Views, prints and exports name rows too, but record no state.
            if event.entity not in tables or not event.after_digest:
                continue
            if event.entity_id:
                named[(event.entity, event.entity_id)] = (event.seq, event.after_digest)
            else:
                unnamed[(event.entity, event.after_digest)] = event.seq
        mismatches: list[DigestMismatch] = []
        strays: dict[str, list[str]] = defaultdict(list)  # rows no unnamed event accounts for
        for row in rows:
            table, row_id = str(type(row).__table__.name), str(row.id)
            digest = state_digest(row_values(row))
            last = named.get((table, row_id))
            if last is not None and digest != last[1]:
                mismatches.append(DigestMismatch(table, row_id, last[0]))
            elif last is None and unnamed.pop((table, digest), None) is None:
                strays[table].append(row_id)
        for table, row_ids in strays.items():
            # Inserts are written one after another, so the events no row accounts for belong,
            # in order, to the rows no event accounts for, when there are as many of each.
            left = sorted(seq for (entity, _), seq in unnamed.items() if entity == table)
            paired = left if len(left) == len(row_ids) else [None] * len(row_ids)
            ordered = sorted(row_ids, key=int)
            mismatches.extend(
                DigestMismatch(table, r, seq) for r, seq in zip(ordered, paired, strict=True)
            )
        return mismatches


class ContactDirectory:
    """The people who can hold evidence or enter a scene: users and outside contacts."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def contact(self, contact_id: int) -> ContactRow | None:
        return self._session.get(ContactRow, contact_id)

    def contacts(self, contact_ids: Iterable[int]) -> dict[int, ContactRow]:
        found: dict[int, ContactRow] = {}
        for chunk in _chunks(sorted(set(contact_ids))):
            for row in self._session.scalars(select(ContactRow).where(ContactRow.id.in_(chunk))):
                found[row.id] = row
        return found

    def everyone(self) -> Sequence[ContactRow]:
        return self._session.scalars(select(ContactRow).order_by(ContactRow.name)).all()


def _chunks(ids: Sequence[int]) -> list[Sequence[int]]:
    return [ids[start : start + _CHUNK] for start in range(0, len(ids), _CHUNK)]
