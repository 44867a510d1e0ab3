"""Calling a use case from a slot: on a worker thread, with one place that turns expected
errors into messages.

The runner (learned from anki's CollectionOp/QueryOp and git-cola's command objects, written
for relgui): ``ops.run(widget, gctx, fn, *args, on_done=...)`` starts ``fn`` on a worker thread
and returns an :class:`Op` at once. While it runs, the initiating widget is busy (disabled,
a busy cursor over it) — not the whole window, which keeps painting and answering. The result
arrives on the GUI thread (``on_done``); a refusal is said in the user's language there
(a conflict opens the conflict dialog, an ended session returns to the login, an outage says
so and that what was typed is kept), then ``on_failed`` runs. Anything else is a bug and
reaches the crash dialog (sys.excepthook) on the GUI thread.

Long work (Excel, documents, print/PDF, batch, KPI report, backup/restore, demo) passes
``progress=`` a title: a progress dialog appears after a moment; when ``fn`` takes a
``progress`` keyword it receives a :class:`Progress` to report steps, and the dialog's 取消
asks it to stop (it raises :class:`Cancelled` at its next step, in the worker, before its unit
of work commits — nothing is half-written).

``ops.call(widget, gctx, fn, *args)`` is the same runner for slots written as one straight
line: it starts the op and waits for it in a local event loop that paints, runs timers and
delivers signals but holds back the user's input until the op has finished (so nothing can be
clicked twice), then returns ``(True, result)`` or ``(False, error)``. Slots that do not need
the answer in line use ``run``.

Database sessions stay confined to their thread: every use case opens its session inside its
own unit of work (relgui.services.context), so a session is created, used and closed on the
worker that runs it. A use case's change notice (``Changes``) reaches the GUI thread through
the notifier (gui/context.Notifier.local, queued) before the op's result does: the views
refresh once, from that notice, never because a slot reloaded them.

Message boxes go through ``ask``/``tell`` so tests can answer them.
"""

from __future__ import annotations

import inspect
import logging
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QCoreApplication,
    QEventLoop,
    QObject,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QWidget

from relgui.domain.errors import AuthError, Conflict, RelguiError, StorageUnavailable
from relgui.gui.dialogs.conflict import ConflictDialog

log = logging.getLogger(__name__)

# Refusals that end the session: the account was disabled or removed since the login.
SESSION_ENDED = ("session_disabled", "session_gone")
BUSY_AFTER_MS = 120      # a quicker op shows no busy state at all (no flicker while typing)
PROGRESS_AFTER_MS = 400  # long work: the progress dialog appears once it has taken this long


def tell(parent: QWidget | None, title: str, text: str, icon=QMessageBox.Icon.Warning) -> None:
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.exec()


