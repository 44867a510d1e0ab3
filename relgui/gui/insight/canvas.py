"""A relgui chart figure inside Qt, drawn off the GUI thread, and what a click on it stands for.

The figures of relgui.charts are plain matplotlib Figures. A worker builds the figure and draws
it with Agg at the widget's size (relgui.charts.render.rgba, holding its lock); the GUI thread
only shows the pixels (FigureImage). Drawing five charts takes 0.3–0.5 s — on the GUI thread it
froze the window for that long at every refresh and resize (issue 17, bench_stall.py).

A click is handed to the drawn figure as matplotlib's own canvas would hand it (a MouseEvent
at the pixel clicked, under the render lock), so picking is matplotlib's. One click can pick
several artists (a type's line passes through the same point as the overall line): the
figure's own pick handler, connected when the figure was made, runs before ours on the same
press, so ours sees every pick of that click at once.

matplotlib is imported by the functions here that need it, when a dashboard first draws
(tests/test_insight_menu.py: starting the main window imports no matplotlib).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QPoint, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCursor, QImage, QMouseEvent, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from relgui.charts import picking
from relgui.charts.labels import text as chart_text
from relgui.domain.kpi import FigureKey

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from relgui.charts.render import Pixels

LEFT, RIGHT = 1, 3
MIN_INCHES = (11.0, 6.0)
DPI = 100.0  # the figures' own (matplotlib's default); a device pixel ratio multiplies it
RESIZE_SETTLE_MS = 150  # a new drawing at the new size once the user has stopped resizing


def chart_of(ax: Any, names: tuple[str, ...], lang: str) -> str | None:
    """Which of the named charts an axes draws, by the title the chart gave it."""
    if ax is None:
        return None
    title = ax.get_title()
    return next((n for n in names if chart_text(f"{n}_title", lang) == title), None)


def in_window(figure: Figure) -> None:
    """A window's title bar already names the period: the figure's own title goes and the
    charts take its room (the figure's margins are fixed fractions, and a window is lower
    than the 9 inches they were set for)."""
    from matplotlib.gridspec import GridSpec

    figure.suptitle("")
    specs = (ax.get_subplotspec() for ax in figure.axes)
    for grid in {spec.get_gridspec() for spec in specs if spec is not None}:
        if isinstance(grid, GridSpec):
            grid.update(top=0.95)


def draw(figure: Figure, size: tuple[int, int], scale: float) -> Pixels:
    """Worker side: ``figure`` drawn at ``size`` logical pixels for a screen of device pixel
    ratio ``scale``. Touches no Qt object."""
    # lazy: matplotlib + numpy + PIL, ~1.2 s, only when a chart is drawn
    from relgui.charts.render import rgba

    return rgba(figure, *size, scale, DPI)


class FigureImage(QWidget):
    """A drawn figure: paints its pixels (scaled while a drawing at a new size is on its way),
    ``on_pick(keys, where)`` after a left click on pickable artists, ``on_menu(axes, where)``
    after a right click anywhere. ``resized`` says, once the size settled, that the owner
    should draw the figure again at ``target()``."""

    resized = Signal()

    def __init__(self, on_pick: Callable[[list[FigureKey], QPoint], None],
                 on_menu: Callable[[Any, QPoint], None] | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("chart_image")
        self.figure: Figure | None = None
        self.pixels: Pixels | None = None
        self._image = QImage()
        self._picked: list[FigureKey] = []
        self._cid = 0  # our pick_event connection on the figure's canvas
        self._asked: tuple[int, int, float] | None = None  # the size of the latest drawing asked for
        self._on_pick, self._on_menu = on_pick, on_menu
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        # Chart text is sized in points: below this many inches the tick labels collide.
        self.setMinimumSize(int(MIN_INCHES[0] * DPI), int(MIN_INCHES[1] * DPI))
        self._settle = QTimer(self, singleShot=True, interval=RESIZE_SETTLE_MS)
        self._settle.timeout.connect(self._size_settled)

    # ------------------------------------------------------------ showing
    def target(self) -> tuple[QSize, float]:
        """The size and device pixel ratio a drawing for this widget should have now; the owner
        asks for a drawing of that size (remembered: a settled size already asked for is not
        asked for again while its drawing is on its way)."""
        size, scale = self.size().expandedTo(self.minimumSize()), float(self.devicePixelRatioF())
        self._asked = (size.width(), size.height(), scale)
        return size, scale

    def show_figure(self, figure: Figure, pixels: Pixels) -> None:
        """GUI thread: the figure a worker drew, and its pixels."""
        image = QImage(pixels.data, pixels.width, pixels.height, pixels.width * 4, QImage.Format.Format_RGBA8888)
        self._image = image.copy()  # its own pixels: ``pixels.data`` may go
        self._image.setDevicePixelRatio(pixels.scale)
        if figure is not self.figure:
            # lazy: matplotlib + numpy + PIL, ~1.2 s, only when a chart is drawn
            from relgui.charts.render import LOCK

            with LOCK:
                if self.figure is not None:
                    self.figure.canvas.mpl_disconnect(self._cid)
                self._cid = figure.canvas.mpl_connect("pick_event", self._pick)
        self.figure, self.pixels = figure, pixels
        self.update()

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        if self._image.isNull():
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter,
                             QCoreApplication.translate("FigureImage", "正在统计和绘制图表…"))
            painter.end()
            return
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.drawImage(self.rect(), self._image)  # scaled only while a new drawing is on its way
        painter.end()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.pixels is not None:
            self._settle.start()

    def _size_settled(self) -> None:
        size, scale = self.size().expandedTo(self.minimumSize()), float(self.devicePixelRatioF())
        if self.pixels is not None and (size.width(), size.height(), scale) != self._asked:
            self.resized.emit()

    # ------------------------------------------------------------ clicks
    def _pick(self, event: Any) -> None:
        key = picking.key_of(event)
        if key is not None:
            self._picked.append(key)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        button = {Qt.MouseButton.LeftButton: LEFT, Qt.MouseButton.RightButton: RIGHT}.get(event.button())
        if button is None or self.pixels is None or self.width() <= 0 or self.height() <= 0:
            return super().mousePressEvent(event)
        pos = event.position()
        # widget pixels → the drawing's pixels (matplotlib's y runs upwards)
        x = pos.x() * self.pixels.width / self.width()
        y = self.pixels.height - pos.y() * self.pixels.height / self.height()
        self._press(x, y, button)

    def click(self, x: float, y: float, ax: Any, button: int = LEFT) -> None:
        """A click at data point (x, y) of ``ax``, handed to matplotlib as a mouse press on the
        widget is (tests use it; so the picking under test is the real one)."""
        # lazy: matplotlib + numpy + PIL, ~1.2 s, only when a chart is drawn
        from relgui.charts.render import LOCK

        with LOCK:
            px, py = ax.transData.transform((x, y))
        self._press(px, py, button)

    def _press(self, x: float, y: float, button: int) -> None:
        from matplotlib.backend_bases import MouseButton, MouseEvent

        # lazy: matplotlib + numpy + PIL, ~1.2 s, only when a chart is drawn
        from relgui.charts.render import LOCK

        if self.figure is None:
            return
        with LOCK:
            canvas = self.figure.canvas
            event = MouseEvent("button_press_event", canvas, round(x), round(y), button=MouseButton(button))
            self._picked = []
            canvas.callbacks.process("button_press_event", event)  # the figure picks, then _pick collects
        keys, self._picked = self._picked, []
        where = QCursor.pos()
        if button == LEFT and keys:
            self._on_pick(keys, where)
        elif button == RIGHT and self._on_menu is not None:
            self._on_menu(event.inaxes, where)
