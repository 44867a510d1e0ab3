"""Keep the wizard alive under a PySide6 6.12 / CPython 3.11 refcount bug.

PySide6 6.12's abi3 wheel hands back None from void methods, and True from
``Signal.emit()`` / ``connect()``, without a new reference. On CPython 3.11 each call so
takes one reference from None or True, and after a few thousand calls the interpreter
aborts ("none_dealloc" / "bool_dealloc"). The wizard emits a signal per keystroke, so a
long plan would end in a crash. From 3.12 these objects are immortal; here they are given
a count that cannot run out, as 3.12 does, but only when the bug is seen. (relgui.gui.docview
guards None the same way for long documents; this belongs at application start-up.)
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, Signal

PLENTY = 1 << 40


class _Probe(QObject):
    ping = Signal()


def _drained_by(call, obj) -> bool:
    before = sys.getrefcount(obj)
    for _ in range(10):
        call()
    return sys.getrefcount(obj) < before


def _immortalise(obj) -> None:
    ctypes.c_ssize_t.from_address(id(obj)).value += PLENTY


def install() -> tuple[str, ...]:
    """Apply the guard where the bug shows; returns the objects guarded (for the log)."""
    if sys.version_info >= (3, 12):
        return ()
    probe = _Probe()
    guarded = []
    if _drained_by(lambda: probe.setObjectName("probe"), None):
        _immortalise(None)
        guarded.append("None")
    if _drained_by(probe.ping.emit, True):
        _immortalise(True)
        _immortalise(False)
        guarded += ["True", "False"]
    return tuple(guarded)


GUARDED = install()
