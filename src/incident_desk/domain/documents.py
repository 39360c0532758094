"""The printed forms as plain data: what a form definition says and what one document holds.

A `FormDefinition` is reviewed data (``forms/documents/*.toml``, loaded by
`incident_desk.forms.document_loader`): the form's title, version, policy citation, its
sections and its signature blocks. A `DocumentContent` is what one generated document says:
the values of the fields the definition names, the rows of its tables, the hand-drawn
signatures and the page header. The renderer (``incident_desk.documents``) draws a content
under its definition; the services fill the content from the record. Neither side knows the
other: they meet only in these shapes, keyed by the field and table keys of the definition.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from incident_desk.domain.clock import ensure_utc


class SectionKind(StrEnum):
    """How a section lays out."""

    #: Label and value pairs, two to a row where they fit.
    FIELDS = "fields"
    #: One long text under its label, wrapped over as many pages as it needs.
    NARRATIVE = "narrative"
    #: Rows under a header that repeats on every page the table runs onto.
    TABLE = "table"


#: What an empty value prints unless its field or column says otherwise.
NOT_RECORDED = "not recorded"


class ColumnKind(StrEnum):
    """What a table cell holds."""

    TEXT = "text"
    #: A key into `DocumentContent.drawings`; drawn as vector strokes (empty key: no drawing).
    DRAWING = "drawing"


@dataclass(frozen=True)
class FieldReference:
    key: str
    label: str
    #: Printed (greyed) when the value is missing or blank, e.g. "—" where empty means none.
    empty: str = NOT_RECORDED


@dataclass(frozen=True)
class ColumnDefinition:
    key: str
    label: str
    #: Share of the table's width; a table's columns add up to 1.
    width: float
    kind: ColumnKind = ColumnKind.TEXT
    #: Printed (greyed) in a cell with no value, e.g. "—" where empty means none.
    empty: str = NOT_RECORDED


@dataclass(frozen=True)
class SectionDefinition:
    key: str
    title: str
    kind: SectionKind
    #: FIELDS: the fields shown; NARRATIVE: exactly one field.
    fields: tuple[FieldReference, ...] = ()
    #: TABLE: its columns, and the words printed when it has no rows.
    columns: tuple[ColumnDefinition, ...] = ()
    empty_text: str = ""
    #: A policy citation printed beside the section title ("CPP 14.7 G.3.e"), if any.
    citation: str = ""


@dataclass(frozen=True)
class SignatureBlockDefinition:
    """A place on the last page where a person signs: by hand, and for the exporting user also
    cryptographically."""

    key: str
    label: str


@dataclass(frozen=True)
class FormDefinition:
    key: str
    version: str
    title: str
    citation: str
    sections: tuple[SectionDefinition, ...]
    signature_blocks: tuple[SignatureBlockDefinition, ...]
    #: One document per subject (a chain of evidence form per item) or one per case.
    per_item: bool = False

    def field_keys(self) -> frozenset[str]:
        return frozenset(ref.key for section in self.sections for ref in section.fields)

    def table_keys(self) -> frozenset[str]:
        return frozenset(s.key for s in self.sections if s.kind is SectionKind.TABLE)


@dataclass(frozen=True)
class Drawing:
    """A hand-drawn signature as captured: strokes of (x, y) points on a width x height pad."""

    strokes: tuple[tuple[tuple[float, float], ...], ...]
    width: int
    height: int


@dataclass(frozen=True)
class SignatureEntry:
    """Who signs a signature block, and their drawn signature if they gave one."""

    block: str
    name: str
    role: str
    signed_at: datetime | None = None
    drawing: Drawing | None = None


@dataclass(frozen=True)
class DocumentHeader:
    """What every page carries (SPEC "Forms"), and what the footer code ties to the record."""

    agency: str
    facility: str
    case_number: str
    generated_by: str
    generated_at: datetime
    #: The audit chain's head hash when the document was generated.
    audit_head: str
    #: What the document is about beyond the case (an evidence item's number), or "".
    subject: str = ""


@dataclass(frozen=True)
class DocumentContent:
    """One document's words, ready to draw under the definition ``form_key`` / ``form_version``."""

    form_key: str
    form_version: str
    header: DocumentHeader
    values: Mapping[str, str] = field(default_factory=dict)
    tables: Mapping[str, tuple[Mapping[str, str], ...]] = field(default_factory=dict)
    drawings: Mapping[str, Drawing] = field(default_factory=dict)
    signatures: tuple[SignatureEntry, ...] = ()

    def digest(self) -> str:
        """SHA-256 of the content in canonical form: printed in the footer code, so a paper copy
        can be matched to the record it came from."""
        return hashlib.sha256(canonical_json(self).encode("utf-8")).hexdigest()


def canonical_json(content: DocumentContent) -> str:
    header = content.header
    body = {
        "form": [content.form_key, content.form_version],
        "header": [
            header.agency,
            header.facility,
            header.case_number,
            header.generated_by,
            ensure_utc(header.generated_at).isoformat(),
            header.audit_head,
            header.subject,
        ],
        "values": dict(content.values),
        "tables": {key: [dict(row) for row in rows] for key, rows in content.tables.items()},
        "drawings": {
            key: [drawing.width, drawing.height, [list(map(list, s)) for s in drawing.strokes]]
            for key, drawing in content.drawings.items()
        },
        "signatures": [
            [
                entry.block,
                entry.name,
                entry.role,
                None if entry.signed_at is None else ensure_utc(entry.signed_at).isoformat(),
                None
                if entry.drawing is None
                else [list(map(list, s)) for s in entry.drawing.strokes],
            ]
            for entry in content.signatures
        ],
    }
    return json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
