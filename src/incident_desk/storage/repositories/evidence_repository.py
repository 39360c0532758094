"""Evidence items and their custody chains."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from incident_desk.storage.rows import CustodyTransferRow, EvidenceItemRow, SignatureRow


class EvidenceRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def item(self, item_id: int) -> EvidenceItemRow | None:
        return self._session.get(EvidenceItemRow, item_id)

    def item_by_number(self, item_number: str) -> EvidenceItemRow | None:
        return self._session.scalars(
            select(EvidenceItemRow).where(EvidenceItemRow.item_number == item_number.strip())
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

    def signature(self, signature_id: int) -> SignatureRow | None:
        return self._session.get(SignatureRow, signature_id)
