"""Form definitions (``forms/documents/*.toml``) load into domain objects; a broken one is
refused with every problem named, in words that say where and what to fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from incident_desk.documents.form_renderer import render_form
from incident_desk.domain.documents import (
    ColumnKind,
    DocumentContent,
    SectionKind,
)
from incident_desk.forms import FormDefinitionError
from incident_desk.forms.document_loader import default_form_definitions, load_form_definition

from .form_samples import HEADER, page_text, save

EXAMPLE = """
key = "chain_of_evidence"
version = "2026.1"
title = "Chain of Evidence"
citation = "CPP 14.7 G.3.e"
per_item = true

[[sections]]
key = "item"
title = "Item"
kind = "fields"
citation = "CPP 14.7 G.3"

[[sections.fields]]
key = "item_number"
label = "Item number"

[[sections.fields]]
key = "description"
label = "Description"

[[sections]]
key = "account"
title = "How it was found"
kind = "narrative"

[[sections.fields]]
key = "found"
label = "How it was found"

[[sections]]
key = "custody"
title = "Custody"
kind = "table"
empty_text = "No hand-overs yet."

[[sections.columns]]
key = "when"
label = "When"
width = 0.3

[[sections.columns]]
key = "to"
label = "Received by"
width = 0.4

[[sections.columns]]
key = "signature"
label = "Signature"
width = 0.3
kind = "drawing"

