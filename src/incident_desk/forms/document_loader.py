"""Load a printed form's definition (``forms/documents/*.toml``) into a domain `FormDefinition`.

The file is reviewed data, so every problem in it is collected and raised together in one
`FormDefinitionError` naming the section, field or column it concerns. The format::

    key = "chain_of_evidence"          # lower case letters, digits, underscores
    version = "2026.1"                 # printed on every page and kept with every document
    title = "Chain of Evidence"
    citation = "CPP 14.7 G.3.e"        # the policy the form answers to ("" for none)
    per_item = true                    # optional: one document per evidence item (default false)

    [[sections]]
    key = "item"
    title = "Item"
    kind = "fields"                    # fields | narrative | table
    citation = "CPP 14.7 G.3"          # optional, printed beside the section title

    [[sections.fields]]                # fields: one or more; narrative: exactly one
    key = "item_number"                # the key of the value in DocumentContent.values
    label = "Item number"
    empty = "—"                        # optional: printed when there is no value
                                       # (default "not recorded")

    [[sections]]
    key = "custody"                    # a table's key names its rows in DocumentContent.tables
    title = "Custody"
    kind = "table"
    empty_text = "No hand-overs yet."  # optional, printed when the table has no rows

    [[sections.columns]]               # widths are shares of the table width and add up to 1
    key = "when"
    label = "When"
    width = 0.3
    kind = "text"                      # optional: text (default) | drawing
    empty = "—"                        # optional: printed in a cell with no value

    [[signature_blocks]]               # optional, printed in this order at the end
    key = "supervisor"
    label = "Shift supervisor"

Keys are unique within their kind: section keys within the form, field keys across the whole
form (a value prints wherever its key is named once), column keys within their table, and
signature block keys within the form.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import TypeVar

from incident_desk.domain.documents import (
    NOT_RECORDED,
    ColumnDefinition,
    ColumnKind,
    FieldReference,
    FormDefinition,
    SectionDefinition,
    SectionKind,
    SignatureBlockDefinition,
)
from incident_desk.forms.checklist_loader import FormDefinitionError
from incident_desk.paths import bundled_dir

#: Where the printed forms live inside the bundled ``forms`` folder.
DOCUMENTS_FOLDER = "documents"
#: How far a table's column widths may stray from adding up to 1.
WIDTH_TOLERANCE = 0.01

_KEY_PATTERN = re.compile(r"[a-z][a-z0-9_]*\Z")
_TOP_KEYS = frozenset(
    {"key", "version", "title", "citation", "per_item", "sections", "signature_blocks"}
)
_SECTION_KEYS = frozenset({"key", "title", "kind", "citation", "empty_text", "fields", "columns"})
_FIELD_KEYS = frozenset({"key", "label", "empty"})
_COLUMN_KEYS = frozenset({"key", "label", "width", "kind", "empty"})
_BLOCK_KEYS = frozenset({"key", "label"})


def load_form_definition(path: Path) -> FormDefinition:
    """Read and check the form at ``path``; `FormDefinitionError` lists what is wrong."""
    try:
        with path.open("rb") as handle:
            document = tomllib.load(handle)
    except OSError as error:
        raise FormDefinitionError(path, [f"cannot read the file: {error}"]) from error
    except tomllib.TOMLDecodeError as error:
        raise FormDefinitionError(path, [f"not valid TOML: {error}"]) from error
    builder = _Builder()
    definition = builder.form(document)
    if builder.problems or definition is None:
        raise FormDefinitionError(path, builder.problems)
    return definition


def default_form_definitions(folder: Path | None = None) -> dict[str, FormDefinition]:
    """Every form in ``folder`` (the bundled ``forms/documents``), by form key.

    Two files with the same form key are refused: which one prints would depend on file names.
    """
    where = folder if folder is not None else bundled_dir("forms") / DOCUMENTS_FOLDER
    definitions: dict[str, FormDefinition] = {}
    origin: dict[str, Path] = {}
    for path in sorted(where.glob("*.toml")):
        definition = load_form_definition(path)
        if definition.key in definitions:
            raise FormDefinitionError(
                path, [f"form key {definition.key!r} is also used by {origin[definition.key].name}"]
            )
        definitions[definition.key] = definition
        origin[definition.key] = path
    return definitions


_Kind = TypeVar("_Kind", SectionKind, ColumnKind)


class _Builder:
    """Walks the parsed TOML once, collecting problems instead of stopping at the first."""

    def __init__(self) -> None:
        self.problems: list[str] = []
        self._field_keys: dict[str, str] = {}

    def form(self, document: Mapping[str, object]) -> FormDefinition | None:
        self._unknown_keys("the file", document, _TOP_KEYS)
        key = self._key("the file", document)
        version = self._text("the file", document, "version")
        title = self._text("the file", document, "title")
        citation = self._text("the file", document, "citation", required=False)
        per_item = self._flag("the file", document, "per_item")
        sections = self._tables("the file", document, "sections", minimum=1)
        built = [self._section(i, raw) for i, raw in enumerate(sections, start=1)]
        self._duplicates("section", [s.key for s in built if s is not None])
        blocks = self._tables("the file", document, "signature_blocks", minimum=0)
        signatures = [self._block(i, raw) for i, raw in enumerate(blocks, start=1)]
        self._duplicates("signature block", [b.key for b in signatures if b is not None])
        if self.problems:
            return None
        return FormDefinition(
            key=key,
            version=version,
            title=title,
            citation=citation,
            sections=tuple(s for s in built if s is not None),
            signature_blocks=tuple(b for b in signatures if b is not None),
            per_item=per_item,
        )

    # -- sections -----------------------------------------------------------------------

    def _section(self, index: int, raw: Mapping[str, object]) -> SectionDefinition | None:
        key = self._key(f"section #{index}", raw)
        where = f"section {key!r}" if key else f"section #{index}"
        self._unknown_keys(where, raw, _SECTION_KEYS)
        title = self._text(where, raw, "title")
        citation = self._text(where, raw, "citation", required=False)
        empty_text = self._text(where, raw, "empty_text", required=False)
        kind = self._kind(where, raw.get("kind"), SectionKind, "kind")
        fields: tuple[FieldReference, ...] = ()
        columns: tuple[ColumnDefinition, ...] = ()
        if kind is SectionKind.TABLE:
            if "fields" in raw:
                self.problems.append(f"{where}: a table has columns, not fields")
            columns = self._columns(where, self._tables(where, raw, "columns", minimum=1))
        elif kind is not None:
            if "columns" in raw:
                self.problems.append(f"{where}: only a table has columns")
            fields = self._fields(where, self._tables(where, raw, "fields", minimum=1))
            if kind is SectionKind.NARRATIVE and len(fields) != 1:
                self.problems.append(
                    f"{where}: a narrative shows exactly one field, not {len(fields)}"
                )
        if kind is None or not key:
            return None
        return SectionDefinition(
            key=key,
            title=title,
            kind=kind,
            fields=fields,
            columns=columns,
            empty_text=empty_text,
            citation=citation,
        )

    def _fields(self, where: str, raws: list[Mapping[str, object]]) -> tuple[FieldReference, ...]:
        fields: list[FieldReference] = []
        for index, raw in enumerate(raws, start=1):
            key = self._key(f"{where}, field #{index}", raw)
            here = f"{where}, field {key!r}" if key else f"{where}, field #{index}"
            self._unknown_keys(here, raw, _FIELD_KEYS)
            label = self._text(here, raw, "label")
            empty = self._empty(here, raw)
            if not key:
                continue
            if key in self._field_keys:
                self.problems.append(
                    f"{here}: duplicate field key (also in {self._field_keys[key]})"
                )
            else:
                self._field_keys[key] = where
            fields.append(FieldReference(key=key, label=label, empty=empty))
        return tuple(fields)

    def _columns(
        self, where: str, raws: list[Mapping[str, object]]
    ) -> tuple[ColumnDefinition, ...]:
        columns: list[ColumnDefinition] = []
        for index, raw in enumerate(raws, start=1):
            key = self._key(f"{where}, column #{index}", raw)
            here = f"{where}, column {key!r}" if key else f"{where}, column #{index}"
            self._unknown_keys(here, raw, _COLUMN_KEYS)
            label = self._text(here, raw, "label")
            width = raw.get("width")
            if isinstance(width, bool) or not isinstance(width, int | float) or width <= 0:
                self.problems.append(f"{here}: width must be a number above 0 (a share of 1)")
                width = 0.0
            kind = self._kind(here, raw.get("kind", ColumnKind.TEXT.value), ColumnKind, "kind")
            empty = self._empty(here, raw)
            if key and kind is not None:
                columns.append(ColumnDefinition(key, label, float(width), kind, empty))
        self._duplicates(f"{where}: column", [c.key for c in columns])
        total = sum(column.width for column in columns)
        if columns and len(columns) == len(raws) and abs(total - 1.0) > WIDTH_TOLERANCE:
            self.problems.append(f"{where}: column widths add up to {total:.3f}, not 1")
        return tuple(columns)

    def _block(self, index: int, raw: Mapping[str, object]) -> SignatureBlockDefinition | None:
        key = self._key(f"signature block #{index}", raw)
        where = f"signature block {key!r}" if key else f"signature block #{index}"
        self._unknown_keys(where, raw, _BLOCK_KEYS)
        label = self._text(where, raw, "label")
        return SignatureBlockDefinition(key=key, label=label) if key else None

    # -- small pieces -------------------------------------------------------------------

    def _tables(
        self, where: str, raw: Mapping[str, object], name: str, *, minimum: int
    ) -> list[Mapping[str, object]]:
        value = raw.get(name, [])
        if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            self.problems.append(f"{where}: {name} must be a list of tables ([[...{name}]])")
            return []
        if len(value) < minimum:
            self.problems.append(f"{where}: needs at least {minimum} [[{name}]] table")
        return value

    def _text(
        self, where: str, raw: Mapping[str, object], name: str, *, required: bool = True
    ) -> str:
        value = raw.get(name)
        if value is None:
            if required:
                self.problems.append(f"{where}: missing {name}")
            return ""
        if not isinstance(value, str):
            self.problems.append(f"{where}: {name} must be a string")
            return ""
        text = " ".join(value.split())
        if required and not text:
            self.problems.append(f"{where}: {name} is empty")
        return text

    def _empty(self, where: str, raw: Mapping[str, object]) -> str:
        """What an empty value prints: never a blank, which could be filled in by hand."""
        if "empty" not in raw:
            return NOT_RECORDED
        text = self._text(where, raw, "empty")
        return text or NOT_RECORDED

    def _key(self, where: str, raw: Mapping[str, object]) -> str:
        key = self._text(where, raw, "key")
        if key and not _KEY_PATTERN.match(key):
            self.problems.append(
                f"{where}: key {key!r} must be lower case letters, digits and underscores"
            )
        return key

    def _flag(self, where: str, raw: Mapping[str, object], name: str) -> bool:
        value = raw.get(name, False)
        if not isinstance(value, bool):
            self.problems.append(f"{where}: {name} must be true or false")
            return False
        return value

    def _kind(self, where: str, raw: object, kinds: type[_Kind], name: str) -> _Kind | None:
        choices = ", ".join(kinds)
        if raw is None:
            self.problems.append(f"{where}: missing {name} (one of: {choices})")
            return None
        if isinstance(raw, str) and raw in set(kinds):
            return kinds(raw)
        self.problems.append(f"{where}: unknown {name} {raw!r} (expected one of: {choices})")
        return None

    def _duplicates(self, what: str, keys: list[str]) -> None:
        for key in sorted({key for key in keys if keys.count(key) > 1}):
            self.problems.append(f"{what} {key!r}: duplicate key")

    def _unknown_keys(self, where: str, raw: Mapping[str, object], allowed: frozenset[str]) -> None:
        for name in sorted(set(raw) - allowed):
            self.problems.append(f"{where}: unknown key {name!r}")
