"""Form definitions and contents for the renderer tests, and poppler helpers to read the PDFs
back the way a person would: text per page, word positions, and page images."""

from __future__ import annotations

import math
import re
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from incident_desk.domain.documents import (
    ColumnDefinition,
    ColumnKind,
    DocumentContent,
    DocumentHeader,
    Drawing,
    FieldReference,
    FormDefinition,
    SectionDefinition,
    SectionKind,
    SignatureBlockDefinition,
    SignatureEntry,
)

GENERATED_AT = datetime(2026, 11, 22, 3, 0, tzinfo=UTC)
AUDIT_HEAD = "9f" * 32
HEADER = DocumentHeader(
    agency="State Department of Corrections",
    facility="Kettle Springs Régional Facility",
    case_number="KSR-2026-00042",
    generated_by="Zoë Ødegård",
    generated_at=GENERATED_AT,
    audit_head=AUDIT_HEAD,
    subject="KSR-2026-00042-E003",
)

FIELDS = SectionDefinition(
    "people",
    "People involved",
    SectionKind.FIELDS,
    fields=(
        FieldReference("victim", "Alleged victim"),
        FieldReference("perpetrator", "Alleged perpetrator"),
        FieldReference("location", "Location"),
        FieldReference("witness", "Witness"),
        FieldReference("summary", "Summary"),
        FieldReference("reported_at", "Reported at"),
    ),
    citation="CPP 14.7 F.1",
)
NARRATIVE = SectionDefinition(
    "account",
    "Narrative",
    SectionKind.NARRATIVE,
    fields=(FieldReference("narrative", "What the staff member saw and did"),),
)
ENTRIES = SectionDefinition(
    "entries",
    "Scene entry log",
    SectionKind.TABLE,
    columns=(
        ColumnDefinition("time", "Entered at", 0.18),
        ColumnDefinition("person", "Person entering", 0.24),
        ColumnDefinition("purpose", "Purpose of entry", 0.38),
        ColumnDefinition("signature", "Signature", 0.20, ColumnKind.DRAWING),
    ),
    empty_text="Nobody entered the scene.",
    citation="CPP 14.7 G.3.e",
)
NOTICES = SectionDefinition(
    "notices",
    "Notifications",
    SectionKind.TABLE,
    columns=(ColumnDefinition("who", "Who", 0.5), ColumnDefinition("when", "When", 0.5)),
    empty_text="No notifications were made.",
)
#: Narrow columns, as on the crime scene entry log, and one that says "—" when empty.
SCENE_LOG = SectionDefinition(
    "log",
    "Entries and exits",
    SectionKind.TABLE,
    columns=(
        ColumnDefinition("scene", "Scene", 0.08),
        ColumnDefinition("event", "In or out", 0.06),
        ColumnDefinition("name", "Name", 0.13),
        ColumnDefinition("purpose", "Purpose", 0.09),
        ColumnDefinition("video", "Video", 0.07),
        ColumnDefinition("left_at", "Time out", 0.10, empty="—"),
        ColumnDefinition("allowed", "Allowed in", 0.47),
    ),
)
SCENE_LOG_WORDS = ("Photographs", "Unknown", "investigator", "Moreau,", "Walked", "shower")
SUMMARY = "Reported to the unit officer at count; separated at once and escorted to medical."
BLOCKS = (
    SignatureBlockDefinition("shift_supervisor", "Shift supervisor"),
    SignatureBlockDefinition("investigator", "Investigator"),
)


def definition(
    *sections: SectionDefinition, blocks: tuple[SignatureBlockDefinition, ...] = BLOCKS
) -> FormDefinition:
    return FormDefinition(
        key="scene_report",
        version="2026.1",
        title="Crime Scene Report",
        citation="CPP 14.7 G.3",
        sections=sections or (FIELDS, NARRATIVE, ENTRIES, NOTICES),
        signature_blocks=blocks,
    )


def wave(seed: int = 0, width: int = 400, height: int = 150) -> Drawing:
    """A hand-drawn looking signature: three wavy strokes on a pad, y growing downwards."""
    strokes = tuple(
        tuple((20 + k * 120 + i * 3.5, 75 + 40 * math.sin((i + seed) / 4 + k)) for i in range(30))
        for k in range(3)
    )
    return Drawing(strokes, width, height)


