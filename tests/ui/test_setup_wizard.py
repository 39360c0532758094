"""First-run setup typed as an administrator would: it makes a real encrypted installation once,
refuses what services.installation refuses with its own words, and shows the recovery key once."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QWizard
from pytestqt.qtbot import QtBot

from incident_desk.domain.clock import ManualClock
from incident_desk.services.installation import InitResult, InstallationPaths, initialize
from incident_desk.services.workspace import sign_in
from incident_desk.ui.shell.setup_wizard import SetupWizard

PASSPHRASE = "the night shift keeps watch"


class _CountingInitialize:
    """The real initialize bound to the test's folder and clock, counting how often it runs."""

    def __init__(self, data_dir: Path, clock: ManualClock) -> None:
        self.data_dir = data_dir
        self.clock = clock
        self.calls = 0

    def __call__(self, **arguments: Any) -> InitResult:
        self.calls += 1
        return initialize(self.data_dir, clock=self.clock, **arguments)


@pytest.fixture
def target(tmp_path: Path) -> Path:
    return tmp_path / "empty" / "data"


@pytest.fixture
def create(target: Path, clock: ManualClock) -> _CountingInitialize:
    return _CountingInitialize(target, clock)


@pytest.fixture
def wizard(qtbot: QtBot, target: Path, create: _CountingInitialize) -> SetupWizard:
    wizard = SetupWizard(target, create)
    qtbot.addWidget(wizard)
    wizard.resize(1000, 700)
    wizard.show()
    return wizard


def _shot(wizard: SetupWizard, path: Path) -> None:
    QApplication.processEvents()
    wizard.grab().save(str(path))


def _fill_facility(qtbot: QtBot, wizard: SetupWizard) -> None:
    page = wizard.facility_page
    qtbot.keyClicks(page.agency_field, "Kentucky Department of Corrections")
    qtbot.keyClicks(page.facility_field, "Kentucky State Reformatory")
    qtbot.keyClicks(page.code_field, "ksr")


def _next(qtbot: QtBot, wizard: SetupWizard) -> None:
    button = wizard.button(QWizard.WizardButton.NextButton)
    if not button.isVisible():
        button = wizard.button(QWizard.WizardButton.CommitButton)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _fill_admin(qtbot: QtBot, wizard: SetupWizard, passphrase: str, confirm: str) -> None:
    page = wizard.admin_page
    for field in (page.user_field, page.name_field, page.passphrase_field, page.confirm_field):
        field.clear()
    qtbot.keyClicks(page.user_field, "admin")
    qtbot.keyClicks(page.name_field, "Alex Admin")
    qtbot.keyClicks(page.passphrase_field, passphrase)
    qtbot.keyClicks(page.confirm_field, confirm)


def _create(qtbot: QtBot, wizard: SetupWizard, busy_shot: Path | None = None) -> None:
    with qtbot.waitSignal(wizard.currentIdChanged, timeout=30_000):
        _next(qtbot, wizard)
        assert wizard.admin_page.busy_bar.isVisible()
        assert not wizard.admin_page.user_field.isEnabled()
        if busy_shot is not None:
            _shot(wizard, busy_shot)


