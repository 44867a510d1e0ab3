"""发布日历: planned release windows by month or week, coloured by release type, with conflicts
(two releases under way on the same configuration item in overlapping windows) and the
company's freeze periods marked — the plan wizard's checks, for every release at once
(relgui.services.calendar). Under the grid, the same releases as a list for the keyboard.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QGridLayout, QLabel, QMainWindow, QSplitter, QToolBar, QWidget

from relgui.gui import zone
from relgui.gui.insight import windows
from relgui.gui.insight.calendar_cells import DayCell, span
from relgui.gui.insight.calendar_list import EntryList
from relgui.gui.insight.freezes import FreezeDialog
from relgui.gui.reading import Reading
from relgui.services import calendar


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def shift_month(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


class CalendarWindow(QMainWindow):
    def __init__(self, gctx, open_release: Callable[[int], None], parent=None):
        super().__init__(parent, Qt.WindowType.Window)
        self.gctx, self.lang, self.open_release = gctx, gctx.lang, open_release
        self.setObjectName("release_calendar")
        self.setWindowTitle(self.tr("发布日历"))
        self.mode = "month"
        self.day = self.today()
        self.view: calendar.CalendarView | None = None
        self._toolbar()
        split = self.split = QSplitter(Qt.Orientation.Vertical, self)
        self.grid_host = QWidget()
        self.grid_host.setObjectName("calendar_grid")
        self.grid = QGridLayout(self.grid_host)
        self.grid.setSpacing(2)
        self.cells: list[DayCell] = []
        self.list = EntryList(gctx, self)
        self.list.activated.connect(self._open)
        self.list.setMinimumHeight(self.fontMetrics().height() * 8)  # a few releases at least
        split.addWidget(self.grid_host)
        split.addWidget(self.list)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        self.setCentralWidget(split)
        em = self.fontMetrics().horizontalAdvance("发")
        self.resize(em * 90, em * 62)
        # The month or week on a worker: when shown, when moved, and once per notice of a release
        # or a freeze period changed (here or at another workstation).
        self.reading = Reading(self, gctx, _read, self._show, gather=lambda: (self.gctx.app, self.mode, self.day),
                               entities={"release", "freeze", "company"})

    def today(self) -> dt.date:
        return self.gctx.app.clock.now().astimezone(zone.tz()).date()

    # ---------------------------------------------------------------- building
    def _toolbar(self) -> None:
        bar = QToolBar(self.tr("发布日历"), self, objectName="calendar_toolbar", movable=False)
        self.addToolBar(bar)
        group = QActionGroup(self)
        self.modes = {}
        for mode, text, key in (("month", self.tr("月视图(&M)"), "Ctrl+1"), ("week", self.tr("周视图(&W)"), "Ctrl+2")):
            action = self.modes[mode] = QAction(text, self, checkable=True, checked=mode == self.mode)
            action.setShortcut(QKeySequence(key))
            action.triggered.connect(lambda _=False, m=mode: self.set_mode(m))
            group.addAction(action)
            bar.addAction(action)
        bar.addSeparator()
        # Back/Forward (Alt+←/→), not PgUp/PgDown: those scroll the lists the focus is in.
        for text, step, shortcut in ((self.tr("◀ 上一页"), -1, QKeySequence.StandardKey.Back),
                                     (self.tr("今天"), 0, QKeySequence("Ctrl+T")),
                                     (self.tr("下一页 ▶"), 1, QKeySequence.StandardKey.Forward)):
            action = bar.addAction(text, lambda s=step: self.go(s))
            action.setShortcut(shortcut)
        self.title = QLabel(objectName="period")
        bar.addWidget(self.title)
        bar.addSeparator()
        legend = "　".join(f'<span style="color:{t.color}">■</span> {html.escape(t.label(self.lang))}'
                           for t in self.gctx.profile.release_types.values())
        bar.addWidget(QLabel(legend, objectName="legend"))
        bar.addSeparator()
        bar.addAction(self.tr("冻结期(&F)…"), self.freezes).setObjectName("freezes")

    # ---------------------------------------------------------------- navigation
    def set_mode(self, mode: str) -> None:
        self.mode = mode
        self.modes[mode].setChecked(True)
        self.reload()
        self._share()

    def _share(self) -> None:
        """A month needs the grid; a week leaves the list more room."""
        total = sum(self.split.sizes()) or self.height()
        grid = total * 3 // 4 if self.mode == "month" else total // 2
        self.split.setSizes([grid, total - grid])

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._share()

    def go(self, step: int) -> None:
        if step == 0:
            self.day = self.today()
        elif self.mode == "month":
            self.day = shift_month(self.day, step)
        else:
            self.day += dt.timedelta(days=7 * step)
        self.reload()

    def days(self) -> list[dt.date]:
        """The days on the grid: whole weeks, Monday first."""
        if self.mode == "week":
            first = monday(self.day)
            return [first + dt.timedelta(days=i) for i in range(7)]
        first = monday(month_start(self.day))
        return [first + dt.timedelta(days=i) for i in range(42)]

    def reload(self) -> None:
        """Read the period shown again (on a worker); it is drawn when the reading arrives."""
        self.reading.again()

    def _show(self, got: tuple[str, dt.date, calendar.CalendarView]) -> None:
        mode, day, view = got
        if (mode, day) != (self.mode, self.day):
            return  # moved on meanwhile: the newer reading follows
        self.view = view
        self.grid_host.setUpdatesEnabled(False)  # one repaint for the 42 days, not one per day
        self._title(view)
        self._fill(view)
        self.list.show_entries(view)
        self.grid_host.setUpdatesEnabled(True)

    def _title(self, view: calendar.CalendarView) -> None:
        if self.mode == "month":
            text = self.tr("{year}年{month}月").format(year=self.day.year, month=self.day.month)
        else:
            first = monday(self.day)
            text = self.tr("{first} 至 {last}").format(first=first, last=first + dt.timedelta(days=6))
        self.title.setText(f"  <b>{text}</b>  ")
        self.setWindowTitle(self.tr("发布日历 — {period}").format(period=text))

    def _fill(self, view: calendar.CalendarView) -> None:
        days = self.days()
        while len(self.cells) < len(days):
            cell = DayCell(self.grid_host)
            cell.activated.connect(self._open)
            self.cells.append(cell)
        for cell in self.cells:
            self.grid.removeWidget(cell)
            cell.hide()
        self._weekday_headers()
        by_day: dict[dt.date, list[calendar.Entry]] = {d: [] for d in days}
        for e in view.entries:
            first, last = span(e, view.tz)
            for d in days:
                if first <= d <= last:
                    by_day[d].append(e)
        for i, (cell, d) in enumerate(zip(self.cells, days)):
            freezes = [f for f in view.freezes if span_days(f, view.tz, d)]
            in_range = view.start.astimezone(view.tz).date() <= d < view.end.astimezone(view.tz).date()
            cell.show_day(self.gctx, d, view, by_day[d], in_range=in_range, detailed=self.mode == "week",
                          freezes=freezes)
            self.grid.addWidget(cell, 1 + i // 7, i % 7)
            self.grid.setRowStretch(1 + i // 7, 1)
            cell.show()
        for row in range(1 + len(days) // 7, 8):
            self.grid.setRowStretch(row, 0)

    def _weekday_headers(self) -> None:
        if self.grid.itemAtPosition(0, 0) is not None:
            return
        for col in range(7):
            name = QLocale().dayName(col + 1, QLocale.FormatType.ShortFormat)  # Qt counts Monday as 1
            self.grid.addWidget(QLabel(name, alignment=Qt.AlignmentFlag.AlignCenter), 0, col)
            self.grid.setColumnStretch(col, 1)

    def _open(self, release_id: int) -> None:
        if release_id is not None:
            self.open_release(release_id)

    def freezes(self) -> None:
        FreezeDialog.show_for(self, self.gctx)  # a freeze added there is shown here from its notice


def _read(app, mode: str, day: dt.date) -> tuple[str, dt.date, calendar.CalendarView]:
    """The month or the week around ``day``, with what it was read for."""
    view = calendar.month(app, day.year, day.month) if mode == "month" else calendar.week(app, day)
    return mode, day, view


def span_days(freeze, tz: dt.tzinfo, day: dt.date) -> bool:
    """Whether a freeze period touches the local day (its end is exclusive)."""
    start = dt.datetime(day.year, day.month, day.day, tzinfo=tz)
    return freeze.start < start + dt.timedelta(days=1) and freeze.end > start


def open_calendar(parent, gctx, open_release: Callable[[int], None]) -> CalendarWindow:
    """The release calendar (one per main window), at the current month."""
    w = windows.single("calendar", gctx, CalendarWindow, lambda: CalendarWindow(gctx, open_release, parent))
    w.open_release = open_release
    w.reload()
    windows.present(w)
    return w
