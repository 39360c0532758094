"""Tables and empty values on printed forms, read back by poppler: ordinary words are never
broken in narrow columns (only a token longer than any column could be), a tall row splits at
the end of a page under a repeated header instead of leaving a gap, a short row stays whole,
an empty value prints what its form says, and the reserved box's caption clears its outline."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from incident_desk.documents.form_renderer import render_form
from incident_desk.documents.signature_blocks import OUTLINE_GAP
from incident_desk.domain.documents import FieldReference, SectionDefinition
from incident_desk.forms.checklist_loader import FormDefinitionError
from incident_desk.forms.document_loader import load_form_definition

from .form_samples import (
    BLOCKS,
    FIELDS,
    SCENE_LOG,
    content,
    definition,
    page_text,
    save,
    scene_log_rows,
    word_boxes,
)

PAGE_WIDTH, PAGE_HEIGHT = 612, 792
MARGIN = 48
#: The lowest a line of the body reaches (the footer rule is at 104 points, the frame 8 above).
BODY_BOTTOM = PAGE_HEIGHT - 112


def scene_log(rows: tuple[dict[str, str], ...], *sections: SectionDefinition):
    form = definition(*(sections or (SCENE_LOG,)), blocks=())
    return form, replace(content(form), tables={"log": rows})


def test_ordinary_words_in_narrow_columns_wrap_whole(tmp_path: Path) -> None:
    form, filled = scene_log(scene_log_rows(6))
    path = save(render_form(form, filled).pdf, tmp_path)
    found = [word.text for word in word_boxes(path)]
    # Every one whole, as often as the rows hold it: a broken word would count less.
    assert found.count("Photographs") == 3
    assert found.count("Unknown") == 6
    assert found.count("investigator") == 6
    assert found.count("shower") == 6
    for header in ("Scene", "Purpose", "Video", "Allowed"):
        assert header in found
    for piece in ("Photograph", "Photogra", "Unkno", "Unknow", "investig", "vestigator", "s", "wn"):
        assert piece not in found, piece


def test_a_token_longer_than_its_column_still_breaks_inside_the_page(tmp_path: Path) -> None:
    rows = list(scene_log_rows(3))
    token = "Ø" * 90
    rows[1] = rows[1] | {"video": token}
    form, filled = scene_log(tuple(rows))
    path = save(render_form(form, filled).pdf, tmp_path)
    boxes = word_boxes(path)
    pieces = [word.text for word in boxes if set(word.text) == {"Ø"}]
    assert len(pieces) > 1
    assert "".join(pieces) == token
    assert [word.text for word in boxes].count("investigator") == 3
    for word in boxes:
        assert MARGIN - 1 <= word.x1 <= word.x2 <= PAGE_WIDTH - MARGIN + 1, word


def _pages_of(path: Path) -> dict[str, int]:
    return {
        word.text: word.page
        for word in word_boxes(path)
        if re.fullmatch(r"(start|end)\d+", word.text)
    }


def test_a_tall_row_splits_at_the_page_end_under_a_repeated_header(tmp_path: Path) -> None:
    form, filled = scene_log(scene_log_rows(12, tall=6), FIELDS, SCENE_LOG)
    rendered = render_form(form, filled)
    path = save(rendered.pdf, tmp_path)
    pages = _pages_of(path)
    assert len(pages) == 24
    # The tall row starts on the first page, right after the rows before it, and runs on.
    assert (pages["start6"], pages["end6"]) == (1, 2)
    first_page = [word for word in word_boxes(path) if word.page == 1]
    lowest_body_line = max(word.y2 for word in first_page if word.y2 < BODY_BOTTOM)
    assert lowest_body_line > BODY_BOTTOM - 30  # no gap left at the foot of the page
    # The header row is repeated above the rest of the row, and only there.
    assert page_text(path, 1).count("Allowed in") == 1
    second = page_text(path, 2)
    assert "Allowed in" in second
    assert second.index("Allowed in") < second.index("end6")
    # Every short row stays whole on one page.
    for index in (0, 1, 2, 3, 4, 5, 7, 8, 9, 10, 11):
        assert pages[f"start{index}"] == pages[f"end{index}"], index


def test_a_row_never_leaves_a_sliver_of_itself_at_the_foot_of_a_page(tmp_path: Path) -> None:
    # Rows of a few lines each, many pages of them: none is ever split.
    form, filled = scene_log(scene_log_rows(60, allowed_lines=2), FIELDS, SCENE_LOG)
    rendered = render_form(form, filled)
    path = save(rendered.pdf, tmp_path)
    assert rendered.page_count >= 3
    pages = _pages_of(path)
    assert all(pages[f"start{i}"] == pages[f"end{i}"] for i in range(60))


def test_empty_values_print_what_the_form_says(tmp_path: Path) -> None:
    people = replace(
        FIELDS,
        fields=(
            FieldReference("victim", "Alleged victim"),
            FieldReference("witness", "Witness", empty="none named"),
        ),
    )
    form, filled = scene_log(scene_log_rows(6), people, SCENE_LOG)
    text = page_text(save(render_form(form, filled).pdf, tmp_path))
    assert "none named" in text
    # Rows 0 and 3 are people still inside: their time out is a dash, not "not recorded".
    assert text.count("—") == 2
    assert "not recorded" not in text


FORM_TOML = """
key = "scene_report"
version = "2026.1"
title = "Crime Scene Report"
citation = ""

