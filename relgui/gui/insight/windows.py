"""One window of each kind: opening it again brings the open one to the front.

Windows are kept here by kind (a window closed by its user is hidden, not deleted, and
shown again as it was). One made for another user or language is replaced.
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtWidgets import QWidget

_OPEN: dict[str, QWidget] = {}


def single(kind: str, gctx, make: Callable[[], QWidget]) -> QWidget:
    """The open window of ``kind`` for this context and language, or a new one from ``make``."""
    w = _OPEN.get(kind)
    if w is not None and shiboken6.isValid(w) and w.gctx is gctx and w.lang == gctx.lang:
        return w
    if w is not None and shiboken6.isValid(w):
        w.close()
        w.deleteLater()
    w = _OPEN[kind] = make()
    return w


def present(w: QWidget) -> None:
    from relgui.gui.execution.common import bring_forward

    bring_forward(w)
