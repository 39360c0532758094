"""The TrueType fonts every printed form embeds (DejaVu Sans, bundled in ``resources/fonts``).

The PDF standard fonts only know Latin-1; names such as "Zoë Ødegård" or "Muñoz" need a
font that is embedded in the file, so they print the same on every reader and printer.
"""

from __future__ import annotations

from functools import cache

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from incident_desk.paths import bundled_dir

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
ITALIC = "DejaVuSans-Oblique"
FONTS_FOLDER = "fonts"
_FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf", ITALIC: "DejaVuSans-Oblique.ttf"}


@cache
def register_fonts() -> None:
    """Register the form fonts with reportlab once per process (bold and italic map to the
    family, so ``<b>`` and ``<i>`` in paragraph markup stay in DejaVu)."""
    folder = bundled_dir("resources") / FONTS_FOLDER
    for name, file_name in _FILES.items():
        path = folder / file_name
        if not path.is_file():
            raise FileNotFoundError(f"the form font {file_name} is missing from {folder}")
        pdfmetrics.registerFont(TTFont(name, str(path)))
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, ITALIC)
    addMapping(REGULAR, 1, 1, BOLD)
