"""Telling the supervisor once when a clock turns amber or red, without nagging.

The banner re-words its clocks every second; this watches what it shows and raises a notice
the first time a clock of a case turns red (OVERDUE, an alarm) and, more quietly, the first time
it turns amber (due soon). A clock is known by case, kind and subject, so the same deadline
never raises the same notice twice, however often the banner refreshes or the case is reloaded.
Where the notice goes is injected: the system tray when there is one, else a non-modal box in
the window; tests pass a list's ``append``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QStyle, QSystemTrayIcon, QWidget

from incident_desk.domain.deadlines import Deadline, DeadlineKind
from incident_desk.ui.messages.workflow import (
    ALARM_DUE_SOON,
    ALARM_NOTICE_ACCESSIBLE_NAME,
    ALARM_OVERDUE,
    ALARM_TITLE,
)
from incident_desk.ui.widgets.clock_banner_widget import ClockBannerWidget, PresentedClock
from incident_desk.ui.widgets.deadline_presenter import DeadlinePresentation, Severity

#: How long a tray message stays up; the banner keeps showing the clock afterwards.
TRAY_MESSAGE_MS = 20_000


@dataclass(frozen=True)
class ClockNotice:
    """One notice: which clock of which case, how urgent, and the words to show."""

    case_number: str
    kind: DeadlineKind
    subject: str
    severity: Severity
    title: str
    message: str


NoticeSink = Callable[[ClockNotice], None]


class AlarmNotifier(QObject):
    """Raises each clock's amber and red notice once; ``notified`` reports each one raised."""

    notified = Signal(object)

    def __init__(self, sink: NoticeSink, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._sink = sink
        self._raised: set[tuple[str, DeadlineKind, str, Severity]] = set()

    def watch(self, banner: ClockBannerWidget, case_number: str) -> None:
        """Observe every refresh of ``banner``, which shows the clocks of ``case_number``."""
        banner.refreshed.connect(lambda clocks: self.observe(case_number, clocks))

    def observe(self, case_number: str, clocks: Iterable[PresentedClock]) -> None:
        for deadline, presentation in clocks:
            if presentation.severity not in (Severity.WARNING, Severity.ALARM):
                continue
            key = (case_number, deadline.kind, deadline.subject, presentation.severity)
            if key in self._raised:
                continue
            self._raised.add(key)
            if presentation.severity is Severity.WARNING and self._alarmed(key):
                continue  # already red; an amber notice now would only confuse
            notice = _notice(case_number, deadline, presentation)
            self._sink(notice)
            self.notified.emit(notice)

    def _alarmed(self, key: tuple[str, DeadlineKind, str, Severity]) -> bool:
        return (key[0], key[1], key[2], Severity.ALARM) in self._raised


def _notice(
    case_number: str, deadline: Deadline, presentation: DeadlinePresentation
) -> ClockNotice:
    template = ALARM_OVERDUE if presentation.severity is Severity.ALARM else ALARM_DUE_SOON
    message = template.format(
        case_number=case_number,
        title=presentation.title,
        detail=presentation.detail,
        citation=presentation.citation,
    )
    return ClockNotice(
        case_number=case_number,
        kind=deadline.kind,
        subject=deadline.subject,
        severity=presentation.severity,
        title=ALARM_TITLE,
        message=message,
    )


def tray_sink(tray: QSystemTrayIcon) -> NoticeSink:
    """Notices as tray messages: red ones as critical, amber ones as information."""

    def show(notice: ClockNotice) -> None:
        icon = (
            QSystemTrayIcon.MessageIcon.Critical
            if notice.severity is Severity.ALARM
            else QSystemTrayIcon.MessageIcon.Information
        )
        tray.showMessage(notice.title, notice.message, icon, TRAY_MESSAGE_MS)

    return show


def window_sink(window: QWidget) -> NoticeSink:
    """Notices in one non-modal box over ``window``: work goes on while it is up.

    Notices raised while the box is still open join it, so four steps going overdue in the
    same second make one box with four lines, not four boxes stacked on each other.
    """
    current: list[QMessageBox] = []

    def show(notice: ClockNotice) -> None:
        icon = (
            QMessageBox.Icon.Critical
            if notice.severity is Severity.ALARM
            else QMessageBox.Icon.Information
        )
        if current and current[0].isVisible():
            box = current[0]
            box.setText(f"{box.text()}\n\n{notice.message}")
            if icon is QMessageBox.Icon.Critical:
                box.setIcon(icon)
            return
        box = QMessageBox(icon, notice.title, notice.message, QMessageBox.StandardButton.Close)
        box.setParent(window, box.windowFlags())
        box.setAccessibleName(ALARM_NOTICE_ACCESSIBLE_NAME)
        box.setWindowModality(Qt.WindowModality.NonModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.destroyed.connect(current.clear)
        current[:] = [box]
        box.show()

    return show


def system_sink(window: QWidget) -> NoticeSink:
    """The tray when the desktop has one, else the window; the composition root picks this."""
    if not QSystemTrayIcon.isSystemTrayAvailable():
        return window_sink(window)
    icon = window.windowIcon()
    if icon.isNull():
        icon = window.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
    tray = QSystemTrayIcon(icon, window)
    tray.setToolTip(ALARM_TITLE)
    tray.show()
    return tray_sink(tray)
