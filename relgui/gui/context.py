"""What every window and dialog receives: the services' context plus the GUI's own parts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QThread, QTimer, Signal

from relgui.domain.errors import StorageUnavailable
from relgui.domain.lifecycle import Actor
from relgui.gui import ops, zone
from relgui.gui.i18n import Translations
from relgui.gui.settings import Settings
from relgui.policy import Profile, current_profile
from relgui.services import auditing
from relgui.services.context import AppContext, Changes

if TYPE_CHECKING:
    from relgui.gui.ops import Op


class Notifier(QObject):
    """Change notices: from this workstation's use cases, and from others' (by polling).

    The one trigger of a refresh. A use case runs on a worker (gui/ops.py) and calls
    ``local`` there after its commit; the notice is queued to the GUI thread and arrives
    before the op's result, so every view has refreshed once, from the notice, by the time
    the slot that started the use case goes on."""

    changed = Signal(object)  # Changes
    # The account was disabled or removed: the user was told; the shell returns to the login.
    session_ended = Signal(str)
    # The database could not be reached since the given time (None: reachable again).
    outage = Signal(object)
    _posted = Signal(object)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.seen_seq = 0
        self.down_since: dt.datetime | None = None
        self._posted.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def local(self, changes: Changes) -> None:
        """A listener of AppContext: called on whatever thread ran the use case. From a worker
        the notice is queued to the GUI thread; on the GUI thread (a use case called there
        directly) it is delivered at once — except a change of the user's rights, heard in the
        middle of a read, which the views hear once that read has finished."""
        if QThread.currentThread() != self.thread() or "session" in changes.entities:
            self._posted.emit(changes)
            return
        self._deliver(changes)

    def _deliver(self, changes: Changes) -> None:
        self.seen_seq = max(self.seen_seq, changes.seq)
        self.changed.emit(changes)

    def unavailable(self, when: dt.datetime) -> None:
        """A read found the database unreachable (the first one since it was reachable says when)."""
        if self.down_since is None:
            self.down_since = when
            self.outage.emit(when)

    def available(self) -> None:
        if self.down_since is not None:
            self.down_since = None
            self.outage.emit(None)


class ChangePoller(QObject):
    """A light poll of the audit sequence: another workstation's change appears here within
    a few seconds, without a manual refresh. One indexed MAX() per tick, on a worker (a
    server that does not answer never holds the GUI thread); a tick is skipped while the
    previous one is still waiting."""

    def __init__(self, gctx: GuiContext, seconds: int, parent: QObject | None = None):
        super().__init__(parent)
        self._gctx = gctx
        self.timer = QTimer(self)
        self.timer.setInterval(max(1, seconds) * 1000)
        self.timer.timeout.connect(self.poll)
        self._op: Op | None = None
        self._started = False

    def start(self) -> None:
        """The baseline is the newest change this session has heard of (its login's audit
        event); only without one is the sequence read first. A change another workstation
        made in between shows at the first tick (one refresh more, nothing missed)."""
        self._started = self._gctx.notifier.seen_seq > 0
        if not self._started:
            self.poll()
        self.timer.start()

    def poll(self) -> Op | None:
        """Start one poll (the Op, or None when one is still under way)."""
        if self._op is not None:
            return None
        self._op = op = ops.run(None, self._gctx, auditing.change_counter, self._gctx.app, quiet=True, owner=self,
                                on_done=self._counted, on_failed=self._failed)
        op.finished.connect(self._cleared)
        return op

    def _cleared(self) -> None:
        self._op = None

    def _counted(self, seq: int) -> None:
        n = self._gctx.notifier
        n.available()
        if not self._started:  # the first count is the baseline, not a change
            self._started = True
            n.seen_seq = max(n.seen_seq, seq)
            return
        if seq > n.seen_seq:
            n.seen_seq = seq
            n.changed.emit(Changes(frozenset({"*"}), frozenset(), seq))

    def _failed(self, exc) -> None:
        if isinstance(exc, StorageUnavailable):
            self._gctx.notifier.unavailable(self._gctx.now())


@dataclass
class GuiContext:
    """``app`` is None only before a database is open (start-up's database settings)."""

    app: AppContext | None
    settings: Settings
    translations: Translations
    notifier: Notifier = field(default_factory=Notifier)

    def __post_init__(self) -> None:
        if self.app is not None and self.notifier.local not in self.app.listeners:
            self.app.listeners.append(self.notifier.local)

    @property
    def company_tz(self) -> dt.tzinfo | None:
        """The company's time zone as last read (gui/zone.py): every time a view shows is in it."""
        return zone.current()

    @company_tz.setter
    def company_tz(self, tz: dt.tzinfo | None) -> None:
        zone.remember(tz)

    @property
    def opened(self) -> AppContext:
        """``app`` where a database is open: in every window start-up builds after it opened one."""
        if self.app is None:
            raise RuntimeError("no database is open yet")  # only start-up's database settings run without one
        return self.app

    @property
    def lang(self) -> str:
        return self.translations.lang

    @property
    def profile(self) -> Profile:
        return current_profile()

    def now(self) -> dt.datetime:
        """The local wall clock (for "unavailable since"): the database clock cannot be asked."""
        return dt.datetime.now(dt.UTC)

    def use_actor(self, actor: Actor) -> None:
        if self.app is None:
            raise RuntimeError("use_actor before a database is open")  # start-up logs in only with one
        self.app = self.app.as_user(actor)
        self.app.lang = self.lang
