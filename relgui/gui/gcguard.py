"""Python's cycle collector runs on the GUI thread only.

CPython starts a collection on whichever thread happens to allocate past a threshold. If that
is a worker (gui/ops.py runs every use case on one) and the cycle it frees holds a Qt object
Python owns — a dialog captured by a lambda, a window's context — Qt's destructor runs on the
wrong thread, and the process dies later at a random place (a segmentation fault, no Python
frame to blame). So automatic collection is switched off and the GUI thread collects instead:
a timer checks CPython's own counters and collects the generations the interpreter would have,
and a caller may ``collect()`` at a quiet moment (after a window closes, between tests).
A well-known rule for Python Qt programs (see anki's and others' "GarbageCollector"); this is
relgui's own version of it.

A full collection walks every object the collector tracks, and on the GUI thread the window
waits for it: 47 ms over the 113 000 objects alive once the main window shows its first page
(measured; ~100 ms seen in bench_stall.py's actions). Those objects — modules, classes, caches,
the main window — live until the process ends, so once start-up is over ``settle()`` moves them
out of the collector's sight (``gc.freeze``); a full collection then walks only what was made
since, and took 0 ms at the same point.
"""

from __future__ import annotations

import gc
import logging
import threading

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 1000

_installed: _Guard | None = None
_settled = False


class _Guard(QObject):
    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.thresholds = gc.get_threshold()
        self.collections = 0
        self.timer = QTimer(self)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    def check(self) -> None:
        """Collect what the interpreter would have collected by now (its own thresholds)."""
        counts = gc.get_count()
        generation = -1
        for gen in range(3):
            if counts[gen] > self.thresholds[gen] > 0:
                generation = gen
        if generation >= 0:
            gc.collect(generation)
            self.collections += 1


def install(app: QObject) -> None:
    """Switch automatic collection off for the process; the application's thread collects.
    Called once, with the QApplication, on the thread that created it."""
    global _installed
    if threading.current_thread() is not threading.main_thread():
        raise RuntimeError("gcguard.install must run on the GUI (main) thread")
    if _installed is None:
        _installed = _Guard(app)
    gc.disable()


def collect() -> int:
    """A full collection now, on the calling thread — call it from the GUI thread only."""
    if threading.current_thread() is not threading.main_thread():
        raise RuntimeError("gcguard.collect must run on the GUI (main) thread")
    return gc.collect()


def due() -> None:
    """Collect now what the interpreter would have collected by now (GUI thread; cheap when
    little has been allocated)."""
    if _installed is not None:
        _installed.check()


def settle() -> None:
    """Start-up is over (the main window's first page is painted): what lives now is left out of
    every later collection (gc.freeze). Once per process, and only where the guard collects
    (the application; not a test that makes many windows). Garbage cycles pending at that
    moment stay in memory: a few hundred objects (863 measured)."""
    global _settled
    if installed() and not _settled:
        _settled = True
        gc.freeze()
        logging.getLogger(__name__).info("start-up over: %d objects left out of later collections",
                                         gc.get_freeze_count())


def installed() -> bool:
    return _installed is not None and not gc.isenabled()
