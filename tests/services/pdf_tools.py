"""Independent readers of the exported PDFs: poppler's pdftotext and pdfsig, and qpdf."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from incident_desk.domain.documents import ColumnKind, DocumentContent, FormDefinition


def pdf_text(path: Path) -> str:
    """The text poppler reads from the PDF in the order it is drawn (so a wrapped table cell
    stays together), with all white space removed."""
    text = subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return squeezed(text)


def squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def printed_values(definition: FormDefinition, content: DocumentContent) -> list[str]:
    """Every value and text cell the content holds for the definition to print."""
    texts = [content.values[key] for key in definition.field_keys() if key in content.values]
    for section in definition.sections:
        text_columns = [c.key for c in section.columns if c.kind is ColumnKind.TEXT]
        for row in content.tables.get(section.key, ()):
            texts += [row[key] for key in text_columns if row.get(key)]
    return texts


def pdfsig_report(path: Path) -> str:
    return subprocess.run(["pdfsig", str(path)], check=False, capture_output=True, text=True).stdout


def qpdf_check(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["qpdf", "--check", str(path)], check=False, capture_output=True, text=True
    )