def words(count: int) -> str:
    return " ".join(f"word{index}" for index in range(count))


def entry_rows(count: int) -> tuple[dict[str, str], ...]:
    return tuple(
        {
            "time": f"2026-11-22 {3 + index // 60:02d}:{index % 60:02d}",
            "person": f"Officer Ñúñez-{index:03d}",
            "purpose": "Photographs and collection of the bedding. " * (1 + index % 3),
            "signature": f"entry-{index}" if index % 2 == 0 else "",
        }
        for index in range(count)
    )


def content(
    form: FormDefinition,
    *,
    values: dict[str, str] | None = None,
    rows: int = 3,
    signatures: tuple[SignatureEntry, ...] | None = None,
) -> DocumentContent:
    entries = entry_rows(rows)
    return DocumentContent(
        form_key=form.key,
        form_version=form.version,
        header=HEADER,
        values=values
        if values is not None
        else {
            "victim": "José Muñoz",
            "perpetrator": "O'Brien <x> & co",
            "location": "Housing unit B, cell 14",
            "summary": SUMMARY,
            "reported_at": "2026-11-22 02:41",
            "narrative": "The officer heard shouting.\n\nShe called for backup.",
        },
        tables={"entries": entries, "notices": ()},
        drawings={row["signature"]: wave(i) for i, row in enumerate(entries) if row["signature"]},
        signatures=signatures
        if signatures is not None
        else (
            SignatureEntry(
                "shift_supervisor", "Zoë Ødegård", "Shift supervisor", GENERATED_AT, wave(2)
            ),
        ),
    )


# -- reading the PDF back -----------------------------------------------------------------


def save(pdf: bytes, folder: Path, name: str = "form.pdf") -> Path:
    path = folder / name
    path.write_bytes(pdf)
    return path


def page_text(path: Path, page: int | None = None, *, layout: bool = False) -> str:
    """pdftotext of one page (1-based) or of the whole file."""
    command = ["pdftotext"]
    if page is not None:
        command += ["-f", str(page), "-l", str(page)]
    if layout:
        command.append("-layout")
    return subprocess.run(
        [*command, str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


@dataclass(frozen=True)
class Word:
    page: int
    text: str
    x1: float
    y1: float
    x2: float
    y2: float


def word_boxes(path: Path) -> list[Word]:
    """Every word poppler finds, with its box in points (origin top left, as poppler gives)."""
    html = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    found: list[Word] = []
    for number, page in enumerate(html.split("<page ")[1:], start=1):
        for match in re.finditer(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
            page,
        ):
            x1, y1, x2, y2 = (float(match.group(i)) for i in range(1, 5))
            found.append(Word(number, match.group(5), x1, y1, x2, y2))
    return found


def page_images(path: Path, folder: Path, dpi: int, first: int, last: int) -> list[Path]:
    prefix = folder / f"page{dpi}"
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            str(dpi),
            "-f",
            str(first),
            "-l",
            str(last),
            "-png",
            str(path),
            str(prefix),
        ],
        check=True,
    )
    return sorted(folder.glob(f"page{dpi}-*.png"))


def scene_log_rows(
    count: int, *, tall: int = -1, allowed_lines: int = 1
) -> tuple[dict[str, str], ...]:
    """Entries and exits; row ``tall`` has a long "Allowed in" text (about 25 lines, well
    under a page), and
    each row's text starts with ``start<i>`` and ends with ``end<i>`` to follow it across
    pages. Every third person is still inside (no time out)."""
    rule = "Violation of CPP 14.7 G.3.d: entered without being permitted to."
    return tuple(
        {
            "scene": "Dorm 4, shower 3",
            "event": "In",
            "name": "Inv. Pat Moreau, investigator",
            "purpose": "Photographs" if index % 2 else "Walked in to pray",
            "video": "Unknown",
            "left_at": "" if index % 3 == 0 else "03:50",
            "allowed": " ".join(
                [f"start{index}", *[rule] * (20 if index == tall else allowed_lines), f"end{index}"]
            ),
        }
        for index in range(count)
    )
