"""The release register as a Qt table model that reads pages from the database on demand.

Only the pages the view asks for are fetched (200 rows each, a few milliseconds); the row
count comes from one COUNT per filter change. Scrolling to the end of 100 000 releases reads
the last page, not the 99 800 before it. Sorting and filtering happen in SQL
(relgui.services.register); this model only caches and presents.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import OrderedDict
from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtGui import QBrush, QColor

from relgui.domain.errors import RelguiError
from relgui.gui import icons
from relgui.services import register
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


def local(value: dt.datetime | None) -> str:
    return "" if value is None else value.astimezone().strftime("%Y-%m-%d %H:%M")


class RegisterModel(QAbstractTableModel):
    failed = Signal(str)        # a page could not be read (the status bar says why)
    counted = Signal(int)       # the number of matching releases changed

    def __init__(self, gctx, parent=None):
        super().__init__(parent)
        self.gctx = gctx
        self.query = RegisterQuery(limit=PAGE, sort="number", descending=True)
        self.total = 0
        self._pages: OrderedDict[int, list[RegisterRow]] = OrderedDict()
        self._marks: dict[int, frozenset[str]] = {}  # conflict / freeze, per release on a read page
        self.fetches = 0

    # ---------------------------------------------------------------- loading
    def set_query(self, query: RegisterQuery) -> None:
        self.query = dataclasses.replace(query, limit=PAGE, offset=0)
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self._pages.clear()
        self._marks.clear()
        try:
            self.total = register.count(self.gctx.app, self.query)
        except RelguiError as exc:
            self.total = 0
            self.failed.emit(exc.message(self.gctx.lang))
        self.endResetModel()
        self.counted.emit(self.total)

    def _page(self, n: int) -> list[RegisterRow]:
        if n in self._pages:
            self._pages.move_to_end(n)
            return self._pages[n]
        q = dataclasses.replace(self.query, offset=n * PAGE)
        try:
            rows = register.page(self.gctx.app, q, total=self.total).rows
        except RelguiError as exc:
            self.failed.emit(exc.message(self.gctx.lang))
            return []
        self.fetches += 1
        self._pages[n] = rows
        self._marks.update(self._plan_marks(rows))
        while len(self._pages) > MAX_PAGES:
            self._pages.popitem(last=False)
        return rows

    def _plan_marks(self, rows: list[RegisterRow]) -> dict[int, frozenset[str]]:
        """Overlapping work on the same configuration items, windows in a freeze: one query per
        page, only for releases still to be carried out (the others are history)."""
        from relgui.services import calendar

        open_ids = [r.id for r in rows if r.status not in ("closed", "rejected", "cancelled")]
        if not open_ids:
            return {}
        try:
            return calendar.flags(self.gctx.app, open_ids)
        except RelguiError:
            return {}

    def row_at(self, row: int) -> RegisterRow | None:
        if not 0 <= row < self.total:
            return None
        rows = self._page(row // PAGE)
        i = row % PAGE
        return rows[i] if i < len(rows) else None

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
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr(COLUMNS[section].title)
        return None

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        key = COLUMNS[column].sort
        descending = order == Qt.SortOrder.DescendingOrder
        if (key, descending) != (self.query.sort, self.query.descending):
            self.query = dataclasses.replace(self.query, sort=key, descending=descending)
            self.reload()

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.row_at(index.row())
        if row is None:
            return QCoreApplication.translate("RegisterModel", "读取中…") if role == Qt.ItemDataRole.DisplayRole and index.column() == 0 else None
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
        if key in ("planned_start", "planned_end", "closed_at", "updated_at"):
            return local(getattr(row, key))
        if key == "deadline":
            return deadline_text(row, self.gctx.app.clock.now())
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
            return deadline_text(row, self.gctx.app.clock.now(), long=True)
        if key == "planned_start" and self._marks.get(row.id):
            marks = self._marks[row.id]
            texts = []
            if "conflict" in marks:
                texts.append(QCoreApplication.translate("RegisterModel", "窗口内另有发布涉及同一配置项（见发布日历）"))
            if "freeze" in marks:
                texts.append(QCoreApplication.translate("RegisterModel", "窗口落在冻结期内"))
            return "；".join(texts)
        return None


def deadline_text(row: RegisterRow, now: dt.datetime, long: bool = False) -> str:
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
            parts.append(QCoreApplication.translate("RegisterModel", "CMDB 更新已逾期（应于 {due} 前）").format(due=local(row.cmdb_due_at)))
        elif "cmdb_warn" in row.flags:
            parts.append(QCoreApplication.translate("RegisterModel", "CMDB 更新剩 {h} 小时").format(h=max(0, int(left.total_seconds() // 3600))))
    return "；".join(parts)
