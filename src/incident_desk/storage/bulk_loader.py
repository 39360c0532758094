"""Loading many rows at once: plain row dicts inserted in large, audited transactions.

The caller hands rows as dicts of Python values (aware UTC datetimes, enum members, bools),
every column given and the ids already assigned; each batch is one transaction: one
executemany per table, and one audit event per row (entity = table, after-digest =
`state_digest` of the row) appended to the hash chain, so the trail is as complete and
verifiable as if every row had gone through a unit of work. A crash loses at most the batch
in progress.

The ORM costs tens of microseconds a row, and Core's ``execute(insert(table), dicts)`` still
about 20 µs on the 2-core target, two thirds of it in bind processing (the UTC type decorator,
SQLite's datetime formatter, enum and boolean processors) against 7 µs in SQLite. So rows are
encoded here once, straight to their stored form, and handed to the driver's executemany
with an INSERT compiled by Core. `encode_rows` is pure computation on picklable values and can
run in another process. Both shortcuts (the stored and digested form of a row; audit rows
built from constant pieces) are checked against the reference code (`state_digest`,
`chain_rows`) on the first row of each table of each batch, and the reference is used for
the batch if the audit format has changed, so nothing can silently drift.
"""

from __future__ import annotations

import gc
import hashlib
import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from operator import itemgetter
from typing import Any

from sqlalchemy import Boolean, Connection, DateTime, Table, func, insert, select, update
from sqlalchemy import Enum as SQLEnum
from sqlalchemy import column as column_clause
from sqlalchemy import table as table_clause
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import DatabaseError as SQLAlchemyDatabaseError

from incident_desk.domain.audit_chain import (
    GENESIS_HASH,
    NO_STATE,
    SEPARATOR,
    format_timestamp,
    state_digest,
)
from incident_desk.storage.audit_log import HEAD_ID, PendingEvent, chain_rows, read_head
from incident_desk.storage.database import Database
from incident_desk.storage.engine import enlarged_page_cache
from incident_desk.storage.errors import StorageError
from incident_desk.storage.rows import AuditChainHeadRow, AuditEventRow, Base, CaseRow

# `state_digest`'s canonical JSON (sorted keys, no spaces, ASCII), datetimes rendered first so
# the encoder never calls back into Python. JSONEncoder.encode builds a C encoder per call,
# costing as much as the encoding: one is built once here (checked like the rest).
_DIGEST_JSON = json.JSONEncoder(sort_keys=True, separators=(",", ":"))


def _json_encoder() -> Callable[[object], str]:
    try:
        from json import encoder  # the C encoder is not in the typing stubs

        # Keys arrive already sorted (_Codec.columns), so this one need not sort them.
        make = encoder.c_make_encoder  # type: ignore[attr-defined]
        encode = make(
            None, None, encoder.encode_basestring_ascii, None, ":", ",", False, False, True
        )
    except (AttributeError, TypeError):
        return _DIGEST_JSON.encode
    return lambda value: "".join(encode(value, 0))


_digest_json = _json_encoder()
LOAD_CACHE_KIB = 512 * 1024
_FAST_AUDIT_COLUMNS = ("seq", "case_id", "body", "hash")
_AUDIT_COLUMNS = tuple(column.name for column in AuditEventRow.__table__.columns)


@dataclass(frozen=True)
class TableRows:
    """Rows of one table, every column given, ids assigned, parents before children.

    ``case_ids`` names the case of each row's audit event for tables without a ``case_id``
    column (custody transfers, scene log lines...); otherwise the row's ``case_id`` is used
    (its own ``id`` for the case table).
    """

    row_type: type[Base]
    rows: Sequence[Mapping[str, Any]]
    case_ids: Sequence[int | None] | None = None


