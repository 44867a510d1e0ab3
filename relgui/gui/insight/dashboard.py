"""仪表盘: the KPI charts of relgui.charts in a window, each bar and point a way into the
register (R-4.6-KPI: "the list behind each figure").

The services count (relgui.services.kpi, in SQL); the charts draw; this window only asks,
shows and passes a click on: pick → FigureKey → kpi.releases_behind → show_releases(ids, title).
"""

from __future__ import annotations

import dataclasses
import html
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QPoint, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QLabel,
    QMainWindow,
    QMenu,
    QScrollArea,
    QSplitter,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from relgui.charts.labels import text as chart_text
from relgui.domain.kpi import Dashboard, FigureKey, back, percent
from relgui.gui import ops, zone
from relgui.gui.insight import exports, figures, windows
from relgui.gui.insight.canvas import FigureImage, chart_of, in_window
from relgui.gui.insight.canvas import draw as draw_pixels
from relgui.gui.insight.rates_table import RatesTable
from relgui.services import kpi

QUARTERS_OFFERED = kpi.MAX_QUARTERS  # as far back as one range may reach
CHARTS = ("success", "status", "cmdb", "decision", "overdue")  # relgui.charts.dashboard.CHARTS


class DrillMenu:
    @classmethod
    def choose(cls, parent, gctx, options: list, where: QPoint) -> FigureKey | None:
        """Which list a click meant, when it can mean several. Tests replace this."""
        menu = QMenu(parent)
        for key, count in options:
            title = figures.describe(gctx, key)
            text = title if count is None else QCoreApplication.translate("DrillMenu", "{title}（%n 个发布）", None, count).format(
                title=title)
            menu.addAction(text).setData(key)
        chosen = menu.exec(where)
        return chosen.data() if chosen is not None else None


