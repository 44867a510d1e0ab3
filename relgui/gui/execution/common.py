"""What the execution windows share: one release's current state, and time as people read it.

``ReleaseState`` holds the release as services.details.show returns it (the typed
``ReleaseDetail``) and the domain's
answer for every action (services.releases.actions), reloads both after each use case and
whenever another workstation changes the release, and gates buttons: a button is enabled
only when the domain has no refusal, and its tooltip is the domain's reason.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QPushButton, QTableWidget, QTableWidgetItem, QWidget

from relgui.domain import timeutil
from relgui.domain.messages import render_all, words
from relgui.domain.release_detail import DeadlineView, ReleaseDetail
from relgui.domain.states import Action
from relgui.gui import ops, zone
from relgui.gui.reading import Reading

if TYPE_CHECKING:  # lazy at run time: services.plans, ~95 ms of start-up
    from relgui.services.plans import ApprovedPlan
from relgui.services import details, releases


def local(value: dt.datetime | None, seconds: bool = False) -> str:
    """A stored UTC time as the company's wall-clock time (one time rule, issue 15: gui/zone.py),
    never the workstation's own zone."""
    return timeutil.shown(value, zone.current(), "%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")


def duration(delta: dt.timedelta) -> str:
    """How long, unsigned: minutes and seconds under an hour (a countdown), else hours."""
    total = int(abs(delta.total_seconds()))
    hours, rest = divmod(total, 3600)
    if hours == 0:
        return QCoreApplication.translate("Execution", "{m} 分 {s:02d} 秒").format(m=rest // 60, s=rest % 60)
    return QCoreApplication.translate("Execution", "{h} 小时 {m} 分").format(h=hours, m=rest // 60)


def table(headers: list[str], name: str) -> QTableWidget:
    """A read-only, row-selecting table (each window fills its own rows)."""
    t = QTableWidget(0, len(headers), objectName=name)
    t.setHorizontalHeaderLabels(headers)
    t.verticalHeader().setVisible(False)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.horizontalHeader().setStretchLastSection(True)
    return t


def fill(t: QTableWidget, rows: list[list[Any]], widest: int = 24) -> None:
    t.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            item = QTableWidgetItem("" if value is None else str(value))
            item.setToolTip(item.text())
            t.setItem(r, c, item)
    t.resizeColumnsToContents()
    cap = t.fontMetrics().horizontalAdvance("中") * widest  # long texts: the tooltip has them whole
    for c in range(t.columnCount() - 1):
        t.setColumnWidth(c, min(t.columnWidth(c), cap))


def cell(t: QTableWidget, row: int, col: int) -> QTableWidgetItem:
    """The item of a cell (``fill`` gives every cell of its rows one; a cell without one gets an empty one)."""
    item = t.item(row, col)
    if item is None:
        item = QTableWidgetItem()
        t.setItem(row, col, item)
    return item


def read_state(ctx, release_id: int) -> tuple[ReleaseDetail, dict]:
    """What an execution window shows of its release (one op): the release and the actions this
    user may take, with the domain's reasons for the others."""
    return details.show(ctx, release_id, audit_limit=1), releases.actions(ctx, release_id)


class ReleaseState(QObject):
    """One release as the window shows it; ``reloaded`` fires after every refresh."""

    reloaded = Signal()

    def __init__(self, gctx, release: ReleaseDetail, parent: QObject | None = None):
        super().__init__(parent)
        self.gctx = gctx
        self.id: int = release.id
        self.data: ReleaseDetail = release
        self.allowed: dict[Action, list] = {}
        self.changed = False  # something was recorded: the caller refreshes its views
        self.heard = 0  # notices naming this release (or every release) heard so far
        self._holding = False  # caught_up is waiting: a reading is kept until the wait is over
        self._held: tuple[ReleaseDetail, dict] | None = None
        # A notice's reading: on a worker, nobody waits (before, the notice's slot read with
        # ops.call, which runs on the GUI thread when the notice arrives while another slot
        # waits: 726 statements over the GUI tests). The notices are this object's to judge.
        self.reading = Reading(self, gctx, read_state, self._refreshed, gather=lambda: (gctx.app, self.id))
        gctx.notifier.changed.connect(self._on_changes)
        self._listening = True

    def detach(self) -> None:
        """Stop listening (a closed window must not reload). Once: a window closed twice detaches
        once (PySide warns "Failed to disconnect" for a slot no longer connected)."""
        if not self._listening:
            return
        self._listening = False
        try:
            self.gctx.notifier.changed.disconnect(self._on_changes)
        except (RuntimeError, TypeError):
            pass

    def _on_changes(self, changes) -> None:
        if changes.entities & {"*", "session"} or self.id in changes.release_ids:
            self.heard += 1
            self.reading.again()

    def reload(self) -> bool:
        """The release and what this user may do with it, read on a worker now; the slot that
        asks waits for it (a window opening; after a use case, ``caught_up``)."""
        ok, got = ops.call(None, self.gctx, read_state, self.gctx.app, self.id, quiet=True)
        if not ok:
            return False  # keep showing what we had; the main window reports outages
        self._take(got)
        return True

    def _refreshed(self, got: tuple[ReleaseDetail, dict]) -> None:
        if not self._listening:  # detached (the window closed) while the read ran
            return
        if self._holding:
            self._held = got
            return
        self._take(got)

    def _take(self, got: tuple[ReleaseDetail, dict]) -> None:
        self.data, self.allowed = got
        self.reloaded.emit()

    def caught_up(self, since: int) -> None:
        """After this window's own use case (``since``: ``heard`` before it), wait until the
        release as the use case left it is here: the read its change notice started (one change
        notice, one refresh; the window does not read again itself). A use case that changed
        nothing (refused: a conflict, a rule) gave no notice: then one read shows what is there
        now. Call it before the window closes (a detached state takes no reading)."""
        if self.heard <= since:
            self.reload()
            return
        # Taken once the wait is over, as ops.call hands its result: the windows' refresh slots
        # must not run inside the wait's event loop (their own ops.call would run in line there).
        self._holding = True
        try:
            self.reading.wait()
        finally:
            self._holding = False
        got, self._held = self._held, None
        if got is not None:
            self._take(got)

    def call(self, parent: QWidget, fn, *args, **kwargs) -> tuple[bool, Any]:
        """Run a use case for this release: refusals are shown, input stays in the window; on
        return the state is the release as it is now (``caught_up``)."""
        since = self.heard
        ok, value = ops.call(parent, self.gctx, fn, self.gctx.app, *args, **kwargs)
        if ok:
            self.changed = True
        self.caught_up(since)
        return ok, value

    def why_not(self, action: Action) -> str:
        """The domain's reasons, in the user's language; empty when the action is allowed."""
        return render_all(self.allowed.get(action, []), self.gctx.lang, self.gctx.profile)

    def gate(self, widget: QWidget, action: Action, allowed_tip: str = "") -> bool:
        reasons = self.why_not(action)
        widget.setEnabled(not reasons)
        widget.setToolTip(reasons or allowed_tip)
        return not reasons

    def label(self, key: str, value: str | None) -> str:
        """A profile label (status, outcome, type) in the user's language."""
        p = self.gctx.profile
        table_ = {"status": p.statuses, "result": p.outcomes, "type": p.release_types}[key]
        return table_[value].label(self.gctx.lang) if value in table_ else (value or "")

    def heading(self) -> str:
        d = self.data
        return f"<b>{esc(d.number)}</b>&nbsp;&nbsp;{esc(d.title)}&nbsp;&nbsp;·&nbsp;" \
               f"{esc(self.label('type', d.type))}&nbsp;·&nbsp;{esc(self.label('status', d.status))}"

    def triggers(self, keys: Iterable[str]) -> str:
        """Rollback triggers (R-4.5.1-TRIGGERS) by their profile names, listed as the language does."""
        names = {t.key: t.label(self.gctx.lang) for t in self.gctx.profile.triggers}
        return words("list", self.gctx.lang).join(names.get(k, k) for k in keys)

    def deadline(self, kind: str) -> DeadlineView | None:
        """The latest deadline of ``kind`` (cmdb | rollback_decision) from details.show."""
        return self.data.deadline(kind)


def esc(text: str) -> str:
    return (text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def approved_plan(parent, gctx, release_id: int) -> ApprovedPlan | None:
    """The plan an execution window follows (services.plans.approved: the latest revision, the
    approved one while a release is executed), read on a worker; None when it could not be read
    (an outage, the release gone): ops said why, and the window is not opened. Before, the read
    ran on the GUI thread and an unreadable plan was shown as an empty one."""
    from relgui.services import plans  # lazy: ~95 ms (29 modules) this module would add to start-up (the detail view loads it)

    ok, got = ops.call(parent, gctx, plans.approved, gctx.app, release_id)
    return got if ok else None


def bring_forward(window: QWidget) -> None:
    """Show a window and make it the active one, un-minimised (what raise() would do, without
    relying on a window-system call some platforms lack)."""
    window.show()
    window.setWindowState((window.windowState() & ~Qt.WindowState.WindowMinimized) | Qt.WindowState.WindowActive)
    window.activateWindow()


def fit(window: QWidget, columns: int, lines: int) -> None:
    """Size a window in text units (Chinese characters wide, lines high), never in pixels,
    so it follows the font and the screen's scaling."""
    fm = window.fontMetrics()
    window.resize(fm.horizontalAdvance("中") * columns, fm.height() * lines)


def enter_is_local(dialog: QWidget) -> None:
    """In a dialog, Enter in a text field would click the first button of the window (Qt's
    auto-default) — e.g. record another item. Here Enter acts only where it is wired."""
    for button in dialog.findChildren(QPushButton):
        button.setAutoDefault(False)
        button.setDefault(False)