def test_the_happy_path_makes_an_installation_the_administrator_can_sign_in_to(
    qtbot: QtBot,
    wizard: SetupWizard,
    target: Path,
    clock: ManualClock,
    create: _CountingInitialize,
    screenshot_dir: Path,
) -> None:
    assert wizard.windowTitle() == "Incident Desk"
    _fill_facility(qtbot, wizard)
    _shot(wizard, screenshot_dir / "setup-1-facility.png")
    _next(qtbot, wizard)
    assert wizard.currentPage() is wizard.admin_page
    _fill_admin(qtbot, wizard, PASSPHRASE, PASSPHRASE)
    assert wizard.admin_page.strength.word_text in {"Fair", "Strong", "Very strong"}
    _shot(wizard, screenshot_dir / "setup-2-administrator.png")
    _create(qtbot, wizard, screenshot_dir / "setup-2-creating.png")
    assert wizard.currentPage() is wizard.key_page
    assert create.calls == 1
    result = wizard.result_of_setup
    assert result is not None
    assert result.facility_code == "KSR"
    shown = wizard.key_page.key_label.text().replace("\n", "-")
    assert shown == result.recovery_key
    assert not wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
    _shot(wizard, screenshot_dir / "setup-3-recovery-key.png")

    # Escape / close before confirming keeps the wizard open: the key is never shown again.
    wizard.reject()
    assert wizard.isVisible()
    assert "tick the box before closing" in wizard.key_page.note_label.text()

    qtbot.mouseClick(wizard.key_page.copy_button, Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text() == result.recovery_key
    wizard.key_page.stored_box.click()
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    assert finish.isEnabled()
    _shot(wizard, screenshot_dir / "setup-3-recovery-key-stored.png")
    with qtbot.waitSignal(wizard.installation_created) as blocker:
        qtbot.mouseClick(finish, Qt.MouseButton.LeftButton)
    assert blocker.args == [target]
    assert InstallationPaths.at(target).exists()
    workspace = sign_in(target, "admin", PASSPHRASE, clock)
    try:
        assert workspace.actor.display_name == "Alex Admin"
        assert workspace.actor.facility_code == "KSR"
    finally:
        workspace.close()


def test_a_bad_facility_code_is_explained_under_the_field(
    qtbot: QtBot, wizard: SetupWizard, screenshot_dir: Path
) -> None:
    qtbot.keyClicks(wizard.facility_page.code_field, "K")
    _next(qtbot, wizard)
    assert wizard.currentPage() is wizard.facility_page
    assert wizard.facility_page.problem_text("facility") == "Enter the facility's name."
    assert "2 to 20 letters" in wizard.facility_page.problem_text("facility_code")
    _shot(wizard, screenshot_dir / "setup-1-facility-problems.png")


def test_short_and_mismatched_passphrases_are_refused_before_anything_is_made(
    qtbot: QtBot,
    wizard: SetupWizard,
    target: Path,
    create: _CountingInitialize,
    screenshot_dir: Path,
) -> None:
    _fill_facility(qtbot, wizard)
    _next(qtbot, wizard)
    _fill_admin(qtbot, wizard, "too short", "too short")
    assert wizard.admin_page.strength.word_text == "Too short"
    assert wizard.admin_page.strength.hint_text.startswith("3 more characters needed")
    _next(qtbot, wizard)
    assert wizard.currentPage() is wizard.admin_page
    assert "at least 12 characters" in wizard.admin_page.problem_text("passphrase")
    _shot(wizard, screenshot_dir / "setup-2-short-passphrase.png")

    _fill_admin(qtbot, wizard, PASSPHRASE, PASSPHRASE + "!")
    _next(qtbot, wizard)
    assert wizard.currentPage() is wizard.admin_page
    assert wizard.admin_page.problem_text("passphrase") == ""
    assert "not the same" in wizard.admin_page.problem_text("confirm")
    _shot(wizard, screenshot_dir / "setup-2-passphrases-differ.png")
    assert create.calls == 0
    assert not InstallationPaths.at(target).exists()


def test_going_back_after_creating_does_not_create_twice(
    qtbot: QtBot, wizard: SetupWizard, create: _CountingInitialize
) -> None:
    _fill_facility(qtbot, wizard)
    _next(qtbot, wizard)
    _fill_admin(qtbot, wizard, PASSPHRASE, PASSPHRASE)
    _create(qtbot, wizard)
    key = wizard.key_page.key
    assert not wizard.button(QWizard.WizardButton.BackButton).isVisible()
    wizard.back()
    assert wizard.currentPage() is wizard.admin_page
    assert not wizard.admin_page.user_field.isEnabled()
    wizard.next()
    assert wizard.currentPage() is wizard.key_page
    assert create.calls == 1
    assert wizard.key_page.key == key


def test_an_existing_installation_is_reported_and_left_alone(
    qtbot: QtBot, data_dir: Path, clock: ManualClock, screenshot_dir: Path
) -> None:
    create = _CountingInitialize(data_dir, clock)
    wizard = SetupWizard(data_dir, create)
    qtbot.addWidget(wizard)
    wizard.show()
    _fill_facility(qtbot, wizard)
    _next(qtbot, wizard)
    _fill_admin(qtbot, wizard, PASSPHRASE, PASSPHRASE)
    with qtbot.waitSignal(wizard._runner.busy_changed, check_params_cb=lambda busy: not busy):
        _next(qtbot, wizard)
    assert wizard.currentPage() is wizard.admin_page
    assert "already holds an Incident Desk installation" in wizard.admin_page.problem_text(
        "general"
    )
    assert wizard.admin_page.user_field.isEnabled()
    _shot(wizard, screenshot_dir / "setup-2-already-installed.png")


def test_the_recovery_key_prints_to_a_pdf(
    qtbot: QtBot, wizard: SetupWizard, tmp_path: Path
) -> None:
    _fill_facility(qtbot, wizard)
    _next(qtbot, wizard)
    _fill_admin(qtbot, wizard, PASSPHRASE, PASSPHRASE)
    _create(qtbot, wizard)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    pdf = tmp_path / "recovery-key.pdf"
    printer.setOutputFileName(str(pdf))
    wizard.print_recovery_key(printer)
    assert pdf.exists()
    assert pdf.read_bytes().startswith(b"%PDF")
    assert pdf.stat().st_size > 1000
