"""The desktop channel (issue 16): this workstation's sender, and the tray notification.

Every ``interval`` a round runs on a worker (relgui.services.alerts.deliver_round): the
desktop alerts addressed to the user logged in here that are due are claimed — so a user with
two relgui windows open is told once — and shown as a tray notification (on Windows a toast
in the notification centre); clicking it opens the release. The same round sends what is due
on the channels whose secrets this computer holds, so any running relgui is a sender.
Nothing here blocks the GUI thread: a round still running skips the next tick.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import QSystemTrayIcon

from relgui.gui import ops
from relgui.services import alerts


class AlertCenter(QObject):
    open_release = Signal(int)
    arrived = Signal(int)  # how many desktop alerts the last round showed

    def __init__(self, gctx, parent=None, interval_ms: int = 10_000, icon: QIcon | None = None):
        super().__init__(parent)
        self.gctx = gctx
        self.shown: list = []  # (alert id, release id, Text): what was shown, newest last
        self._clicked_release: int | None = None
        self._op: ops.Op | None = None
        self.timer = QTimer(self, interval=interval_ms)
        self.timer.timeout.connect(self.poll)
        self.tray: QSystemTrayIcon | None = None
        if QSystemTrayIcon.isSystemTrayAvailable():
            if icon is None:
                pix = QPixmap(16, 16)
                pix.fill(0xC62828)
                icon = QIcon(pix)
            self.tray = QSystemTrayIcon(icon, self)
            self.tray.setToolTip("relgui")
            self.tray.messageClicked.connect(self._message_clicked)
            self.tray.show()

    def start(self) -> None:
        self.timer.start()
        self.poll()

    def stop(self) -> None:
        self.timer.stop()
        if self.tray is not None:
            self.tray.hide()

    def poll(self) -> None:
        if self._op is not None or self.gctx.app is None or self.gctx.app.actor.user_id is None:
            return

        self._op = op = ops.run(None, self.gctx, alerts.deliver_round, self.gctx.app, quiet=True, owner=self,
                                on_done=self._show)
        op.finished.connect(lambda: setattr(self, "_op", None))

    def _show(self, delivered) -> None:
        for alert_id, release_id, text in delivered:
            self.shown.append((alert_id, release_id, text))
            self._clicked_release = release_id
            if self.tray is not None:
                self.tray.showMessage(text.subject, text.body, QSystemTrayIcon.MessageIcon.Warning, 30_000)
        if delivered:
            self.arrived.emit(len(delivered))

    def _message_clicked(self) -> None:
        """The notification was clicked: open the release of the last one shown."""
        if self._clicked_release is not None:
            self.open_release.emit(self._clicked_release)
