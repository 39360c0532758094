"""First-run setup: the facility, the administrator's account, then the recovery key shown once.

The administrator page is a commit page: "Create installation" runs ``initialize`` in the
background and, once it has succeeded, nothing on the earlier pages can create it again. The
wizard cannot be finished or closed before the recovery key is confirmed as stored.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from incident_desk.domain.validation import ValidationMessage
from incident_desk.services.errors import InputRejected
from incident_desk.services.installation import (
    InitResult,
    check_facility,
    check_passphrase,
    check_username,
)
from incident_desk.ui.messages import shell as words
from incident_desk.ui.widgets.background import BackgroundRunner
from incident_desk.ui.widgets.passphrase_strength_widget import PassphraseStrengthWidget

Initialize = Callable[..., InitResult]


def _field(parent: QWidget, name: str, placeholder: str = "") -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setAccessibleName(name)
    edit.setPlaceholderText(placeholder)
    return edit


def display_key(recovery_key: str) -> str:
    """The key in lines of five groups, easier to copy by hand (any spacing is accepted back)."""
    groups = recovery_key.split("-")
    return "\n".join("-".join(groups[i : i + 5]) for i in range(0, len(groups), 5))


def _problem_label(parent: QWidget, name: str) -> QLabel:
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setAccessibleName(f"Problem with {name.lower()}" if name else "Problem")
    label.setStyleSheet("font-weight: bold;")
    label.setVisible(False)
    return label


class _FieldsPage(QWizardPage):
    """A page of labelled fields, each with its problem message shown underneath."""

    def __init__(self, title: str, subtitle: str) -> None:
        super().__init__()
        self.setTitle(title)
        self.setSubTitle(subtitle)
        self._form = QFormLayout(self)
        self._problems: dict[str, QLabel] = {}

    def _add(self, key: str, label: str, widget: QWidget) -> None:
        self._form.addRow(label, widget)
        self._problems[key] = _problem_label(self, label)
        self._form.addRow("", self._problems[key])

    def show_messages(
        self, messages: list[ValidationMessage] | tuple[ValidationMessage, ...]
    ) -> None:
        for label in self._problems.values():
            label.clear()
            label.setVisible(False)
        for message in messages:
            label = self._problems.get(message.field) or self._problems["general"]
            label.setText(" ".join(filter(None, (label.text(), message.text))))
            label.setVisible(True)

    def problem_text(self, key: str) -> str:
        return self._problems[key].text()


class FacilityPage(_FieldsPage):
    def __init__(self) -> None:
        super().__init__(words.SETUP_FACILITY_TITLE, words.SETUP_FACILITY_SUBTITLE)
        self.agency_field = _field(self, words.LABEL_AGENCY, words.PLACEHOLDER_AGENCY)
        self.facility_field = _field(self, words.LABEL_FACILITY, words.PLACEHOLDER_FACILITY)
        self.code_field = _field(self, words.LABEL_FACILITY_CODE, words.PLACEHOLDER_FACILITY_CODE)
        self.code_field.setMaxLength(20)
        self._add("agency", words.LABEL_AGENCY, self.agency_field)
        self._add("facility", words.LABEL_FACILITY, self.facility_field)
        self._add("facility_code", words.LABEL_FACILITY_CODE, self.code_field)
        self._problems["general"] = self._problems["facility"]

    def validatePage(self) -> bool:  # noqa: N802 (Qt's name)
        messages = check_facility(self.facility_field.text(), self.code_field.text())
        self.show_messages(messages)
        return not messages


class AdministratorPage(_FieldsPage):
    """Checks the account, then creates the installation in the background (once)."""

    def __init__(self, create: Callable[[], None]) -> None:
        super().__init__(words.SETUP_ADMIN_TITLE, words.SETUP_ADMIN_SUBTITLE)
        self._create = create
        self.created = False
        self.busy = False
        self.user_field = _field(self, words.LABEL_ADMIN_USER, words.PLACEHOLDER_ADMIN_USER)
        self.name_field = _field(self, words.LABEL_ADMIN_NAME)
        self.passphrase_field = _field(self, words.LABEL_ADMIN_PASSPHRASE)
        self.confirm_field = _field(self, words.LABEL_ADMIN_CONFIRM)
        for secret in (self.passphrase_field, self.confirm_field):
            secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.strength = PassphraseStrengthWidget(self)
        self._add("admin", words.LABEL_ADMIN_USER, self.user_field)
        self._add("name", words.LABEL_ADMIN_NAME, self.name_field)
        self._add("passphrase", words.LABEL_ADMIN_PASSPHRASE, self.passphrase_field)
        self._form.addRow(words.STRENGTH_LABEL, self.strength)
        self._add("confirm", words.LABEL_ADMIN_CONFIRM, self.confirm_field)
        self.busy_bar = QProgressBar(self)
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setAccessibleName(words.BUSY_CREATING)
        self.busy_label = QLabel(words.BUSY_CREATING, self)
        self.busy_label.setAccessibleName(words.BUSY_CREATING)
        self._form.addRow(self.busy_label, self.busy_bar)
        self._add("general", "", QWidget(self))
        self.set_busy(False)
        self.passphrase_field.textChanged.connect(self.strength.set_passphrase)
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, words.BUTTON_CREATE)

    def validatePage(self) -> bool:  # noqa: N802 (Qt's name)
        if self.created:
            return True  # made already: going back and on again must not make a second one
        if self.busy:
            return False
        messages = check_username(self.user_field.text(), "admin") + check_passphrase(
            self.passphrase_field.text()
        )
        if self.passphrase_field.text() != self.confirm_field.text():
            messages.append(ValidationMessage("confirm", words.PASSPHRASES_DIFFER))
        self.show_messages(messages)
        if not messages:
            self._create()
        return False  # the wizard moves on by itself once the installation exists

    def set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.busy_bar.setVisible(busy)
        self.busy_label.setVisible(busy)
        for field in (self.user_field, self.name_field, self.passphrase_field, self.confirm_field):
            field.setEnabled(not busy and not self.created)


class RecoveryKeyPage(QWizardPage):
    def __init__(self, print_key: Callable[[], None]) -> None:
        super().__init__()
        self.key = ""
        self.setTitle(words.SETUP_KEY_TITLE)
        self.setSubTitle(words.SETUP_KEY_SUBTITLE)
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        self.key_label = QLabel(self)
        self.key_label.setFrameShape(QLabel.Shape.StyledPanel)
        self.key_label.setMargin(12)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(max(font.pointSizeF(), 10.0) * 1.5)
        font.setBold(True)
        self.key_label.setFont(font)
        self.key_label.setWordWrap(True)
        self.key_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.key_label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.key_label.setAccessibleName("Recovery key")
        layout.addWidget(self.key_label)
        instructions = QLabel(words.KEY_INSTRUCTIONS, self)
        instructions.setWordWrap(True)
        instructions.setAccessibleName("What to do with the recovery key")
        layout.addWidget(instructions)
        buttons = QHBoxLayout()
        self.copy_button = QPushButton(words.BUTTON_COPY, self)
        self.copy_button.setAccessibleName("Copy the recovery key")
        self.print_button = QPushButton(words.BUTTON_PRINT, self)
        self.print_button.setAccessibleName("Print the recovery key")
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.print_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.note_label = QLabel(self)
        self.note_label.setWordWrap(True)
        self.note_label.setAccessibleName("Recovery key note")
        layout.addWidget(self.note_label)
        self.stored_box = QCheckBox(words.CONFIRM_STORED, self)
        self.stored_box.setAccessibleName(words.CONFIRM_STORED)
        layout.addWidget(self.stored_box)
        layout.addStretch(1)
        self.copy_button.clicked.connect(self._on_copy_clicked)
        self.print_button.clicked.connect(print_key)
        self.stored_box.toggled.connect(self.completeChanged)

    def isComplete(self) -> bool:  # noqa: N802 (Qt's name)
        return self.stored_box.isChecked()

    def _on_copy_clicked(self) -> None:
        QGuiApplication.clipboard().setText(self.key)
        self.note_label.setText(words.KEY_COPIED)


class SetupWizard(QWizard):
    """Emits ``installation_created(data_dir)`` when finished with the key confirmed stored."""

    installation_created = Signal(object)

    def __init__(
        self, data_dir: Path, initialize: Initialize, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._data_dir = data_dir
        self._initialize = initialize
        self._result: InitResult | None = None
        self._runner = BackgroundRunner(self)
        self._runner.busy_changed.connect(self._on_runner_busy_changed)
        self.setWindowTitle(words.WINDOW_TITLE)
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.facility_page = FacilityPage()
        self.admin_page = AdministratorPage(self._create)
        self.key_page = RecoveryKeyPage(self._on_print_requested)
        for page in (self.facility_page, self.admin_page, self.key_page):
            self.addPage(page)
        self.resize(760, 600)

    @property
    def result_of_setup(self) -> InitResult | None:
        return self._result

    def _create(self) -> None:
        facility, admin = self.facility_page, self.admin_page
        arguments = {
            "agency_name": facility.agency_field.text(),
            "facility_name": facility.facility_field.text(),
            "facility_code": facility.code_field.text(),
            "admin_username": admin.user_field.text(),
            "admin_display_name": admin.name_field.text(),
            "admin_passphrase": admin.passphrase_field.text(),
        }
        self._runner.run(
            lambda: self._initialize(**arguments), self._on_created, self._on_create_failed
        )

    def _on_created(self, result: InitResult) -> None:
        self._result = result
        self.admin_page.created = True
        self.admin_page.set_busy(False)
        for field in (self.admin_page.passphrase_field, self.admin_page.confirm_field):
            field.clear()  # the passphrase is not kept in the window once it has been used
        for field in (
            self.facility_page.agency_field,
            self.facility_page.facility_field,
            self.facility_page.code_field,
        ):
            field.setReadOnly(True)
        self.key_page.key = result.recovery_key
        self.key_page.key_label.setText(display_key(result.recovery_key))
        self.next()

    def _on_create_failed(self, error: BaseException) -> None:
        if isinstance(error, InputRejected):
            self.admin_page.show_messages(error.messages)
        else:
            detail = words.as_sentence(str(error) or type(error).__name__)
            self.admin_page.show_messages(
                [ValidationMessage("general", words.CREATE_FAILED.format(detail=detail))]
            )

    def _on_runner_busy_changed(self, busy: bool) -> None:
        self.admin_page.set_busy(busy)
        self.button(QWizard.WizardButton.CommitButton).setEnabled(not busy)
        self.button(QWizard.WizardButton.BackButton).setEnabled(not busy)
        self.button(QWizard.WizardButton.CancelButton).setEnabled(not busy)

    def _on_print_requested(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_recovery_key(printer)
            self.key_page.note_label.setText(words.KEY_PRINTED)

    def print_recovery_key(self, printer: QPrinter) -> None:
        """Draw the recovery key sheet on ``printer`` (a real printer, or a PDF in tests)."""
        result = self._result
        if result is None:
            return
        # The painter's origin is the printable area's corner; the sheet is drawn top to bottom.
        page = printer.pageLayout().paintRectPixels(printer.resolution())
        area = QRectF(0, 0, page.width(), page.height())
        painter = QPainter(printer)
        try:
            draw_key_sheet(painter, area, printer.resolution(), result, self._sheet_lines(result))
        finally:
            painter.end()

    def _sheet_lines(self, result: InitResult) -> list[str]:
        page = self.facility_page
        facility = page.facility_field.text().strip()
        lines = [words.PRINT_FACILITY.format(facility=facility, code=result.facility_code)]
        if page.agency_field.text().strip():
            lines.append(words.PRINT_AGENCY.format(agency=page.agency_field.text().strip()))
        lines.append(words.PRINT_ADMIN.format(admin=result.admin_username))
        return lines

    def accept(self) -> None:
        if self._result is None or not self.key_page.isComplete():
            return
        super().accept()
        self.installation_created.emit(self._data_dir)

    def reject(self) -> None:
        # Once made, the only way out is to confirm the key is stored: it is never shown again.
        if self._result is not None:
            self.key_page.note_label.setText(words.STORE_BEFORE_CLOSING)
            return
        if not self._runner.busy:
            super().reject()


def draw_key_sheet(
    painter: QPainter, area: QRectF, dpi: int, result: InitResult, lines: list[str]
) -> None:
    """The recovery key sheet, on any paint device (a printer, a PDF, an image for a preview)."""
    y = 0.0

    def write(text: str, size: float, bold: bool = False, family: str = "") -> None:
        nonlocal y
        font = QFont(family) if family else QFont()
        font.setPointSizeF(size)
        font.setBold(bold)
        painter.setFont(font)
        box = QRectF(area.left(), area.top() + y, area.width(), area.height() - y)
        flags = int(Qt.AlignmentFlag.AlignLeft) | int(Qt.TextFlag.TextWordWrap)
        used = painter.boundingRect(box, flags, text)
        painter.drawText(box, flags, text)
        y += used.height() + dpi * 0.15

    write(words.PRINT_CONFIDENTIAL, 14, bold=True)
    write(words.PRINT_TITLE, 20, bold=True)
    for line in lines:
        write(line, 12)
    y += dpi * 0.3
    mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont).family()
    write(display_key(result.recovery_key), 18, bold=True, family=mono)
    y += dpi * 0.3
    write(words.PRINT_INSTRUCTIONS, 12)
    write(words.CONFIDENTIALITY_BANNER.replace("<b>", "").replace("</b>", ""), 10)
