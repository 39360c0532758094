"""The scene record of one crime scene (SPEC step 4, CPP 14.7 G.3.b): where, secured when and
by whom, or why it could not be secured, with what G.3.b still asks, and its photos.

Photos are read from the encrypted store into memory and shown from the bytes
(``QImage.fromData``); they are never written to a file. Attaching reads the chosen file and
hands the bytes on; the screen around the panel does the recording.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from incident_desk.domain.validation import format_moment
from incident_desk.services.attachments import AttachmentSnapshot
from incident_desk.services.scene_views import SceneSnapshot
from incident_desk.ui.messages import scene as words
from incident_desk.ui.widgets.background import BackgroundRunner
from incident_desk.ui.workflow.step_fields import error_label, page_label

THUMBNAIL_SIZE = 140
PHOTOS_PER_ROW = 3
MARKS = ("photographed", "videotaped", "evidence_collected")


class SceneRecordPanel(QFrame):
    """Shows a scene; ``mark_requested(mark)`` and ``attach_requested(filename, type, bytes)``."""

    mark_requested = Signal(str)
    attach_requested = Signal(str, str, bytes)

    def __init__(
        self,
        read_attachment: Callable[[int], bytes],
        runner: BackgroundRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._read = read_attachment
        self._runner = runner
        self._retired = False
        self.scene: SceneSnapshot | None = None
        self._shown_photos: list[int] = []
        self.photo_labels: dict[int, QLabel] = {}
        self._unread: list[AttachmentSnapshot] = []
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(words.PANEL_HEADING)
        column = QVBoxLayout(self)
        column.addWidget(page_label(words.PANEL_HEADING, self, bold=True))
        self.location = page_label("", self)
        self.location.setAccessibleName("Scene location")
        self.secured = page_label("", self)
        self.secured.setAccessibleName("Scene secured")
        self.recorded = page_label("", self)
        self.recorded.setAccessibleName("Scene recorded")
        for label in (self.location, self.secured, self.recorded):
            column.addWidget(label)
        self.unsecured = QWidget(self)
        column.addWidget(self.unsecured)
        self._build_unsecured(self.unsecured)
        column.addWidget(page_label(words.PHOTOS_HEADING, self, bold=True))
        self.photos_text = page_label(words.NO_PHOTOS, self)
        self.photos_text.setAccessibleName(words.PHOTOS_HEADING)
        column.addWidget(self.photos_text)
        self._photos = QGridLayout()
        self._photos.setColumnStretch(PHOTOS_PER_ROW, 1)  # thumbnails stay at the left
        column.addLayout(self._photos)
        self.attach_button = QPushButton(words.ATTACH_PHOTO, self)
        self.attach_button.setAccessibleName(words.ATTACH_PHOTO.replace("&", ""))
        self.attach_button.clicked.connect(self._on_attach_button_clicked)
        self.attach_error = error_label(self)
        self.attach_error.setAccessibleName("Problem attaching")
        column.addWidget(self.attach_button, 0, Qt.AlignmentFlag.AlignLeft)
        column.addWidget(self.attach_error)
        column.addStretch(1)

    def _build_unsecured(self, box: QWidget) -> None:
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(page_label(words.DOCUMENTED_HEADING, box, bold=True))
        self.marks_text = page_label("", box)
        self.marks_text.setAccessibleName(words.DOCUMENTED_HEADING)
        column.addWidget(self.marks_text)
        self.outstanding = error_label(box)
        self.outstanding.setAccessibleName("Still to do")
        column.addWidget(self.outstanding)
        row = QHBoxLayout()
        self.mark_buttons: dict[str, QPushButton] = {}
        for mark, text in zip(
            MARKS,
            (words.MARK_PHOTOGRAPHED, words.MARK_VIDEOTAPED, words.MARK_EVIDENCE),
            strict=True,
        ):
            button = QPushButton(text, box)
            button.setAccessibleName(text.replace("&", ""))
            button.clicked.connect(lambda _=False, mark=mark: self.mark_requested.emit(mark))
            row.addWidget(button)
            self.mark_buttons[mark] = button
        row.addStretch(1)
        column.addLayout(row)

    def retire(self) -> None:
        self._retired = True

    # -- showing -------------------------------------------------------------------------------

    def show_scene(self, scene: SceneSnapshot, photos: Sequence[AttachmentSnapshot]) -> None:
        self.scene = scene
        self.location.setText(words.LOCATION.format(location=scene.location))
        if scene.secured and scene.secured_at is not None:
            text = words.SECURED.format(
                moment=format_moment(scene.secured_at), who=scene.secured_by
            )
        else:
            text = words.NOT_SECURED.format(reason=scene.cannot_secure_reason)
        self.secured.setText(text)
        self.recorded.setText(
            words.RECORDED_BY.format(moment=format_moment(scene.recorded_at), who=scene.recorded_by)
        )
        self.unsecured.setVisible(not scene.secured)
        done = dict(
            zip(
                MARKS, (scene.photographed, scene.videotaped, scene.evidence_collected), strict=True
            )
        )
        names = (words.PHOTOGRAPHED, words.VIDEOTAPED, words.EVIDENCE_COLLECTED)
        self.marks_text.setText(
            "   ".join(
                (words.DONE if done[mark] else words.NOT_DONE).format(what=name)
                for mark, name in zip(MARKS, names, strict=True)
            )
        )
        for mark, button in self.mark_buttons.items():
            button.setVisible(not done[mark])
        self.outstanding.setText("\n".join(f"\u2022 {line}" for line in scene.outstanding))
        self.outstanding.setVisible(bool(scene.outstanding))
        self._show_photos([photo for photo in photos if photo.scene_id == scene.id])

    def _show_photos(self, photos: list[AttachmentSnapshot]) -> None:
        wanted = [photo.id for photo in photos]
        if wanted == self._shown_photos:
            return
        for label in self.photo_labels.values():
            self._photos.removeWidget(label)
            label.deleteLater()
        self.photo_labels = {}
        self._shown_photos = wanted
        self.photos_text.setVisible(not photos)
        for index, photo in enumerate(photos):
            label = QLabel(self)
            caption = words.PHOTO_CAPTION.format(
                filename=photo.filename, moment=format_moment(photo.added_at), who=photo.added_by
            )
            label.setAccessibleName(caption)
            label.setToolTip(caption)
            label.setFixedSize(THUMBNAIL_SIZE, THUMBNAIL_SIZE)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setFrameShape(QFrame.Shape.Box)
            label.setWordWrap(True)
            label.setText(photo.filename)
            self._photos.addWidget(label, index // PHOTOS_PER_ROW, index % PHOTOS_PER_ROW)
            self.photo_labels[photo.id] = label
        self._unread = list(photos)

    def read_photos(self) -> None:
        """Read the photos just listed. Called by the screen once its other reads are done:
        each read is audited, and the audit trail check must not run alongside a write."""
        unread, self._unread = self._unread, []
        for photo in unread:
            self._load_photo(photo)

    def _load_photo(self, photo: AttachmentSnapshot) -> None:
        read, photo_id = self._read, photo.id

        def on_read(content: bytes) -> None:
            label = self.photo_labels.get(photo_id)
            if self._retired or label is None:
                return
            image = QImage.fromData(content)  # from memory: the photo never touches the disk
            if image.isNull():
                label.setText(words.PHOTO_NOT_IMAGE.format(filename=photo.filename))
                return
            pixmap = QPixmap.fromImage(image).scaled(
                THUMBNAIL_SIZE - 4,
                THUMBNAIL_SIZE - 4,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
            label.setPixmap(pixmap)

        def on_failed(error: BaseException) -> None:
            label = self.photo_labels.get(photo_id)
            if not self._retired and label is not None:
                label.setText(words.PHOTO_UNREADABLE.format(filename=photo.filename, error=error))

        self._runner.run(lambda: read(photo_id), on_read, on_failed)

    def set_busy(self, busy: bool) -> None:
        self.attach_button.setEnabled(not busy)
        for button in self.mark_buttons.values():
            button.setEnabled(not busy)

    def show_attach_failure(self, error: BaseException | None) -> None:
        self.attach_error.setVisible(error is not None)
        if error is not None:
            self.attach_error.setText(words.ATTACH_FAILED.format(error=error))

    # -- attaching -----------------------------------------------------------------------------

    def _on_attach_button_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, words.ATTACH_TITLE, "", words.ATTACH_FILTER)
        if path:
            self.attach_file(Path(path))

    def attach_file(self, path: Path) -> None:
        """Read the chosen file (the camera's copy) and ask for it to be stored encrypted."""
        try:
            content = path.read_bytes()
        except OSError as error:
            self.attach_error.setText(words.FILE_UNREADABLE.format(path=path, error=error))
            self.attach_error.show()
            return
        media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        self.attach_requested.emit(path.name, media_type, content)