@dataclass(frozen=True)
class EncodedRows:
    """`TableRows` as stored: driver values in column order, plus what the audit needs."""

    table: str
    columns: tuple[str, ...]
    values: list[tuple[Any, ...]]
    entity_ids: list[str]
    case_ids: list[int | None]
    digests: list[str]
    first_row: dict[str, Any] | None  # to check the fast digest against `state_digest`


@dataclass(frozen=True)
class BulkAudit:
    """Whom the audit events name, under which action, stamped at what time."""

    actor_id: int | None
    action: str
    occurred_at: datetime


@dataclass(frozen=True)
class _Codec:
    table: str
    # Sorted by name: the order of state_digest's JSON, and of the INSERT compiled for it.
    columns: tuple[str, ...]
    getter: Callable[[Mapping[str, Any]], tuple[Any, ...]]
    datetime_positions: tuple[int, ...]
    # The driver binds subclasses (enum members, bools) through its slow adaptation path,
    # several microseconds a value: these columns are given to it as plain str and int.
    enum_positions: tuple[int, ...]
    bool_positions: tuple[int, ...]
    case_column: str | None


@cache
def _codec(row_type: type[Base]) -> _Codec:
    table = _table(row_type)
    columns = tuple(sorted(column.name for column in table.columns))
    kinds = [getattr(table.c[name].type, "impl_instance", table.c[name].type) for name in columns]
    case_column = "id" if row_type is CaseRow else "case_id" if "case_id" in columns else None
    return _Codec(
        table=table.name,
        columns=columns,
        getter=itemgetter(*columns),
        datetime_positions=_positions(kinds, DateTime),
        enum_positions=_positions(kinds, SQLEnum),
        bool_positions=_positions(kinds, Boolean),
        case_column=case_column,
    )


def _positions(kinds: Sequence[object], kind: type) -> tuple[int, ...]:
    return tuple(index for index, column_kind in enumerate(kinds) if isinstance(column_kind, kind))


def _table(row_type: type[Base]) -> Table:
    table = row_type.__table__
    assert isinstance(table, Table)
    return table


def _stored_datetime(value: datetime) -> tuple[str, str]:
    """(the text SQLite stores, the ISO text `state_digest` hashes) for an aware datetime."""
    if value.tzinfo is None:
        raise ValueError("naive datetime given to the database; times must carry a time zone")
    iso = value.isoformat()
    if value.tzinfo is not UTC:
        utc = value.astimezone(UTC)
        return _stored_datetime(utc)[0], iso
    # What UTCDateTime and SQLite's DATETIME store: naive UTC, always six fraction digits.
    stored = iso[:10] + " " + iso[11:19] + (iso[19:26] if value.microsecond else ".000000")
    return stored, iso


def encode_batch(batch: Iterable[TableRows]) -> list[EncodedRows]:
    """`encode_rows` for every table of a batch, sharing one cache of rendered times."""
    moments: dict[datetime, tuple[str, str]] = {}
    return [encode_rows(part, moments) for part in batch]


