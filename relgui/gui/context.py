"""What every window and dialog receives: the services' context plus the GUI's own parts."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QObject, QTimer, Signal

from relgui.policy import Profile, current_profile
from relgui.services.context import AppContext, Changes


class Notifier(QObject):
    """Change notices: from this workstation's use cases, and from others' (by polling)."""

    changed = Signal(object)  # Changes
    # The account was disabled or removed: the user was told; the shell returns to the login.
    session_ended = Signal(str)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.seen_seq = 0

    def local(self, changes: Changes) -> None:
        self.seen_seq = max(self.seen_seq, changes.seq)
        if "session" in changes.entities:
            # Heard in the middle of a read (the rights are read with the data): the views
            # re-render after it has finished, not inside it.
            QTimer.singleShot(0, lambda: self.changed.emit(changes))
            return
        self.changed.emit(changes)


class ChangePoller(QObject):
    """A light poll of the audit sequence: another workstation's change appears here within
    a few seconds, without a manual refresh. One indexed MAX() per tick."""

    def __init__(self, gctx: GuiContext, seconds: int, parent: QObject | None = None):
        super().__init__(parent)
        self._gctx = gctx
        self.timer = QTimer(self)
        self.timer.setInterval(max(1, seconds) * 1000)
        self.timer.timeout.connect(self.poll)

    def start(self) -> None:
        from relgui.services import auditing

        self._gctx.notifier.seen_seq = auditing.change_counter(self._gctx.app)
        self.timer.start()

    def poll(self) -> bool:
        from relgui.domain.errors import StorageUnavailable
        from relgui.services import auditing

        try:
            seq = auditing.change_counter(self._gctx.app)
        except StorageUnavailable:
            return False  # the status bar shows the outage; keep polling
        if seq > self._gctx.notifier.seen_seq:
            self._gctx.notifier.seen_seq = seq
            self._gctx.notifier.changed.emit(Changes(frozenset({"*"}), frozenset(), seq))
            return True
        return False


@dataclass
class GuiContext:
    app: AppContext
    settings: object  # relgui.gui.settings.Settings
    translations: object  # relgui.gui.i18n.Translations
    notifier: Notifier = field(default_factory=Notifier)

    def __post_init__(self) -> None:
        if self.notifier.local not in self.app.listeners:
            self.app.listeners.append(self.notifier.local)

    @property
    def lang(self) -> str:
        return self.translations.lang

    @property
    def profile(self) -> Profile:
        return current_profile()

    def use_actor(self, actor) -> None:
        self.app = self.app.as_user(actor)
        self.app.lang = self.lang
