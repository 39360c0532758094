"""The audit chain's arithmetic: every kind of tampering is named at the right event, and
verifying in stretches gives the same answer as one pass."""

from __future__ import annotations

from dataclasses import replace
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from incident_desk.domain.audit_chain import (
    GENESIS_HASH,
    AuditFields,
    ChainReport,
    combine,
    decode_body,
    encode_body,
    link_hash,
    verify_chain,
    verify_segment,
)

Row = tuple[int, int | None, bytes, bytes]


def _fields(seq: int, case_id: int | None = 7, detail: str = "") -> AuditFields:
    return AuditFields(
        case_id=case_id,
        seq=seq,
        occurred_at="2026-11-22T03:00:00.000000+00:00",
        actor_id=2,
        action="log_scene_entry",
        entity="scene_log_entry",
        entity_id=str(seq),
        before_digest="",
        after_digest="ab" * 32,
        detail=detail,
    )


def _chain(count: int) -> list[Row]:
    rows: list[Row] = []
    prev = GENESIS_HASH
    for seq in range(1, count + 1):
        fields = _fields(seq, case_id=None if seq % 5 == 0 else seq // 3)
        body = encode_body(fields)
        prev = link_hash(prev, body)
        rows.append((seq, fields.case_id, body, prev))
    return rows


def _head(rows: list[Row]) -> tuple[int, bytes]:
    return rows[-1][0], rows[-1][3]


def test_an_untouched_chain_is_intact() -> None:
    rows = _chain(50)
    report = verify_chain(rows, _head(rows))
    assert report.intact
    assert report.checked == 50


def test_body_round_trips_and_the_separator_cannot_forge_fields() -> None:
    fields = _fields(3, detail="a\x1fb")
    decoded = decode_body(encode_body(fields))
    assert decoded == replace(fields, detail="a b")


def test_an_edited_event_is_named() -> None:
    rows = _chain(30)
    seq, case_id, body, digest = rows[11]
    rows[11] = (seq, case_id, body.replace(b"log_scene_entry", b"log_scene_entrx"), digest)
    report = verify_chain(rows, _head(rows))
    assert report.first_bad_seq == 12
    assert "changed" in report.problem


def test_a_deleted_event_is_named() -> None:
    rows = _chain(30)
    del rows[9]
    report = verify_chain(rows, _head(rows))
    assert report.first_bad_seq == 11
    assert "event 10 is missing" in report.problem


def test_reordered_events_are_named() -> None:
    rows = _chain(30)
    rows[4], rows[5] = rows[5], rows[4]
    assert verify_chain(rows, _head(rows)).first_bad_seq == 6


def test_renumbered_events_still_break_the_links() -> None:
    rows = _chain(30)
    # Swap the sequence numbers as well as the rows: the order looks right, the links do not.
    a, b = rows[4], rows[5]
    rows[4] = (5, b[1], b[2], b[3])
    rows[5] = (6, a[1], a[2], a[3])
    report = verify_chain(rows, _head(rows))
    assert report.first_bad_seq == 5
    assert "belongs to event 6" in report.problem


def test_an_event_moved_to_another_case_is_named() -> None:
    rows = _chain(30)
    seq, _, body, digest = rows[7]
    rows[7] = (seq, 999, body, digest)
    report = verify_chain(rows, _head(rows))
    assert report.first_bad_seq == 8
    assert "another case" in report.problem


def test_a_truncated_tail_is_detected_by_the_head() -> None:
    rows = _chain(30)
    head = _head(rows)
    report = verify_chain(rows[:-2], head)
    assert report.first_bad_seq == 29
    assert "missing from the end" in report.problem


def test_a_missing_head_is_reported() -> None:
    assert not verify_chain(_chain(3), None).intact
    assert verify_chain([], None).intact


def _stretches(rows: list[Row], cuts: list[int]) -> list[list[Row]]:
    bounds = [0, *sorted(set(cuts)), len(rows)]
    return [rows[low:high] for low, high in pairwise(bounds) if low < high]


def _verify_in_stretches(rows: list[Row], cuts: list[int], head: tuple[int, bytes]) -> ChainReport:
    segments = []
    previous: tuple[int, bytes] = (0, GENESIS_HASH)
    for stretch in _stretches(rows, cuts):
        segments.append(verify_segment(stretch, previous[1], previous[0]))
        previous = (stretch[-1][0], stretch[-1][3])  # as a worker reads its predecessor
    return combine(segments, head)


@given(
    cuts=st.lists(st.integers(min_value=1, max_value=39), max_size=4),
    tamper=st.sampled_from(["none", "edit", "delete", "swap"]),
    where=st.integers(min_value=1, max_value=38),
)
def test_stretches_give_the_same_answer_as_one_pass(
    cuts: list[int], tamper: str, where: int
) -> None:
    rows = _chain(40)
    head = _head(rows)
    if tamper == "edit":
        seq, case_id, body, digest = rows[where]
        rows[where] = (seq, case_id, body + b"x", digest)
    elif tamper == "delete":
        del rows[where]
    elif tamper == "swap":
        rows[where], rows[where + 1] = rows[where + 1], rows[where]
    single = verify_chain(rows, head)
    split = _verify_in_stretches(rows, [cut for cut in cuts if cut < len(rows)], head)
    assert split.intact == single.intact
    assert split.first_bad_seq == single.first_bad_seq


@pytest.mark.parametrize("boundary", [10, 20])
def test_an_event_deleted_at_a_stretch_boundary_is_caught(boundary: int) -> None:
    rows = _chain(30)
    head = _head(rows)
    # A worker starting at `boundary` reads its predecessor from what is stored.
    del rows[boundary - 1]
    first = verify_segment(rows[: boundary - 1], GENESIS_HASH, 0)
    previous = rows[boundary - 2]
    second = verify_segment(rows[boundary - 1 :], previous[3], previous[0])
    report = combine([first, second], head)
    assert report.first_bad_seq == boundary + 1
    assert f"event {boundary} is missing" in report.problem
