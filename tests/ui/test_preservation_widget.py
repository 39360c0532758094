"""The evidence preservation cards (CPP 14.7 G.4) on a real case, driven by keyboard and mouse."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from incident_desk.domain.clock import ManualClock
from incident_desk.domain.enums import (
    AllegationType,
    PersonKind,
    PersonRole,
    PreservationAct,
    ReceivedHow,
    TimeCertainty,
)
from incident_desk.domain.validation import MSG_TIME_IN_FUTURE
from incident_desk.services.cases import NewPerson, NewReport, open_case
from incident_desk.services.preservation import (
    MSG_HOW_ENSURED_MISSING,
    preservation_cards,
    record_preservation_instruction,
    record_preservation_violation,
)
from incident_desk.services.workspace import Workspace
from incident_desk.ui.widgets.background import BackgroundRunner
from incident_desk.ui.workflow.preservation_card_widget import PreservationCardWidget
from incident_desk.ui.workflow.preservation_widget import PreservationServices, PreservationWidget

VICTIM = "José Álvarez"
PERPETRATOR = "Mark Stone"
POLICY = (
    "If the incident occurred within the previous 48 hours the alleged victim and alleged "
    "perpetrator shall not take any actions that could destroy physical evidence which "
    "includes: washing, brushing teeth, changing clothes, urinating, defecating, smoking, "
    "drinking or eating."
)
ACTS = (
    "Washing",
    "Brushing teeth",
    "Changing clothes",
    "Urinating",
    "Defecating",
    "Smoking",
    "Drinking",
    "Eating",
)


def open_report(workspace: Workspace, clock: ManualClock) -> str:
    """A case received now of abuse exactly three hours ago, between two offenders."""
    report = NewReport(
        received_how=ReceivedHow.VERBAL,
        allegation_type=AllegationType.OFFENDER_NONCONSENSUAL_SEXUAL_ACTS,
        location="Dorm 4, shower",
        incident_at=clock.now() - timedelta(hours=3),
        incident_certainty=TimeCertainty.EXACT,
        narrative="Reported to the officer on the unit.",
        people=(
            NewPerson(VICTIM, PersonRole.ALLEGED_VICTIM, PersonKind.OFFENDER, "A-1001"),
            NewPerson(PERPETRATOR, PersonRole.ALLEGED_PERPETRATOR, PersonKind.OFFENDER, "B-2002"),
        ),
    )
    return open_case(workspace, report).summary.case_number


def screen_for(qtbot: QtBot, workspace: Workspace, case_number: str) -> PreservationWidget:
    services = PreservationServices(
        cards=partial(preservation_cards, workspace),
        instruct=partial(record_preservation_instruction, workspace),
        record_violation=partial(record_preservation_violation, workspace),
        now=workspace.clock.now,
    )
    runner = BackgroundRunner()
    screen = PreservationWidget(case_number, services, runner)
    runner.setParent(screen)
    qtbot.addWidget(screen)
    screen.resize(1366, 768)
    screen.show()
    settle(qtbot, screen)
    return screen


def settle(qtbot: QtBot, screen: PreservationWidget) -> None:
    qtbot.waitUntil(lambda: not screen._runner.busy, timeout=10_000)
    QApplication.sendPostedEvents()


def card_of(screen: PreservationWidget, name: str) -> PreservationCardWidget:
    return next(card for card in screen.cards.values() if card.card.person.name == name)


def texts(card: PreservationCardWidget) -> list[str]:
    return [label.text() for label in card.findChildren(QLabel)]


def snap(screen: PreservationWidget, screenshot_dir: Path, name: str) -> None:
    QApplication.sendPostedEvents()
    screen.grab().save(str(screenshot_dir / f"{name}.png"))


def click(qtbot: QtBot, screen: PreservationWidget, button: QWidget) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    settle(qtbot, screen)


def test_a_card_each_for_victim_and_perpetrator_with_the_policy_words(
    qtbot: QtBot, sign_in_as: Callable[[str], Workspace], clock: ManualClock, screenshot_dir: Path
) -> None:
    supervisor = sign_in_as("sup")
    screen = screen_for(qtbot, supervisor, open_report(supervisor, clock))
    victim, perpetrator = screen.cards.values()
    assert victim.title.text() == f"Alleged victim: {VICTIM} (A-1001)"
    assert perpetrator.title.text() == f"Alleged perpetrator: {PERPETRATOR} (B-2002)"
    assert "Preservation is requested of this person." in texts(victim)
    assert any(text.startswith("Preservation is ensured for") for text in texts(perpetrator))
    for card in (victim, perpetrator):
        shown = texts(card)
        assert f"\u201c{POLICY}\u201d \u2014 CPP 14.7 G.4" in shown
        assert [f"\u2022 {act}" for act in ACTS] == [t for t in shown if t[2:] in ACTS]
        assert card.window_status.text() == "Open"
        assert card.window_detail.text() == (
            "48-hour evidence preservation window: 1 d 21 h left (until 24 Nov 00:00 UTC)"
        )
        assert card.instruction_form.isVisible()
        assert card.violations_text.text() == "None recorded."
    assert victim.instruction_text.text().startswith("Not requested yet.")
    assert perpetrator.instruction_text.text().startswith("Not ensured yet.")
    snap(screen, screenshot_dir, "preservation-cards-new")
    clock.advance(timedelta(hours=42))
    screen._on_window_timer_timeout()
    settle(qtbot, screen)
    assert victim.window_status.text() == "Due soon"


def test_instructions_are_recorded_with_time_and_who(
    qtbot: QtBot, sign_in_as: Callable[[str], Workspace], clock: ManualClock, screenshot_dir: Path
) -> None:
    supervisor = sign_in_as("sup")
    screen = screen_for(qtbot, supervisor, open_report(supervisor, clock))
    victim, perpetrator = card_of(screen, VICTIM), card_of(screen, PERPETRATOR)
    clock.advance(timedelta(minutes=4))
    # The perpetrator's "how it is ensured" is required: refused, and nothing typed is lost.
    qtbot.keyClicks(perpetrator.late_reason, "not needed")
    click(qtbot, screen, perpetrator.record_instruction)
    assert perpetrator.errors["how_ensured"].isVisible()
    assert perpetrator.errors["how_ensured"].text() == MSG_HOW_ENSURED_MISSING
    assert perpetrator.late_reason.text() == "not needed"
    snap(screen, screenshot_dir, "preservation-instruction-refused")
    perpetrator.late_reason.clear()
    qtbot.keyClicks(perpetrator.how_ensured, "Dry cell, water turned off, constant observation.")
    qtbot.mouseClick(victim.instructed_at.now_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(screen.instruction_recorded, timeout=10_000):
        qtbot.mouseClick(victim.record_instruction, Qt.MouseButton.LeftButton)
    settle(qtbot, screen)
    click(qtbot, screen, perpetrator.record_instruction)
    assert victim.instruction_text.text() == (
        "Requested 22 Nov 2026 03:04 UTC by Sgt. Dana Brooks."
    )
    assert perpetrator.instruction_text.text() == (
        "Ensured 22 Nov 2026 03:04 UTC by Sgt. Dana Brooks. "
        "How: Dry cell, water turned off, constant observation."
    )
    assert not victim.instruction_form.isVisible()
    assert not perpetrator.errors["how_ensured"].isVisible()
    cards = preservation_cards(supervisor, screen.case_number)
    assert [len(card.instructions) for card in cards] == [1, 1]
    snap(screen, screenshot_dir, "preservation-instructed")


def test_an_act_that_happened_anyway_is_shown_with_its_time(
    qtbot: QtBot, sign_in_as: Callable[[str], Workspace], clock: ManualClock, screenshot_dir: Path
) -> None:
    supervisor = sign_in_as("sup")
    screen = screen_for(qtbot, supervisor, open_report(supervisor, clock))
    victim = card_of(screen, VICTIM)
    # Without an act chosen it is refused on the card, before anything is sent.
    click(qtbot, screen, victim.record_violation)
    assert (
        victim.errors["act"].text()
        == "Choose which of the eight acts happened, then record it again."
    )
    victim.act.setFocus()
    qtbot.keyClick(victim.act, Qt.Key.Key_Down)
    assert victim.act.currentData() == PreservationAct.WASHING
    qtbot.keyClicks(victim.details, "Showered before reporting.")
    clock.advance(timedelta(minutes=20))  # entered now, about what happened at 03:00
    with qtbot.waitSignal(screen.violation_recorded, timeout=10_000):
        qtbot.mouseClick(victim.record_violation, Qt.MouseButton.LeftButton)
    settle(qtbot, screen)
    assert victim.violations_text.text() == (
        "\u2022 Washing at 22 Nov 2026 03:00 UTC (recorded by Sgt. Dana Brooks)"
        " \u2014 Showered before reporting."
    )
    assert victim.act.currentIndex() == 0
    assert victim.details.text() == ""
    assert card_of(screen, PERPETRATOR).violations_text.text() == "None recorded."
    snap(screen, screenshot_dir, "preservation-violation-recorded")


def test_a_violation_time_in_the_future_is_refused_and_kept(
    qtbot: QtBot, sign_in_as: Callable[[str], Workspace], clock: ManualClock, screenshot_dir: Path
) -> None:
    supervisor = sign_in_as("sup")
    screen = screen_for(qtbot, supervisor, open_report(supervisor, clock))
    perpetrator = card_of(screen, PERPETRATOR)
    perpetrator.act.setFocus()
    for _ in range(6):
        qtbot.keyClick(perpetrator.act, Qt.Key.Key_Down)
    assert perpetrator.act.currentData() == PreservationAct.SMOKING
    # The day is the first part of the time editor: one step up is tomorrow.
    edit = perpetrator.occurred_at.edit
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_Up)
    qtbot.keyClicks(perpetrator.details, "Lit a cigarette in the cell.")
    with qtbot.waitSignal(screen.refused, timeout=10_000):
        qtbot.mouseClick(perpetrator.record_violation, Qt.MouseButton.LeftButton)
    settle(qtbot, screen)
    expected = MSG_TIME_IN_FUTURE.format(moment="23 Nov 2026 03:00", now="22 Nov 2026 03:00")
    assert perpetrator.errors["occurred_at"].isVisible()
    assert perpetrator.errors["occurred_at"].text() == expected
    assert perpetrator.act.currentData() == PreservationAct.SMOKING
    assert perpetrator.details.text() == "Lit a cigarette in the cell."
    assert perpetrator.violations_text.text() == "None recorded."
    assert preservation_cards(supervisor, screen.case_number)[1].violations == ()
    snap(screen, screenshot_dir, "preservation-violation-refused")
