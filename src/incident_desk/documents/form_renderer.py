"""Draw one document: a `DocumentContent` under its `FormDefinition`, as a Letter-size PDF.

The layout flows (reportlab platypus): the form's title, its sections in order, then the
signature blocks. Every page carries the header and footer of `page_template`. The result
holds the PDF bytes, the number of pages and where each signature block's reserved rectangle
landed, for the signing step that follows.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from reportlab.platypus import BaseDocTemplate, Flowable, PageTemplate

from incident_desk.documents.footer_code import footer_payload, qr_modules
from incident_desk.documents.form_sections import section_flowables, title_flowables
from incident_desk.documents.page_template import (
    CONTENT_WIDTH,
    GENERATED,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    PageFacts,
    body_frame,
    draw_page_frame,
    numbered_canvas,
)
from incident_desk.documents.pdf_fonts import REGULAR, register_fonts
from incident_desk.documents.signature_blocks import Box, signature_flowables
from incident_desk.domain.clock import ensure_utc
from incident_desk.domain.documents import DocumentContent, FormDefinition

CREATOR = "Incident Desk"
TIME_FORMAT = "%Y-%m-%d %H:%M UTC"
PDF_DATE_FORMAT = "D:%Y%m%d%H%M%S+00'00'"


@dataclass(frozen=True)
class SignatureBox:
    """Where a signature block's reserved rectangle is: ``page`` counts from 0, ``box`` is
    (x1, y1, x2, y2) in PDF points with the origin at the page's lower left."""

    block: str
    page: int
    box: tuple[float, float, float, float]


@dataclass(frozen=True)
class RenderedForm:
    pdf: bytes
    page_count: int
    #: One per signature block of the definition, in the definition's order.
    signature_boxes: tuple[SignatureBox, ...]


def render_form(definition: FormDefinition, content: DocumentContent) -> RenderedForm:
    """Lay out ``content`` under ``definition``; `ValueError` if it was made for another form
    or another version of it."""
    if (content.form_key, content.form_version) != (definition.key, definition.version):
        raise ValueError(
            f"the document was filled for form {content.form_key!r} version "
            f"{content.form_version!r}, but the definition is {definition.key!r} version "
            f"{definition.version!r}"
        )
    register_fonts()
    header = content.header
    generated_at = ensure_utc(header.generated_at)
    facts = _page_facts(definition, content)
    buffer = io.BytesIO()
    document = BaseDocTemplate(
        buffer,
        pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
        title=f"{definition.title} — {header.case_number}",
        author=header.generated_by,
        subject=f"{definition.key} version {definition.version}",
        creator=CREATOR,
        producer=CREATOR,
        invariant=1,
        initialFontName=REGULAR,
    )
    document.addPageTemplates(
        [
            PageTemplate(
                id="form",
                frames=[body_frame()],
                onPage=lambda canvas, _doc: draw_page_frame(canvas, facts),
                pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
            )
        ]
    )
    placed: dict[str, SignatureBox] = {}

    def record(block: str, box: Box) -> None:
        placed[block] = SignatureBox(block=block, page=document.page - 1, box=box)

    story: list[Flowable] = title_flowables(definition)
    for section in definition.sections:
        story += section_flowables(section, content, CONTENT_WIDTH)
    story += signature_flowables(
        definition.signature_blocks, content.signatures, CONTENT_WIDTH, record
    )
    document.build(story, canvasmaker=numbered_canvas(generated_at.strftime(PDF_DATE_FORMAT)))
    pdf = buffer.getvalue()
    boxes = tuple(placed[block.key] for block in definition.signature_blocks)
    return RenderedForm(pdf=pdf, page_count=document.page, signature_boxes=boxes)


def _page_facts(definition: FormDefinition, content: DocumentContent) -> PageFacts:
    header = content.header
    when = ensure_utc(header.generated_at).strftime(TIME_FORMAT)
    return PageFacts(
        agency=header.agency,
        facility=header.facility,
        form_line=f"{definition.title} · version {definition.version}",
        case_line=f"Case {header.case_number}",
        subject_line=header.subject,
        generated_line=GENERATED.format(name=header.generated_by, when=when),
        digest_line=f"Content sha256:{content.digest()}",
        code=qr_modules(footer_payload(content)),
    )
