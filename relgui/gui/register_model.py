"""The release register as a Qt table model that reads pages from the database on demand.

Only the pages the view asks for are fetched (200 rows each, a few milliseconds); the row
count comes from one COUNT per filter change. Scrolling to the end of 100 000 releases reads
the last page, not the 99 800 before it. Sorting and filtering happen in SQL
(relgui.services.register); this model only caches and presents.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import time
from collections import OrderedDict
from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor

from relgui.domain import timeutil
from relgui.domain.errors import RelguiError, StorageUnavailable
from relgui.gui import icons, ops
from relgui.gui.cells import OneCallPerCell
from relgui.gui.i18n import QT_TRANSLATE_NOOP
from relgui.services import calendar, company, register
from relgui.services.register import RegisterQuery, RegisterRow

PAGE = 200
MAX_PAGES = 40
ID_ROLE = Qt.ItemDataRole.UserRole
ROW_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    sort: str


COLUMNS = [
    Column("number", QT_TRANSLATE_NOOP("RegisterModel", "编号"), "number"),
    Column("title", QT_TRANSLATE_NOOP("RegisterModel", "标题"), "title"),
    Column("type", QT_TRANSLATE_NOOP("RegisterModel", "发布类型"), "type"),
    Column("status", QT_TRANSLATE_NOOP("RegisterModel", "状态"), "status"),
    Column("stage", QT_TRANSLATE_NOOP("RegisterModel", "阶段"), "stage"),
    Column("outcome", QT_TRANSLATE_NOOP("RegisterModel", "结果"), "outcome"),
    Column("systems", QT_TRANSLATE_NOOP("RegisterModel", "涉及系统"), "systems"),
    Column("owner", QT_TRANSLATE_NOOP("RegisterModel", "负责人"), "owner"),
    Column("planned_start", QT_TRANSLATE_NOOP("RegisterModel", "计划开始"), "planned_start"),
    Column("planned_end", QT_TRANSLATE_NOOP("RegisterModel", "计划结束"), "planned_end"),
    Column("closed_at", QT_TRANSLATE_NOOP("RegisterModel", "关闭时间"), "closed_at"),
    Column("updated_at", QT_TRANSLATE_NOOP("RegisterModel", "更新时间"), "updated_at"),
    Column("deadline", QT_TRANSLATE_NOOP("RegisterModel", "期限"), "deadline"),
]
COLUMN = {c.key: i for i, c in enumerate(COLUMNS)}


def tr(text: str) -> str:
    """A column title (marked with QT_TRANSLATE_NOOP above) in the current language."""
    return QCoreApplication.translate("RegisterModel", text)


def _backoff(attempts: int) -> float:
    return float(RETRY_SECONDS[min(attempts, len(RETRY_SECONDS)) - 1])


def _read_page(app, query: RegisterQuery, total: int, zone: bool = False
               ) -> tuple[list[RegisterRow], dict[int, frozenset[str]], str | None]:
    """One page and its planning marks (on a worker). Overlapping work on the same
    configuration items, windows in a freeze: one query per page, only for releases still to be
    carried out (the others are history); the marks are left out when they cannot be read.
    With ``zone``, also the company's time zone (read once, and again after a change of the
    company settings: every time shown is in that zone)."""
    tz_name = company.timezone(app) if zone else None
    rows = register.page(app, query, total=total).rows
    open_ids = [r.id for r in rows if r.status not in ("closed", "rejected", "cancelled")]
    marks: dict[int, frozenset[str]] = {}
    if open_ids:
        try:
            marks = calendar.flags(app, open_ids)
        except RelguiError:
            marks = {}
    return rows, marks, tz_name


def _count_and_page(app, query: RegisterQuery, n: int, zone: bool = False
                    ) -> tuple[int, int, tuple[list[RegisterRow], dict[int, frozenset[str]], str | None] | None]:
    """The count and the page on screen, in one op (on a worker): a filter change or a change
    notice is one round of work, not a count and then, once it has arrived and the view has
    painted, a page (the page read beside that paint took 125 ms instead of ~15: the paint held
    the GIL). ``n`` is the page wanted; beyond the new count, the last page. (total, page, its
    reading or None when there are no rows)."""
    total = register.count(app, query)
    if total <= 0:
        return total, 0, None
    n = min(max(0, n), (total - 1) // PAGE)
    return total, n, _read_page(app, dataclasses.replace(query, offset=n * PAGE), total, zone)


TIME_COLUMNS = ("planned_start", "planned_end", "closed_at", "updated_at")


RETRY_SECONDS = (2, 4, 8, 15, 30, 60)  # backoff for a page (or count) the database did not give


class RegisterModel(OneCallPerCell, QAbstractTableModel):
    """Pages are read on workers (gui/ops.py): ``data()`` never waits for the database. A page
    not read yet shows 读取中… and is asked for once; a page that could not be read is marked
    (读取失败) and asked for again only when its backoff has passed (2 s, 4 s … 60 s, on
    ``clock``, a monotonic seconds function a test may replace), never once per paint. After
    a change the pages shown are kept on screen until their new reading arrives."""

    failed = Signal(str)        # a page could not be read (the status bar says why)
    counted = Signal(int)       # the number of matching releases changed
    page_loaded = Signal(int)   # a page arrived (its number)

    def __init__(self, gctx, parent=None, clock=time.monotonic):
        super().__init__(parent)
        self.gctx = gctx
        self.clock = clock
        self.query = RegisterQuery(limit=PAGE, sort="number", descending=True)
        self.total = 0
        self.counted_once = False
        self._pages: OrderedDict[int, list[RegisterRow]] = OrderedDict()
        self._stale: dict[int, list[RegisterRow]] = {}   # shown until their new reading arrives
        self._pending: set[int] = set()
        self._failed: dict[int, tuple[float, int]] = {}  # page -> (retry at, attempts)
        self._marks: dict[int, frozenset[str]] = {}  # conflict / freeze, per release on a read page
        self._generation = 0
        self._count_op = None
        self._count_again = False
        self._first_page = False  # the query changed since the last count: read its first page
        self._count_failed: tuple[float, int] | None = None
        self.fetches = 0          # page reads started
        # The company's time zone, the one every time here is shown in (read with the first page,
        # again after the company settings changed); None until then (no row is shown before).
        self.tz: dt.tzinfo | None = None
        gctx.notifier.changed.connect(self._heard)
        self.retry_timer = QTimer(self, singleShot=True)
        self.retry_timer.timeout.connect(self.retry_due)

    def _heard(self, changes) -> None:
        if "company" in changes.entities or "*" in changes.entities:
            self.tz = None  # asked for again with the next page

    def zone_label(self) -> str:
        """'' when the company's zone shows the same wall-clock time as this computer's; else
        the company's UTC offset now ("UTC+8"), said wherever a time could be read as local."""
        if self.tz is None:
            return ""
        now = self.gctx.app.clock.now()
        if not timeutil.differs_from_local(self.tz, now):
            return ""
        return timeutil.offset_name(self.tz, now)

    # ---------------------------------------------------------------- loading
    @property
    def busy(self) -> bool:
        return self._count_op is not None or bool(self._pending)

    def set_query(self, query: RegisterQuery) -> None:
        self.query = dataclasses.replace(query, limit=PAGE, offset=0)
        self._stale.clear()
        self.reload(first=True)

    def reload(self, first: bool = False) -> None:
        """Count again and read the page shown (``first``: the first page, for another query),
        in one op on a worker; the other pages are read again as they are shown."""
        self._generation += 1
        self._first_page = self._first_page or first
        if self._count_op is not None:
            self._count_again = True
            return
        generation, query = self._generation, self.query
        # The page painted last (_page moves it last), or the first one for another query.
        shown = 0 if self._first_page or not self._pages else next(reversed(self._pages))
        self._first_page = False
        self._count_op = ops.run(None, self.gctx, _count_and_page, self.gctx.app, query, shown, self.tz is None,
                                 quiet=True, owner=self,
                                 on_done=lambda got: self._counted(generation, got),
                                 on_failed=lambda exc: self._count_lost(generation, exc))
        self._count_op.finished.connect(self._count_finished)

    def _count_finished(self) -> None:
        self._count_op = None
        if self._count_again:
            self._count_again = False
            self._generation -= 1  # reload() moves it on again
            self.reload()

    def _counted(self, generation: int, got) -> None:
        if generation != self._generation:
            return  # a newer reload is under way
        total, n, page = got
        self.gctx.notifier.available()
        self._count_failed = None
        self.beginResetModel()
        self._stale.update(self._pages)
        self._pages.clear()
        self._pending.clear()
        self._failed.clear()
        self.total = total
        self.counted_once = True
        self.endResetModel()
        if page is not None:
            self._arrived(generation, n, page)  # before the view paints: one paint, with the rows
        self.counted.emit(self.total)

    def _count_lost(self, generation: int, exc) -> None:
        if not isinstance(exc, RelguiError):
            return
        self._lost(exc)
        attempts = self._count_failed[1] + 1 if self._count_failed else 1
        self._count_failed = (self.clock() + _backoff(attempts), attempts)
        self._arm()

    def _lost(self, exc: RelguiError) -> None:
        if isinstance(exc, StorageUnavailable):
            self.gctx.notifier.unavailable(self.gctx.now())
        self.failed.emit(exc.message(self.gctx.lang))

    def _fetch(self, n: int) -> None:
        if n in self._pending or n in self._pages:
            return  # (before the import below: a paint asks up to 1 800 times while a page is on its way)

        failed = self._failed.get(n)
        if failed is not None and self.clock() < failed[0]:
            return  # marked: asked again when its backoff has passed (retry_due)
        self._pending.add(n)
        self.fetches += 1
        generation, query = self._generation, dataclasses.replace(self.query, offset=n * PAGE)
        ops.run(None, self.gctx, _read_page, self.gctx.app, query, self.total, self.tz is None, quiet=True, owner=self,
                on_done=lambda got: self._arrived(generation, n, got),
                on_failed=lambda exc: self._page_lost(generation, n, exc))

    def _arrived(self, generation: int, n: int, got) -> None:
        if generation != self._generation:
            return
        rows, marks, tz_name = got
        self.gctx.notifier.available()
        if tz_name is not None:
            tz = company.zone(tz_name)
            self.gctx.company_tz = tz  # the other views show their times in it too (gui/zone.py)
            if tz != self.tz:
                self.tz = tz
                self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
                for page, loaded in self._pages.items():  # rows read before show the new zone
                    if loaded:
                        self.dataChanged.emit(self.index(page * PAGE, 0),
                                              self.index(page * PAGE + len(loaded) - 1, len(COLUMNS) - 1))
        self._pending.discard(n)
        self._failed.pop(n, None)
        self._stale.pop(n, None)
        self._pages[n] = rows
        self._marks.update(marks)
        while len(self._pages) > MAX_PAGES:
            self._pages.popitem(last=False)
        last = min(self.total, (n + 1) * PAGE) - 1
        if last >= n * PAGE:
            self.dataChanged.emit(self.index(n * PAGE, 0), self.index(last, len(COLUMNS) - 1))
        self.page_loaded.emit(n)

    def _page_lost(self, generation: int, n: int, exc) -> None:
        if generation != self._generation:
            return
        self._pending.discard(n)
        if not isinstance(exc, RelguiError):
            return
        attempts = self._failed[n][1] + 1 if n in self._failed else 1
        self._failed[n] = (self.clock() + _backoff(attempts), attempts)
        self._lost(exc)
        last = min(self.total, (n + 1) * PAGE) - 1
        if last >= n * PAGE:
            self.dataChanged.emit(self.index(n * PAGE, 0), self.index(last, 0))
        self._arm()

    def _arm(self) -> None:
        """The retry timer, for the earliest page (or count) whose backoff ends."""
        due = [at for at, _ in self._failed.values()]
        if self._count_failed:
            due.append(self._count_failed[0])
        if due:
            self.retry_timer.start(max(0, int((min(due) - self.clock()) * 1000)) + 10)

    def retry_due(self) -> None:
        """Ask again for the count and the pages whose backoff has passed."""
        now = self.clock()
        if self._count_failed is not None and now >= self._count_failed[0] and self._count_op is None:
            self._count_failed = (float("inf"), self._count_failed[1])  # until this attempt ends
            self.reload()
        for n, (at, _attempts) in list(self._failed.items()):
            if now >= at:
                self._fetch(n)
        self._arm()

    def has_page(self, n: int) -> bool:
        return n in self._pages

    def page_failed(self, n: int) -> bool:
        return n in self._failed

    def _page(self, n: int) -> list[RegisterRow] | None:
        if n in self._pages:
            self._pages.move_to_end(n)
            return self._pages[n]
        self._fetch(n)
        return self._stale.get(n)

    def row_at(self, row: int) -> RegisterRow | None:
        """The row if its page is here (else None: its page is asked for)."""
        if not 0 <= row < self.total:
            return None
        rows = self._page(row // PAGE)
        i = row % PAGE
        return rows[i] if rows is not None and i < len(rows) else None

    def row_of(self, release_id: int) -> int:
        """Where a release is among the pages already read (-1 when not loaded)."""
        for n, rows in self._pages.items():
            for i, r in enumerate(rows):
                if r.id == release_id:
                    return n * PAGE + i
        return -1

    # ---------------------------------------------------------------- Qt model
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else self.total

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal:
            return None
        key = COLUMNS[section].key
        if role == Qt.ItemDataRole.DisplayRole:
            zone = self.zone_label() if key in TIME_COLUMNS else ""
            return f"{tr(COLUMNS[section].title)} ({zone})" if zone else tr(COLUMNS[section].title)
        if role == Qt.ItemDataRole.ToolTipRole and key in TIME_COLUMNS and self.tz is not None:
            return QCoreApplication.translate("RegisterModel", "公司时区：{zone}").format(
                zone=timeutil.zone_name(self.tz))
        return None

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        key = COLUMNS[column].sort
        descending = order == Qt.SortOrder.DescendingOrder
        if (key, descending) != (self.query.sort, self.query.descending):
            self.query = dataclasses.replace(self.query, sort=key, descending=descending)
            self._stale.clear()
            self.reload()

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.row_at(index.row())
        if row is None:
            if role == Qt.ItemDataRole.DisplayRole and index.column() == 0:
                if self.page_failed(index.row() // PAGE):
                    return QCoreApplication.translate("RegisterModel", "读取失败，稍后自动重试")
                return QCoreApplication.translate("RegisterModel", "读取中…")
            return None
        key = COLUMNS[index.column()].key
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, key)
        if role == ID_ROLE:
            return row.id
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.DecorationRole:
            return self._icon(row, key)
        if role == Qt.ItemDataRole.ForegroundRole and key == "deadline" and row.flags:
            return QBrush(QColor("#c62828" if any(f.endswith("overdue") for f in row.flags) else "#ef6c00"))
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, key)
        return None

    def _text(self, row: RegisterRow, key: str) -> str:
        p, lang = self.gctx.profile, self.gctx.lang
        if key == "type":
            return p.release_types[row.type].label(lang) if row.type in p.release_types else row.type
        if key == "status":
            return p.statuses[row.status].label(lang)
        if key == "stage":
            stage = p.stage_of(row.status)
            return next((s.label(lang) for s in p.stages if s.key == stage), "—")
        if key == "outcome":
            return p.outcomes[row.outcome].label(lang) if row.outcome in p.outcomes else ""
        if key in TIME_COLUMNS:
            return timeutil.shown(getattr(row, key), self.tz)
        if key == "deadline":
            return deadline_text(row, self.gctx.app.clock.now(), tz=self.tz)
        return str(getattr(row, key) or "")

    def _icon(self, row: RegisterRow, key: str):
        p = self.gctx.profile
        if key == "type" and row.type in p.release_types:
            return icons.swatch(p.release_types[row.type].color)
        if key == "status":
            return icons.status(row.status, row.outcome)
        if key == "deadline" and row.flags:
            return icons.warning()
        if key == "planned_start" and self._marks.get(row.id):
            return icons.warning()
        return None

    def _tooltip(self, row: RegisterRow, key: str) -> str | None:
        if key == "title":
            return row.title
        if key == "type":
            t = self.gctx.profile.release_types.get(row.type)
            return t.definition_text(self.gctx.lang) if t else None
        if key == "deadline" and row.flags:
            return deadline_text(row, self.gctx.app.clock.now(), long=True, tz=self.tz)
        if key == "planned_start" and self._marks.get(row.id):
            marks = self._marks[row.id]
            texts = []
            if "conflict" in marks:
                texts.append(QCoreApplication.translate("RegisterModel", "窗口内另有发布涉及同一配置项（见发布日历）"))
            if "freeze" in marks:
                texts.append(QCoreApplication.translate("RegisterModel", "窗口落在冻结期内"))
            return "；".join(texts)
        return None