def ask(parent: QWidget | None, title: str, text: str) -> bool:
    answer = QMessageBox.question(parent, title, text,
                                  QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


def describe(gctx, exc: RelguiError) -> str:
    return exc.message(gctx.lang, gctx.profile)


def report(parent: QWidget | None, gctx, exc: RelguiError) -> None:
    """Say an expected failure in the user's language (on the GUI thread)."""
    if isinstance(exc, Conflict):
        ConflictDialog.show_for(parent, gctx, exc)
    elif isinstance(exc, AuthError):
        code = exc.refusals[0].code
        if code in SESSION_ENDED:
            tell(parent, QCoreApplication.translate("ops", "会话已结束"), describe(gctx, exc))
            gctx.notifier.session_ended.emit(code)
        else:
            tell(parent, QCoreApplication.translate("ops", "不能执行"), describe(gctx, exc))
    elif isinstance(exc, StorageUnavailable):
        tell(parent, QCoreApplication.translate("ops", "数据库不可用"), describe(gctx, exc) + "\n\n"
             + QCoreApplication.translate("ops", "您的输入仍保留在窗口中，可稍后重试。"), QMessageBox.Icon.Critical)
    else:
        tell(parent, QCoreApplication.translate("ops", "不能执行"), describe(gctx, exc))


class Cancelled(Exception):
    """The user pressed 取消: raised in the worker at the op's next progress step."""


class Progress:
    """Handed to a long use case that takes ``progress=``: ``progress(done, total, text)`` reports
    a step (thread-safe) and raises Cancelled once the user asked to stop."""

    def __init__(self, serial: int):
        self._serial = serial
        self._cancel = threading.Event()
        self._last = 0.0

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()

    def __call__(self, done: int, total: int = 0, text: str = "") -> None:
        if self._cancel.is_set():
            raise Cancelled()
        now = time.monotonic()
        if now - self._last >= 0.05 or done >= total > 0:  # at most 20 updates a second
            self._last = now
            _hub().progressed.emit(self._serial, int(done), int(total), text)


# ---------------------------------------------------------------- threads and lifetimes
# Who owns what (the rules that keep Qt and Python from freeing an object twice or on the
# wrong thread — PySide6 crashes otherwise, at a random later moment):
#   * Workers are plain Python threads (a ThreadPoolExecutor); they hold no Qt object.
#   * Results travel through ONE relay QObject that lives on the GUI thread for the whole
#     process (never collected): a worker emits ``finished(serial, result, error)`` on it and
#     Qt queues the delivery to the GUI thread. No per-op QObject exists that a worker could
#     outlive, and no QRunnable whose deletion on the pool thread would drop Python references.
#   * A worker lets go of the function and its arguments BEFORE it emits: the GUI thread's Op
#     still holds them, so the last reference to anything (a widget's bound method, a dialog)
#     is always dropped on the GUI thread, when the result is delivered.
#   * An Op is a plain Python object (its "signals" are callback lists), so the garbage
#     collector — which may run on any thread — never destroys a QObject with it.
class _Hub(QObject):
    """The one relay between the workers and the GUI thread (created on the GUI thread)."""

    finished = Signal(int, object, object)    # serial, result, exception (None when it succeeded)
    progressed = Signal(int, int, int, str)   # serial, done, total, text

    def __init__(self) -> None:
        super().__init__()
        self.finished.connect(self._finished, Qt.ConnectionType.QueuedConnection)
        self.progressed.connect(self._progressed, Qt.ConnectionType.QueuedConnection)

    @Slot(int, object, object)
    def _finished(self, serial: int, result: Any, exc: Any) -> None:
        op = _RUNNING.get(serial)
        if op is not None:
            op._finish(result, exc)

    @Slot(int, int, int, str)
    def _progressed(self, serial: int, done: int, total: int, text: str) -> None:
        op = _RUNNING.get(serial)
        if op is not None:
            op._progressed(done, total, text)


_HUB: _Hub | None = None
_EXECUTOR: ThreadPoolExecutor | None = None
WORKERS = 4  # database round trips and file work; SQLAlchemy's pool has 5 connections
# How long a worker running Python keeps the GIL when the GUI thread asks for it (CPython's
# default is 5 ms). A paint calls into Python once per cell (the models' multiData) and waits
# for the GIL at each call while a worker computes: bench_stall.py measured the register's
# paint during an Excel import at 145 ms with 5 ms, the import's longest stall 189–206 ms with
# 5 ms and 90 ms with 1 ms, for the same import time (2.2 s). Only threads that both want the
# GIL switch more often; a process with one busy thread runs as before.
SWITCH_INTERVAL_S = 0.001
_idle = threading.Condition()  # notified each time a worker finishes (wait_all)


def _hub() -> _Hub:
    """The relay; first made by an Op, on the GUI thread (a QObject lives on its maker's thread)."""
    global _HUB
    if _HUB is None:
        _HUB = _Hub()
    return _HUB


def _executor() -> ThreadPoolExecutor:
    global _EXECUTOR
    if _EXECUTOR is None:
        sys.setswitchinterval(min(sys.getswitchinterval(), SWITCH_INTERVAL_S))
        _EXECUTOR = ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="relgui-op")
    return _EXECUTOR


_here = threading.local()
_serial = iter(range(1, sys.maxsize))


def current() -> tuple[int, str] | None:
    """On a worker: (serial number, name of the function) of the op it runs; None elsewhere.
    What a statement counter (tests, benchmarks/bench_roundtrips.py) files statements under."""
    return getattr(_here, "op", None)


def _name(fn: Callable[..., Any]) -> str:
    return f"{getattr(fn, '__module__', '?')}.{getattr(fn, '__qualname__', repr(fn))}"


