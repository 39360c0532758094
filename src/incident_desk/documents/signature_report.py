"""What checking one PDF signature found, in words a report or a script can use."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

NO_CHANGES = "none"
LATER_SIGNATURES_ONLY = "later signatures only"
OTHER_CHANGES = "other changes"


class UnreadablePdf(Exception):
    """The file is not a PDF, or too damaged to find any signature in it."""


@dataclass(frozen=True)
class SignatureReport:
    field_name: str
    signer: str
    signed_at: datetime | None
    intact: bool
    trusted: bool
    whole_document: bool
    changes_after: str
    problem: str

    @property
    def valid(self) -> bool:
        """Intact, trusted, and nothing but later signatures added since."""
        return self.intact and self.trusted and self.changes_after != OTHER_CHANGES