[[signature_blocks]]
key = "collector"
label = "Collected by"
"""


def write(folder: Path, text: str, name: str = "form.toml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(folder: Path, text: str) -> tuple[str, ...]:
    with pytest.raises(FormDefinitionError) as caught:
        load_form_definition(write(folder, text))
    return caught.value.problems


def test_example_loads_with_every_part(tmp_path: Path) -> None:
    form = load_form_definition(write(tmp_path, EXAMPLE))
    assert (form.key, form.version, form.title, form.citation) == (
        "chain_of_evidence",
        "2026.1",
        "Chain of Evidence",
        "CPP 14.7 G.3.e",
    )
    assert form.per_item is True
    assert [(s.key, s.kind) for s in form.sections] == [
        ("item", SectionKind.FIELDS),
        ("account", SectionKind.NARRATIVE),
        ("custody", SectionKind.TABLE),
    ]
    assert form.sections[0].citation == "CPP 14.7 G.3"
    assert [f.label for f in form.sections[0].fields] == ["Item number", "Description"]
    custody = form.sections[2]
    assert custody.empty_text == "No hand-overs yet."
    assert [(c.key, c.width, c.kind) for c in custody.columns] == [
        ("when", 0.3, ColumnKind.TEXT),
        ("to", 0.4, ColumnKind.TEXT),
        ("signature", 0.3, ColumnKind.DRAWING),
    ]
    assert [(b.key, b.label) for b in form.signature_blocks] == [("collector", "Collected by")]
    assert form.field_keys() == {"item_number", "description", "found"}
    assert form.table_keys() == {"custody"}


def test_missing_version_is_named(tmp_path: Path) -> None:
    text = EXAMPLE.replace('version = "2026.1"\n', "")
    assert problems_of(tmp_path, text) == ("the file: missing version",)


def test_unknown_section_kind_lists_the_kinds(tmp_path: Path) -> None:
    text = EXAMPLE.replace('kind = "narrative"', 'kind = "essay"')
    assert problems_of(tmp_path, text) == (
        "section 'account': unknown kind 'essay' (expected one of: fields, narrative, table)",
    )


def test_column_widths_must_add_up_to_one(tmp_path: Path) -> None:
    text = EXAMPLE.replace("width = 0.4", "width = 0.5")
    assert problems_of(tmp_path, text) == (
        "section 'custody': column widths add up to 1.100, not 1",
    )
    # Within a hundredth is fine (0.333 three times).
    thirds = EXAMPLE.replace("width = 0.3\n", "width = 0.333\n").replace(
        "width = 0.4", "width = 0.333"
    )
    assert load_form_definition(write(tmp_path, thirds, "thirds.toml")).sections[2].columns


def test_narrative_shows_exactly_one_field(tmp_path: Path) -> None:
    text = EXAMPLE.replace(
        'key = "found"\nlabel = "How it was found"',
        'key = "found"\nlabel = "How it was found"\n\n'
        '[[sections.fields]]\nkey = "by"\nlabel = "By"',
    )
    assert problems_of(tmp_path, text) == (
        "section 'account': a narrative shows exactly one field, not 2",
    )


def test_duplicate_keys_are_each_named(tmp_path: Path) -> None:
    text = (
        EXAMPLE.replace('key = "description"', 'key = "item_number"')
        .replace('key = "to"', 'key = "when"')
        .replace('key = "account"', 'key = "item"')
        + '\n[[signature_blocks]]\nkey = "collector"\nlabel = "Again"\n'
    )
    problems = problems_of(tmp_path, text)
    assert problems == (
        "section 'item', field 'item_number': duplicate field key (also in section 'item')",
        "section 'custody': column 'when': duplicate key",
        "section 'item': duplicate key",
        "signature block 'collector': duplicate key",
    )


def test_every_problem_is_reported_at_once_with_the_file_name(tmp_path: Path) -> None:
    text = (
        EXAMPLE.replace('kind = "table"', 'kind = "tabel"')
        .replace('title = "Item"', 'titel = "Item"')
        .replace('key = "collector"', 'key = "Collector!"')
    )
    with pytest.raises(FormDefinitionError) as caught:
        load_form_definition(write(tmp_path, text, "broken.toml"))
    message = str(caught.value)
    assert message.startswith(f"{tmp_path / 'broken.toml'}: 4 problems in the form definition:")
    assert caught.value.problems == (
        "section 'item': unknown key 'titel'",
        "section 'item': missing title",
        "section 'custody': unknown kind 'tabel' (expected one of: fields, narrative, table)",
        "signature block #1: key 'Collector!' must be lower case letters, digits and underscores",
    )


def test_column_problems_are_named_by_column(tmp_path: Path) -> None:
    text = EXAMPLE.replace('width = 0.3\nkind = "drawing"', 'width = "wide"\nkind = "picture"')
    assert problems_of(tmp_path, text) == (
        "section 'custody', column 'signature': width must be a number above 0 (a share of 1)",
        "section 'custody', column 'signature': unknown kind 'picture' "
        "(expected one of: text, drawing)",
    )


def test_not_toml_and_missing_file_are_clear(tmp_path: Path) -> None:
    assert problems_of(tmp_path, "key = ")[0].startswith("not valid TOML:")
    with pytest.raises(FormDefinitionError, match="cannot read the file"):
        load_form_definition(tmp_path / "absent.toml")


def test_folder_loads_every_form_by_key_and_refuses_a_key_used_twice(tmp_path: Path) -> None:
    write(tmp_path, EXAMPLE, "a.toml")
    write(tmp_path, EXAMPLE.replace('key = "chain_of_evidence"', 'key = "other"'), "b.toml")
    assert sorted(default_form_definitions(tmp_path)) == ["chain_of_evidence", "other"]
    write(tmp_path, EXAMPLE, "c.toml")
    with pytest.raises(FormDefinitionError, match=r"'chain_of_evidence' is also used by a\.toml"):
        default_form_definitions(tmp_path)


def test_every_bundled_form_loads_and_prints_empty(tmp_path: Path) -> None:
    forms = default_form_definitions()
    assert forms
    for key, form in forms.items():
        assert form.key == key
        empty = DocumentContent(form.key, form.version, HEADER)
        rendered = render_form(form, empty)
        text = page_text(save(rendered.pdf, tmp_path, f"{key}.pdf"))
        assert form.title in text
        assert f"version {form.version}" in text
        assert len(rendered.signature_boxes) == len(form.signature_blocks)
        for section in form.sections:
            assert section.title.split()[0] in text, (key, section.key)