def _work(box: list) -> None:
    """On a worker thread. ``box`` = [serial, label, fn, args, kwargs]; emptied before the
    result is emitted (see the ownership rules above)."""
    serial, label, fn, args, kwargs = box
    box.clear()
    _here.op = (serial, label)
    result: Any = None
    error: BaseException | None = None
    try:
        result = fn(*args, **kwargs)
    except BaseException as exc:  # noqa: BLE001 - everything goes back to the GUI thread
        error = exc
    finally:
        _here.op = None
    del fn, args, kwargs
    try:
        _hub().finished.emit(serial, result, error)
    except BaseException:  # noqa: BLE001 - a worker has no one else to tell
        log.exception("operation %s: its result could not be handed to the GUI thread", label)
    finally:
        del result, error
        with _idle:
            _idle.notify_all()


_RUNNING: dict[int, Op] = {}  # kept alive until delivered (the caller may drop its reference)
started = 0  # ops started in this process (tests and benchmarks count the database's callers)


def _takes_progress(fn: Callable[..., Any]) -> bool:
    try:
        return "progress" in inspect.signature(fn).parameters
    except (TypeError, ValueError):
        return False


class _Hook:
    """A callback list with a signal's face (``connect``/``emit``), on the GUI thread only."""

    __slots__ = ("_fns",)

    def __init__(self) -> None:
        self._fns: list[Callable[..., Any]] = []

    def connect(self, fn: Callable[..., Any], *_: Any) -> None:
        self._fns.append(fn)

    def emit(self, *args: Any) -> None:
        for fn in list(self._fns):
            fn(*args)

    def clear(self) -> None:
        self._fns.clear()


class Busy:
    """The busy state of one widget: disabled, with a busy cursor over it, after a short delay
    (a quick op shows nothing); nested ops on the same widget are counted. The keyboard focus
    inside it comes back when it is enabled again."""

    _depth: dict[int, int] = {}

    def __init__(self, widget: QWidget | None, delay_ms: int = BUSY_AFTER_MS):
        self.widget = widget
        self._shown = False
        self._timer: QTimer | None = None
        self._focus: QWidget | None = None
        self._was_enabled = True
        if widget is not None:
            self._timer = QTimer(widget, singleShot=True, interval=delay_ms)
            self._timer.timeout.connect(self._show)
            self._timer.start()

    def _show(self) -> None:
        w = self.widget
        if w is None or self._shown:
            return
        key = id(w)
        Busy._depth[key] = Busy._depth.get(key, 0) + 1
        self._shown = True
        if Busy._depth[key] == 1:
            focus = QApplication.focusWidget()
            self._focus = focus if focus is not None and (focus is w or w.isAncestorOf(focus)) else None
            self._was_enabled = w.isEnabled()
            w.setProperty("relgui_busy", True)
            w.setEnabled(False)
            w.setCursor(Qt.CursorShape.BusyCursor)

    def end(self) -> None:
        if self._timer is not None:
            try:
                self._timer.stop()
                self._timer.deleteLater()
            except RuntimeError:  # deleted with its widget
                pass
            self._timer = None
        w = self.widget
        if w is None or not self._shown:
            return
        self._shown = False
        key = id(w)
        Busy._depth[key] -= 1
        if Busy._depth[key] == 0:
            del Busy._depth[key]
            try:
                w.setProperty("relgui_busy", False)
                w.unsetCursor()
                w.setEnabled(self._was_enabled)
                if self._focus is not None:
                    self._focus.setFocus()
            except RuntimeError:  # the widget was closed and deleted meanwhile
                pass


