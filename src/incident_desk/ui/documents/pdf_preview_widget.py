"""A PDF shown inside the app (QtPdf), from bytes in memory: never written to a file to be shown.

Page x of y, previous and next page, zoom in and out and fit to width, all by keyboard too:
Page Up / Page Down, Ctrl++ / Ctrl+- and Ctrl+0 while the preview has the focus.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from incident_desk.ui.messages import documents as words
from incident_desk.ui.widgets.background import BackgroundRunner
from incident_desk.ui.workflow.step_fields import error_label, page_label

ZOOM_STEP = 1.25
ZOOM_MIN = 0.25
ZOOM_MAX = 4.0


class PdfPreviewWidget(QWidget):
    """Shows one PDF at a time; ``shown`` carries its page count once it is on screen."""

    shown = Signal(int)
    page_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(words.PREVIEW_ACCESSIBLE_NAME)
        self._buffer: QBuffer | None = None
        self._token = 0  # the newest preview asked for; an older one arriving late is dropped
        self.retired = False
        self.document = QPdfDocument(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.caption = page_label(words.PREVIEW_NOTHING, self, bold=True)
        self.caption.setAccessibleName("What the preview shows")
        layout.addWidget(self.caption)
        self.problem = error_label(self)
        self.problem.setAccessibleName("Preview problem")
        layout.addWidget(self.problem)
        layout.addLayout(self._controls())
        self.view = QPdfView(self)
        self.view.setAccessibleName(words.PREVIEW_ACCESSIBLE_NAME)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.view.setDocument(self.document)
        layout.addWidget(self.view, 1)
        self.view.pageNavigator().currentPageChanged.connect(self._on_navigator_page_changed)
        self.view.zoomFactorChanged.connect(self._on_view_zoom_changed)
        self._shortcuts()
        self._update_controls()

    def _controls(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.previous_button = self._button("\u25b2", words.PREVIOUS_PAGE, self.previous_page)
        self.next_button = self._button("\u25bc", words.NEXT_PAGE, self.next_page)
        self.page_label = QLabel(words.PAGE_NONE, self)
        self.page_label.setAccessibleName("Page number")
        self.zoom_out_button = self._button("\u2212", words.ZOOM_OUT, self.zoom_out)
        self.zoom_in_button = self._button("+", words.ZOOM_IN, self.zoom_in)
        self.fit_button = self._button("", words.FIT_WIDTH, self.fit_width)
        self.zoom_label = QLabel("", self)
        self.zoom_label.setAccessibleName("Zoom")
        for widget in (self.previous_button, self.next_button, self.page_label):
            row.addWidget(widget)
        row.addStretch(1)
        for widget in (self.zoom_out_button, self.zoom_in_button, self.fit_button, self.zoom_label):
            row.addWidget(widget)
        return row

    def _button(self, sign: str, name: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(f"{sign} {name}".strip(), self)
        button.setAccessibleName(name)
        button.clicked.connect(lambda _=False: slot())
        return button

    def _shortcuts(self) -> None:
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys, slot in (
            (QKeySequence.StandardKey.ZoomIn, self.zoom_in),
            (QKeySequence.StandardKey.ZoomOut, self.zoom_out),
            (QKeySequence("Ctrl+="), self.zoom_in),
            (QKeySequence("Ctrl+0"), self.fit_width),
            (QKeySequence(Qt.Key.Key_PageDown), self.next_page),
            (QKeySequence(Qt.Key.Key_PageUp), self.previous_page),
        ):
            shortcut = QShortcut(keys, self, context=context)
            shortcut.activated.connect(slot)

    # -- what is shown -------------------------------------------------------------------------

    @property
    def page_count(self) -> int:
        return self.document.pageCount() if self._buffer is not None else 0

    @property
    def current_page(self) -> int:
        """From 0."""
        return self.view.pageNavigator().currentPage()

    def show_pdf(self, pdf: bytes, caption: str) -> bool:
        """Show ``pdf``, read from memory; False (and the reason in words) if it cannot be read."""
        self.clear()
        buffer = QBuffer(self)
        buffer.setData(QByteArray(pdf))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self._buffer = buffer
        self.document.load(buffer)
        if self.document.status() is not QPdfDocument.Status.Ready:
            error = self.document.error()
            self.clear()
            self.show_problem(words.PREVIEW_FAILED.format(error=error.name.replace("_", " ")))
            return False
        self.caption.setText(caption)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.pageNavigator().jump(0, QPointF(), 0)
        self._update_controls()
        self.shown.emit(self.document.pageCount())
        return True

    def show_drawn(self, runner: BackgroundRunner, draw: Callable[[], bytes], caption: str) -> None:
        """Show the PDF ``draw`` returns, made in the background; the last one asked for wins."""
        self._token += 1
        token = self._token
        self.show_message(words.PREVIEW_LOADING)

        def done(pdf: bytes) -> None:
            if not self.retired and token == self._token:
                self.show_pdf(pdf, caption)

        def failed(error: BaseException) -> None:
            if not self.retired and token == self._token:
                self.show_message(caption)
                self.show_problem(words.PREVIEW_FAILED.format(error=error))

        runner.run(draw, done, failed)

    def show_message(self, text: str) -> None:
        """Empty the preview and say why (loading, nothing chosen)."""
        self.clear()
        self.caption.setText(text)

    def show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.show()

    def clear(self) -> None:
        self.problem.hide()
        self.document.close()
        if self._buffer is not None:
            self._buffer.close()
            self._buffer.deleteLater()
            self._buffer = None
        self.caption.setText(words.PREVIEW_NOTHING)
        self._update_controls()

    # -- moving and zooming --------------------------------------------------------------------

    def go_to_page(self, page: int) -> None:
        if 0 <= page < self.page_count:
            self.view.pageNavigator().jump(page, QPointF(), self.view.zoomFactor())
            self._update_controls()

    def next_page(self) -> None:
        self.go_to_page(self.current_page + 1)

    def previous_page(self) -> None:
        self.go_to_page(self.current_page - 1)

    def zoom_in(self) -> None:
        self._zoom_to(self.view.zoomFactor() * ZOOM_STEP)

    def zoom_out(self) -> None:
        self._zoom_to(self.view.zoomFactor() / ZOOM_STEP)

    def fit_width(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self._update_controls()

    def _zoom_to(self, factor: float) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(min(ZOOM_MAX, max(ZOOM_MIN, factor)))
        self._update_controls()

    def _on_navigator_page_changed(self, page: int) -> None:
        self._update_controls()
        self.page_changed.emit(page)

    def _on_view_zoom_changed(self, _factor: float) -> None:
        self._update_controls()

    def _update_controls(self) -> None:
        count = self.page_count
        page = self.current_page
        self.page_label.setText(
            words.PAGE_OF.format(page=page + 1, count=count) if count else words.PAGE_NONE
        )
        self.previous_button.setEnabled(count > 0 and page > 0)
        self.next_button.setEnabled(count > 0 and page < count - 1)
        for button in (self.zoom_in_button, self.zoom_out_button, self.fit_button):
            button.setEnabled(count > 0)
        if not count:
            self.zoom_label.setText("")
        elif self.view.zoomMode() is QPdfView.ZoomMode.Custom:
            percent = round(self.view.zoomFactor() * 100)
            self.zoom_label.setText(words.ZOOM_LEVEL.format(percent=percent))
        else:
            self.zoom_label.setText(words.ZOOM_FITTED)
