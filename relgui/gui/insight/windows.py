"""One window of each kind: opening it again brings the open one to the front.

Windows are kept here by kind (a window closed by its user is hidden, not deleted, and
shown again as it was). One made for another user or language is replaced.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

import shiboken6
from PySide6.QtWidgets import QWidget

from relgui.gui.execution.common import bring_forward

if TYPE_CHECKING:
    from relgui.gui.context import GuiContext

W = TypeVar("W", bound=QWidget)

_OPEN: dict[str, QWidget] = {}
_MADE_FOR: dict[str, tuple[GuiContext, str]] = {}  # the context and the language each open window was made for


def single(kind: str, gctx: GuiContext, cls: type[W], make: Callable[[], W]) -> W:
    """The open window of ``kind`` (a ``cls``) for this context and language, or a new one from ``make``."""
    w = _OPEN.get(kind)
    if (isinstance(w, cls) and shiboken6.isValid(w)
            and _MADE_FOR[kind][0] is gctx and _MADE_FOR[kind][1] == gctx.lang):
        return w
    if w is not None and shiboken6.isValid(w):
        w.close()
        w.deleteLater()
    made = _OPEN[kind] = make()
    _MADE_FOR[kind] = (gctx, gctx.lang)
    return made


def present(w: QWidget) -> None:
    bring_forward(w)