[[sections]]
key = "people"
title = "People"
kind = "fields"

[[sections.fields]]
key = "witness"
label = "Witness"
empty = "none named"

[[sections.fields]]
key = "victim"
label = "Alleged victim"

[[sections]]
key = "log"
title = "Entries and exits"
kind = "table"

[[sections.columns]]
key = "name"
label = "Name"
width = 0.6

[[sections.columns]]
key = "left_at"
label = "Time out"
width = 0.4
empty = "—"
"""


def test_a_form_file_says_what_empty_values_print(tmp_path: Path) -> None:
    file = tmp_path / "scene_report.toml"
    file.write_text(FORM_TOML, encoding="utf-8")
    form = load_form_definition(file)
    people, log = form.sections
    assert [field.empty for field in people.fields] == ["none named", "not recorded"]
    assert [column.empty for column in log.columns] == ["not recorded", "—"]
    filled = replace(
        content(form, values={}),
        tables={"log": ({"name": "Tpr. Søren Ibáñez", "left_at": ""},)},
    )
    text = page_text(save(render_form(form, filled).pdf, tmp_path))
    assert "none named" in text
    assert "—" in text
    assert text.count("not recorded") == 1  # the victim, who has no word of its own


def test_a_blank_empty_word_is_refused(tmp_path: Path) -> None:
    file = tmp_path / "scene_report.toml"
    file.write_text(FORM_TOML.replace('empty = "—"', 'empty = "  "'), encoding="utf-8")
    with pytest.raises(FormDefinitionError, match="column 'left_at': empty is empty"):
        load_form_definition(file)


def test_the_reserved_box_caption_clears_the_dotted_outline(tmp_path: Path) -> None:
    form = definition(FIELDS)
    rendered = render_form(form, content(form))
    path = save(rendered.pdf, tmp_path)
    captions = [word for word in word_boxes(path) if word.text == "Reserved"]
    assert len(captions) == len(BLOCKS)
    for placed, caption in zip(rendered.signature_boxes, captions, strict=True):
        x1, y1, _, _ = placed.box
        outline_bottom = PAGE_HEIGHT - y1 + OUTLINE_GAP  # in poppler's top-down points
        assert caption.page == placed.page + 1
        assert caption.y1 >= outline_bottom + 1.5, (caption, placed)
        assert caption.x1 >= x1 - OUTLINE_GAP


def test_the_header_prints_once_at_the_top_of_each_page_however_rows_split(
    tmp_path: Path,
) -> None:
    # Rows of about seven lines, tall enough to split: many pages of them.
    form, filled = scene_log(scene_log_rows(60, allowed_lines=4), FIELDS, SCENE_LOG)
    rendered = render_form(form, filled)
    path = save(rendered.pdf, tmp_path)
    assert rendered.page_count >= 4
    pages = _pages_of(path)
    for index in range(60):
        assert pages[f"end{index}"] - pages[f"start{index}"] in (0, 1), index
    for page in range(1, rendered.page_count + 1):
        text = page_text(path, page)
        assert text.count("Allowed in") == 1, page
        # Nothing of the table above its header (the header repeats at the top).
        assert not re.search(r"(?:start|end)\d+", text[: text.index("Allowed in")]), page
