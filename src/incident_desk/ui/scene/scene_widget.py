"""The crime scene screen of a case (SPEC steps 4, 6 and 7): the scene record, who is inside
now, the entry log, the release, and whether all of it still matches the audit trail.

Everything that touches the database runs through the BackgroundRunner while a busy bar shows.
Entries, exits and the release are asked for in dialogs; after each, the scene is read again.
The log is append-only: the screen has no way to change or remove a line.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from incident_desk.domain.enums import AttachmentKind
from incident_desk.domain.validation import format_moment
from incident_desk.services.attachments import AttachmentSnapshot
from incident_desk.services.custody_verification import EvidenceVerification
from incident_desk.services.scene import SCENE_RECORDING_ROLES
from incident_desk.services.scene_views import SceneView
from incident_desk.ui.messages import scene as words
from incident_desk.ui.scene.chain_banner_widget import ChainBannerWidget
from incident_desk.ui.scene.entry_dialog import EntryDialog
from incident_desk.ui.scene.entry_log_model import COL_NOTES, EntryLogModel
from incident_desk.ui.scene.exit_dialog import ExitDialog
from incident_desk.ui.scene.inside_now_widget import InsideNowWidget
from incident_desk.ui.scene.release_dialog import ReleaseDialog
from incident_desk.ui.scene.scene_form_dialog import SceneFormDialog
from incident_desk.ui.scene.scene_record_dialog import SceneRecordDialog
from incident_desk.ui.scene.scene_record_panel import SceneRecordPanel
from incident_desk.ui.scene.scene_services import SceneServices
from incident_desk.ui.widgets.background import BackgroundRunner
from incident_desk.ui.widgets.section_header import section_header
from incident_desk.ui.workflow.step_fields import error_label, page_label

Loaded = tuple[tuple[SceneView, ...], tuple[AttachmentSnapshot, ...]]


class SceneWidget(QWidget):
    """Every scene of one case; signals say what was recorded."""

    loaded = Signal()
    verified = Signal(bool)
    scene_recorded = Signal()
    entry_logged = Signal()
    exit_logged = Signal()
    scene_released = Signal()
    refused = Signal(str)

    def __init__(
        self,
        case_number: str,
        services: SceneServices,
        runner: BackgroundRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.case_number = case_number
        self._services = services
        self._runner = runner
        self._retired = False
        self.views: tuple[SceneView, ...] = ()
        self.view: SceneView | None = None
        self.dialog: SceneFormDialog | None = None
        self._photos: tuple[AttachmentSnapshot, ...] = ()
        self.setAccessibleName(words.SCREEN_ACCESSIBLE_NAME)
        outer = QVBoxLayout(self)
        outer.addLayout(self._header())
        self.chain = ChainBannerWidget(self)
        outer.addWidget(self.chain)
        self.failure = error_label(self)
        self.failure.setAccessibleName("Problem loading")
        outer.addWidget(self.failure)
        self.status = page_label(words.LOADING, self)
        self.status.setAccessibleName("Crime scene status")
        outer.addWidget(self.status)
        outer.addLayout(self._scene_row())
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(self._middle())
        self.splitter.addWidget(self._log())
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([320, 380])
        outer.addWidget(self.splitter, 1)
        chain = [
            self.reload_button,
            self.scene_choice,
            self.record_button,
            *self.panel.mark_buttons.values(),
            self.panel.attach_button,
            self.inside,
            self.entry_button,
            self.exit_button,
            self.release_button,
            self.table,
        ]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)
        self._runner.busy_changed.connect(self._on_runner_busy_changed)
        self.reload()

    # -- building ------------------------------------------------------------------------------

    def _header(self) -> QHBoxLayout:
        header = section_header(
            self,
            words.SCREEN_HEADING.format(case_number=self.case_number),
            words.WORKING,
            words.RELOAD,
            "Reload the crime scene",
        )
        self.busy_bar, self.reload_button = header.busy_bar, header.reload_button
        self.reload_button.clicked.connect(self._on_reload_button_clicked)
        return header.layout

    def _scene_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.scene_label = QLabel(words.CHOOSE_SCENE, self)
        self.scene_choice = QComboBox(self)
        self.scene_choice.setAccessibleName(words.CHOOSE_SCENE)
        self.scene_label.setBuddy(self.scene_choice)
        self.scene_choice.currentIndexChanged.connect(self._on_scene_choice_current_index_changed)
        self.record_button = QPushButton(words.RECORD_SCENE, self)
        self.record_button.setAccessibleName(words.RECORD_SCENE.replace("&", ""))
        self.record_button.clicked.connect(self._on_record_button_clicked)
        self.record_button.setVisible(self._services.role in SCENE_RECORDING_ROLES)
        row.addWidget(self.scene_label)
        row.addWidget(self.scene_choice, 3)
        row.addStretch(1)
        row.addWidget(self.record_button)
        return row

    def _middle(self) -> QWidget:
        middle = QWidget(self)
        row = QHBoxLayout(middle)
        row.setContentsMargins(0, 0, 0, 0)
        self.panel = SceneRecordPanel(self._services.read_attachment, self._runner, middle)
        self.panel.mark_requested.connect(self._on_panel_mark_requested)
        self.panel.attach_requested.connect(self._on_panel_attach_requested)
        scroll = QScrollArea(middle)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.panel)
        row.addWidget(scroll, 1)
        self.side = InsideNowWidget(self._services.role, middle)
        self.side.entry_requested.connect(self._on_side_entry_requested)
        self.side.exit_requested.connect(self._on_side_exit_requested)
        self.side.release_requested.connect(self._on_side_release_requested)
        # The parts tests and the tab order reach directly.
        self.inside, self.release_text = self.side.inside, self.side.release_text
        self.entry_button, self.exit_button = self.side.entry_button, self.side.exit_button
        self.release_button, self.role_note = self.side.release_button, self.side.role_note
        row.addWidget(self.side, 1)
        return middle

    def _log(self) -> QWidget:
        box = QWidget(self)
        self.log_box = box
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(page_label(words.LOG_HEADING, box, bold=True))
        self.model = EntryLogModel(box)
        self.table = QTableView(box)
        self.table.setModel(self.model)
        self.table.setAccessibleName(words.LOG_NAME)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table, arrows move in it
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        widths = (44, 60, 140, 160, 210, 160, 200, 100)
        for column_index, width in enumerate(widths):
            self.table.setColumnWidth(column_index, width)
        header.setMinimumSectionSize(40)
        column.addWidget(self.table, 1)
        self.log_empty = page_label(words.LOG_EMPTY, box)
        column.addWidget(self.log_empty)
        assert len(widths) == COL_NOTES  # the notes column takes what is left
        return box

    def retire(self) -> None:
        """Stop reacting to work still in flight; the owner is about to delete the screen."""
        self._retired = True
        self.panel.retire()
        if self.dialog is not None:
            self.dialog.reject()

    # -- loading -------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the scenes, then check them against the audit trail, then read the photos.

        One after the other: the reads are audited (they write), and the trail check reads the
        trail's head and its events apart, so a write between the two would look like damage.
        """
        number, services = self.case_number, self._services

        def load() -> Loaded:
            return services.scenes(number), services.attachments(number)

        self._runner.run(load, self._on_scenes_loaded, self._on_load_failed)

    def _check_chain(self) -> None:
        verify, number = self._services.verify, self.case_number
        self._runner.run(lambda: verify(number), self._on_verified, self._on_verify_failed)

    def _on_reload_button_clicked(self) -> None:
        self.reload()

    def _on_scenes_loaded(self, loaded: Loaded) -> None:
        if self._retired:
            return
        views, photos = loaded
        self._photos = photos
        self.failure.hide()
        wanted = self.view.scene.id if self.view is not None else None
        self.views = views
        self.scene_choice.blockSignals(True)
        self.scene_choice.clear()
        for view in views:
            scene = view.scene
            moment = format_moment(scene.recorded_at)
            self.scene_choice.addItem(
                words.SCENE_CHOICE.format(location=scene.location, moment=moment), scene.id
            )
        index = next((i for i, view in enumerate(views) if view.scene.id == wanted), len(views) - 1)
        self.scene_choice.setCurrentIndex(index)
        self.scene_choice.blockSignals(False)
        several = len(views) > 1
        self.scene_label.setVisible(several)
        self.scene_choice.setVisible(several)
        self._show(views[index] if views else None)
        self.loaded.emit()
        self._check_chain()

    def _on_scene_choice_current_index_changed(self, index: int) -> None:
        if 0 <= index < len(self.views):
            self._show(self.views[index])

    def _on_load_failed(self, error: BaseException) -> None:
        if self._retired:
            return
        self.status.hide()
        self.failure.setText(words.LOAD_FAILED.format(error=error))
        self.failure.show()

    def _on_verified(self, verification: EvidenceVerification) -> None:
        if not self._retired:
            self.chain.show_verification(verification, self._services.now())
            self.verified.emit(verification.intact)
            self.panel.read_photos()

    def _on_verify_failed(self, error: BaseException) -> None:
        if not self._retired:
            self.chain.show_failure(error)
            self.panel.read_photos()

    # -- showing -------------------------------------------------------------------------------

    def _show(self, view: SceneView | None) -> None:
        self.view = view
        self.status.setVisible(view is None)
        self.status.setText(words.NO_SCENE if view is None else "")
        self.splitter.setVisible(view is not None)
        if view is None:
            self.model.set_lines(())
            self.side.show_view(None, self._runner.busy)
            self._update_buttons()
            return
        self.panel.show_scene(view.scene, self._photos)
        self.model.set_lines(view.lines)
        self.log_empty.setVisible(not view.lines)
        if view.lines:
            self.table.scrollToBottom()
        self.log_box.setVisible(view.scene.secured)
        self.side.show_view(view, self._runner.busy)
        self._update_buttons()

    def _update_buttons(self) -> None:
        busy = self._runner.busy
        self.record_button.setEnabled(not busy)
        self.reload_button.setEnabled(not busy)
        self.panel.set_busy(busy)
        self.side.set_busy(busy)

    def _on_runner_busy_changed(self, busy: bool) -> None:
        if self._retired:
            return
        self.busy_bar.setVisible(busy)
        self._update_buttons()

    # -- the forms -----------------------------------------------------------------------------

    def _open(self, dialog: SceneFormDialog, succeeded: SignalInstance) -> None:
        self.dialog = dialog
        dialog.recorded.connect(lambda _: self._on_dialog_recorded(succeeded))
        dialog.refused.connect(self.refused.emit)
        dialog.finished.connect(self._on_dialog_finished)
        dialog.open()

    def _on_dialog_recorded(self, succeeded: SignalInstance) -> None:
        if self._retired:
            return
        succeeded.emit()
        self.reload()

    def _on_dialog_finished(self, _: int) -> None:
        dialog, self.dialog = self.dialog, None
        if dialog is not None:
            dialog.deleteLater()

    def _on_record_button_clicked(self) -> None:
        dialog = SceneRecordDialog(self.case_number, self._services, self._runner, self)
        self._open(dialog, self.scene_recorded)

    def _on_side_entry_requested(self) -> None:
        if self.view is not None:
            dialog = EntryDialog(self.view.scene.id, self._services, self._runner, self)
            self._open(dialog, self.entry_logged)

    def _on_side_exit_requested(self) -> None:
        if self.view is not None:
            inside = [person.contact for person in self.view.inside]
            dialog = ExitDialog(self.view.scene.id, inside, self._services, self._runner, self)
            self._open(dialog, self.exit_logged)

    def _on_side_release_requested(self) -> None:
        if self.view is not None:
            dialog = ReleaseDialog(self.view.scene.id, self._services, self._runner, self)
            self._open(dialog, self.scene_released)

    # -- the scene record ----------------------------------------------------------------------

    def _on_panel_mark_requested(self, mark: str) -> None:
        if self.view is None:
            return
        mark_documented, scene_id = self._services.mark_documented, self.view.scene.id
        self._runner.run(
            lambda: mark_documented(scene_id, **{mark: True}),
            lambda _: self._after_panel_work(None),
            self._after_panel_work,
        )

    def _on_panel_attach_requested(self, filename: str, media_type: str, content: bytes) -> None:
        if self.view is None:
            return
        add, number, scene_id = self._services.add_attachment, self.case_number, self.view.scene.id
        kind = AttachmentKind.PHOTO if media_type.startswith("image/") else AttachmentKind.VIDEO

        def attach() -> AttachmentSnapshot:
            return add(number, kind, filename, media_type, content, "", scene_id=scene_id)

        self._runner.run(attach, lambda _: self._after_panel_work(None), self._after_panel_work)

    def _after_panel_work(self, error: BaseException | None) -> None:
        if self._retired:
            return
        self.panel.show_attach_failure(error)
        if error is not None:
            self.refused.emit(str(error))
        else:
            self.reload()

    def inside_names(self) -> Sequence[str]:
        """Who the screen shows inside now (what a reader of the list sees)."""
        return self.side.names()