class Op:
    """One use case running on a worker. Its callbacks run on the GUI thread."""

    def __init__(self, parent: QWidget | None, gctx, fn: Callable[..., Any], args: tuple, kwargs: dict, *,
                 busy: QWidget | None = None, progress: str | None = None, quiet: bool = False,
                 owner: QObject | None = None, reraise: bool = False):
        self.succeeded = _Hook()
        self.failed = _Hook()     # the RelguiError (already said to the user) or Cancelled
        self.finished = _Hook()   # after succeeded/failed
        self.parent_widget, self.gctx = parent, gctx
        # The result is delivered only while its owner lives (a view closed meanwhile hears nothing).
        self._owner = owner if owner is not None else parent
        self.done = False
        self.ok = False
        self.result: Any = None
        self.error: BaseException | None = None
        self.quiet = quiet  # refusals are not said (the caller shows them its own way)
        # A bug is left to the caller that waits (it raises it) instead of the crash dialog.
        self._reraise = reraise
        self.serial = next(_serial)
        hub = _hub()  # made here, on the GUI thread, before any worker can emit on it
        self.progress: Progress | None = None
        self._dialog: QProgressDialog | None = None
        if progress is not None:
            self.progress = Progress(self.serial)
            cancellable = _takes_progress(fn)
            if cancellable:
                kwargs = {**kwargs, "progress": self.progress}
            self._progress_title = progress
            QTimer.singleShot(PROGRESS_AFTER_MS, hub, lambda: self._show_progress(cancellable))
        self._busy = Busy(busy if busy is not None else parent)
        # Held until delivery so that the last reference to them is dropped on this thread.
        self._call: tuple | None = (fn, args, kwargs)
        self.started_at = time.monotonic()
        global started
        started += 1
        _RUNNING[self.serial] = self
        _executor().submit(_work, [self.serial, _name(fn), fn, args, kwargs])

    # ------------------------------------------------------------ progress
    def _show_progress(self, cancellable: bool) -> None:
        if self.done:
            return
        parent = self.parent_widget
        if parent is not None and not shiboken6.isValid(parent):
            return
        d = QProgressDialog(self._progress_title, QCoreApplication.translate("ops", "取消") if cancellable else "",
                            0, 0, parent)
        d.setObjectName("op_progress")
        d.setWindowTitle(self._progress_title)
        d.setWindowModality(Qt.WindowModality.WindowModal)
        d.setMinimumDuration(0)
        d.setAutoClose(False)
        d.setAutoReset(False)
        if cancellable:
            d.canceled.connect(self.cancel)
        else:
            d.setCancelButton(None)
        d.show()
        self._dialog = d

    def _progressed(self, done: int, total: int, text: str) -> None:
        if self._dialog is not None and not self.done:
            self._dialog.setMaximum(max(total, 0))
            self._dialog.setValue(min(done, total) if total > 0 else 0)
            if text:
                self._dialog.setLabelText(text)

    def cancel(self) -> None:
        if self.progress is not None:
            self.progress.cancel()
            if self._dialog is not None:
                self._dialog.setLabelText(QCoreApplication.translate("ops", "正在取消…"))

    # ------------------------------------------------------------ result
    def _finish(self, result: Any, exc: BaseException | None) -> None:
        global _DELIVERING
        _DELIVERING += 1
        try:
            self._deliver(result, exc)
        finally:
            _DELIVERING -= 1
            self._call = None  # the function and its arguments, released here on the GUI thread

    def _deliver(self, result: Any, exc: BaseException | None) -> None:
        self.done = True
        _RUNNING.pop(self.serial, None)
        if self._dialog is not None:
            if shiboken6.isValid(self._dialog):
                self._dialog.close()
                self._dialog.deleteLater()
            self._dialog = None
        if self._owner is not None and not shiboken6.isValid(self._owner):
            self._busy.end()
            self.finished.emit()
            self._drop_callbacks()
            return
        self._busy.end()
        self.result, self.error, self.ok = result, exc, exc is None
        try:
            if exc is None:
                self.succeeded.emit(result)
            elif isinstance(exc, Cancelled):
                self.failed.emit(exc)
            elif isinstance(exc, RelguiError):
                if not self.quiet:
                    report(self.parent_widget, self.gctx, exc)
                self.failed.emit(exc)
            else:
                self.failed.emit(exc)
                if not self._reraise:
                    sys.excepthook(type(exc), exc, exc.__traceback__)
        finally:
            self.finished.emit()
            self._drop_callbacks()

    def _drop_callbacks(self) -> None:
        for hook in (self.succeeded, self.failed, self.finished):
            hook.clear()

    def wait(self) -> None:
        """Wait for the result in a local event loop: paints, timers and signals go on, the
        user's input waits until the op has finished."""
        global _WAITS
        if self.done:
            return
        loop = QEventLoop()
        self.finished.connect(loop.quit)
        _WAITS += 1
        flags = QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents
        try:
            if not self.done:
                loop.exec(flags)
            # After QCoreApplication.quit() (the main window closed, start-up opening another
            # database) a new event loop returns at once until app.exec() runs again: wait here.
            while not self.done:
                QCoreApplication.processEvents(flags | QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)
        finally:
            _WAITS -= 1
            if _WAITS == 0 and _SETTLED:
                QTimer.singleShot(0, _hub(), _flush_settled)


