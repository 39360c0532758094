"""Cases and the people in them: numbering, need-to-know listing, search by name or number."""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Select, case, func, or_, select
from sqlalchemy.orm import Session

from incident_desk.domain.enums import CaseStatus
from incident_desk.storage.rows import (
    CaseAssignmentRow,
    CasePersonRow,
    CaseRow,
    PersonNameTokenRow,
)

_RowT = TypeVar("_RowT")


def fold(text: str) -> str:
    """Lower-case, accent-free form used for name search ("Müller" and "muller" both match)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def name_tokens(name: str) -> list[str]:
    words = "".join(ch if ch.isalnum() else " " for ch in fold(name)).split()
    return sorted(set(words))


@dataclass(frozen=True)
class CaseScope:
    """Which cases a user may see (CPP 14.7 J): all, or the union of the given restrictions."""

    all_cases: bool = False
    facility_ids: tuple[int, ...] = ()
    received_by_user_id: int | None = None
    assigned_user_id: int | None = None
    statuses: tuple[CaseStatus, ...] = ()


class CaseSort(StrEnum):
    """The orders a case list can be shown in; ties fall back to the newest report first."""

    RECEIVED_NEWEST = "received_newest"
    RECEIVED_OLDEST = "received_oldest"
    NUMBER_ASCENDING = "number_ascending"
    NUMBER_DESCENDING = "number_descending"
    STATUS_ASCENDING = "status_ascending"  # workflow order: open first, closed last
    STATUS_DESCENDING = "status_descending"


# Status in the order a case moves through it, not the alphabetical order of the stored words.
_STATUS_ORDER = case(
    {status.value: index for index, status in enumerate(CaseStatus)},
    value=CaseRow.status,
    else_=len(CaseStatus),
)


@dataclass(frozen=True)
class CaseQuery:
    scope: CaseScope
    status: CaseStatus | None = None
    search: str = ""
    limit: int | None = None
    offset: int = 0
    newest_first: bool = True
    sort: CaseSort | None = None  # when given, it wins over ``newest_first``

    @property
    def order(self) -> CaseSort:
        if self.sort is not None:
            return self.sort
        return CaseSort.RECEIVED_NEWEST if self.newest_first else CaseSort.RECEIVED_OLDEST


class CaseRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def get(self, case_id: int) -> CaseRow | None:
        return self._session.get(CaseRow, case_id)

    def by_number(self, case_number: str) -> CaseRow | None:
        return self._session.scalars(
            select(CaseRow).where(CaseRow.case_number == case_number.strip().upper())
        ).first()

    def count_numbers_with_prefix(self, prefix: str) -> int:
        return int(
            self._session.scalar(select(func.count()).where(CaseRow.case_number.like(f"{prefix}%")))
            or 0
        )

    def add_person(self, person: CasePersonRow) -> None:
        self._session.add(person)
        self._session.flush()
        for token in name_tokens(person.name):
            self._session.add(
                PersonNameTokenRow(token=token, case_id=person.case_id, case_person_id=person.id)
            )

    def people(self, case_id: int) -> Sequence[CasePersonRow]:
        return self._session.scalars(
            select(CasePersonRow).where(CasePersonRow.case_id == case_id).order_by(CasePersonRow.id)
        ).all()

    def people_of(self, case_ids: Sequence[int]) -> dict[int, list[CasePersonRow]]:
        found: dict[int, list[CasePersonRow]] = defaultdict(list)
        for chunk in _chunks(case_ids):
            rows = self._session.scalars(
                select(CasePersonRow)
                .where(CasePersonRow.case_id.in_(chunk))
                .order_by(CasePersonRow.case_id, CasePersonRow.id)
            )
            for row in rows:
                found[row.case_id].append(row)
        return found

    def assigned_user_ids(self, case_id: int) -> list[int]:
        return list(
            self._session.scalars(
                select(CaseAssignmentRow.user_id).where(
                    CaseAssignmentRow.case_id == case_id, CaseAssignmentRow.ended_at.is_(None)
                )
            )
        )

    def find(self, query: CaseQuery) -> Sequence[CaseRow]:
        order = _ordering(query.order)
        # Choose the page by id first: sorting tens of thousands of whole rows to keep fifty
        # was most of the time of a supervisor's first page.
        page = self._filtered(select(CaseRow.id), query).order_by(*order).offset(query.offset)
        if query.limit is not None:
            page = page.limit(query.limit)
        return self._session.scalars(
            select(CaseRow).where(CaseRow.id.in_(page.scalar_subquery())).order_by(*order)
        ).all()

    def count(self, query: CaseQuery) -> int:
        statement = self._filtered(select(func.count(CaseRow.id)), query)
        return int(self._session.scalar(statement) or 0)

    def _filtered(self, statement: Select[_RowT], query: CaseQuery) -> Select[_RowT]:
        scope = query.scope
        if not scope.all_cases:
            allowed: list[ColumnElement[bool]] = []
            if scope.facility_ids:
                facility_clause: ColumnElement[bool] = CaseRow.facility_id.in_(scope.facility_ids)
                if scope.statuses:
                    facility_clause = facility_clause & CaseRow.status.in_(scope.statuses)
                allowed.append(facility_clause)
            if scope.received_by_user_id is not None:
                allowed.append(CaseRow.received_by_id == scope.received_by_user_id)
            if scope.assigned_user_id is not None:
                allowed.append(
                    CaseRow.id.in_(
                        select(CaseAssignmentRow.case_id).where(
                            CaseAssignmentRow.user_id == scope.assigned_user_id,
                            CaseAssignmentRow.ended_at.is_(None),
                        )
                    )
                )
            if not allowed:
                return statement.where(CaseRow.id.is_(None))
            statement = statement.where(or_(*allowed))
        if query.status is not None:
            statement = statement.where(CaseRow.status == query.status)
        term = query.search.strip()
        if term:
            statement = statement.where(self._search_clause(term))
        return statement

    @staticmethod
    def _search_clause(term: str) -> ColumnElement[bool]:
        number_clause = CaseRow.case_number.like(f"{term.upper()}%")
        tokens = name_tokens(term)
        if not tokens:
            return number_clause
        # Every word typed must start some word of some person's name in the case.
        name_clause: ColumnElement[bool] | None = None
        for token in tokens:
            upper = token + "\uffff"
            matching = select(PersonNameTokenRow.case_id).where(
                PersonNameTokenRow.token >= token, PersonNameTokenRow.token < upper
            )
            clause = CaseRow.id.in_(matching)
            name_clause = clause if name_clause is None else name_clause & clause
        assert name_clause is not None
        return or_(number_clause, name_clause)


def _ordering(sort: CaseSort) -> tuple[Any, ...]:
    newest = (CaseRow.received_at.desc(), CaseRow.id.desc())
    match sort:
        case CaseSort.RECEIVED_NEWEST:
            return newest
        case CaseSort.RECEIVED_OLDEST:
            return (CaseRow.received_at.asc(), CaseRow.id.desc())
        case CaseSort.NUMBER_ASCENDING:
            return (CaseRow.case_number.asc(),)
        case CaseSort.NUMBER_DESCENDING:
            return (CaseRow.case_number.desc(),)
        case CaseSort.STATUS_ASCENDING:
            return (_STATUS_ORDER.asc(), *newest)
        case CaseSort.STATUS_DESCENDING:
            return (_STATUS_ORDER.desc(), *newest)


def _chunks(ids: Sequence[int], size: int = 900) -> list[Sequence[int]]:
    return [ids[start : start + size] for start in range(0, len(ids), size)]