class DashboardWindow(QMainWindow):
    def __init__(self, gctx, show_releases: Callable[[tuple[int, ...], str], None], parent=None):
        super().__init__(parent, Qt.WindowType.Window)
        self.gctx, self.lang, self.show_releases = gctx, gctx.lang, show_releases
        self.data: Dashboard | None = None
        self._drawing = 0  # the latest drawing asked for; an older one arriving late is dropped
        self.setObjectName("dashboard")
        self.setWindowTitle(self.tr("发布管理仪表盘"))
        self._toolbar()
        self._body()
        em, screen = self.fontMetrics().horizontalAdvance("发"), self.screen().availableGeometry()
        self.resize(min(em * 112, int(screen.width() * 0.95)), min(em * 76, int(screen.height() * 0.9)))

    # ---------------------------------------------------------------- building
    def _toolbar(self) -> None:
        bar = QToolBar(self.tr("仪表盘"), self, objectName="dashboard_toolbar", movable=False)
        self.addToolBar(bar)
        current = zone.quarter(self.gctx.app.clock.now())  # no read on the GUI thread
        offered = [str(back(current, n)) for n in range(QUARTERS_OFFERED - 1, -1, -1)]
        first, last = kpi.ending(current)
        self.first = self._quarters("first_quarter", offered, str(first))
        self.last = self._quarters("last_quarter", offered, str(last))
        label = QLabel(self.tr("季度(&Q)："))
        label.setBuddy(self.first)
        for w in (label, self.first, QLabel(self.tr("至")), self.last):
            bar.addWidget(w)
        bar.addAction(self.tr("刷新"), self.refresh).setShortcut(QKeySequence.StandardKey.Refresh)
        bar.addSeparator()
        bar.addWidget(QLabel(self.tr("按类型显示：")))
        self.types: dict[str, QCheckBox] = {}
        for key, t in self.gctx.profile.release_types.items():
            box = self.types[key] = QCheckBox(t.label(self.lang), objectName=f"type_{key}", checked=True)
            box.toggled.connect(self.redraw)
            bar.addWidget(box)
        bar.addSeparator()
        png = QToolButton(self)
        png.setObjectName("export_png")
        png.setText(self.tr("导出 PNG"))
        png.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        png.setMenu(self._png_menu())
        bar.addWidget(png)
        bar.addAction(self.tr("导出 Excel…"), lambda: exports.kpi_excel(self)).setObjectName("export_excel")
        bar.addAction(self.tr("季度报告…"), lambda: exports.quarterly_report(self)).setObjectName("report")

    def _quarters(self, name: str, offered: list[str], chosen: str) -> QComboBox:
        box = QComboBox()
        box.setObjectName(name)
        box.addItems(offered)
        box.setCurrentText(chosen)
        box.activated.connect(self.refresh)  # by the user only: setting the range draws once
        return box

    def _png_menu(self) -> QMenu:

        menu = QMenu(self)
        for name in CHARTS:
            menu.addAction(chart_text(f"{name}_title", self.lang), self._png_of(name))
        menu.addSeparator()
        menu.addAction(self.tr("整个仪表盘…"), self._png_of(None))
        return menu

    def _png_of(self, name: str | None) -> Callable[[], object]:
        """The menu entry's slot: one chart (or the whole dashboard, None) to PNG."""
        return lambda: exports.chart_png(self, name)

    def _body(self) -> None:
        split = self.split = QSplitter(Qt.Orientation.Vertical, self)
        self.chart_area = QWidget()
        self.chart_area.setObjectName("chart_area")
        area = QVBoxLayout(self.chart_area)
        area.setContentsMargins(0, 0, 0, 0)
        self.view = FigureImage(self._picked, self._chart_menu, self.chart_area)
        self.view.resized.connect(self._draw_again)
        area.addWidget(self.view)
        scroll = QScrollArea(widgetResizable=True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.chart_area)  # a small screen scrolls rather than crushing the charts
        lower = QWidget()
        layout = QVBoxLayout(lower)
        layout.setContentsMargins(layout.contentsMargins().left(), 0, 0, 0)  # the summary off the edge
        self.summary = QLabel(objectName="summary", wordWrap=True, textFormat=Qt.TextFormat.RichText)
        self.table = RatesTable(self.gctx, lower)
        self.table.drill.connect(self.drill)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)
        split.addWidget(scroll)
        split.addWidget(lower)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 0)
        self.setCentralWidget(split)

    # ---------------------------------------------------------------- data
    def range(self) -> tuple[str, str]:
        return self.first.currentText(), self.last.currentText()

    def refresh(self) -> bool:
        """The figures counted on a worker, shown in the table, then the charts drawn on a worker
        at the size the table leaves them (redraw)."""
        ok, d = ops.call(self, self.gctx, kpi.dashboard, self.gctx.app, *self.range())
        if not ok:
            return False
        self.data = d
        self.setWindowTitle(self.tr("发布管理仪表盘 — {period}").format(period=d.period.label()))
        self.table.show_rates(d)
        self._fit_table()
        self.summary.setText(self._summary(d))
        if self.isVisible():  # (open_dashboard draws once the window is shown at its size)
            # the layouts the table and the summary changed, applied now: the charts are drawn once, at their size
            QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
            self.redraw()
        return True

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._fit_table()  # the sizes of a window not yet shown are not final

    def _fit_table(self) -> None:
        """The table as high as its rows, the charts take the rest."""
        want = self.table.height_for_rows() + self.summary.heightForWidth(self.split.width())
        total = sum(self.split.sizes()) or self.height()
        self.split.setSizes([max(total - want, 1), want])

    def _summary(self, d: Dashboard) -> str:
        """Which quarters missed the target, in red, above how to get at the releases behind them."""
        missed = [self.tr("{quarter}（{rate}）").format(quarter=r.quarter, rate=percent(r.overall))
                  for r in d.rates if r.overall.met is False]
        if missed:
            text = self.tr("未达到目标值的季度：{quarters}").format(quarters=self.tr("、").join(missed))
            head = f'<b style="color:#c62828">{html.escape(text)}</b>'
        else:
            head = html.escape(self.tr("所选季度均未低于目标值"))
        when = d.now.astimezone(d.period.tz).strftime("%Y-%m-%d %H:%M")
        hint = self.tr("数据截至 {time}。点击图中的点或柱（或在下表中按回车），在登记簿中列出其背后的发布。")
        return f"{head}<br>{html.escape(hint.format(time=when))}"

    def _types_on(self) -> tuple[str, ...]:
        return tuple(k for k, box in self.types.items() if box.isChecked())

    def shown(self) -> Dashboard | None:
        """The dashboard as drawn: the success chart without the types switched off."""
        return None if self.data is None else with_types(self.data, self._types_on())

    def redraw(self) -> None:
        """The same figures drawn again (a type switched on or off), on a worker; waited for."""
        if self.data is None:
            return
        size, scale = self.view.target()
        self._drawing += 1
        ok, got = ops.call(self, self.gctx, draw, self.data, self.lang, self._types_on(),
                           (size.width(), size.height()), scale)
        if ok:
            self.view.show_figure(*got)

    def _draw_again(self) -> None:
        """The chart area's size settled at another size: drawn again there, on a worker, while
        the old drawing is shown scaled; the window stays usable meanwhile."""
        if self.data is None:
            return
        size, scale = self.view.target()
        self._drawing += 1
        serial = self._drawing

        def show(got: tuple) -> None:
            if serial == self._drawing:  # else a newer drawing is on its way
                self.view.show_figure(*got)

        ops.run(self, self.gctx, draw, self.data, self.lang, self._types_on(), (size.width(), size.height()), scale,
                on_done=show, busy=self.view, owner=self)

    # ---------------------------------------------------------------- clicks
    def _picked(self, keys: list[FigureKey], where: QPoint) -> None:
        options = figures.readings(keys, self.data)
        key = options[0][0] if len(options) == 1 else DrillMenu.choose(self, self.gctx, options, where)
        if key is not None:
            self.drill(key)

    def drill(self, key: FigureKey) -> None:
        ok, found = ops.call(self, self.gctx, kpi.releases_behind, self.gctx.app, key)
        if ok:
            self.show_releases(found.ids, figures.describe(self.gctx, key))

    def _chart_menu(self, ax, where: QPoint) -> None:
        name = chart_of(ax, CHARTS, self.lang)
        menu = QMenu(self)
        if name is not None:
            menu.addAction(self.tr("将此图表导出为 PNG…"), lambda: exports.chart_png(self, name))
        menu.addAction(self.tr("将整个仪表盘导出为 PNG…"), lambda: exports.chart_png(self, None))
        menu.exec(where)


