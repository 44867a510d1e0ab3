"""A relgui chart figure inside Qt, and what a click on it stands for.

The figures of relgui.charts are plain matplotlib Figures; FigureCanvasQTAgg takes one over
as its canvas. matplotlib is imported here, and this module only when a dashboard opens.

One click can pick several artists (a type's line passes through the same point as the
overall line): the figure's own pick handler, connected when the figure was made, runs
before ours on the same press, so ours sees every pick of that click at once.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QSizePolicy, QWidget

from relgui.charts import picking
from relgui.charts.labels import text as chart_text
from relgui.domain.kpi import FigureKey

LEFT, RIGHT = 1, 3
MIN_INCHES = (11.0, 6.0)


def chart_of(ax, names: tuple[str, ...], lang: str) -> str | None:
    """Which of the named charts an axes draws, by the title the chart gave it."""
    if ax is None:
        return None
    title = ax.get_title()
    return next((n for n in names if chart_text(f"{n}_title", lang) == title), None)


def in_window(figure) -> None:
    """A window's title bar already names the period: the figure's own title goes and the
    charts take its room (the figure's margins are fixed fractions, and a window is lower
    than the 9 inches they were set for)."""
    figure.suptitle("")
    for grid in {ax.get_subplotspec().get_gridspec() for ax in figure.axes}:
        grid.update(top=0.95)


class FigureView:
    """A figure on a Qt canvas: ``on_pick(keys, where)`` after a left click on pickable
    figures, ``on_menu(axes, where)`` after a right click anywhere."""

    def __init__(self, figure, on_pick: Callable[[list[FigureKey], QPoint], None],
                 on_menu: Callable[[object, QPoint], None] | None = None, parent: QWidget | None = None):
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

        self.figure = figure
        self.canvas = FigureCanvasQTAgg(figure)
        self.canvas.setParent(parent)
        self.canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        # Chart text is sized in points: below this many inches the tick labels collide.
        self.canvas.setMinimumSize(int(MIN_INCHES[0] * figure.dpi), int(MIN_INCHES[1] * figure.dpi))
        self._picked: list[FigureKey] = []
        self._on_pick, self._on_menu = on_pick, on_menu
        self.canvas.mpl_connect("pick_event", self._pick)
        self.canvas.mpl_connect("button_press_event", self._press)

    def _pick(self, event) -> None:
        key = picking.key_of(event)
        if key is not None:
            self._picked.append(key)

    def _press(self, event) -> None:
        keys, self._picked = self._picked, []
        where = QCursor.pos()
        if event.button == LEFT and keys:
            self._on_pick(keys, where)
        elif event.button == RIGHT and self._on_menu is not None:
            self._on_menu(event.inaxes, where)

    def click(self, x: float, y: float, ax, button: int = LEFT) -> None:
        """A click at data point (x, y) of ``ax``, handed to matplotlib as the Qt canvas
        hands a mouse press (tests use it; so the picking under test is the real one)."""
        from matplotlib.backend_bases import MouseEvent

        self.canvas.draw()
        px, py = ax.transData.transform((x, y))
        event = MouseEvent("button_press_event", self.canvas, px, py, button=button)
        self.canvas.callbacks.process("button_press_event", event)
