"""Whether a case's scene record still matches the tamper-evident audit trail, in one line:
verified (how many records were checked, and when), or NOT VERIFIED naming the first broken
entry, from ``services.custody_verification.verify_case_evidence``."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QLabel, QWidget

from incident_desk.domain.validation import format_moment
from incident_desk.services.custody_verification import EvidenceVerification
from incident_desk.ui.messages import scene as words

_VERIFIED_STYLE = "font-weight: bold; padding: 3px; border: 2px solid palette(mid);"
#: White on dark red keeps its contrast in light and dark palettes alike (as error_label).
_BROKEN_STYLE = "color: #ffffff; background: #a4262c; font-weight: bold; padding: 3px;"


class ChainBannerWidget(QLabel):
    """A wrapping label; ``intact`` is None until a check has come back."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(words.CHAIN_CHECKING, parent)
        self.intact: bool | None = None
        self.setWordWrap(True)
        self.setAccessibleName(words.CHAIN_NAME)

    def show_verification(self, verification: EvidenceVerification, now: datetime) -> None:
        self.intact = verification.intact
        if verification.intact:
            self.setText(
                words.CHAIN_VERIFIED.format(
                    count=verification.rows_checked, when=format_moment(now)
                )
            )
            self.setStyleSheet(_VERIFIED_STYLE)
            return
        messages = verification.messages
        text = words.CHAIN_BROKEN.format(first=messages[0])
        if len(messages) > 1:
            text += words.CHAIN_MORE.format(more=len(messages) - 1)
        self.setText(text)
        self.setStyleSheet(_BROKEN_STYLE)

    def show_failure(self, error: BaseException) -> None:
        self.intact = None
        self.setText(words.CHAIN_FAILED.format(error=error))
        self.setStyleSheet(_BROKEN_STYLE)