def deadline_text(row: RegisterRow, now: dt.datetime, long: bool = False, tz: dt.tzinfo | None = None) -> str:
    """The most urgent open deadline: rollback decision (30 min) before CMDB update (24 h)."""
    parts = []
    if row.decision_due_at is not None:
        left = row.decision_due_at - now
        if left.total_seconds() < 0:
            parts.append(QCoreApplication.translate("RegisterModel", "回退决策已逾期 {m} 分钟").format(m=int(-left.total_seconds() // 60)))
        else:
            parts.append(QCoreApplication.translate("RegisterModel", "回退决策剩 {m} 分钟").format(m=int(left.total_seconds() // 60)))
    if row.cmdb_due_at is not None and ("cmdb_overdue" in row.flags or "cmdb_warn" in row.flags or long):
        left = row.cmdb_due_at - now
        if "cmdb_overdue" in row.flags:
            parts.append(QCoreApplication.translate("RegisterModel", "CMDB 更新已逾期（应于 {due} 前）").format(
                due=timeutil.shown(row.cmdb_due_at, tz)))
        elif "cmdb_warn" in row.flags:
            parts.append(QCoreApplication.translate("RegisterModel", "CMDB 更新剩 {h} 小时").format(
                h=max(0, int(left.total_seconds() // 3600))))
    return "；".join(parts)
