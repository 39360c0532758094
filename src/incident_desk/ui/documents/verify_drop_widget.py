"""Checking the signatures of any PDF: dropped on the panel or chosen with a file dialog.

The file is only read, into memory, and checked against this facility's signing authority by the
service (which writes the check to the audit trail). Each signature is listed in words: who
signed, when, whether the signed part is intact, whether the signer is trusted, and what changed
after signing; a signature that cannot be relied on starts with "PROBLEM" and carries a warning
icon, so nothing is said by colour alone.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from incident_desk.documents.signature_report import SignatureReport
from incident_desk.domain.clock import ensure_utc
from incident_desk.ui.messages import documents as words
from incident_desk.ui.widgets.background import BackgroundRunner
from incident_desk.ui.workflow.step_fields import error_label, page_label

MAX_MEGABYTES = 100
PDF_FILTER = "PDF documents (*.pdf);;All files (*)"


def signature_lines(report: SignatureReport, number: int, count: int) -> str:
    """One signature in words, a line per fact."""
    signer = report.signer or words.UNKNOWN_SIGNER
    title = words.SIGNATURE_TITLE if report.valid else words.SIGNATURE_BROKEN_TITLE
    lines = [title.format(number=number, count=count, signer=signer)]
    if report.signed_at is not None:
        lines.append(
            words.SIGNED_AT.format(moment=f"{ensure_utc(report.signed_at):{words.TIME_FORMAT}}")
        )
    else:
        lines.append(words.SIGNED_AT_UNKNOWN)
    lines.append(words.INTACT_YES if report.intact else words.INTACT_NO)
    lines.append(words.TRUSTED_YES if report.trusted else words.TRUSTED_NO)
    lines.append(words.CHANGES.get(report.changes_after, report.changes_after))
    if report.problem:
        lines.append(words.PROBLEM.format(problem=report.problem))
    return "\n".join(lines)


class VerifyDropWidget(QFrame):
    """``checked`` carries True when every signature found is intact and trusted."""

    checked = Signal(bool)
    failed = Signal(str)

    def __init__(
        self,
        verify: Callable[[bytes], tuple[SignatureReport, ...]],
        runner: BackgroundRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._verify = verify
        self._runner = runner
        self._retired = False
        self.reports: tuple[SignatureReport, ...] = ()
        self.setAcceptDrops(True)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(words.VERIFY_ACCESSIBLE_NAME)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        heading = page_label(words.VERIFY_HEADING, self, bold=True)
        heading.setWordWrap(False)
        top.addWidget(heading)
        top.addStretch(1)
        self.choose_button = QPushButton(words.VERIFY_CHOOSE, self)
        self.choose_button.setAccessibleName(words.VERIFY_CHOOSE_NAME)
        self.choose_button.clicked.connect(self._on_choose_button_clicked)
        top.addWidget(self.choose_button)
        layout.addLayout(top)
        intro = page_label(words.VERIFY_INTRO, self)
        intro.setAccessibleName("How to check a PDF")
        layout.addWidget(intro)
        self.summary = page_label("", self, bold=True)
        self.summary.setAccessibleName("Outcome of the check")
        self.summary.hide()
        layout.addWidget(self.summary)
        self.problem = error_label(self)
        self.problem.setAccessibleName("Outcome of the check")
        layout.addWidget(self.problem)
        self.results = QListWidget(self)
        self.results.setAccessibleName(words.VERIFY_RESULTS_NAME)
        self.results.setWordWrap(True)
        self.results.setAlternatingRowColors(True)
        self.results.hide()
        self.results.setMinimumHeight(150)
        layout.addWidget(self.results, 1)

    def retire(self) -> None:
        self._retired = True

    # -- receiving a file ----------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt's name)
        if _local_files(event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 (Qt's name)
        files = _local_files(event.mimeData().urls())
        if not files:
            event.ignore()
            return
        event.acceptProposedAction()
        self.verify_file(files[0])

    def _on_choose_button_clicked(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, words.VERIFY_OPEN_TITLE, "", PDF_FILTER)
        if name:
            self.verify_file(Path(name))

    def verify_file(self, path: Path) -> None:
        """Read ``path`` into memory and check it (nothing is written anywhere)."""
        if not path.is_file():
            self._fail(words.VERIFY_NOT_A_FILE.format(name=path.name or str(path)))
            return
        try:
            if path.stat().st_size > MAX_MEGABYTES * 1024 * 1024:
                self._fail(words.VERIFY_TOO_BIG.format(file=path.name, limit=MAX_MEGABYTES))
                return
            pdf = path.read_bytes()
        except OSError as error:
            self._fail(words.VERIFY_READ_FAILED.format(file=path.name, error=error.strerror))
            return
        self.verify_bytes(path.name, pdf)

    def verify_bytes(self, name: str, pdf: bytes) -> None:
        self._clear()
        self.summary.setText(words.VERIFY_CHECKING.format(file=name))
        self.summary.show()
        verify = self._verify
        self._runner.run(
            lambda: verify(pdf),
            lambda reports: self._on_verified(name, reports),
            lambda error: self._on_verify_failed(name, error),
        )

    # -- showing the outcome -------------------------------------------------------------------

    def _on_verified(self, name: str, reports: tuple[SignatureReport, ...]) -> None:
        if self._retired:
            return
        self.reports = reports
        self._clear()
        good = bool(reports) and all(report.valid for report in reports)
        if not reports:
            self._show_problem(words.VERIFY_NO_SIGNATURES.format(file=name))
        elif good:
            self.summary.setText(words.VERIFY_ALL_GOOD.format(file=name, count=len(reports)))
            self.summary.show()
        else:
            broken = sum(1 for report in reports if not report.valid)
            self._show_problem(words.VERIFY_BROKEN.format(file=name, count=broken))
        self._list(reports)
        self.checked.emit(good)

    def _on_verify_failed(self, name: str, error: BaseException) -> None:
        if self._retired:
            return
        self.reports = ()
        self._clear()
        self._fail(words.VERIFY_FAILED.format(file=name, error=error))

    def _list(self, reports: Sequence[SignatureReport]) -> None:
        style = self.style()
        good_icon = style.standardIcon(QStyle.StandardPixmap.SP_DialogApplyButton)
        bad_icon = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        for number, report in enumerate(reports, start=1):
            text = signature_lines(report, number, len(reports))
            item = QListWidgetItem(good_icon if report.valid else bad_icon, text, self.results)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, text.replace("\n", ". "))
        self.results.setVisible(bool(reports))
        if reports:
            self.results.setCurrentRow(0)

    def _show_problem(self, text: str) -> None:
        self.summary.hide()
        self.problem.setText(text)
        self.problem.show()

    def _fail(self, text: str) -> None:
        self._clear()
        self._show_problem(text)
        self.failed.emit(text)

    def _clear(self) -> None:
        self.summary.hide()
        self.problem.hide()
        self.results.clear()
        self.results.hide()

    def results_text(self) -> list[str]:
        return [self.results.item(row).text() for row in range(self.results.count())]


def _local_files(urls: Sequence[object]) -> list[Path]:
    return [Path(url.toLocalFile()) for url in urls if url.isLocalFile()]  # type: ignore[attr-defined]
