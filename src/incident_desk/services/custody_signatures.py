"""Hand-drawn signatures on custody hand-overs, kept as vector strokes.

A signature is a list of strokes, each a list of ``[x, y, t]`` points (pad coordinates and
milliseconds since the first touch). It is stored as compact JSON with the SHA-256 of that
exact text, so it comes back point for point and any later change to it shows.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from incident_desk.domain.validation import ValidationMessage
from incident_desk.services.custody_messages import MSG_SIGNATURE_UNREADABLE
from incident_desk.storage.rows import SignatureRow

Point = tuple[float, float, float]
Stroke = tuple[Point, ...]
Strokes = Sequence[Sequence[Sequence[float]]]
MAX_POINTS = 50_000  # a real signature has a few hundred; this only stops runaway input


@dataclass(frozen=True)
class DrawnSignature:
    """Strokes with the size of the pad they were drawn on (0 = work it out from the points)."""

    strokes: Strokes
    width: int = 0
    height: int = 0


SignatureInput = DrawnSignature | Strokes


@dataclass(frozen=True)
class EncodedSignature:
    """A checked signature ready to store."""

    strokes_json: str
    width: int
    height: int
    sha256: str


@dataclass(frozen=True)
class SignatureRef:
    """A signature named in a chain view, without its strokes."""

    id: int
    contact_id: int
    sha256: str
    captured_at: datetime


@dataclass(frozen=True)
class SignatureSnapshot:
    id: int
    contact_id: int
    strokes: tuple[Stroke, ...]
    width: int
    height: int
    sha256: str
    captured_at: datetime
    #: False if the stored strokes no longer match the digest taken when they were signed.
    intact: bool


def encode_signature(
    signature: SignatureInput, whose: str, field: str
) -> EncodedSignature | ValidationMessage:
    """Check and encode a signature, or say why it cannot be read."""
    if isinstance(signature, DrawnSignature):
        strokes, width, height = signature.strokes, signature.width, signature.height
    else:
        strokes, width, height = signature, 0, 0
    problem = _problem(strokes)
    if problem:
        return ValidationMessage(
            field, MSG_SIGNATURE_UNREADABLE.format(whose=whose, problem=problem)
        )
    plain = [[[point[0], point[1], point[2]] for point in stroke] for stroke in strokes]
    text = json.dumps(plain, separators=(",", ":"), allow_nan=False)
    xs = [point[0] for stroke in plain for point in stroke]
    ys = [point[1] for stroke in plain for point in stroke]
    return EncodedSignature(
        strokes_json=text,
        width=width if width > 0 else max(1, math.floor(max(xs)) + 1),
        height=height if height > 0 else max(1, math.floor(max(ys)) + 1),
        sha256=digest(text),
    )


def encode_signatures(
    messages: list[ValidationMessage], *given: tuple[str, SignatureInput | None, str]
) -> list[EncodedSignature | None]:
    """Encode each (field, signature or None, whose) given; problems are added to ``messages``."""
    encoded: list[EncodedSignature | None] = []
    for field, signature, whose in given:
        result = None if signature is None else encode_signature(signature, whose, field)
        if isinstance(result, ValidationMessage):
            messages.append(result)
            result = None
        encoded.append(result)
    return encoded


def signature_row(
    encoded: EncodedSignature, contact_id: int, captured_at: datetime
) -> SignatureRow:
    return SignatureRow(
        contact_id=contact_id,
        strokes_json=encoded.strokes_json,
        width=encoded.width,
        height=encoded.height,
        sha256=encoded.sha256,
        captured_at=captured_at,
    )


def signature_snapshot(row: SignatureRow) -> SignatureSnapshot:
    decoded = json.loads(row.strokes_json)
    strokes = tuple(tuple((p[0], p[1], p[2]) for p in stroke) for stroke in decoded)
    return SignatureSnapshot(
        id=row.id,
        contact_id=row.contact_id,
        strokes=strokes,
        width=row.width,
        height=row.height,
        sha256=row.sha256,
        captured_at=row.captured_at,
        intact=digest(row.strokes_json) == row.sha256,
    )


def digest(strokes_json: str) -> str:
    return hashlib.sha256(strokes_json.encode("utf-8")).hexdigest()


def _problem(strokes: object) -> str:
    if isinstance(strokes, str | bytes) or not isinstance(strokes, Sequence) or not strokes:
        return "it is empty"
    count = 0
    for stroke in strokes:
        if isinstance(stroke, str | bytes) or not isinstance(stroke, Sequence) or not stroke:
            return "a stroke has no points"
        for point in stroke:
            if isinstance(point, str | bytes) or not isinstance(point, Sequence) or len(point) != 3:
                return "a point is not x, y and time"
            if not all(_is_number(value) for value in point):
                return "a point is not made of numbers"
            count += 1
    if count > MAX_POINTS:
        return f"it has more than {MAX_POINTS} points"
    return ""


def _is_number(value: object) -> bool:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    return math.isfinite(value)
