"""The evidence preservation screen of a case (CPP 14.7 G.4): a card per alleged victim and
alleged perpetrator, side by side.

Everything that touches the database runs through the BackgroundRunner while a busy bar shows.
After each recording the cards are loaded again, and updated in place, so what is typed in
another card's forms stays. The 48-hour window's wording is refreshed as time passes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from itertools import pairwise

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from incident_desk.domain.enums import PreservationAct
from incident_desk.services.preservation import (
    InstructionSnapshot,
    PreservationCard,
    ViolationSnapshot,
)
from incident_desk.ui.messages import preservation as words
from incident_desk.ui.widgets.background import BackgroundRunner
from incident_desk.ui.widgets.section_header import section_header
from incident_desk.ui.workflow.preservation_card_widget import PreservationCardWidget
from incident_desk.ui.workflow.step_fields import error_label, page_label

#: How often the window's "x h left" is worded again and the cards are read again.
WINDOW_REFRESH_MS = 30_000
CARDS_PER_ROW = 2


@dataclass(frozen=True)
class PreservationServices:
    """The preservation use-cases, bound to the signed-in workspace by the composition root."""

    #: ``cards(case_number)`` (services.preservation.preservation_cards)
    cards: Callable[[str], tuple[PreservationCard, ...]]
    #: ``instruct(case_number, case_person_id, instructed_at, how_ensured, late_entry_reason)``
    instruct: Callable[[str, int, datetime, str, str], InstructionSnapshot]
    #: ``record_violation(case_number, case_person_id, act, occurred_at, details)``
    record_violation: Callable[[str, int, PreservationAct, datetime, str], ViolationSnapshot]
    now: Callable[[], datetime]


class PreservationWidget(QWidget):
    """All preservation cards of one case; signals say what was recorded (a person's id)."""

    loaded = Signal()
    instruction_recorded = Signal(int)
    violation_recorded = Signal(int)
    refused = Signal(str)

    def __init__(
        self,
        case_number: str,
        services: PreservationServices,
        runner: BackgroundRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.case_number = case_number
        self._services = services
        self._runner = runner
        self.cards: dict[int, PreservationCardWidget] = {}
        #: Set when the screen is closed: work still running must not touch its widgets.
        self._retired = False
        self.setAccessibleName(words.SCREEN_ACCESSIBLE_NAME)

        outer = QVBoxLayout(self)
        header = section_header(
            self,
            words.SCREEN_HEADING.format(case_number=case_number),
            words.WORKING,
            words.RELOAD,
            "Reload the preservation cards",
        )
        self.busy_bar, self.reload_button = header.busy_bar, header.reload_button
        self.reload_button.clicked.connect(self._on_reload_button_clicked)
        outer.addLayout(header.layout)
        outer.addWidget(page_label(words.SCREEN_INTRO, self))
        self.status = page_label(words.LOADING, self)
        self.status.setAccessibleName("Preservation status")
        outer.addWidget(self.status)
        self.failure = error_label(self)
        self.failure.setAccessibleName("Problem loading")
        outer.addWidget(self.failure)

        content = QWidget(self)
        self._grid = QGridLayout(content)
        self._grid.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        self._content = content
        outer.addWidget(scroll, 1)

        self._runner.busy_changed.connect(self._on_runner_busy_changed)
        self._window_timer = QTimer(self)
        self._window_timer.setInterval(WINDOW_REFRESH_MS)
        self._window_timer.timeout.connect(self._on_window_timer_timeout)
        self._window_timer.start()
        self.reload()

    def retire(self) -> None:
        """Stop reacting to work still in flight; the owner is about to delete the screen."""
        self._retired = True
        self._window_timer.stop()

    # -- loading -------------------------------------------------------------------------------

    def reload(self) -> None:
        """Load the cards again; cards already shown keep what is typed in them."""
        number = self.case_number
        self._runner.run(
            lambda: self._services.cards(number), self._on_cards_loaded, self._on_load_failed
        )

    def _on_reload_button_clicked(self) -> None:
        self.reload()

    def _on_cards_loaded(self, cards: tuple[PreservationCard, ...]) -> None:
        if self._retired:
            return
        self.failure.hide()
        wanted = [card.person.id for card in cards]
        if wanted != list(self.cards):
            self._rebuild(cards)
        else:
            for card in cards:
                self.cards[card.person.id].show_card(card)
        self.status.setText("" if cards else words.NO_PEOPLE)
        self.status.setVisible(not cards)
        self.loaded.emit()

    def _rebuild(self, cards: tuple[PreservationCard, ...]) -> None:
        for widget in self.cards.values():
            self._grid.removeWidget(widget)
            widget.deleteLater()
        self.cards = {}
        for index, card in enumerate(cards):
            widget = PreservationCardWidget(card, self._services.now, self._content)
            widget.instruction_requested.connect(self._on_card_instruction_requested)
            widget.violation_requested.connect(self._on_card_violation_requested)
            widget.set_busy(self._runner.busy)
            self._grid.addWidget(widget, index // CARDS_PER_ROW, index % CARDS_PER_ROW)
            self.cards[card.person.id] = widget
        # Tab moves through the cards in the order they are read: left card, then right.
        chain = [self.reload_button, *self.cards.values()]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _on_load_failed(self, error: BaseException) -> None:
        if self._retired:
            return
        self.status.hide()
        self.failure.setText(words.LOAD_FAILED.format(error=error))
        self.failure.show()

    # -- recording -----------------------------------------------------------------------------

    def _on_card_instruction_requested(
        self, person_id: int, instructed_at: datetime, how_ensured: str, late_reason: str
    ) -> None:
        number, instruct = self.case_number, self._services.instruct
        self._record(
            person_id,
            lambda: instruct(number, person_id, instructed_at, how_ensured, late_reason),
            self._on_instruction_recorded,
        )

    def _on_card_violation_requested(
        self, person_id: int, act: PreservationAct, occurred_at: datetime, details: str
    ) -> None:
        number, record = self.case_number, self._services.record_violation
        self._record(
            person_id,
            lambda: record(number, person_id, act, occurred_at, details),
            self._on_violation_recorded,
        )

    def _record(
        self,
        person_id: int,
        work: Callable[[], object],
        succeeded: Callable[[int], None],
    ) -> None:
        def on_success(_: object) -> None:
            if not self._retired:
                succeeded(person_id)

        def on_failure(error: BaseException) -> None:
            if self._retired:
                return
            card = self.cards.get(person_id)
            if card is not None:
                card.show_refusal(error)  # the form keeps everything typed
            self.refused.emit(str(error))

        self._runner.run(work, on_success, on_failure)

    def _on_instruction_recorded(self, person_id: int) -> None:
        card = self.cards.get(person_id)
        if card is not None:
            card.clear_instruction_form()
        self.instruction_recorded.emit(person_id)
        self.reload()

    def _on_violation_recorded(self, person_id: int) -> None:
        card = self.cards.get(person_id)
        if card is not None:
            card.clear_violation_form()
        self.violation_recorded.emit(person_id)
        self.reload()

    # -- time and busyness ---------------------------------------------------------------------

    def _on_runner_busy_changed(self, busy: bool) -> None:
        if self._retired:
            return
        self.busy_bar.setVisible(busy)
        for card in self.cards.values():
            card.set_busy(busy)

    def _on_window_timer_timeout(self) -> None:
        for card in self.cards.values():
            card.show_window()
        # Whether the window is due soon is the domain's call: ask it again now and then.
        if not self._runner.busy:
            self.reload()
