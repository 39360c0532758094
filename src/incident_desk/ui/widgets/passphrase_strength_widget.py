"""A passphrase strength meter: a bar and a word (never colour alone) plus what is still needed.

The only hard rule is the length services.installation enforces (12 characters); the rest of the
rating rewards more length and a mix of character kinds, to nudge toward a short sentence.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QVBoxLayout, QWidget

from incident_desk.services.installation import MIN_PASSPHRASE_LENGTH
from incident_desk.ui.messages import shell as words

MAX_SCORE = len(words.STRENGTH_WORDS) - 1


@dataclass(frozen=True)
class PassphraseRating:
    score: int  # 0 = too short … MAX_SCORE = very strong
    word: str
    hint: str


def rate_passphrase(passphrase: str) -> PassphraseRating:
    """Rate by length and by how many kinds of characters it mixes."""
    missing = MIN_PASSPHRASE_LENGTH - len(passphrase)
    if missing > 0:
        hint = (
            words.STRENGTH_ONE_MORE.format(minimum=MIN_PASSPHRASE_LENGTH)
            if missing == 1
            else words.STRENGTH_MORE_NEEDED.format(count=missing, minimum=MIN_PASSPHRASE_LENGTH)
        )
        return PassphraseRating(0, words.STRENGTH_WORDS[0], hint)
    kinds = sum(
        (
            any(c.islower() for c in passphrase),
            any(c.isupper() for c in passphrase),
            any(c.isdigit() for c in passphrase),
            any(not c.isalnum() for c in passphrase),
        )
    )
    score = 1 + (len(passphrase) >= 16) + (len(passphrase) >= 24) + (kinds >= 3)
    score = min(score, MAX_SCORE)
    hint = words.STRENGTH_HINT_GOOD if score >= 3 else words.STRENGTH_HINT_VARIETY
    return PassphraseRating(score, words.STRENGTH_WORDS[score], hint)


class PassphraseStrengthWidget(QWidget):
    """Shows the rating of whatever ``set_passphrase`` was last given."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._bar = QProgressBar(self)
        self._bar.setRange(0, MAX_SCORE)
        self._bar.setTextVisible(False)
        self._bar.setMaximumHeight(10)
        self._bar.setAccessibleName(words.STRENGTH_LABEL)
        self._word = QLabel(self)
        self._word.setAccessibleName(words.STRENGTH_LABEL)
        bold = self._word.font()
        bold.setBold(True)
        self._word.setFont(bold)
        self._hint = QLabel(self)
        self._hint.setWordWrap(True)
        self._hint.setAccessibleName("What the passphrase still needs")
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self._bar, 1)
        row.addWidget(self._word)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self._hint)
        self.set_passphrase("")

    @property
    def rating(self) -> PassphraseRating:
        return self._rating

    @property
    def word_text(self) -> str:
        return self._word.text()

    @property
    def hint_text(self) -> str:
        return self._hint.text()

    def set_passphrase(self, passphrase: str) -> None:
        self._rating = rate_passphrase(passphrase)
        self._bar.setValue(self._rating.score)
        self._word.setText(self._rating.word)
        self._hint.setText(self._rating.hint)