def encode_rows(
    table_rows: TableRows, moments: dict[datetime, tuple[str, str]] | None = None
) -> EncodedRows:
    """Encode rows for storage and digest them: pure computation on picklable values.

    ``moments`` caches rendered datetimes; generated rows repeat the same times a lot.
    """
    moments = {} if moments is None else moments
    codec = _codec(table_rows.row_type)
    columns, getter, positions = codec.columns, codec.getter, codec.datetime_positions
    enum_positions, bool_positions = codec.enum_positions, codec.bool_positions
    width = len(columns)
    sha256 = hashlib.sha256
    encode_json = _digest_json
    values: list[tuple[Any, ...]] = []
    digests: list[str] = []
    rows = table_rows.rows
    for row in rows:
        if len(row) != width:
            raise ValueError(f"a {codec.table} row must give exactly: {', '.join(columns)}")
        stored = list(getter(row))
        hashed = stored.copy()
        for position in positions:
            moment = stored[position]
            if moment is not None:
                # Equal instants in other zones hash alike but digest differently: cache UTC only.
                rendered = moments.get(moment) if moment.tzinfo is UTC else None
                if rendered is None:
                    rendered = _stored_datetime(moment)
                    if moment.tzinfo is UTC:
                        moments[moment] = rendered
                stored[position], hashed[position] = rendered
        for position in enum_positions:
            member = stored[position]
            if member.__class__ is not str and member is not None:
                # A StrEnum member is its value; str.__str__ is far cheaper than ``.value``.
                stored[position] = str.__str__(member) if isinstance(member, str) else member.value
        for position in bool_positions:
            flag = stored[position]
            if flag is not None:
                stored[position] = int(flag)
        values.append(tuple(stored))
        digests.append(
            sha256(encode_json(dict(zip(columns, hashed, strict=False))).encode()).hexdigest()
        )
    if table_rows.case_ids is not None:
        case_ids = list(table_rows.case_ids)
        if len(case_ids) != len(rows):
            raise ValueError(f"{codec.table}: give one case id per row")
    elif codec.case_column is not None:
        case_ids = [row[codec.case_column] for row in rows]
    else:
        case_ids = [None] * len(rows)
    return EncodedRows(
        table=codec.table,
        columns=columns,
        values=values,
        entity_ids=[str(row["id"]) for row in rows],
        case_ids=case_ids,
        digests=digests,
        first_row=dict(rows[0]) if rows else None,
    )


def next_ids(database: Database, row_types: Iterable[type[Base]]) -> dict[type[Base], int]:
    """The first free id of each table: one past the largest stored (1 for an empty table)."""
    found: dict[type[Base], int] = {}
    with database.engine.connect() as connection:
        for row_type in row_types:
            largest = connection.execute(select(func.max(_table(row_type).c.id))).scalar()
            found[row_type] = int(largest or 0) + 1
    return found


def bulk_insert(
    database: Database,
    batches: Iterable[Sequence[TableRows | EncodedRows]],
    audit: BulkAudit,
    on_batch: Callable[[Mapping[str, int]], None] | None = None,
) -> dict[str, int]:
    """Insert each batch in one transaction with an audit event per row; rows per table.

    Tables go in the order given (foreign keys are enforced, so parents first). ``on_batch``
    is called after each commit with that batch's rows per table. A failing batch rolls back
    whole and raises StorageError; the batches before it stay committed.
    """
    if SEPARATOR in audit.action:
        raise ValueError("the audit action may not contain the field separator")
    totals: dict[str, int] = {}
    stamp = format_timestamp(audit.occurred_at)
    with (
        _collector_paused(),
        database.engine.connect() as connection,
        enlarged_page_cache(connection, LOAD_CACHE_KIB),
    ):
        driver_error = connection.dialect.loaded_dbapi.Error
        for batch in batches:
            moments: dict[datetime, tuple[str, str]] = {}
            encoded = [
                part if isinstance(part, EncodedRows) else encode_rows(part, moments)
                for part in batch
            ]
            try:
                with connection.begin():
                    _insert_batch(connection, encoded, audit, stamp)
            except (SQLAlchemyDatabaseError, driver_error) as error:
                reason = error.orig if isinstance(error, SQLAlchemyDatabaseError) else error
                raise StorageError(
                    f"the bulk load stopped and its last batch was undone ({reason})"
                ) from error
            counts = {part.table: len(part.values) for part in encoded if part.values}
            for table, count in counts.items():
                totals[table] = totals.get(table, 0) + count
            if on_batch is not None:
                on_batch(counts)
    return totals


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Rows are acyclic, but the cyclic collector would walk every one of the millions alive
    in a batch again and again; reference counting frees them all the same."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _insert_batch(
    connection: Connection, encoded: Sequence[EncodedRows], audit: BulkAudit, stamp: str
) -> None:
    head = read_head(connection)
    seq, prev = head if head is not None else (0, GENESIS_HASH)
    cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        for part in encoded:
            if not part.values:
                continue
            if part.first_row is not None and state_digest(part.first_row) != part.digests[0]:
                raise RuntimeError(
                    f"the fast digest of a {part.table} row differs from state_digest"
                )
            sql = _insert_sql(connection.dialect, part.table, part.columns)
            cursor.executemany(sql, part.values)
            events, prev = _audit_rows(part, audit, stamp, seq, prev)
            audit_sql = _insert_sql(connection.dialect, AuditEventRow.__tablename__, _AUDIT_COLUMNS)
            cursor.executemany(audit_sql, events)
            seq += len(events)
    finally:
        cursor.close()
    if head is None:
        connection.execute(insert(AuditChainHeadRow).values(id=HEAD_ID, seq=seq, hash=prev))
    elif seq != head[0]:
        connection.execute(
            update(AuditChainHeadRow)
            .where(AuditChainHeadRow.id == HEAD_ID)
            .values(seq=seq, hash=prev)
        )


