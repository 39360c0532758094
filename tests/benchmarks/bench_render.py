"""How long the printed forms take to draw: a synthetic export packet, unsigned.

Five form definitions shaped like the real ones (fields, a narrative, tables with drawn
signature cells, signature blocks), one of them printed once per evidence item: with the
default 10 items that is 4 + 10 = 14 documents. Each run renders the whole packet with
`render_form`; the first run (fonts being read) is reported apart, then the median, min and
max of the rest (wall clock and CPU time), and the time per document.

    PYTHONPATH=src python tests/benchmarks/bench_render.py [--items 10] [--runs 5] [--out DIR]

``--out`` keeps the PDFs of the last run there, to look at.
"""

from __future__ import annotations

import argparse
import math
import statistics
import time
from datetime import UTC, datetime
from pathlib import Path

from incident_desk.documents.form_renderer import render_form
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

NOW = datetime(2026, 11, 22, 3, 0, tzinfo=UTC)
BLOCKS = (
    SignatureBlockDefinition("shift_supervisor", "Shift supervisor"),
    SignatureBlockDefinition("investigator", "Investigator"),
)


def signature(seed: int) -> Drawing:
    strokes = tuple(
        tuple((20 + k * 120 + i * 3.5, 75 + 40 * math.sin((i + seed) / 4 + k)) for i in range(40))
        for k in range(3)
    )
    return Drawing(strokes, 400, 150)


def fields_section(key: str, count: int) -> SectionDefinition:
    fields = tuple(FieldReference(f"{key}_{i}", f"Field {i} of {key}") for i in range(count))
    return SectionDefinition(key, f"Section {key}", SectionKind.FIELDS, fields=fields)


def table_section(key: str) -> SectionDefinition:
    columns = (
        ColumnDefinition("when", "When", 0.2),
        ColumnDefinition("who", "Who", 0.25),
        ColumnDefinition("what", "What", 0.35),
        ColumnDefinition("signature", "Signature", 0.2, ColumnKind.DRAWING),
    )
    return SectionDefinition(key, f"Table {key}", SectionKind.TABLE, columns=columns)


def form(key: str, *, per_item: bool = False, narrative: bool = True) -> FormDefinition:
    sections = [fields_section(f"{key}_facts", 12), table_section(f"{key}_log")]
    if narrative:
        field = FieldReference(f"{key}_story", "Narrative")
        sections.insert(
            1, SectionDefinition(f"{key}_n", "Narrative", SectionKind.NARRATIVE, (field,))
        )
    return FormDefinition(
        key, "2026.1", key.replace("_", " ").title(), "CPP 14.7", tuple(sections), BLOCKS, per_item
    )


def content(definition: FormDefinition, subject: str, rows: int) -> DocumentContent:
    header = DocumentHeader(
        "Department of Corrections",
        "Kettle Springs Facility",
        "KSR-2026-00042",
        "Zoë Ødegård",
        NOW,
        "ab" * 32,
        subject,
    )
    values = {key: f"Value of {key} — Muñoz" for key in definition.field_keys()}
    for section in definition.sections:
        if section.kind is SectionKind.NARRATIVE:
            values[section.fields[0].key] = " ".join(["The officer wrote what happened."] * 150)
    tables = {
        key: tuple(
            {
                "when": f"2026-11-22 03:{i % 60:02d}",
                "who": f"Officer {i}",
                "what": "Entered to photograph the scene.",
                "signature": f"s{i % 4}",
            }
            for i in range(rows)
        )
        for key in definition.table_keys()
    }
    drawings = {f"s{i}": signature(i) for i in range(4)}
    signatures = (
        SignatureEntry("shift_supervisor", "Zoë Ødegård", "Shift supervisor", NOW, signature(9)),
    )
    return DocumentContent(
        definition.key, definition.version, header, values, tables, drawings, signatures
    )


def packet(items: int) -> list[tuple[FormDefinition, DocumentContent]]:
    case_forms = [
        form("eor"),
        form("allegation_report"),
        form("scene_entry_log", narrative=False),
        form("first_response_record"),
    ]
    documents = [(f, content(f, "", 40)) for f in case_forms]
    custody = form("chain_of_evidence", per_item=True, narrative=False)
    documents += [
        (custody, content(custody, f"KSR-2026-00042-E{i:03d}", 8)) for i in range(1, items + 1)
    ]
    return documents


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=10)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out", type=Path)
    arguments = parser.parse_args()
    documents = packet(arguments.items)
    timings: list[float] = []
    cpu: list[float] = []
    pages = 0
    for _ in range(arguments.runs + 1):
        started, started_cpu = time.perf_counter(), time.process_time()
        rendered = [render_form(definition, filled) for definition, filled in documents]
        timings.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
        pages = sum(result.page_count for result in rendered)
    if arguments.out is not None:
        arguments.out.mkdir(parents=True, exist_ok=True)
        for (definition, filled), result in zip(documents, rendered, strict=True):
            name = f"{definition.key}-{filled.header.subject or 'case'}.pdf"
            (arguments.out / name).write_bytes(result.pdf)
    first, rest = timings[0], timings[1:]
    median = statistics.median(rest)
    print(f"packet: {len(documents)} documents, {pages} pages, unsigned")
    print(f"first run (fonts read): {first * 1000:,.0f} ms")
    low, high = min(rest) * 1000, max(rest) * 1000
    print(f"median of {len(rest)} runs: {median * 1000:,.0f} ms (min {low:,.0f}, max {high:,.0f})")
    # CPU time is steadier than the clock on a machine shared with other work.
    print(f"median CPU time: {statistics.median(cpu[1:]) * 1000:,.0f} ms")
    per_document, per_page = median / len(documents) * 1000, median / pages * 1000
    print(f"per document: {per_document:,.1f} ms; per page: {per_page:,.1f} ms")


if __name__ == "__main__":
    main()
