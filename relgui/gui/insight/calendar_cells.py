"""A day of the release calendar: its planned windows coloured by type, conflicts and freeze
periods marked, each with a tooltip that says which releases, configuration item or freeze,
and the actual window beside the planned one (an overrun or an early start marked ⏱).

The calendar service decides what is a conflict or a freeze (relgui.services.calendar, the
same checks as the plan wizard); these widgets only show its answer.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QIcon, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QFrame, QLabel, QListWidget, QListWidgetItem, QVBoxLayout

from relgui.services.calendar import CalendarView, Entry

CONFLICT = "⚠"
FREEZE = "❄"
OVERRUN = "△"  # (a glyph every CJK font has) the deployment ran (or runs) past the planned end, or began before the planned start
CONFLICT_COLOR = QColor("#c62828")
FREEZE_TINT = QColor("#e3f2fd")
ID_ROLE = Qt.ItemDataRole.UserRole


def swatch(color: str, size: int) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(color))
    return QIcon(pixmap)


def span(entry: Entry, tz: dt.tzinfo) -> tuple[dt.date, dt.date]:
    """First and last local day the window touches (its end is exclusive)."""
    start, end = entry.start.astimezone(tz), entry.end.astimezone(tz)
    last = end - dt.timedelta(microseconds=1) if end > start else end
    return start.date(), last.date()


def window_text(entry: Entry, tz: dt.tzinfo) -> str:
    start, end = entry.start.astimezone(tz), entry.end.astimezone(tz)
    if start.date() == end.date() or end - start <= dt.timedelta(0):
        return f"{start:%H:%M}–{end:%H:%M}"
    return f"{start:%m-%d %H:%M} – {end:%m-%d %H:%M}"


def freeze_text(freeze, tz: dt.tzinfo) -> str:
    return f"{freeze.start.astimezone(tz):%Y-%m-%d %H:%M} – {freeze.end.astimezone(tz):%Y-%m-%d %H:%M} {freeze.reason}"


def actual_text(entry: Entry, tz: dt.tzinfo) -> str:
    """The actual window (deployment started – finished), or that it runs, or that it has not begun."""
    if entry.actual_start is None:
        return QCoreApplication.translate("calendar", "尚未开始实施")
    start = entry.actual_start.astimezone(tz)
    if entry.actual_end is None:
        return QCoreApplication.translate("calendar", "{start} 起，进行中").format(start=f"{start:%m-%d %H:%M}")
    end = entry.actual_end.astimezone(tz)
    return f"{start:%m-%d %H:%M} – {end:%m-%d %H:%M}"


def timing_lines(entry: Entry) -> list[str]:
    """How the deployment kept the planned window: an overrun and an early start, in minutes."""
    lines = []
    if entry.early_minutes:
        early = entry.early_minutes
        lines.append(QCoreApplication.translate("calendar", "{mark} 提前 %n 分钟开始（在已批准的窗口之前）", None, early).format(
            mark=OVERRUN))
    if entry.overrun_minutes:
        over = entry.overrun_minutes
        text = (QCoreApplication.translate("calendar", "{mark} 已超出计划结束时间 %n 分钟，仍在进行", None, over) if entry.running
                else QCoreApplication.translate("calendar", "{mark} 超出计划结束时间 %n 分钟", None, over))
        lines.append(text.format(mark=OVERRUN))
    return lines


def flag_lines(entry: Entry, view: CalendarView) -> list[str]:
    """Why an entry is flagged, one line per conflict and per freeze."""
    lines = [QCoreApplication.translate("calendar", "{mark} 冲突：与 {number}《{title}》共用配置项“{item}”，计划窗口重叠").format(
        mark=CONFLICT, number=c.other_number, title=c.other_title, item=c.config_item) for c in entry.conflicts]
    periods = {f.id: f for f in view.freezes}
    for fid in entry.freezes:
        shown = freeze_text(periods[fid], view.tz) if fid in periods else f"#{fid}"
        lines.append(QCoreApplication.translate("calendar", "{mark} 冻结期：{freeze}").format(mark=FREEZE, freeze=shown))
    return lines


def tooltip(gctx, entry: Entry, view: CalendarView) -> str:
    p, lang = gctx.profile, gctx.lang
    kind = p.release_types[entry.type].label(lang) if entry.type in p.release_types else entry.type
    status = p.statuses[entry.status].label(lang) if entry.status in p.statuses else entry.status
    head = [f"{entry.number} {entry.title}", f"{kind} · {status}",
            QCoreApplication.translate("calendar", "计划窗口：{window}").format(window=window_text(entry, view.tz)),
            QCoreApplication.translate("calendar", "实际窗口：{window}").format(window=actual_text(entry, view.tz))]
    return "\n".join(head + timing_lines(entry) + flag_lines(entry, view))


def marks(entry: Entry) -> str:
    return (CONFLICT if entry.conflicts else "") + (FREEZE if entry.freezes else "") + (OVERRUN if entry.timing else "")


class DayCell(QFrame):
    """One day: its date, a freeze band when a freeze touches it, and its releases."""

    activated = Signal(int)  # release id

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.setSpacing(1)
        self.head = QLabel(objectName="day")
        self.list = QListWidget()
        self.list.setObjectName("entries")
        self.list.setFrameShape(QFrame.Shape.NoFrame)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.itemActivated.connect(lambda item: self.activated.emit(item.data(ID_ROLE)))
        self.list.setSpacing(1)
        self.list.setMinimumHeight(self.fontMetrics().height() * 2)  # the grid may be low; the list scrolls
        self._base = self.list.palette().base().color()
        layout.addWidget(self.head)
        layout.addWidget(self.list, 1)
        self.day: dt.date | None = None

    def show_day(self, gctx, day: dt.date, view: CalendarView, entries: list[Entry], *, in_range: bool,
                 detailed: bool, freezes: list) -> None:
        self.day = day
        today = gctx.app.clock.now().astimezone(view.tz).date()
        head = f"<b>{day.day}</b>" if day == today else str(day.day)
        if freezes:
            head += " " + FREEZE + QCoreApplication.translate("calendar", "冻结期")
        self.head.setText(head)
        self.head.setEnabled(in_range)
        self.setToolTip("\n".join(freeze_text(f, view.tz) for f in freezes))
        for w in (self, self.list):  # the whole day tinted, so a freeze reads at a glance
            palette = w.palette()
            palette.setColor(w.backgroundRole(), FREEZE_TINT if freezes else self._base)
            w.setPalette(palette)
        self.list.clear()
        self.list.setWordWrap(detailed)  # a week cell is wide enough to wrap; a month cell elides
        size = self.fontMetrics().height() * 2 // 3
        for e in entries:
            # A month cell has room for one line (the title elided); a week cell for three.
            text = (f"{marks(e)}{window_text(e, view.tz)}\n{e.number}\n{e.title}" if detailed
                    else f"{marks(e)}{e.number} {e.title}")
            item = QListWidgetItem(swatch(e.color, size), text)
            item.setData(ID_ROLE, e.id)
            item.setToolTip(tooltip(gctx, e, view))
            if e.conflicts or e.timing:
                item.setForeground(QBrush(CONFLICT_COLOR))
            self.list.addItem(item)
