"""What a window shows, read on a worker and kept current by the change notices.

One change notice, one refresh (issue 17, item 2): a window asks for its reading when it opens
and when what it shows is chosen again (a search, another month); after that, the notices of
the use cases — its own and everyone's — are the only trigger. A window never reads again
after running a use case itself: the use case's notice does it.

A notice heard while a read is under way makes one more read after it, so what is shown is
never older than the last notice. Reads are quiet: a failed one keeps what was shown (the main
window's status bar says the database is unavailable, and since when)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from relgui.domain.errors import StorageUnavailable
from relgui.gui import ops


class Reading(QObject):
    """``read(*gather())`` runs on a worker (``gather`` runs on the GUI thread, at each read, and
    collects what the read needs from the widgets); ``show(result)`` on the GUI thread, or
    ``failed(error)`` (what was shown stays).

    A notice reads again when it names one of ``entities`` and, given a ``release_id``, that
    release among its releases (only one of the two given: that one); and another workstation's
    change ("*") always does. Given neither, the owner decides when to read (``again``) and the
    notices are left to it. ``owner`` is busy while a read takes long, when it is a widget."""

    def __init__(self, owner: QObject, gctx, read: Callable[..., Any], show: Callable[[Any], None], *,
                 gather: Callable[[], tuple] = tuple, entities: Iterable[str] = (), release_id: int | None = None,
                 failed: Callable[[BaseException], None] | None = None):
        super().__init__(owner)
        self._owner, self.gctx = owner, gctx
        self._read, self._show, self._gather, self._on_failed = read, show, gather, failed
        self.entities = frozenset(entities)
        self.release_id = release_id
        self._op: ops.Op | None = None
        self._again = False
        self.reads = 0  # reads started (tests count them per action)
        if self.entities or release_id is not None:
            gctx.notifier.changed.connect(self._heard)

    def _heard(self, changes) -> None:
        if "*" in changes.entities:
            self.again()
            return
        named = not self.entities or bool(self.entities & changes.entities)
        ours = self.release_id is None or self.release_id in changes.release_ids
        if named and ours:
            self.again()

    def again(self) -> None:
        """Read now, or once the read under way has arrived."""
        if self._op is not None:
            self._again = True
            return
        self.reads += 1
        busy = self._owner if isinstance(self._owner, QWidget) else None
        self._op = op = ops.run(busy, self.gctx, self._read, *self._gather(), quiet=True, owner=self,
                                on_done=self._show, on_failed=self._failed)
        op.finished.connect(self._finished)

    @property
    def busy(self) -> bool:
        return self._op is not None

    def wait(self) -> None:
        """Wait, in a local event loop (``ops.Op.wait``: paints and timers go on), until no read
        is under way, the one more asked for meanwhile included."""
        while self._op is not None:
            self._op.wait()

    def _finished(self) -> None:
        self._op = None
        if self._again:
            self._again = False
            self.again()

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, StorageUnavailable):
            self.gctx.notifier.unavailable(self.gctx.now())
        if self._on_failed is not None:
            self._on_failed(exc)