# Slots waiting in ops.call (a local event loop each). A view that would replace widgets a
# waiting slot may still be running in (the button clicked, the form being built) waits until
# they have all returned: ``when_settled``.
_WAITS = 0
_DELIVERING = 0  # results being delivered on the GUI thread (Op._finish), nested
_SETTLED: list[Callable[[], None]] = []


def waiting() -> bool:
    return _WAITS > 0


def when_settled(fn: Callable[[], None]) -> None:
    """Run ``fn`` now, or once no slot is waiting in ``call`` any more (from the event loop)."""
    if _WAITS == 0:
        fn()
    elif fn not in _SETTLED:
        _SETTLED.append(fn)


def _flush_settled() -> None:
    if _WAITS:
        return  # another wait began meanwhile: its end flushes
    pending = list(_SETTLED)
    _SETTLED.clear()
    for fn in pending:
        fn()


def run(parent: QWidget | None, gctx, fn: Callable[..., Any], *args: Any,
        on_done: Callable[[Any], None] | None = None, on_failed: Callable[[BaseException], None] | None = None,
        busy: QWidget | None = None, progress: str | None = None, quiet: bool = False,
        owner: QObject | None = None, **kwargs: Any) -> Op:
    """Start ``fn(*args, **kwargs)`` on a worker; ``on_done(result)`` / ``on_failed(error)`` run
    on the GUI thread (a RelguiError has been said to the user by then, unless ``quiet``), and
    only while ``owner`` (default: ``parent``) still exists."""
    op = Op(parent, gctx, fn, args, kwargs, busy=busy, progress=progress, quiet=quiet, owner=owner)
    if on_done is not None:
        op.succeeded.connect(on_done)
    if on_failed is not None:
        op.failed.connect(on_failed)
    return op


def call(parent: QWidget | None, gctx, fn: Callable[..., Any], *args: Any, progress: str | None = None,
         quiet: bool = False, **kwargs: Any) -> tuple[bool, Any]:
    """Run the use case on a worker and wait for it (see the module's text): ``(True, result)``,
    or ``(False, error)`` once a refusal was said (not said when ``quiet``: the caller shows it
    its own way). A bug is raised here, as before.

    Called while a result is being delivered or while another call waits, it runs here, on the
    GUI thread: a local event loop inside event delivery let Qt delete widgets whose code was
    still on the stack (segmentation faults in the GUI tests)."""
    if _DELIVERING or _WAITS:
        try:
            return True, fn(*args, **kwargs)
        except RelguiError as exc:
            if not quiet:
                report(parent, gctx, exc)
            return False, exc
    op = Op(parent, gctx, fn, args, kwargs, progress=progress, quiet=quiet, reraise=True)
    op.wait()
    if op.ok:
        return True, op.result
    if op.error is None or isinstance(op.error, (RelguiError, Cancelled)):
        return False, op.error  # (None: the widget that asked was closed meanwhile)
    raise op.error  # a bug: the crash dialog (sys.excepthook) as for any slot


def running() -> int:
    return len(_RUNNING)


def wait_all(timeout_s: float = 30.0) -> bool:
    """Tests and the shell's close: deliver every op still running, and the ops their results
    start (a page read after a count), until none is left (True) or the time is up."""
    deadline = time.monotonic() + timeout_s
    quiet_rounds = 0
    while time.monotonic() < deadline:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        if _RUNNING:
            quiet_rounds = 0
            with _idle:
                _idle.wait(0.005)
            continue
        quiet_rounds += 1
        if quiet_rounds >= 3:  # nothing started by the paints and signals just delivered
            return True
    return not _RUNNING