# ---------------------------------------------------------------- on a worker (no Qt object here)
def with_types(d: Dashboard, on: tuple[str, ...]) -> Dashboard:
    """``d`` with only the release types ``on`` in the success chart's lines."""
    rates = [dataclasses.replace(r, by_type={k: r.by_type[k] for k in on if k in r.by_type}) for r in d.rates]
    return dataclasses.replace(d, rates=rates)


def draw(d: Dashboard, lang: str, on: tuple[str, ...], size: tuple[int, int], scale: float) -> tuple:
    """The dashboard figure of ``d`` (types ``on``), drawn at ``size`` for device pixel ratio
    ``scale``: ``(figure, pixels)``. Runs on a worker; matplotlib is imported here, when a
    dashboard first draws (~0.4 s, tests/test_insight_menu.py keeps it out of start-up)."""
    # lazy: matplotlib + numpy + PIL, ~1.3 s, only when the dashboard draws
    from relgui.charts.dashboard import dashboard_figure
    from relgui.charts.render import LOCK

    with LOCK:
        figure = dashboard_figure(with_types(d, on), lang)
        in_window(figure)
        return figure, draw_pixels(figure, size, scale)


def open_dashboard(parent, gctx, show_releases: Callable[[tuple[int, ...], str], None]) -> DashboardWindow:
    """The dashboard window (one per main window), brought up to date and to the front."""
    w = windows.single("dashboard", gctx, DashboardWindow, lambda: DashboardWindow(gctx, show_releases, parent))
    w.show_releases = show_releases
    shown = w.isVisible()
    w.refresh()
    windows.present(w)
    if not shown:  # drawn once the window is shown: at the size it shows the charts
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        w.redraw()
    return w