def _pending(part: EncodedRows, audit: BulkAudit, stamp: str, index: int) -> PendingEvent:
    entity_id, case_id, digest = part.entity_ids[index], part.case_ids[index], part.digests[index]
    return PendingEvent(
        stamp, audit.actor_id, audit.action, part.table, entity_id, case_id, NO_STATE, digest
    )


def _audit_rows(
    part: EncodedRows, audit: BulkAudit, stamp: str, seq: int, prev: bytes
) -> tuple[list[tuple[Any, ...]], bytes]:
    """The audit_event rows for ``part`` (in table column order) chained from (seq, prev),
    and the hash of the last."""
    columns = _AUDIT_COLUMNS
    reference = chain_rows((seq, prev), [_pending(part, audit, stamp, 0)])[0]
    if columns == _FAST_AUDIT_COLUMNS:
        fast = _fast_audit_rows(part, audit, stamp, seq, prev)
        if fast[0] == tuple(reference[name] for name in columns):
            return fast, bytes(fast[-1][-1])
    # The audit format is not the one the fast path knows: use the reference for everything.
    pending = [_pending(part, audit, stamp, index) for index in range(len(part.values))]
    rows = chain_rows((seq, prev), pending)
    return [tuple(row[name] for name in columns) for row in rows], bytes(rows[-1]["hash"])


def _fast_audit_rows(
    part: EncodedRows, audit: BulkAudit, stamp: str, seq: int, prev: bytes
) -> list[tuple[Any, ...]]:
    """`chain_rows` for events that differ only in seq, entity id, case and digest."""
    sep = SEPARATOR
    actor = "" if audit.actor_id is None else str(audit.actor_id)
    middle = f"{sep}{stamp}{sep}{actor}{sep}{audit.action}{sep}{part.table}{sep}"
    tail = f"{sep}{NO_STATE}{sep}"
    sha256 = hashlib.sha256
    rows: list[tuple[Any, ...]] = []
    for entity_id, case_id, digest in zip(
        part.entity_ids, part.case_ids, part.digests, strict=True
    ):
        seq += 1
        body = (
            f"{'' if case_id is None else case_id}{sep}{seq}{middle}{entity_id}{tail}{digest}{sep}"
        ).encode()
        prev = sha256(prev + body).digest()
        rows.append((seq, case_id, body, prev))
    return rows


@cache
def _insert_sql(dialect: Dialect, table_name: str, columns: tuple[str, ...]) -> str:
    """The INSERT Core compiles for ``table_name`` naming ``columns`` in that order."""
    if set(columns) != {column.name for column in Base.metadata.tables[table_name].columns}:
        raise ValueError(f"an INSERT into {table_name} must name every column")
    target = table_clause(table_name, *(column_clause(name) for name in columns))
    compiled = insert(target).compile(dialect=dialect, column_keys=list(columns))
    if tuple(compiled.positiontup or ()) != columns:
        raise RuntimeError(f"the INSERT for {table_name} does not list its columns in order")
    return str(compiled)
