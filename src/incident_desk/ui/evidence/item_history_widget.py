"""The chain of custody of one item, link by link, as a court would read it.

Every link ever written is shown, oldest first: a corrected link stays, struck through and
marked as superseded, next to the correction that replaced it with its reason. Drawn
signatures are drawn small from their stored vectors; one that no longer matches its
fingerprint says so.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from incident_desk.domain.enums import CustodyAction
from incident_desk.services.contacts import ContactSnapshot
from incident_desk.services.custody_signatures import SignatureRef, SignatureSnapshot
from incident_desk.services.evidence_views import CustodyLink, EvidenceItemView
from incident_desk.ui.evidence.evidence_item_model import shown_moment
from incident_desk.ui.messages import evidence as words
from incident_desk.ui.widgets.signature_pad_widget import SignatureCanvas
from incident_desk.ui.workflow.step_fields import error_label, page_label

SIGNATURE_WIDTH, SIGNATURE_HEIGHT = 150, 50


def _name(contact: ContactSnapshot | None) -> str:
    return contact.name if contact is not None else words.NOBODY


def link_lines(link: CustodyLink) -> list[str]:
    """What a link says, in words, after its title."""
    if link.action is CustodyAction.COLLECTED:
        lines = [words.LINK_COLLECTED.format(to=_name(link.to_contact))]
    elif link.action is CustodyAction.TRANSFERRED:
        lines = [
            words.LINK_TRANSFERRED.format(
                sender=_name(link.from_contact), receiver=_name(link.to_contact)
            )
        ]
    else:
        to = words.LINK_ENDED_TO.format(to=link.disposition_to) if link.disposition_to else ""
        lines = [
            words.LINK_ENDED.format(
                action=words.ACTION_WORDS[link.action], sender=_name(link.from_contact), to=to
            )
        ]
    if link.purpose:
        lines.append(words.LINK_PURPOSE.format(purpose=link.purpose))
    lines.extend(link.notes)
    lines.append(
        words.LINK_RECORDED.format(
            when=shown_moment(link.recorded_at), who=link.recorded_by, id=link.id
        )
    )
    return lines


class LinkEntry(QFrame):
    """One link of the chain, with its signatures."""

    def __init__(
        self,
        number: int,
        link: CustodyLink,
        signatures: Mapping[int, SignatureSnapshot],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.link = link
        self.setFrameShape(QFrame.Shape.StyledPanel)
        column = QVBoxLayout(self)
        column.setContentsMargins(8, 6, 8, 6)
        title = words.LINK_TITLE.format(
            number=number,
            action=words.ACTION_WORDS[link.action],
            when=shown_moment(link.transferred_at),
        )
        self.title = page_label(title, self, bold=True)
        if link.superseded:
            font = self.title.font()
            font.setStrikeOut(True)
            self.title.setFont(font)
        column.addWidget(self.title)
        self.marks: list[QLabel] = []
        if link.is_correction:
            self.marks.append(
                page_label(
                    words.LINK_CORRECTION.format(
                        original=link.corrects_id, reason=link.correction_reason
                    ),
                    self,
                    bold=True,
                )
            )
        if link.superseded_by is not None:
            self.marks.append(
                page_label(words.LINK_SUPERSEDED.format(newer=link.superseded_by), self, bold=True)
            )
        for mark in self.marks:
            column.addWidget(mark)
        self.lines = [page_label(text, self) for text in link_lines(link)]
        for line in self.lines:
            column.addWidget(line)
        self.signatures: list[SignatureCanvas] = []
        row = QHBoxLayout()
        for ref, contact in (
            (link.from_signature, link.from_contact),
            (link.to_signature, link.to_contact),
        ):
            shown = self._signature(ref, contact, signatures)
            if shown is not None:
                row.addWidget(shown)
        row.addStretch(1)
        column.addLayout(row)
        self.setAccessibleName(title)
        self.setAccessibleDescription(" ".join(label.text() for label in self.marks + self.lines))

    def _signature(
        self,
        ref: SignatureRef | None,
        contact: ContactSnapshot | None,
        signatures: Mapping[int, SignatureSnapshot],
    ) -> QWidget | None:
        if ref is None:
            return None
        box = QWidget(self)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        canvas = SignatureCanvas(box, read_only=True)
        canvas.setFixedSize(SIGNATURE_WIDTH, SIGNATURE_HEIGHT)
        canvas.setAccessibleName(words.LINK_SIGNATURE_ACCESSIBLE.format(who=_name(contact)))
        stored = signatures.get(ref.id)
        if stored is not None:
            canvas.set_strokes(stored.strokes, stored.width, stored.height)
        self.signatures.append(canvas)
        column.addWidget(canvas)
        column.addWidget(page_label(words.LINK_SIGNED_BY.format(who=_name(contact)), box))
        if stored is not None and not stored.intact:
            warning = error_label(box)
            warning.setText(words.LINK_SIGNATURE_CHANGED)
            warning.show()
            column.addWidget(warning)
        return box


class ItemHistoryWidget(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(words.HISTORY_ACCESSIBLE_NAME)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.heading = page_label("", self, bold=True)
        outer.addWidget(self.heading)
        self.problems = error_label(self)
        self.problems.setAccessibleName("Breaks in the chain of custody")
        outer.addWidget(self.problems)
        # The screen scrolls the whole item; the history is as long as the chain.
        self._content = QWidget(self)
        self._column = QVBoxLayout(self._content)
        self._column.setContentsMargins(0, 0, 0, 0)
        self._column.addStretch(1)
        outer.addWidget(self._content, 1)
        self.entries: list[LinkEntry] = []

    def clear(self) -> None:
        for entry in self.entries:
            self._column.removeWidget(entry)
            entry.deleteLater()
        self.entries = []
        self.heading.setText("")
        self.problems.hide()

    def show_item(
        self, item: EvidenceItemView, signatures: Mapping[int, SignatureSnapshot]
    ) -> None:
        self.clear()
        count = len(item.chain)
        heading = words.HISTORY_HEADING_ONE if count == 1 else words.HISTORY_HEADING
        self.heading.setText(heading.format(count=count))
        if item.problems:
            self.problems.setText(words.HISTORY_PROBLEMS.format(problems=" ".join(item.problems)))
            self.problems.show()
        for number, link in enumerate(item.chain, start=1):
            entry = LinkEntry(number, link, signatures, self._content)
            self._column.insertWidget(self._column.count() - 1, entry)
            self.entries.append(entry)
